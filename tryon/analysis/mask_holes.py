"""Close the holes in a person mask that show the person's clothes, not the room behind them.

The segmentation sometimes opens a hole in a light shirt beside an arm hanging against it, as if
the room showed through there. A real gap (between an arm on the hip and the waist) shows the
room; a false one shows the same cloth as the body around it. A hole is closed when its colour is
nearer that of the body around it than that of the room around the person, in the same rows.
"""

from __future__ import annotations

import cv2
import numpy as np
from tryon.shared.components import components
from scipy.ndimage import find_objects

# px (working res) from a hole, inner and outer, of the ring of body whose colour it is compared
# with: the mask's soft edge runs a few px out into the room, and must not count as body
RING = (3, 9)
ROOM_RING = 0.03  # share of the image's long side outside the person where the room's colour is taken


def close_false_holes(mask: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """`mask` (float 0..1) with its holes that show clothes filled in; `lab` the photo in 8-bit Lab
    (`PersonAnalysis.lab`: converted once, and only the pixels compared taken as floats)."""
    body = mask > 0.5
    n, labels = components((~body).astype(np.uint8), connectivity=4)
    if n <= 2:
        return mask
    h, w = body.shape
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    holes = np.setdiff1d(np.arange(1, n), edge)
    if not holes.size:
        return mask
    r = max(2, int(ROOM_RING * max(h, w)))
    spans = find_objects(labels)
    # the hole and its rings lie within its rows and those `r` either side: only they are looked at
    hole_rows = {i: slice(max(0, spans[i - 1][0].start - r), min(h, spans[i - 1][0].stop + r)) for i in holes}
    lo, hi = min(s.start for s in hole_rows.values()), max(s.stop for s in hole_rows.values())
    # the room ring is made over those rows alone, dilated on a crop `r` rows wider (the dilations reach no
    # farther, and the frame's own top and bottom stay the crop's): the whole frame's 2r-wide dilation was
    # most of a photo's analysis after the pose
    src = slice(max(0, lo - r), min(h, hi + r))
    inside = slice(lo - src.start, hi - src.start)
    solid = body[src].astype(np.uint8)
    inner, outer = (cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * k + 1,) * 2) for k in RING)
    on_edge = np.zeros(n, bool)
    on_edge[edge] = True
    room = ((cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2))[inside] > 0)
            & on_edge[labels[lo:hi]] & ~(cv2.dilate(solid, inner)[inside] > 0))
    out = mask.copy()
    for i in holes:
        rows = hole_rows[i]
        # the hole's ring of body lies within its columns and RING's outer reach either side: read there alone
        cols = slice(max(0, spans[i - 1][1].start - RING[1]), min(w, spans[i - 1][1].stop + RING[1]))
        hole = labels[rows, cols] == i
        near = hole.astype(np.uint8)
        around = (cv2.dilate(near, outer) > 0) & ~(cv2.dilate(near, inner) > 0) & body[rows, cols]
        room_rows = room[rows.start - lo:rows.stop - lo]
        if not around.any() or not room_rows.any():
            continue
        box = lab[rows, cols]
        colour = np.median(box[hole].astype(np.float32), axis=0)
        to_body = float(np.linalg.norm(colour - np.median(box[around].astype(np.float32), axis=0)))
        to_room = float(np.linalg.norm(colour - np.median(lab[rows][room_rows].astype(np.float32), axis=0)))
        if to_body < to_room:
            out[rows, cols][hole] = 1.0
    return out
