"""Stage 3: where each garment keypoint goes on the body, and a thin-plate-spline warp there.

Targets come from the pose landmarks; widths from the person mask (a little wider than the
body at chest and waist), lengths from the garment's own proportions scaled by the body's
shoulder (or hip) width. The TPS (numpy) maps body pixels back to garment pixels; it is
evaluated on a coarse grid and upsampled, then `cv2.remap` pulls the garment across.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tryon.garment import GarmentCutout, _runs
from tryon.person import (L_ANKLE, L_ELBOW, L_HIP, L_KNEE, L_SHOULDER, L_WRIST, R_ANKLE, R_ELBOW, R_HIP, R_KNEE,
                          R_SHOULDER, R_WRIST, PersonAnalysis)

EASE = 1.06          # garment half-width / body half-width
SHOULDER_OUT = 0.10  # seam sits this share of shoulder width outside the joint
# the body's half-width at the waistband, as a share of the distance between the hip joints
# (the mask there often takes in the hands hanging beside the hips, so it is bounded)
WAIST_HALF = (0.75, 0.95)
LEG_EASE = (1.1, 1.6)  # trouser leg half-width at the hem / the leg's half-width at mid-shin


@dataclass
class Warped:
    rgb: np.ndarray      # uint8 HxWx3 in person working frame
    alpha: np.ndarray    # float32 HxW
    sleeve: np.ndarray   # float32 HxW, 1 where the garment pixel is a sleeve
    neck_y: float        # neckline height (working px) for face/neck protection
    pairs: tuple[np.ndarray, np.ndarray]  # (garment points, body points) used
    fold: float = 0.0    # share of the garment whose mapping flips orientation (0 = one-to-one)
    stretch: float = 1.0  # spread of local area change across the garment (1 = uniform scale)
    legs: bool = False   # trousers, shorts, jumpsuit: the garment follows each leg
    kind: str = "upper"


def _tps_fit(src: np.ndarray, dst: np.ndarray, reg: float = 1e-3):
    """Coefficients of f: src->dst (R^2->R^2) thin-plate spline; `reg` trades exact fit for smoothness."""
    n = src.shape[0]
    d = np.linalg.norm(src[:, None, :] - src[None, :, :], axis=2)
    K = np.where(d > 0, d ** 2 * np.log(d + 1e-12), 0.0)
    scale = max(1.0, float(np.mean(d)) ** 2)
    K = K + reg * scale * np.eye(n)
    P = np.hstack([np.ones((n, 1)), src])
    A = np.zeros((n + 3, n + 3))
    A[:n, :n], A[:n, n:], A[n:, :n] = K, P, P.T
    b = np.zeros((n + 3, 2))
    b[:n] = dst
    return np.linalg.lstsq(A, b, rcond=None)[0]


def _tps_eval(coef: np.ndarray, src: np.ndarray, pts: np.ndarray) -> np.ndarray:
    d = np.linalg.norm(pts[:, None, :] - src[None, :, :], axis=2)
    U = np.where(d > 0, d ** 2 * np.log(d + 1e-12), 0.0)
    n = src.shape[0]
    return U @ coef[:n] + coef[n] + pts @ coef[n + 1:]


def _along(points: list[np.ndarray], length: float) -> tuple[np.ndarray, np.ndarray]:
    """The point `length` along a polyline (extrapolating the last segment) and the local direction."""
    for a, b in zip(points[:-1], points[1:]):
        seg = float(np.linalg.norm(b - a))
        direction = (b - a) / max(seg, 1e-6)
        if length <= seg or b is points[-1]:
            return a + direction * length, direction
        length -= seg
    return points[-1], np.array([0.0, 1.0])


def _mask_half_width(mask: np.ndarray, y: float, cx: float) -> float | None:
    h, w = mask.shape
    yi = int(round(y))
    if not 0 <= yi < h:
        return None
    row = mask[yi] > 0.5
    xi = int(np.clip(round(cx), 0, w - 1))
    if not row[xi]:
        return None
    left = xi - int(np.argmin(row[xi::-1])) if not row[: xi + 1].all() else 0
    right = xi + int(np.argmin(row[xi:])) if not row[xi:].all() else w - 1
    return (right - left) / 2.0


def body_targets(person: PersonAnalysis, cut: GarmentCutout) -> tuple[np.ndarray, np.ndarray]:
    g = cut.points
    src, dst = [], []
    # image-left is the person's right
    ls, rs = person.point(R_SHOULDER), person.point(L_SHOULDER)
    lh, rh = person.point(R_HIP), person.point(L_HIP)
    across = rs - ls
    sw = float(np.linalg.norm(across))
    ux = across / max(sw, 1e-6)
    down = np.array([-ux[1], ux[0]])
    if down[1] < 0:
        down = -down
    mid_s = (ls + rs) / 2
    mid_h = (lh + rh) / 2
    torso_len = float(np.linalg.norm(mid_h - mid_s))
    if torso_len < 0.8 * sw:  # implausible hip estimate
        torso_len = 1.5 * sw
    axis_dir = (mid_h - mid_s) / max(1e-6, float(np.linalg.norm(mid_h - mid_s)))
    if axis_dir[1] < 0.5:
        axis_dir = down

    src_names: list[str] = []

    def add(name: str, target: np.ndarray) -> None:
        src.append(g[name])
        dst.append(target)
        while len(src_names) < len(src) - 1:
            src_names.append("")
        src_names.append(name)

    if cut.kind in ("upper", "full"):
        out = -0.02 if "sleeveless" in cut.widths else SHOULDER_OUT
        sl = _on_shoulder_top(person.mask, ls - ux * out * sw, down, sw)
        sr = _on_shoulder_top(person.mask, rs + ux * out * sw, down, sw)
        gsl, gsr = g["shoulder_l"], g["shoulder_r"]
        gs = float(np.linalg.norm(gsr - gsl))
        s = float(np.linalg.norm(sr - sl)) / max(gs, 1e-6)
        gmid = (gsl + gsr) / 2

        def sim(p: np.ndarray) -> np.ndarray:  # garment -> body, keeping garment proportions
            v = p - gmid
            return (sl + sr) / 2 + ux * v[0] * s + axis_dir * v[1] * s

        add("shoulder_l", sl)
        add("shoulder_r", sr)
        add("neck", sim(g["neck"]))
        chest_y = None
        for side, sgn in (("l", -1), ("r", 1)):
            if f"armpit_{side}" not in g:
                continue
            base = sim(g[f"armpit_{side}"])
            chest_y = base[1]
            hw = _mask_half_width(person.mask, base[1], mid_s[0] + axis_dir[0] * (base[1] - mid_s[1]))
            hw = float(np.clip(hw if hw else 0.5 * sw, 0.42 * sw, 0.52 * sw)) * EASE
            centre = mid_s + axis_dir * ((base[1] - mid_s[1]) / max(axis_dir[1], 1e-3))
            add(f"armpit_{side}", centre + sgn * ux * hw)
        # sleeves follow the arms
        arms = {"l": _arm(person, ls, R_ELBOW, R_WRIST, axis_dir, -ux, sw),
                "r": _arm(person, rs, L_ELBOW, L_WRIST, axis_dir, ux, sw)}
        for side, sgn in (("l", -1), ("r", 1)):
            if f"cuff_{side}" not in g:
                continue
            shoulder_t = sl if side == "l" else sr
            s0, el, wr = arms[side]
            gcuff, gsh = g[f"cuff_{side}"], g[f"shoulder_{side}"]
            glen = float(np.linalg.norm(gcuff - gsh))
            axis_g = (gcuff - gsh) / max(glen, 1e-6)
            perp_g = np.array([-axis_g[1], axis_g[0]])
            line = [shoulder_t, el, wr + (wr - el) * 0.15]
            upper_len = float(np.linalg.norm(el - shoulder_t))
            reach = sum(float(np.linalg.norm(b - a)) for a, b in zip(line[:-1], line[1:]))
            tip, direction = _along(line, min(glen * s, reach))  # a sleeve never runs past the hand
            perp_b = np.array([-direction[1], direction[0]])
            hw_g = cut.widths.get(f"cuff_{side}", 10.0)
            arm_half = _arm_half_width(person.mask, tip, perp_b if np.dot(perp_b, ux) * sgn > 0 else -perp_b, sw)
            hw_b = max(hw_g * s, min(1.1 * arm_half, 1.35 * hw_g * s))
            # the sleeve's inner edge must stay outside the torso side, or the warp folds over
            if f"armpit_{side}" in src_names:
                armpit_x = dst[src_names.index(f"armpit_{side}")][0]
                inner_x = min((tip + k * perp_b * hw_b)[0] * sgn for k in (-1, 1)) * sgn
                outside = (inner_x - armpit_x) * sgn  # > 0: the inner corner is beside the torso
                margin = 0.03 * sw
                if outside < margin:
                    tip = tip + np.array([sgn * (margin - outside), 0.0])
            corners = []
            for k in (-1, 1):
                src.append(gcuff + k * perp_g * hw_g)
                dst.append(tip + k * perp_b * hw_b)
                corners.append((src[-1], dst[-1]))
            # outer corner: farther from the garment centre line
            corners.sort(key=lambda c: sgn * c[0][0])
            (gi, bi), (go, bo) = corners  # inner, outer
            src.append((gsh + go) / 2)
            dst.append((shoulder_t + bo) / 2)
            if f"armpit_{side}" in g:
                ga, ba = g[f"armpit_{side}"], dst[src_names.index(f"armpit_{side}")]
                src.append((ga + gi) / 2)
                dst.append((ba + bi) / 2)
            if glen * s > 1.2 * upper_len:  # long sleeve: pin the elbow too
                src.append(gsh + axis_g * upper_len / s)
                dst.append(el)
        if cut.kind == "upper" or "hem_l" in g:
            hem_c = sim(g["hem_c"])
            hem_c = mid_s + axis_dir * float(np.dot(hem_c - mid_s, axis_dir))
            hw_m = _mask_half_width(person.mask, hem_c[1], hem_c[0])
            hw_b = float(np.clip(hw_m if hw_m else 0.5 * sw, 0.45 * sw, 0.62 * sw)) * EASE
            g_hem_half = float(np.linalg.norm(g["hem_r"] - g["hem_l"])) / 2
            g_torso_half = float(np.linalg.norm(g["armpit_r"] - g["armpit_l"])) / 2 if "armpit_l" in g else g_hem_half
            flare = float(np.clip(g_hem_half / max(g_torso_half, 1e-6), 1.0, 2.5 if cut.kind == "full" else 1.4))
            if cut.kind == "upper":
                a_half = float(np.linalg.norm(dst[src_names.index("armpit_r")] - dst[src_names.index("armpit_l")])) / 2
                hw_b = max(hw_b, a_half)
            add("hem_c", hem_c)
            add("hem_l", hem_c - ux * hw_b * flare)
            add("hem_r", hem_c + ux * hw_b * flare)
            if cut.kind == "upper":
                for side in ("l", "r"):  # keep the side seams straight
                    if f"armpit_{side}" in src_names:
                        a = src_names.index(f"armpit_{side}")
                        for f in (0.25, 0.5, 0.75):
                            src.append(src[a] * (1 - f) + g[f"hem_{side}"] * f)
                            dst.append(dst[a] * (1 - f) + dst[src_names.index(f"hem_{side}")] * f)
        if cut.kind == "full":
            for side, sgn in (("l", -1), ("r", 1)):
                if f"waist_{side}" in g:
                    wt = sim(g[f"waist_{side}"])
                    c = mid_s + axis_dir * float(np.dot(wt - mid_s, axis_dir))
                    hw_m = _mask_half_width(person.mask, c[1], c[0])
                    hw = float(np.clip(hw_m if hw_m else 0.45 * sw, 0.4 * sw, 0.6 * sw)) * EASE
                    add(f"waist_{side}", c + sgn * ux * hw)
                    if f"armpit_{side}" in src_names:  # straight side seam armpit -> waist
                        a, b = src_names.index(f"armpit_{side}"), src_names.index(f"waist_{side}")
                        for f in (0.33, 0.67):
                            src.append(src[a] * (1 - f) + src[b] * f)
                            dst.append(dst[a] * (1 - f) + dst[b] * f)
        if "leg_l" in g:  # jumpsuit: legs measured from the garment's waist (narrowest torso row)
            _legs_targets(person, cut, src, dst, s, ux, -axis_dir * 0.18 * torso_len)
        return np.array(src, float), np.array(dst, float)

    # lower body: waistband a little above the hip joints, legs along hip-knee-ankle
    hip_w = float(np.linalg.norm(rh - lh))
    waist_c = mid_h - axis_dir * 0.18 * torso_len
    hw_m = _mask_half_width(person.mask, waist_c[1], waist_c[0])
    hw = float(np.clip(hw_m if hw_m else WAIST_HALF[1] * hip_w, *(k * hip_w for k in WAIST_HALF))) * EASE
    wl, wr = waist_c - ux * hw, waist_c + ux * hw
    add("waist_l", wl)
    add("waist_r", wr)
    s = float(np.linalg.norm(wr - wl)) / max(1e-6, float(np.linalg.norm(g["waist_r"] - g["waist_l"])))
    if "leg_l" in g:
        s = _leg_length_scale(person, cut, waist_c, s)
        _legs_targets(person, cut, src, dst, s, ux, waist_c - mid_h)
    else:
        gw = (g["waist_l"] + g["waist_r"]) / 2
        length = float(np.linalg.norm(g["hem_c"] - gw)) * s
        hem_c = waist_c + axis_dir * length
        flare = float(np.linalg.norm(g["hem_r"] - g["hem_l"])) * s / 2
        add("hem_c", hem_c)
        add("hem_l", hem_c - ux * flare)
        add("hem_r", hem_c + ux * flare)
    return np.array(src, float), np.array(dst, float)


def _on_shoulder_top(mask: np.ndarray, joint: np.ndarray, down: np.ndarray, sw: float) -> np.ndarray:
    """The seam point above a shoulder joint: just inside the body's silhouette top there.

    The pose landmark is the joint centre, well below the shoulder's top surface (by up to a
    fifth of the shoulder width on square-shouldered jackets); a seam pinned to the joint leaves
    a band of the old garment showing above the new one."""
    h, w = mask.shape
    inset = 0.04 * sw
    top = 0.0
    for r in np.arange(0.0, 0.3 * sw, 1.0):
        x, y = joint - down * r
        if not (0 <= x < w and 0 <= y < h) or mask[int(y), int(x)] < 0.5:
            break
        top = r
    return joint - down * max(0.04 * sw, top - inset)


def _rot(v: np.ndarray, ang: float) -> np.ndarray:
    c, s_ = np.cos(ang), np.sin(ang)
    return np.array([c * v[0] - s_ * v[1], s_ * v[0] + c * v[1]])


def _arm(person: PersonAnalysis, shoulder: np.ndarray, elbow_i: int, wrist_i: int, down: np.ndarray,
         outward: np.ndarray, sw: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shoulder, elbow, wrist; unreliable joints fall back to an arm hanging slightly outward, and the
    upper arm never points into the torso (that would fold the sleeve over the body)."""
    min_out = np.deg2rad(10.0)
    upper = 0.95 * sw
    el, wr = person.point(elbow_i), person.point(wrist_i)
    ve, vw = person.landmarks[elbow_i, 2], person.landmarks[wrist_i, 2]
    def clamp(v: np.ndarray) -> np.ndarray:
        n = float(np.linalg.norm(v))
        d = v / max(n, 1e-6)
        cos_d, sin_o = float(np.dot(d, down)), float(np.dot(d, outward))
        ang = np.arctan2(sin_o, cos_d)
        ang = float(np.clip(ang, min_out, np.deg2rad(80)))
        return (down * np.cos(ang) + outward * np.sin(ang)) * n
    if ve < 0.5:
        el = shoulder + clamp(down * upper + outward * 0.2 * upper)
    else:
        el = shoulder + clamp(el - shoulder)
    if vw < 0.5:
        d = (el - shoulder) / max(1e-6, float(np.linalg.norm(el - shoulder)))
        wr = el + d * 0.85 * upper
    return shoulder, el, wr


