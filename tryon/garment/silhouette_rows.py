"""A garment's silhouette read row by row: its runs, first and last pixels, and the run through a column.

Keypoints, the neckline, the sleeves and the torso under sleeves lying along the body all measure the
silhouette this way."""

from __future__ import annotations

import numpy as np


def runs(row: np.ndarray) -> list[tuple[int, int]]:
    """The [start, end] of every run of True in a row."""
    d = np.diff(np.concatenate([[0], row.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1) - 1
    return list(zip(starts.tolist(), ends.tolist()))


def spans(mask: np.ndarray, axis: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The first and last True index of each row (axis 1) or column (axis 0); only meaningful
    where that row or column has a True."""
    m = np.asarray(mask, bool)
    return m.argmax(axis=axis), m.shape[axis] - 1 - np.flip(m, axis=axis).argmax(axis=axis)


def run_through(rows: np.ndarray, x: int) -> np.ndarray:
    """Each row's run of True through column `x` as a mask; empty in rows where column `x` is False."""
    w = rows.shape[1]
    left, right = ~rows[:, :x + 1][:, ::-1], ~rows[:, x:]
    # distance from x to the first False on each side (the row's edge where there is none)
    to_left = np.where(left.any(axis=1), left.argmax(axis=1), x + 1)
    to_right = np.where(right.any(axis=1), right.argmax(axis=1), w - x)
    cols = np.arange(w)[None, :]
    return rows[:, x:x + 1] & (cols > x - to_left[:, None]) & (cols < x + to_right[:, None])
