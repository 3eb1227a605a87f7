"""Separate a garment from its backdrop in a photo: product shots, hangers, a bed, a screenshot.

The backdrop is whatever the frame's border shows: its colours are clustered, and a pixel
belongs to the garment when it is far (in Lab) from every backdrop colour. A garment lying
on a textured bed still differs from it by more than the bed's own spread; a landscape or
a room has no such backdrop, and its "foreground" then touches the border all round, which
is how a photo with nothing to search by is recognised later.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_SIDE = 256                 # the long side everything is measured at
BORDER_SHARE = 1 / 40           # border band width, as a share of the long side
BACKDROP_COLOURS = 3            # clusters that model the border (a sweep, a bed's two tones, a shadow)
BACKDROP_MIN_SHARE = 0.15       # a border colour rarer than this is the garment reaching the edge, not backdrop
SPREAD_QUANTILE = 0.9           # how far the border itself strays from its own clusters
SPREAD_FACTOR = 2.0             # a garment pixel is this many border spreads from the backdrop
DISTANCE_FLOOR = 9.0            # Lab distance; JPEG noise on a plain sweep stays below it
SWEEP_FLOOR = 3.0               # ... and off a model of the sweep's smooth light (`on_sweep`), which fits it closely
CLOSE_SHARE = 1 / 64            # closing kernel, as a share of the long side: seams and prints stay inside
PIECE_SHARE = 0.35              # another piece at least this share of the largest is a second garment
PIECE_MIN_FRAME = 0.01          # ... and at least this share of the frame (specks and buttons never count)


@dataclass(frozen=True)
class GarmentMask:
    """A photo at working size, the garment's mask in it, and how the separation went."""

    rgb: np.ndarray             # uint8 RGB, long side WORK_SIDE
    lab: np.ndarray             # float32 Lab (L 0..100) of `rgb`
    mask: np.ndarray            # bool, the largest garment piece with its holes filled
    scale: float                # working pixels per original pixel
    border_touch: float         # share of the frame's border the garment covers
    pieces: int                 # garment-sized pieces found (more than one: several garments)
    border: np.ndarray          # bool, the band along the frame the backdrop was learnt from
    plain_backdrop: bool        # the border is one even colour: the mask can be trusted as it is

    @property
    def coverage(self) -> float:
        return float(self.mask.mean())

    def box(self) -> tuple[int, int, int, int]:
        """(y0, y1, x0, x1) of the garment, or an empty box when there is none."""
        ys, xs = np.nonzero(self.mask)
        if ys.size == 0:
            return 0, 0, 0, 0
        return int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1


def to_lab(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)