def _arm_half_width(mask: np.ndarray, tip: np.ndarray, outward: np.ndarray, sw: float) -> float:
    h, w = mask.shape
    lo, hi = 0.08 * sw, 0.26 * sw
    for r in np.arange(lo, hi, 1.0):
        x, y = tip + outward * r
        if not (0 <= x < w and 0 <= y < h) or mask[int(y), int(x)] < 0.5:
            return float(max(lo, r))
    return float(hi)


def _leg_half_width(mask: np.ndarray, shin: np.ndarray, other_shin: np.ndarray) -> float:
    """Half the leg's width at mid-shin, from the person mask: the smaller of the reach outward and
    the reach towards the other leg (capped at half the way there, legs often touch); below the knee
    a dress or long top rarely widens the silhouette."""
    h, w = mask.shape
    towards = other_shin - shin
    gap = float(np.linalg.norm(towards))
    inward = towards / max(gap, 1e-6)
    reach = []
    for direction, limit in ((-inward, 0.5 * w), (inward, 0.5 * gap)):
        r = 0.0
        while r < limit:
            x, y = shin + direction * (r + 1)
            if not (0 <= x < w and 0 <= y < h) or mask[int(y), int(x)] < 0.5:
                break
            r += 1.0
        reach.append(r)
    return max(3.0, min(reach))


