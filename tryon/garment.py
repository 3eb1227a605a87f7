"""Stage 2: cut a garment out of its product photo and find its keypoints.

Works on any flat front-view product photo on a plain background: the background colour
is estimated from the border, pixels far from it (colour distance) are garment, morphology
closes seams, the largest component is kept and inner holes are filled, so keypoints are
measured on the whole silhouette. Keypoints come from the contour and row/column profiles
of that mask, by garment type. The shadowed inside back seen through a neckline is then
cut from the alpha: worn, that opening shows the wearer, not the lining.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from tryon.errors import NoGarmentError

WORK_LONG_SIDE = 512
RISE = 0.3       # waistband to crotch, as a share of waistband to hem, where the photo hides it
MAX_RISE = 0.5   # a crotch found lower than this is legs touching, not the crotch
THRESHOLD_FLOOR = 10.0      # colour distance; JPEG noise on a plain sweep stays below it
EDGE_THRESHOLDS = (12, 30)   # Canny on Lab channels: the faint outline of a light garment on a light sweep
PANEL_DIVISOR = 25          # a walled-in panel is at least this share (1/n) of the photo's short side across
ENCLOSED_SHARE = 0.5        # walled-in pixels count as garment this far (share of the threshold) off the backdrop
EDGE_BLEED = 2               # px (working res) of the cut-out's rim recoloured from inside the garment
SHADOW_CHROMA = 6.0          # a shadow on the backdrop keeps its hue: Lab a/b this close to the border's
_NO_GARMENT = "I couldn't make out a garment in that product photo, so I can't show it on you."


@dataclass
class GarmentCutout:
    rgb: np.ndarray                 # working-resolution RGB of the product photo
    alpha: np.ndarray               # float32 0..1
    kind: str                       # "upper" | "full" | "lower"
    points: dict[str, np.ndarray] = field(default_factory=dict)   # name -> (x, y)
    widths: dict[str, float] = field(default_factory=dict)        # half widths (cuffs, legs)
    mean_rgb: tuple[float, float, float] = (0.0, 0.0, 0.0)
    sleeve: np.ndarray | None = None  # bool mask of sleeve pixels (not torso)


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
    coef = np.linalg.solve(A.T @ A + 1e-9 * np.eye(6), A.T @ vals)  # 6 unknowns per channel: normal equations
    resid = np.linalg.norm(vals - A @ coef, axis=1)
    # refit without the border pixels the garment itself touches (a hem or sleeve cut by the frame)
    keep = resid <= 2.5 * float(np.median(resid)) + 3.0
    if keep.sum() >= 0.6 * keep.size:
        coef = np.linalg.solve(A[keep].T @ A[keep] + 1e-9 * np.eye(6), A[keep].T @ vals[keep])
        resid = np.linalg.norm(vals[keep] - A[keep] @ coef, axis=1)
    # the quadratic is smooth: evaluate it on a coarse grid and upsample
    sh, sw_ = max(2, h // 8), max(2, w // 8)
    u = ((np.arange(sw_, dtype=np.float32) + 0.5) / sw_ - 0.5)[None, :, None]
    v = ((np.arange(sh, dtype=np.float32) + 0.5) / sh - 0.5)[:, None, None]
    c = coef.astype(np.float32)
    coarse = c[0] + c[1] * u + c[2] * v + c[3] * u * u + c[4] * v * v + c[5] * u * v
    model = cv2.resize(np.ascontiguousarray(coarse), (w, h), interpolation=cv2.INTER_LINEAR)
    return model, float(np.percentile(resid, 95))


def _threshold(spread: float) -> float:
    """Colour distance from the backdrop model that counts as garment: a few levels above the
    backdrop's own noise, so an off-white garment on a clean white sweep still separates."""
    return max(THRESHOLD_FLOOR, 2.5 * spread + 4.0)


