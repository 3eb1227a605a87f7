"""Stage 2: cut a garment out of its product photo and find its keypoints.

Works on any flat front-view product photo on a plain background: the background colour
is modelled from the border, and a graph cut seeded by the colour distance from it separates the
garment (a white tee on a white sweep too) from the backdrop and its soft shadow. Morphology
closes seams, the largest component is kept and inner holes are filled, so keypoints are
measured on the whole silhouette. Keypoints come from the contour and row/column profiles
of that mask, by garment type. The shadowed inside back seen through a neckline is then
cut from the alpha: worn, that opening shows the wearer, not the lining.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.cutout import EDGE_BLEED, GarmentCutout
from tryon.errors import NoGarmentError
from tryon.garment_points import keypoints, runs, spans

WORK_LONG_SIDE = 512
THRESHOLD_FLOOR = 10.0      # colour distance; JPEG noise on a plain sweep stays below it
QUIET_FLOOR = 3.0            # colour distance within which a pixel is the backdrop's own noise (smoothed)
QUIET_MARGIN = 2.0           # ... or this far above the border's measured noise
SHADOW_CHROMA = 6.0          # a shadow on the backdrop keeps its hue: Lab a/b this close to the backdrop's
GRAPH_CUT_ROUNDS = 3         # GrabCut iterations: the masks stop changing after two or three
GRAPH_CUT_STARTS = 3         # seeded starts tried until the cut-out reaches the photo's outline
OUTLINE_FIT = 0.85           # box overlap with the photo's edges that counts as reaching the outline
OUTLINE_EDGES = (20, 60)     # Canny thresholds for the outline
OUTLINE_TRIM = 0.5           # percent of edge pixels trimmed at each side of the outline box
BACKDROP_REFITS = 3          # trimmed refits of the backdrop model
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
NECKLINE_NARROWS = 0.8       # an opening's last row is at most this share of its widest (a label's sides run straight down)
# an opening cut this wide (share of the shoulder seams' span) is a scoop or boat neck: its top
# corners lie on the shoulders by the neck, which a worn top lifts onto the rise up to the neck
WIDE_OPENING = 0.5
FRONT_PERCENTILE = 75        # the front's lightness: the light majority of the band around the neck
_NO_GARMENT = "I couldn't make out a garment in that product photo, so I can't show it on you."


def _background(rgb: np.ndarray) -> tuple[np.ndarray, float]:
    """A smooth background model (quadratic in x, y per channel) fitted to the border, and the
    95th percentile of the border's residual: a backdrop with a gentle gradient or vignette is
    modelled, so light garments still separate from it."""
    h, w = rgb.shape[:2]
    b = max(2, min(h, w) // 50)
    border = np.zeros((h, w), bool)
    border[:b], border[-b:], border[:, :b], border[:, -b:] = True, True, True, True
    ys, xs = np.nonzero(border)
    step = max(1, ys.size // 1500)
    ys, xs = ys[::step], xs[::step]
    def design(yy, xx):
        u, v = xx / w - 0.5, yy / h - 0.5
        return np.stack([np.ones_like(u), u, v, u * u, v * v, u * v], axis=-1)
    A = design(ys.astype(np.float64), xs.astype(np.float64))
    vals = rgb[ys, xs].astype(np.float64)
    def fit(keep: np.ndarray) -> np.ndarray:  # 6 unknowns per channel: normal equations
        return np.linalg.solve(A[keep].T @ A[keep] + 1e-9 * np.eye(6), A[keep].T @ vals[keep])
    # the border pixels the garment touches (a hem or sleeve cut by the frame, a strip of another colour
    # along one edge) pull a plain fit towards them: fit the best-matching half a few times, then all
    # pixels within the noise of that fit
    keep = np.ones(len(vals), bool)
    for _ in range(BACKDROP_REFITS):
        coef = fit(keep)
        resid = np.linalg.norm(vals - A @ coef, axis=1)
        keep = resid <= np.median(resid)
    keep = resid <= 2.5 * float(np.median(resid)) + 3.0
    coef = fit(keep)
    resid = np.linalg.norm(vals[keep] - A[keep] @ coef, axis=1)
    # the quadratic is smooth: evaluate it on a coarse grid and upsample
    sh, sw_ = max(2, h // 8), max(2, w // 8)
    u = ((np.arange(sw_, dtype=np.float32) + 0.5) / sw_ - 0.5)[None, :, None]
    v = ((np.arange(sh, dtype=np.float32) + 0.5) / sh - 0.5)[:, None, None]
    c = coef.astype(np.float32)
    coarse = c[0] + c[1] * u + c[2] * v + c[3] * u * u + c[4] * v * v + c[5] * u * v
    model = cv2.resize(np.ascontiguousarray(coarse), (w, h), interpolation=cv2.INTER_LINEAR)
    return model, float(np.percentile(resid, 95))


def _distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-pixel Euclidean distance over the last axis, channel by channel: numpy reduces a
    length-3 inner axis far slower than it adds three planes."""
    d = a - b
    sq = d[..., 0] * d[..., 0]
    for c in range(1, d.shape[-1]):
        sq += d[..., c] * d[..., c]
    return np.sqrt(sq)