LONG_LEGS = 2.0   # a leg this many waist widths long is full length (trousers), not shorts
CROPPED = 0.85    # the shortest a full-length leg may end, as a share of waist-to-ankle


def _leg_length_scale(person: PersonAnalysis, cut: GarmentCutout, waist_c: np.ndarray, s: float) -> float:
    """Garment-to-body scale for a legged garment. A flat waistband (often elastic, or folded) says
    little about size, so the length decides: a leg never runs past the ankle, and a full-length
    leg ends between a crop and the ankle."""
    g = cut.points
    g_waist = (g["waist_l"] + g["waist_r"]) / 2
    g_len = float(max(g["leg_l"][1], g["leg_r"][1]) - g_waist[1])
    ankles = (person.point(L_ANKLE) + person.point(R_ANKLE)) / 2
    body_len = float(np.linalg.norm(ankles - waist_c))
    s_len = body_len / max(g_len, 1e-6)
    g_waist_w = float(np.linalg.norm(g["waist_r"] - g["waist_l"]))
    if g_len >= LONG_LEGS * g_waist_w:
        return float(np.clip(s, CROPPED * s_len, s_len))
    return min(s, s_len)


LEG_ROWS = (0.2, 0.4, 0.6, 0.8)  # where along the inseam each trouser leg is pinned to the body's leg


