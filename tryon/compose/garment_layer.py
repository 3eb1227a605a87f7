"""The garment's layer at the input resolution (`at_input`): the warped garment in the photo's light,
and its alpha, enlarged over the garment's box.

It reads only the working-res alpha, the garment's colours and the photo's light, and the repaints
of what the garment leaves showing (old collars, sleeves, hems) write only the output photo: the
render makes it on the helper thread (`tryon.shared.beside`) while it repaints.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import cv2
import numpy as np

from tryon.shared.boxes import SHOWS, around, as_laid, enlarged_in, enlarged_in_zeros, grown
from tryon.compose.outline import filled_past_edge

MARGIN = 3   # px (working res) round the garment its layer is coloured in: the enlargement reads a pixel past it


class Layer(NamedTuple):
    box: tuple[slice, slice]   # the garment's box at the input resolution
    alpha: np.ndarray          # float32 0..1 over `box`, 0 where under 1/255
    rgb: np.ndarray            # uint8 over `box`: the garment in the photo's light


def at_input(shape: tuple[int, int], alpha: np.ndarray, garment_rgb: np.ndarray, own: np.ndarray,
             shade: Callable[[tuple[slice, slice]], np.ndarray]) -> Layer | None:
    """The garment (working-res `garment_rgb` times the `shade(crop)` of the photo's light over its crop,
    made only when some garment shows; past `own`, where its colour is the garment's, that colour carried
    out) and its `alpha`, enlarged to the input photo's `shape` (H, W) over the garment's box; None when no
    pixel of it shows."""
    H, W = shape
    h, w = alpha.shape
    shows = alpha >= SHOWS
    if not shows.any():
        return None
    # the garment layer only where the garment is (working-res crop with a margin), channel by channel
    # (numpy is slow along a last axis of 3)
    tight = around(shows, 0)
    crop = grown(tight, MARGIN, alpha.shape)[0]
    light = shade(crop)
    layer = np.zeros((h, w, 3), np.uint8)
    layer[crop] = cv2.merge([cv2.multiply(c, light, dtype=cv2.CV_8U)
                             for c in cv2.split(filled_past_edge(garment_rgb[crop], own[crop]))])
    # work only inside the garment's bounding box (in input pixels)
    sy, sx = H / h, W / w
    y0, y1 = max(0, int((tight[0].start - 1) * sy)), min(H, int((tight[0].stop + 1) * sy) + 1)
    x0, x1 = max(0, int((tight[1].start - 1) * sx)), min(W, int((tight[1].stop + 1) * sx) + 1)
    box = (slice(y0, y1), slice(x0, x1))
    if (H, W) != (h, w):
        # the garment at the photo's edge shows a little of the photo under it
        a_box = enlarged_in_zeros(alpha, shape, box)
        l_box = enlarged_in(layer, shape, box)
    else:
        a_box, l_box = alpha[box], layer[box]
    return Layer(box, as_laid(a_box), np.ascontiguousarray(l_box))

