"""Sleeves hanging beside a top's body in the product photo: all sleeve across the gap between them, and
the torso of a top whose long sleeves hang straight down along it.

A sleeve hanging beside a top's body with backdrop between them is all sleeve, across the gap's whole length.

`keypoints` finds the sleeves as what lies outside the torso's columns: a straight cut down the
garment. A sleeve hanging close beside the body reaches inside those columns, and the strip the cut
left of it stayed in the body layer down to the cuff's height. Warped onto the torso, that strip stood
out from the body's side as a flat block ending in a dead-straight step beside the hand. Below the
armpits, a part of a row lying apart from the body's run through the centre column (backdrop
between them), in a piece mostly of a sleeve, is that sleeve's.

The torso of a top whose long sleeves hang straight down along its body in the product photo.

Laid flat with the sleeves down its sides, such a top's silhouette is one block from shoulder to
cuff: no gap under the arms, and its sides fall straight (a drop shoulder or a blouson body), so
neither the columns outside the torso nor an outline running outward (`_sleeves_along_body`) show
the sleeves. Read as sleeveless, the sleeves were warped onto the torso as flaps beside the bodice
and the arms were left bare. Where the sleeves end, though, their cuffs hang apart from the body:
below the middle, on each side, a piece of the silhouette parted from the body's run through the
centre, hanging (taller than it is wide: a hem's corner parted by a slit or a scallop is wider
than tall). The cuffs' inner edges are the torso's sides there.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.garment.cutout import GarmentCutout

SLEEVE_ALREADY_MOSTLY = 0.5  # share of a parted piece that must be sleeve already for all of it to be


def run_through(rows: np.ndarray, x: int) -> np.ndarray:
    """Each row's run of True through column `x` as a mask; empty in rows where column `x` is False."""
    w = rows.shape[1]
    left, right = ~rows[:, :x + 1][:, ::-1], ~rows[:, x:]
    # distance from x to the first False on each side (the row's edge where there is none)
    to_left = np.where(left.any(axis=1), left.argmax(axis=1), x + 1)
    to_right = np.where(right.any(axis=1), right.argmax(axis=1), w - x)
    cols = np.arange(w)[None, :]
    return rows[:, x:x + 1] & (cols > x - to_left[:, None]) & (cols < x + to_right[:, None])


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
    n, parts = cv2.connectedComponents(apart.astype(np.uint8), connectivity=8)
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


# share of the garment's height from its top below which parted pieces are cuffs: higher up, the
# neck opening parts the shoulders and straps from the body
CUFF_FROM = 0.5


class Cuffs(NamedTuple):
    half_width: float    # the torso's: the mean of both cuffs' inner edges' distance from the centre column
    width: float         # the narrower cuff's median width
    pieces: np.ndarray   # both cuffs' pixels (bool, as `m`): sleeve, though inside the torso's columns


def hanging_cuffs(m: np.ndarray, y0: int, H: int, cx: int) -> Cuffs | None:
    """Both hanging cuffs of a top's silhouette `m` (its top row `y0`, height `H`, centre column `cx`),
    or None when not both sides have one."""
    top = y0 + int(CUFF_FROM * H)
    rows = m[top:y0 + H]
    if not rows.size or not rows[:, cx].any():
        return None
    apart = rows & ~run_through(rows, cx) & rows[:, cx:cx + 1]  # only rows the body's centre runs through
    n, parts, stats, _ = cv2.connectedComponentsWithStats(apart.astype(np.uint8), connectivity=8)
    halves, widths = [], []
    pieces = np.zeros_like(m)
    for sgn in (-1, 1):
        hung = [i for i in range(1, n)
                if (stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] / 2.0 - cx) * sgn > 0
                and stats[i, cv2.CC_STAT_HEIGHT] > stats[i, cv2.CC_STAT_WIDTH]]
        if not hung:
            return None
        piece = parts == max(hung, key=lambda i: stats[i, cv2.CC_STAT_AREA])
        pieces[top:y0 + H] |= piece
        on = piece.any(axis=1)
        first = piece[on].argmax(axis=1)
        last = piece.shape[1] - 1 - piece[on][:, ::-1].argmax(axis=1)
        inner = last if sgn < 0 else first
        halves.append(float(np.median(np.abs(inner - cx))))
        widths.append(float(np.median(last - first + 1)))
    return Cuffs(float(np.mean(halves)), min(widths), pieces)