def garment_mask(picture: np.ndarray) -> GarmentMask:
    """The garment in an RGB photo of any size, measured at WORK_SIDE."""
    height, width = picture.shape[:2]
    scale = WORK_SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    rgb = cv2.resize(picture, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    lab = to_lab(rgb)
    border = _border(lab.shape[:2])
    distance = _backdrop_distance(lab, border)
    mask, pieces, spread = _apart(distance, border, DISTANCE_FLOOR)
    plain = spread < DISTANCE_FLOOR
    touch = float(mask[border].mean()) if border.any() else 0.0
    return GarmentMask(rgb, lab, mask, scale, touch, pieces, border, plain)


def on_sweep(found: GarmentMask) -> np.ndarray | None:
    """The garment on a plain backdrop, told from a model of the sweep's smooth light rather than from its colours:
    a white tee on a white sweep differs from the sweep beside it by less than the sweep varies from corner to
    corner, and the backdrop mask kept only its print. None where the backdrop is not plain, or where the model
    finds no more of the garment than `found.mask`."""
    if not found.plain_backdrop:
        return None
    mask, _, _ = _apart(_sweep_distance(found.lab, found.border), found.border, SWEEP_FLOOR)
    return mask if mask.sum() > found.mask.sum() else None


def _apart(distance: np.ndarray, border: np.ndarray, floor: float) -> tuple[np.ndarray, int, float]:
    """The largest solid piece of what stands apart from the backdrop (farther from it than `floor` and than
    SPREAD_FACTOR times the border's own spread), how many pieces there were, and that spread."""
    spread = float(np.quantile(distance[border], SPREAD_QUANTILE))
    raw = (distance > max(floor, SPREAD_FACTOR * spread)).astype(np.uint8)
    close = max(3, int(WORK_SIDE * CLOSE_SHARE) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (close, close))
    solid = cv2.morphologyEx(cv2.morphologyEx(raw, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN, kernel)
    mask, pieces = _largest_piece(solid)
    return mask, pieces, spread


def _sweep_distance(lab: np.ndarray, border: np.ndarray) -> np.ndarray:
    """Each pixel's Lab distance to the backdrop modelled as a smooth surface (quadratic in x and y, per channel)
    fitted to the frame's border."""
    height, width = lab.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    xs, ys = xs / width - 0.5, ys / height - 0.5
    terms = np.stack([np.ones_like(xs), xs, ys, xs * xs, ys * ys, xs * ys], axis=-1)
    model = np.empty_like(lab)
    for channel in range(3):
        fitted, *_ = np.linalg.lstsq(terms[border], lab[..., channel][border], rcond=None)
        model[..., channel] = terms @ fitted
    return np.linalg.norm(lab - model, axis=2).astype(np.float32)


def silhouette_above(found: GarmentMask, box: tuple[float, float, float, float]) -> float:
    """How far the separated silhouette goes on straight up from the top of a box of the photo (x0, y0, x1, y1 in
    the photo's own px), in the box's heights: every column of the box's middle third, row by row up. A face printed
    on a garment has the garment above it; a wearer's head tops their silhouette, hair and all."""
    x0, y0, x1, y1 = (v * found.scale for v in box)
    third = (x1 - x0) / 3
    cols = found.mask[:, max(0, int(x0 + third)):max(0, int(x1 - third)) + 1]
    top = int(np.clip(y0, 0, cols.shape[0]))
    if cols.size == 0 or y1 <= y0 or top == 0:
        return 0.0
    whole = cols[:top].all(axis=1)[::-1]   # from the row above the box's top, upwards
    gaps = np.flatnonzero(~whole)
    return float(gaps[0] if gaps.size else top) / (y1 - y0)


def _border(shape: tuple[int, int]) -> np.ndarray:
    band = max(2, int(max(shape) * BORDER_SHARE))
    border = np.zeros(shape, bool)
    border[:band], border[-band:], border[:, :band], border[:, -band:] = True, True, True, True
    return border


def _backdrop_distance(lab: np.ndarray, border: np.ndarray) -> np.ndarray:
    """Each pixel's Lab distance to the nearest backdrop colour seen on the border."""
    samples = lab[border].reshape(-1, 3).astype(np.float32)
    clusters = min(BACKDROP_COLOURS, len(samples))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(0)
    _, labels, centres = cv2.kmeans(samples, clusters, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    shares = np.bincount(labels.ravel(), minlength=clusters) / len(labels)
    centres = centres[shares >= min(BACKDROP_MIN_SHARE, float(shares.max()))]
    flat = lab.reshape(-1, 3)
    nearest = np.min([np.linalg.norm(flat - c, axis=1) for c in centres], axis=0)
    return nearest.reshape(lab.shape[:2]).astype(np.float32)


def _largest_piece(binary: np.ndarray) -> tuple[np.ndarray, int]:
    """The largest connected piece with its holes filled, and how many pieces come near its size."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if count <= 1:
        return np.zeros(binary.shape, bool), 0
    areas = stats[1:, cv2.CC_STAT_AREA]
    largest = 1 + int(np.argmax(areas))
    pieces = int(np.count_nonzero((areas >= PIECE_SHARE * areas.max()) & (areas >= PIECE_MIN_FRAME * binary.size)))
    piece = (labels == largest).astype(np.uint8)
    contours, _ = cv2.findContours(piece, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(piece)
    cv2.drawContours(filled, contours, -1, 1, thickness=cv2.FILLED)
    return filled.astype(bool), max(1, pieces)
