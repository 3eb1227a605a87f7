"""A mask's pixels as numpy lists them (`np.nonzero(mask)`, `image[mask]`), listed faster.

numpy lists a 2-D mask's set pixels several times slower than a flat one's, and gathers an H x W x 3
image's pixels under a mask slower still (a single plane's it gathers fast): the flat listing, split
into rows and columns or gathered from a contiguous copy by flat index, gives the same pixels in the
same order.
"""

from __future__ import annotations

import numpy as np


def set_pixels(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.nonzero` of a 2-D mask: the rows and columns of its set pixels, in the same order."""
    return np.divmod(np.flatnonzero(mask), mask.shape[1])


def under(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """`image[mask]` of an H x W x C image and an H x W mask: the pixels (N x C) where it is set, in order."""
    return np.ascontiguousarray(image).reshape(mask.size, image.shape[2]).take(np.flatnonzero(mask), axis=0)