def _threshold(spread: float) -> float:
    """Colour distance from the backdrop model that counts as garment: a few levels above the
    backdrop's own noise, so an off-white garment on a clean white sweep still separates."""
    return max(THRESHOLD_FLOOR, 2.5 * spread + 4.0)


def _graph_cut(rgb: np.ndarray, smooth: np.ndarray, bg: np.ndarray, dist: np.ndarray, spread: float
               ) -> tuple[np.ndarray, np.ndarray, int] | None:
    """The garment by graph cut (OpenCV's GrabCut), as `_main_part` gives it, or None when nothing
    stands off the backdrop. GrabCut fits colour models of garment and backdrop plus a
    cost for cutting between similar neighbours, so the faint shaded outline of a white tee on a
    white sweep closes where a colour threshold keeps only its print.

    The frame's rim is certain backdrop. Off the backdrop's noise starts as probable garment,
    except a faint darkening that keeps the backdrop's hue: that is the garment's soft shadow."""
    thr, quiet = _threshold(spread), max(QUIET_FLOOR, spread + QUIET_MARGIN)
    lab = cv2.cvtColor(smooth, cv2.COLOR_RGB2LAB).astype(np.float32)
    bg_lab = cv2.cvtColor(np.clip(bg + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)
    shadow = ((lab[..., 0] < bg_lab[..., 0]) & (dist <= thr)
              & (np.hypot(lab[..., 1] - bg_lab[..., 1], lab[..., 2] - bg_lab[..., 2]) < SHADOW_CHROMA))
    m = np.where((dist > quiet) & ~shadow, cv2.GC_PR_FGD, cv2.GC_PR_BGD).astype(np.uint8)
    rim = max(2, min(m.shape) // 50)
    m[:rim], m[-rim:], m[:, :rim], m[:, -rim:] = cv2.GC_BGD, cv2.GC_BGD, cv2.GC_BGD, cv2.GC_BGD
    if not (m == cv2.GC_PR_FGD).any():
        return None
    outline = _outline_box(smooth, rim)
    best, best_fit = None, -1.0  # (component labels, their stats, the garment's label)
    # the colour models start from k-means: seeded, so the same photo gives the same cut-out; a
    # start that lands in a poor optimum drops part of the garment, which the outline shows
    for seed in range(GRAPH_CUT_STARTS):
        cv2.setRNGSeed(seed)
        labels = m.copy()
        models = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
        cv2.grabCut(rgb, labels, None, *models, GRAPH_CUT_ROUNDS, cv2.GC_INIT_WITH_MASK)
        cut = _main_part(((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)).astype(np.uint8))
        fit = _box_overlap(cut[1][cut[2], :4], outline) if cut is not None else 0.0
        if fit > best_fit:
            best, best_fit = cut, fit
        if fit >= OUTLINE_FIT:
            break
    return best


def _main_part(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Connected components of a cleaned garment mask and the garment's own (the largest); None
    when nothing is left."""
    h, w = raw.shape
    k = max(3, (min(h, w) // 100) | 1)
    raw = cv2.morphologyEx(raw, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    raw = cv2.morphologyEx(raw, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
    if n <= 1:
        return None
    main = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    sig = [i for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 0.002 * h * w] or [main]
    ux0 = min(stats[i, 0] for i in sig)
    ux1 = max(stats[i, 0] + stats[i, 2] for i in sig)
    if stats[main, 2] < 0.6 * (ux1 - ux0):
        # a light garment fell apart into outline pieces (rim, seams, placket): join them with a wider closing
        big = max(5, (min(h, w) // 40) | 1)
        raw = cv2.morphologyEx(raw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (big, big)))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
        main = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    return labels, stats, main


def _outline_box(smooth: np.ndarray, rim: int) -> tuple[float, float, float, float] | None:
    """The box of the photo's edges away from the frame: a product shot shows the garment alone,
    so its outline, seams and print are all there is (a few stray edges trimmed)."""
    edges = cv2.Canny(cv2.cvtColor(smooth, cv2.COLOR_RGB2GRAY), *OUTLINE_EDGES)
    edges[:rim], edges[-rim:], edges[:, :rim], edges[:, -rim:] = 0, 0, 0, 0
    ys, xs = np.nonzero(edges)
    if ys.size < 20:
        return None
    lo, hi = OUTLINE_TRIM, 100 - OUTLINE_TRIM
    return (float(np.percentile(xs, lo)), float(np.percentile(ys, lo)), float(np.percentile(xs, hi)),
            float(np.percentile(ys, hi)))


def _box_overlap(xywh: np.ndarray, box: tuple[float, float, float, float] | None) -> float:
    """Intersection over union of a component's box (its stats: x, y, width, height) with `box`
    (1 when there is no box)."""
    if box is None:
        return 1.0
    x, y, bw, bh = (float(v) for v in xywh)
    a = (x, y, x + bw - 1, y + bh - 1)  # the last column and row inside, as `box` counts them
    ix = max(0.0, min(a[2], box[2]) - max(a[0], box[0]))
    iy = max(0.0, min(a[3], box[3]) - max(a[1], box[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (box[2] - box[0]) * (box[3] - box[1]) - ix * iy
    return ix * iy / max(union, 1e-6)


def cut_out(photo: np.ndarray, kind: str) -> GarmentCutout:
    """Garment alpha + keypoints; NoGarmentError when nothing garment-like separates from the background."""
    h, w = photo.shape[:2]
    scale = min(1.0, WORK_LONG_SIDE / max(h, w))
    rgb = cv2.resize(photo, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else photo
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    bg, spread = _background(rgb)
    if spread > 40:  # the border is not a plain background (noise, a scene)
        raise NoGarmentError(_NO_GARMENT)
    smooth = cv2.GaussianBlur(rgb, (0, 0), 1.0)
    dist = _distance(smooth.astype(np.float32), bg)
    part = _graph_cut(rgb, smooth, bg, dist, spread)
    if part is None:
        raise NoGarmentError(_NO_GARMENT)
    labels, stats, main = part
    area = stats[main, cv2.CC_STAT_AREA]
    bx, by, bw, bh = stats[main, :4]
    if area < 0.03 * h * w or area > 0.95 * h * w or bw < 0.1 * w or bh < 0.1 * h:
        raise NoGarmentError(_NO_GARMENT)
    mask = (labels == main).astype(np.uint8)
    # fill inner holes (neck opening lining, buttons the threshold missed)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    # holes: small ones (buttons, prints the threshold missed) and the neckline's inside are filled here
    # (the lining is cut from the alpha after the keypoints are measured);
    # a large hole showing the backdrop (the gap between a hanging sleeve and the body) stays empty
    holes = (filled > 0) & (mask == 0)
    if holes.any():
        nh, hl, hs, cents = cv2.connectedComponentsWithStats(holes.astype(np.uint8), connectivity=4)
        gx = float(np.median(np.nonzero(filled)[1]))
        half = max(1.0, bw / 2.0)
        for i in range(1, nh):
            tall = hs[i, cv2.CC_STAT_HEIGHT] > 2.0 * hs[i, cv2.CC_STAT_WIDTH]
            beside = abs(cents[i][0] - gx) > 0.45 * half
            if hs[i, cv2.CC_STAT_AREA] > 0.002 * area and tall and beside:
                filled[hl == i] = 0
    if float(filled.sum()) / max(1.0, float(bw * bh)) < 0.2:  # scattered speckle, not a garment
        raise NoGarmentError(_NO_GARMENT)
    alpha = cv2.GaussianBlur(filled.astype(np.float32), (0, 0), 0.8)
    mask = filled.astype(bool)
    cut = GarmentCutout(rgb=_bleed_edge(rgb, mask), alpha=alpha, kind=kind, mask=mask)
    keypoints(cut, mask)
    if kind != "lower":
        lining = _neck_lining(rgb, mask, cut.points)
        if lining.any():
            soft = cv2.GaussianBlur(lining.astype(np.float32), (0, 0), 1.0)
            cut.alpha = np.clip(cut.alpha * (1.0 - soft), 0.0, 1.0)
            cut.points.update(_opening_corners(mask, lining, cut.points))
    return cut


def _opening_corners(m: np.ndarray, lining: np.ndarray, points: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The top corners of a wide neck opening (`neck_corner_l`, `_r`: the garment's top edge at the
    cut opening's outer columns), or none for a narrow one, whose corners sit by the neck anyway."""
    cols = np.flatnonzero(lining.any(axis=0))
    span = float(points["shoulder_r"][0] - points["shoulder_l"][0])
    if cols.size == 0 or cols[-1] - cols[0] < WIDE_OPENING * span:
        return {}
    top = spans(m[:, cols], axis=0)[0]
    return {"neck_corner_l": np.array([cols[0], top[0]], float), "neck_corner_r": np.array([cols[-1], top[-1]], float)}


def _bleed_edge(rgb: np.ndarray, m: np.ndarray) -> np.ndarray:
    """The photo with the garment's rim and the backdrop just outside it recoloured from the garment
    inside: rim pixels mix in the backdrop, and worn they would ring the garment in a white halo."""
    x, y, bw, bh = cv2.boundingRect(m.astype(np.uint8))
    pad = 4 * EDGE_BLEED + 2  # past the band and the box filter's reach: the crop changes no sum
    box = (slice(max(0, y - pad), y + bh + pad), slice(max(0, x - pad), x + bw + pad))
    crop, mc = rgb[box], m[box].astype(np.uint8)
    k = np.ones((2 * EDGE_BLEED + 1,) * 2, np.uint8)
    core = cv2.erode(mc, k)
    band = (cv2.dilate(mc, k) > 0) & (core == 0)
    if not core.any() or not band.any():
        return rgb
    reach = (4 * EDGE_BLEED + 1,) * 2  # every band pixel has core pixels within this box
    num = cv2.boxFilter(crop * core[..., None], cv2.CV_32F, reach, normalize=False)
    den = cv2.boxFilter(core, cv2.CV_32F, reach, normalize=False)
    band &= den > 0
    out = rgb.copy()
    out[box][band] = np.clip(num[band] / den[band, None] + 0.5, 0, 255).astype(np.uint8)
    return out


def _neck_lining(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
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
    n, labels, stats, _ = cv2.connectedComponentsWithStats(candidate, connectivity=8)
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
                and abs((xs[0] + xs[-1]) / 2 - cx) < LINING_CENTRED * (xs[-1] - xs[0] + 1)
                and part.sum() >= LINING_SOLID * solid.sum() and _inside_the_front(solid, m, 2 * rim)
                and _shade_of(lab, part, front) and _crisp_edge(smooth, slope, part, front)):
            lining |= solid
    if not lining.any():
        opening, seen = _opening_by_rows(dark, m, cx, top, k, max(2 * rim, int(NECKLINE_FRONT * sw)), y1)
        widths = opening.sum(axis=1)[opening.any(axis=1)]
        if (opening.any() and int(np.flatnonzero(opening.any(axis=1))[0]) <= top + rim + LINING_TOP * sw
                and widths.size >= k and widths[-1] <= NECKLINE_NARROWS * widths.max() and opening.sum() >= 0.002 * m.sum()
                and _shade_of(lab, seen & dark, front) and _crisp_edge(smooth, slope, seen & dark, front)):
            lining = opening.astype(np.uint8)
    if not lining.any():
        return none
    # the back collar above the lining, and a label sewn there, are behind the wearer's neck too
    cols = np.flatnonzero(lining.any(axis=0))
    rows = np.arange(m.shape[0])[:, None]
    top_of, bottom_of = spans(m[:, cols], axis=0)[0], spans(lining[:, cols], axis=0)[1]
    lining[:, cols] |= ((rows >= top_of) & (rows <= bottom_of)).astype(np.uint8)
    grow = 2 * rim + 3  # back over the rim the erosion left out, so no dark line rings the opening
    return cv2.dilate(lining, np.ones((grow, grow), np.uint8)).astype(bool)


def _opening_by_rows(dark: np.ndarray, m: np.ndarray, cx: int, top: int, k: int, front: int, y1: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The neck opening read row by row down from the back collar, for a lining a dark stripe or print
    joins (one dark region then runs on over the front): each row's dark run through the centre (a zip
    or seam down the middle bridged), with at least `front` px of the front beside it. The opening's sides are the neckline's curve, moving at most
    NECKLINE_STEP px a row. A row whose run stands wider than that curve, or reaches the front's sides,
    is a stripe crossing it: the opening goes on through it, its sides drawn straight across, only if
    below the stripe the run comes back on the curve (the inside back of a striped dress is striped too);
    otherwise it ends above the stripe. A run off the centre, or a light centre (the neckline's dip), ends it. Returns the opening and the part of it in rows whose sides were seen
    (the lining itself, without the stripes crossing it)."""
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
        if a - garment[0] < front or garment[-1] - b < front or (seen is not None and (a < seen[1] - reach or b > seen[2] + reach)):
            continue  # a stripe crossing (or, before the opening, the front)
        if seen is not None:
            for yy in range(seen[0] + 1, y):
                f = (yy - seen[0]) / (y - seen[0])
                opening[yy, int(round(seen[1] + f * (a - seen[1]))):int(round(seen[2] + f * (b - seen[2]))) + 1] = True
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


def _inside_the_front(region: np.ndarray, m: np.ndarray, margin: int) -> bool:
    """Whether the garment lies beside `region` on both sides, at least `margin` px, in every row."""
    rows = np.flatnonzero(region.any(axis=1))
    (r_left, r_right), (g_left, g_right) = spans(region[rows]), spans(m[rows])
    return bool(np.all(r_left - g_left >= margin) and np.all(g_right - r_right >= margin))
