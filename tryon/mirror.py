"""Colour carried over a band beside the garment from the garment's own cloth, by mirroring.

The nearest garment pixel's colour alone drew a check or print as flat streaks (a grey smudge over an old strap); its mirror image
across the garment's edge carries the cloth's pattern on. Shared by the rim (the garment carried over
old clothes at its edge) and the seams (the gap between a sleeve and the bodice).
"""

from __future__ import annotations

import numpy as np


def mirrored(body: np.ndarray, labels: np.ndarray, band: np.ndarray, beyond: float = 0.0) -> np.ndarray:
    """For each `band` pixel, the flat index of the garment pixel it takes its colour from: its mirror
    image across the nearest point of the garment's body (`labels` from the distance transform to
    `body`), carried `beyond` px farther in, or that nearest point where the mirror falls off the
    body."""
    src = np.flatnonzero(body)  # labels count the body's pixels in scan order, from 1
    nearest = src[labels[band] - 1]
    h, w = body.shape
    qy, qx = np.divmod(nearest, w)
    py, px = np.nonzero(band)
    dy, dx = (qy - py).astype(np.float64), (qx - px).astype(np.float64)
    d = np.maximum(np.hypot(dy, dx), 1e-6)
    step = (d + beyond) / d   # exactly 1 where `beyond` is 0: the mirror image across the point itself
    my = np.clip(np.round(qy + dy * step).astype(int), 0, h - 1)
    mx = np.clip(np.round(qx + dx * step).astype(int), 0, w - 1)
    return np.where(body[my, mx], my * w + mx, nearest)
