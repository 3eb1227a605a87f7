"""Where a garment's side meets the arms hanging against the body, and the slit of room between them
the garment closes.

Close the slit of room left between a garment and an arm hanging against its side.

A garment is kept to the person mask, and an arm hanging beside the torso often leaves a slit of
the room between them, or the mask misses a sliver of the old top there. Where the new garment is
looser than the old one, its warp covers that slit, the clip cut it out again, and the room showed
as a white streak or crescent inside the garment, shut in by the garment and the arm in front of
it. Worn, a garment that wide closes over the slit behind the arm. A gap as wide as an arm, between
an arm held away from the body and the waist, is not a slit and stays open, and so does any gap the
room reaches past the garment.

Where a garment's side meets the arms hanging against the body.

A top's hem is as wide as the body's row at its height, and in that row the mask takes in an arm hanging
against the hips: the side seam ran from the armpit out over the arm, and the top was pasted across it (a
sleeveless top's upper arm is not kept in front, which left rounded notches of skin; below a sleeve, the
forearm was cut to a sliver by the top's side beyond it). Worn, the top's side meets the arm and goes on
behind it: the seam stops where the arm begins, as the armpit does (`_TopFit.within_arm`). A bottom's
sides reach out to an arm hanging against the hips (`reach_to_arm`).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import ARM_HALF, OVER_GAP, arm_band
from tryon.analysis.limbs import arm_skin
from tryon.analysis.person import PersonAnalysis
from tryon.shared.polyline import along
from tryon.fit.sleeve_warp import ArmPath
from tryon.garment.cutout import GarmentCutout
from tryon.shared.boxes import around
from tryon.shared.components import components

# a gap narrower than an upper arm's half-width (ARM_HALF, share of shoulder width) is the slit an arm
# hanging against the side leaves; an arm held away from the body leaves one wider than itself
SLIT_WIDTH = ARM_HALF
# share of a slit's rim that may be open room (its ends, where arm and side part): more, and the room
# reaches it past the garment, a gap the garment does not close
OPEN_RIM = 0.2


def slits(alpha: np.ndarray, warped: np.ndarray, keep: np.ndarray, on_person: np.ndarray, sw: float) -> np.ndarray:
    """Pixels off the person (`on_person` false) that the warped garment (`warped` alpha) covers but
    its clipped `alpha` does not, in slits narrower than SLIT_WIDTH shut in by the garment and what
    stays in front of it (`keep`)."""
    gap = (warped > 0.5) & (alpha <= 0.5) & ~keep & ~on_person
    out = np.zeros_like(gap)
    if not gap.any():
        return out
    box = around(gap, 2)  # the rims lie a pixel round the pieces
    gap, alpha, keep, on_person = gap[box], alpha[box], keep[box], on_person[box]
    n, labels = components(gap.astype(np.uint8), connectivity=8)
    # a piece holding a pixel farther than half the width from its edge is no slit
    depth = cv2.distanceTransform(gap.astype(np.uint8), cv2.DIST_L2, 3)
    wide = np.bincount(labels[depth > SLIT_WIDTH * sw / 2], minlength=n) > 0
    # the rim round each piece: the pixels beside it, each taken as the piece's it touches
    near = cv2.dilate(labels.astype(np.float32), np.ones((3, 3), np.uint8)).astype(np.int32)
    rim = (near > 0) & ~gap
    room = rim & ~on_person & (alpha <= 0.5) & ~keep
    shut = np.bincount(near[room], minlength=n) <= OPEN_RIM * np.bincount(near[rim], minlength=n)
    closed = ~wide & shut
    closed[0] = False
    if closed.any():  # none closed is the most common answer: nothing to gather
        out[box] = np.take(closed, labels)  # the same gather, about twice as fast as indexing with the labels
    return out


def side_seam_arms(person: PersonAnalysis) -> np.ndarray:
    """The arms' bare skin from the middle of the upper arm down to the fingertips (working res, once per
    photo): where a top's side may meet an arm. An arm in an old sleeve is not found, and the side is
    left as wide as the body's row."""
    return person.derived("side_seam_arms", lambda: arm_band(person, "upper_arm") & person.skin & person.body)


