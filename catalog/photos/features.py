"""A garment photo as one vector, comparable by inner product, for finding similar products.

Its main block is the look (`catalog.photos.look`): an embedding by a network trained on real
photos. Beside it sit measured blocks for what shoppers mean by "like this": the colours (a
Lab histogram of the garment), where they sit (colour per cell of the garment's box: a graphic
on the chest, a colour-blocked hem), the silhouette (occupancy of the box) and the fabric's
surface (local binary patterns and edge orientations: stripes, checks, dots). They are
measured inside the garment mask, with the garment turned upright by its mirror axis and
scaled to one size, so background, scale, a tilt and JPEG change little.

Each block is unit length and weighted, so a product-to-product inner product is the
weighted mean of per-block cosines; a block can be left out of a query (a shopper who asks
"like this but in blue" does not want the photo's colour to count).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter
from skimage.feature import local_binary_pattern

from catalog.photos.look import LOOK_DIM
from catalog.photos.mask import GarmentMask

NORM_SIDE = 128                   # the garment's box is scaled so its long side is this many pixels
MAX_TILT_DEG = 15.0               # a garment tilted up to this much is turned upright first
TILT_STEP_DEG = 1.0
TILT_SIDE = 64                    # the mask's long side when its mirror symmetry is measured
ERODE_SHARE = 1 / 32              # the rim (shadow, anti-aliasing, backdrop bleed) left out of colour and texture
COLOUR_BINS = (4, 8, 8)           # L, a, b
COLOUR_RANGE = ((0.0, 100.0), (-64.0, 64.0), (-64.0, 64.0))
COLOUR_SMOOTH = 0.7               # histogram smoothing in bins: a colour near a bin edge counts on both sides
LAYOUT_CELLS = 3                  # a LAYOUT_CELLS x LAYOUT_CELLS grid over the garment's box
LAYOUT_BINS = (2, 3, 3)
SHAPE_GRID = 16
LBP_RINGS = ((8, 1.0), (16, 3.0))  # (points, radius) of the rotation-invariant local binary patterns
ORIENTATION_BINS = 8
BLOCK_WEIGHTS: dict[str, float] = {
    # tuned on the dev half of the real photos (bench.photo_search_real): the look carries most
    "colour": 0.18, "layout": 0.04, "shape": 0.04, "texture": 0.04, "look": 0.7,
}


@dataclass(frozen=True)
class Block:
    name: str
    start: int
    stop: int


def _block_sizes() -> dict[str, int]:
    lbp = sum(points + 2 for points, _ in LBP_RINGS)
    return {
        "colour": int(np.prod(COLOUR_BINS)),
        "layout": LAYOUT_CELLS * LAYOUT_CELLS * int(np.prod(LAYOUT_BINS)),
        "shape": SHAPE_GRID * SHAPE_GRID,
        "texture": lbp + ORIENTATION_BINS,
        "look": LOOK_DIM,
    }


def _blocks() -> tuple[Block, ...]:
    out, start = [], 0
    for name, size in _block_sizes().items():
        out.append(Block(name, start, start + size))
        start += size
    return tuple(out)


BLOCKS: tuple[Block, ...] = _blocks()
FEATURE_DIM = BLOCKS[-1].stop
LOOK = BLOCKS[-1]                 # last, so a photo's measured blocks can be computed apart from its look
HAND_DIM = LOOK.start


@dataclass(frozen=True)
class GarmentCrop:
    """The garment scaled to NORM_SIDE: colours, mask, and the inner part away from its rim."""

    rgb: np.ndarray
    lab: np.ndarray
    mask: np.ndarray
    inner: np.ndarray


def crop_garment(found: GarmentMask) -> GarmentCrop | None:
    """The garment turned upright and scaled into its box; None when there is no garment."""
    rgb, mask = _upright(found.rgb, found.mask.astype(np.uint8))
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return None
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    scale = NORM_SIDE / max(y1 - y0, x1 - x0)
    size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
    rgb = cv2.resize(rgb[y0:y1, x0:x1], size, interpolation=cv2.INTER_AREA)
    mask = cv2.resize(mask[y0:y1, x0:x1], size, interpolation=cv2.INTER_NEAREST)
    erode = max(1, int(NORM_SIDE * ERODE_SHARE))
    inner = cv2.erode(mask, np.ones((2 * erode + 1, 2 * erode + 1), np.uint8)).astype(bool)
    if not inner.any():
        inner = mask.astype(bool)
    return GarmentCrop(rgb, cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB), mask.astype(bool), inner)


def _upright(rgb: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Turn the garment so its mirror axis is vertical: garments are left-right symmetric, and that
    axis turns with the garment whatever its outline (unlike a bounding rectangle's)."""
    tilt, (cx, cy) = _symmetry_tilt(mask)
    if tilt == 0.0:
        return rgb, mask
    height, width = mask.shape
    turn = cv2.getRotationMatrix2D((cx, cy), tilt, 1.0)
    border = tuple(int(v) for v in np.median(rgb[[0, -1]].reshape(-1, 3), axis=0))
    return (cv2.warpAffine(rgb, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=border),
            cv2.warpAffine(mask, turn, (width, height), flags=cv2.INTER_NEAREST))


