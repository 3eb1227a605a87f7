"""Colour carried over a band beside the garment from the garment's own cloth, by mirroring.

The nearest garment pixel's colour alone drew a check or print as flat streaks (a grey smudge over an old strap); its mirror image
across the garment's edge carries the cloth's pattern on. Shared by the rim (the garment carried over
old clothes at its edge) and the seams (the gap between a sleeve and the bodice).
"""

from __future__ import annotations

import numpy as np

from tryon.shared.pixels import set_pixels

SHALLOWER = (1.0, 0.5, 0.25)   # the depths, as shares of a folded mirror image's, tried in turn


def mirrored(body: np.ndarray, labels: np.ndarray, band: np.ndarray, beyond: float = 0.0,
             deepest: float | None = None) -> np.ndarray:
    """For each `band` pixel, the flat index of the garment pixel it takes its colour from: its mirror
    image across the nearest point of the garment's body (`labels` from the distance transform to
    `body`), carried `beyond` px farther in, or that nearest point where the mirror falls off the
    body. Given `deepest`, a mirror image deeper than that many px folds back towards the edge (and on
    again, to and fro): a wide band carries the cloth by the edge, not a motif from deep inside."""
    src = np.flatnonzero(body)  # labels count the body's pixels in scan order, from 1
    nearest = src[labels[band] - 1]
    qy, qx = np.divmod(nearest, body.shape[1])
    py, px = set_pixels(band)
    dy, dx = (qy - py).astype(np.float64), (qx - px).astype(np.float64)
    d = np.maximum(np.hypot(dy, dx), 1e-6)
    inward = d + beyond
    if deepest is None:
        return _image(body, nearest, qy, qx, dy, dx, inward / d)   # the mirror across the point where `beyond` is 0
    inward = deepest - np.abs(np.mod(inward, 2 * deepest) - deepest)  # a triangle wave: 0..deepest, back to 0, ...
    out = nearest.copy()
    # where the body is thinner than that (a narrow side under the arm, a strap's end) the image falls off
    # it: half as deep, then a quarter, before the nearest point's one colour (a flat streak); each depth
    # worked out only for the points still off
    for share in SHALLOWER:
        off = np.flatnonzero(out == nearest)
        out[off] = _image(body, nearest[off], qy[off], qx[off], dy[off], dx[off], share * inward[off] / d[off])
    return out


def _image(body: np.ndarray, nearest: np.ndarray, qy: np.ndarray, qx: np.ndarray, dy: np.ndarray, dx: np.ndarray,
           step: np.ndarray) -> np.ndarray:
    """The flat index of each point `step` times its offset (`dy`, `dx`) on from the body's point (`qy`,
    `qx`), or that point (`nearest`) where it falls off the body."""
    h, w = body.shape
    my = np.clip(np.round(qy + dy * step).astype(int), 0, h - 1)
    mx = np.clip(np.round(qx + dx * step).astype(int), 0, w - 1)
    return np.where(body[my, mx], my * w + mx, nearest)
