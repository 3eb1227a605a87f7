"""Close the slit of room left between a garment and an arm hanging against its side.

A garment is kept to the person mask, and an arm hanging beside the torso often leaves a slit of
the room between them, or the mask misses a sliver of the old top there. Where the new garment is
looser than the old one, its warp covers that slit, the clip cut it out again, and the room showed
as a white streak or crescent inside the garment, shut in by the garment and the arm in front of
it. Worn, a garment that wide closes over the slit behind the arm. A gap as wide as an arm, between
an arm held away from the body and the waist, is not a slit and stays open, and so does any gap the
room reaches past the garment.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import ARM_HALF
from tryon.shared.boxes import around

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
    n, labels = cv2.connectedComponents(gap.astype(np.uint8), connectivity=8)
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