def _symmetry_tilt(mask: np.ndarray) -> tuple[float, tuple[float, float]]:
    """The turn (degrees, counter-clockwise) that best lines the mask up with its own mirror image,
    and the centre (full-size pixels) it turns about."""
    moments = cv2.moments(mask, binaryImage=True)
    if moments["m00"] == 0:
        return 0.0, (0.0, 0.0)
    centre = (moments["m10"] / moments["m00"], moments["m01"] / moments["m00"])
    shrink = TILT_SIDE / max(mask.shape)
    small = cv2.resize(mask.astype(np.float32), None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
    height, width = small.shape
    cx, cy = centre[0] * shrink, centre[1] * shrink
    best, best_overlap = 0.0, -1.0
    steps = np.arange(-MAX_TILT_DEG, MAX_TILT_DEG + TILT_STEP_DEG / 2, TILT_STEP_DEG)
    for tilt in sorted(steps, key=abs):   # on a tie the smaller turn wins
        turn = cv2.getRotationMatrix2D((cx, cy), float(tilt), 1.0)
        turned = cv2.warpAffine(small, turn, (width, height), flags=cv2.INTER_LINEAR)
        mirror = cv2.warpAffine(turned, np.float64([[-1, 0, 2 * cx], [0, 1, 0]]), (width, height),
                                flags=cv2.INTER_LINEAR)
        overlap = float(np.minimum(turned, mirror).sum())
        if overlap > best_overlap:
            best, best_overlap = float(tilt), overlap
    return best, centre


def measured_blocks(crop: GarmentCrop) -> np.ndarray:
    """The weighted, block-normalised measured part of a garment's vector (all blocks but the look)."""
    parts = {
        "colour": _colour_histogram(crop.lab[crop.inner]),
        "layout": _layout(crop),
        "shape": _shape(crop.mask),
        "texture": _texture(crop),
    }
    return np.concatenate([np.sqrt(BLOCK_WEIGHTS[b.name]) * _unit(parts[b.name]) for b in BLOCKS[:-1]]).astype(np.float32)


def look_of(vectors: np.ndarray) -> np.ndarray:
    """The unit look vector(s) inside whole garment vectors."""
    return vectors[..., LOOK.start:LOOK.stop] / np.sqrt(BLOCK_WEIGHTS[LOOK.name])


def garment_vector(measured: np.ndarray, look: np.ndarray) -> np.ndarray:
    """A garment's whole vector (unit length): its measured blocks and its unit look vector."""
    return np.concatenate([measured, np.sqrt(BLOCK_WEIGHTS[LOOK.name]) * look]).astype(np.float32)


def keep_blocks(vector: np.ndarray, names: frozenset[str]) -> np.ndarray:
    """The vector with only the named blocks left (the others zeroed), for a partial comparison."""
    out = np.zeros_like(vector)
    for block in BLOCKS:
        if block.name in names:
            out[block.start:block.stop] = vector[block.start:block.stop]
    return out


def _unit(values: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(values))
    return values / norm if norm > 0 else values


def _histogram(pixels: np.ndarray, bins: tuple[int, ...], smooth: float) -> np.ndarray:
    hist, _ = np.histogramdd(pixels.reshape(-1, 3), bins=bins, range=COLOUR_RANGE)
    if smooth:
        hist = gaussian_filter(hist, smooth, mode="constant")
    return np.sqrt(hist.ravel() / max(1.0, hist.sum()))


def _colour_histogram(pixels: np.ndarray) -> np.ndarray:
    return _histogram(pixels, COLOUR_BINS, COLOUR_SMOOTH)


def _layout(crop: GarmentCrop) -> np.ndarray:
    """A coarse colour histogram per cell of the garment's box, weighted by how much garment the cell holds."""
    cells = []
    for rows, cols in _cells(crop.inner.shape, LAYOUT_CELLS):
        inside = crop.inner[rows, cols]
        weight = np.sqrt(inside.mean()) if inside.size else 0.0
        cells.append(_histogram(crop.lab[rows, cols][inside], LAYOUT_BINS, 0.0) * weight)
    return np.concatenate(cells)


def _cells(shape: tuple[int, int], count: int) -> list[tuple[slice, slice]]:
    """A count x count grid over an image of `shape`, row by row."""
    rows = np.linspace(0, shape[0], count + 1).astype(int)
    cols = np.linspace(0, shape[1], count + 1).astype(int)
    return [(slice(rows[r], rows[r + 1]), slice(cols[c], cols[c + 1])) for r in range(count) for c in range(count)]


def _shape(mask: np.ndarray) -> np.ndarray:
    """Occupancy of the garment's box, centred in a square so the box's proportions count too; signed
    (-1 empty, +1 full), so the cosine of two outlines falls with every cell where they differ."""
    height, width = mask.shape
    side = max(height, width)
    square = np.zeros((side, side), np.float32)
    top, left = (side - height) // 2, (side - width) // 2
    square[top:top + height, left:left + width] = mask
    return 2.0 * cv2.resize(square, (SHAPE_GRID, SHAPE_GRID), interpolation=cv2.INTER_AREA).ravel() - 1.0


def _texture(crop: GarmentCrop) -> np.ndarray:
    """Fabric surface: rotation-invariant local binary patterns, and edge orientations (stripes, checks)."""
    grey = cv2.cvtColor(crop.rgb, cv2.COLOR_RGB2GRAY)
    parts = []
    for points, radius in LBP_RINGS:
        codes = local_binary_pattern(grey, points, radius, method="uniform")[crop.inner]
        hist = np.bincount(codes.astype(int), minlength=points + 2)[:points + 2].astype(np.float64)
        parts.append(np.sqrt(hist / max(1.0, hist.sum())))
    orientation = sum(_orientations(*_gradients(channel), crop.inner) for channel in cv2.split(crop.lab))
    parts.append(np.sqrt(orientation / max(1e-6, orientation.sum())))
    return np.concatenate(parts)


def _gradients(channel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return cv2.cartToPolar(cv2.Sobel(channel, cv2.CV_32F, 1, 0), cv2.Sobel(channel, cv2.CV_32F, 0, 1))


def _orientations(magnitude: np.ndarray, angle: np.ndarray, where: np.ndarray) -> np.ndarray:
    """Gradient energy by orientation (0..180 degrees), summed where `where` holds."""
    folded = ((angle[where] % np.pi) / np.pi * ORIENTATION_BINS).astype(int)
    return np.bincount(np.minimum(folded, ORIENTATION_BINS - 1), weights=magnitude[where], minlength=ORIENTATION_BINS)
