"""A mask's pixels as numpy lists them (`np.nonzero(mask)`, `image[mask]`), and its first and last set pixel
per row or column (`argmax`), read faster.

numpy lists a 2-D mask's set pixels several times slower than a flat one's, and gathers an H x W x 3
image's pixels under a mask slower still (a single plane's it gathers fast): the flat listing, split
into rows and columns or gathered from a contiguous copy by flat index, gives the same pixels in the
same order; numpy's argmax down a column, or along a reversed row, is several times slower than
along a row of a transposed or flipped copy.
"""

from __future__ import annotations

import cv2
import numpy as np


def set_pixels(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.nonzero` of a 2-D mask: the rows and columns of its set pixels, in the same order."""
    return np.divmod(np.flatnonzero(mask), mask.shape[1])


def under(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """`image[mask]` of an H x W x C image and an H x W mask: the pixels (N x C) where it is set, in order."""
    return np.ascontiguousarray(image).reshape(mask.size, image.shape[2]).take(np.flatnonzero(mask), axis=0)


def first_in_columns(mask: np.ndarray) -> np.ndarray:
    """Per column of the bool `mask`, its first row that is set (0 where none is), as `mask.argmax(axis=0)`.
    Read along rows of the transposed mask: numpy's argmax down a column, or along a reversed row, took
    ten times as long as along a row."""
    if not mask.size:
        return mask.argmax(axis=0)
    return cv2.transpose(mask.view(np.uint8)).view(bool).argmax(axis=1)


def last_in_columns(mask: np.ndarray) -> np.ndarray:
    """Per column of the bool `mask`, its last row that is set (the last row where none is)."""
    if not mask.size:
        return mask.shape[0] - 1 - mask[::-1].argmax(axis=0)
    return mask.shape[0] - 1 - cv2.flip(cv2.transpose(mask.view(np.uint8)), 1).view(bool).argmax(axis=1)


def last_in_rows(mask: np.ndarray) -> np.ndarray:
    """Per row of the bool `mask`, its last column that is set (the last column where none is)."""
    if not mask.size:
        return mask.shape[1] - 1 - mask[:, ::-1].argmax(axis=1)
    return mask.shape[1] - 1 - cv2.flip(mask.view(np.uint8), 1).view(bool).argmax(axis=1)


def row_span(solid: np.ndarray) -> np.ndarray:
    """Each row's pixels from its first solid one to its last."""
    w = solid.shape[1]
    first, last = solid.argmax(axis=1), last_in_rows(solid)
    first = np.where(solid.any(axis=1), first, w).astype(np.int32)  # a row with none spans no pixel
    xs = np.arange(w, dtype=np.int32)[None, :]
    return (xs >= first[:, None]) & (xs <= last.astype(np.int32)[:, None])
