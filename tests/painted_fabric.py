"""Colour-blocked and boldly striped product shots made from real solid ones: ../shared has one real
colour-blocked shot and no bold (Breton) stripes.

The garment's own shading and edges are kept: each block or band takes a new colour with the photo's lightness
variation around it, so the seams are the only sharp colour steps, as in a sewn or woven garment."""

from __future__ import annotations

import cv2
import numpy as np

from catalog.photos.mask import garment_mask, to_lab

SLEEVE_SIDE = 0.22     # share of the garment's box width at each side taken as sleeves
TORSO_SPLIT = 0.5      # share of the box height above which the body is the first block


Rgb = tuple[int, int, int]


def colour_block(shot: np.ndarray, top: Rgb, bottom: Rgb, sleeves: Rgb | None = None) -> np.ndarray:
    """The shot (RGB) with its garment's upper body in `top`, lower body in `bottom` and sides in `sleeves`."""
    mask, (y0, y1, x0, x1), rows, cols = _garment(shot)
    regions = [(rows < y0 + TORSO_SPLIT * (y1 - y0), top), (rows >= y0 + TORSO_SPLIT * (y1 - y0), bottom)]
    if sleeves is not None:
        side = (cols < x0 + SLEEVE_SIDE * (x1 - x0)) | (cols > x1 - SLEEVE_SIDE * (x1 - x0))
        regions = [(where & ~side, colour) for where, colour in regions] + [(side, sleeves)]
    return _painted(shot, mask, regions)


def bold_stripes(shot: np.ndarray, ground: Rgb, band: Rgb, bands: int = 12) -> np.ndarray:
    """The shot with its garment in `ground`, crossed by `bands` horizontal bands of `band` down its height
    (a Breton tee has 10 to 20), each a third of the repeat."""
    mask, (y0, y1, _, _), rows, _ = _garment(shot)
    repeat = (y1 - y0) / bands
    banded = ((rows - y0) % repeat) < repeat / 3
    return _painted(shot, mask, [(~banded, ground), (banded, band)])


def _garment(shot: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int], np.ndarray, np.ndarray]:
    """The garment's mask at the shot's size, its box (y0, y1, x0, x1), and the row and column of each pixel."""
    height, width = shot.shape[:2]
    mask = cv2.resize(garment_mask(shot).mask.astype(np.uint8), (width, height),
                      interpolation=cv2.INTER_NEAREST).astype(bool)
    ys, xs = np.nonzero(mask)
    rows, cols = np.mgrid[0:height, 0:width]
    return mask, (ys.min(), ys.max(), xs.min(), xs.max()), rows, cols


def _painted(shot: np.ndarray, mask: np.ndarray, regions: list[tuple[np.ndarray, Rgb]]) -> np.ndarray:
    lab = to_lab(shot)
    shading = lab[..., 0] - np.median(lab[..., 0][mask])
    out = lab.copy()
    for where, colour in regions:
        target = cv2.cvtColor(np.float32([[colour]]) / 255.0, cv2.COLOR_RGB2LAB)[0, 0]
        pick = where & mask
        out[pick] = target
        out[..., 0][pick] = np.clip(target[0] + shading[pick], 0, 100)
    rgb = cv2.cvtColor(out, cv2.COLOR_LAB2RGB)
    return np.clip(rgb * 255.0 + 0.5, 0, 255).astype(np.uint8)
