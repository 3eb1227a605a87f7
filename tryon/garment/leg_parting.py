"""A legged garment's cut-out parted between its legs: cut open along its centre line below the crotch where
the legs touch in the product photo, and the backdrop the graph cut kept in the gap between them taken out."""

from __future__ import annotations

import numpy as np

from tryon.garment.cutout import GarmentCutout
from tryon.shared.components import components

# px (working res) either side of a trouser's centre line cut open below the crotch where its legs touch
# in the product photo: each leg is then pinned to its own side of the cut, and worn the legs part
# there (pinned both to one seam, they stayed one baggy block down to where the photo parts them)
INSEAM_HALF = 1
# the gap between the legs is looked for up to this share of the crotch-to-hem length above the crotch
# (its tip, which the graph cut closes), and the backdrop kept in it is at most this share of the garment
GAP_RISE = 0.15
GAP_BACKDROP = 0.01


def part_legs(cut: GarmentCutout, backdrop: np.ndarray | None = None) -> None:
    """Cuts a legged garment's silhouette (mask and alpha) open along its centre line from the
    crotch down, in the rows where its legs touch in the product photo; and, given the `backdrop`
    (pixels of the backdrop's colour), opens the gap between the legs wherever the cut-out kept
    backdrop in it (`_backdrop_in_gap`)."""
    g = cut.points
    if "crotch" not in g:
        return
    cx, cy = int(round(float(g["crotch"][0]))), int(round(float(g["crotch"][1])))
    hem = int(round(float(max(g["leg_l"][1], g["leg_r"][1]))))
    cols = slice(max(0, cx - INSEAM_HALF), cx + INSEAM_HALF + 1)
    for y in range(max(0, cy), min(cut.mask.shape[0], hem + 1)):
        if cut.mask[y, cx]:
            cut.mask[y, cols] = False
            cut.alpha[y, cols] = 0.0
    if backdrop is not None:
        gap = _backdrop_in_gap(cut.mask, backdrop, (cx, cy), hem)
        cut.mask[gap] = False
        cut.alpha[gap] = 0.0


def _backdrop_in_gap(mask: np.ndarray, backdrop: np.ndarray, crotch: tuple[int, int], hem: int) -> np.ndarray:
    """The garment pixels of the backdrop's colour (or its hue, in shade) joined to the gap between the
    legs: the graph cut keeps the narrow tip of that gap and slivers along its sides as garment, and
    worn they showed as a white wedge at the crotch. Left whole when that is more than GAP_BACKDROP of the garment (a
    garment of nearly the backdrop's colour, whose own cloth it would be)."""
    h, w = mask.shape
    cx, cy = crotch
    rows = slice(max(0, cy - int(GAP_RISE * (hem - cy))), min(h, hem + 1))
    open_ = (~mask | backdrop)[rows]
    n, parts = components(open_.astype(np.uint8), connectivity=4)
    below = np.flatnonzero(~mask[cy:hem + 1, cx]) if 0 <= cx < w and cy < h else np.array([], int)
    out = np.zeros((h, w), bool)
    if below.size == 0:
        return out
    label = parts[cy + int(below[0]) - rows.start, cx]
    piece = (parts == label) & mask[rows] & backdrop[rows]
    if label == 0 or piece.sum() > GAP_BACKDROP * mask.sum():
        return out
    out[rows] = piece
    return out
