"""Carry a full-length trouser leg's hem level across the leg, over the old cuff its curved hem leaves showing.

A trouser leg warped from the product photo ends in a hem that curves up at its sides (the photo's leg
rounds off there), while the body's leg, and the old trousers on it, carry on straight down to the
shoes. Under that curve the old trouser cuff showed, and painted out as the room (`uncover`) it left a
gap of background between the new hem and the shoes, the shoes' tops cut straight. A full-length leg
(its hem at or past the ankle joints) hangs level: down to its lowest row, the old clothes under its
curved hem are the new leg's.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.person import L_ANKLE, L_KNEE, R_ANKLE, R_KNEE, PersonAnalysis


def full_length_legs(person: PersonAnalysis, solid: np.ndarray, top: int = 0) -> list[tuple[np.ndarray, int]]:
    """Each leg of a garment (`solid`, a crop of the working frame starting at row `top`) below the knees whose
    hem reaches the ankle joints, as its pixels and its lowest row. Shorts and cropped legs end higher."""
    h = solid.shape[0]
    ankle_y = min(float(person.point(L_ANKLE)[1]), float(person.point(R_ANKLE)[1])) - top
    knee_y = max(float(person.point(L_KNEE)[1]), float(person.point(R_KNEE)[1])) - top
    low = solid.copy()
    low[:int(np.clip(knee_y, 0, h))] = False
    n, parts = cv2.connectedComponents(low.astype(np.uint8), connectivity=8)
    legs = []
    for k in range(1, n):
        leg = parts == k
        hem = int(np.flatnonzero(leg.any(axis=1))[-1])
        if hem >= ankle_y:
            legs.append((leg, hem))
    return legs


def under_curved_hem(person: PersonAnalysis, solid: np.ndarray, free: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """In the crop `box` of the working frame: for each full-length leg of the garment (`solid`), the old
    clothes (`free`) in each column its hem rounds up over, between its lowest solid pixel and the leg's lowest row."""
    h, w = solid.shape
    out = np.zeros((h, w), bool)
    ys = np.arange(h)[:, None]
    for leg, hem in full_length_legs(person, solid, box[0].start):
        cols = np.flatnonzero(leg.any(axis=0))
        lowest = h - 1 - np.argmax(leg[::-1, cols], axis=0)
        # a rounded hem rises at most half the leg's width at its sides; columns whose garment ends higher are
        # the leg's flank (a flare's ragged side), with the old trousers beside it, not under its hem
        hemmed = lowest >= hem - cols.size / 2
        out[:, cols[hemmed]] |= (ys > lowest[None, hemmed]) & (ys <= hem) & free[:, cols[hemmed]]
    return out
