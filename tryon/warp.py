"""Stage 3: where each garment keypoint goes on the body, and a thin-plate-spline warp there.

Targets come from the pose landmarks; widths from the person mask (a little wider than the
body at chest and waist), lengths from the garment's own proportions scaled by the body's
shoulder (or hip) width. The TPS (numpy) maps body pixels back to garment pixels; it is
evaluated on a coarse grid and upsampled, then `cv2.remap` pulls the garment across.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from tryon.arms import ARM_HALF_RANGE, arm_joints, inside_arm, outline_reach, reaches_elbow
from tryon.garment import GarmentCutout
from tryon.garment_points import side_at
from tryon.legs import along, leg_length_scale, legs_centre_x, legs_targets
from tryon.person import (L_ANKLE, L_ELBOW, L_HIP, L_SHOULDER, L_WRIST, R_ANKLE, R_ELBOW, R_HIP, R_SHOULDER, R_WRIST,
                          PersonAnalysis)
from tryon.sleeve_layer import ArmPath, sleeve_layer, sleeves_mask
from tryon.tps import fit_grid, pixel_maps

EASE = 1.06          # garment half-width / body half-width
SHOULDER_OUT = 0.10  # seam sits this share of shoulder width outside the joint
# the body's half-width at the waistband, as a share of the distance between the hip joints
# (the mask there often takes in the hands hanging beside the hips, so it is bounded)
WAIST_HALF = (0.75, 0.95)
CHEST_HALF = 0.47      # the body's chest half-width as a share of shoulder width (mid of the armpit range)
WRAP = 1.25            # a garment's flat chest width / the chest width it shows worn (the rest wraps round the sides)
HIP_LENGTH = 1.25      # shoulder-seam-to-hem length / shoulder-seam width of a top that ends at the hip joints
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
    long_sleeves: bool = False  # the sleeves lie along the whole arm, each warped as its own layer


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


class Targets(NamedTuple):
    """Garment points and where they go on the body, for the body's map; and the path down each arm
    of a sleeve warped as its own layer."""

    src: np.ndarray
    dst: np.ndarray
    arms: dict[str, ArmPath]


def body_targets(person: PersonAnalysis, cut: GarmentCutout) -> Targets:
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
    arm_paths: dict[str, ArmPath] = {}

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
        arms = {"l": arm_joints(person, ls, R_ELBOW, R_WRIST, axis_dir, -ux, sw),
                "r": arm_joints(person, rs, L_ELBOW, L_WRIST, axis_dir, ux, sw)}
        # a sleeve reaching past the elbow lies along the whole arm, over the torso's side where the arm
        # hangs against it, which one map for garment body and sleeve cannot do: such sleeves get their
        # own layer (sleeve_layer), not pairs in this map
        layered = any(f"cuff_{side}" in g and reaches_elbow(g, side, sv, arms[side], seam)
                      for side, seam in (("l", sl), ("r", sr)))

        def within_arm(hw: float, side: str, sgn: int, at: np.ndarray) -> float:
            """A side seam's half-width `hw` at `at`, kept inside an arm hanging against the body."""
            return min(hw, max(MIN_CHEST_HALF * sw, inside_arm(arms[side], at, sgn * ux, sw)))

        for side, sgn in (("l", -1), ("r", 1)):
            if f"armpit_{side}" not in g:
                continue
            base = sim(g[f"armpit_{side}"])
            hw = mask_half_width(person.mask, base[1], mid_s[0] + axis_dir[0] * (base[1] - mid_s[1]))
            hw = float(np.clip(hw if hw else 0.5 * sw, 0.42 * sw, 0.52 * sw)) * EASE
            centre = mid_s + axis_dir * ((base[1] - mid_s[1]) / max(axis_dir[1], 1e-3))
            if not layered:  # a sleeve lies on the arm, a sleeveless armhole leaves it bare: the side seam stays inside it
                hw = within_arm(hw, side, sgn, centre)
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
            if layered:  # a sleeve never runs past the hand
                armpit = dst[src_names.index(f"armpit_{side}")]
                arm_paths[side] = ArmPath(line=tuple(line), length=min(glen * sv, reach), width_scale=s, armpit=armpit)
                continue
            tip, direction = along(line, min(glen * sv, reach))
            perp_b = np.array([-direction[1], direction[0]])
            hw_g = cut.widths.get(f"cuff_{side}", 10.0)
            reach_out = outline_reach(person.mask, tip, perp_b if np.dot(perp_b, ux) * sgn > 0 else -perp_b,
                                      ARM_HALF_RANGE[1] * sw)
            arm_half = float(np.clip(reach_out if reach_out is not None else ARM_HALF_RANGE[1] * sw,
                                     *(f * sw for f in ARM_HALF_RANGE)))
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
            if reaches_elbow(g, side, sv, arms[side], shoulder_t):  # pin the elbow too
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
                    if not layered:  # arms hanging against the waist are not waist
                        hw = within_arm(hw, side, sgn, c)
                    add(f"waist_{side}", c + sgn * ux * hw)
                    if f"armpit_{side}" in src_names:  # straight side seam armpit -> waist
                        # pinned where the bodice's side is, not on the line between the two: a side
                        # curving out between them (an armpit found high) bulged out over the arms
                        a, b = src_names.index(f"armpit_{side}"), src_names.index(f"waist_{side}")
                        body = cut.mask if cut.sleeve is None else cut.mask & ~cut.sleeve
                        for f in (0.33, 0.67):
                            on = src[a] * (1 - f) + src[b] * f
                            x = side_at(body, on[1], g["neck"][0], sgn)
                            src.append(on if x is None else np.array([x, on[1]]))
                            dst.append(dst[a] * (1 - f) + dst[b] * f)
        if "leg_l" in g:  # jumpsuit: legs measured from the garment's waist (narrowest torso row)
            legs_targets(person, cut, src, dst, s, ux, -axis_dir * 0.18 * torso_len)
        return Targets(np.array(src, float), np.array(dst, float), arm_paths)

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
    return Targets(np.array(src, float), np.array(dst, float), {})


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


