"""The thin-plate spline behind the warp, and the one-to-one check that picks its stiffness.

The spline maps body pixels back to garment pixels (numpy, evaluated on a coarse grid). The
stiffest setting that still follows the keypoints is not wanted; the most faithful one that
neither folds (Jacobian flips sign) nor tears (local area change far from the rest) is.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
from threadpoolctl import ThreadpoolController

from tryon.shared.boxes import around


def _kernel(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The spline's radial basis r² log r between every point of `a` and every point of `b`, and r².

    Built coordinate by coordinate: numpy reduces a length-2 inner axis far slower than it adds two
    planes; each plane from a contiguous copy of its column (a strided broadcast is slower), and in
    place after (every new table the grid's size costs its page faults). At r = 0 the basis is 0 (r²
    times a finite log)."""
    dx = np.subtract.outer(np.ascontiguousarray(a[:, 0]), b[:, 0])
    dy = np.subtract.outer(np.ascontiguousarray(a[:, 1]), b[:, 1])
    dx *= dx
    dy *= dy
    r2 = dx
    r2 += dy
    return _radial(r2, dy), r2


def _grid_kernel(ys: np.ndarray, xs: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`_kernel`'s basis between the grid of every x of `xs` on every y of `ys` (row by row) and the points
    `b`: each coordinate's squared offsets taken once per column or row, not once per grid point (the same
    values, summed alike)."""
    dx = np.subtract.outer(xs, b[:, 0])
    dy = np.subtract.outer(ys, b[:, 1])
    dx *= dx
    dy *= dy
    r2 = np.add(dx[None, :, :], dy[:, None, :]).reshape(len(ys) * len(xs), len(b))
    return _radial(r2, np.empty_like(r2))


def _radial(r2: np.ndarray, out: np.ndarray) -> np.ndarray:
    """r² log r from r², into `out`."""
    u = np.maximum(r2, np.finfo(np.float64).tiny, out=out)
    np.log(u, out=u)  # in place: the grid's table is large, and halving by 0.5 last rounds alike
    u *= r2
    u *= 0.5
    return u


def tps_fit(src: np.ndarray, dst: np.ndarray, reg: float = 1e-3):
    """Coefficients of f: src->dst (R^2->R^2) thin-plate spline; `reg` trades exact fit for smoothness."""
    n = src.shape[0]
    K, r2 = _kernel(src, src)
    scale = max(1.0, float(np.mean(np.sqrt(r2))) ** 2)
    K = K + reg * scale * np.eye(n)
    P = np.hstack([np.ones((n, 1)), src])
    A = np.zeros((n + 3, n + 3))
    A[:n, :n], A[:n, n:], A[n:, :n] = K, P, P.T
    b = np.zeros((n + 3, 2))
    b[:n] = dst
    return np.linalg.lstsq(A, b, rcond=None)[0]


def tps_eval(coef: np.ndarray, basis: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """The spline at `pts`, given `basis`, the kernel between `pts` and the fit's source points: the
    same for every stiffness tried, so built once."""
    n = basis.shape[1]
    return basis @ coef[:n] + coef[n] + pts @ coef[n + 1:]


# Stiffness of the thin-plate spline, tried from most faithful to most rigid: the first fit
# whose map keeps its orientation everywhere the garment shows (no fold, no flip) and
# stretches no part of it far more than the rest is used. The stiffest is nearly affine.
STIFFNESS = (1e-3, 1e-2, 0.1, 1.0, 100.0)
MAX_FOLD = 0.002       # share of garment grid cells allowed a non-positive Jacobian
MAX_STRETCH = 3.0      # p99 of local area change relative to its median
MAX_SHEAR = 2.25       # median ratio of the map's stretch along its two main directions


def gradients(mapped: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    """d(garment)/dx and d(garment)/dy of a backward map sampled on a grid, per grid cell."""
    return np.gradient(mapped, step, axis=1), np.gradient(mapped, step, axis=0)


def jacobian_det(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    """Determinant of d(garment)/d(body) per grid cell, from the map's `gradients`."""
    return gx[..., 0] * gy[..., 1] - gx[..., 1] * gy[..., 0]


def fold_and_stretch(det: np.ndarray, shows: np.ndarray) -> tuple[float, float]:
    """Share of garment cells whose orientation flips, and the spread of local area change."""
    if not shows.any():
        return 0.0, 1.0
    d = det[shows]
    fold = float((d <= 0).mean())
    pos = d[d > 0]
    if pos.size == 0:
        return fold, float("inf")
    ratio = np.median(pos) / pos
    high, low = np.percentile(ratio, [99, 1])  # one partition for both
    return fold, float(max(high, 1.0 / max(float(low), 1e-6)))


def shear(gx: np.ndarray, gy: np.ndarray) -> float:
    """How much more the map stretches one way than the other (ratio of the Jacobian's singular
    values, median over the garment, given the map's `gradients` there; 1 = shapes kept). A uniform
    scale keeps a print readable; pulling it three times wider than tall does not, however smooth the
    map is."""
    if not gx.size:
        return 1.0
    # plane by plane (numpy is slow along a last axis of 2): a sum of two rounds alike either way
    frob = (gx[:, 0] ** 2 + gx[:, 1] ** 2) + (gy[:, 0] ** 2 + gy[:, 1] ** 2)
    det = np.abs(gx[:, 0] * gy[:, 1] - gx[:, 1] * gy[:, 0])
    root = np.sqrt(np.maximum(frob ** 2 - 4.0 * det ** 2, 0.0))
    ratio = np.sqrt((frob + root) / np.maximum(frob - root, 1e-12))
    return float(np.percentile(ratio, 50))


