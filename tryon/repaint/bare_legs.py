"""A bare leg rebuilt above the real shin that shows below old clothing (a long dress over bare
shins, cropped trousers over bare ankles) takes that shin's own outline and light.

The pose's knee and ankle points are a few px off the leg, and a slim adult's widths are not this
shopper's: a leg painted from them met the real shin at a step, wider or narrower and off to one
side, and lit flatter than the real skin below it. Where rows of bare shin show, the leg's edges
there are fitted with straight lines and carried on up to the knee, the shin's lightness across its
width (the lit side, the darker outline) is read to paint the rebuilt leg with (`limb_light`), and
its colour where they meet carried a little way up the leg.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.boxes import around
from tryon.garment.keypoints import runs as row_runs
from tryon.repaint.limb_light import across, curve
from tryon.analysis.limbs import Limb, half_width_at, leg_limbs, silhouette, smooth_skin, zone
from tryon.shared.medians import masked_median
from tryon.analysis.old_colours import OLD_NEAR
from tryon.analysis.person import PersonAnalysis
from tryon.analysis.skin import lab_distances
from tryon.shared.components import components

# a leg's width is read from its bare shin only where that shows at least this share of shoulder width
# above the ankle joint (nearer, it is an ankle in a shoe)
SHIN_SEEN = 0.3
# a bare ankle is read down to this share of shoulder width below the ankle joint: the joint lies at the
# ankle bone, a shoe's top lower (the skin test leaves the shoe out)
ANKLE_PAST = 0.05
# the shin's edges are fitted over at most this share of shoulder width of rows below the old clothing:
# a shin is straight that far, below it the calf narrows into the ankle
SHIN_ROWS = 0.25
MIN_ROWS = 4            # rows of seen shin a straight edge needs (fewer: a strap's gap, a shadow)
# a leg is narrowed or widened to its shin's width by these shares at most: outside them the run read is
# a shin half hidden (a shadow, the other leg in front) or both legs together, not one leg
SHIN_FIT = (0.6, 1.4)
# a real shin's edge leans at most this many px sideways per px down off the pose's line: steeper is a
# shoe strap or the other leg read as its edge
MAX_LEAN = 0.25
# the painted leg's colour is matched to the real shin's over this share of shoulder width of rows just
# below the junction, and the difference carried up the leg fading to none over SEAM_REACH of it: the shin
# under a hem is in the hem's shadow, and a leg lit evenly above it met it at a line of colour
SEAM_ROWS = 0.04
SEAM_REACH = 0.35
SEAM_BINS = 11          # the difference is read in this many bins across the leg, edge to edge
MIN_BIN = 6             # px of seen shin a bin needs to be read (else the whole width's difference holds)
# the old hem's shadow on the shin below it reaches this share of shoulder width down (on the dev photos 4 to 6
# px at working size, up to 40 L darker): left, it drew a dark line across the leg where the old hem was
HEM_SHADOW = 0.04
# a real leg is at most this many slim legs (limbs.LEG_HALVES) wide round the pose's line: its bare skin is
# looked for that far (the pose's line runs a few px off the leg's middle)
LEG_MOST = 1.3
# a print's skin-coloured pieces are at most this share of shoulder width across (a geometric print's
# triangles on the dev photos, up to 0.12): the cloth round them closes over that much
PRINT_PIECE = 0.15
MIN_LEG_SKIN = 150      # px of bare leg below a hem that give the legs' colour (fewer: a strap's gap in a shoe)


def shin_rows(person: PersonAnalysis, leg: Limb, old: np.ndarray, to_ankle: bool = False) -> slice | None:
    """The rows of bare shin just below where this leg's old clothing ends, None when it ends at the
    ankle (what shows below it is the shoe). `to_ankle`: of bare leg down to the ankle joint (cropped
    trousers leave the ankle bare: too short and shaped to fit a shin's line to, it still has a width)."""
    sw = person.shoulder_width
    h, w = old.shape
    mine = old & zone([leg], (h, w))
    if not mine.any():
        return None
    end = int(np.flatnonzero(mine.any(axis=1))[-1]) + 1   # below its lowest row (a slanted hem: rows higher)
    last = min(float(leg.joints[-1][1]) + (ANKLE_PAST if to_ankle else -SHIN_SEEN) * sw, end + SHIN_ROWS * sw)
    if last - end < MIN_ROWS:
        return None
    return slice(end, int(last))


def shin_edges(person: PersonAnalysis, leg: Limb, old: np.ndarray, rows: slice) -> np.ndarray | None:
    """(y, left x, right x) of the bare shin in each of `rows`: the run of the body's skin in the
    leg's zone nearest the pose's line."""
    skin = person.skin & person.body & ~old & zone([leg], old.shape)
    ys = np.maximum.accumulate(leg.joints[:, 1])
    out = []
    for y in range(rows.start, rows.stop):
        runs = [r for r in row_runs(skin[y]) if r[1] - r[0] >= 2]
        if not runs:
            continue
        cx = float(np.interp(y, ys, leg.joints[:, 0]))
        a, b = min(runs, key=lambda r: 0.0 if r[0] <= cx <= r[1] else min(abs(r[0] - cx), abs(r[1] - cx)))
        out.append((y, a - 0.5, b + 0.5))
    return np.array(out, np.float64) if len(out) >= MIN_ROWS else None


def follow_shin(person: PersonAnalysis, leg: Limb, old: np.ndarray) -> Limb:
    """The leg moved onto its bare shin below the old clothing and sized to it: the knee, calf and
    ankle on the straight line through the shin's middle, every width scaled so the leg is the
    shin's width where they meet. Left as it is where no shin shows."""
    rows = shin_rows(person, leg, old)
    edges = shin_edges(person, leg, old, rows) if rows is not None else None
    if edges is None:
        return _to_ankle(person, leg, old)
    ys, mid, half = edges[:, 0], (edges[:, 1] + edges[:, 2]) / 2, (edges[:, 2] - edges[:, 1]) / 2
    lean, at = np.polyfit(ys, mid, 1)
    joint_ys = np.maximum.accumulate(leg.joints[:, 1])
    pose_lean = np.polyfit(ys, np.interp(ys, joint_ys, leg.joints[:, 0]), 1)[0]
    lean = pose_lean + float(np.clip(lean - pose_lean, -MAX_LEAN, MAX_LEAN))
    y0 = float(rows.start)
    at = float(np.median(mid - lean * ys))   # the line's offset, robust to a row misread
    joints = leg.joints.copy()
    if y0 >= float(joint_ys[1]):   # the knee and below on the shin's own line
        joints[1:, 0] = lean * joints[1:, 1] + at
    else:   # a junction above the knee (a mini dress): the leg below the hip moved along to meet it
        joints[1:, 0] += lean * y0 + at - float(np.interp(y0, joint_ys, leg.joints[:, 0]))
    width = np.polyval(np.polyfit(ys, half, 1), y0)   # the shin's half-width where the leg meets it
    ratio = float(np.clip(width / max(half_width_at(leg, y0, eased=True), 1.0), *SHIN_FIT))
    return leg._replace(joints=joints, halves=leg.halves * ratio)


def _to_ankle(person: PersonAnalysis, leg: Limb, old: np.ndarray) -> Limb:
    """The leg's shin turned about the knee to end on the bare ankle seen below the old clothing, and
    narrowed or widened below the knee to its width. Left as it is where none shows."""
    rows = shin_rows(person, leg, old, to_ankle=True)
    edges = shin_edges(person, leg, old, rows) if rows is not None else None
    if edges is None:
        return _to_shoe(leg, old)
    y0 = float(rows.start)
    edges = edges[edges[:, 0] < y0 + max(MIN_ROWS, SEAM_ROWS * person.shoulder_width)]   # where they meet
    if not len(edges):   # the ankle's edges are seen only lower down, not where the leg meets them
        return _to_shoe(leg, old)
    joint_ys = np.maximum.accumulate(leg.joints[:, 1])
    knee_y = float(joint_ys[1])
    turn = np.clip((joint_ys - knee_y) / max(y0 - knee_y, 1.0), 0.0, 1.0)   # each joint's share of the turn
    shift = float(np.median((edges[:, 1] + edges[:, 2]) / 2)) - float(np.interp(y0, joint_ys, leg.joints[:, 0]))
    joints, halves = leg.joints.copy(), leg.halves.copy()
    joints[:, 0] += turn * shift / max(float(np.interp(y0, joint_ys, turn)), 1e-3)
    ratio = float(np.clip(np.median(edges[:, 2] - edges[:, 1]) / 2 / max(half_width_at(leg, y0, eased=True), 1.0),
                        *SHIN_FIT))
    halves[2:] *= ratio   # the calf and ankle: the knee and thigh keep their width
    return leg._replace(joints=joints, halves=halves)


def _to_shoe(leg: Limb, old: np.ndarray) -> Limb:
    """The leg carried on along its shin, at the ankle's width, down to the lowest row of its old
    clothing: trousers reaching into the shoe leave no bare ankle, and a leg ending at the ankle joint
    left a gap of room between it and the shoe."""
    mine = old & zone([leg], old.shape)
    if not mine.any():
        return leg
    low = float(np.flatnonzero(mine.any(axis=1))[-1]) + 1.0
    knee, ankle = leg.joints[1], leg.joints[-1]
    if low <= ankle[1] or ankle[1] <= knee[1]:
        return leg
    end = ankle + (ankle - knee) * (low - ankle[1]) / (ankle[1] - knee[1])
    return leg._replace(joints=np.vstack([leg.joints, end]), halves=np.append(leg.halves, leg.halves[-1]))


def shin_curve(person: PersonAnalysis, leg: Limb, old: np.ndarray) -> np.ndarray | None:
    """The real shin's lightness across its width below the old clothing (`limb_light.curve`), or None
    where no shin shows: the light on the leg the photo shows, which the rebuilt leg carries on."""
    rows = shin_rows(person, leg, old)
    if rows is None:
        return None
    h, w = old.shape
    sil = silhouette([leg], (h, w))
    cols = np.flatnonzero(sil[rows].any(axis=0))
    if cols.size == 0:
        return None
    box = (rows, slice(int(cols[0]), int(cols[-1]) + 1))
    pos = across([leg], sil[box], (box[1].start, box[0].start))
    return curve(person.lab[box][..., 0], pos, (smooth_skin(person) & person.body & ~old)[box] & sil[box])


def seam(person: PersonAnalysis, leg: Limb, old: np.ndarray, painted: np.ndarray, pos: np.ndarray,
         box: tuple[slice, slice]) -> np.ndarray | None:
    """The Lab to add to the `painted` leg (Lab float of `box`; `pos` its place across the limb) so it
    meets the real shin below the old clothing without a line of colour: per bin across the leg, the
    real minus the painted over the first SEAM_ROWS rows of shin (or bare ankle), fading to none
    SEAM_REACH above them. None where no bare leg shows below the old clothing."""
    rows = shin_rows(person, leg, old, to_ankle=True)
    if rows is None:
        return None
    sw = person.shoulder_width
    y0 = rows.start
    read = slice(max(y0, box[0].start), min(y0 + max(2, int(SEAM_ROWS * sw)), box[0].stop))
    if read.stop <= read.start:
        return None
    sil = silhouette([leg], old.shape)[box]
    seen = np.zeros(sil.shape, bool)
    inner = slice(read.start - box[0].start, read.stop - box[0].start)
    seen[inner] = (smooth_skin(person) & person.body & ~old)[read, box[1]] & sil[inner]
    if int(seen.sum()) < MIN_BIN * 2:
        return None
    diff = person.lab[box].astype(np.float32) - painted
    bins = np.clip(((pos + 1.0) / 2.0 * SEAM_BINS).astype(int), 0, SEAM_BINS - 1)
    total = np.median(diff[seen], axis=0)
    per_bin = np.array([np.median(diff[seen & (bins == b)], axis=0) if int((seen & (bins == b)).sum()) >= MIN_BIN
                        else total for b in range(SEAM_BINS)], np.float32)
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float32)[:, None]
    fade = np.clip(1.0 - (y0 - ys) / max(SEAM_REACH * sw, 1.0), 0.0, 1.0) * (ys < y0 + 1)
    # between the bins' middles, not stepped from bin to bin: steps drew stripes down the leg
    centres = (np.arange(SEAM_BINS) + 0.5) / SEAM_BINS * 2.0 - 1.0
    smooth = np.stack([np.interp(pos, centres, per_bin[:, c]) for c in range(3)], -1)
    return smooth * (fade * sil)[..., None]


