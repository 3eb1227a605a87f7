"""A short sleeve ends at its hem: the straight line between its cuff's corners, as the product's does.

A short sleeve is pinned in the body's map at its cuff's two corners; on an arm hanging by the side
its inner corner lands next to the armpit, where the product shot spread the underarm seam out, and
the map, squeezing that seam to a point, threw the underarm's cloth past the hem in a tail or a
ragged lobe (a torn-looking sleeve). Sleeve pixels beyond the hem's line, across the cuff, are cut.
"""

from __future__ import annotations

import numpy as np

# sleeve cloth is cut this share of the hem's length beyond each corner along the hem's line as well:
# the tail hangs from the inner corner, and a corner's own bend reaches about this far
CUFF_CUT_PAST = 0.5
HEM_PX = 1.0  # px (working res) past the line a sleeve's pixels may lie: the warp's own soft edge
CUFF_HALF = 10.0  # garment px: a cuff's half-width when the cut-out measured none (a small cuff)


def cuff_corners(points: dict[str, np.ndarray], widths: dict[str, float], side: str) -> tuple[np.ndarray, np.ndarray]:
    """The garment's two cuff corners of one sleeve: across its axis (shoulder corner to cuff) from the
    cuff's middle by the cuff's half-width."""
    gcuff, gsh = points[f"cuff_{side}"], points[f"shoulder_{side}"]
    axis = (gcuff - gsh) / max(float(np.linalg.norm(gcuff - gsh)), 1e-6)
    perp = np.array([-axis[1], axis[0]])
    hw = widths.get(f"cuff_{side}", CUFF_HALF)
    return gcuff - perp * hw, gcuff + perp * hw


def cut_at_hems(points: dict[str, np.ndarray], widths: dict[str, float], src: np.ndarray, dst: np.ndarray,
                alpha: np.ndarray, sleeve: np.ndarray, layered: set[str]) -> None:
    """Clears, in place, the warped sleeve pixels (`sleeve` > 0.5) beyond each pinned short sleeve's hem:
    past the line through its cuff corners' targets, on the side away from its shoulder seam (`src`,
    `dst`: the body map's pairs; sleeves in `layered` have layers of their own and no such pins)."""
    h, w = alpha.shape
    for i, side in enumerate(("l", "r")):
        if side in layered or f"cuff_{side}" not in points:
            continue
        found = [np.flatnonzero(np.isclose(src, c).all(axis=1)) for c in cuff_corners(points, widths, side)]
        if any(f.size == 0 for f in found):
            continue
        a, b = (dst[f[-1]] for f in found)
        length = float(np.linalg.norm(b - a))
        if length < 1.0:
            continue
        along = (b - a) / length
        out = np.array([-along[1], along[0]])
        if float(np.dot(out, (a + b) / 2 - dst[i])) < 0:  # the seams are pinned first, left then right
            out = -out
        span = CUFF_CUT_PAST * length
        # the cut reaches as far past the hem as the hem is long: a tail hangs no farther
        ends = np.array([a - along * span, b + along * span])
        reach = np.vstack([ends, ends + out * length])
        x0, y0 = np.clip(np.floor(reach.min(axis=0)).astype(int), 0, (w, h))
        x1, y1 = np.clip(np.ceil(reach.max(axis=0)).astype(int) + 1, 0, (w, h))
        if x1 <= x0 or y1 <= y0:
            continue
        box = (slice(y0, y1), slice(x0, x1))
        # a row of columns and a column of rows, spread over the box by the products below (no grid of each made)
        rel_x, rel_y = np.arange(x0, x1) - a[0], (np.arange(y0, y1) - a[1])[:, None]
        t = rel_x * along[0] + rel_y * along[1]
        past = rel_x * out[0] + rel_y * out[1]
        beyond = (past > HEM_PX) & (past <= length) & (t >= -span) & (t <= length + span) & (sleeve[box] > 0.5)
        alpha[box][beyond] = 0.0
        sleeve[box][beyond] = 0.0
