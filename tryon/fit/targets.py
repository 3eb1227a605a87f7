"""Where each garment keypoint goes on the body.

Targets come from the pose landmarks; widths from the person mask (a little wider than the
body at chest and waist), lengths from the garment's own proportions scaled by the body's
shoulder (or hip) width. Each garment region (shoulders, armpits, sleeves, hem, dress waist,
legs) adds its own pairs, so a fix to one region stays in its own function.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tryon.analysis.arms import ARM_HALF, ARM_HALF_RANGE, arm_joints, inside_arm, outline_reach, reaches_elbow
from tryon.analysis.body_frame import BodyFrame, body_frame, mask_half_width, shoulder_lift
from tryon.analysis.old_colours import old_waistband_y
from tryon.garment.cutout import GarmentCutout
from tryon.garment.keypoints import SHOULDER_LINE, side_at
from tryon.fit.legs import leg_length_scale, legs_centre_x, legs_targets
from tryon.shared.polyline import along
from tryon.analysis.person import L_ANKLE, L_ELBOW, L_WRIST, R_ANKLE, R_ELBOW, R_WRIST, PersonAnalysis
from tryon.fit.arm_sides import bare_below_of, on_arms, reach_to_arm
from tryon.fit.cuffs import CUFF_HALF, cuff_corners
from tryon.fit.sleeve_warp import TO_WRIST, ArmPath
from tryon.fit.shoulder_line import alike, opening_rise, shoulder_tops
from tryon.fit.target_pairs import Pairs, Targets

EASE = 1.06          # garment half-width / body half-width
SHOULDER_SEAM_OUT = 0.10  # seam sits this share of shoulder width outside the joint
# the body's half-width at the waistband, as a share of the distance between the hip joints
# (the mask there often takes in the hands hanging beside the hips, so it is bounded)
WAIST_HALF = (0.75, 0.95)
CHEST_HALF = 0.47      # the body's chest half-width as a share of shoulder width (mid of the armpit range)
WRAP = 1.25            # a garment's flat chest width / the chest width it shows worn (the rest wraps round the sides)
HIP_LENGTH = 1.25      # shoulder-seam-to-hem length / shoulder-seam width of a top that ends at the hip joints
# a sleeveless top's chest (armpit to armpit, as laid flat) spans this share of shoulder width each side
# of the centre on the body: its armpits' usual place (CHEST_HALF, eased), where its straps are measured from
STRAP_CHEST_HALF = CHEST_HALF * EASE
MIN_CHEST_HALF = 0.3  # a top's half-width at the armpits is at least this share of shoulder width
TOP_MAX_LENGTH = 1.25  # a top's hem lands at most this many torso lengths (shoulders to hips) below the shoulders
COAT_MAX_LENGTH = 2.0  # ... a coat's at most this many: the knees
# a hem's width over the chest's, as laid flat, is bounded by this for a top and a dress
MAX_FLARE = {"upper": 1.4, "full": 2.5}
# a skirt laid flat is spread out to its whole width; worn, it hangs in folds round the legs, and seen
# from the front stands out from the body by this share of what the flat shot shows
SKIRT_HANG = 0.5
# a sleeveless top's armpits, laid flat, stand at most a chest's half-width (CHEST_HALF eased and wrapped) out
# from its centre; past that by an upper arm's half-width, what was read as its sides are sleeves hanging
# beside the body in the product shot
SLEEVES_AS_BODY = CHEST_HALF * EASE * WRAP + ARM_HALF
# a bottom's sides at its waistband and the hip joints' row reach out to an arm hanging against the
# body when it is at most this many hip-joint distances from the centre (farther, it hangs free)
HIP_MOST = 1.2


@dataclass(frozen=True)
class _TopFit:
    """A top's or dress's shoulder seams on the body and the scales that carry the garment there."""

    body: BodyFrame
    sl: np.ndarray         # the body's shoulder seams, left and right
    sr: np.ndarray
    s: float               # across
    sv: float              # down
    gmid: np.ndarray       # the garment's shoulder-seam midpoint
    arms: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    layered: bool          # its sleeves reach past the elbow and are warped as layers of their own

    def sim(self, p: np.ndarray) -> np.ndarray:
        """Garment -> body, keeping the garment's proportions."""
        v = p - self.gmid
        return (self.sl + self.sr) / 2 + self.body.ux * v[0] * self.s + self.body.axis_dir * v[1] * self.sv

    def within_arm(self, hw: float, side: str, sgn: int, at: np.ndarray) -> float:
        """A side seam's half-width `hw` at `at`, kept inside an arm hanging against the body."""
        sw = self.body.sw
        return min(hw, max(MIN_CHEST_HALF * sw, inside_arm(self.arms[side], at, sgn * self.body.ux, sw)))


