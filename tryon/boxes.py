"""The box round a mask's pixels, which the repaints and the rim work inside instead of the whole frame."""

from __future__ import annotations

import numpy as np


def around(region: np.ndarray, margin: int) -> tuple[slice, slice]:
    """The bounding box of `region`'s pixels grown by `margin`, kept inside the image (read from its
    rows and columns that hold any: listing every pixel of a full-frame mask cost more)."""
    ys, xs = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
    h, w = region.shape
    return (slice(max(0, int(ys[0]) - margin), min(h, int(ys[-1]) + margin + 1)),
            slice(max(0, int(xs[0]) - margin), min(w, int(xs[-1]) + margin + 1)))


def within(part: tuple[slice, slice], box: tuple[slice, slice]) -> tuple[slice, slice]:
    """The part of the frame's box `part` inside the frame's `box`, in `box`'s own coordinates (empty slices
    when none is)."""
    return tuple(slice(min(max(p.start, b.start), b.stop) - b.start, max(min(p.stop, b.stop), b.start) - b.start)
                 for p, b in zip(part, box))
