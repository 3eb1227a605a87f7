"""Sleeves hanging beside a top's body in the product photo: all sleeve across the gap between them.

A sleeve hanging beside a top's body with backdrop between them is all sleeve, across the gap's whole length.

`keypoints` finds the sleeves as what lies outside the torso's columns: a straight cut down the
garment. A sleeve hanging close beside the body reaches inside those columns, and the strip the cut
left of it stayed in the body layer down to the cuff's height. Warped onto the torso, that strip stood
out from the body's side as a flat block ending in a dead-straight step beside the hand. Below the
armpits, a part of a row lying apart from the body's run through the centre column (backdrop
between them), in a piece mostly of a sleeve, is that sleeve's.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.cutout import GarmentCutout
from tryon.garment.silhouette_rows import run_through
from tryon.shared.components import components

SLEEVE_ALREADY_MOSTLY = 0.5  # share of a parted piece that must be sleeve already for all of it to be


def _below_armpits(cut: GarmentCutout) -> tuple[int, int] | None:
    """The first row below both armpits (above it the shoulders' rows, where a neckline parts the garment,
    not a gap) and the body's centre column; None for a garment without sleeves."""
    if cut.sleeve is None or not cut.sleeve.any() or "armpit_l" not in cut.points or "armpit_r" not in cut.points:
        return None
    h, w = cut.mask.shape
    top = int(np.clip(np.ceil(max(cut.points["armpit_l"][1], cut.points["armpit_r"][1])), 0, h))
    return top, int(np.clip(round(float(cut.points["neck"][0])), 0, w - 1))


def sleeves_past_gap(cut: GarmentCutout) -> None:
    """Adds to `cut.sleeve` (in place) the parts of the garment (`cut.mask`, gaps open) that a gap parts
    from the body below the armpits, in pieces mostly of a sleeve already."""
    found = _below_armpits(cut)
    if found is None:
        return
    top, cx = found
    rows = cut.mask[top:]
    apart = rows & ~run_through(rows, cx) & rows[:, cx:cx + 1]  # only rows the body's centre runs through
    n, parts = components(apart.astype(np.uint8), connectivity=8)
    if n < 2:
        return
    # a part mostly sleeve already: the column cut left the rest of it in the body. A part mostly body
    # (a hem's corner out past the torso's columns, parted from the centre by a scalloped edge) stays
    sleeve_px = np.bincount(parts[apart & cut.sleeve[top:]], minlength=n)
    joined = sleeve_px > SLEEVE_ALREADY_MOSTLY * np.bincount(parts[apart], minlength=n)
    joined[0] = False
    cut.sleeve[top:] |= joined[parts]


def parted_body(cut: GarmentCutout) -> np.ndarray:
    """The body's pixels on each side of its centre, in the rows where a gap parts that side's sleeve from
    it: the sleeves' layers take in a seam's width of the body along a seam (`sleeve_warp.sleeves_mask`),
    but across a gap there is none, and the body's own side (a belt's edge) went along the arm as a
    dashed line."""
    out = np.zeros(cut.mask.shape, bool)
    found = _below_armpits(cut)
    if found is None:
        return out
    top, cx = found
    body = run_through(cut.mask[top:], cx)
    sleeve = cut.sleeve[top:]
    xs = np.arange(body.shape[1])[None, :]
    for side in (xs < cx, xs > cx):
        parted = (sleeve & side).any(axis=1) & ~(body & sleeve & side).any(axis=1)
        out[top:] |= body & side & parted[:, None]
    return out


def under_sleeves(cut: GarmentCutout, px: int) -> np.ndarray:
    """The gap's pixels within `px` of the body's side where a sleeve is parted from it (`parted_body`):
    the body layer reaches under the sleeve's layer across them, as along a seam, so the two warped
    layers overlap, and no sliver between them is filled with the body's edge colour (a belt's, a dashed
    dark line)."""
    k = np.ones((1, 2 * px + 1), np.uint8)
    return (cv2.dilate(parted_body(cut).astype(np.uint8), k) > 0) & ~cut.mask
