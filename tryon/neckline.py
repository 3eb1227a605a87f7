"""Bare skin where a new top's neckline is more open than the old one's.

A V-neck, scoop or boat neck worn over a crew-neck T-shirt would leave the old collar and
yoke showing between the new shoulders. Worn for real, that opening shows the wearer's
neck and chest: those pixels (between the new shoulder seams, above the new garment, below
the chin, on the body and not already skin) are painted in the wearer's own skin colour,
sampled from their face and neck, under the light and folds of the photo.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.compose import Repaint, shading
from tryon.person import PersonAnalysis
from tryon.warp import Warped

SEAM_RISE = 0.08       # the seam line is lifted this share of shoulder width to take in the shoulder tops
NECK_DEPTH = 0.5       # a gap reaching deeper below the seam line than this share of shoulder width is not a
                       # neckline but a strapless or off-shoulder cut: no believable shoulders can be painted there
BELOW_CHIN = 0.15      # the old collar is looked for this share of the face's height below the chin (not a beard)
MIN_SKIN_SAMPLES = 30  # skin pixels needed to trust the sampled skin colour
FEATHER = 2.0          # px (working res) over which the painted skin blends into the photo


def neckline_gap(person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> np.ndarray:
    """Pixels (working res) of old clothing inside the new garment's neckline."""
    h, w = alpha.shape
    gap = np.zeros((h, w), bool)
    if warped.shoulders is None or person.face_box is None:
        return gap
    (lx, ly), (rx, ry) = warped.shoulders
    x0, x1 = int(max(0, min(lx, rx))), int(min(w, max(lx, rx) + 1))
    deepest = int(min(h, max(ly, ry) + NECK_DEPTH * abs(rx - lx) + 2))  # a gap reaching here is no neckline
    if x1 - x0 < 3 or deepest <= 0:
        return gap
    xs = np.arange(x0, x1, dtype=np.float32)
    seam_y = ly + (ry - ly) * (xs - lx) / (rx - lx if rx != lx else 1.0) - SEAM_RISE * abs(rx - lx)
    fx0, fy0, fx1, fy1 = person.face_box
    neck_top = fy1 + BELOW_CHIN * (fy1 - fy0)
    # under the face the old collar rises above the seam line, up to the neck; beside it is hair or room
    top = np.where((xs >= fx0) & (xs <= fx1), np.minimum(seam_y, neck_top), np.maximum(seam_y, neck_top))
    box = (slice(0, deepest), slice(x0, x1))
    rows = np.arange(deepest, dtype=np.float32)[:, None]
    covered = alpha[box] > 0.5
    above_garment = np.cumsum(covered, axis=0) == 0  # above the first garment pixel in each column
    found = (rows >= top[None, :]) & above_garment & covered.any(axis=0)[None, :] \
        & (person.mask[box] > 0.5) & ~person.skin[box]
    found = cv2.morphologyEx(found.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)).astype(bool)
    if found[-1].any():  # deeper than a neckline: a strapless or off-shoulder cut
        return gap
    gap[box] = found
    return gap


def _skin_colour(person: PersonAnalysis) -> np.ndarray | None:
    """The wearer's skin colour from the face and the neck under it: the median of the lit half,
    since the neck under the chin is in shadow and a chest facing the camera is not."""
    x0, y0, x1, y1 = person.face_box
    window = (slice(y0, y1 + (y1 - y0) // 2), slice(x0, x1))
    skin = person.skin[window] & (person.mask[window] > 0.5)
    if int(skin.sum()) < MIN_SKIN_SAMPLES:
        return None
    px = person.image[window][skin].astype(np.float32)
    lum = px @ np.array([0.299, 0.587, 0.114], np.float32)
    return np.median(px[lum >= np.median(lum)], axis=0)


def paint_skin(out: np.ndarray, person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> Repaint | None:
    """Paints the old clothing in the new neckline as skin, in place in `out` (the photo at input
    res), and says where (None when nothing was painted)."""
    gap = neckline_gap(person, warped, alpha)
    colour = _skin_colour(person) if gap.any() else None
    if colour is None:
        return None
    H, W = out.shape[:2]
    h, w = alpha.shape
    ys, xs = np.nonzero(gap)
    m = int(3 * FEATHER) + 2
    y0, y1, x0, x1 = max(0, ys.min() - m), min(h, ys.max() + m + 1), max(0, xs.min() - m), min(w, xs.max() + m + 1)
    grown = cv2.dilate(gap[y0:y1, x0:x1].astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32)
    soft = cv2.GaussianBlur(grown, (0, 0), FEATHER)
    light = shading(person.image[y0:y1, x0:x1], grown)  # the old garment's light and folds carry over
    sy, sx = H / h, W / w
    Y0, Y1, X0, X1 = int(y0 * sy), min(H, int(np.ceil(y1 * sy))), int(x0 * sx), min(W, int(np.ceil(x1 * sx)))
    if (H, W) != (h, w):
        soft = cv2.resize(soft, (X1 - X0, Y1 - Y0), interpolation=cv2.INTER_LINEAR)
        light = cv2.resize(light, (X1 - X0, Y1 - Y0), interpolation=cv2.INTER_LINEAR)
    soft[soft < 1.0 / 255] = 0.0
    layer = np.clip(colour[None, None, :] * light[..., None] + 0.5, 0, 255).astype(np.uint8)
    box = (slice(Y0, Y1), slice(X0, X1))
    photo = np.ascontiguousarray(out[box])
    np.copyto(out[box], cv2.blendLinear(photo, layer, 1.0 - soft, soft), where=(soft > 0)[..., None])
    return Repaint(box, soft)
