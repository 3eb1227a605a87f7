"""A garment's thin parts (spaghetti straps, strings, ties) drawn in their own colour, not the backdrop's.

A strap a pixel or two wide in the product shot is seen as a grey line: every pixel of it is part strap, part
white sweep. The cut takes a few pixels round it as garment, so, worn, the strap was drawn as a band of that
grey and white, nothing like its colour (over an old white tank's strap it read as that strap left showing).
The rest of the outline is recoloured from the cloth inside it (`cutting._bleed_edge`); a thin part has no
inside. Here each thin piece takes the colour of its purest pixels in the full-size photo (those farthest
from the backdrop) across the width the cut gave it. That width is kept: drawn at its own, a strap thinner
than the outline's rounding (`compose.outline.redrawn`) did not survive it, and the dress lost its straps.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.cutout import EDGE_BLEED
from tryon.shared.components import components_with_stats

# share of a thin piece's largest distance from the backdrop that counts as its pure colour: the line's
# core pixels, not its sides mixed with the sweep
PURE = 0.8


def thin_parts(mask: np.ndarray) -> np.ndarray:
    """The mask's pixels, and the soft alpha's ring a pixel outside it, with no part of its eroded core within
    the rim's reach: thinner than the rim `_bleed_edge` recolours from inside, so nothing inside tells their
    colour."""
    m = mask.astype(np.uint8)
    core = cv2.erode(m, np.ones((2 * EDGE_BLEED + 1,) * 2, np.uint8))
    near_core = cv2.dilate(core, np.ones((4 * EDGE_BLEED + 1,) * 2, np.uint8)) > 0
    return (cv2.dilate(m, np.ones((3, 3), np.uint8)) > 0) & ~near_core


def in_own_colour(rgb: np.ndarray, mask: np.ndarray, backdrop: np.ndarray, photo: np.ndarray) -> np.ndarray:
    """`rgb` (working res) with each thin piece of `mask` in its own colour, read on the full-size `photo`
    against `backdrop` (the backdrop model's colour per working pixel): shrunk to the working size, a strap two
    pixels wide is no pixel wide, and even its purest pixel there is half sweep."""
    thin = thin_parts(mask)
    if not thin.any():
        return rgb
    out = rgb.copy()
    scale = (photo.shape[0] / rgb.shape[0], photo.shape[1] / rgb.shape[1])
    n, pieces, stats, _ = components_with_stats(thin.astype(np.uint8), connectivity=8)
    for piece in range(1, n):
        x, y, w, h = stats[piece, :4]
        box = (slice(y, y + h), slice(x, x + w))    # each piece read in its own box: lace has many pieces
        where = pieces[box] == piece
        out[box][where] = np.clip(_own_colour(where, box, scale, photo, backdrop[box]) + 0.5, 0, 255).astype(np.uint8)
    return out


def _own_colour(where: np.ndarray, box: tuple[slice, slice], scale: tuple[float, float], photo: np.ndarray,
                backdrop: np.ndarray) -> np.ndarray:
    """The purest colour, in the full-size `photo` (`scale` times the working size), of the piece `where` (its
    `box` of the working frame), against the `backdrop` model in that box."""
    (sy, sx), (rows, cols) = scale, box
    crop = photo[int(rows.start * sy):int(np.ceil(rows.stop * sy)),
                 int(cols.start * sx):int(np.ceil(cols.stop * sx))].astype(np.float32)
    size = crop.shape[1::-1]
    inside = cv2.resize(where.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    apart = crop - cv2.resize(np.ascontiguousarray(backdrop), size, interpolation=cv2.INTER_LINEAR)
    distance = np.sqrt((apart * apart).sum(axis=2))
    return np.median(crop[inside & (distance >= PURE * float(distance[inside].max()))], axis=0)
