"""Light cloth the graph cut dropped at a garment's top edge: notches lidded by the outline's stroke.

A white stripe of a print running up to the shoulder line on a white sweep is the backdrop's colour:
the cut leaves it out, and the garment's top edge shows a deep notch there. Worn, the notch was a
strip of skin cut into each shoulder beside the sleeve. Only the garment's outline, a thin darker
stroke, stands off the backdrop across the notch's mouth, and it was seeded as probable garment. A
notch of the backdrop (a neck opening, an armhole, the gap under a sleeve) has no such lid: backdrop
runs on out of its mouth. So the seeds the cut left out close a region of the backdrop's colour off
from the rest of the backdrop, and the lid lies over it (most of the region's upper border is the
stroke, not the cut garment: a hole the cut garment closes above is a gap under a sleeve, which
stays open).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.cut_straps import RIM_PX


def _outside(mask: np.ndarray) -> np.ndarray:
    """The pixels of ~mask connected to the frame's rim."""
    free = np.pad(~mask, 1, constant_values=True).astype(np.uint8)
    _, parts = cv2.connectedComponents(free, connectivity=4)
    return (parts == parts[0, 0])[1:-1, 1:-1]


def with_lidded_notches(mask: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """`mask` (the cut garment, bool) with the notches in its top edge that a stroke of `seeds` (bool: the
    graph cut's probable garment) lids, and that stroke."""
    stroke = seeds & ~mask
    before, after = _outside(mask), _outside(mask | stroke)
    lidded = before & ~after & ~stroke  # backdrop the stroke closes off from the rest of it
    if not lidded.any():
        return mask
    n, parts = cv2.connectedComponents(lidded.astype(np.uint8), connectivity=4)
    def border(dy: int, dx: int, of: np.ndarray, reach: int = 1) -> np.ndarray:
        """Per region, its pixels with a pixel of `of` within `reach` steps of (dy, dx) away."""
        near = np.zeros_like(of)
        for k in range(1, reach + 1):
            near |= np.roll(of, (-k * dy, -k * dx), axis=(0, 1))
        return np.bincount(parts[lidded & near], minlength=n)
    # the garment on both sides, past the outline's rim (a loop of the backdrop's noise away from it
    # encloses nothing of it), and a lid over it
    keep = ((border(0, -1, mask, RIM_PX) > 0) & (border(0, 1, mask, RIM_PX) > 0)
            & (border(-1, 0, stroke) > border(-1, 0, mask)))
    keep[0] = False
    found = keep[parts]
    lid = cv2.dilate(found.astype(np.uint8), np.ones((2 * RIM_PX + 1,) * 2, np.uint8)).astype(bool) & stroke
    return mask | found | lid
