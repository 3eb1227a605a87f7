"""Dilation and erosion of uint8 masks at a width OpenCV's vector code covers whole.

OpenCV's morphology takes a row 16 pixels at a time, and the pixels past the last whole 16 one by one,
each under the whole kernel: with a 25 px kernel a box 127 px wide took four times as long as one 128 px
wide. The mask is widened on the right to a multiple of 16 with what OpenCV reads past its border (nothing
for a dilation, everything for an erosion), which changes none of its own pixels.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

ROW_LANES_PX = 16  # pixels of a uint8 row OpenCV's vector code takes at once


def dilate(mask: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """`cv2.dilate` of a uint8 `mask` by `kernel` (its default border: nothing past the edge)."""
    return _widened(cv2.dilate, mask, kernel, 0)


def erode(mask: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """`cv2.erode` of a uint8 `mask` by `kernel` (its default border: everything past the edge)."""
    return _widened(cv2.erode, mask, kernel, 255)


def _widened(op: Callable[[np.ndarray, np.ndarray], np.ndarray], mask: np.ndarray, kernel: np.ndarray,
             past: int) -> np.ndarray:
    h, w = mask.shape
    extra = -w % ROW_LANES_PX
    if not extra:
        return op(mask, kernel)
    wide = np.full((h, w + extra), past, np.uint8)
    wide[:, :w] = mask
    return op(wide, kernel)[:, :w]
