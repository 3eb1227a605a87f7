"""Close the holes in a person mask that show the person's clothes, not the room behind them.

The segmentation sometimes opens a hole in a light shirt beside an arm hanging against it, as if
the room showed through there. A real gap (between an arm on the hip and the waist) shows the
room; a false one shows the same cloth as the body around it. A hole is closed when its colour is
nearer that of the body around it than that of the room around the person, in the same rows.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import find_objects

# px (working res) from a hole, inner and outer, of the ring of body whose colour it is compared
# with: the mask's soft edge runs a few px out into the room, and must not count as body
RING = (3, 9)
ROOM_RING = 0.03  # share of the image's long side outside the person where the room's colour is taken


def close_false_holes(mask: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """`mask` (float 0..1) with its holes that show clothes filled in; `lab` the photo in 8-bit Lab
    (`PersonAnalysis.lab`: converted once, and only the pixels compared taken as floats)."""
    body = mask > 0.5
    n, labels = cv2.connectedComponents((~body).astype(np.uint8), connectivity=4)
    if n <= 2:
        return mask
    h, w = body.shape
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    holes = np.setdiff1d(np.arange(1, n), edge)
    if not holes.size:
        return mask
    r = max(2, int(ROOM_RING * max(h, w)))
    room = (cv2.dilate(body.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2)) > 0) \
        & np.isin(labels, edge)
    inner, outer = (cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * k + 1,) * 2) for k in RING)
    room &= ~(cv2.dilate(body.astype(np.uint8), inner) > 0)
    out = mask.copy()
    spans = find_objects(labels)
    for i in holes:
        # the hole and its rings lie within its rows and those `r` either side: only they are looked at
        rows = slice(max(0, spans[i - 1][0].start - r), min(h, spans[i - 1][0].stop + r))
        hole = labels[rows] == i
        near = hole.astype(np.uint8)
        around = (cv2.dilate(near, outer) > 0) & ~(cv2.dilate(near, inner) > 0) & body[rows]
        room_rows = room[rows]
        if not around.any() or not room_rows.any():
            continue
        band = lab[rows]
        colour = np.median(band[hole].astype(np.float32), axis=0)
        to_body = float(np.linalg.norm(colour - np.median(band[around].astype(np.float32), axis=0)))
        to_room = float(np.linalg.norm(colour - np.median(band[room_rows].astype(np.float32), axis=0)))
        if to_body < to_room:
            out[rows][hole] = 1.0
    return out
