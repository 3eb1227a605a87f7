"""The photo's light and folds under a garment, as a factor its colour is multiplied by (the light transfer).

Light changes lightness gradually and the cloth's own colour changes it in steps, so the old clothes' colour
blocks and prints are left out and only their light and folds carry over to the new garment.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.fft import dctn, idctn

from tryon.shared.boxes import enlarged_in

SHADE_MIN, SHADE_MAX = 0.88, 1.08
# added to lightness (0..255) before taking its log: the grain of a dark old garment is a large
# ratio of a small number, and must not become blotches on a light new one
SHADE_FLOOR = 40.0
# a change of log lightness steeper than this per pixel of the 4x smaller copy is the cloth's own
# colour changing (a seam between colour blocks, a print's edge), not light: light and folds
# change it by a few hundredths a pixel, a sewn-on dark sleeve by half of one
ALBEDO_STEP = 0.15


def _normalized_blur(values: np.ndarray, weight: np.ndarray, sigma: float,
                     prior: np.ndarray | None = None, prior_weight: float = 0.0) -> np.ndarray:
    """Weighted Gaussian mean: pixels with weight 0 are filled from their neighbours, or from
    `prior` where no neighbour within reach has weight (a large badge)."""
    num = cv2.GaussianBlur(values * weight, (0, 0), sigma)
    den = cv2.GaussianBlur(weight, (0, 0), sigma)
    if prior is not None:
        num, den = num + prior * prior_weight, den + prior_weight
    return num / np.maximum(den, 1e-4)


def shading(person_rgb: np.ndarray, region: np.ndarray, box: tuple[slice, slice] | None = None) -> np.ndarray:
    """The photo's relative shading (≈1 on average) inside `region` (a mask, or weights 0..1), over `box`
    alone when given (the whole frame's values there: its enlargement is made there alone).

    Light changes lightness gradually; the cloth's own colour changes it in steps (a dark sleeve
    sewn to a light body, a badge, a print's edge). In log lightness the steps are the steep
    gradients: those are dropped and the rest integrated back (a Poisson solve), which leaves the
    light and folds without the old garment's colour blocks, so they do not become blotches on
    the new garment. Folds are then taken relative to their broad surroundings."""
    h, w = person_rgb.shape[:2]
    f = 4  # all of it is smooth: work on a 4x smaller copy
    small = (max(1, w // f), max(1, h // f))
    lab = cv2.cvtColor(cv2.resize(person_rgb, small, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    weights = region.astype(np.float32) if region.dtype == bool else np.clip(region, 0, 1).astype(np.float32)
    inside = cv2.resize(weights, small, interpolation=cv2.INTER_AREA) > 0.5
    box = box or (slice(0, h), slice(0, w))
    if int(inside.sum()) < 4:
        return np.ones((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    light = _integrate_light(np.log(lab[..., 0].astype(np.float64) + SHADE_FLOOR), inside)
    weight = inside.astype(np.float32)
    broad = _normalized_blur(light, weight, max(2.0, 0.06 * max(small)))
    folds = _normalized_blur(light, weight, max(1.0, 0.012 * max(small)), prior=broad, prior_weight=0.15)
    # soften: fabric shading is gentler than the photo's texture
    shade = np.exp(0.5 * (folds - broad))
    return np.clip(enlarged_in(shade, (h, w), box), SHADE_MIN, SHADE_MAX)


def _integrate_light(log_lum: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """Log lightness with its steps removed: the field whose gradients best match the image's
    inside `inside`, with every gradient steeper than ALBEDO_STEP (or crossing the region's edge)
    taken as zero; solved in the cosine basis (Neumann borders)."""
    gx, gy = np.zeros_like(log_lum), np.zeros_like(log_lum)
    gx[:, :-1] = np.diff(log_lum, axis=1) * (inside[:, 1:] & inside[:, :-1])
    gy[:-1] = np.diff(log_lum, axis=0) * (inside[1:] & inside[:-1])
    gx[np.abs(gx) > ALBEDO_STEP] = 0.0
    gy[np.abs(gy) > ALBEDO_STEP] = 0.0
    div = gx + gy
    div[:, 1:] -= gx[:, :-1]
    div[1:] -= gy[:-1]
    rows, cols = log_lum.shape
    eig = ((2 * np.cos(np.pi * np.arange(rows) / rows) - 2)[:, None]
           + (2 * np.cos(np.pi * np.arange(cols) / cols) - 2)[None, :])
    eig[0, 0] = 1.0
    coef = dctn(div, type=2, norm="ortho") / eig
    coef[0, 0] = 0.0
    return idctn(coef, type=2, norm="ortho").astype(np.float32)