def hem_shadow(person: PersonAnalysis, legs: list[Limb], old: np.ndarray) -> np.ndarray:
    """The bare skin of each leg from the top of its old clothing down through the old hem's shadow
    (HEM_SHADOW) on the shin below it, where a shin shows: repainted with the leg, it is no longer
    lit as under a hem that is gone."""
    h, w = old.shape
    out = np.zeros((h, w), bool)
    for leg in legs:
        rows = shin_rows(person, leg, old)
        if rows is None:
            continue
        top = int(np.flatnonzero((old & zone([leg], (h, w))).any(axis=1))[0])
        low = min(h, rows.start + int(round(HEM_SHADOW * person.shoulder_width)))
        out[top:low] |= (silhouette([leg], (h, w)) & person.body & ~old)[top:low]
    return out


def legs_below(person: PersonAnalysis, row: int) -> np.ndarray:
    """The legs' own bare skin (working res) in pieces that reach below `row` (a dress's lowest hem): smooth
    skin within LEG_MOST slim legs of the pose's line, of the colour of the legs seen below the row, joined
    to them. In a notch of an uneven hem it is the leg itself, not old clothing to paint out; an old
    skirt's pale checks that pass the skin test are not of the legs' colour."""
    h, w = person.mask.shape
    out = np.zeros((h, w), bool)
    wide = silhouette([leg._replace(halves=leg.halves * LEG_MOST) for leg in leg_limbs(person)], (h, w))
    if not wide.any():
        return out
    box = around(wide, 0)
    skin = wide[box] & smooth_skin(person)[box] & person.body[box]
    lab = person.lab[box]
    cut = max(0, row - box[0].start)
    if int(skin[cut:].sum()) < MIN_LEG_SKIN:
        return out
    seen = np.zeros(skin.shape, bool)
    seen[cut:] = skin[cut:]
    skin &= lab_distances(lab, masked_median(lab, seen)) < OLD_NEAR
    n, parts = components(skin.astype(np.uint8), connectivity=4)
    below = np.bincount(parts[cut:].ravel(), minlength=n) > 0
    below[0] = False
    out[box] = below[parts]
    return out


