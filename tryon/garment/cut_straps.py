"""Straps the graph cut drops: thin parts of a garment rising over its top edge.

GrabCut charges for every pixel of outline it cuts along, and a strap a few pixels wide is almost all
outline: where its colour is near the backdrop's (white ruffled straps on a white sweep) the cut takes
the cheaper answer and leaves it out, though the strap stands clearly off the backdrop. Worn, the top
then had no straps: its top edge was pasted straight across the shoulders. What tells a strap from the
backdrop's noise or a shadow along the garment's edge: it was seeded as probable garment (off the
backdrop, not its shade), lies above the garment's top edge in its columns, is wider than the outline's
blended rim, joins the cut garment, is tall, and rises well above it, up to the garment's top.
"""

from __future__ import annotations

import cv2
import numpy as np

# a strap is at least this share of the garment's length tall and rises as far over its top edge (a
# camisole's or a tank's straps: a fifth to a third of it); a shadow, a strip of the backdrop's noise along
# that edge, or the tip of a collar or strap the cut trimmed, is a few px tall
STRAP_RISE = 0.1
# px (cut-out working res): the outline's rim blended with the backdrop is at most this wide, a strap wider
RIM_PX = 3
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
    above = cv2.morphologyEx(above, cv2.MORPH_OPEN, np.ones((RIM_PX, RIM_PX), np.uint8))
    n, parts, stats, _ = cv2.connectedComponentsWithStats(above, connectivity=8)
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
