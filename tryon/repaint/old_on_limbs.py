"""The old clothing a new garment leaves showing on the arms and legs, old trouser legs' edges included,
to be replaced by bare limbs.

The edges of old trouser legs that the legs' zone leaves when they are rebuilt bare under a dress.

Old clothing on a leg is looked for in a zone round the pose's line, down to just below the ankle joint.
Loose trousers stand a few px past that zone along their outer outline, and a full-length hem falls on
the instep, below the ankle joint: both were left as a thin printed line beside the rebuilt leg and a
band of the old hem across the top of the shoe.

The old clothing a new garment leaves showing on the arms and legs, to be replaced by bare limbs
(`uncover_limbs`): in a zone round each limb, not skin and not under the garment. On the legs under a
dress or skirt: what runs on down from its hem (trousers, an old skirt's hem band), told from the legs'
bare skin by a print's fine detail too (`bare_legs.legs_bare`), with the trousers' outline and a hem on
the instep past the zone (`trouser_ends`), and the legs moved onto the real shins below it.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.held_things import held_things
from tryon.analysis.limbs import Limb, leg_limbs, silhouette, zone
from tryon.analysis.person import L_ANKLE, R_ANKLE, PersonAnalysis
from tryon.repaint.bare_legs import follow_shin, hem_shadow, legs_bare, old_beside
from tryon.shared.boxes import around
from tryon.shared.touching import pieces_touching
from tryon.shared.components import components

# the old cloth's outline standing past the legs' zone is taken in this share of shoulder width from it:
# a trouser leg's seam and the segmentation's soft edge, a few px (wider is a bag or the other leg)
FRINGE = 0.04
# a hem falls at most this share of shoulder width below where the zone stops (just under the ankle
# joint): on the instep, 6 to 8 px at working size on the dev photos. A longer run of cloth below is a
# shoe (its top to its sole), not a hem, and is left
HEM_BELOW_ZONE = 0.1


def trouser_ends(person: PersonAnalysis, old: np.ndarray, bare: np.ndarray, alpha: np.ndarray,
                 legs: list[Limb], last: int) -> np.ndarray:
    """The old trousers' pixels next to `old` (working res) that are neither the legs' bare skin (`bare`)
    nor under the new garment: their outline just past the zone, and their hem below the zone's last row
    (`last`, exclusive) where they reach it."""
    out = np.zeros_like(old)
    if not old.any():
        return out
    sw = person.shoulder_width
    r = max(1, int(round(FRINGE * sw)))
    most = max(1, int(round(HEM_BELOW_ZONE * sw)))
    box = around(old, most + r + 1)   # all of it lies this near the old cloth
    cloth = person.body[box] & ~bare[box] & (alpha[box] < 0.5) & ~held_things(person)[box]
    skin = person.skin[box]
    across = np.ones((1, 2 * r + 1), np.uint8)   # beside the cloth along its rows: the shoe below is not its outline
    found = np.zeros_like(cloth)
    for leg in legs:
        mine = old[box] & zone([leg], old.shape)[box]
        if not mine.any():
            continue
        # the hem's run stops at any skin-coloured pixel: the ankle's skin between shoe straps is not smooth
        ends = mine | _hem(mine, cloth & ~skin, skin & person.body[box], most, last - box[0].start)
        # the outline beside this leg down to its own end: lower, beside a shorter leg, is its shin
        near = cv2.dilate(ends.astype(np.uint8), across) > 0
        near[int(np.flatnonzero(ends.any(axis=1))[-1]) + 1:] = False
        found |= ends | (near & cloth)
    out[box] = found & ~old[box]
    return out


def _hem(old: np.ndarray, cloth: np.ndarray, skin: np.ndarray, most: int, last: int) -> np.ndarray:
    """Per column where `old` reaches row `last` - 1 (it was cut off there, not hemmed), the run of `cloth`
    straight below it where it ends within `most` rows; none unless some run ends on `skin`: a bare ankle
    below shows the cloth above it is a hem, and without one the trousers reach into the shoe, whose back
    stands off the heel a short way. Above that row a cropped hem ends on the ankle, whose shaded side is
    no cloth."""
    h, w = old.shape
    cols = np.flatnonzero(old[min(max(last, 1), h) - 1])
    out = np.zeros((h, w), bool)
    if cols.size == 0:
        return out
    bottom = h - np.argmax(old[::-1, cols], axis=0)          # the row below each column's lowest old pixel
    ys = np.minimum(bottom[None, :] + np.arange(most + 1)[:, None], h - 1)   # that row and `most` below it
    run = np.logical_and.accumulate(cloth[ys, cols[None, :]], axis=0)
    stop = run.sum(axis=0)                                   # the first row past each column's run
    ends = stop <= most
    if not (ends & skin[ys[np.minimum(stop, most), np.arange(cols.size)], cols]).any():
        return out
    mark = run[:-1] & ends[None, :]
    out[ys[:-1][mark], np.broadcast_to(cols, mark.shape)[mark]] = True
    return out


# old clothing on a limb thinner than this (share of shoulder width) is not counted towards MIN_OLD: a bare
# limb's shaded outline, just outside the skin tone, lines a whole arm but is no sleeve
OUTLINE_THICK = 0.05
# share of shoulder width between the new garment's hem and the top of old clothing that still runs on
# from under it: the hem's soft edge and its shadow on the old cloth, which do not pass for cloth
HEM_GAP = 0.03
# below the ankle joint the shoe starts: the leg stops this share of shoulder width below it
SHOE_TOP = 0.02
# share of knee-to-ankle below the knees: a legged garment whose hem is higher leaves the shins to be rebuilt
SHORT_HEM = 0.75


def old_clothing(person: PersonAnalysis, limbs: list[Limb], alpha: np.ndarray, first_row: int,
                 last_row: int, bare: np.ndarray | None = None) -> np.ndarray:
    """The old clothing on these limbs the new garment leaves showing: person pixels in the limbs'
    zone between the rows, not skin and not under the garment, in pieces that reach into the limbs'
    own silhouette (a bag or the old top's hem out beside an arm is not its sleeve)."""
    h, w = alpha.shape
    rows = np.zeros((h, w), bool)
    rows[max(0, first_row):max(0, last_row)] = True
    old = zone(limbs, (h, w)) & rows & person.body & (alpha < 0.5) & ~(person.skin if bare is None else bare)
    if not old.any():
        return old
    n, parts = components(old.astype(np.uint8), connectivity=8)
    keep = np.bincount(parts[silhouette(limbs, (h, w)) & old], minlength=n) > 0
    keep[0] = False
    return keep[parts]


def cloth_not_outline(old: np.ndarray, sw: float) -> np.ndarray:
    """`old` less its thin pieces away from any thick one: a bare shin's shaded outline below an old
    hem, just outside the skin tone, is no cloth; repainted, it cut steps into the real leg's edge.
    The cloth's own soft edge, beside its thick body, stays."""
    k = max(3, int(OUTLINE_THICK * sw) | 1)
    square = np.ones((k, k), np.uint8)
    thick = cv2.morphologyEx(old.astype(np.uint8), cv2.MORPH_OPEN, square)
    return old & (cv2.dilate(thick, square) > 0)


def old_on_legs(person: PersonAnalysis, alpha: np.ndarray) -> tuple[list[Limb], np.ndarray] | None:
    """The legs as rebuilt (moved onto the real shins) and the old clothing a dress or skirt (its working-res
    `alpha`) leaves on them; None when it covers no leg the pose sees."""
    legs = leg_limbs(person)
    hem = _hem_top(legs, alpha)
    if not legs or hem is None:
        return None
    sw = person.shoulder_width
    last = int(max(float(person.point(i)[1]) for i in (L_ANKLE, R_ANKLE)) + SHOE_TOP * sw) + 1
    bare = legs_bare(person)
    old = _from_hem(cloth_not_outline(old_clothing(person, legs, alpha, hem, last, bare), sw), alpha, sw)
    # with its hem on the instep: each leg is then carried on down to it
    old |= trouser_ends(person, old, bare, alpha, legs, last)
    legs = [follow_shin(person, leg, old) for leg in legs]
    # moved onto the real shins, the legs' zone takes in old clothing the pose's line missed
    old |= _from_hem(cloth_not_outline(old_clothing(person, legs, alpha, hem, last, bare), sw), alpha, sw)
    old |= old_beside(person, old, alpha, hem, legs)
    old |= hem_shadow(person, legs, old)
    return legs, old


def leaves_shins(person: PersonAnalysis, alpha: np.ndarray) -> bool:
    """Whether a garment with legs of its own (its working-res `alpha`) leaves the shins bare (shorts, cropped
    trousers): neither leg's line is under it SHORT_HEM of the way from knee to ankle. Below its hems, old
    trousers or a long dress are what it leaves on the legs. Trousers cover the legs there, and old clothes
    beside them are the room's (`uncover`): rebuilt as legs, wide old shorts beside slim new trousers were
    painted as skin down the thighs."""
    legs = leg_limbs(person)
    h, w = alpha.shape
    for leg in legs:
        knee, ankle = leg.joints[1], leg.joints[2]
        x, y = (int(round(v)) for v in knee + SHORT_HEM * (ankle - knee))
        if 0 <= y < h and 0 <= x < w and alpha[y, max(0, x - 1):x + 2].max() > 0.5:
            return False
    return bool(legs)


def _from_hem(old: np.ndarray, alpha: np.ndarray, sw: float) -> np.ndarray:
    """The pieces of the legs' `old` clothing that reach up to the new garment (within HEM_GAP): trousers
    or an old skirt worn under it run on from its hem. A piece lower down on its own is a shoe's ankle
    strap, which was painted over as leg."""
    near = np.zeros_like(old)
    if not old.any():
        return near
    r = max(1, int(round(HEM_GAP * sw)))
    box = around(old, 2 * r + 1)   # only the garment near the old clothing is grown
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2)
    near[box] = cv2.dilate((alpha[box] > 0.5).astype(np.uint8), disc) > 0
    return pieces_touching(old, near)


def _hem_top(legs: list[Limb], alpha: np.ndarray) -> int | None:
    """The highest row of a dress's or skirt's hem across the legs (a slanted or uneven hem ends
    higher over one leg): below it, old clothing on the legs is what the garment leaves showing."""
    garment = alpha > 0.5
    on_legs = garment & silhouette(legs, alpha.shape)
    cols = np.flatnonzero(on_legs.any(axis=0))
    if cols.size == 0:
        return None
    lowest = garment.shape[0] - 1 - np.argmax(garment[::-1, cols], axis=0)
    return int(lowest.min()) + 1