def body_targets(person: PersonAnalysis, cut: GarmentCutout) -> Targets:
    body, pairs = body_frame(person), Pairs(cut.points)
    if cut.kind not in ("upper", "full"):
        _bottom(person, cut, body, pairs)
        return pairs.targets({})
    fit = _shoulders(person, cut, body, pairs)
    _armpits(person, fit, pairs)
    arm_paths = _sleeves(person, cut, fit, pairs)
    if cut.kind == "upper" or "hem_l" in pairs.g:
        _top_hem(person, cut, fit, pairs, arm_paths)
    if cut.kind == "full":
        _dress_waist(person, cut, fit, pairs)
    if "leg_l" in pairs.g:  # jumpsuit: legs measured from the garment's waist (narrowest torso row)
        legs_targets(person, cut, pairs.src, pairs.dst, fit.s, body.ux, -body.axis_dir * 0.18 * body.torso_len)
    return pairs.targets(arm_paths)


def _shoulders(person: PersonAnalysis, cut: GarmentCutout, body: BodyFrame, pairs: Pairs) -> _TopFit:
    g, ls, rs, sw, ux, down = pairs.g, body.ls, body.rs, body.sw, body.ux, body.down
    out = -0.02 if "sleeveless" in cut.widths else SHOULDER_SEAM_OUT
    lift_l, lift_r = alike(shoulder_lift(person.mask, ls, down, sw), shoulder_lift(person.mask, rs, down, sw), sw)
    sl, sr = ls - ux * out * sw - down * lift_l, rs + ux * out * sw - down * lift_r
    gsl, gsr = g["shoulder_l"], g["shoulder_r"]
    if "straps" in cut.widths:
        sl, sr = _strap_tops(person, cut, body, (sl, sr), (lift_l, lift_r))
    gs = float(np.linalg.norm(gsr - gsl))
    s = float(np.linalg.norm(sr - sl)) / max(gs, 1e-6)
    if SHOULDER_LINE in cut.widths:
        # a sleeveless top pinned by its armholes' corners: sized as if they were seams, or as its topmost row
        # across the joints, whichever is smaller. Each misreads one way, too large: the row stands by the neck
        # on sloping shoulders (a tank drawn as wide as a tee), the corners lie inside where seams would
        # (pinned at the joints, a knee-length shift dress ended at mid-thigh; as seams, at mid-calf)
        pinned = s * gs
        as_seams = (pinned + 2 * (SHOULDER_SEAM_OUT - out) * sw) / max(gs, 1e-6)
        s = min(as_seams, pinned / max(cut.widths[SHOULDER_LINE], 1e-6))
    if cut.kind == "upper":
        sv = _top_length_scale(cut, s, sw, body.torso_len)
    else:
        sv = s if "leg_l" in g else _dress_length_scale(person, cut, body, s, (sl + sr) / 2)
    arms = {"l": arm_joints(person, ls, R_ELBOW, R_WRIST, body.axis_dir, -ux, sw),
            "r": arm_joints(person, rs, L_ELBOW, L_WRIST, body.axis_dir, ux, sw)}
    # a sleeve reaching past the elbow lies along the whole arm, over the torso's side where the arm
    # hangs against it, which one map for garment body and sleeve cannot do: such sleeves get their
    # own layer (sleeve_layer), not pairs in this map
    layered = any(f"cuff_{side}" in g and reaches_elbow(g, side, sv, arms[side], seam)
                  for side, seam in (("l", sl), ("r", sr)))
    fit = _TopFit(body, sl, sr, s, sv, (gsl + gsr) / 2, arms, layered)
    pairs.add("shoulder_l", sl)
    pairs.add("shoulder_r", sr)
    rise = opening_rise(person, fit.sim, fit.body, pairs)
    pairs.add("neck", fit.sim(g["neck"]) - down * rise)
    if "neck_corner_l" not in g and not {"straps", "sleeveless", SHOULDER_LINE} & set(cut.widths):
        shoulder_tops(person, cut, fit.sim, fit.body, pairs)
    return fit