def _enclosed(smooth: np.ndarray, dist: np.ndarray, spread: float) -> np.ndarray:
    """Pixels the backdrop cannot reach from the border without crossing an edge.

    A white shirt on a white sweep differs from it by a few levels only, too little for a
    colour threshold, but its outline (a seam of shade at the silhouette) is an edge all round.
    The backdrop is flooded from the border through smooth pixels that look like backdrop or
    like a shadow on it (darker, same hue); what the flood never reaches is garment."""
    lab = cv2.cvtColor(np.clip(smooth, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)
    edges = cv2.Canny(lab[..., 0], *EDGE_THRESHOLDS) | cv2.Canny(np.ascontiguousarray(lab[..., 1]), *EDGE_THRESHOLDS) \
        | cv2.Canny(np.ascontiguousarray(lab[..., 2]), *EDGE_THRESHOLDS)
    barrier = cv2.dilate(edges, np.ones((5, 5), np.uint8)) > 0  # closes gaps of a few pixels in an outline
    border_lab = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]).astype(np.float32)
    ref_ab = np.median(border_lab[:, 1:], axis=0)
    shadow = np.linalg.norm(lab[..., 1:].astype(np.float32) - ref_ab, axis=2) < SHADOW_CHROMA
    passable = (~barrier) & ((dist < _threshold(spread)) | shadow)
    n, labels = cv2.connectedComponents(passable.astype(np.uint8), connectivity=4)
    edge_ids = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    reached = np.isin(labels, edge_ids[edge_ids > 0])
    inside = ~reached & ~barrier | (barrier & ~cv2.dilate(reached.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool))
    # a gap of pure backdrop walled in by a hanging sleeve stays backdrop; a white shirt is a shade off it;
    # and only broad panels count: a thin sliver between sleeve and body is its shadow, not cloth
    inside = (inside & (dist > ENCLOSED_SHARE * _threshold(spread)) & (dist <= _threshold(spread))).astype(np.uint8)
    k = max(3, (min(dist.shape) // PANEL_DIVISOR) | 1)
    return cv2.morphologyEx(inside, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))) > 0


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
    smooth = cv2.GaussianBlur(rgb, (0, 0), 1.0).astype(np.float32)
    dist = np.linalg.norm(smooth - bg, axis=2)
    thr = _threshold(spread)
    raw = ((dist > thr) | _enclosed(smooth, dist, spread)).astype(np.uint8)
    k = max(3, (min(h, w) // 100) | 1)
    raw = cv2.morphologyEx(raw, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    raw = cv2.morphologyEx(raw, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
    if n <= 1:
        raise NoGarmentError(_NO_GARMENT)
    main = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    sig = [i for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 0.002 * h * w]
    ux0 = min(stats[i, 0] for i in sig)
    ux1 = max(stats[i, 0] + stats[i, 2] for i in sig)
    if stats[main, 2] < 0.6 * (ux1 - ux0):
        # a light garment fell apart into outline pieces (rim, seams, placket): join them with a wider closing
        big = max(5, (min(h, w) // 40) | 1)
        raw = cv2.morphologyEx(raw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (big, big)))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(raw, connectivity=8)
        main = int(np.argmax(stats[1:, cv2.CC_STAT_AREA])) + 1
    area = stats[main, cv2.CC_STAT_AREA]
    bx, by, bw, bh = stats[main, :4]
    if area < 0.03 * h * w or area > 0.95 * h * w or bw < 0.1 * w or bh < 0.1 * h:
        raise NoGarmentError(_NO_GARMENT)
    mask = (labels == main).astype(np.uint8)
    # fill inner holes (neck opening lining, buttons the threshold missed)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    solid = filled.copy()  # the silhouette without any hole: what the keypoints are measured on
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
                comp = hl == i
                if float(np.median(dist[comp])) < thr:
                    filled[comp] = 0
    if float(filled.sum()) / max(1.0, float(bw * bh)) < 0.2:  # scattered speckle, not a garment
        raise NoGarmentError(_NO_GARMENT)
    alpha = cv2.GaussianBlur(filled.astype(np.float32), (0, 0), 0.8)
    cut = GarmentCutout(rgb=_bleed_edge(rgb, filled.astype(bool)), alpha=alpha, kind=kind)
    inner = cv2.erode(filled, np.ones((5, 5), np.uint8)).astype(bool)
    cut.mean_rgb = tuple(float(v) for v in np.median(rgb[inner if inner.any() else filled.astype(bool)], axis=0))
    _keypoints(cut, filled.astype(bool))
    if kind != "lower":
        lining = _neck_lining(rgb, filled.astype(bool), cut.points)
        if lining.any():
            soft = cv2.GaussianBlur(lining.astype(np.float32), (0, 0), 1.0)
            cut.alpha = np.clip(cut.alpha * (1.0 - soft), 0.0, 1.0)
    return cut


def _bleed_edge(rgb: np.ndarray, m: np.ndarray) -> np.ndarray:
    """The photo with the garment's rim and the backdrop just outside it recoloured from the garment
    inside: rim pixels mix in the backdrop, and worn they would ring the garment in a white halo."""
    k = np.ones((2 * EDGE_BLEED + 1,) * 2, np.uint8)
    core = cv2.erode(m.astype(np.uint8), k)
    band = (cv2.dilate(m.astype(np.uint8), k) > 0) & (core == 0)
    if not core.any() or not band.any():
        return rgb
    reach = (4 * EDGE_BLEED + 1,) * 2  # every band pixel has core pixels within this box
    num = cv2.boxFilter(rgb * core[..., None], cv2.CV_32F, reach, normalize=False)
    den = cv2.boxFilter(core, cv2.CV_32F, reach, normalize=False)
    band &= den > 0
    out = rgb.copy()
    out[band] = np.clip(num[band] / den[band, None] + 0.5, 0, 255).astype(np.uint8)
    return out


def _neck_lining(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The garment's inside back seen through the neckline (a shadowed panel below the top edge at
    the centre). Worn, that opening shows the wearer's neck and chest, so it must not be painted on."""
    sl, sr, neck = points["shoulder_l"], points["shoulder_r"], points["neck"]
    sw = float(sr[0] - sl[0])
    if sw <= 4:
        return np.zeros(m.shape, bool)
    cx, top = int(neck[0]), int(neck[1])
    x0, x1 = max(0, int(cx - 0.42 * sw)), min(m.shape[1], int(cx + 0.42 * sw) + 1)
    y1 = min(m.shape[0], int(max(sl[1], sr[1]) + 0.9 * sw))
    lum = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    body = m.copy()
    body[:y1] = False
    reference = float(np.median(lum[body])) if body.any() else float(np.median(lum[m]))
    rim = max(2, int(0.015 * sw))  # product photos often outline the garment in a darker rim
    core = cv2.erode(m.astype(np.uint8), np.ones((2 * rim + 1,) * 2, np.uint8)).astype(bool)
    dark = (cv2.GaussianBlur(lum, (0, 0), 1.5) < 0.75 * reference) & core
    window = np.zeros(m.shape, bool)
    window[top:y1, x0:x1] = True
    k = max(3, int(0.025 * sw) | 1)  # drops seams and lapel lines, keeps the opening
    candidate = cv2.morphologyEx((dark & window).astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(candidate, connectivity=8)
    near_top = labels[top:min(m.shape[0], top + rim + max(4, int(0.08 * sw))), max(0, cx - 2):cx + 3]
    ids = [i for i in np.unique(near_top) if i > 0
           and stats[i, cv2.CC_STAT_LEFT] > x0 and stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] < x1
           and stats[i, cv2.CC_STAT_WIDTH] < 0.75 * sw and stats[i, cv2.CC_STAT_AREA] >= 0.002 * m.sum()]
    if not ids:
        return np.zeros(m.shape, bool)
    lining = np.isin(labels, ids).astype(np.uint8)
    lining = cv2.morphologyEx(lining, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    grow = 2 * rim + 3  # back over the rim the erosion left out, so no dark line rings the opening
    return cv2.dilate(lining, np.ones((grow, grow), np.uint8)).astype(bool) & m


def _run_at(row: np.ndarray, x: int) -> tuple[int, int] | None:
    """The [start, end] of the run of True containing column x (or the nearest run)."""
    xs = np.flatnonzero(row)
    if xs.size == 0:
        return None
    if not row[x]:
        x = int(xs[np.argmin(np.abs(xs - x))])
    gaps_left = np.flatnonzero(~row[:x])
    gaps_right = np.flatnonzero(~row[x:])
    left = int(gaps_left[-1]) + 1 if gaps_left.size else 0
    right = x + int(gaps_right[0]) - 1 if gaps_right.size else row.size - 1
    return left, right


def _runs(row: np.ndarray) -> list[tuple[int, int]]:
    d = np.diff(np.concatenate([[0], row.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1) - 1
    return list(zip(starts.tolist(), ends.tolist()))


def _keypoints(cut: GarmentCutout, m: np.ndarray) -> None:
    ys, xs = np.nonzero(m)
    y0, y1 = int(ys.min()), int(ys.max())
    H = y1 - y0 + 1
    cx = int(round(np.median(xs)))
    P = cut.points
    if cut.kind == "lower":
        _lower_points(cut, m, y0, y1, cx)
        return
    # torso half-width: narrowest run around the centre column in the middle band (sleeves only add width)
    halfs = []
    band = (0.2, 0.4) if cut.kind == "full" else (0.35, 0.8)  # full: chest, above the waist and skirt/legs
    for y in range(y0 + int(band[0] * H), y0 + int(band[1] * H)):
        if not m[y, cx]:
            continue
        r = _run_at(m[y], cx)
        if r:
            halfs.append((r[1] - r[0]) / 2.0)
    total_half = (xs.max() - xs.min()) / 2.0
    tw = float(np.percentile(halfs, 20)) if halfs else 0.3 * total_half
    top_row = np.flatnonzero(m[y0 + int(0.12 * H)])
    top_half = (top_row.max() - top_row.min()) / 2.0 if top_row.size else 0.0
    if tw > 0.8 * total_half and top_half > 0.88 * total_half:
        # as wide at the shoulders as anywhere: long sleeves hang against the body; usual proportion
        tw = 0.62 * total_half
    # top contour per column
    top = np.where(m.any(axis=0), m.argmax(axis=0), 10 ** 6)
    for side, sgn in (("l", -1), ("r", 1)):
        sx = int(np.clip(cx + sgn * tw, 0, m.shape[1] - 1))
        sy = int(top[sx]) if top[sx] < 10 ** 6 else y0
        P[f"shoulder_{side}"] = np.array([sx, sy], float)
    sw = abs(P["shoulder_r"][0] - P["shoulder_l"][0])
    # neck: top centre (front neckline dip is where the central column's top is)
    neck_cols = top[max(0, cx - 2):cx + 3]
    P["neck"] = np.array([cx, float(np.min(neck_cols))], float)
    # sleeves: the region outside the torso columns, per side
    yy = np.arange(m.shape[0])[:, None]
    xx = np.arange(m.shape[1])[None, :]
    for side, sgn in (("l", -1), ("r", 1)):
        S = P[f"shoulder_{side}"]
        reach = 0.55 if cut.kind == "full" else 0.9  # on a dress or jumpsuit, lower down is skirt or legs
        outside = (m & ((xx - cx) * sgn > tw + 2) & (yy < y0 + reach * H)).astype(np.uint8)
        nl, lab, st, _ = cv2.connectedComponentsWithStats(outside, connectivity=8)
        keep = [i for i in range(1, nl) if st[i, cv2.CC_STAT_TOP] < S[1] + 0.15 * sw + 3  # starts at the shoulder
                and st[i, cv2.CC_STAT_AREA] >= 0.02 * m.sum()
                and ((st[i, cv2.CC_STAT_LEFT] if sgn < 0 else st[i, cv2.CC_STAT_LEFT] + st[i, cv2.CC_STAT_WIDTH])
                     - cx) * sgn > tw + 0.25 * sw]
        if not keep:
            continue
        outside = np.isin(lab, keep)
        cut.sleeve = outside if cut.sleeve is None else (cut.sleeve | outside)
        oy, ox = np.nonzero(outside)
        d = np.hypot(ox - S[0], oy - S[1])
        i = int(np.argmax(d))
        end = np.array([ox[i], oy[i]], float)
        axis = (end - S) / max(1e-6, d[i])
        near = d > 0.85 * d[i]
        perp = np.array([-axis[1], axis[0]])
        proj = (ox[near] - S[0]) * perp[0] + (oy[near] - S[1]) * perp[1]
        cuff_mid = S + axis * (d[i] * 0.97) + perp * float(np.median(proj))
        P[f"cuff_{side}"] = cuff_mid
        cut.widths[f"cuff_{side}"] = max(3.0, float(proj.max() - proj.min()) / 2.0)
        # armpit: where the sleeve's lower edge meets the torso side
        col = int(np.clip(cx + sgn * (tw + 3), 0, m.shape[1] - 1))
        run = _run_at(m[:, col], int(S[1]) + 2)
        ay = run[1] if run else S[1] + 0.5 * sw
        if ay - S[1] > 0.95 * sw:  # sleeve hangs against the body: no visible armpit, use the usual depth
            ay = S[1] + 0.55 * sw
        ay = float(np.clip(ay, S[1] + 0.25 * sw, S[1] + 0.95 * sw))
        P[f"armpit_{side}"] = np.array([cx + sgn * tw, ay], float)
    if cut.sleeve is None:  # sleeveless: shoulders are the strap tops, armpits where the side seam starts
        ys_ = y0 + max(2, int(0.02 * H))
        row = np.flatnonzero(m[ys_])
        if row.size:
            P["shoulder_l"] = np.array([row.min(), ys_], float)
            P["shoulder_r"] = np.array([row.max(), ys_], float)
        ya = None
        for y in range(ys_, y0 + int(0.6 * H)):
            r = _run_at(m[y], cx)
            if r and (r[1] - r[0]) / 2.0 >= 0.95 * tw:
                ya = y
                break
        ya = ya if ya is not None else P["shoulder_l"][1] + 0.45 * sw
        for side, sgn in (("l", -1), ("r", 1)):
            P[f"armpit_{side}"] = np.array([cx + sgn * tw, ya], float)
        cut.widths["sleeveless"] = 1.0
    for side, sgn in (("l", -1), ("r", 1)):
        if f"armpit_{side}" not in P:  # one sleeve not found: mirror the other side's armpit height
            other = P.get("armpit_r" if side == "l" else "armpit_l")
            ay = other[1] if other is not None else P[f"shoulder_{side}"][1] + 0.45 * sw
            P[f"armpit_{side}"] = np.array([cx + sgn * tw, ay], float)
    if cut.kind == "full":
        bottom_runs = _runs(m[y1 - 2])
        wide = [r for r in bottom_runs if r[1] - r[0] > 0.05 * sw]
        first_run = _run_at(m[:, cx], y0 + int(0.3 * H))
        if len(wide) >= 2 and first_run and first_run[1] < y1 - 0.08 * H:
            _legs(cut, m, y1, wide[0], wide[-1], cx)
            _waist(cut, m, y0, H, cx, limit=int(P["crotch"][1]))
            return
    hy = int(y1 - 0.03 * H)
    # hem corners: the run at the hem containing the centre, but never the cuffs beside it
    r = _run_at(m[hy], cx) or (cx - int(tw), cx + int(tw))
    if cut.kind == "upper":
        r = (min(r[0], int(cx - 0.95 * tw)), max(r[1], int(cx + 0.95 * tw)))
    hl, hr = r
    if (hr - hl) / 2.0 > 1.25 * tw and cut.kind == "upper":
        hl, hr = int(cx - 1.05 * tw), int(cx + 1.05 * tw)
    P["hem_l"] = np.array([hl, hy], float)
    P["hem_r"] = np.array([hr, hy], float)
    P["hem_c"] = np.array([cx, hy], float)
    if cut.kind == "full":
        _waist(cut, m, y0, H, cx, limit=y0 + int(0.6 * H))


def _waist(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int, limit: int) -> None:
    """Narrowest torso run between the armpits and `limit`."""
    P = cut.points
    ya = int(max(P["armpit_l"][1], P["armpit_r"][1]))
    best = None
    for y in range(ya + 2, max(ya + 3, limit)):
        rr = _run_at(m[y], cx)
        if rr and (best is None or rr[1] - rr[0] < best[1][1] - best[1][0]):
            best = (y, rr)
    if best:
        P["waist_l"] = np.array([best[1][0], best[0]], float)
        P["waist_r"] = np.array([best[1][1], best[0]], float)


def _legs(cut: GarmentCutout, m: np.ndarray, y1: int, left: tuple[int, int], right: tuple[int, int], cx: int) -> None:
    P = cut.points
    hy = y1 - 2
    P["leg_l"] = np.array([(left[0] + left[1]) / 2.0, hy], float)
    P["leg_r"] = np.array([(right[0] + right[1]) / 2.0, hy], float)
    cut.widths["leg_l"] = (left[1] - left[0]) / 2.0
    cut.widths["leg_r"] = (right[1] - right[0]) / 2.0
    # crotch: bottom of the first run down the centre column
    top_rows = np.flatnonzero(m[:, cx])
    run = _run_at(m[:, cx], int(top_rows.min()) + 1) if top_rows.size else None
    top = float(top_rows.min()) if top_rows.size else 0.0
    crotch = float(run[1]) if run else top + RISE * (hy - top)
    if crotch - top > MAX_RISE * (hy - top):  # legs touching in the photo hide the crotch: usual rise
        crotch = top + RISE * (hy - top)
    P["crotch"] = np.array([cx, crotch], float)


def _lower_points(cut: GarmentCutout, m: np.ndarray, y0: int, y1: int, cx: int) -> None:
    P = cut.points
    wy = y0 + max(3, int(0.04 * (y1 - y0)))  # below belt loops and notches
    row = np.flatnonzero(m[wy])
    r = (int(row.min()), int(row.max())) if row.size else (cx - 10, cx + 10)
    P["waist_l"] = np.array([r[0], wy], float)
    P["waist_r"] = np.array([r[1], wy], float)
    bottom_runs = [rr for rr in _runs(m[y1 - 2]) if rr[1] - rr[0] > 3]
    if len(bottom_runs) >= 2:
        _legs(cut, m, y1, bottom_runs[0], bottom_runs[-1], cx)
    else:
        rr = _run_at(m[y1 - 2], cx) or r
        P["hem_l"] = np.array([rr[0], y1 - 2], float)
        P["hem_r"] = np.array([rr[1], y1 - 2], float)
        P["hem_c"] = np.array([cx, y1 - 2], float)