def old_beside(person: PersonAnalysis, old: np.ndarray, alpha: np.ndarray, hem: int, legs: list[Limb]) -> np.ndarray:
    """The old clothing's pieces out beside the legs, past their zone, from the new hem down to the
    shins: a longer old dress's flare, left as a pale block beside the rebuilt legs. Only pixels of
    the old clothing's colour (a bag, a hand, a shoe are not it), in pieces joined to it."""
    h, w = old.shape
    bottom = int(min(float(leg.joints[-1][1]) for leg in legs) - SHIN_SEEN * person.shoulder_width)
    if not old.any() or bottom <= hem:
        return np.zeros((h, w), bool)
    rows = slice(max(0, hem), bottom)
    cloth = masked_median(person.lab, old)
    near = np.zeros((h, w), bool)
    near[rows] = (person.body & ~person.skin & (alpha < 0.5))[rows] & (lab_distances(person.lab[rows], cloth) < OLD_NEAR)
    n, parts = components((near | old).astype(np.uint8), connectivity=8)
    joined = np.bincount(parts[old], minlength=n) > 0
    joined[0] = False
    return joined[parts] & near & ~old


def legs_bare(person: PersonAnalysis) -> np.ndarray:
    """The bare skin (working res) round the legs, told from an old print's skin-coloured pieces: skin-coloured
    pixels, less those with a print's fine detail (not `smooth_skin`) that the cloth round them closes over
    (PRINT_PIECE). A printed trouser leg's pink pieces passed for bare skin and stayed as flecks beside the
    rebuilt legs; the detailed outline of a real ankle below a cropped hem is not ringed by cloth and stays
    skin (once per photo)."""
    return person.derived("legs_bare", lambda: _legs_bare(person))


def _legs_bare(person: PersonAnalysis) -> np.ndarray:
    out = person.skin.copy()
    legs = leg_limbs(person)
    if not legs:
        return out
    k = max(3, int(PRINT_PIECE * person.shoulder_width) | 1)
    box = around(zone(legs, out.shape), k)
    cloth = (person.body[box] & ~person.skin[box]).astype(np.uint8)
    ringed = cv2.morphologyEx(cloth, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8)) > 0
    out[box] &= ~(ringed & ~smooth_skin(person)[box])
    return out