def _leg_edges(cut: GarmentCutout, side: str, top: np.ndarray, line: list[np.ndarray], s: float, widen: float,
               src: list, dst: list) -> None:
    """Pin both edges of one trouser leg to the body's leg at several heights, so the leg follows
    hip, knee and ankle instead of swinging between the waistband and the hem."""
    g = cut.points
    m = cut.alpha > 0.5
    y_top = float(g["crotch"][1]) if "crotch" in g else float(top[1])
    y_hem = float(g[f"leg_{side}"][1])
    for f in LEG_ROWS:
        gy = int(round(y_top + f * (y_hem - y_top)))
        runs = [r for r in _runs(m[gy]) if r[1] - r[0] > 3] if 0 <= gy < m.shape[0] else []
        if not runs:
            continue
        if len(runs) == 1:  # the legs touch in the product photo: split at the garment's centre line
            mid = float(g["crotch"][0]) if "crotch" in g else float(top[0])
            runs = [(runs[0][0], int(mid)), (int(mid), runs[0][1])]
        a, b = runs[0] if side == "l" else runs[-1]
        centre, half = (a + b) / 2.0, (b - a) / 2.0
        at, direction = _along(line, (gy - float(top[1])) * s)
        perp = np.array([-direction[1], direction[0]])
        if perp[0] < 0:
            perp = -perp
        for k in (-1, 1):
            src.append(np.array([centre + k * half, gy], float))
            dst.append(at + k * perp * half * widen)