def arm_edge(person: PersonAnalysis, at: np.ndarray, sgn: int) -> float | None:
    """How far along the row from `at` (working px, to the side `sgn`) the body runs before a bare arm
    that hangs against it (across a slit of room narrower than SLIT_WIDTH, which the garment closes
    behind the arm, `slits`) and is the body's outline there (the room begins within OVER_GAP past its
    skin); None when the body ends first (the arm hangs free), or more body lies beyond the arm (it
    hangs in front of the torso, which the top covers behind it)."""
    h, w = person.mask.shape
    y, x = int(round(float(at[1]))), int(round(float(at[0])))
    if not (0 <= y < h and 0 <= x < w):
        return None
    cols = np.arange(x, w) if sgn > 0 else np.arange(x, -1, -1)
    on, arm = person.body[y, cols], side_seam_arms(person)[y, cols]
    stop = np.flatnonzero(~on | arm)
    if stop.size == 0:
        return None
    start = int(stop[0])
    if not arm[start]:  # the body ends: an arm beyond a slit, or none
        back = np.flatnonzero(on[start:])
        if back.size == 0 or back[0] > SLIT_WIDTH * person.shoulder_width:
            return None
        skin = np.flatnonzero(arm[start + back[0]:])   # past the arm's own soft outline
        if skin.size == 0 or skin[0] > OVER_GAP * person.shoulder_width:
            return None
        start += int(back[0] + skin[0])
    off = np.flatnonzero(~on[start:])
    end = start + (int(off[0]) if off.size else cols.size - start)   # the first step off the body
    last = start + int(np.flatnonzero(arm[start:end])[-1])
    if end - 1 - last > OVER_GAP * person.shoulder_width:
        return None
    return float(start)


def on_arms(person: PersonAnalysis, centre: np.ndarray, point: np.ndarray, sgn: int, least: float) -> np.ndarray | None:
    """`point` of a top's side (`sgn` of the body's `centre` line in its row) moved along its row to
    where a bare arm hanging against the body begins, never nearer the centre than `least`; None when no
    arm hangs against the body in that row. Worn, the side meets the arm there: over it, it covered
    the arm; short of it, the old top showed between the two, painted out as the room."""
    edge = arm_edge(person, np.array([centre[0], point[1]]), sgn)
    if edge is None:
        return None
    return np.array([float(centre[0]) + sgn * max(edge, least), float(point[1])])


def bare_below_of(cut: GarmentCutout, layered: bool, path: ArmPath | None) -> float:
    """The row below which a top's side meets an arm hanging against it (`on_arms`). A sleeveless top
    leaves the whole arm bare, and an arm is kept in front of it only from the elbow: over the upper arm
    its side cut the arm off in rounded notches. A sleeve warped along its arm (`layered`, `path`) covers
    the arm, and the top's side drawn wide beneath it, down to its end: below, the side over the forearm
    cut it to a sliver. A sleeve in the body's map is kept off the arm at the armpit (`within_arm`) and the
    arm in front below it: its side, curved in under the sleeve, is left behind the arm (+inf); moved onto
    the arm's edge, the curve parted from the arm in a notch of the old top."""
    if not layered and cut.sleeve is not None and cut.sleeve.any():
        return np.inf
    return -np.inf if path is None else float(along(list(path.line), path.length)[0][1])


def reach_to_arm(person: PersonAnalysis, at: np.ndarray, sgn: int, most: float) -> float | None:
    """How far along the row from `at` (working px, to the side `sgn`) the body reaches an arm hanging
    against it, or None when it ends before one, or farther than `most`."""
    h, w = person.mask.shape
    y = int(round(float(at[1])))
    if not 0 <= y < h:
        return None
    body_row, arm_row = person.body[y], arm_skin(person)[y]
    cx = float(at[0])
    x = int(round(cx))
    while 0 <= x + sgn < w and body_row[x + sgn] and not arm_row[x + sgn] and abs(x + sgn - cx) <= most:
        x += sgn
    return abs(x - cx) if 0 <= x + sgn < w and arm_row[x + sgn] else None
