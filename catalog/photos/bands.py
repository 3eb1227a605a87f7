"""Stripes and checks read off the fabric's spectrum: geometry, where the look heads have nothing to learn from.

The pattern head learns from the shop's own photos, and a drawn shop teaches stripes poorly: none of the 4 real
striped shots was read striped. Stripes are parallel bands, so in a patch of the fabric the power of its colour
signal lies along one direction of the spectrum; checks put it along two crossing ones. A patch counts when its
colours differ enough for a shopper to see bands, and the bands repeat within it (one edge, a seam or the gap
between trouser legs, puts its power at the lowest frequencies; slow shading is taken out first). Patches lie
wholly inside the garment, with the garment scaled to two sizes: at the larger pinstripes show and a denim twill
has faded, as a shopper sees them on screen; at the smaller, broader bands. A garment is striped or checked when
enough of its patches are, at either size. Bands broader still are areas of colour (`regions`).
"""

from __future__ import annotations

from typing import Literal

import cv2
import numpy as np

from catalog.photos.mask import to_lab

Bands = Literal["striped", "checked"]

SCALES = (512, 256)          # the garment's long side the patches are cut at: fine bands, then broader ones
MAX_ZOOM = 2.0               # a small photo is enlarged at most this much
PATCH = 64                   # pixels on a side
STEP = 32
MIN_PATCHES = 8              # fewer patches fit inside the garment at a scale: that scale says nothing
SHADING_SIGMA = 6.0          # slow shading (folds, gathers) taken out before the spectrum, in pixels
MIN_CYCLES = 3               # cycles per patch below which power is shading or a single edge
NYQUIST_MARGIN = 0.96        # frequencies up to this share of the patch's Nyquist limit (the last ones alias)
MAX_CYCLES = NYQUIST_MARGIN * PATCH / 2
MIN_BAND_CYCLES = 6          # the strongest frequency across the bands: 6+ bands in a patch
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
# bins centred on their directions, so the wedge about an upright or level band is even on both sides
_ORIENTATION = np.floor((np.arctan2(_FY, _FX) % np.pi) / np.pi * ORIENTATION_BINS + 0.5).astype(int) % ORIENTATION_BINS
_RING_AT = np.flatnonzero(_RING)
_RING_ORIENTATION = _ORIENTATION.ravel()[_RING_AT]
_RING_RADIUS = np.round(_RADIUS).astype(int).ravel()[_RING_AT]
_RADII = int(_RING_RADIUS.max()) + 1
_WEDGE_SHIFTS = range(-(WEDGE_BINS // 2), WEDGE_BINS // 2 + 1)
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


def patch_bands(patches: np.ndarray) -> list[Literal["striped", "checked", "plain", "other"]]:
    """Each of N PATCH x PATCH Lab patches (N, PATCH, PATCH, 3): parallel bands, crossing ones, nothing visible that
    repeats, or a print. All patches are read at once: a garment has a hundred or so."""
    if not len(patches):
        return []
    signal = _main_axis(patches)
    low, high = np.percentile(signal.reshape(len(signal), -1), PERCENTILES, axis=1)
    signal = signal - np.stack([cv2.GaussianBlur(one, (0, 0), SHADING_SIGMA) for one in signal])
    power = (np.abs(np.fft.fft2(signal * _WINDOW, axes=(1, 2))) ** 2).reshape(len(signal), -1)[:, _RING_AT]
    wedges = _per_bin(power, _RING_ORIENTATION, ORIENTATION_BINS)
    wedges = sum(np.roll(wedges, shift, axis=1) for shift in _WEDGE_SHIFTS)
    wedges = wedges / np.maximum(wedges.sum(axis=1, keepdims=True) / WEDGE_BINS, np.finfo(np.float32).tiny)
    strongest = np.argmax(wedges, axis=1)
    rows = np.arange(len(signal))
    crossing = wedges[rows, (strongest + ORIENTATION_BINS // 2) % ORIENTATION_BINS]
    by_radius = _per_bin(power, _RING_ORIENTATION * _RADII + _RING_RADIUS, ORIENTATION_BINS * _RADII)
    by_radius = by_radius.reshape(len(signal), ORIENTATION_BINS, _RADII)
    along = sum(by_radius[rows, (strongest + shift) % ORIENTATION_BINS] for shift in _WEDGE_SHIFTS)
    cycles = np.argmax(along, axis=1)
    strongest_share = wedges[rows, strongest]
    return ["plain" if high[i] - low[i] < MIN_CONTRAST or cycles[i] < MIN_BAND_CYCLES
            else "striped" if strongest_share[i] >= STRIPE_WEDGE and crossing[i] < CROSS_WEDGE
            else "checked" if strongest_share[i] >= CHECK_WEDGE and crossing[i] >= CROSS_WEDGE
            else "other" for i in rows]


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
    lab = to_lab(rgb)
    corners = [(y, x) for y in range(0, size[1] - PATCH + 1, STEP) for x in range(0, size[0] - PATCH + 1, STEP)
               if inside[y:y + PATCH, x:x + PATCH].all()]
    if len(corners) < MIN_PATCHES:
        return None
    readings = patch_bands(np.stack([lab[y:y + PATCH, x:x + PATCH] for y, x in corners]))
    return readings.count("striped") / len(readings), readings.count("checked") / len(readings)


def _main_axis(patches: np.ndarray) -> np.ndarray:
    """Each patch's colours along their main axis: pink on white varies in lightness and in chroma at once."""
    colours = patches.reshape(len(patches), -1, 3).astype(np.float32)
    colours = colours - colours.mean(axis=1, keepdims=True)
    _, axes = np.linalg.eigh((colours.transpose(0, 2, 1) @ colours).astype(np.float64))
    return (colours @ axes[:, :, -1:].astype(np.float32)).reshape(patches.shape[:3])


def _per_bin(power: np.ndarray, bins: np.ndarray, count: int) -> np.ndarray:
    """Each patch's ring power summed per bin: (N, ring) by the ring's bin numbers -> (N, count)."""
    flat = (np.arange(len(power))[:, None] * count + bins[None, :]).ravel()
    return np.bincount(flat, power.ravel(), len(power) * count).reshape(len(power), count)
