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

from tryon.garment import GarmentCutout
from tryon.legs import along, leg_length_scale, legs_centre_x, legs_targets
from tryon.person import (L_ANKLE, L_ELBOW, L_HIP, L_SHOULDER, L_WRIST, R_ANKLE, R_ELBOW, R_HIP, R_SHOULDER, R_WRIST,
                          PersonAnalysis)
from tryon.tps import fit_grid

EASE = 1.06          # garment half-width / body half-width
SHOULDER_OUT = 0.10  # seam sits this share of shoulder width outside the joint
# the body's half-width at the waistband, as a share of the distance between the hip joints
# (the mask there often takes in the hands hanging beside the hips, so it is bounded)
WAIST_HALF = (0.75, 0.95)
CHEST_HALF = 0.47      # the body's chest half-width as a share of shoulder width (mid of the armpit range)
WRAP = 1.25            # a garment's flat chest width / the chest width it shows worn (the rest wraps round the sides)
HIP_LENGTH = 1.25      # shoulder-seam-to-hem length / shoulder-seam width of a top that ends at the hip joints
ARM_HALF = 0.14       # an upper arm's half-width as a share of shoulder width
LIFT_SPREAD = 0.05    # the two shoulder seams' lifts above their joints differ by at most this share of shoulder width
MIN_CHEST_HALF = 0.3  # a top's half-width at the armpits is at least this share of shoulder width
TOP_MAX_LENGTH = 1.25  # a top's hem lands at most this many torso lengths (shoulders to hips) below the shoulders


@dataclass
class Warped:
    rgb: np.ndarray      # uint8 HxWx3 in person working frame
    alpha: np.ndarray    # float32 HxW
    sleeve: np.ndarray   # float32 HxW, 1 where the garment pixel is a sleeve
    neck_y: float        # neckline height (working px) for face/neck protection
    pairs: tuple[np.ndarray, np.ndarray]  # (garment points, body points) used
    fold: float = 0.0    # share of the garment whose mapping flips orientation (0 = one-to-one)
    stretch: float = 1.0  # spread of local area change across the garment (1 = uniform scale)
    shear: float = 1.0   # how much more the garment is pulled one way than the other (1 = shapes kept)
    legs: bool = False   # trousers, shorts, jumpsuit: the garment follows each leg
    kind: str = "upper"
    shoulders: np.ndarray | None = None  # (2, 2) body points of the shoulder seams, left then right (not bottoms)


