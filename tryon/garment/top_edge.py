"""Light cloth the graph cut drops at a garment's top edge put back: straps rising over it and notches
lidded by the outline's stroke.

Straps the graph cut drops: thin parts of a garment rising over its top edge.

GrabCut charges for every pixel of outline it cuts along, and a strap a few pixels wide is almost all
outline: where its colour is near the backdrop's (white ruffled straps on a white sweep) the cut takes
the cheaper answer and leaves it out, though the strap stands clearly off the backdrop. Worn, the top
then had no straps: its top edge was pasted straight across the shoulders. What tells a strap from the
backdrop's noise or a shadow along the garment's edge: it was seeded as probable garment (off the
backdrop, not its shade), lies above the garment's top edge in its columns, is wider than the outline's
blended rim, joins the cut garment, is tall, and rises well above it, up to the garment's top.

Light cloth the graph cut dropped at a garment's top edge: notches lidded by the outline's stroke.

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
from tryon.shared.components import components, components_with_stats

# a strap is at least this share of the garment's length tall and rises as far over its top edge (a
# camisole's or a tank's straps: a fifth to a third of it); a shadow, a strip of the backdrop's noise along
# that edge, or the tip of a collar or strap the cut trimmed, is a few px tall
STRAP_RISE = 0.1
# px (cut-out working res): the outline's rim blended with the backdrop is at most this wide, a strap wider
CUT_RIM_PX = 3
JOIN_PX = 2   # px a strap's foot may lie from the garment's edge (the rim's width trimmed off it)


def with_straps(mask: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """`mask` (the cut garment, bool) with the pieces of `seeds` (bool: the graph cut's seeds of
    probable garment) above its top edge that join it and rise well over it, as straps do."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return mask
    h = mask.shape[0]
    top = np.where(mask.any(axis=0), mask.argmax(axis=0), 0)  # the garment's top edge per column (none: 0)
    rise = top[None, :] - np.arange(h)[:, None]
    above = (seeds & ~mask & (rise > 0)).astype(np.uint8)
    above = cv2.morphologyEx(above, cv2.MORPH_OPEN, np.ones((CUT_RIM_PX, CUT_RIM_PX), np.uint8))
    n, parts, stats, _ = components_with_stats(above, connectivity=8)
    if n < 2:
        return mask
    near = cv2.dilate(mask.astype(np.uint8), np.ones((2 * JOIN_PX + 1,) * 2, np.uint8)).astype(bool)
    touching = np.bincount(parts[near & (above > 0)], minlength=n) > 0
    on = above > 0
    highest = np.zeros(n)
    np.maximum.at(highest, parts[on], rise[on])
    reach = STRAP_RISE * float(rows[-1] - rows[0] + 1)
    # and it reaches up to the garment's top (a strap's top is its highest point): a band beside a
    # sleeve lies over the cuff below it in its columns, far down the garment
    keep = (touching & (highest >= reach) & (stats[:, cv2.CC_STAT_HEIGHT] >= reach)
            & (stats[:, cv2.CC_STAT_TOP] <= rows[0] + reach))
    keep[0] = False
    # the strap's foot: the few rows the opening trimmed between it and the garment's edge
    found = keep[parts]
    foot = cv2.dilate(found.astype(np.uint8), np.ones((2 * JOIN_PX + 1,) * 2, np.uint8)).astype(bool)
    return mask | found | (foot & seeds & (rise > 0))


def _outside(mask: np.ndarray) -> np.ndarray:
    """The pixels of ~mask connected to the frame's rim."""
    free = np.pad(~mask, 1, constant_values=True).astype(np.uint8)
    _, parts = components(free, connectivity=4)
    return (parts == parts[0, 0])[1:-1, 1:-1]


def with_lidded_notches(mask: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """`mask` (the cut garment, bool) with the notches in its top edge that a stroke of `seeds` (bool: the
    graph cut's probable garment) lids, and that stroke."""
    stroke = seeds & ~mask
    before, after = _outside(mask), _outside(mask | stroke)
    lidded = before & ~after & ~stroke  # backdrop the stroke closes off from the rest of it
    if not lidded.any():
        return mask
    n, parts = components(lidded.astype(np.uint8), connectivity=4)
    def border(dy: int, dx: int, of: np.ndarray, reach: int = 1) -> np.ndarray:
        """Per region, its pixels with a pixel of `of` within `reach` steps of (dy, dx) away."""
        near = np.zeros_like(of)
        for k in range(1, reach + 1):
            near |= np.roll(of, (-k * dy, -k * dx), axis=(0, 1))
        return np.bincount(parts[lidded & near], minlength=n)
    # the garment on both sides, past the outline's rim (a loop of the backdrop's noise away from it
    # encloses nothing of it), and a lid over it
    keep = ((border(0, -1, mask, CUT_RIM_PX) > 0) & (border(0, 1, mask, CUT_RIM_PX) > 0)
            & (border(-1, 0, stroke) > border(-1, 0, mask)))
    keep[0] = False
    found = keep[parts]
    lid = cv2.dilate(found.astype(np.uint8), np.ones((2 * CUT_RIM_PX + 1,) * 2, np.uint8)).astype(bool) & stroke
    return mask | found | lid
