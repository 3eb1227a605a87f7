"""The garment's inside back seen through the neckline of a product shot: worn, that opening shows
the wearer's neck and chest, so it is cut from the garment's alpha (`neck_lining`). A lining no shade
tells from the front is read by the neckline's outline (`neck_outline.neck_opening`); on a striped or
checked fabric, both are read on the print's light strokes.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.neck_label import neck_frame
from tryon.garment.neck_outline import inside_the_front, neck_opening, symmetric
from tryon.garment.silhouette_rows import runs, spans
from tryon.shared.components import components_with_stats

LINING_DEPTH = 0.9           # the lining is looked for down to this many shoulder widths below the seams
LINING_SHADE = 0.75          # the lining is at most this share of the front's lightness
LINING_NECK = 0.045          # an opening is at least this thick (shoulder widths): seams, lapel lines and shaded edges are thinner
LINING_SOLID = 0.8           # share of its outline's inside the lining's shade fills (a label is the rest)
LINING_TOP = 0.08            # ... and starts this close below the back collar's top
LINING_CENTRED = 0.25        # ... and is centred under it to this share of its width
LINING_HUE = 10.0            # Lab a/b distance from the front's hue, scaled to the lining's depth
LINING_EDGE = 6.0            # px its border with the front spans at most (a step under the smoothing spans 3.8)
# an opening's sides are the neckline's curve: from one row to the next each moves by at most this many px
# (a 60-degree slope); a dark stripe or print joining the lining widens the dark run at once
NECKLINE_STEP = 2
NECKLINE_FRONT = 0.1         # the front beside a neck opening is at least this wide (shoulder widths) on each side
# an opening's last row is at most this share of its widest (a neckline closes to its dip; a label's sides run straight)
NECKLINE_NARROWS = 0.8
FRONT_PERCENTILE = 75        # the front's lightness: the light majority of the band around the neck
# a stripe's or check's dark strokes are at most this share of the shoulder seams' span wide: closed over, the cloth's
# light strokes are left (`_light_strokes`)
PRINT_STROKE = 0.06
# the mean lightness (0..255) those dark strokes take from the front past which it is printed: a plain cloth's seams,
# folds and outline take about 5, the stripes and checks of the dev set's and the demo shop's shots 15 and more
PRINTED_DEPTH = 10.0
# the back collar's tip left standing beside the cut opening is at most this tall (shoulder widths); a strap is longer
COLLAR_TIP = 0.1


def neck_lining(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The garment's inside back seen through the neckline (a shadowed panel below the top edge at
    the centre). Worn, that opening shows the wearer's neck and chest, so it must not be painted on.

    Shadowed is measured against the front around the neck (`_shaded_opening`); a lining no shade tells is
    read by the neckline's outline. On a striped or checked fabric where neither tells one, the print's dark
    strokes are darker than any shade and cross the outline: both are read again on the fabric's light strokes
    alone (`_light_strokes`), in whose shade the inside back lies, coarser than on the photo."""
    none = np.zeros(m.shape, bool)
    frame = neck_frame(points)
    if frame is None:
        return none
    sw, cx, top = frame[0], int(frame[1]), frame[2]
    y1 = min(m.shape[0], int(max(points["shoulder_l"][1], points["shoulder_r"][1]) + LINING_DEPTH * sw))
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    rim = max(2, int(0.015 * sw))  # product photos often outline the garment in a darker rim
    core = cv2.erode(m.astype(np.uint8), np.ones((2 * rim + 1,) * 2, np.uint8)).astype(bool)
    core[y1:] = False
    if not core.any():
        return none
    k = max(3, int(LINING_NECK * sw) | 1)
    frame_px = (cx, top, sw, y1, rim, k)

    def opening(lab: np.ndarray, rgb: np.ndarray) -> np.ndarray:
        lining = _shaded_opening(lab, m, core, frame_px)
        if lining.any():
            return lining
        # no shade tells it: read the opening by the neckline's outline
        return neck_opening(rgb, m, points, y1, rim, k, NECKLINE_NARROWS, LINING_CENTRED).astype(np.uint8)
    lining = opening(lab, rgb)
    light = None if lining.any() else _light_strokes(lab, max(3, int(PRINT_STROKE * sw) | 1))
    if light is not None and float(np.mean(light[..., 0][core] - lab[..., 0][core])) > PRINTED_DEPTH:
        lining = _hull(opening(light, cv2.cvtColor(light.astype(np.uint8), cv2.COLOR_LAB2RGB))) & m.astype(np.uint8)
    # a neckline is symmetric about its middle; the dark print of the front touching it on one
    # side is not: the opening keeps what both halves show, so its sides follow the neckline's curve
    # (a print patch joined to a V's side drew a square-cornered opening with a vertical side)
    lining = symmetric(lining.astype(bool), LINING_CENTRED).astype(np.uint8)
    if not lining.any():
        return none
    # the back collar above the lining, and a label sewn there, are behind the wearer's neck too
    cols = np.flatnonzero(lining.any(axis=0))
    rows = np.arange(m.shape[0])[:, None]
    top_of, bottom_of = spans(m[:, cols], axis=0)[0], spans(lining[:, cols], axis=0)[1]
    lining[:, cols] |= ((rows >= top_of) & (rows <= bottom_of)).astype(np.uint8)
    grow = 2 * rim + 3  # back over the rim the erosion left out, so no dark line rings the opening
    return cv2.dilate(lining, np.ones((grow, grow), np.uint8)).astype(bool)


