"""The connected pieces of a mask that touch another: what of the old clothes or the skin beside a
garment belongs with it, shared by the rim, the uncovering and the arms' reading."""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.boxes import around
from tryon.shared.components import components

# a piece closed in by the garment and the wearer (the wedge under a short sleeve between the new
# top's side and the arm): its border with the room is at most this share of its border with the
# garment (a strip standing out into the room has about as much)
ENCLOSED_OPEN = 0.25


def pieces_touching(candidates: np.ndarray, grown: np.ndarray, too_far: np.ndarray | None = None,
                     room: np.ndarray | None = None) -> np.ndarray:
    """The connected pieces of `candidates` that touch `grown` (the garment grown by a pixel), less
    any piece with a pixel in `too_far`, and, given the `room`, any piece more open to it than
    ENCLOSED_OPEN of its border with the garment."""
    out = np.zeros_like(candidates)
    if not candidates.any():
        return out
    # the pieces lie inside the candidates' box: labelled and read there alone
    box = around(candidates, 0)
    candidates = candidates[box]
    n, parts = components(candidates.astype(np.uint8), connectivity=8)
    touching = np.bincount(parts[grown[box] & candidates], minlength=n)
    ok = touching > 0
    if too_far is not None:
        ok[parts[too_far[box] & candidates]] = False
    if room is not None:
        ok &= np.bincount(parts[room[box] & candidates], minlength=n) <= ENCLOSED_OPEN * touching
    ok[0] = False
    if not ok.any():  # no piece kept (the most common answer): nothing to gather
        return out
    if n <= 256:  # the labels fit a byte: read through OpenCV's table, faster than numpy's gather
        table = np.zeros(256, np.uint8)
        table[:n] = ok
        out[box] = cv2.LUT(parts.astype(np.uint8), table).view(bool)
    else:
        out[box] = np.take(ok, parts)  # the same gather, about twice as fast as indexing with the labels
    return out
