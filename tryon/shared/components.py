"""The connected pieces of a mask, safe on an empty one.

OpenCV's labelling ends the whole process (a segmentation fault, not an exception) on an array with no rows
or no columns, and a box cut from a photo can be empty (a chin found above the top of the head's box, on a
render an outfit's next piece is laid on): one such photo would take the server down for every shopper.
Every stage labels pieces through these two.
"""

from __future__ import annotations

import cv2
import numpy as np


def components(mask: np.ndarray, connectivity: int = 8) -> tuple[int, np.ndarray]:
    """`cv2.connectedComponents` of a uint8 mask: the count (background included) and the labels."""
    if mask.size == 0:
        return 1, np.zeros(mask.shape, np.int32)
    return cv2.connectedComponents(mask, connectivity=connectivity)


def components_with_stats(mask: np.ndarray, connectivity: int = 8
                          ) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """`cv2.connectedComponentsWithStats` of a uint8 mask: the count, labels, stats and centroids."""
    if mask.size == 0:
        return 1, np.zeros(mask.shape, np.int32), np.zeros((1, 5), np.int32), np.zeros((1, 2), np.float64)
    return cv2.connectedComponentsWithStats(mask, connectivity=connectivity)
