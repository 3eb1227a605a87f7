"""The vocabulary of a construction drawing: panels, lines and dots in a unit square (x right,
y down), and the curve helpers every garment builder draws with.

Shapes stay vectors, not pixels, so one drawing serves every output size and edges stay
anti-aliased; overlay panels and shading lines may overshoot the silhouette because the
renderer clips them to the outline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

CX = 0.5


@dataclass(frozen=True)
class Panel:
    """A region painted over the garment: a collar, cuff, pocket or the neck's inside."""

    pts: np.ndarray
    fill: str = "base"           # base (the print) | solid | inner | label | lining
    shade: float = 1.0           # relative brightness, e.g. parts lying further back
    rib: float | None = None     # direction the knit ribs run (radians), None = no ribs
    raised: bool = False         # a separate layer: gets an edge line and a soft cast shadow
    outer: bool = False          # adds to the silhouette (hood, collar above the neck)


@dataclass(frozen=True)
class Line:
    """A seam, stitch row, fold, drawstring or zip."""

    pts: np.ndarray
    kind: str  # seam | stitch | crease | fold | shine | thread (contrast) | cord | zip | metal
    closed: bool = False


@dataclass(frozen=True)
class Dot:
    """A button, rivet or eyelet."""

    xy: tuple[float, float]
    r: float
    kind: str  # button | shank (metal jeans button) | rivet | eyelet


@dataclass
class Drawing:
    """Everything needed to paint one garment; `chest` is where a graphic print goes."""

    outline: list[np.ndarray] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    chest: tuple[float, float, float] = (CX, 0.32, 0.17)

    def panel(self, pts, fill="base", *, pair=False, **kw) -> None:
        for p in _maybe_pair(pts, pair):
            self.panels.append(Panel(p, fill, **kw))

    def line(self, pts, kind="seam", *, pair=False, closed=False) -> None:
        for p in _maybe_pair(pts, pair):
            self.lines.append(Line(p, kind, closed))

    def dot(self, xy, r, kind="button", *, pair=False) -> None:
        self.dots.append(Dot((float(xy[0]), float(xy[1])), r, kind))
        if pair:
            self.dots.append(Dot((1.0 - float(xy[0]), float(xy[1])), r, kind))

    def fitted(self, height: float = 0.8, width: float = 0.86) -> "Drawing":
        """Scale and centre so the garment fills the frame height the way catalogue shots do."""
        lo, hi = self.bounds()
        k = min(height / (hi[1] - lo[1]), width / (hi[0] - lo[0]))
        mid = (lo + hi) / 2
        return self.mapped(lambda p: (np.asarray(p, np.float64) - mid) * k + 0.5, k)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        pts = np.vstack(self.outline + [p.pts for p in self.panels if p.outer])
        return pts.min(axis=0), pts.max(axis=0)

    def mapped(self, tf: Callable[[np.ndarray], np.ndarray], scale: float = 1.0) -> "Drawing":
        """The same drawing under a similarity transform `tf` that scales lengths by `scale`."""
        return Drawing(
            outline=[tf(p) for p in self.outline],
            panels=[replace(p, pts=tf(p.pts)) for p in self.panels],
            lines=[replace(ln, pts=tf(ln.pts)) for ln in self.lines],
            dots=[Dot(tuple(float(v) for v in tf(d.xy)), d.r * scale, d.kind) for d in self.dots],
            chest=(*(float(v) for v in tf(self.chest[:2])), self.chest[2] * scale),
        )


def _maybe_pair(pts, pair: bool) -> list[np.ndarray]:
    p = np.asarray(pts, np.float64)
    return [p, mirror(p)] if pair else [p]


def bez(*ctrl, n: int = 16) -> np.ndarray:
    """A Bezier curve through its end points, sampled densely enough to look smooth."""
    p = np.asarray(ctrl, np.float64)
    k = len(p) - 1
    t = np.linspace(0.0, 1.0, n)[:, None]
    return sum(math.comb(k, i) * t ** i * (1 - t) ** (k - i) * p[i] for i in range(k + 1))


def poly(*parts) -> np.ndarray:
    return np.vstack([np.atleast_2d(np.asarray(p, np.float64)) for p in parts])


def mirror(pts) -> np.ndarray:
    q = np.array(pts, np.float64)
    q[..., 0] = 1.0 - q[..., 0]
    return q


def symmetric(half: np.ndarray) -> np.ndarray:
    """Close a right half running from top centre to bottom centre with its mirror image."""
    return np.vstack([half, mirror(half)[::-1]])


def through(a, m, b, n: int = 16) -> np.ndarray:
    """Quadratic curve from a to b passing through m at its middle."""
    a, m, b = (np.asarray(v, np.float64) for v in (a, m, b))
    return bez(a, 2 * m - (a + b) / 2, b, n=n)


def v2(x: float, y: float) -> np.ndarray:
    return np.array((x, y), np.float64)


def unit_vector(v: np.ndarray) -> np.ndarray:
    return v / np.hypot(*v)


def hline(y: float, x0: float, x1: float) -> np.ndarray:
    return np.array(((x0, y), (x1, y)))