@cache
def _blas() -> ThreadpoolController:
    """The BLAS libraries loaded, found once (finding them takes ~10 ms)."""
    return ThreadpoolController().select(user_api="blas")


def fit_grid(src: np.ndarray, dst: np.ndarray, alpha: np.ndarray, origin: tuple[int, int], shape: tuple[int, int],
             step: int, region: np.ndarray | None = None, measure_shear: bool = True
             ) -> tuple[np.ndarray, float, float, float]:
    """The most faithful backward map on the grid (`shape` points, `step` px apart from `origin`, x then y)
    that neither folds nor tears (see STIFFNESS), judged where the garment (`alpha`) shows, within `region`
    of the grid when given; with its fold, stretch and `shear` (1.0 unmeasured unless `measure_shear`: a
    sleeve's is not weighed)."""
    gh, gw = shape
    ah, aw = alpha.shape
    xs = np.arange(gw, dtype=np.float64) * step + origin[0]
    ys = np.arange(gh, dtype=np.float64) * step + origin[1]
    pts = np.stack([np.tile(xs, gh), np.repeat(ys, gw)], axis=1)
    basis = _grid_kernel(ys, xs, dst)
    # on this thread alone: the grid's product is large enough for OpenBLAS to split over both cores, and its
    # thread, once woken, spun on a core for some 20 ms after (the product itself takes well under one): the
    # core the render's helper threads work on
    with _blas().limit(limits=1):
        for reg in STIFFNESS:
            coef = tps_fit(dst, src, reg)
            mapped = tps_eval(coef, basis, pts).reshape(gh, gw, 2)
            xi = np.clip(np.round(mapped[..., 0]).astype(int), 0, aw - 1)
            yi = np.clip(np.round(mapped[..., 1]).astype(int), 0, ah - 1)
            inside = (mapped[..., 0] >= 0) & (mapped[..., 0] < aw) & (mapped[..., 1] >= 0) & (mapped[..., 1] < ah)
            shows = inside & (alpha[yi, xi] > 0.5)
            if region is not None:
                shows &= region
            gx, gy = gradients(mapped, float(step))
            fold, stretch = fold_and_stretch(jacobian_det(gx, gy), shows)
            if fold <= MAX_FOLD and stretch <= MAX_STRETCH:
                break
    # the shear is reported for the fit used, not weighed in choosing it: measured on that one alone
    return mapped, fold, stretch, shear(gx[shows], gy[shows]) if measure_shear else 1.0



def pixel_maps(mapped: np.ndarray, step: int, shape: tuple[int, int], box: tuple[slice, slice] | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """A backward map sampled every `step` px, upsampled to `shape` (h, w) as the fixed-point maps
    `cv2.remap` takes: made once for all the planes pulled through it (what remap would make of
    float maps on each call). Given `box`, the maps of that part of `shape` alone (each pixel's is
    converted on its own: the same as the whole's, cut)."""
    h, w = shape
    gh, gw = mapped.shape[:2]
    full = ((gw - 1) * step + 1, (gh - 1) * step + 1)
    box = box or (slice(0, h), slice(0, w))
    mx = cv2.resize(mapped[..., 0].astype(np.float32), full, interpolation=cv2.INTER_LINEAR)[:h, :w][box]
    my = cv2.resize(mapped[..., 1].astype(np.float32), full, interpolation=cv2.INTER_LINEAR)[:h, :w][box]
    return cv2.convertMaps(mx, my, cv2.CV_16SC2)



_REACH = np.ones((5, 5), np.uint8)  # two grid points either side


def content_box(plane: np.ndarray) -> tuple[slice, slice]:
    """The box of an image's (or a stack of planes') nonzero pixels, past which it reads as zeros: the whole
    image when it has none."""
    on = plane if plane.ndim == 2 else plane.any(axis=2)
    if not on.any():
        return slice(0, on.shape[0]), slice(0, on.shape[1])
    return around(on, 0)


def landing_box(mapped: np.ndarray, step: int, source: tuple[slice, slice], shape: tuple[int, int]
                ) -> tuple[slice, slice]:
    """The box of `shape` (h, w) outside which every pixel's backward map lands more than a pixel off
    `source`, the box of the source image that holds its nonzero pixels (`content_box`), where remap reads
    only zeros (those past it, or its zero border): the source is pulled across that box alone. A pixel's
    map blends the grid points round it (pixel_maps' resize runs up to a cell off the grid's own spacing),
    so it lies within their range over two grid points either side."""
    (y0, y1), (x0, x1) = (source[0].start, source[0].stop), (source[1].start, source[1].stop)
    # each plane's least and greatest over 5 x 5 grid points, the edge repeated past the grid (both planes at once)
    lo = cv2.erode(mapped, _REACH, borderType=cv2.BORDER_REPLICATE)
    hi = cv2.dilate(mapped, _REACH, borderType=cv2.BORDER_REPLICATE)
    near = (lo[..., 0] <= x1 + 1) & (hi[..., 0] >= x0 - 2) & (lo[..., 1] <= y1 + 1) & (hi[..., 1] >= y0 - 2)
    rows, cols = np.flatnonzero(near.any(axis=1)), np.flatnonzero(near.any(axis=0))
    h, w = shape
    if rows.size == 0:  # nothing lands: the whole frame, all zeros, as remap leaves it
        return slice(0, h), slice(0, w)
    return (slice(max(0, (int(rows[0]) - 1) * step), min(h, (int(rows[-1]) + 1) * step + 1)),
            slice(max(0, (int(cols[0]) - 1) * step), min(w, (int(cols[-1]) + 1) * step + 1)))