def mask_half_width(mask: np.ndarray, y: float, cx: float) -> float | None:
    """Half the width of the mask's run through (cx, y) in that row; None off the mask."""
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
        # a body is near symmetric: a seam lifted much more than the other is over hair, a collar or a
        # raised shoulder, and would tilt the garment
        lift_l, lift_r = _shoulder_lift(person.mask, ls, down, sw), _shoulder_lift(person.mask, rs, down, sw)
        lift_l, lift_r = min(lift_l, lift_r + LIFT_SPREAD * sw), min(lift_r, lift_l + LIFT_SPREAD * sw)
        sl, sr = ls - ux * out * sw - down * lift_l, rs + ux * out * sw - down * lift_r
        gsl, gsr = g["shoulder_l"], g["shoulder_r"]
        gs = float(np.linalg.norm(gsr - gsl))
        s = float(np.linalg.norm(sr - sl)) / max(gs, 1e-6)
        if cut.kind == "upper":
            sv = _top_length_scale(cut, s, sw, torso_len)
        else:
            sv = s if "leg_l" in g else _dress_length_scale(person, cut, s, (sl + sr) / 2)
        gmid = (gsl + gsr) / 2

        def sim(p: np.ndarray) -> np.ndarray:  # garment -> body, keeping garment proportions
            v = p - gmid
            return (sl + sr) / 2 + ux * v[0] * s + axis_dir * v[1] * sv

        add("shoulder_l", sl)
        add("shoulder_r", sr)
        add("neck", sim(g["neck"]))
        arms = {"l": _arm(person, ls, R_ELBOW, R_WRIST, axis_dir, -ux, sw),
                "r": _arm(person, rs, L_ELBOW, L_WRIST, axis_dir, ux, sw)}
        for side, sgn in (("l", -1), ("r", 1)):
            if f"armpit_{side}" not in g:
                continue
            base = sim(g[f"armpit_{side}"])
            hw = mask_half_width(person.mask, base[1], mid_s[0] + axis_dir[0] * (base[1] - mid_s[1]))
            hw = float(np.clip(hw if hw else 0.5 * sw, 0.42 * sw, 0.52 * sw)) * EASE
            centre = mid_s + axis_dir * ((base[1] - mid_s[1]) / max(axis_dir[1], 1e-3))
            if f"cuff_{side}" in g:  # the sleeve lies on the arm: the side seam stays inside the arm
                hw = min(hw, max(MIN_CHEST_HALF * sw, _inside_arm(arms[side], centre, sgn * ux, sw)))
            add(f"armpit_{side}", centre + sgn * ux * hw)
        # sleeves follow the arms
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
            tip, direction = along(line, min(glen * sv, reach))  # a sleeve never runs past the hand
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
            if glen * sv > 1.2 * upper_len:  # long sleeve: pin the elbow too
                src.append(gsh + axis_g * upper_len / sv)
                dst.append(el)
        if cut.kind == "upper" or "hem_l" in g:
            hem_c = sim(g["hem_c"])
            hem_c = mid_s + axis_dir * float(np.dot(hem_c - mid_s, axis_dir))
            legs_x = legs_centre_x(person, hem_c[1]) if cut.kind == "full" else None
            if legs_x is not None:
                hem_c[0] = legs_x
            hw_m = mask_half_width(person.mask, hem_c[1], hem_c[0])
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
                    hw_m = mask_half_width(person.mask, c[1], c[0])
                    hw = float(np.clip(hw_m if hw_m else 0.45 * sw, 0.4 * sw, 0.6 * sw)) * EASE
                    add(f"waist_{side}", c + sgn * ux * hw)
                    if f"armpit_{side}" in src_names:  # straight side seam armpit -> waist
                        a, b = src_names.index(f"armpit_{side}"), src_names.index(f"waist_{side}")
                        for f in (0.33, 0.67):
                            src.append(src[a] * (1 - f) + src[b] * f)
                            dst.append(dst[a] * (1 - f) + dst[b] * f)
        if "leg_l" in g:  # jumpsuit: legs measured from the garment's waist (narrowest torso row)
            legs_targets(person, cut, src, dst, s, ux, -axis_dir * 0.18 * torso_len)
        return np.array(src, float), np.array(dst, float)

    # lower body: waistband a little above the hip joints, legs along hip-knee-ankle
    hip_w = float(np.linalg.norm(rh - lh))
    waist_c = mid_h - axis_dir * 0.18 * torso_len
    hw_m = mask_half_width(person.mask, waist_c[1], waist_c[0])
    hw = float(np.clip(hw_m if hw_m else WAIST_HALF[1] * hip_w, *(k * hip_w for k in WAIST_HALF))) * EASE
    wl, wr = waist_c - ux * hw, waist_c + ux * hw
    add("waist_l", wl)
    add("waist_r", wr)
    s = float(np.linalg.norm(wr - wl)) / max(1e-6, float(np.linalg.norm(g["waist_r"] - g["waist_l"])))
    if "leg_l" in g:
        s = leg_length_scale(person, cut, waist_c, s)
        legs_targets(person, cut, src, dst, s, ux, waist_c - mid_h)
    else:
        gw = (g["waist_l"] + g["waist_r"]) / 2
        length = float(np.linalg.norm(g["hem_c"] - gw)) * s
        hem_c = waist_c + axis_dir * length
        flare = float(np.linalg.norm(g["hem_r"] - g["hem_l"])) * s / 2
        add("hem_c", hem_c)
        add("hem_l", hem_c - ux * flare)
        add("hem_r", hem_c + ux * flare)
    return np.array(src, float), np.array(dst, float)


def _top_length_scale(cut: GarmentCutout, s: float, sw: float, torso_len: float) -> float:
    """Garment-to-body scale along a top's length.

    Widths say how big the garment is, the torso says how long this body is in this photo (a long
    torso, a slouch): the scale is their geometric mean. A top's shoulder points are its least
    reliable measure (a halter's straps, a fitted tee's seams inside its chest), so its chest width
    pit to pit bounds the scale too, and no top ends lower than a tunic does."""
    g = cut.points
    g_sw = float(np.linalg.norm(g["shoulder_r"] - g["shoulder_l"]))
    s_torso = torso_len / (HIP_LENGTH * max(g_sw, 1e-6))
    chest = float(np.linalg.norm(g["armpit_r"] - g["armpit_l"]))
    s_chest = 2.0 * CHEST_HALF * EASE * WRAP * sw / max(chest, 1e-6)
    g_len = float(g["hem_c"][1] - (g["shoulder_l"][1] + g["shoulder_r"][1]) / 2)
    return min(float(np.sqrt(s * s_torso)), s_chest, TOP_MAX_LENGTH * torso_len / max(g_len, 1e-6))


def _dress_length_scale(person: PersonAnalysis, cut: GarmentCutout, s: float, seams: np.ndarray) -> float:
    """Garment-to-body scale along a dress's length: its widths' scale, unless that would hang its hem
    past the ankles (a maxi dress ends there; a product shot's proportions, or a dress on a taller
    body than it was cut for, would otherwise carry it past the feet)."""
    g = cut.points
    g_len = float(g["hem_c"][1] - (g["shoulder_l"][1] + g["shoulder_r"][1]) / 2)
    ankles_y = float(person.point(L_ANKLE)[1] + person.point(R_ANKLE)[1]) / 2
    return min(s, (ankles_y - float(seams[1])) / max(g_len, 1e-6))