def _legs_targets(person: PersonAnalysis, cut: GarmentCutout, src: list, dst: list, s: float, ux: np.ndarray,
                  waist_offset: np.ndarray) -> None:
    g = cut.points
    legs = {"l": (person.point(R_HIP), person.point(R_KNEE), person.point(R_ANKLE)),
            "r": (person.point(L_HIP), person.point(L_KNEE), person.point(L_ANKLE))}
    if "waist_l" in g:
        top = (g["waist_l"] + g["waist_r"]) / 2
    else:
        top = g["crotch"] - np.array([0.0, 1.0]) * 0.3 * float(np.linalg.norm(g["leg_r"] - g["leg_l"]))
    tips, lines = {}, {}
    for side in ("l", "r"):
        hip, knee, ankle = legs[side]
        glen = float(g[f"leg_{side}"][1] - top[1])
        lines[side] = [hip + waist_offset, hip, knee, ankle + (ankle - knee) * 0.12]
        tips[side] = _along(lines[side], glen * s)
    gap = float(np.linalg.norm(tips["l"][0] - tips["r"][0]))
    for side in ("l", "r"):
        tip, direction = tips[side]
        perp = np.array([-direction[1], direction[0]])
        if perp[0] < 0:
            perp = -perp
        hw_g = cut.widths.get(f"leg_{side}", 10.0)
        other = legs["r" if side == "l" else "l"]
        leg_hw = _leg_half_width(person.mask, (legs[side][1] + legs[side][2]) / 2, (other[1] + other[2]) / 2)
        # a trouser leg is a little wider than the leg at the knee, never the product's own width
        # when that would stand out into the room, and the legs never cross
        hw_b = min(float(np.clip(hw_g * s, LEG_EASE[0] * leg_hw, LEG_EASE[1] * leg_hw)), 0.47 * gap)
        for k in (-1, 1):
            src.append(g[f"leg_{side}"] + np.array([k * hw_g, 0.0]))
            dst.append(tip + k * perp * hw_b)
        _leg_edges(cut, side, top, lines[side], s, hw_b / max(hw_g, 1e-6), src, dst)
    if "crotch" in g:
        hips = (legs["l"][0] + legs["r"][0]) / 2
        knees = (legs["l"][1] + legs["r"][1]) / 2
        start = hips + waist_offset
        down = (knees - hips) / max(1e-6, float(np.linalg.norm(knees - hips)))
        drop = float(g["crotch"][1] - top[1]) * s
        lo = float(np.linalg.norm(start - hips)) + 0.08 * float(np.linalg.norm(knees - hips))
        hi = float(np.linalg.norm(start - hips)) + 0.4 * float(np.linalg.norm(knees - hips))
        src.append(g["crotch"])
        dst.append(start + down * float(np.clip(drop, lo, hi)))


