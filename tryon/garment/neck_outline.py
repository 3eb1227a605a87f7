"""The garment's inside back seen through the neckline of a product shot, read by the neckline's outline rather
than by its shade: a white inside back under a white scoop, a pink V whose back shows a shade deeper, are
nowhere near dark enough for `neckline.neck_lining`'s shade test, yet a neckline's edge encloses them.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.neck_label import LABEL_SQUARE, label_patch, neck_frame
from tryon.garment.silhouette_rows import spans

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
# share of the front just outside an opening flooded from a label that is of one colour: a white tee's neckline
# has its plain front all round; a flood that ran past a faint neckline stopped at the print below it
PLAIN_BESIDE = 0.9


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
    there (a print's patch, a velvet's sheen, a seam's shadow do not). A label sewn or printed on the inside
    back where the flood starts is flooded from (`neck_label.label_patch`), and tells the inside back as surely:
    a white tee's is the front's own white, no step across the neckline, so with a label the front all round it
    is plain instead."""
    none = np.zeros(m.shape, bool)
    frame = neck_frame(points)
    half = k // 2
    if frame is None or not half <= int(frame[1]) < m.shape[1] - half:
        return none
    sw, cx = frame[0], int(frame[1])
    calm = cv2.medianBlur(rgb, max(3, int(OPENING_DESPECKLE * sw) | 1))
    lab = cv2.cvtColor(cv2.GaussianBlur(calm, (0, 0), 1.5), cv2.COLOR_RGB2LAB).astype(np.float32)
    markers = np.where(m, 0, 1).astype(np.int32)
    markers[depth:][m[depth:]] = 2
    sides = np.abs(np.arange(m.shape[1]) - cx) > OPENING_SIDES * sw
    markers[:, sides] = np.where(m[:, sides], 2, markers[:, sides])
    tops = spans(m[:, cx - half:cx + half + 1], axis=0)[0]
    for x, t in zip(range(cx - half, cx + half + 1), tops):
        markers[t + rim + k:t + rim + 2 * k, x] = 3  # below the back collar band and a label sewn on it
    label = label_patch(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32), m, markers == 3, sw, k)
    markers[label] = 3
    for chroma in OPENING_CHROMA:
        weights = np.float32([1.0, chroma, chroma])
        shown = cv2.normalize(lab * weights, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
        region = cv2.watershed(shown, markers.copy()) == 3
        region = cv2.dilate(region.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & m  # over the ridge
        if _is_opening(region, m, lab, weights, cx, depth, rim, k, narrows, centred, label.any()):
            # the flood's ridge steps from pixel to pixel: smoothed over the rim, the neckline is a curve
            return (cv2.GaussianBlur(region.astype(np.float32), (0, 0), rim) > 0.5) & m
    return none


def _is_opening(region: np.ndarray, m: np.ndarray, lab: np.ndarray, weights: np.ndarray, cx: int, depth: int,
                rim: int, k: int, narrows: float, centred: float, labelled: bool) -> bool:
    """Whether the flooded `region` is a neck opening (the tests `neck_opening` names; with a label in it, all
    but its colour step)."""
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
    # with a label, no colour step to go by: the front all round it is plain (not a print the flood ran to)
    return _mirror_overlap(region, mid) >= NECKLINE_MIRROR and (
        _plain_beside(lab, region, m, rim) >= PLAIN_BESIDE if labelled else _stands_out(lab, weights, region, m, rim))


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


def _rings(region: np.ndarray, m: np.ndarray, rim: int) -> tuple[np.ndarray, np.ndarray]:
    """The garment just inside and just outside `region`'s outline (OPENING_RING px each), clear of its own rim."""
    core = cv2.erode(m.astype(np.uint8), np.ones((2 * rim + 1,) * 2, np.uint8)).astype(bool)
    band = np.ones((2 * OPENING_RING + 1,) * 2, np.uint8)
    r8 = region.astype(np.uint8)
    inner = region & ~cv2.erode(r8, band).astype(bool) & core
    outer = cv2.dilate(r8, band).astype(bool) & m & ~region & core
    return inner, outer


def _plain_beside(lab: np.ndarray, region: np.ndarray, m: np.ndarray, rim: int) -> float:
    """The share of the front just outside `region`'s outline that is of the front's usual colour there (within
    OPENING_STEP of its median, twice over)."""
    outer = _rings(region, m, rim)[1]
    if not outer.any():
        return 0.0
    far = np.linalg.norm(lab[outer] - np.median(lab[outer], axis=0), axis=1)
    return float((far <= 2 * OPENING_STEP).mean())


def _stands_out(lab: np.ndarray, weights: np.ndarray, region: np.ndarray, m: np.ndarray, rim: int) -> bool:
    """Whether the colour just inside `region`'s outline differs from the front's just outside it
    visibly (OPENING_STEP) and, in the reading's `weights`, by more than the front's own spread
    (interquartile) there."""
    inner, outer = _rings(region, m, rim)
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
