"""Step 2 of the render: cut a garment out of its product photo and find its keypoints.

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

from tryon.garment.bodysuit import briefs
from tryon.garment.top_edge import with_lidded_notches, with_straps
from tryon.garment.cutout import EDGE_BLEED, GarmentCutout
from tryon.garment.leg_parting import part_legs
from tryon.errors import NoGarmentError, NotAGarmentError
from tryon.garment.keypoints import ALONG_BODY, keypoints
from tryon.garment.silhouette_rows import spans
from tryon.garment.sleeves import sleeves_past_gap
from tryon.garment.thin_parts import in_own_colour
from tryon.garment.neck_label import without_label
from tryon.garment.front_neckline import front_neckline
from tryon.garment.neckline import back_collar_tips, neck_lining
from tryon.garment.outline_check import not_garment_message, shape_problem
from tryon.shared.components import components_with_stats

GARMENT_WORK_SIDE = 512
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
# the widest gap (share of the garment's width) between two parts of it in a row that is the slit
# between a sleeve and the body, and the backdrop showing in it where the cut closed it over
SLIT_GAP = 0.03
SLIT_SHADE = 2.0   # times the garment threshold: the slit's apex is the backdrop in the cloth's shadow
# a slit closed below too (a cuff touching the body) is this many times taller than wide, at least this share
# of the garment's width long, and its middle this share of the half-width out from the centre
SLIT_TALL = 4.0
SLIT_LONG = 0.1
SLIT_BESIDE = 0.45
# an opening cut this wide (share of the shoulder seams' span) is a scoop or boat neck: its top
# corners lie on the shoulders by the neck, which a worn top lifts onto the rise up to the neck
WIDE_OPENING = 0.5
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


def _backdrop_shade(smooth: np.ndarray, bg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pixel: darker than the backdrop model, and of its hue (within SHADOW_CHROMA): the backdrop
    in shade keeps its hue."""
    lab = cv2.cvtColor(smooth, cv2.COLOR_RGB2LAB).astype(np.float32)
    bg_lab = cv2.cvtColor(np.clip(bg + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)
    return (lab[..., 0] < bg_lab[..., 0],
            np.hypot(lab[..., 1] - bg_lab[..., 1], lab[..., 2] - bg_lab[..., 2]) < SHADOW_CHROMA)


def _graph_cut(rgb: np.ndarray, smooth: np.ndarray, bg: np.ndarray, dist: np.ndarray, spread: float
               ) -> tuple[np.ndarray, np.ndarray, int, np.ndarray] | None:
    """The garment by graph cut (OpenCV's GrabCut), as `_main_part` gives it, and the pixels it was
    seeded with as probable garment (`with_straps` reads them); or None when nothing stands off the
    backdrop. GrabCut fits colour models of garment and backdrop plus a cost for cutting between
    similar neighbours, so the faint shaded outline of a white tee on a white sweep closes where a
    colour threshold keeps only its print.

    The frame's rim is certain backdrop. Off the backdrop's noise starts as probable garment,
    except a faint darkening that keeps the backdrop's hue: that is the garment's soft shadow."""
    thr, quiet = _threshold(spread), max(QUIET_FLOOR, spread + QUIET_MARGIN)
    darker, hue = _backdrop_shade(smooth, bg)
    shadow = darker & (dist <= thr) & hue
    seeds = (dist > quiet) & ~shadow
    m = np.where(seeds, cv2.GC_PR_FGD, cv2.GC_PR_BGD).astype(np.uint8)
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
    return None if best is None else (*best, seeds)


def _main_part(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Connected components of a cleaned garment mask and the garment's own (the largest); None
    when nothing is left."""
    h, w = raw.shape
    k = max(3, (min(h, w) // 100) | 1)
    raw = cv2.morphologyEx(raw, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    raw = cv2.morphologyEx(raw, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels, stats, _ = components_with_stats(raw, connectivity=8)
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
        n, labels, stats, _ = components_with_stats(raw, connectivity=8)
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


def cut_out(photo: np.ndarray, kind: str, legged: bool = True) -> GarmentCutout:
    """Garment alpha + keypoints; NoGarmentError when nothing garment-like separates from the background,
    NotAGarmentError when what does is not shaped like a garment (`outline_check`)."""
    h, w = photo.shape[:2]
    scale = min(1.0, GARMENT_WORK_SIDE / max(h, w))
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
    labels, stats, main, seeds = part
    area = stats[main, cv2.CC_STAT_AREA]
    bx, by, bw, bh = stats[main, :4]
    if area < 0.03 * h * w or area > 0.95 * h * w or bw < 0.1 * w or bh < 0.1 * h:
        raise NoGarmentError(_NO_GARMENT)
    mask = labels == main
    if kind != "lower":  # thin straps the cut dropped; trousers hang from no straps (their belt loops are no strap)
        mask = with_lidded_notches(with_straps(mask, seeds), seeds)
    mask = mask.astype(np.uint8)
    # fill inner holes (neck opening lining, buttons the threshold missed)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    # holes: small ones (buttons, prints the threshold missed) and the neckline's inside are filled here
    # (the lining is cut from the alpha after the keypoints are measured);
    # a large hole showing the backdrop (the gap between a hanging sleeve and the body) stays empty
    holes = (filled > 0) & (mask == 0)
    if holes.any():
        nh, hl, hs, cents = components_with_stats(holes.astype(np.uint8), connectivity=4)
        gx = float(np.median(np.nonzero(filled)[1]))
        half = max(1.0, bw / 2.0)
        for i in range(1, nh):
            tall = hs[i, cv2.CC_STAT_HEIGHT] > 2.0 * hs[i, cv2.CC_STAT_WIDTH]
            beside = abs(cents[i][0] - gx) > 0.45 * half
            if hs[i, cv2.CC_STAT_AREA] > 0.002 * area and tall and beside:
                filled[hl == i] = 0
    if float(filled.sum()) / max(1.0, float(bw * bh)) < 0.2:  # scattered speckle, not a garment
        raise NoGarmentError(_NO_GARMENT)
    mask = filled.astype(bool)
    problem = shape_problem(mask, kind)
    if problem:
        raise NotAGarmentError(not_garment_message(problem, kind))
    # keypoints are measured on the silhouette with its slits closed: an armpit is where the seam is
    backdrop = dist <= SLIT_SHADE * _threshold(spread)
    slits = _closed_slits(mask, backdrop, bw)
    cut = GarmentCutout(rgb=_bleed_edge(rgb, mask & ~slits), alpha=_soft(mask), kind=kind, mask=mask, legged=legged)
    keypoints(cut, mask)
    if ALONG_BODY in cut.widths:
        slits = _closed_slits(mask, backdrop, bw, along=cut.sleeve)
        cut.rgb = _bleed_edge(rgb, mask & ~slits)
    gone = slits | briefs(cut, mask)  # the briefs go after the keypoints: the warp pins the bodysuit's length
    if gone.any():
        cut.alpha, cut.mask = _soft(mask & ~gone), mask & ~gone
    sleeves_past_gap(cut)
    if "leg_l" in cut.points:
        # the gap between the legs: the backdrop, lit or in the legs' shade
        part_legs(cut, (dist <= _threshold(spread)) | _backdrop_shade(smooth, bg)[1])
    if kind != "lower":
        lining = neck_lining(rgb, mask, cut.points)
        if not lining.any() and cut.sleeve is not None:  # a sleeved top's back collar in the front's own fabric
            lining = front_neckline(rgb, mask, cut.points)
        if lining.any():
            soft = cv2.GaussianBlur((lining | back_collar_tips(mask, lining, cut.points)).astype(np.float32), (0, 0), 1.0)
            cut.alpha = np.clip(cut.alpha * (1.0 - soft), 0.0, 1.0)
            cut.points.update(_opening_corners(mask, lining, cut.points))
        # a label on an inside back of the front's own fabric is painted over, whether or not an opening cut took it
        cut.rgb = without_label(cut.rgb, mask, cut.points)
    cut.rgb = in_own_colour(cut.rgb, cut.mask, bg, photo)
    return cut


def _soft(mask: np.ndarray) -> np.ndarray:
    """The alpha of a garment mask: its outline softened by a pixel."""
    return cv2.GaussianBlur(mask.astype(np.float32), (0, 0), 0.8)


def _closed_slits(mask: np.ndarray, backdrop: np.ndarray, width: int, along: np.ndarray | None = None
                  ) -> np.ndarray:
    """Backdrop-coloured pixels the cut took into the garment at the top of a gap between a sleeve and
    the body: narrowing to the armpit, the gap was closed over a few pixels wide, and warped onto the
    wearer that strip of white sweep showed as a light slit under each arm. Such a slit lies between
    two parts of the garment in its row and runs on into the open gap below it; a light stripe of a
    print or a white garment's own light cloth does neither (a white body is one large piece)."""
    k = np.ones((1, 2 * max(1, int(SLIT_GAP * width)) + 1), np.uint8)
    solid = (mask & ~backdrop).astype(np.uint8)
    slit = (cv2.morphologyEx(solid, cv2.MORPH_CLOSE, k) > 0) & mask & backdrop
    gap = (cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, k) > 0) & ~mask
    n, parts, stats, _ = components_with_stats(slit.astype(np.uint8), connectivity=8)
    open_below = np.zeros_like(mask)
    open_below[:-1] = gap[1:]
    touching = np.bincount(parts[slit & open_below], minlength=n) > 0
    gap_px = int(gap.sum())
    touching &= stats[:, cv2.CC_STAT_AREA] <= gap_px
    if along is not None:
        # a long sleeve lying along the body touches it at the cuff and closes the gap below: the slit is
        # then a tall sliver against the sleeve (not in it), well out from the centre
        cx = float(np.median(np.nonzero(mask)[1]))
        centres = stats[:, cv2.CC_STAT_LEFT] + stats[:, cv2.CC_STAT_WIDTH] / 2.0
        near = np.bincount(parts[slit & (cv2.dilate(along.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)],
                           minlength=n)
        within = np.bincount(parts[slit & along], minlength=n)
        by_sleeve = (near > 0) & (within < 0.5 * stats[:, cv2.CC_STAT_AREA])  # beside the sleeve, not a stripe of it
        touching |= (by_sleeve & (stats[:, cv2.CC_STAT_HEIGHT] >= SLIT_TALL * stats[:, cv2.CC_STAT_WIDTH])
                     & (np.abs(centres - cx) > SLIT_BESIDE * width / 2.0)
                     & (stats[:, cv2.CC_STAT_HEIGHT] >= SLIT_LONG * width))
    touching[0] = False
    return touching[parts]


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
