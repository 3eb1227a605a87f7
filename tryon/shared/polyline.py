"""A point along a polyline (an arm's or a leg's joints, a sleeve's path), the one walk the sleeves, the
garment's sides and the trouser legs share."""

from __future__ import annotations

import numpy as np


def along(points: list[np.ndarray], length: float) -> tuple[np.ndarray, np.ndarray]:
    """The point `length` along a polyline (extrapolating the last segment) and the local direction."""
    for a, b in zip(points[:-1], points[1:]):
        seg = float(np.linalg.norm(b - a))
        direction = (b - a) / max(seg, 1e-6)
        if length <= seg or b is points[-1]:
            return a + direction * length, direction
        length -= seg
    return points[-1], np.array([0.0, 1.0])