def _strap_tops(person: PersonAnalysis, cut: GarmentCutout, body: BodyFrame, seams: tuple[np.ndarray, np.ndarray],
                lifts: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """A strapped top's strap tops or halter collar (`open_armholes`) on the body: as far out from the centre, in
    chest widths, as they stand on the product (never past the `seams` by the joints), lifted onto the
    body's outline above them, never higher than over the joints (their `lifts`: hair hanging beside
    the neck is in the outline). Pinned at the joints, a camisole's straps were dragged out to the
    arms' round and a halter's collar (a third of its chest wide) spread over both shoulders, its
    print pasted as a flat block from arm to arm."""
    g, sw, ux, down = cut.points, body.sw, body.ux, body.down
    g_half = float(g["armpit_r"][0] - g["armpit_l"][0]) / 2
    g_mid = float(g["armpit_r"][0] + g["armpit_l"][0]) / 2
    if g_half <= 0:
        return seams
    tops = []
    for side, seam, lift in zip("lr", seams, lifts):
        reach = abs(float(g[f"shoulder_{side}"][0]) - g_mid) / g_half * STRAP_CHEST_HALF * sw
        off = float(np.dot(seam - body.mid_s, ux))
        on_line = body.mid_s + ux * np.sign(off) * min(abs(off), reach)
        tops.append((on_line, min(lift, shoulder_lift(person.mask, on_line, down, sw))))
    (l, lift_l), (r, lift_r) = tops
    lift_l, lift_r = alike(lift_l, lift_r, sw)
    return l - down * lift_l, r - down * lift_r


def _armpits(person: PersonAnalysis, fit: _TopFit, pairs: Pairs) -> None:
    body, sw = fit.body, fit.body.sw
    for side, sgn in (("l", -1), ("r", 1)):
        if f"armpit_{side}" not in pairs.g:
            continue
        base = fit.sim(pairs.g[f"armpit_{side}"])
        hw = mask_half_width(person.mask, base[1], body.mid_s[0] + body.axis_dir[0] * (base[1] - body.mid_s[1]))
        hw = float(np.clip(hw if hw else 0.5 * sw, 0.42 * sw, 0.52 * sw)) * EASE
        centre = body.mid_s + body.axis_dir * ((base[1] - body.mid_s[1]) / max(body.axis_dir[1], 1e-3))
        if not fit.layered:  # a sleeve lies on the arm, a sleeveless armhole leaves it bare: the side seam stays inside it
            hw = fit.within_arm(hw, side, sgn, centre)
        pairs.add(f"armpit_{side}", centre + sgn * body.ux * hw)


def _sleeves(person: PersonAnalysis, cut: GarmentCutout, fit: _TopFit, pairs: Pairs) -> dict[str, ArmPath]:
    """Sleeves follow the arms: pinned in the body's map, or (past the elbow) a path for a layer of their own."""
    g, sw, ux, sv = pairs.g, fit.body.sw, fit.body.ux, fit.sv
    arm_paths: dict[str, ArmPath] = {}
    for side, sgn in (("l", -1), ("r", 1)):
        if f"cuff_{side}" not in g:
            continue
        shoulder_t = fit.sl if side == "l" else fit.sr
        _, el, wr = fit.arms[side]
        gcuff, gsh = g[f"cuff_{side}"], g[f"shoulder_{side}"]
        glen = float(np.linalg.norm(gcuff - gsh))
        axis_g = (gcuff - gsh) / max(glen, 1e-6)
        line = [shoulder_t, el, wr + (wr - el) * 0.15]
        upper_len = float(np.linalg.norm(el - shoulder_t))
        reach = sum(float(np.linalg.norm(b - a)) for a, b in zip(line[:-1], line[1:]))
        length = min(_sleeve_length(glen * sv, upper_len, float(np.linalg.norm(wr - el))), reach)
        if fit.layered:  # a sleeve never runs past the hand
            arm_paths[side] = ArmPath(line=tuple(line), length=length, width_scale=fit.s,
                                      armpit=pairs.target(f"armpit_{side}"))
            continue
        tip, direction = along(line, length)
        perp_b = np.array([-direction[1], direction[0]])
        hw_g = cut.widths.get(f"cuff_{side}", CUFF_HALF)
        reach_out = outline_reach(person.mask, tip, perp_b if np.dot(perp_b, ux) * sgn > 0 else -perp_b,
                                  ARM_HALF_RANGE[1] * sw)
        arm_half = float(np.clip(reach_out if reach_out is not None else ARM_HALF_RANGE[1] * sw,
                                 *(f * sw for f in ARM_HALF_RANGE)))
        hw_b = max(hw_g * fit.s, min(1.1 * arm_half, 1.35 * hw_g * fit.s))
        # the sleeve's inner edge must stay outside the torso side, or the warp folds over
        if pairs.has(f"armpit_{side}"):
            armpit_x = pairs.target(f"armpit_{side}")[0]
            inner_x = min((tip + k * perp_b * hw_b)[0] * sgn for k in (-1, 1)) * sgn
            outside = (inner_x - armpit_x) * sgn  # > 0: the inner corner is beside the torso
            margin = 0.03 * sw
            if outside < margin:
                tip = tip + np.array([sgn * (margin - outside), 0.0])
        corners = []
        for gc, k in zip(cuff_corners(g, cut.widths, side), (-1, 1)):  # where `cuffs` finds the hem
            pairs.pin(gc, tip + k * perp_b * hw_b)
            corners.append((pairs.src[-1], pairs.dst[-1]))
        # outer corner: farther from the garment centre line
        corners.sort(key=lambda c: sgn * c[0][0])
        (gi, bi), (go, bo) = corners  # inner, outer
        pairs.pin((gsh + go) / 2, (shoulder_t + bo) / 2)
        if f"armpit_{side}" in g:
            pairs.pin((g[f"armpit_{side}"] + gi) / 2, (pairs.target(f"armpit_{side}") + bi) / 2)
        if reaches_elbow(g, side, sv, fit.arms[side], shoulder_t):  # pin the elbow too
            pairs.pin(gsh + axis_g * upper_len / sv, el)
    return arm_paths


def _sleeve_length(scaled: float, upper: float, forearm: float) -> float:
    """How far down the arm a sleeve is laid: its length scaled with the garment, and a long sleeve (TO_WRIST of
    the forearm past the elbow) to the wrist at least. Scaled by the body's width alone, a long sleeve on a
    long-armed shopper stopped short of the wrist and the old knit cuff showed below it."""
    return max(scaled, upper + forearm) if scaled >= upper + TO_WRIST * forearm else scaled


def _top_hem(person: PersonAnalysis, cut: GarmentCutout, fit: _TopFit, pairs: Pairs,
             arm_paths: dict[str, ArmPath]) -> None:
    g, body, sw = pairs.g, fit.body, fit.body.sw
    hem_c = fit.sim(g["hem_c"])
    hem_c = body.mid_s + body.axis_dir * float(np.dot(hem_c - body.mid_s, body.axis_dir))
    legs_x = legs_centre_x(person, hem_c[1]) if cut.kind == "full" else None
    if legs_x is not None:
        hem_c[0] = legs_x
    hw_m = mask_half_width(person.mask, hem_c[1], hem_c[0])
    hw_b = float(np.clip(hw_m if hw_m else 0.5 * sw, 0.45 * sw, 0.62 * sw)) * EASE
    g_hem_half = float(np.linalg.norm(g["hem_r"] - g["hem_l"])) / 2
    g_torso_half = float(np.linalg.norm(g["armpit_r"] - g["armpit_l"])) / 2 if "armpit_l" in g else g_hem_half
    flare = float(np.clip(g_hem_half / max(g_torso_half, 1e-6), 1.0, MAX_FLARE[cut.kind]))
    if cut.kind == "full":
        flare = 1.0 + (flare - 1.0) * SKIRT_HANG
    if cut.kind == "upper":
        a_half = float(np.linalg.norm(pairs.target("armpit_r") - pairs.target("armpit_l"))) / 2
        hw_b = max(hw_b, a_half)
    pairs.add("hem_c", hem_c)
    # below where no sleeve covers the arm, the top's side meets an arm hanging against it
    meets = cut.kind == "upper" and not _sleeves_as_body(cut, fit)
    bare_below = {side: bare_below_of(cut, fit.layered, arm_paths.get(side)) if meets else np.inf
                  for side in ("l", "r")}
    for side, sgn in (("l", -1), ("r", 1)):
        hem = hem_c + sgn * body.ux * hw_b * flare
        met = on_arms(person, hem_c, hem, sgn, MIN_CHEST_HALF * sw) if hem[1] > bare_below[side] else None
        pairs.add(f"hem_{side}", hem if met is None else met)
    if cut.kind == "upper":
        bodice = cut.mask if cut.sleeve is None else cut.mask & ~cut.sleeve
        for side, sgn in (("l", -1), ("r", 1)):  # keep the side seams straight
            if pairs.has(f"armpit_{side}"):
                a_src, a_dst = pairs.source(f"armpit_{side}"), pairs.target(f"armpit_{side}")
                for f in (0.25, 0.5, 0.75):
                    on, at = a_src * (1 - f) + g[f"hem_{side}"] * f, a_dst * (1 - f) + pairs.target(f"hem_{side}") * f
                    centre = body.mid_s + body.axis_dir * ((at[1] - body.mid_s[1]) / max(body.axis_dir[1], 1e-3))
                    met = on_arms(person, centre, at, sgn, MIN_CHEST_HALF * sw) if at[1] > bare_below[side] else None
                    if met is not None:  # what meets the arm is the bodice's side where it curves in from the line
                        x = side_at(bodice, on[1], g["neck"][0], sgn)  # (never a flutter sleeve standing out past it)
                        on, at = (on if x is None else np.array([sgn * min(sgn * x, sgn * on[0]), on[1]])), met
                    pairs.pin(on, at)


def _sleeves_as_body(cut: GarmentCutout, fit: _TopFit) -> bool:
    """Whether a top read as sleeveless has its sleeves read as its sides (hanging beside the body in the
    product shot, see SLEEVES_AS_BODY): those lie on the arms, and the sides are left where they are."""
    g = cut.points
    flat_half = abs(float(g["armpit_r"][0] - g["armpit_l"][0])) / 2
    return not fit.layered and flat_half * fit.s > SLEEVES_AS_BODY * fit.body.sw


def _dress_waist(person: PersonAnalysis, cut: GarmentCutout, fit: _TopFit, pairs: Pairs) -> None:
    g, body, sw = pairs.g, fit.body, fit.body.sw
    for side, sgn in (("l", -1), ("r", 1)):
        if f"waist_{side}" not in g:
            continue
        wt = fit.sim(g[f"waist_{side}"])
        c = body.mid_s + body.axis_dir * float(np.dot(wt - body.mid_s, body.axis_dir))
        hw_m = mask_half_width(person.mask, c[1], c[0])
        hw = float(np.clip(hw_m if hw_m else 0.45 * sw, 0.4 * sw, 0.6 * sw)) * EASE
        if not fit.layered:  # arms hanging against the waist are not waist
            hw = fit.within_arm(hw, side, sgn, c)
        pairs.add(f"waist_{side}", c + sgn * body.ux * hw)
        if pairs.has(f"armpit_{side}"):  # straight side seam armpit -> waist
            # pinned where the bodice's side is, not on the line between the two: a side
            # curving out between them (an armpit found high) bulged out over the arms
            a_src, a_dst = pairs.source(f"armpit_{side}"), pairs.target(f"armpit_{side}")
            b_src, b_dst = pairs.source(f"waist_{side}"), pairs.target(f"waist_{side}")
            bodice = cut.mask if cut.sleeve is None else cut.mask & ~cut.sleeve
            for f in (0.33, 0.67):
                on = a_src * (1 - f) + b_src * f
                x = side_at(bodice, on[1], g["neck"][0], sgn)
                pairs.pin(on if x is None else np.array([x, on[1]]), a_dst * (1 - f) + b_dst * f)


def _bottom(person: PersonAnalysis, cut: GarmentCutout, body: BodyFrame, pairs: Pairs) -> None:
    """A waistband a little above the hip joints, legs along hip-knee-ankle."""
    g = pairs.g
    hip_w = float(np.linalg.norm(body.rh - body.lh))
    waist_c = body.mid_h - body.axis_dir * 0.18 * body.torso_len
    old_top = old_waistband_y(person)
    if old_top is not None and old_top < waist_c[1]:   # a high-waisted old bottom: the new one's waistband covers it
        waist_c = waist_c - body.axis_dir * (float(waist_c[1]) - old_top) / max(float(body.axis_dir[1]), 1e-6)
    hw_m = mask_half_width(person.mask, waist_c[1], waist_c[0])
    hw = float(np.clip(hw_m if hw_m else WAIST_HALF[1] * hip_w, *(k * hip_w for k in WAIST_HALF))) * EASE
    hw = max([hw] + [r for r in (reach_to_arm(person, waist_c, sgn, HIP_MOST * hip_w) for sgn in (-1, 1)) if r])
    wl, wr = waist_c - body.ux * hw, waist_c + body.ux * hw
    pairs.add("waist_l", wl)
    pairs.add("waist_r", wr)
    s = float(np.linalg.norm(wr - wl)) / max(1e-6, float(np.linalg.norm(g["waist_r"] - g["waist_l"])))
    if "leg_l" in g:
        s = leg_length_scale(person, cut, waist_c, s)
        legs_targets(person, cut, pairs.src, pairs.dst, s, body.ux, waist_c - body.mid_h)
        _hips_to_arms(person, cut, body, pairs, s, waist_c)
        return
    gw = (g["waist_l"] + g["waist_r"]) / 2
    # a maxi skirt ends at the ankles: a flared skirt spread flat reads narrow at its waist for its length, and
    # scaled by that width alone its hem fell past the feet
    length = min(float(np.linalg.norm(g["hem_c"] - gw)) * s, _ankles_y(person) - float(waist_c[1]))
    hem_c = waist_c + body.axis_dir * length
    flare = float(np.linalg.norm(g["hem_r"] - g["hem_l"])) * s / 2
    pairs.add("hem_c", hem_c)
    pairs.add("hem_l", hem_c - body.ux * flare)
    pairs.add("hem_r", hem_c + body.ux * flare)
    _hips_to_arms(person, cut, body, pairs, s, waist_c)


def _hips_to_arms(person: PersonAnalysis, cut: GarmentCutout, body: BodyFrame, pairs: Pairs, s: float,
                  waist_c: np.ndarray) -> None:
    """A bottom's sides at the hip joints' row carried out to an arm hanging against the hips (as its
    waistband is). The waistband's width is bounded (the mask takes in the hands), and a narrower
    bottom left the old clothes between its side and the arm, painted out as the room: a pale notch
    into the body."""
    g = pairs.g
    gw = (g["waist_l"] + g["waist_r"]) / 2
    gy = int(round(float(gw[1]) + float(body.mid_h[1] - waist_c[1]) / s))
    if not 0 <= gy < cut.mask.shape[0] or not cut.mask[gy].any():
        return
    cols = np.flatnonzero(cut.mask[gy])
    most = HIP_MOST * float(np.linalg.norm(body.rh - body.lh))
    for sgn, gx in ((-1, cols[0]), (1, cols[-1])):
        reach = reach_to_arm(person, body.mid_h, sgn, most)
        if reach is not None and reach > abs(float(gx - gw[0])) * s:
            pairs.pin(np.array([float(gx), float(gy)]), body.mid_h + np.array([sgn * reach, 0.0]))


def _top_length_scale(cut: GarmentCutout, s: float, sw: float, torso_len: float) -> float:
    """Garment-to-body scale along a top's length.

    Widths say how big the garment is, the torso says how long this body is in this photo (a long
    torso, a slouch): the scale is their geometric mean. A top's shoulder points are its least
    reliable measure (a halter's straps, a fitted tee's seams inside its chest), so its chest width
    pit to pit bounds the scale too, and no top ends lower than a tunic does but a coat (capped at a tunic's
    length, a knee-length coat was drawn as a hip-length jacket)."""
    g = cut.points
    g_sw = float(np.linalg.norm(g["shoulder_r"] - g["shoulder_l"]))
    s_torso = torso_len / (HIP_LENGTH * max(g_sw, 1e-6))
    chest = float(np.linalg.norm(g["armpit_r"] - g["armpit_l"]))
    s_chest = 2.0 * CHEST_HALF * EASE * WRAP * sw / max(chest, 1e-6)
    g_len = float(g["hem_c"][1] - (g["shoulder_l"][1] + g["shoulder_r"][1]) / 2)
    longest = COAT_MAX_LENGTH if cut.coat else TOP_MAX_LENGTH
    return min(float(np.sqrt(s * s_torso)), s_chest, longest * torso_len / max(g_len, 1e-6))


def _dress_length_scale(person: PersonAnalysis, cut: GarmentCutout, body: BodyFrame, s: float,
                        seams: np.ndarray) -> float:
    """Garment-to-body scale along a dress's length: the smallest of its widths' scale, its bodice's
    (seams to its waist onto the wearer's seams to natural waist), and the one that hangs its hem at
    the ankles (a maxi dress ends there).

    A product shot's width read at the waist rather than the chest (a fitted bodice), or a waist read
    high under the bust (a dress with none), each make their scale too large, never too small: the
    smaller one is the measure read right. By its width alone a fitted mini dress reached the ankles."""
    g = cut.points
    g_seams = (g["shoulder_l"][1] + g["shoulder_r"][1]) / 2
    g_len = float(g["hem_c"][1] - g_seams)
    scales = [s, (_ankles_y(person) - float(seams[1])) / max(g_len, 1e-6)]
    if "waist_l" in g:
        g_bodice = float((g["waist_l"][1] + g["waist_r"][1]) / 2 - g_seams)
        scales.append(float(np.dot(body.waist - seams, body.axis_dir)) / max(g_bodice, 1e-6))
    return min(scales)


def _ankles_y(person: PersonAnalysis) -> float:
    """The row a garment's hem reaches at its longest: between the ankles."""
    return float(person.point(L_ANKLE)[1] + person.point(R_ANKLE)[1]) / 2
