"""The neckline of a product shot: the garment's inside back and the label sewn in it, seen through the
opening, taken out so that worn the opening shows the wearer.

A brand label sewn inside the back neck and seen through the neckline of a product shot:
worn, it is hidden, so it is painted over with the fabric round it (`neck_lining` cuts a label out
with a shaded lining; this one sits on an inside back of the front's own fabric, where no shade tells
the opening, and cut out alone it left a square notch in the collar).

The garment's inside back seen through the neckline, read by the neckline's outline rather than by
its shade: a white inside back under a white scoop, a pink V whose back shows a shade deeper, are
nowhere near dark enough for `neck_lining`'s shade test, yet a neckline's edge encloses them.

The garment's inside back seen through the neckline of a product shot: worn, that opening shows
the wearer's neck and chest, so it is cut from the garment's alpha (`neck_lining`). A lining no shade
tells from the front is read by the neckline's outline (`neck_opening`).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.silhouette_rows import runs, spans
from tryon.shared.components import components_with_stats

LABEL_LIGHT = 1.6     # a label is at least this many times the front's usual lightness (its median), or as many times darker
LABEL_WIDTH = (0.08, 0.35)  # its width, as a share of the shoulder width
LABEL_TOP = 0.15       # it starts this close below the back collar's top (shoulder widths)
LABEL_CENTRED = 0.25   # its middle is this close to the garment's centre, as a share of its width
LABEL_SQUARE = 0.75    # share of its bounding box its filled outline covers: a label is a rectangle
LABEL_FRONT = 0.1      # the front lies at least this wide beside it on each side (shoulder widths)
LABEL_INPAINT = 3      # px round each label pixel the fabric painted over it is taken from
# px round the label its edge is blurred into the fabric: painted over with it, or a dark label's rim
# stayed as a grey outline of the label on a white collar
LABEL_RIM = 2


def without_label(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """`rgb` with a label inside the back neck painted over with the fabric round it (as is, if none)."""
    label = neck_label(rgb, m, points)
    if not label.any():
        return rgb
    grown = cv2.dilate(label.astype(np.uint8), np.ones((2 * LABEL_RIM + 1,) * 2, np.uint8)) > 0
    out = cv2.inpaint(rgb, grown.astype(np.uint8), LABEL_INPAINT, cv2.INPAINT_TELEA)
    # the fabric beside the label, a label's width away, copied over it: the inpaint alone is a smooth
    # smear, a grey patch in a check's or print's neckline; the inpaint stays where neither side is fabric
    ys, xs = np.nonzero(grown)
    shift = int(xs.max() - xs.min()) + 1
    h, w = grown.shape
    for step in (-shift, shift):
        sx = xs + step
        ok = (sx >= 0) & (sx < w)
        ok[ok] = m[ys[ok], sx[ok]] & ~grown[ys[ok], sx[ok]]
        out[ys[ok], xs[ok]] = rgb[ys[ok], sx[ok]]
        ys, xs = ys[~ok], xs[~ok]
    return out


def neck_label(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The label's pixels (a filled rectangle much lighter or darker than the front, centred just below the
    collar's top, with the front on both sides), or none. Its own dark lettering is inside its
    outline; a print's light strokes are thin, off-centre or not rectangular."""
    sl, sr, neck = points["shoulder_l"], points["shoulder_r"], points["neck"]
    sw = float(sr[0] - sl[0])
    none = np.zeros(m.shape, bool)
    if sw <= 4:
        return none
    cx, top = float(neck[0]), int(neck[1])
    y1 = min(m.shape[0], int(top + (LABEL_TOP + LABEL_WIDTH[1]) * sw))
    lum = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    band = np.zeros(m.shape, bool)
    band[max(0, top):y1] = m[max(0, top):y1]
    if not band.any():
        return none
    usual = float(np.median(lum[band]))
    # a light label on a dark front, or a dark one (a black woven label) on a light front
    outlines = []
    for apart in ((lum > LABEL_LIGHT * usual) & band, (lum * LABEL_LIGHT < usual) & band):
        closed = cv2.morphologyEx(apart.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
        outlines += cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0]
    label = np.zeros(m.shape, np.uint8)
    front = LABEL_FRONT * sw
    for c in outlines:
        x, y, w, h = cv2.boundingRect(c)
        filled = np.zeros(m.shape, np.uint8)
        cv2.drawContours(filled, [c], -1, 1, thickness=-1)
        row = np.flatnonzero(m[y + h // 2])
        if (LABEL_WIDTH[0] * sw <= w <= LABEL_WIDTH[1] * sw and h <= w and y <= top + LABEL_TOP * sw
                and abs(x + w / 2 - cx) <= LABEL_CENTRED * w and filled.sum() >= LABEL_SQUARE * w * h
                and row.size and x - row[0] >= front and row[-1] - (x + w) >= front):
            cv2.rectangle(label, (x, y), (x + w - 1, y + h - 1), 1, thickness=-1)
    return label.astype(bool)


OPENING_DESPECKLE = 0.04  # shoulder widths: a label's lettering and a print's fine strokes are no edge of the opening
# weights of Lab a/b against lightness in the two readings of the edges: by light (a lining a shade
# deeper than the front), then by hue (a lining of another colour than a front whose sheen varies its light)
OPENING_CHROMA = (2.0, 4.0)
OPENING_SIDES = 0.55      # garment this far (shoulder widths) either side of the centre is front: shoulders and sleeves
NECKLINE_MIRROR = 0.7     # a neckline is symmetric about its middle: the opening and its mirror overlap this much (IoU)
OPENING_CONTRAST = 1.0    # the colour step across its outline is at least the spread of the front beside it
OPENING_STEP = 5.0        # ... and at least this Lab distance, seen at a glance (2.3 is the least one can see)
OPENING_RING = 3          # px each side of the outline the colour step is measured over
OPENING_AREA = 0.002      # share of the garment an opening covers at least (a stray fleck is none)


def neck_opening(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray], depth: int, rim: int, k: int,
                 narrows: float, centred: float) -> np.ndarray:
    """The region the neckline encloses below the back collar, or none.

    Flooded over the photo's colour edges (a watershed) from just below the back collar at the centre,
    against the front flooding in from below `depth` and from the shoulders: the region it gets is
    bounded by the strongest outline between them, the neckline. The edges are read by light first,
    then by hue (a teal inside back under a blue velvet whose sheen varies its light more than the
    lining differs in it). It is an opening only if that outline is one: the front lies beside it in
    every row below the back collar's curve (past the outline's `rim`), it closes above `depth`,
    narrows to its dip (its last row at most `narrows` of its widest) and is no rectangle (a label's
    sides run straight, its corners square), is centred (to `centred` of its width) and
    mirror-symmetric, and differs from the front across its outline by more than the front varies
    there (a print's patch, a velvet's sheen, a seam's shadow do not)."""
    sl, sr, neck = points["shoulder_l"], points["shoulder_r"], points["neck"]
    sw = float(sr[0] - sl[0])
    none = np.zeros(m.shape, bool)
    cx = int(neck[0])
    half = k // 2
    if sw <= 4 or cx - half < 0 or cx + half >= m.shape[1]:
        return none
    calm = cv2.medianBlur(rgb, max(3, int(OPENING_DESPECKLE * sw) | 1))
    lab = cv2.cvtColor(cv2.GaussianBlur(calm, (0, 0), 1.5), cv2.COLOR_RGB2LAB).astype(np.float32)
    markers = np.where(m, 0, 1).astype(np.int32)
    markers[depth:][m[depth:]] = 2
    sides = np.abs(np.arange(m.shape[1]) - cx) > OPENING_SIDES * sw
    markers[:, sides] = np.where(m[:, sides], 2, markers[:, sides])
    tops = spans(m[:, cx - half:cx + half + 1], axis=0)[0]
    for x, t in zip(range(cx - half, cx + half + 1), tops):
        markers[t + rim + k:t + rim + 2 * k, x] = 3  # below the back collar band and a label sewn on it
    for chroma in OPENING_CHROMA:
        weights = np.float32([1.0, chroma, chroma])
        shown = cv2.normalize(lab * weights, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
        region = cv2.watershed(shown, markers.copy()) == 3
        region = cv2.dilate(region.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & m  # over the ridge
        if _is_opening(region, m, lab, weights, cx, depth, rim, k, narrows, centred):
            # the flood's ridge steps from pixel to pixel: smoothed over the rim, the neckline is a curve
            return (cv2.GaussianBlur(region.astype(np.float32), (0, 0), rim) > 0.5) & m
    return none


def _is_opening(region: np.ndarray, m: np.ndarray, lab: np.ndarray, weights: np.ndarray, cx: int, depth: int,
                rim: int, k: int, narrows: float, centred: float) -> bool:
    """Whether the flooded `region` is a neck opening (the tests `neck_opening` names)."""
    if region.sum() < OPENING_AREA * m.sum() or region[depth - k:depth].any():
        return False
    rows = np.flatnonzero(region.any(axis=1))
    below_collar = region.copy()
    below_collar[:rows[0] + k] = False  # the back collar's top curves up into the shoulders over these rows
    if not inside_the_front(below_collar, m, 2 * rim):
        return False
    widths = region.sum(axis=1)[rows]
    cols = np.flatnonzero(region.any(axis=0))
    mid = (cols[0] + cols[-1]) / 2
    box = (cols[-1] - cols[0] + 1) * rows.size
    if (widths[-1] > narrows * widths.max() or abs(mid - cx) > centred * (cols[-1] - cols[0] + 1)
            or region.sum() >= LABEL_SQUARE * box):  # a label sewn on an inside back of the front's fabric
        return False
    return _mirror_overlap(region, mid) >= NECKLINE_MIRROR and _stands_out(lab, weights, region, m, rim)


def symmetric(region: np.ndarray, centred: float) -> np.ndarray:
    """The part of `region` whose mirror image is in it too, about the column (within `centred` of its
    width from its middle, in half pixels) that keeps the most of it: a neckline is symmetric about
    its own middle, which a product shot's measured neck point can miss by a few pixels."""
    cols = np.flatnonzero(region.any(axis=0))
    if cols.size == 0:
        return region
    rows = np.flatnonzero(region.any(axis=1))
    crop = region[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    w = crop.shape[1]
    reach = int(centred * w)
    # the pixels kept about each axis at once: summed over the rows, each row's convolution with itself
    # (at index s, the pixel pairs at columns x and s - x), made by one FFT
    spectrum = np.fft.rfft(crop.astype(np.float32), n=2 * w, axis=1)
    kept = np.fft.irfft((spectrum * spectrum).sum(axis=0), n=2 * w)
    lo, hi = max(0, w - 1 - 2 * reach), min(2 * w - 2, w - 1 + 2 * reach)
    twice_mid = lo + int(np.argmax(np.round(kept[lo:hi + 1])))  # twice the axis column, in the crop
    src = twice_mid - np.arange(w)
    ok = (src >= 0) & (src < w)
    best = np.zeros_like(crop)
    best[:, ok] = crop[:, ok] & crop[:, src[ok]]
    out = np.zeros_like(region)
    out[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1] = best
    return out


def _mirror_overlap(region: np.ndarray, mid: float) -> float:
    """IoU of `region` with its mirror image about column `mid`."""
    ys, xs = np.nonzero(region)
    xm = np.round(2 * mid - xs).astype(int)
    ok = (xm >= 0) & (xm < region.shape[1])
    mirror = np.zeros_like(region)
    mirror[ys[ok], xm[ok]] = True
    return float((region & mirror).sum() / max(1, (region | mirror).sum()))


def _stands_out(lab: np.ndarray, weights: np.ndarray, region: np.ndarray, m: np.ndarray, rim: int) -> bool:
    """Whether the colour just inside `region`'s outline differs from the front's just outside it
    visibly (OPENING_STEP) and, in the reading's `weights`, by more than the front's own spread
    (interquartile) there."""
    core = cv2.erode(m.astype(np.uint8), np.ones((2 * rim + 1,) * 2, np.uint8)).astype(bool)
    band = np.ones((2 * OPENING_RING + 1,) * 2, np.uint8)
    r8 = region.astype(np.uint8)
    inner = region & ~cv2.erode(r8, band).astype(bool) & core
    outer = cv2.dilate(r8, band).astype(bool) & m & ~region & core
    if not inner.any() or not outer.any():
        return False
    step = np.median(lab[inner], axis=0) - np.median(lab[outer], axis=0)
    spread = np.percentile(lab[outer], 75, axis=0) - np.percentile(lab[outer], 25, axis=0)
    return bool(np.linalg.norm(step) >= OPENING_STEP
                and np.linalg.norm(step * weights) >= OPENING_CONTRAST * np.linalg.norm(spread * weights))


def inside_the_front(region: np.ndarray, m: np.ndarray, margin: int) -> bool:
    """Whether the garment lies beside `region` on both sides, at least `margin` px, in every row."""
    rows = np.flatnonzero(region.any(axis=1))
    if rows.size == 0:
        return False
    (r_left, r_right), (g_left, g_right) = spans(region[rows]), spans(m[rows])
    return bool(np.all(r_left - g_left >= margin) and np.all(g_right - r_right >= margin))


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


def neck_lining(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The garment's inside back seen through the neckline (a shadowed panel below the top edge at
    the centre). Worn, that opening shows the wearer's neck and chest, so it must not be painted on.

    Shadowed is measured against the front around the neck (the upper band's light majority), not
    the whole garment, whose print can be darker than a grey lining. The opening is a solid panel
    centred under the collar with the front on both sides of it and below it (a dark yoke reaches the
    sides, a stripe runs on down, a print's strokes are thin, off-centre or of another hue, a velvet's
    sheen fades in gradually); a label on the lining is part of it."""
    sl, sr, neck = points["shoulder_l"], points["shoulder_r"], points["neck"]
    sw = float(sr[0] - sl[0])
    none = np.zeros(m.shape, bool)
    if sw <= 4:
        return none
    cx, top = int(neck[0]), int(neck[1])
    y1 = min(m.shape[0], int(max(sl[1], sr[1]) + LINING_DEPTH * sw))
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    lum = lab[..., 0]
    rim = max(2, int(0.015 * sw))  # product photos often outline the garment in a darker rim
    core = cv2.erode(m.astype(np.uint8), np.ones((2 * rim + 1,) * 2, np.uint8)).astype(bool)
    core[y1:] = False
    if not core.any():
        return none
    reference = float(np.percentile(lum[core], FRONT_PERCENTILE))
    smooth = cv2.GaussianBlur(lum, (0, 0), 1.5)
    dark = (smooth < LINING_SHADE * reference) & core
    # an opening this wide drops seams, lapel lines and the shaded edge along the shoulders that joins
    # them to the opening; the dark pixels near what is left give back the opening's corners
    k = max(3, int(LINING_NECK * sw) | 1)
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
    if not lining.any():  # a dark stripe or print joined it: read the opening row by row
        opening, seen = _opening_by_rows(dark, m, cx, top, k, max(2 * rim, int(NECKLINE_FRONT * sw)), y1)
        rows_in = np.flatnonzero(opening.any(axis=1))
        if (rows_in.size >= k and rows_in[0] <= top + rim + LINING_TOP * sw
                and _narrows(opening) and opening.sum() >= 0.002 * m.sum()
                and _shade_of(lab, seen & dark, front) and _crisp_edge(smooth, slope, seen & dark, front)):
            lining = opening.astype(np.uint8)
    if not lining.any():  # no shade tells it: read the opening by the neckline's outline
        lining = neck_opening(rgb, m, points, y1, rim, k, NECKLINE_NARROWS, LINING_CENTRED).astype(np.uint8)
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