def back_collar_tips(m: np.ndarray, lining: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The back collar's rim left standing beside the cut opening (`lining`): above the shoulder seams, touching the
    opening, narrower than any opening (`LINING_NECK`) and short. Worn it is behind the neck; left on, the corners of
    a crew neck's back band rose beside the shopper's neck as two thin spikes."""
    none = np.zeros(m.shape, bool)
    frame = neck_frame(points)
    if frame is None:
        return none
    sw = frame[0]
    sl, sr = points["shoulder_l"], points["shoulder_r"]
    rest = (m & ~lining).astype(np.uint8)
    k = max(3, int(LINING_NECK * sw) | 1)
    thin = (rest > 0) & (cv2.morphologyEx(rest, cv2.MORPH_OPEN, np.ones((k, k), np.uint8)) == 0)
    thin[int(max(sl[1], sr[1])):] = False
    thin[:, :max(0, int(sl[0]))] = False
    thin[:, int(sr[0]) + 1:] = False
    n, parts, stats, _ = components_with_stats(thin.astype(np.uint8), connectivity=8)
    touching = np.bincount(parts[thin & (cv2.dilate(lining.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)],
                           minlength=n) > 0
    tips = touching & (stats[:, cv2.CC_STAT_HEIGHT] <= COLLAR_TIP * sw)
    tips[0] = False
    return tips[parts]


def _light_strokes(lab: np.ndarray, stroke: int) -> np.ndarray:
    """`lab` with its lightness closed by a `stroke` px square: a print's dark strokes narrower than that take the
    light of the cloth between them, so what is left is the fabric's light and shade, not its print."""
    out = lab.copy()
    out[..., 0] = cv2.morphologyEx(lab[..., 0], cv2.MORPH_CLOSE, np.ones((stroke, stroke), np.uint8))
    return out


def _hull(region: np.ndarray) -> np.ndarray:
    """`region` (uint8) filled out to its convex hull: a neckline's opening is convex, and read on light strokes
    closed over a print its sides stepped with the stripes."""
    points = cv2.findNonZero(region)
    out = np.zeros_like(region)
    if points is not None:
        cv2.fillConvexPoly(out, cv2.convexHull(points), 1)
    return out


def _shaded_opening(lab: np.ndarray, m: np.ndarray, core: np.ndarray, frame: tuple[int, int, float, int, int, int]
                    ) -> np.ndarray:
    """The inside back by its shade (uint8 mask, empty if none): darker than the front around the neck (`core`'s
    light majority, not the whole garment, whose print can be darker than a grey lining), a solid panel centred
    under the collar with the front on both sides of it and below it (a dark yoke reaches the sides, a stripe runs
    on down, a print's strokes are thin, off-centre or of another hue, a velvet's sheen fades in gradually); a label
    on the lining is part of it. `frame`: the neck's column, the back collar's top row, the shoulder seams' span,
    the search's last row, the outline's rim and an opening's least thickness (px)."""
    cx, top, sw, y1, rim, k = frame
    lum = lab[..., 0]
    reference = float(np.percentile(lum[core], FRONT_PERCENTILE))
    smooth = cv2.GaussianBlur(lum, (0, 0), 1.5)
    dark = (smooth < LINING_SHADE * reference) & core
    # an opening this wide drops seams, lapel lines and the shaded edge along the shoulders that joins
    # them to the opening; the dark pixels near what is left give back the opening's corners
    candidate = cv2.morphologyEx(dark.astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, labels, stats, _ = components_with_stats(candidate, connectivity=8)
    front = core & ~dark
    slope = np.hypot(cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)) / 8.0
    lining = np.zeros(m.shape, np.uint8)
    for i in range(1, n):
        x, y, w, _, area = stats[i]
        if not (y <= top + rim + LINING_TOP * sw and x <= cx < x + w and area >= 0.002 * m.sum()):
            continue
        part = (cv2.dilate((labels == i).astype(np.uint8), np.ones((k, k), np.uint8)) > 0) & dark
        solid = np.zeros(m.shape, np.uint8)
        outline, _ = cv2.findContours(part.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        cv2.drawContours(solid, outline, -1, 1, thickness=-1)  # with the label sewn on it
        xs = np.flatnonzero(solid.any(axis=0))
        if (not solid[y1 - k:y1].any()  # closes above the search's end: a stripe or a dark body runs on
                and _narrows(solid)  # a label's sides run straight: cut out, it left a square notch
                and abs((xs[0] + xs[-1]) / 2 - cx) < LINING_CENTRED * (xs[-1] - xs[0] + 1)
                and part.sum() >= LINING_SOLID * solid.sum() and inside_the_front(solid, m, 2 * rim)
                and _shade_of(lab, part, front) and _crisp_edge(smooth, slope, part, front)):
            lining |= solid
    if lining.any():
        return lining
    # a dark stripe or print joined it: read the opening row by row
    opening, seen = _opening_by_rows(dark, m, cx, top, k, max(2 * rim, int(NECKLINE_FRONT * sw)), y1)
    rows_in = np.flatnonzero(opening.any(axis=1))
    if (rows_in.size >= k and rows_in[0] <= top + rim + LINING_TOP * sw
            and _narrows(opening) and opening.sum() >= 0.002 * m.sum()
            and _shade_of(lab, seen & dark, front) and _crisp_edge(smooth, slope, seen & dark, front)):
        return opening.astype(np.uint8)
    return lining


def _narrows(region: np.ndarray) -> bool:
    """Whether `region` closes to a dip as a neckline does: its last row at most NECKLINE_NARROWS of its widest."""
    widths = region.sum(axis=1)
    widths = widths[widths > 0]
    return bool(widths[-1] <= NECKLINE_NARROWS * widths.max())


def _opening_by_rows(dark: np.ndarray, m: np.ndarray, cx: int, top: int, k: int, front: int, y1: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The neck opening read row by row down from the back collar, for a lining a dark stripe or print
    joins (one dark region then runs on over the front): each row's dark run through the centre (a zip
    or seam down the middle bridged), with at least `front` px of the front beside it. The opening's
    sides are the neckline's curve, moving at most NECKLINE_STEP px a row. A row whose run stands wider
    than that curve, or reaches the front's sides, is a stripe crossing it: the opening goes on through
    it, its sides drawn straight across, only if below the stripe the run comes back on the curve (the
    inside back of a striped dress is striped too); otherwise it ends above the stripe. A run off the
    centre, or a light centre (the neckline's dip), ends it. Returns the opening and its part in the
    rows whose sides were seen (the lining itself, without the stripes crossing it)."""
    bridged = cv2.morphologyEx(dark.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((1, k), np.uint8)).astype(bool)
    opening, sides = np.zeros(m.shape, bool), np.zeros(m.shape, bool)
    seen = None  # (row, left, right) of the last row whose sides were seen
    for y in range(max(0, top), y1):
        run = next(((a, b) for a, b in runs(bridged[y]) if a <= cx <= b), None)
        garment = np.flatnonzero(m[y])
        if run is None or abs((run[0] + run[1]) / 2 - cx) > LINING_CENTRED * (run[1] - run[0] + 1):
            if seen is None:
                continue
            break
        (a, b), reach = run, NECKLINE_STEP * (y - seen[0]) if seen is not None else 0
        off_curve = seen is not None and (a < seen[1] - reach or b > seen[2] + reach)
        if a - garment[0] < front or garment[-1] - b < front or off_curve:
            continue  # a stripe crossing (or, before the opening, the front)
        if seen is not None:
            for yy in range(seen[0] + 1, y):
                f = (yy - seen[0]) / (y - seen[0])
                left, right = round(seen[1] + f * (a - seen[1])), round(seen[2] + f * (b - seen[2]))
                opening[yy, left:right + 1] = True
        opening[y, a:b + 1], sides[y, a:b + 1] = True, True
        seen = (y, a, b)
    return opening, sides


def _shade_of(lab: np.ndarray, region: np.ndarray, front: np.ndarray) -> bool:
    """Whether `region` is the front's own fabric in shadow: its chroma is the front's, scaled down
    by at most about the same share (a print's coloured strokes on a plain front are not)."""
    f = np.median(lab[front][:, 1:], axis=0) - 128.0
    r = np.median(lab[region][:, 1:], axis=0) - 128.0
    t = float(np.clip(np.dot(r, f) / max(float(np.dot(f, f)), 1e-6), 0.0, 1.0))
    return float(np.linalg.norm(r - t * f)) < LINING_HUE


def _crisp_edge(lum: np.ndarray, slope: np.ndarray, region: np.ndarray, front: np.ndarray) -> bool:
    """Whether `region` meets the front at a sharp edge (a neckline), not across a gradual shade
    (a velvet's sheen): the lightness step over the steepest slope of `lum` at the border, in px."""
    border = region & cv2.dilate(front.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    if not border.any():
        return False
    steepest = float(np.median(cv2.dilate(slope, np.ones((5, 5), np.uint8))[border]))
    step = float(np.median(lum[front]) - np.median(lum[region]))
    return step < LINING_EDGE * steepest
