"""The edges of old trouser legs that the legs' zone leaves when they are rebuilt bare under a dress.

Old clothing on a leg is looked for in a zone round the pose's line, down to just below the ankle joint.
Loose trousers stand a few px past that zone along their outer outline, and a full-length hem falls on
the instep, below the ankle joint: both were left as a thin printed line beside the rebuilt leg and a
band of the old hem across the top of the shoe.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.boxes import around
from tryon.analysis.held_things import held_things
from tryon.analysis.limbs import Limb, zone
from tryon.analysis.person import PersonAnalysis

# the old cloth's outline standing past the legs' zone is taken in this share of shoulder width from it:
# a trouser leg's seam and the segmentation's soft edge, a few px (wider is a bag or the other leg)
FRINGE = 0.04
# a hem falls at most this share of shoulder width below where the zone stops (just under the ankle
# joint): on the instep, 6 to 8 px at working size on the dev photos. A longer run of cloth below is a
# shoe (its top to its sole), not a hem, and is left
HEM_BAND = 0.1


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
    most = max(1, int(round(HEM_BAND * sw)))
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
