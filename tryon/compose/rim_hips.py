"""Carry a bottom's side over the old clothes closed in between it and an arm hanging against the hips.

A hand hangs against the hip, in front of the old skirt or trousers there. A new bottom's side,
warped from the pose, stops short of the body's outline under the arm, and what is left between
is the old garment: painted out as the room (`uncover`), it cut pale notches into the new bottom
beside the hand, where the room cannot be, for the hip is there. Such a piece, closed in by the new
bottom and the wearer (little border with the room), is the hip under the arm: the bottom's own
side, so it takes the bottom's edge colour (as a top's side does under a short sleeve, `rim`). A
piece open to the room (an old skirt standing out beside a trouser leg) is the room's, left to `uncover`.
Old trousers worn higher than the new waistband show in a band above it: that band, where it is of the
old bottom's colour rather than the old top's, takes the new waistband's colour too; and a full-length leg's
curved hem is carried level over the old cuff under it (`uncover.under_curved_hem`).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.shared.boxes import around
from tryon.analysis.limbs import arm_over_bottom, smooth_skin
from tryon.analysis.person import PersonAnalysis
from tryon.repaint.uncover import WAIST_SLOPE, under_curved_hem
from tryon.shared.pixels import row_span
from tryon.compose.rim import CORE_DEPTH, ENCLOSED_REACH, RIM_REACH, SOLID, core_distances
from tryon.shared.touching import pieces_touching
from tryon.compose.rim_cloth import Rim, carried
from tryon.analysis.skin import lab_distance, lab_distances
from tryon.fit.warp import Warped

COLOUR_SIGMA = 2.0  # px: a print's fine detail averaged out before the old bottom's and top's colours are compared
BOTTOM_TOP_DISTINCT_LAB = 12.0     # Lab distance under which the old bottom and top are one cloth (a dress) or cannot be told apart
MIN_HIP_SAMPLE_PX = 20     # px of each needed to read its colour


def hip_sides(person: PersonAnalysis, warped: Warped, keep: np.ndarray) -> Rim:
    """The old clothes closed in between a bottom's outer sides and the arms, and the bottom carried
    over them; `keep` is what stays in front of the garment (the hands)."""
    h, w = keep.shape
    none = Rim(np.zeros((h, w), bool), lambda: warped.rgb)
    solid_full = warped.alpha > SOLID
    if not solid_full.any():
        return none
    sw = person.shoulder_width
    depth, reach = max(1.0, CORE_DEPTH * sw), ENCLOSED_REACH * max(2.0, RIM_REACH * sw)
    box = around(solid_full, int(depth + reach) + 3)
    solid = solid_full[box]
    body, dist, labels = core_distances(solid, depth)
    if not body.any():
        return none
    # beside the bottom's outer sides only: between its legs is the gap the legs part at
    on = person.body[box]
    beside = on & ~solid & ~keep[box] & ~arm_over_bottom(person)[box] & ~row_span(solid)
    grown = cv2.dilate(solid.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    room = cv2.dilate((~on).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    band = pieces_touching(beside, grown, too_far=dist > depth + reach, room=room)
    # above the waistband bare skin stays whatever its colour (a dark arm is nearer black trousers than a
    # white top): a crop top's midriff, an arm beside the waist, its outline too
    arm = person.skin & arm_band(person, "upper_arm")
    band |= _old_waistband(person, solid, box, ~keep[box] & ~smooth_skin(person)[box] & ~arm[box], grown,
                           max(2.0, RIM_REACH * sw))
    band |= under_curved_hem(person, solid, on & ~keep[box] & ~person.skin[box], box)
    if not band.any():
        return none
    return carried(warped, box, body, labels, band, sw)


def _old_waistband(person: PersonAnalysis, solid: np.ndarray, box: tuple[slice, slice], free: np.ndarray,
                   grown: np.ndarray, reach: float) -> np.ndarray:
    """Old bottom showing in a band above the new bottom's waistband (worn higher): the pixels within
    `reach` above its top edge, in the crop `box`, of the old bottom's colour rather than the old top's.
    The old bottom's colour is read just under the new waistband, the old top's a reach above the band;
    where the two cannot be told apart (a dress, one cloth all the way) none is taken."""
    h, w = solid.shape
    cols = np.flatnonzero(solid.any(axis=0))
    first = np.argmax(solid[:, cols], axis=0)
    waist = first <= first.min() + WAIST_SLOPE * person.shoulder_width  # not a leg's side lower down
    cols, first = cols[waist], first[waist]
    r = int(round(reach))
    on = (person.mask[box] > 0.5) & free
    lab = cv2.GaussianBlur(person.lab[box], (0, 0), COLOUR_SIGMA)
    ys = np.arange(h)[:, None]
    top = np.full(w, -1)
    top[cols] = first
    has = top >= 0
    # the colours are read in the middle half of the waistband, away from the arms and what they hold
    middle = np.zeros(w, bool)
    middle[cols[0] + (cols[-1] - cols[0]) // 4:cols[-1] - (cols[-1] - cols[0]) // 4 + 1] = True
    above = has & (ys >= top - r) & (ys < top)
    under = has & middle & (ys >= top) & (ys < top + r) & on
    over = has & middle & (ys >= top - 3 * r) & (ys < top - 2 * r) & on & ~person.skin[box]
    if under.sum() < MIN_HIP_SAMPLE_PX or over.sum() < MIN_HIP_SAMPLE_PX:
        return np.zeros((h, w), bool)
    bottom_c, top_c = np.median(lab[under], axis=0), np.median(lab[over], axis=0)
    if lab_distance(bottom_c, top_c) < BOTTOM_TOP_DISTINCT_LAB:
        return np.zeros((h, w), bool)
    near = above & on
    old = np.zeros((h, w), bool)
    old[near] = lab_distances(lab[near], bottom_c) < lab_distances(lab[near], top_c)
    return pieces_touching(old, grown)