def _shoulder_lift(mask: np.ndarray, joint: np.ndarray, down: np.ndarray, sw: float) -> float:
    """How far above a shoulder joint the seam goes: to just inside the body's silhouette top over
    the joint.

    The pose landmark is the joint centre, well below the shoulder's top surface (by up to a
    fifth of the shoulder width on square-shouldered jackets); a seam pinned to the joint leaves
    a band of the old garment showing above the new one. The lift is measured over the joint, not
    at the seam: out there the shoulder has already rounded down towards the arm, and a seam
    pinned to that lower outline leaves the top of the shoulder bare above a sleeved top."""
    h, w = mask.shape
    inset = 0.04 * sw
    top = 0.0
    for r in np.arange(0.0, 0.3 * sw, 1.0):
        x, y = joint - down * r
        if not (0 <= x < w and 0 <= y < h) or mask[int(y), int(x)] < 0.5:
            break
        top = r
    return max(0.04 * sw, top - inset)


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


def _inside_arm(arm: tuple[np.ndarray, np.ndarray, np.ndarray], centre: np.ndarray, outward: np.ndarray,
                sw: float) -> float:
    """How far out from the body's centre line the upper arm's inner edge is, at the height of
    `centre`: an arm hanging against the body lies over the torso's side, and a sleeve must lie on
    that arm, not be pushed off it beside a torso drawn as wide as body and arm together."""
    shoulder, elbow, _ = arm
    span = float(elbow[1] - shoulder[1])
    f = float(np.clip((centre[1] - shoulder[1]) / span, 0.0, 1.0)) if abs(span) > 1e-6 else 0.0
    on_arm = shoulder + (elbow - shoulder) * f
    return float(np.dot(on_arm - centre, outward)) - ARM_HALF * sw


def _arm_half_width(mask: np.ndarray, tip: np.ndarray, outward: np.ndarray, sw: float) -> float:
    h, w = mask.shape
    lo, hi = 0.08 * sw, 0.26 * sw
    for r in np.arange(lo, hi, 1.0):
        x, y = tip + outward * r
        if not (0 <= x < w and 0 <= y < h) or mask[int(y), int(x)] < 0.5:
            return float(max(lo, r))
    return float(hi)


def warp(person: PersonAnalysis, cut: GarmentCutout, grid_step: int = 8) -> Warped:
    src, dst = body_targets(person, cut)
    h, w = person.mask.shape
    gh, gw = (h + grid_step - 1) // grid_step + 1, (w + grid_step - 1) // grid_step + 1
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float64) * grid_step
    pts = np.stack([xx.ravel(), yy.ravel()], axis=1)
    mapped, det, fold, stretch, shear = fit_grid(src, dst, cut, pts, (gh, gw), grid_step)
    mapped = mapped.astype(np.float32)
    full_w, full_h = (gw - 1) * grid_step + 1, (gh - 1) * grid_step + 1
    mx = cv2.resize(mapped[..., 0], (full_w, full_h), interpolation=cv2.INTER_LINEAR)[:h, :w]
    my = cv2.resize(mapped[..., 1], (full_w, full_h), interpolation=cv2.INTER_LINEAR)[:h, :w]
    # fixed-point maps, made once for both pulls (what remap would make of float maps on each call)
    m1, m2 = cv2.convertMaps(mx, my, cv2.CV_16SC2)
    rgb = cv2.remap(cut.rgb, m1, m2, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    sleeve_src = cut.sleeve.astype(np.float32) if cut.sleeve is not None else np.zeros_like(cut.alpha)
    both = cv2.remap(np.dstack([cut.alpha.astype(np.float32), sleeve_src]), m1, m2, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha, sleeve = both[..., 0], both[..., 1]
    neck_y = float(dst[0][1])  # lower body: the waistband
    if "neck" in cut.points:
        # the last source point at the garment's neck, all pairs tested at once
        at_neck = np.flatnonzero(np.isclose(src, cut.points["neck"]).all(axis=1))
        if at_neck.size:
            neck_y = float(dst[at_neck[-1]][1])
    shoulders = np.array(dst[:2], float) if cut.kind != "lower" else None  # body_targets pins the seams first
    return Warped(rgb=rgb, alpha=np.clip(alpha, 0, 1), sleeve=np.clip(sleeve, 0, 1), neck_y=neck_y, pairs=(src, dst),
                  fold=fold, stretch=stretch, shear=shear, legs="leg_l" in cut.points, kind=cut.kind,
                  shoulders=shoulders)
