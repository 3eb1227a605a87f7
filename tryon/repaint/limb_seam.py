"""A rebuilt arm meets the real skin beside it without a seam.

Painted in the shopper's tone (turning into the neck's up the upper arm) and lit from the old
clothing's light, a rebuilt upper arm met the real arm below a T-shirt's sleeve, or the bare deltoid
beside a tank's wide shoulder, at a step of colour and lightness along the old clothing's outline: a
flat slab with a hard edge. Here the difference between the real skin just outside the paint and the
paint just inside is read along where they meet, carried to every painted pixel from its nearest
point there and faded out with the distance from it, so the paint turns into the real skin where they meet
and keeps its own colour and light further in.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.boxes import around
from tryon.repaint.limb_light import OUTLINE_PX

# share of shoulder width: the band each side of the meeting line where both colours are read; about a
# finger's width, narrower than the upper arm, so the read stays on the arm next to the line
REACH = 0.05
# share of shoulder width: each side of the meeting line its colour is averaged over a square this far
# each way (a fold's or a freckle's colour is no step between the two), about half an upper arm's width
SPREAD = 0.1
# share of shoulder width: how far into the paint the difference carries, fading to nothing there (a
# smooth ramp, no edge where it ends); about two upper arms' width, so the seam's step turns into a
# smooth change of light across the arm's round and down it
FADE = 0.5
MIN_MEET = 20           # px of paint and of real skin where they meet that give their difference (fewer: a corner)
OWN_EDGE = 2            # px the real skin read keeps off the painted area's soft edge (mixed with the paint)


def meet_real(skin: np.ndarray, lab: np.ndarray, painted: np.ndarray, real: np.ndarray,
              shoulder_width: float) -> np.ndarray:
    """`skin` (RGB paint over a crop) with its `painted` pixels moved towards the colour of the photo's
    `real` bare skin (Lab `lab`, same crop) where the two meet; unchanged where they do not. Made in the
    box the carried difference reaches, its means read at the meeting line's pixels alone (from sums
    over the box): cheap on the crop."""
    # the real skin read inside its own outline (there it is mixed with the room, the cloth beside it or
    # its shadow) and off the paint's soft edge
    real = cv2.erode(real.astype(np.uint8), np.ones((2 * OUTLINE_PX + 1,) * 2, np.uint8)) > 0
    real &= ~(cv2.dilate(painted.astype(np.uint8), np.ones((2 * OWN_EDGE + 1,) * 2, np.uint8)) > 0)
    k = np.ones((2 * max(1, int(REACH * shoulder_width)) + 1,) * 2, np.uint8)
    seam = painted & (cv2.dilate(real.astype(np.uint8), k) > 0)
    beside = real & (cv2.dilate(painted.astype(np.uint8), k) > 0)
    if int(seam.sum()) < MIN_MEET or int(beside.sum()) < MIN_MEET:
        return skin
    fade = max(1.0, FADE * shoulder_width)
    box = around(seam, int(fade) + 1)
    seam, on = seam[box], painted[box]
    ys, xs = np.nonzero(seam)   # raster order, as the distance transform's labels count them
    py, px = np.nonzero(on)     # only the painted pixels are converted and moved
    half = max(1, int(SPREAD * shoulder_width))
    paint_lab = cv2.cvtColor(skin[box][py, px].reshape(-1, 1, 3), cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32)
    near, line = beside[box], seam[py, px]
    at = (_means_at(np.nonzero(near), lab[box][near].astype(np.float32), on.shape, ys, xs, half)
          - _means_at((py[line], px[line]), paint_lab[line], on.shape, ys, xs, half))
    # every painted pixel takes the difference at its nearest point of the meeting line
    dist, label = cv2.distanceTransformWithLabels((~seam).astype(np.uint8), cv2.DIST_L2, 3,
                                                  labelType=cv2.DIST_LABEL_PIXEL)
    share = np.clip(1.0 - dist[py, px] / fade, 0.0, 1.0) ** 2
    carried = (at[label[py, px] - 1] * share[:, None]).astype(np.float32)
    # smoothed over the paint: where the nearest point jumps from one stretch of the line to another
    # (the real arm beside, the hand below), the carried colour would step
    paint_lab += _means_at((py, px), carried, on.shape, py, px, half)
    out = skin.copy()
    moved = np.clip(paint_lab + 0.5, 0, 255).astype(np.uint8).reshape(-1, 1, 3)
    out[box][py, px] = cv2.cvtColor(moved, cv2.COLOR_LAB2RGB).reshape(-1, 3)
    return out


def _means_at(where: tuple[np.ndarray, np.ndarray], values: np.ndarray, shape: tuple[int, int],
              ys: np.ndarray, xs: np.ndarray, half: int) -> np.ndarray:
    """At each (ys, xs), the mean of the `values` (3 per pixel) given at the pixels `where` (rows, columns)
    that lie in the square `half` px each way: from one summed table of the values and their count."""
    h, w = shape
    plane = np.zeros((h, w, 4), np.float32)
    plane[where[0], where[1], :3] = values
    plane[where[0], where[1], 3] = 1.0
    table = cv2.integral(plane)
    y0, y1 = np.clip(ys - half, 0, h), np.clip(ys + half + 1, 0, h)
    x0, x1 = np.clip(xs - half, 0, w), np.clip(xs + half + 1, 0, w)
    got = table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]
    return got[:, :3] / np.maximum(got[:, 3:], 1.0)
