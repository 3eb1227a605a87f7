"""Where a legged garment (trousers, shorts, jumpsuit) goes: each leg along the body's hip, knee
and ankle, a little wider than the leg, never crossing the other leg or running past the ankle."""

from __future__ import annotations

import numpy as np

from tryon.garment.cutout import GarmentCutout
from tryon.garment.keypoints import runs as row_runs
from tryon.analysis.limbs import Limb, half_width_at, leg_limb, leg_limbs, silhouette
from tryon.analysis.person import L_ANKLE, L_HIP, L_KNEE, R_ANKLE, R_HIP, R_KNEE, PersonAnalysis
from tryon.shared.polyline import along

LEG_EASE = (1.1, 1.6)  # trouser leg half-width at the hem / the leg's half-width at mid-shin
# trouser leg half-width up the leg / the body leg's half-width at that height: at most THIGH_EASE
# at the crotch, opening linearly to LEG_EASE's bound at the hem so flares and wide legs keep it
ROW_EASE_MIN = 1.05
THIGH_EASE = 1.3
# a trouser leg's half-width is at most this share of the way to the other leg's line, at every
# height: the legs never cross (held at the hem alone, a leg wider above it bulged across the gap)
APART = 0.47
# the person mask's width round a leg, over a slim adult's leg there (limbs.LEG_HALVES), is taken for
# the leg's own at most this much: wider is an old skirt, dress or wide trouser leg, not the leg, and
# a new trouser leg sized from it stood out as wide as the old skirt down to its hem, then stepped in
LEG_CAP = 1.2


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


def leg_widths(measured: float, leg: Limb | None, y: float) -> tuple[float, float]:
    """The leg half-widths a trouser leg at height `y` must cover and may ease out from: the mask's,
    no wider than LEG_CAP slim legs (an old skirt is not the leg); eased from no less than a slim
    leg (bare slender legs are narrower than the trousers that hang round them)."""
    if leg is None:
        return measured, measured
    slim = half_width_at(leg, y)
    cover = min(measured, LEG_CAP * slim)
    return cover, max(cover, slim)


def trouser_room(person: PersonAnalysis) -> np.ndarray:
    """Where trouser legs may be drawn (working res) however narrow the person mask is there: round
    each leg as far as `leg_widths` lets a trouser leg ease out. On bare legs below an old skirt the
    mask is the leg alone, and trousers clipped to it stepped in at the old hem."""
    widest = LEG_EASE[1] * LEG_CAP
    return silhouette([leg._replace(halves=leg.halves * widest) for leg in leg_limbs(person)], person.mask.shape)


def legs_centre_x(person: PersonAnalysis, y: float) -> float | None:
    """Where the legs' centre line is at height `y` (working px): between the hips, knees and ankles,
    the ankles' below them; None above the hips. A skirt hangs from the hips around the legs, not
    along the torso's slant carried on down."""
    mids = [(person.point(a) + person.point(b)) / 2 for a, b in ((L_HIP, R_HIP), (L_KNEE, R_KNEE), (L_ANKLE, R_ANKLE))]
    ys = np.maximum.accumulate([float(m[1]) for m in mids])
    if y <= ys[0]:
        return None
    return float(np.interp(y, ys, [float(m[0]) for m in mids]))


LONG_LEGS = 2.0   # a leg this many waist widths long is full length (trousers), not shorts
# a full-length leg ends this share of the shin's length below the ankle joint: over the ankle bone,
# where old full-length trousers end too (ended at the joint, their turned-up cuff showed below it)
HEM_PAST_ANKLE = 0.08


def leg_length_scale(person: PersonAnalysis, cut: GarmentCutout, waist_c: np.ndarray, s: float) -> float:
    """Garment-to-body scale for a legged garment. A flat waistband (often elastic, or folded) says
    little about size, so the length decides: a leg never runs past the ankle bone, and a full-length
    leg ends over it (ending higher, it left the old trousers showing below the new hem)."""
    g = cut.points
    g_waist = (g["waist_l"] + g["waist_r"]) / 2
    g_len = float(max(g["leg_l"][1], g["leg_r"][1]) - g_waist[1])
    ankles = (person.point(L_ANKLE) + person.point(R_ANKLE)) / 2
    knees = (person.point(L_KNEE) + person.point(R_KNEE)) / 2
    body_len = float(np.linalg.norm(ankles + (ankles - knees) * HEM_PAST_ANKLE - waist_c))
    s_len = body_len / max(g_len, 1e-6)
    g_waist_w = float(np.linalg.norm(g["waist_r"] - g["waist_l"]))
    if g_len >= LONG_LEGS * g_waist_w:
        return s_len
    return min(s, s_len)


