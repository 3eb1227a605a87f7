"""Where a top's sleeves and its body leave old clothes between them, for the rim (`rim`) to cover: the gap
beside a long sleeve down to the body's hem, the slits along an armhole's seam, the notch under a wide sleeve, and
the rows each sleeve spans; and below the hem, what is worn beneath the top or on the hips, which it does not cover.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.components import components_with_stats
from tryon.shared.pixels import first_in_columns, last_in_columns, row_span


def sleeve_gap(solid: np.ndarray, body: np.ndarray, first_row: int) -> np.ndarray:
    """From `first_row` (below the shoulders' band) down, what lies between two parts of the garment
    in its row (a long sleeve and the body, or the body's side left beside the sleeve), above the
    body's hem in its column: below a slanted or curved hem beside the sleeve is what is worn under
    the top, not the torso's side."""
    gap = np.zeros_like(solid)
    h = solid.shape[0]
    rows = slice(max(0, first_row), h)
    low = solid[rows]
    # below the hem: past the body's last row in the column (read from one index per column, not a running scan)
    last = last_in_columns(body)
    hem_above = body.any(axis=0) & (np.arange(rows.start, h, dtype=np.int32)[:, None] > last.astype(np.int32))
    gap[rows] = row_span(low) & ~low & ~hem_above
    return gap


def armhole_gaps(sleeve: np.ndarray, body: np.ndarray, last_row: int) -> tuple[slice, np.ndarray, np.ndarray] | None:
    """In the shoulders' band (above `last_row`), the rows holding both a sleeve, long or short, and the
    body, and there `_between` them (the pixels, how far apart the two are); None where no row holds both.
    The garment alone decides them: made with the rim's frame, before what stays in front is known."""
    # only rows holding both parts have a pixel between them
    both = np.flatnonzero((sleeve.any(axis=1) & body.any(axis=1))[:max(0, last_row)])
    if not both.size:
        return None
    rows = slice(int(both[0]), int(both[-1]) + 1)
    return (rows, *_between(sleeve[rows], body[rows]))


def armhole_slits(gaps: tuple[slice, np.ndarray, np.ndarray], cloth: np.ndarray, slit: float,
                  seam: float) -> np.ndarray:
    """Between a sleeve and the body (`gaps`, `armhole_gaps`): old `cloth` at most `slit` px across (a slit
    along the armhole seam: not the neck opening, which lies between parts of the body, nor a cold
    shoulder's cut, which shows skin), and, skin too, where they are at most `seam` px apart (narrower than
    any cut a top is made with: the two layers parted along their seam)."""
    out = np.zeros_like(cloth)
    rows, between, width = gaps
    out[rows] = between & (((width <= slit) & cloth[rows]) | (width <= seam))
    return out


def _between(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pixels with `a` the nearest of `a | b` on one side in their row and `b` on the other, and
    how far apart those two are (px)."""
    h, w = a.shape
    # each pixel of `a | b` as its column and what it is (bit 0: `a`, bit 1: `b`) in one number, so the
    # running max (min) along the row gives the nearest one on the left (right) and what it is at once;
    # run down the columns of the transposed rows (numpy runs along a last axis one element at a time)
    xs = np.arange(w, dtype=np.int16)[:, None]  # 16 bits: a row's four times its width fits
    at = (xs << 2) | (a.T.astype(np.int16) | (b.T.astype(np.int16) << 1))
    either = at & 3 > 0
    left = np.maximum.accumulate(np.where(either, at, -1), axis=0)
    right = np.minimum.accumulate(np.where(either, at, w << 2)[::-1], axis=0)[::-1]
    on_left, on_right = left & 3, right & 3
    left, right = left >> 2, right >> 2
    found = (left >= 0) & (right < w) & ~either
    apart = ((on_left & 1) & (on_right >> 1)) | ((on_left >> 1) & (on_right & 1))
    return (found & apart.astype(bool)).T, (right - left - 1).T


def sleeve_rows(sleeves: np.ndarray, centre: int) -> np.ndarray:
    """On each side of the body's `centre` column, the rows that side's sleeve spans."""
    out = np.zeros_like(sleeves)
    for cols in (slice(0, max(0, centre)), slice(max(0, centre), sleeves.shape[1])):
        rows = np.flatnonzero(sleeves[:, cols].any(axis=1))
        if rows.size:
            out[rows[0]:rows[-1] + 1, cols] = True
    return out


def below_hem(torso: np.ndarray, slant: float) -> np.ndarray:
    """Below a top's body in each column whose lowest row is on its hem (within `slant` px of the lowest
    of all): under a slanted or curved hem is what is worn beneath the top (`uncover_torso` takes it away),
    not a strip beside its side; covered with the top's colour, it cut the hem off in the old top's own
    straight line. Beside a side that narrows downwards, the columns end higher: that is the side."""
    last = last_in_columns(torso)
    on_hem = torso.any(axis=0) & (last >= last[torso.any(axis=0)].max(initial=0) - slant)
    return on_hem & (np.arange(torso.shape[0], dtype=np.int32)[:, None] > last.astype(np.int32))


def worn_beneath(pieces: np.ndarray, torso: np.ndarray, slant: float, middle: tuple[int, int]) -> np.ndarray:
    """What of `pieces` (old cloth beside a top) is worn beneath its hem: below the hem in its column (`below_hem`),
    and whole pieces reaching under it between the hip joints (`middle`: no side is there) or lying wholly below its
    hem there. A blouse's bell sleeves hang past its hem joined to its body, so its lowest sides hung with them and
    under its hem read as strips beside its sides: the blouse's colour was carried over the polo below it."""
    out = pieces & below_hem(torso, slant)
    cols = slice(max(0, middle[0]), max(0, middle[1]))
    mid = torso[:, cols]
    if not mid.any():
        return out
    hem = int(last_in_columns(mid)[mid.any(axis=0)].max())
    n, parts, stats, _ = components_with_stats(pieces.astype(np.uint8), connectivity=8)
    under = np.zeros_like(pieces)
    under[hem + 1:, cols] = True
    beneath = (np.bincount(parts[pieces & under], minlength=n) > 0) | (stats[:, cv2.CC_STAT_TOP] > hem)
    beneath[0] = False
    return out | beneath[parts]


def inside_below_hem(sleeves: np.ndarray, solid: np.ndarray, centre: int, slant: float) -> np.ndarray:
    """Below the garment's body (`solid` less its `sleeves`), what lies between a long sleeve hanging past its hem
    and the body's `centre` column: the hips and what is worn on them, which the sleeve's edge is not carried
    over. Carried there, a striped bodysuit's sleeves smeared their stripes over her skirt beside each hand."""
    body = solid & ~sleeves
    if not body.any():
        return np.zeros_like(solid)
    # the hem in the body's middle: its sides may hang as low as bell sleeves joined to them
    middle = body[:, min(max(0, centre), body.shape[1] - 1)]
    hem = int(np.flatnonzero(middle)[-1] if middle.any() else np.flatnonzero(body.any(axis=1))[-1])
    below = sleeves[hem + 1:]
    xs = np.arange(solid.shape[1])
    left, right = below[:, :max(0, centre)], below[:, max(0, centre):]
    # below its lowest row, or below a hem curving up at the sides in its own column (`below_hem`)
    under = below_hem(body, slant)
    under[hem + 1:] = True
    # each side's sleeve at its narrowest below the hem: the column its inner edge keeps out of in every row (a
    # bound read row by row cut the band in steps where the sleeve's edge jumps)
    on_left, on_right = left.any(axis=1), right.any(axis=1)
    left_in = int((left.shape[1] - 1 - np.argmax(left[on_left, ::-1], axis=1)).min()) if on_left.any() else centre
    right_in = int((centre + np.argmax(right[on_right], axis=1)).max()) if on_right.any() else centre
    return under & ((xs > left_in) & (xs < right_in))[None, :]


def notches(cloth: np.ndarray, torso: np.ndarray, grown: np.ndarray, first_row: int) -> np.ndarray:
    """Old cloth (`cloth`, where the garment does not reach) from `first_row` down with the garment on both
    sides in its row and above and below in its column: a notch the product's outline makes between a wide
    sleeve's lower edge and the body's side, opened on the body when the sleeve is laid along the arm. Worn,
    the cloth runs on under the arm there; left, the old top (or skin painted over it) showed in a wedge cut
    into the top under each sleeve. Closed in by the arm in front of it, it is covered as the wedge beside
    a side is (`rim._side_strips`)."""
    out = cloth & row_span(torso)
    out[:first_row] = False
    ys = np.arange(cloth.shape[0], dtype=np.int32)[:, None]
    below_top = ys > np.where(grown.any(axis=0), first_in_columns(grown), cloth.shape[0]).astype(np.int32)
    return out & below_top & (ys < np.where(torso.any(axis=0), last_in_columns(torso), -1).astype(np.int32))
