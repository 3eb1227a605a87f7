"""Take away the old clothes a new bottom or dress leaves uncovered, instead of letting them show.

New trousers are narrower than an old skirt; new legs leave a gap where old legs touched. What
shows there is the old garment, half-visible beside the new one. Those pixels (on the person,
between the new waistband and hem, not the hands) are filled from the background
around them, the way the room would look with the old garment gone. Beside a dress, old clothes
that carry on below its hem (trousers under it) are layering and stay whole.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.arms import arm_band
from tryon.person import L_HIP, R_HIP, PersonAnalysis
from tryon.rim import pieces_touching
from tryon.warp import Warped

INPAINT_RADIUS = 5    # px (working res) of surroundings each filled pixel draws on
INPAINT_SCALE = 2     # the fill is made this many times smaller than the working image


class Repaint(NamedTuple):
    """Where `uncover` changed the photo beyond the garment: a box of the input-res photo and how
    much of each pixel in it (0..1). Kept to the box, so a small repaint costs no full-frame arrays."""

    box: tuple[slice, slice]
    alpha: np.ndarray


def uncovered(person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> np.ndarray:
    """Pixels (working res) of old clothing beside or between the new garment's legs."""
    h, w = alpha.shape
    if warped.kind == "upper":
        return np.zeros((h, w), bool)
    rows = np.flatnonzero((alpha > 0.5).any(axis=1))
    if rows.size == 0:
        return np.zeros((h, w), bool)
    # a bottom starts at its waistband; a dress's own top half is beside arms and shoulders, not old clothes
    hip_y = float((person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2) if warped.kind == "full" else 0.0
    y0, y1 = int(max(rows.min(), hip_y)), int(rows.max()) + 1
    band = np.zeros((h, w), bool)
    band[y0:y1] = True
    # skin is tested only along the arms: between the waistband and the hem only hands are bare, and
    # elsewhere a print's pale or pink patches would pass for skin and stay behind as old garment
    old = band & (person.mask > 0.5) & (alpha < 0.5) & ~(arm_band(person) & person.skin)
    if warped.kind == "full" and not warped.legs:
        old &= ~_layered_under(old, (person.mask > 0.5) & (alpha < 0.5) & ~person.skin, y1)
    return cv2.morphologyEx(old.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)).astype(bool)


def _layered_under(old: np.ndarray, cloth: np.ndarray, hem: int) -> np.ndarray:
    """The pieces of `old` that carry on as cloth below the dress's hem row: trousers worn under it,
    a leg standing out beside a straight skirt. That garment shows below the hem anyway; painted
    out above it, a trouser leg began in a cut across it under the hem."""
    below = np.zeros_like(cloth)
    below[hem:] = cloth[hem:]
    return pieces_touching(old | below, below) & old


def remove_uncovered(out: np.ndarray, person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> Repaint | None:
    """Paints the uncovered old clothing over from the room around it, in place in `out` (the photo
    at input res), and says where (None when nothing was painted).

    The new garment's own area is painted too (it is covered afterwards), so the fill is drawn
    from the background and skin at the outer edge, never from the old garment underneath."""
    region = uncovered(person, warped, alpha)
    H, W = out.shape[:2]
    if not region.any():
        return None
    grow = np.ones((5, 5), np.uint8)  # the old garment's soft edge too
    region = cv2.dilate(region.astype(np.uint8), grow) > 0
    hidden = region | (cv2.dilate((alpha > 0.02).astype(np.uint8), grow) > 0)
    ys, xs = np.nonzero(hidden)
    m = 2 * INPAINT_RADIUS + 2  # inpaint only the box around the hidden pixels
    y0, y1 = max(0, ys.min() - m), min(alpha.shape[0], ys.max() + m + 1)
    x0, x1 = max(0, xs.min() - m), min(alpha.shape[1], xs.max() + m + 1)
    filled = person.image.copy()
    box = (slice(y0, y1), slice(x0, x1))
    filled[box] = _fill(person.image[box], hidden[box])
    if (H, W) == alpha.shape:
        np.copyto(out[box], filled[box], where=region[box][..., None])
        return Repaint(box, region[box].astype(np.float32))
    # at the input resolution, only the box around the region changes
    h, w = alpha.shape
    sy, sx = H / h, W / w
    Y0, Y1 = max(0, int((y0 - 1) * sy)), min(H, int((y1 + 1) * sy) + 1)
    X0, X1 = max(0, int((x0 - 1) * sx)), min(W, int((x1 + 1) * sx) + 1)
    to_work = np.float32([[1 / sx, 0, (X0 + 0.5) / sx - 0.5], [0, 1 / sy, (Y0 + 0.5) / sy - 0.5]])
    up = cv2.warpAffine(filled, to_work, (X1 - X0, Y1 - Y0), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                        borderMode=cv2.BORDER_REPLICATE)
    rows = np.minimum((np.arange(Y0, Y1) * (h / H)).astype(int), h - 1)  # nearest, as cv2.resize picks it
    cols = np.minimum((np.arange(X0, X1) * (w / W)).astype(int), w - 1)
    painted = region[np.ix_(rows, cols)]
    big_box = (slice(Y0, Y1), slice(X0, X1))
    np.copyto(out[big_box], up, where=painted[..., None])
    return Repaint(big_box, painted.astype(np.float32))


def _fill(rgb: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """`rgb` with its hidden pixels filled from the unhidden ones around them (Telea inpainting).

    The fill is smooth, so it is made at 1/INPAINT_SCALE of the size (a coarse pixel is hidden when
    any of its pixels is, so nothing of the old garment leaks in) and enlarged: inpainting cost
    grows with the hidden area times the radius squared."""
    h, w = hidden.shape
    small = (max(1, w // INPAINT_SCALE), max(1, h // INPAINT_SCALE))
    coarse_hidden = cv2.resize(hidden.astype(np.float32), small, interpolation=cv2.INTER_AREA) > 0
    coarse = cv2.inpaint(cv2.resize(rgb, small, interpolation=cv2.INTER_AREA), coarse_hidden.astype(np.uint8),
                         max(1, round(INPAINT_RADIUS / INPAINT_SCALE)), cv2.INPAINT_TELEA)
    out = rgb.copy()
    out[hidden] = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)[hidden]
    return out
