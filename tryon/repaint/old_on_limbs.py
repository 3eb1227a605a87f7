"""The old clothing a new garment leaves showing on the arms and legs, to be replaced by bare limbs
(`uncover_limbs`): in a zone round each limb, not skin and not under the garment. On the legs under a
dress or skirt: what runs on down from its hem (trousers, an old skirt's hem band), told from the legs'
bare skin by a print's fine detail too (`bare_legs.legs_bare`), with the trousers' outline and a hem on
the instep past the zone (`trouser_ends`), and the legs moved onto the real shins below it.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.repaint.bare_legs import follow_shin, hem_shadow, legs_bare, old_beside
from tryon.shared.boxes import around
from tryon.analysis.limbs import Limb, leg_limbs, silhouette, zone
from tryon.analysis.person import L_ANKLE, R_ANKLE, PersonAnalysis
from tryon.shared.touching import pieces_touching
from tryon.repaint.trouser_ends import trouser_ends

# old clothing on a limb thinner than this (share of shoulder width) is not counted towards MIN_OLD: a bare
# limb's shaded outline, just outside the skin tone, lines a whole arm but is no sleeve
OUTLINE_THICK = 0.05
# share of shoulder width between the new garment's hem and the top of old clothing that still runs on
# from under it: the hem's soft edge and its shadow on the old cloth, which do not pass for cloth
HEM_GAP = 0.03
# below the ankle joint the shoe starts: the leg stops this share of shoulder width below it
SHOE_TOP = 0.02


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
    n, parts = cv2.connectedComponents(old.astype(np.uint8), connectivity=8)
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
