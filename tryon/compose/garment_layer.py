"""The garment's layer at the input resolution and its blending over the photo, in strips of rows.

The garment's layer at the input resolution (`at_input`): the warped garment in the photo's light,
and its alpha, enlarged over the garment's box.

It reads only the working-res alpha, the garment's colours and the photo's light, and the repaints
of what the garment leaves showing (old collars, sleeves, hems) write only the output photo: the
render makes it on the helper thread (`tryon.shared.beside`) while it repaints.

The garment's layer blended over the photo in strips of rows, each over the columns where the garment shows
in it (`strips_of`, `blend`), and the strips cut round boxes another thread writes meanwhile (`split`): the
render blends what lies outside them while the old top's fringe is filled beside it.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import cv2
import numpy as np

from tryon.compose.outline import filled_past_edge
from tryon.shared.boxes import SHOWS, around, as_laid, enlarged_in, enlarged_in_zeros, grown

LAYER_MARGIN_PX = 3   # px (working res) round the garment its layer is coloured in: the enlargement reads a pixel past it


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
    crop = grown(tight, LAYER_MARGIN_PX, alpha.shape)[0]
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


BLEND_ROWS = 32   # input px: the garment's layer is blended in strips this tall, each as wide as the garment in it

Strip = tuple[tuple[slice, slice], slice, slice]   # a box of the photo, and the rows and columns of the layer in it


def apart(box: tuple[slice, slice], others: list[tuple[slice, slice]]) -> bool:
    """Whether `box` shares no pixel with any of the `others`."""
    return all(box[0].stop <= o[0].start or o[0].stop <= box[0].start or box[1].stop <= o[1].start
               or o[1].stop <= box[1].start for o in others)


def strips_of(layer: Layer) -> list[Strip]:
    """The strips of BLEND_ROWS rows the garment's `layer` is blended in, each over the columns where the
    garment shows in it (the box's corners beside the sleeves and the hem are left alone)."""
    y0, x0 = layer.box[0].start, layer.box[1].start
    shows = layer.alpha > 0
    out = []
    for top in range(0, shows.shape[0], BLEND_ROWS):
        cols = np.flatnonzero(shows[top:top + BLEND_ROWS].any(axis=0))
        if cols.size == 0:
            continue
        r, c = slice(top, top + BLEND_ROWS), slice(int(cols[0]), int(cols[-1]) + 1)
        out.append(((slice(y0 + r.start, y0 + min(r.stop, shows.shape[0])), slice(x0 + c.start, x0 + c.stop)), r, c))
    return out


def split(strips: list[Strip], busy: list[tuple[slice, slice]]) -> tuple[list[Strip], list[Strip]]:
    """The `strips` cut along the columns of the `busy` boxes (of the photo) they cross: the parts clear of
    them, and the parts in them."""
    clear, held = [], []
    for at, r, c in strips:
        shift = at[1].start - c.start  # a column of the photo less one of the layer
        cuts = sorted((max(b[1].start, at[1].start), min(b[1].stop, at[1].stop)) for b in busy
                      if not apart(at, [b]))
        start = at[1].start
        for lo, hi in cuts:
            if hi <= start:
                continue
            lo = max(lo, start)
            if lo > start:
                clear.append(((at[0], slice(start, lo)), r, slice(start - shift, lo - shift)))
            held.append(((at[0], slice(lo, hi)), r, slice(lo - shift, hi - shift)))
            start = hi
        if start < at[1].stop:
            clear.append(((at[0], slice(start, at[1].stop)), r, slice(start - shift, at[1].stop - shift)))
    return clear, held


def blend(out: np.ndarray, full_alpha: np.ndarray, layer: Layer | None, strips: list[Strip]) -> None:
    """`out` (input res, as repainted) with the garment's `layer` blended over it in place in its `strips`
    (`strips_of`), and its alpha taken into `full_alpha`. Where the layer's alpha is 0 the blend returns the
    photo's own pixel exactly; in place in the photo (OpenCV reads and writes the rows where they lie)."""
    for at, r, c in strips:
        a, photo = layer.alpha[r, c], out[at]
        cv2.blendLinear(photo, layer.rgb[r, c], 1.0 - a, a, dst=photo)
        np.maximum(full_alpha[at], a, out=full_alpha[at])
