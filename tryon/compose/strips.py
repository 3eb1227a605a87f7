"""The garment's layer blended over the photo in strips of rows, each over the columns where the garment shows
in it (`strips_of`, `blend`), and the strips cut round boxes another thread writes meanwhile (`split`): the
render blends what lies outside them while the old top's fringe is filled beside it."""

from __future__ import annotations

import cv2
import numpy as np

from tryon.compose.garment_layer import Layer

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