def warp(person: PersonAnalysis, cut: GarmentCutout, grid_step: int = 8) -> Warped:
    src, dst, arm_paths = body_targets(person, cut)
    h, w = person.mask.shape
    gh, gw = (h + grid_step - 1) // grid_step + 1, (w + grid_step - 1) // grid_step + 1
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float64) * grid_step
    pts = np.stack([xx.ravel(), yy.ravel()], axis=1)
    sleeves = sleeves_mask(cut) if arm_paths else None
    body_alpha = cut.alpha * ~sleeves if sleeves is not None else cut.alpha  # layered sleeves come on top
    mapped, _, fold, stretch, shear = fit_grid(src, dst, body_alpha, pts, (gh, gw), grid_step)
    m1, m2 = pixel_maps(mapped, grid_step, (h, w))
    rgb = cv2.remap(cut.rgb, m1, m2, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    sleeve_src = cut.sleeve.astype(np.float32) if cut.sleeve is not None and not arm_paths else np.zeros_like(cut.alpha)
    both = cv2.remap(np.dstack([body_alpha.astype(np.float32), sleeve_src]), m1, m2, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha, sleeve = np.clip(both[..., 0], 0, 1), np.clip(both[..., 1], 0, 1)
    for side, path in arm_paths.items():
        layer = sleeve_layer(cut, sleeves, side, path, person.mask, person.shoulder_width, grid_step)
        if layer is None:
            continue
        a, box = layer.alpha, layer.box
        under = alpha[box] * (1 - a)
        total = a + under
        rgb[box] = ((layer.rgb * a[..., None] + rgb[box] * under[..., None]) / np.maximum(total, 1e-6)[..., None]
                    + 0.5).astype(np.uint8)
        alpha[box], sleeve[box] = total, np.maximum(sleeve[box], a)
        # a sleeve is narrowed across on purpose (worn round an arm, part of it is out of sight): its
        # shear is not a print pulled out of shape, so only its folds and stretch join the body's
        fold, stretch = max(fold, layer.fold), max(stretch, layer.stretch)
    neck_y = float(dst[0][1])  # lower body: the waistband
    if "neck" in cut.points:
        # the last source point at the garment's neck, all pairs tested at once
        at_neck = np.flatnonzero(np.isclose(src, cut.points["neck"]).all(axis=1))
        if at_neck.size:
            neck_y = float(dst[at_neck[-1]][1])
    shoulders = np.array(dst[:2], float) if cut.kind != "lower" else None  # body_targets pins the seams first
    return Warped(rgb=rgb, alpha=alpha, sleeve=sleeve, neck_y=neck_y, pairs=(src, dst),
                  fold=fold, stretch=stretch, shear=shear, legs="leg_l" in cut.points, kind=cut.kind,
                  shoulders=shoulders, long_sleeves=bool(arm_paths))