LEG_ROWS = (0.2, 0.4, 0.6, 0.8)  # where along the inseam each trouser leg is pinned to the body's leg


def _leg_edges(cut: GarmentCutout, side: str, top: np.ndarray, lines: tuple[list[np.ndarray], list[np.ndarray]],
               person: PersonAnalysis, leg: Limb | None, s: float, src: list, dst: list) -> None:
    """Pin both edges of one trouser leg to the body's leg at several heights, so the leg follows
    hip, knee and ankle instead of swinging between the waistband and the hem. Its width there
    is the product's own, bounded by the body leg's width at that height (`leg_widths`): a photo's
    leg taper (wide thigh, narrow hem) need not be the shopper's, and a leg wider than the body
    stands out into the room."""
    line, other_line = lines
    g = cut.points
    m = cut.alpha > 0.5
    y_top = float(g["crotch"][1]) if "crotch" in g else float(top[1])
    y_hem = float(g[f"leg_{side}"][1])
    for f in LEG_ROWS:
        gy = int(round(y_top + f * (y_hem - y_top)))
        runs = [r for r in row_runs(m[gy]) if r[1] - r[0] > 3] if 0 <= gy < m.shape[0] else []
        if not runs:
            continue
        if len(runs) == 1:  # the legs touch in the product photo: split at the garment's centre line
            mid = float(g["crotch"][0]) if "crotch" in g else float(top[0])
            runs = [(runs[0][0], int(mid)), (int(mid), runs[0][1])]
        a, b = runs[0] if side == "l" else runs[-1]
        centre, half = (a + b) / 2.0, (b - a) / 2.0
        at, direction = along(line, (gy - float(top[1])) * s)
        other_at, _ = along(other_line, (gy - float(top[1])) * s)
        perp = np.array([-direction[1], direction[0]])
        if perp[0] < 0:
            perp = -perp
        cover, eased = leg_widths(_leg_half_width(person.mask, at, other_at), leg, float(at[1]))
        most = THIGH_EASE + (LEG_EASE[1] - THIGH_EASE) * f
        half_b = min(float(np.clip(half * s, ROW_EASE_MIN * cover, most * eased)),
                     APART * float(np.linalg.norm(other_at - at)))
        for k in (-1, 1):
            src.append(np.array([centre + k * half, gy], float))
            dst.append(at + k * perp * half_b)


def legs_targets(person: PersonAnalysis, cut: GarmentCutout, src: list, dst: list, s: float, ux: np.ndarray,
                  waist_offset: np.ndarray) -> None:
    g = cut.points
    joints = {"l": (R_HIP, R_KNEE, R_ANKLE), "r": (L_HIP, L_KNEE, L_ANKLE)}
    legs = {side: tuple(person.point(i) for i in idx) for side, idx in joints.items()}
    limbs = {side: leg_limb(person, idx) for side, idx in joints.items()}
    if "waist_l" in g:
        top = (g["waist_l"] + g["waist_r"]) / 2
    else:
        top = g["crotch"] - np.array([0.0, 1.0]) * 0.3 * float(np.linalg.norm(g["leg_r"] - g["leg_l"]))
    tips, lines = {}, {}
    for side in ("l", "r"):
        hip, knee, ankle = legs[side]
        glen = float(g[f"leg_{side}"][1] - top[1])
        lines[side] = [hip + waist_offset, hip, knee, ankle + (ankle - knee) * 0.12]
        tips[side] = along(lines[side], glen * s)
    gap = float(np.linalg.norm(tips["l"][0] - tips["r"][0]))
    for side in ("l", "r"):
        tip, direction = tips[side]
        perp = np.array([-direction[1], direction[0]])
        if perp[0] < 0:
            perp = -perp
        hw_g = cut.widths.get(f"leg_{side}", 10.0)
        other = legs["r" if side == "l" else "l"]
        shin = (legs[side][1] + legs[side][2]) / 2
        cover, eased = leg_widths(_leg_half_width(person.mask, shin, (other[1] + other[2]) / 2), limbs[side],
                                  float(shin[1]))
        # a trouser leg is a little wider than the leg at the knee, never the product's own width
        # when that would stand out into the room, and the legs never cross
        hw_b = min(float(np.clip(hw_g * s, LEG_EASE[0] * cover, LEG_EASE[1] * eased)), APART * gap)
        for k in (-1, 1):
            src.append(g[f"leg_{side}"] + np.array([k * hw_g, 0.0]))
            dst.append(tip + k * perp * hw_b)
        _leg_edges(cut, side, top, (lines[side], lines["r" if side == "l" else "l"]), person, limbs[side], s, src, dst)
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