# Stiffness of the thin-plate spline, tried from most faithful to most rigid: the first fit
# whose map keeps its orientation everywhere the garment shows (no fold, no flip) and
# stretches no part of it far more than the rest is used. The stiffest is nearly affine.
STIFFNESS = (1e-3, 1e-2, 0.1, 1.0, 100.0)
MAX_FOLD = 0.002       # share of garment grid cells allowed a non-positive Jacobian
MAX_STRETCH = 3.0      # p99 of local area change relative to its median


def jacobian_det(mapped: np.ndarray, step: float) -> np.ndarray:
    """Determinant of d(garment)/d(body) per grid cell of a backward map sampled on a grid."""
    gx = np.gradient(mapped, step, axis=1)
    gy = np.gradient(mapped, step, axis=0)
    return gx[..., 0] * gy[..., 1] - gx[..., 1] * gy[..., 0]


def fold_and_stretch(det: np.ndarray, shows: np.ndarray) -> tuple[float, float]:
    """Share of garment cells whose orientation flips, and the spread of local area change."""
    if not shows.any():
        return 0.0, 1.0
    d = det[shows]
    fold = float((d <= 0).mean())
    pos = d[d > 0]
    if pos.size == 0:
        return fold, float("inf")
    ratio = np.median(pos) / pos
    return fold, float(max(np.percentile(ratio, 99), 1.0 / max(float(np.percentile(ratio, 1)), 1e-6)))


