"""Front-view construction drawings of garments, one builder per category.

Builders return vector shapes in a unit square (x right, y down) instead of pixels, so
one drawing serves every output size and edges stay anti-aliased. Tops share `Cut`,
and bottoms share `Legs`, which keeps shoulders, armpits, waist, hem and leg ends at
consistent places: a try-on engine finds those keypoints from the contour.

Overlay panels and shading lines may overshoot the silhouette; the renderer clips them
to the outline, which keeps the geometry here short.
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


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.hypot(*v)


def hline(y: float, x0: float, x1: float) -> np.ndarray:
    return np.array(((x0, y), (x1, y)))


# ----------------------------------------------------------------------------- tops


@dataclass(frozen=True)
class Cut:
    """Proportions of a top in the unit square (half widths measured from the centre line)."""

    y0: float = 0.14          # where neck meets shoulder
    nw: float = 0.062         # half neck width
    sw: float = 0.215         # half shoulder width
    drop: float = 0.035       # shoulder slope
    bw: float = 0.2           # half width at the armpit
    arm: float = 0.35         # armpit height
    waist: float = 0.196
    waist_y: float = 0.56
    hw: float = 0.2           # half hem width
    hem: float = 0.84
    short_len: float = 0.15
    short_w: float = 0.068
    short_angle: float = 36.0  # degrees below horizontal
    long_dx: float = 0.085     # how far out the cuff sits beyond the armpit
    long_end: float = 0.02     # cuff height above the hem
    cuff_w: float = 0.048
    strap: float = 0.052       # shoulder width left by a sleeveless armhole


@dataclass(frozen=True)
class SleeveEnd:
    """The opening of a sleeve: centre, axis (pointing out of the sleeve) and half width."""

    c: np.ndarray
    u: np.ndarray
    n: np.ndarray
    w: float

    def band(self, length: float, over: float = 0.014) -> np.ndarray:
        a, b = self.c + self.n * (self.w + over), self.c - self.n * (self.w + over)
        return poly(a, b, b - self.u * length, a - self.u * length)

    def across(self, dist: float, over: float = 0.014) -> np.ndarray:
        off = self.c - self.u * dist
        return poly(off + self.n * (self.w + over), off - self.n * (self.w + over))

    def point(self, dist: float, side: float = 0.0) -> np.ndarray:
        return self.c - self.u * dist + self.n * self.w * side


@dataclass(frozen=True)
class Top:
    """Key points of the right half of a top, for placing details."""

    cut: Cut
    n: np.ndarray
    s: np.ndarray
    a: np.ndarray
    h: np.ndarray
    end: SleeveEnd | None


def _sleeve(s: np.ndarray, a: np.ndarray, kind: str, cut: Cut) -> tuple[np.ndarray, SleeveEnd]:
    m = (s + a) / 2
    if kind == "short":
        ang = math.radians(cut.short_angle)
        u = v2(math.cos(ang), math.sin(ang))
        c, w = m + u * cut.short_len, cut.short_w
    else:
        c = v2(a[0] + cut.long_dx, cut.hem - cut.long_end)
        u, w = _unit(c - m), cut.cuff_w
    n = v2(u[1], -u[0])
    o, i = c + n * w, c - n * w
    shoulder_dir = _unit(s - v2(CX + cut.nw, cut.y0))
    outer = bez(s, s + shoulder_dir * 0.03, s + (o - s) * 0.22 + n * 0.025, o)
    inner = bez(i, a + (i - a) * 0.55 + n * 0.006, a, n=10)
    return poly(outer, inner), SleeveEnd(c, u, n, w)


def top(d: Drawing, cut: Cut, sleeve: str, hem_curve: float = 0.0) -> Top:
    """Body and sleeves as one outline: the armpit notch stays a crisp keypoint."""
    n = v2(CX + cut.nw, cut.y0)
    h = v2(CX + cut.hw, cut.hem - hem_curve)
    if sleeve == "sleeveless":
        s = v2(CX + cut.nw + cut.strap, cut.y0 + cut.drop * 0.4)
        a = v2(CX + cut.bw, cut.arm + 0.025)
        arm_path = bez(s, s + v2(-0.004, 0.1), a + v2(-0.055, -0.004), a)
        end = None
    else:
        s = v2(CX + cut.sw, cut.y0 + cut.drop)
        a = v2(CX + cut.bw, cut.arm)
        arm_path, end = _sleeve(s, a, sleeve, cut)
    back = bez(v2(CX, cut.y0 + 0.012), v2(CX + cut.nw * 0.55, cut.y0 + 0.012), n, n=8)
    side = through(a, v2(CX + cut.waist, cut.waist_y), h)
    hem = bez(h, v2(CX + cut.hw * 0.45, cut.hem + hem_curve * 0.3), v2(CX, cut.hem), n=10)
    d.outline.append(symmetric(poly(back, arm_path, side, hem)))
    if end is not None:
        d.line(bez(s, (s + a) / 2 + v2(-0.012, 0.0), a, n=10), "seam", pair=True)
    return Top(cut, n, s, a, h, end)


def _neck_curve(nw: float, y0: float, depth: float, n: int = 18) -> np.ndarray:
    """Front neckline from the right neck point round to the left one."""
    k = depth / 0.75
    return bez(v2(CX + nw, y0), v2(CX + nw * 0.98, y0 + k), v2(CX - nw * 0.98, y0 + k), v2(CX - nw, y0), n=n)


def _vee(nw: float, y0: float, depth: float) -> np.ndarray:
    return poly(bez(v2(CX + nw, y0), v2(CX + nw * 0.6, y0 + depth * 0.45), v2(CX, y0 + depth), n=10),
                bez(v2(CX, y0 + depth), v2(CX - nw * 0.6, y0 + depth * 0.45), v2(CX - nw, y0), n=10))


def neck_inside(d: Drawing, cut: Cut, front: np.ndarray, label: bool = True) -> None:
    """The inside back of the neck, so the neckline reads as garment interior, not a hole."""
    d.panel(poly(v2(CX - cut.nw - 0.01, cut.y0 - 0.03), v2(CX + cut.nw + 0.01, cut.y0 - 0.03), front),
            "inner", shade=0.9)
    if label:
        y = cut.y0 + 0.016
        d.panel(poly((CX - 0.02, y), (CX + 0.02, y), (CX + 0.02, y + 0.018), (CX - 0.02, y + 0.018)), "label")


def crew_neck(d: Drawing, cut: Cut, depth: float = 0.055, band: float = 0.016, rib: bool = True,
              label: bool = True) -> None:
    inner = _neck_curve(cut.nw, cut.y0, depth)
    outer = _neck_curve(cut.nw + band, cut.y0 - 0.004, depth + band)
    neck_inside(d, cut, inner, label)
    d.panel(poly(outer, inner[::-1]), "solid" if rib else "base", rib=math.pi / 2 if rib else None)
    d.line(outer, "seam")
    d.line(_neck_curve(cut.nw + band + 0.008, cut.y0 - 0.004, depth + band + 0.008), "stitch")


def v_neck(d: Drawing, cut: Cut, depth: float, band: float = 0.0, label: bool = True) -> None:
    inner = _vee(cut.nw, cut.y0, depth)
    neck_inside(d, cut, inner, label)
    if band:
        outer = _vee(cut.nw + band, cut.y0 - 0.004, depth + band * 1.6)
        d.panel(poly(outer, inner[::-1]), "solid", rib=math.pi / 2)
        d.line(outer, "seam")


def sleeve_hem(d: Drawing, t: Top, kind: str = "stitch") -> None:
    """Hem or rib/cuff treatment at the sleeve end, mirrored to both sleeves."""
    if t.end is None:
        return
    e = t.end
    if kind == "stitch":
        d.line(e.across(0.018), "stitch", pair=True)
    elif kind == "rib":
        d.panel(e.band(0.05), "solid", rib=math.atan2(e.u[1], e.u[0]), pair=True)
        d.line(e.across(0.05), "seam", pair=True)
    elif kind == "cuff":
        d.panel(e.band(0.055), "base", raised=True, pair=True)
        d.dot(e.point(0.028, 0.55), 0.0075, pair=True)
    elif kind == "blazer":
        d.line(e.across(0.07), "stitch", pair=True)
        for k in range(3):
            d.dot(e.point(0.025 + k * 0.016, -0.45), 0.0055, pair=True)


def armhole_band(d: Drawing, t: Top, rib: bool) -> None:
    """Sleeveless tops finish the armhole with a band that follows its curve."""
    if t.end is not None:
        return
    s, a = t.s, t.a
    inner = bez(s + v2(-0.02, 0.004), s + v2(-0.024, 0.1), a + v2(-0.07, -0.02), a + v2(0.0, -0.02), n=14)
    outer = bez(s, s + v2(-0.004, 0.1), a + v2(-0.055, -0.004), a + v2(0.02, 0.0), n=14)
    d.panel(poly(outer, inner[::-1]), "solid" if rib else "base", rib=0.0 if rib else None, pair=True)
    d.line(inner, "seam" if rib else "stitch", pair=True)


def body_half(cut: Cut, y: float) -> float:
    """Half width of the body at height y, a little generous: lines across the body stop
    there instead of running on over sleeves hanging beside it."""
    return float(np.interp(y, (cut.arm, cut.waist_y, cut.hem), (cut.bw, cut.waist, cut.hw))) + 0.006


def band(y0: float, y1: float, half: float) -> np.ndarray:
    return poly((CX - half, y0), (CX + half, y0), (CX + half, y1), (CX - half, y1))


def hem_band(d: Drawing, cut: Cut, height: float = 0.05) -> None:
    top_y = cut.hem - height
    half = body_half(cut, top_y)
    d.panel(band(top_y, cut.hem + 0.02, half), "solid", rib=math.pi / 2)
    d.line(hline(top_y, CX - half, CX + half), "seam")


def hem_stitch(d: Drawing, cut: Cut, double: bool = True, curve: float = 0.0) -> None:
    half = body_half(cut, cut.hem)
    for off in ((0.018, 0.025) if double else (0.02,)):
        y = cut.hem - off
        d.line(bez((CX - half, y - curve), (CX, y + curve * 0.75), (CX + half, y - curve), n=12), "stitch")


def body_folds(d: Drawing, t: Top, rng: np.random.Generator, long_body: bool = False) -> None:
    """A few soft drape shadows: diagonal from the armpit, vertical towards the hem."""
    c = t.cut
    j = rng.uniform(-0.012, 0.012, 8)
    d.line(bez(t.a + v2(-0.015, 0.03), v2(CX + 0.12 + j[0], c.arm + 0.08), v2(CX + 0.06 + j[1], c.arm + 0.16), n=10),
           "fold")
    d.line(bez(v2(CX - c.bw + 0.02, c.arm + 0.05), v2(CX - 0.1 + j[2], c.arm + 0.1),
               v2(CX - 0.05 + j[3], c.arm + 0.2), n=10), "fold")
    for x, k in ((CX + 0.09 + j[4], 0), (CX - 0.11 + j[5], 1)):
        y1 = c.hem - 0.01
        y0 = y1 - (0.3 if long_body else 0.2) - 0.05 * k
        d.line(bez((x, y0), (x + j[6], (y0 + y1) / 2), (x + 0.015 * (1 - 2 * k), y1), n=8), "fold")
    if t.end is not None and t.end.u[1] > 0.8:
        e = t.end
        for k in range(2):
            p0 = e.point(0.12 + 0.14 * k, -0.6)
            d.line(poly(p0, p0 + e.n * 0.06 + e.u * 0.025), "fold", pair=True)
        d.line(poly(t.s + (t.a - t.s) * 0.5 + e.u * 0.08, e.point(0.08, 0.1)), "shine", pair=True)


def _collar_leaf(cut: Cut, spread: float, length: float) -> np.ndarray:
    """Right collar leaf: from the back of the neck round to its tip and in to the centre."""
    y0, nw = cut.y0, cut.nw
    back = v2(CX + nw * 0.45, y0 - 0.022)
    corner = v2(CX + nw + 0.016, y0 - 0.006)
    tip = v2(CX + nw * 0.35 + spread, y0 + length)
    meet = v2(CX + 0.003, y0 + 0.05)
    edge = bez(corner, corner + v2(0.006, 0.03), tip, n=10)
    tip_to_meet = bez(tip, (tip + meet) / 2 + v2(0.0, 0.004), meet, n=6)
    return poly(bez(back, back + v2(0.02, -0.002), corner, n=6), edge, tip_to_meet)


def collar(d: Drawing, cut: Cut, spread: float = 0.04, length: float = 0.095, fill: str = "base") -> None:
    """Pointed collar (woven, or flat rib knit for polos); the gap between the leaves shows the stand."""
    y0, nw = cut.y0, cut.nw
    d.panel(poly((CX - nw, y0 - 0.008), (CX + nw, y0 - 0.008), (CX + 0.003, y0 + 0.06), (CX - 0.003, y0 + 0.06)),
            "inner", shade=0.85, outer=True)
    stand = poly(bez((CX - nw * 0.5, y0 - 0.02), (CX, y0 - 0.03), (CX + nw * 0.5, y0 - 0.02), n=10),
                 (CX + nw * 0.45, y0 - 0.005), (CX, y0 - 0.012), (CX - nw * 0.45, y0 - 0.005))
    d.panel(stand, fill, shade=0.8, outer=True)
    leaf = _collar_leaf(cut, spread, length)
    d.panel(leaf, fill, shade=1.05, raised=True, outer=True, pair=True,
            rib=0.0 if fill == "solid" else None)


def placket(d: Drawing, cut: Cut, y_top: float, y_bottom: float, buttons: int, w: float = 0.018) -> None:
    d.panel(poly((CX - w, y_top), (CX + w, y_top), (CX + w, y_bottom), (CX - w, y_bottom)), "base",
            raised=True)
    d.line(poly((CX - w + 0.006, y_top), (CX - w + 0.006, y_bottom)), "stitch")
    d.line(poly((CX + w - 0.006, y_top), (CX + w - 0.006, y_bottom)), "stitch")
    for k in range(buttons):
        y = y_top + 0.022 + k * (y_bottom - y_top - 0.04) / max(1, buttons - 1)
        d.dot((CX, y), 0.0085)


def patch_pocket(d: Drawing, x: float, y: float, w: float, h: float, flap: bool = False, button: bool = False,
                 kind: str = "stitch") -> None:
    body = poly((x - w, y), (x + w, y), (x + w, y + h * 0.85), (x, y + h), (x - w, y + h * 0.85))
    d.panel(body, "base", raised=True)
    d.line(poly((x - w + 0.007, y + 0.006), (x - w + 0.007, y + h * 0.85 - 0.004), (x, y + h - 0.007),
                (x + w - 0.007, y + h * 0.85 - 0.004), (x + w - 0.007, y + 0.006)), kind)
    d.line(hline(y + 0.012, x - w, x + w), kind)
    if flap:
        fl = poly((x - w - 0.003, y - 0.008), (x + w + 0.003, y - 0.008), (x + w + 0.003, y + 0.03),
                  (x, y + 0.045), (x - w - 0.003, y + 0.03))
        d.panel(fl, "base", raised=True, shade=1.03)
        d.line(poly((x - w + 0.004, y + 0.026), (x, y + 0.038), (x + w - 0.004, y + 0.026)), kind)
        if button:
            d.dot((x, y + 0.03), 0.0075)


def flap_pocket(d: Drawing, x: float, y: float, w: float, h: float = 0.04, shade: float = 1.03) -> None:
    d.line(hline(y, x - w, x + w), "seam")
    d.panel(poly((x - w, y), (x + w, y), (x + w, y + h), (x - w, y + h)), "base", raised=True, shade=shade)


def lapels(d: Drawing, cut: Cut, break_y: float, width: float, peak_y: float) -> None:
    """Notched lapels rolling from the top button up into the collar; the V shows the lining."""
    y0, nw = cut.y0, cut.nw
    d.panel(poly((CX - nw, y0 - 0.01), (CX + nw, y0 - 0.01), (CX + 0.01, break_y), (CX - 0.01, break_y)),
            "lining", shade=0.9, outer=True)
    roll_top = v2(CX + nw * 0.5, y0 - 0.02)
    brk = v2(CX + 0.004, break_y)
    point = v2(CX + nw + width, peak_y)
    notch = point + v2(-0.032, -0.004)
    collar_tip = point + v2(-0.018, -0.04)
    shoulder = v2(CX + nw + 0.018, y0 - 0.004)
    lapel_edge = bez(brk, brk + (point - brk) * 0.45 + v2(0.012, 0.0), point, n=14)
    roll = bez(roll_top, roll_top + v2(-0.01, 0.06), brk + v2(-0.002, -0.1), brk, n=14)
    leaf = poly(lapel_edge, notch, collar_tip, shoulder, roll_top, roll)
    d.panel(poly(bez((CX - nw * 0.5, y0 - 0.02), (CX, y0 - 0.03), (CX + nw * 0.5, y0 - 0.02), n=10),
                 (CX + nw * 0.5, y0 + 0.004), (CX - nw * 0.5, y0 + 0.004)), "base", shade=0.82, outer=True)
    d.panel(leaf, "base", shade=1.05, raised=True, outer=True, pair=True)
    d.line(poly(notch, notch + (v2(CX + nw * 0.7, y0 + 0.03) - notch) * 0.6), "seam", pair=True)
    d.line(lapel_edge + v2(-0.006, 0.0), "stitch", pair=True)


def front_edge(d: Drawing, x: float, y_top: float, y_bottom: float) -> None:
    d.line(poly((x, y_top), (x, y_bottom)), "seam")
    d.line(poly((x - 0.006, y_top), (x - 0.006, y_bottom)), "stitch")


def _tshirt(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = Cut(hem=0.8)
    if sleeve == "sleeveless":
        cut = replace(cut, nw=0.075, strap=0.05)
    t = top(d, cut, sleeve)
    crew_neck(d, cut, depth=0.1 if sleeve == "sleeveless" else 0.055, band=0.014)
    sleeve_hem(d, t, "stitch")
    armhole_band(d, t, rib=False)
    hem_stitch(d, cut)
    body_folds(d, t, rng)
    d.chest = (CX, cut.y0 + 0.2, 0.2)


def _shirt(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), nw=0.055, sw=0.225, bw=0.21, waist=0.205, hw=0.21, hem=0.86, long_end=0.0,
                  short_len=0.14, strap=0.07)
    t = top(d, cut, sleeve, hem_curve=0.05)
    collar(d, cut)
    placket(d, cut, cut.y0 + 0.05, cut.hem + 0.01, 6)
    patch_pocket(d, CX + 0.09, cut.y0 + 0.14, 0.04, 0.1)
    sleeve_hem(d, t, "cuff" if sleeve == "long" else "stitch")
    armhole_band(d, t, rib=False)
    hem_stitch(d, cut, double=False, curve=0.035)
    body_folds(d, t, rng, long_body=True)
    d.chest = (CX - 0.095, cut.y0 + 0.2, 0.12)


def _blouse(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), nw=0.07, sw=0.19, bw=0.185, waist=0.17, waist_y=0.52, hw=0.21, hem=0.82,
                  short_len=0.12, short_w=0.078, short_angle=42, cuff_w=0.042, long_dx=0.08, strap=0.055)
    t = top(d, cut, sleeve, hem_curve=0.025)
    v_neck(d, cut, depth=0.13, label=False)
    d.line(_vee(cut.nw + 0.006, cut.y0, 0.136), "stitch")
    if variant % 2 == 0:
        _bow(d, v2(CX, cut.y0 + 0.13))
    for k in range(3):
        x = CX + cut.nw + 0.02 + k * 0.014
        d.line(poly((x, cut.y0 + 0.03 + k * 0.004), (x + 0.004, cut.y0 + 0.06)), "crease", pair=True)
    if t.end is not None and sleeve == "long":
        d.panel(t.end.band(0.035), "base", raised=True, pair=True)
    elif t.end is not None:
        d.line(t.end.across(0.02), "stitch", pair=True)
        d.line(t.end.across(0.05), "fold", pair=True)
    armhole_band(d, t, rib=False)
    hem_stitch(d, cut, double=False, curve=0.02)
    body_folds(d, t, rng, long_body=True)
    d.chest = (CX, cut.y0 + 0.26, 0.16)


def _bow(d: Drawing, at: np.ndarray) -> None:
    """A tied neck bow: two loops, a knot and two tails."""
    x, y = at
    loop = poly((x, y), bez((x, y), (x + 0.045, y - 0.045), (x + 0.075, y + 0.0), (x + 0.06, y + 0.025), n=10),
                bez((x + 0.06, y + 0.025), (x + 0.04, y + 0.035), (x, y + 0.008), n=8))
    tail = poly((x + 0.004, y + 0.012), bez((x + 0.012, y + 0.02), (x + 0.03, y + 0.07), (x + 0.04, y + 0.11), n=8),
                (x + 0.022, y + 0.115), bez((x + 0.02, y + 0.1), (x + 0.008, y + 0.05), (x - 0.004, y + 0.02), n=6))
    d.panel(tail, "base", raised=True, shade=0.96, pair=True)
    d.panel(loop, "base", raised=True, shade=1.05, pair=True)
    d.panel(poly((x - 0.012, y - 0.012), (x + 0.012, y - 0.012), (x + 0.01, y + 0.018), (x - 0.01, y + 0.018)),
            "base", raised=True, shade=0.95)


def _polo(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), nw=0.058, hem=0.82, short_len=0.135, strap=0.07)
    t = top(d, cut, sleeve)
    collar(d, cut, spread=0.045, length=0.085, fill="solid")
    placket(d, cut, cut.y0 + 0.05, cut.y0 + 0.19, 3 if variant % 2 else 2, w=0.02)
    sleeve_hem(d, t, "rib")
    armhole_band(d, t, rib=True)
    hem_stitch(d, cut)
    for x in (CX - cut.hw + 0.002, CX + cut.hw - 0.002):
        d.line(poly((x, cut.hem - 0.045), (x, cut.hem + 0.01)), "seam")
    body_folds(d, t, rng)
    d.chest = (CX + 0.095, cut.y0 + 0.15, 0.06)


def _sweater(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), nw=0.064, sw=0.225, bw=0.21, waist=0.205, hw=0.195, hem=0.84, cuff_w=0.043, long_end=0.0)
    t = top(d, cut, sleeve)
    if sleeve == "sleeveless":
        v_neck(d, cut, depth=0.16, band=0.016)
    else:
        crew_neck(d, cut, depth=0.058, band=0.02)
    sleeve_hem(d, t, "rib")
    armhole_band(d, t, rib=True)
    hem_band(d, cut, 0.055)
    body_folds(d, t, rng)
    d.chest = (CX, cut.y0 + 0.2, 0.2)


def _hoodie(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), y0=0.2, nw=0.07, sw=0.225, bw=0.215, arm=0.4, waist=0.21, waist_y=0.6, hw=0.2,
                  hem=0.9, cuff_w=0.045, long_end=0.0)
    t = top(d, cut, sleeve)
    y0 = cut.y0
    hood = poly(bez((CX - 0.14, y0 + 0.05), (CX - 0.17, y0 - 0.17), (CX + 0.17, y0 - 0.17), (CX + 0.14, y0 + 0.05),
                    n=24), (CX, y0 + 0.06))
    d.outline.append(hood)
    opening = poly(bez((CX, y0 + 0.12), (CX - 0.115, y0 + 0.05), (CX - 0.11, y0 - 0.1), (CX, y0 - 0.1), n=16),
                   bez((CX, y0 - 0.1), (CX + 0.11, y0 - 0.1), (CX + 0.115, y0 + 0.05), (CX, y0 + 0.12), n=16))
    d.panel(hood, "base", shade=0.9)
    d.panel(opening, "inner", shade=0.9)
    rim = bez((CX, y0 + 0.12), (CX + 0.13, y0 + 0.05), (CX + 0.125, y0 - 0.115), (CX, y0 - 0.115), n=16)
    d.line(rim, "stitch", pair=True)
    d.line(bez((CX - 0.005, y0 + 0.12), (CX + 0.12, y0 + 0.04), (CX + 0.11, y0 - 0.1), (CX, y0 - 0.1), n=16),
           "seam", pair=True)
    d.line(poly((CX, y0 + 0.12), (CX - 0.01, y0 + 0.135)), "seam")
    for side in (1, -1):
        x = CX + side * 0.036
        d.dot((x, y0 + 0.1), 0.008, "eyelet")
        d.line(bez((x, y0 + 0.1), (x + side * 0.004, y0 + 0.2), (x + side * rng.uniform(0.0, 0.012), y0 + 0.3), n=10),
               "cord")
    sleeve_hem(d, t, "rib")
    armhole_band(d, t, rib=True)
    hem_band(d, cut, 0.06)
    pocket_top, pocket_bottom = cut.hem - 0.25, cut.hem - 0.06
    pocket = poly((CX - 0.1, pocket_top), (CX + 0.1, pocket_top),
                  bez((CX + 0.1, pocket_top), (CX + 0.12, pocket_top + 0.09), (CX + 0.15, pocket_top + 0.11), n=8),
                  (CX + 0.15, pocket_bottom), (CX - 0.15, pocket_bottom),
                  bez((CX - 0.15, pocket_top + 0.11), (CX - 0.12, pocket_top + 0.09), (CX - 0.1, pocket_top), n=8))
    d.panel(pocket, "base", raised=True)
    d.line(poly((CX - 0.092, pocket_top + 0.008), (CX + 0.092, pocket_top + 0.008)), "stitch")
    opening = bez((CX + 0.1, pocket_top), (CX + 0.12, pocket_top + 0.09), (CX + 0.15, pocket_top + 0.11), n=8)
    d.line(opening + v2(-0.008, 0.0), "stitch", pair=True)
    d.line(opening + v2(0.006, -0.004), "fold", pair=True)
    body_folds(d, t, rng)
    d.chest = (CX, y0 + 0.3, 0.17)


def _cardigan(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), nw=0.068, sw=0.22, bw=0.205, waist=0.2, hw=0.2, hem=0.86, cuff_w=0.043, long_end=0.0)
    t = top(d, cut, sleeve)
    depth = 0.2
    v_neck(d, cut, depth=depth, label=False)
    y_v = cut.y0 + depth
    outer = _vee(cut.nw + 0.026, cut.y0 - 0.004, depth + 0.03)
    inner = _vee(cut.nw, cut.y0, depth)
    d.panel(poly(outer, inner[::-1]), "solid", rib=math.pi / 2)
    d.panel(poly((CX - 0.02, y_v), (CX + 0.02, y_v), (CX + 0.02, cut.hem + 0.02), (CX - 0.02, cut.hem + 0.02)),
            "solid", rib=math.pi / 2)
    d.line(outer, "seam")
    d.line(poly((CX + 0.02, y_v + 0.01), (CX + 0.02, cut.hem)), "seam")
    d.line(poly((CX - 0.02, y_v + 0.01), (CX - 0.02, cut.hem)), "seam")
    d.line(poly((CX + 0.002, y_v), (CX + 0.002, cut.hem)), "seam")
    for k in range(5):
        d.dot((CX, y_v + 0.03 + k * (cut.hem - y_v - 0.1) / 4), 0.0095)
    sleeve_hem(d, t, "rib")
    armhole_band(d, t, rib=True)
    hem_band(d, cut, 0.05)
    if variant % 2:
        patch_pocket(d, CX + 0.1, cut.hem - 0.2, 0.05, 0.11)
        patch_pocket(d, CX - 0.1, cut.hem - 0.2, 0.05, 0.11)
    body_folds(d, t, rng)
    d.chest = (CX + 0.1, cut.y0 + 0.22, 0.1)


def _jacket(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), nw=0.062, sw=0.23, bw=0.215, waist=0.212, hw=0.21, hem=0.8, cuff_w=0.05,
                  long_end=-0.04, strap=0.08)
    t = top(d, cut, sleeve)
    collar(d, cut, spread=0.06, length=0.1)
    zipped = variant % 2 == 0
    if zipped:
        d.line(poly((CX, cut.y0 + 0.05), (CX, cut.hem + 0.01)), "zip")
    else:
        placket(d, cut, cut.y0 + 0.05, cut.hem - 0.03, 5, w=0.022)
    half = body_half(cut, cut.hem - 0.05)
    d.panel(band(cut.hem - 0.05, cut.hem + 0.02, half), "base", shade=0.97)
    d.line(hline(cut.hem - 0.05, CX - half, CX + half), "seam")
    d.line(hline(cut.hem - 0.04, CX - half, CX + half), "stitch")
    for side in (1, -1):
        patch_pocket(d, CX + side * 0.1, cut.y0 + 0.13, 0.048, 0.1, flap=True, button=not zipped)
        d.line(poly((CX + side * 0.075, cut.hem - 0.21), (CX + side * 0.11, cut.hem - 0.09)), "seam")
        d.line(poly((CX + side * 0.082, cut.hem - 0.21), (CX + side * 0.117, cut.hem - 0.09)), "stitch")
    if t.end is not None:
        d.panel(t.end.band(0.05), "base", raised=True, pair=True)
        d.dot(t.end.point(0.025, 0.5), 0.0075, pair=True)
    armhole_band(d, t, rib=False)
    body_folds(d, t, rng)
    d.chest = (CX - 0.1, cut.y0 + 0.2, 0.08)


def _coat(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), y0=0.1, nw=0.06, sw=0.205, bw=0.19, arm=0.3, waist=0.18, waist_y=0.5, hw=0.23,
                  hem=0.95, long_dx=0.08, long_end=0.18, cuff_w=0.05, strap=0.09)
    t = top(d, cut, sleeve)
    belted = variant % 2 == 1
    lapels(d, cut, break_y=0.33, width=0.075, peak_y=0.22)
    front_edge(d, CX + 0.075, 0.33, cut.hem + 0.02)
    rows = (0.36, 0.44) if belted else (0.36, 0.46, 0.56)
    for y in rows:
        d.dot((CX + 0.05, y), 0.011, pair=True)
    for side in (1, -1):
        flap_pocket(d, CX + side * 0.12, 0.62, 0.055)
    if t.end is not None:
        d.line(t.end.across(0.06), "seam", pair=True)
        d.panel(poly(t.end.point(0.045, 1.3), t.end.point(0.045, -1.3), t.end.point(0.065, -1.3),
                     t.end.point(0.065, 1.3)), "base", raised=True, pair=True)
        d.dot(t.end.point(0.055, 0.7), 0.007, pair=True)
    armhole_band(d, t, rib=False)
    if belted:
        by = cut.waist_y
        half = body_half(cut, by)
        d.panel(band(by - 0.02, by + 0.02, half), "base", raised=True, shade=1.03)
        d.line(hline(by - 0.014, CX - half, CX + half), "stitch")
        d.line(hline(by + 0.014, CX - half, CX + half), "stitch")
        d.line(poly((CX - 0.03, by - 0.028), (CX + 0.03, by - 0.028), (CX + 0.03, by + 0.028),
                    (CX - 0.03, by + 0.028)), "metal", closed=True)
        d.line(poly((CX, by - 0.028), (CX, by + 0.028)), "metal")
    hem_stitch(d, cut, double=False)
    body_folds(d, t, rng, long_body=True)
    d.chest = (CX - 0.1, 0.3, 0.08)


def _blazer(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = replace(Cut(), y0=0.13, nw=0.058, sw=0.22, bw=0.205, arm=0.33, waist=0.185, waist_y=0.52, hw=0.205,
                  hem=0.84, long_dx=0.075, long_end=0.06, cuff_w=0.048, strap=0.09)
    t = top(d, cut, sleeve)
    brk = 0.48
    lapels(d, cut, break_y=brk, width=0.062, peak_y=cut.y0 + 0.13)
    low = cut.hem - 0.07
    gap = poly((CX + 0.004, low - 0.04), bez((CX + 0.004, low - 0.04), (CX + 0.01, cut.hem - 0.01),
                                            (CX + 0.07, cut.hem + 0.01), n=10),
               (CX - 0.07, cut.hem + 0.04), bez((CX - 0.07, cut.hem + 0.01), (CX - 0.01, cut.hem - 0.01),
                                               (CX - 0.004, low - 0.04), n=10))
    d.panel(gap, "lining", shade=0.85)
    d.line(poly((CX + 0.004, brk), (CX + 0.004, low - 0.04)), "seam")
    d.line(bez((CX + 0.004, low - 0.04), (CX + 0.01, cut.hem - 0.01), (CX + 0.07, cut.hem + 0.01), n=10), "seam")
    d.line(bez((CX - 0.004, low - 0.04), (CX - 0.01, cut.hem - 0.01), (CX - 0.07, cut.hem + 0.01), n=10), "seam")
    for y in (brk + 0.02, brk + 0.12):
        d.dot((CX - 0.008, y), 0.011)
    for side in (1, -1):
        flap_pocket(d, CX + side * 0.11, cut.hem - 0.17, 0.055, 0.035)
        d.line(poly((CX + side * 0.1, 0.37), (CX + side * 0.105, cut.hem - 0.18)), "seam")
    d.panel(poly((CX + 0.1, 0.33), (CX + 0.16, 0.325), (CX + 0.16, 0.337), (CX + 0.1, 0.342)), "base", raised=True)
    sleeve_hem(d, t, "blazer")
    armhole_band(d, t, rib=False)
    body_folds(d, t, rng)
    d.chest = (CX - 0.1, 0.34, 0.07)


def _dress(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = Cut(y0=0.08, nw=0.07, sw=0.16, drop=0.03, bw=0.15, arm=0.24, waist=0.115, waist_y=0.42, hw=0.115,
              hem=0.42, short_len=0.09, short_w=0.058, short_angle=48, long_dx=0.1, long_end=-0.14, cuff_w=0.038,
              strap=0.045)
    _upper_body(d, cut, sleeve)
    hem_y, hem_w = 0.93, 0.3
    skirt_side = bez((CX + cut.waist, cut.waist_y), (CX + 0.16, 0.6), (CX + hem_w, hem_y - 0.03), n=14)
    waves = [(CX + hem_w * (1 - k / 8), hem_y - 0.03 * (1 - k / 8) ** 2 + 0.008 * math.sin(k * 1.7))
             for k in range(9)]
    d.outline.append(symmetric(poly((CX, cut.waist_y - 0.02), (CX + cut.waist - 0.004, cut.waist_y - 0.02),
                                    skirt_side, waves)))
    _waist_seam(d, cut.waist_y, cut.waist)
    if variant % 2:
        v_neck(d, cut, 0.11, label=False)
    else:
        crew_neck(d, cut, depth=0.08, band=0.008, rib=False, label=False)
    for k, x in enumerate((-0.2, -0.1, 0.0, 0.11, 0.21)):
        j = rng.uniform(-0.01, 0.01)
        d.line(bez((CX + x * 0.4, cut.waist_y + 0.04), (CX + x * 0.8 + j, 0.66), (CX + x * 1.2 + j, hem_y - 0.04),
                   n=10), "fold" if k % 2 == 0 else "shine")
    d.line(bez((CX - hem_w + 0.01, hem_y - 0.045), (CX, hem_y + 0.005), (CX + hem_w - 0.01, hem_y - 0.045), n=16),
           "stitch")
    d.chest = (CX, 0.25, 0.12)


def _upper_body(d: Drawing, cut: Cut, sleeve: str) -> Top:
    """Fitted bodice for dresses and jumpsuits; the waist seam joins it to the lower half."""
    t = top(d, cut, sleeve)
    if t.end is not None:
        d.line(t.end.across(0.016), "stitch", pair=True)
    armhole_band(d, t, rib=False)
    d.line(poly((CX + 0.075, cut.arm + 0.02), (CX + 0.07, cut.waist_y - 0.01)), "seam", pair=True)
    return t


def _waist_seam(d: Drawing, y: float, w: float) -> None:
    d.line(bez((CX - w - 0.004, y), (CX, y + 0.006), (CX + w + 0.004, y), n=10), "seam")


def _jumpsuit(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    cut = Cut(y0=0.07, nw=0.068, sw=0.16, drop=0.03, bw=0.15, arm=0.2, waist=0.125, waist_y=0.36, hw=0.125,
              hem=0.37, short_len=0.09, short_w=0.058, short_angle=48, long_dx=0.1, long_end=-0.15, cuff_w=0.038,
              strap=0.048)
    _upper_body(d, cut, sleeve)
    legs = Legs(top=cut.waist_y - 0.02, band=0.02, waist=cut.waist - 0.004, hip=0.158, hip_y=0.5, crotch=0.53,
                hem=0.95, hem_out=0.16, hem_in=0.035)
    _leg_outline(d, legs)
    v_neck(d, cut, 0.13, label=False)
    _waist_seam(d, cut.waist_y, cut.waist)
    belt_y = cut.waist_y + 0.005
    d.panel(band(belt_y - 0.013, belt_y + 0.013, cut.waist + 0.012), "base", raised=True, shade=1.04)
    d.panel(poly((CX + 0.02, belt_y), (CX + 0.05, belt_y + 0.12), (CX + 0.035, belt_y + 0.125),
                 (CX + 0.008, belt_y + 0.01)), "base", raised=True, shade=0.98)
    _leg_details(d, legs, rng, crease=True)
    d.line(poly((CX, legs.top + 0.04), (CX, legs.crotch - 0.02)), "seam")
    d.chest = (CX, 0.22, 0.11)


# -------------------------------------------------------------------------- bottoms


@dataclass(frozen=True)
class Legs:
    """Proportions of trousers/shorts: waistband top, hip, crotch and leg-end positions."""

    top: float = 0.06
    band: float = 0.04
    waist: float = 0.165
    hip: float = 0.185
    hip_y: float = 0.28
    crotch: float = 0.37
    hem: float = 0.94
    hem_out: float = 0.17     # x offset of a leg's outer hem corner
    hem_in: float = 0.03      # x offset of a leg's inner hem corner


def _leg_outline(d: Drawing, g: Legs) -> None:
    y1 = g.top + g.band
    out_side = bez((CX + g.waist, y1), (CX + g.hip, y1 + (g.hip_y - y1) * 0.55), (CX + g.hip, g.hip_y), n=10)
    outseam = poly((CX + g.hip, g.hip_y), (CX + g.hem_out, g.hem))
    inseam = bez((CX + g.hem_in, g.hem), (CX + g.hem_in * 0.7, (g.crotch + g.hem) / 2), (CX + 0.004, g.crotch + 0.01),
                 (CX, g.crotch), n=12)
    d.outline.append(symmetric(poly((CX, g.top), (CX + g.waist, g.top), out_side, outseam, inseam)))


def _waistband(d: Drawing, g: Legs, loops: bool = True, kind: str = "stitch") -> None:
    y1 = g.top + g.band
    d.panel(poly((CX - 0.3, g.top - 0.02), (CX + 0.3, g.top - 0.02), (CX + 0.3, y1), (CX - 0.3, y1)), "base",
            shade=1.03)
    d.line(hline(y1, CX - 0.3, CX + 0.3), "seam")
    d.line(hline(g.top + 0.006, CX - 0.3, CX + 0.3), kind)
    d.line(hline(y1 - 0.006, CX - 0.3, CX + 0.3), kind)
    if loops:
        for x in (0.07, g.waist - 0.025):
            lp = poly((CX + x - 0.008, g.top - 0.004), (CX + x + 0.008, g.top - 0.004),
                      (CX + x + 0.008, y1 + 0.012), (CX + x - 0.008, y1 + 0.012))
            d.panel(lp, "base", raised=True, shade=1.05, pair=True)
    d.dot((CX - 0.004, g.top + g.band / 2), 0.011, "shank" if kind == "thread" else "button")


def _fly(d: Drawing, g: Legs, kind: str = "stitch") -> None:
    y1 = g.top + g.band
    depth = min(0.17, (g.crotch - y1) * 0.75)
    d.line(poly((CX - 0.003, y1), (CX - 0.003, g.crotch - 0.02)), "seam")
    d.line(poly((CX + 0.038, y1), *bez((CX + 0.038, y1 + depth - 0.03), (CX + 0.036, y1 + depth + 0.01),
                                       (CX, y1 + depth + 0.012), n=8)), kind)


def _leg_details(d: Drawing, g: Legs, rng: np.random.Generator, crease: bool, kind: str = "stitch") -> None:
    for side in (1, -1):
        mid_top = CX + side * (g.hip * 0.55)
        mid_hem = CX + side * (g.hem_out + g.hem_in) / 2
        if crease:
            d.line(poly((mid_top, g.hip_y - 0.04), (mid_hem, g.hem - 0.004)), "crease")
        j = rng.uniform(-0.01, 0.01)
        knee = g.crotch + (g.hem - g.crotch) * 0.4
        d.line(poly((mid_hem - side * 0.03, knee + j), (mid_hem + side * 0.02, knee + 0.02 + j)), "fold")
        d.line(poly((CX + side * 0.012, g.crotch - 0.01), (CX + side * 0.05, g.crotch + 0.03)), "fold")
        d.line(poly((CX + side * (g.hem_in - 0.01), g.hem - 0.018), (CX + side * (g.hem_out + 0.01), g.hem - 0.018)),
               kind)


def _trousers(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    g = Legs(hem_in=0.038)
    _leg_outline(d, g)
    _waistband(d, g)
    _fly(d, g)
    for side in (1, -1):
        d.line(poly((CX + side * 0.115, g.top + g.band), (CX + side * (g.hip - 0.004), g.top + 0.17)), "seam")
        d.line(poly((CX + side * 0.111, g.top + g.band + 0.008), (CX + side * (g.hip - 0.01), g.top + 0.176)),
               "fold")
    _leg_details(d, g, rng, crease=True)
    d.chest = (CX - 0.1, 0.28, 0.09)


def _jeans(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    g = Legs(waist=0.16, hip=0.18, hip_y=0.27, crotch=0.35, hem_out=0.15, hem_in=0.04)
    _leg_outline(d, g)
    _waistband(d, g, kind="thread")
    _fly(d, g, kind="thread")
    y1 = g.top + g.band
    for side in (1, -1):
        scoop = bez((CX + side * 0.07, y1), (CX + side * 0.08, y1 + 0.1), (CX + side * (g.hip - 0.002), y1 + 0.11),
                    n=12)
        d.line(scoop, "seam")
        d.line(scoop + v2(side * 0.004, 0.008), "thread")
        d.line(scoop + v2(side * 0.008, 0.015), "thread")
        d.dot(scoop[-1] + v2(-side * 0.012, 0.004), 0.0065, "rivet")
        d.dot(scoop[0] + v2(side * 0.006, 0.012), 0.0065, "rivet")
        d.line(poly((CX + side * (g.hip - 0.018), g.hip_y), (CX + side * (g.hem_out - 0.014), g.hem - 0.03)),
               "shine")
    coin = poly((CX - 0.155, y1 + 0.008), (CX - 0.1, y1 + 0.008), (CX - 0.1, y1 + 0.048), (CX - 0.155, y1 + 0.048))
    d.panel(coin, "base", raised=True)
    d.line(coin[:2] + v2(0.0, 0.008), "thread")
    for k in range(3):
        a = (CX + 0.03 + 0.014 * k, g.crotch - 0.07 + 0.01 * k)
        d.line(poly(a, (a[0] + 0.06, a[1] - 0.02 - 0.008 * k)), "shine", pair=True)
    _leg_details(d, g, rng, crease=False, kind="thread")
    for side in (1, -1):
        d.line(poly((CX + side * (g.hem_in - 0.01), g.hem - 0.026), (CX + side * (g.hem_out + 0.01), g.hem - 0.026)),
               "thread")
    d.chest = (CX - 0.1, 0.3, 0.08)


def _shorts(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    g = Legs(top=0.2, band=0.045, waist=0.18, hip=0.2, hip_y=0.36, crotch=0.54, hem=0.74, hem_out=0.225, hem_in=0.032)
    _leg_outline(d, g)
    _waistband(d, g)
    _fly(d, g)
    y1 = g.top + g.band
    for side in (1, -1):
        d.line(poly((CX + side * 0.12, y1), (CX + side * (g.hip - 0.004), y1 + 0.13)), "seam")
        hem_line = poly((CX + side * (g.hem_in - 0.02), g.hem - 0.045), (CX + side * (g.hem_out + 0.02), g.hem - 0.045))
        d.line(hem_line, "seam")
        d.panel(poly((CX + side * (g.hem_in - 0.02), g.hem - 0.045), (CX + side * (g.hem_out + 0.03), g.hem - 0.045),
                     (CX + side * (g.hem_out + 0.03), g.hem + 0.02), (CX + side * (g.hem_in - 0.02), g.hem + 0.02)),
                "base", shade=1.04)
        d.line(poly((CX + side * 0.012, g.crotch - 0.01), (CX + side * 0.05, g.crotch + 0.03)), "fold")
    d.chest = (CX - 0.11, 0.42, 0.09)


def _skirt(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    top_y, band, waist, hem_y, hem_w = 0.12, 0.045, 0.17, 0.86, 0.29
    side = bez((CX + waist, top_y + band), (CX + waist + 0.03, 0.35), (CX + hem_w, hem_y - 0.02), n=14)
    hem = bez((CX + hem_w, hem_y - 0.02), (CX + hem_w * 0.5, hem_y + 0.02), (CX, hem_y + 0.02), n=12)
    d.outline.append(symmetric(poly((CX, top_y), (CX + waist, top_y), side, hem)))
    d.panel(poly((CX - 0.3, top_y - 0.02), (CX + 0.3, top_y - 0.02), (CX + 0.3, top_y + band),
                 (CX - 0.3, top_y + band)), "base", shade=1.03)
    d.line(hline(top_y + band, CX - 0.3, CX + 0.3), "seam")
    d.line(hline(top_y + band - 0.007, CX - 0.3, CX + 0.3), "stitch")
    d.dot((CX + waist - 0.035, top_y + band / 2), 0.01)
    d.line(poly((CX + waist - 0.05, top_y + band), (CX + waist - 0.05, top_y + band + 0.15)), "stitch")
    for k, x in enumerate((-0.16, -0.06, 0.05, 0.15)):
        j = rng.uniform(-0.01, 0.01)
        d.line(bez((CX + x * 0.5, top_y + band + 0.08), (CX + x * 0.85 + j, 0.5), (CX + x * 1.35 + j, hem_y - 0.02),
                   n=10), "fold" if k % 2 == 0 else "shine")
    d.line(bez((CX - hem_w + 0.01, hem_y - 0.04), (CX, hem_y + 0.0), (CX + hem_w - 0.01, hem_y - 0.04), n=14),
           "stitch")
    d.chest = (CX + 0.1, 0.62, 0.1)


BUILDERS: dict[str, Callable[[Drawing, str, np.random.Generator, int], None]] = {
    "t-shirt": _tshirt, "shirt": _shirt, "blouse": _blouse, "polo": _polo, "sweater": _sweater,
    "hoodie": _hoodie, "cardigan": _cardigan, "jacket": _jacket, "coat": _coat, "blazer": _blazer,
    "dress": _dress, "skirt": _skirt, "trousers": _trousers, "jeans": _jeans, "shorts": _shorts,
    "jumpsuit": _jumpsuit,
}

DEFAULT_SLEEVE: dict[str, str] = {
    "t-shirt": "short", "shirt": "long", "blouse": "long", "polo": "short", "sweater": "long",
    "hoodie": "long", "cardigan": "long", "jacket": "long", "coat": "long", "blazer": "long",
    "dress": "sleeveless", "jumpsuit": "sleeveless",
}


def drawing(category: str, sleeve: str | None, rng: np.random.Generator, variant: int) -> Drawing:
    """The fitted construction drawing of one garment (sleeve ignored for bottoms)."""
    d = Drawing()
    BUILDERS[category](d, sleeve or DEFAULT_SLEEVE.get(category, "short"), rng, variant)
    return d.fitted()
