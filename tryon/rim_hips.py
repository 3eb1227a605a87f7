"""Carry a bottom's side over the old clothes closed in between it and an arm hanging against the hips.

A hand hangs against the hip, in front of the old skirt or trousers there. A new bottom's side,
warped from the pose, stops short of the body's outline under the arm, and what is left between
is the old garment: painted out as the room (`uncover`), it cut pale notches into the new bottom
beside the hand, where the room cannot be, for the hip is there. Such a piece, closed in by the new
bottom and the wearer (little border with the room), is the hip under the arm: the bottom's own
side, so it takes the bottom's edge colour (as a top's side does under a short sleeve, `rim`). A
piece open to the room (an old skirt standing out beside a trouser leg) is the room's, left to `uncover`.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.boxes import around
from tryon.limbs import arm_over_bottom
from tryon.person import PersonAnalysis
from tryon.rim import CORE_DEPTH, ENCLOSED_REACH, RIM_REACH, SOLID, Rim, carried, core, pieces_touching, row_span
from tryon.warp import Warped


def hip_sides(person: PersonAnalysis, warped: Warped, keep: np.ndarray) -> Rim:
    """The old clothes closed in between a bottom's outer sides and the arms, and the bottom carried
    over them; `keep` is what stays in front of the garment (the hands)."""
    h, w = keep.shape
    none = Rim(np.zeros((h, w), bool), warped.rgb)
    solid_full = warped.alpha > SOLID
    if not solid_full.any():
        return none
    sw = person.shoulder_width
    depth, reach = max(1.0, CORE_DEPTH * sw), ENCLOSED_REACH * max(2.0, RIM_REACH * sw)
    box = around(solid_full, int(depth + reach) + 3)
    solid = solid_full[box]
    body = core(solid, depth)
    if not body.any():
        return none
    dist, labels = cv2.distanceTransformWithLabels((~body).astype(np.uint8), cv2.DIST_L2, 5,
                                                   labelType=cv2.DIST_LABEL_PIXEL)
    # beside the bottom's outer sides only: between its legs is the gap the legs part at
    on = person.mask[box] > 0.5
    beside = on & ~solid & ~keep[box] & ~arm_over_bottom(person)[box] & ~row_span(solid)
    grown = cv2.dilate(solid.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    room = cv2.dilate((~on).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    band = pieces_touching(beside, grown, too_far=dist > depth + reach, room=room)
    if not band.any():
        return none
    return carried(warped, box, body, labels, band)
