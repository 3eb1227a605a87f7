"""A sleeved top's front neckline read as the arc of its strongest edge, where neither shade nor a flooded outline
tells the inside back seen through it (`neckline.neck_lining`).

A crew-neck tee or a shirt shot from the front shows its inside back above the front's neckline: the back collar
band and the label sewn or printed there, of the front's own fabric. Left on the garment, worn, that band stood in
front of the shopper's throat with the label on it, the neck cut off in a straight line. The front neckline is a
curve from one side of the opening down to its dip and up to the other, its ends on the garment's top edge, and
the inside back above it lies in the collar's shadow: lightness rises across it going down. Of the half-ellipses
so placed, the one whose edge is strongest that way is the neckline; it is taken when the step across it is seen
at a glance along most of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tryon.garment.neck_label import neck_frame
from tryon.garment.neck_outline import OPENING_STEP
from tryon.shared.pixels import first_in_columns

# the back collar's top at the neck's column lies at most this share of the shoulder seams' span below the
# shoulders' tops (laid flat, it stands level with them or above): lower, the top edge there is the front's own
# neckline, no back seen through it (a print below it is the front's)
BACK_COLLAR_DROP = 0.05
# an opening's half-width and its depth below the top edge at its ends, as shares of the shoulder seams' span
ARC_HALF = (0.12, 0.46)
ARC_DEPTH = (0.03, 0.22)
ARC_STEPS = 0.01      # ... tried in steps of this share
ARC_SAMPLES = 41      # points read along each arc
# the share of an arc's half-width read, about its middle: its ends run into the garment's top edge, where
# every arc meets the outline's own edge
ARC_READ = 0.85
STEP_BAND = 3         # px each side of the arc over which the lightness step across it is measured
# the share of the arc along which that step is seen: a neckline's edge runs all along it; an arc laid across a
# smocked or printed front crosses its lines here and there
ARC_ALONG = 0.55


def front_neckline(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The inside back above the front neckline (from the garment's top edge down to the arc), or none."""
    none = np.zeros(m.shape, bool)
    frame = neck_frame(points)
    if frame is None:
        return none
    sw, cx, top = frame
    if top - (points["shoulder_l"][1] + points["shoulder_r"][1]) / 2 > BACK_COLLAR_DROP * sw:
        return none
    lum = cv2.cvtColor(cv2.GaussianBlur(rgb, (0, 0), 1.0), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    best = _strongest_arc(lum, m, sw, cx)
    if best is None:
        return none
    if _stepping(lum, *best.along(_READ)) < ARC_ALONG:
        return none
    region = _above(m, *best.along(np.linspace(-1.0, 1.0, 4 * ARC_SAMPLES)))
    # over the edge's own line of shade, or it stayed as a dark thread along the worn neckline
    return cv2.dilate(region.astype(np.uint8), np.ones((STEP_BAND, STEP_BAND), np.uint8)).astype(bool) & m


@dataclass(frozen=True)
class _Arc:
    """Half an ellipse hanging `depth` px below the line between its ends (`left`, `right`: x, y)."""

    left: tuple[float, float]
    right: tuple[float, float]
    depth: float

    def along(self, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Its points at `u` from -1 (the left end) to 1."""
        (xl, yl), (xr, yr) = self.left, self.right
        return xl + (xr - xl) * (u + 1) / 2, yl + (yr - yl) * (u + 1) / 2 + self.depth * np.sqrt(1 - u ** 2)

    def normals(self, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Its unit normals at `u` (inside the ends), pointing down across it."""
        (xl, yl), (xr, yr) = self.left, self.right
        slope = ((yr - yl) / 2 - self.depth * u / np.sqrt(1 - u ** 2)) / ((xr - xl) / 2)
        norm = np.hypot(slope, 1.0)
        return -slope / norm, 1.0 / norm


_READ = np.linspace(-ARC_READ, ARC_READ, ARC_SAMPLES)


def _arcs(m: np.ndarray, sw: float, cx: float):
    """Each candidate neckline: centred on the neck's column, its ends on the garment's top edge."""
    tops = np.where(m.any(axis=0), first_in_columns(m), m.shape[0])
    for half in np.arange(*ARC_HALF, ARC_STEPS) * sw:
        xl, xr = int(round(cx - half)), int(round(cx + half))
        if xl < 0 or xr >= m.shape[1] or tops[xl] >= m.shape[0] or tops[xr] >= m.shape[0]:
            continue
        for depth in np.arange(*ARC_DEPTH, ARC_STEPS) * sw:
            yield _Arc((float(xl), float(tops[xl])), (float(xr), float(tops[xr])), float(depth))


def _strongest_arc(lum: np.ndarray, m: np.ndarray, sw: float, cx: float) -> _Arc | None:
    """The arc (on the garment all along) across which lightness rises downwards the most, by its median."""
    gx = cv2.Sobel(lum, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(lum, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    best, best_rise = None, 0.0
    for arc in _arcs(m, sw, cx):
        xs, ys = arc.along(_READ)
        xi, yi = np.round(xs).astype(int), np.round(ys).astype(int)
        if yi.max() >= m.shape[0] or not m[yi, xi].all():
            continue
        nx, ny = arc.normals(_READ)
        rise = float(np.median(gx[yi, xi] * nx + gy[yi, xi] * ny))
        if rise > best_rise:
            best, best_rise = arc, rise
    return best


def _above(m: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The garment from its top edge down to the arc, in the arc's columns."""
    cols = np.arange(int(np.ceil(xs[0])), int(np.floor(xs[-1])) + 1)
    bottom = np.interp(cols, xs, ys)
    rows = np.arange(m.shape[0])[:, None]
    region = np.zeros(m.shape, bool)
    region[:, cols] = rows <= bottom[None, :]
    return region & m


def _stepping(lum: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> float:
    """The share of the arc's points where the garment just below it is lighter than just above it by a step seen
    at a glance (OPENING_STEP, medians over STEP_BAND px each side)."""
    seen = [np.median(lum[y + 2:y + STEP_BAND + 2, x]) - np.median(lum[max(0, y - STEP_BAND - 1):max(1, y - 1), x])
            >= OPENING_STEP for x, y in zip(np.round(xs).astype(int), np.round(ys).astype(int))]
    return float(np.mean(seen))
