"""Stripes and checks read off the fabric's spectrum: geometry, where the look heads have nothing to learn from.

The pattern head learns from the shop's own photos, and a drawn shop teaches stripes poorly: none of the 4 real
striped shots was read striped. Stripes are parallel bands, so in a patch of the fabric the power of its colour
signal lies along one direction of the spectrum; checks put it along two crossing ones. A patch counts when its
bands are visible (a colour contrast a shopper sees, not the shading of a gather) and repeat within it (one edge,
a seam or the gap between trouser legs, puts its power at the lowest frequencies). Patches lie wholly inside the
garment, with the garment scaled to two sizes: at the larger pinstripes show and a denim twill has faded, as a
shopper sees them on screen; at the smaller, broader bands. A garment is striped or checked when enough of its
patches are, at either size. Bands broader still are areas of colour (`regions`).
"""

from __future__ import annotations

from typing import Literal

import cv2
import numpy as np

Bands = Literal["striped", "checked"]

SCALES = (512, 256)          # the garment's long side the patches are cut at: fine bands, then broader ones
MAX_ZOOM = 2.0               # a small photo is enlarged at most this much
PATCH = 64                   # pixels on a side
STEP = 32
MIN_PATCHES = 8              # fewer patches fit inside the garment at a scale: that scale says nothing
SHADING_SIGMA = 6.0          # slow shading (folds, gathers) taken out before the spectrum, in pixels
MIN_CYCLES = 3               # cycles per patch below which power is shading or a single edge
MAX_CYCLES = 0.48 * PATCH    # just under the patch's Nyquist limit
MIN_BAND_CYCLES = 6          # the strongest frequency along the bands' direction: 6+ bands in a patch
MIN_CONTRAST = 12.0          # Lab units between the patch's 5th and 95th percentile along its main colour axis
ORIENTATION_BINS = 36        # 5 degrees each
WEDGE_BINS = 3               # a direction's wedge: 15 degrees
STRIPE_WEDGE = 0.5           # share of the patch's power in its strongest wedge for parallel bands
CROSS_WEDGE = 0.15           # share in the crossing wedge that makes them checks (stripes stay below it)
CHECK_WEDGE = 0.25           # the strongest wedge of a check, with the crossing one above CROSS_WEDGE
GARMENT_SHARE = 0.4          # share of a garment's patches that must be striped (or checked) at a scale
PERCENTILES = (5, 95)
RIM = np.ones((5, 5), np.uint8)   # the garment's edge, left out: a patch must not straddle it

# the patch's spectrum: each frequency's cycles per patch and direction
_rows, _cols = np.mgrid[0:PATCH, 0:PATCH]
_FY = np.where(_rows < PATCH // 2, _rows, _rows - PATCH)
_FX = np.where(_cols < PATCH // 2, _cols, _cols - PATCH)
_RADIUS = np.hypot(_FY, _FX)
_RING = (_RADIUS >= MIN_CYCLES) & (_RADIUS <= MAX_CYCLES)
_ORIENTATION = ((np.arctan2(_FY, _FX) % np.pi) / np.pi * ORIENTATION_BINS).astype(int) % ORIENTATION_BINS
_RADIUS_BIN = np.round(_RADIUS).astype(int)
_WINDOW = np.outer(np.hanning(PATCH), np.hanning(PATCH)).astype(np.float32)


def fabric_bands(picture: np.ndarray, where: np.ndarray) -> Bands | None:
    """Whether the garment in an RGB photo is striped or checked; None for anything else. `where` is the part of
    the photo to read (the garment's mask, at any size)."""
    shares = [share for side in SCALES if (share := _scale_shares(picture, where, side)) is not None]
    if any(checks >= GARMENT_SHARE for _, checks in shares):
        return "checked"
    if any(stripes >= GARMENT_SHARE for stripes, _ in shares):
        return "striped"
    return None


def patch_bands(lab: np.ndarray) -> Literal["striped", "checked", "plain", "other"]:
    """One PATCH x PATCH Lab patch: parallel bands, crossing ones, nothing visible that repeats, or a print."""
    signal = _main_axis(lab)
    low, high = np.percentile(signal, PERCENTILES)
    signal = signal - cv2.GaussianBlur(signal, (0, 0), SHADING_SIGMA)
    power = np.abs(np.fft.fft2(signal * _WINDOW)) ** 2
    ring = np.where(_RING, power, 0.0)
    wedges = np.bincount(_ORIENTATION.ravel(), ring.ravel(), ORIENTATION_BINS)
    wedges = sum(np.roll(wedges, shift) for shift in range(-(WEDGE_BINS // 2), WEDGE_BINS // 2 + 1))
    wedges = wedges / max(float(wedges.sum()) / WEDGE_BINS, 1e-9)
    strongest = int(np.argmax(wedges))
    crossing = float(wedges[(strongest + ORIENTATION_BINS // 2) % ORIENTATION_BINS])
    along = _RING & (np.abs((_ORIENTATION - strongest + ORIENTATION_BINS // 2) % ORIENTATION_BINS
                            - ORIENTATION_BINS // 2) <= WEDGE_BINS // 2)
    cycles = int(np.argmax(np.bincount(_RADIUS_BIN[along], power[along])))
    if high - low < MIN_CONTRAST or cycles < MIN_BAND_CYCLES:
        return "plain"
    if wedges[strongest] >= STRIPE_WEDGE and crossing < CROSS_WEDGE:
        return "striped"
    if wedges[strongest] >= CHECK_WEDGE and crossing >= CROSS_WEDGE:
        return "checked"
    return "other"


def _scale_shares(picture: np.ndarray, where: np.ndarray, side: int) -> tuple[float, float] | None:
    """(striped, checked) shares of the patches wholly inside `where` with the garment's long side at `side`."""
    height, width = picture.shape[:2]
    ys, xs = np.nonzero(where)
    if ys.size == 0:
        return None
    garment = max(ys.max() - ys.min() + 1, xs.max() - xs.min() + 1) * max(height, width) / max(where.shape)
    zoom = min(MAX_ZOOM, side / garment)
    size = (max(1, round(width * zoom)), max(1, round(height * zoom)))
    rgb = cv2.resize(picture, size, interpolation=cv2.INTER_AREA if zoom < 1 else cv2.INTER_LINEAR)
    inside = cv2.erode(cv2.resize(where.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST), RIM)
    lab = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    readings = [patch_bands(lab[y:y + PATCH, x:x + PATCH])
                for y in range(0, size[1] - PATCH + 1, STEP) for x in range(0, size[0] - PATCH + 1, STEP)
                if inside[y:y + PATCH, x:x + PATCH].all()]
    if len(readings) < MIN_PATCHES:
        return None
    return readings.count("striped") / len(readings), readings.count("checked") / len(readings)


def _main_axis(lab: np.ndarray) -> np.ndarray:
    """The patch's colours along their main axis: pink on white varies in lightness and in chroma at once."""
    colours = lab.reshape(-1, 3) - lab.reshape(-1, 3).mean(axis=0)
    _, _, axes = np.linalg.svd(colours, full_matrices=False)
    return (colours @ axes[0]).reshape(lab.shape[:2]).astype(np.float32)