def _fit_grid(src: np.ndarray, dst: np.ndarray, cut: GarmentCutout, pts: np.ndarray, shape: tuple[int, int],
              step: int) -> tuple[np.ndarray, np.ndarray, float, float]:
    """The most faithful backward map on the grid that neither folds nor tears (see STIFFNESS)."""
    gh, gw = shape
    ah, aw = cut.alpha.shape
    best = None
    for reg in STIFFNESS:
        coef = _tps_fit(dst, src, reg)
        mapped = _tps_eval(coef, dst, pts).reshape(gh, gw, 2)
        xi = np.clip(np.round(mapped[..., 0]).astype(int), 0, aw - 1)
        yi = np.clip(np.round(mapped[..., 1]).astype(int), 0, ah - 1)
        inside = (mapped[..., 0] >= 0) & (mapped[..., 0] < aw) & (mapped[..., 1] >= 0) & (mapped[..., 1] < ah)
        shows = inside & (cut.alpha[yi, xi] > 0.5)
        det = jacobian_det(mapped, float(step))
        fold, stretch = fold_and_stretch(det, shows)
        best = (mapped, det, fold, stretch)
        if fold <= MAX_FOLD and stretch <= MAX_STRETCH:
            break
    return best


def warp(person: PersonAnalysis, cut: GarmentCutout, grid_step: int = 8) -> Warped:
    src, dst = body_targets(person, cut)
    h, w = person.mask.shape
    gh, gw = (h + grid_step - 1) // grid_step + 1, (w + grid_step - 1) // grid_step + 1
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float64) * grid_step
    pts = np.stack([xx.ravel(), yy.ravel()], axis=1)
    mapped, det, fold, stretch = _fit_grid(src, dst, cut, pts, (gh, gw), grid_step)
    mapped = mapped.astype(np.float32)
    full_w, full_h = (gw - 1) * grid_step + 1, (gh - 1) * grid_step + 1
    mx = cv2.resize(mapped[..., 0], (full_w, full_h), interpolation=cv2.INTER_LINEAR)[:h, :w]
    my = cv2.resize(mapped[..., 1], (full_w, full_h), interpolation=cv2.INTER_LINEAR)[:h, :w]
    rgb = cv2.remap(cut.rgb, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    sleeve_src = cut.sleeve.astype(np.float32) if cut.sleeve is not None else np.zeros_like(cut.alpha)
    both = cv2.remap(np.dstack([cut.alpha.astype(np.float32), sleeve_src]), mx, my, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha, sleeve = both[..., 0], both[..., 1]
    neck_y = float(dst[0][1])  # lower body: the waistband
    if "neck" in cut.points:
        for p, q in zip(src, dst):
            if np.allclose(p, cut.points["neck"]):
                neck_y = float(q[1])
    return Warped(rgb=rgb, alpha=np.clip(alpha, 0, 1), sleeve=np.clip(sleeve, 0, 1), neck_y=neck_y, pairs=(src, dst),
                  fold=fold, stretch=stretch, legs="leg_l" in cut.points, kind=cut.kind)
