"""The parts tops, dresses and jumpsuits share: the `Cut` (proportions that keep shoulders,
armpits, waist and hem where a try-on engine looks for them), the body with its sleeves,
and the trims drawn on it (necklines, hems, collars, plackets, pockets, lapels).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from catalog.demo.geometry import CX, Drawing, bez, hline, poly, symmetric, through, unit_vector, v2


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
        u, w = unit_vector(c - m), cut.cuff_w
    n = v2(u[1], -u[0])
    o, i = c + n * w, c - n * w
    shoulder_dir = unit_vector(s - v2(CX + cut.nw, cut.y0))
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


def vee(nw: float, y0: float, depth: float) -> np.ndarray:
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
    inner = vee(cut.nw, cut.y0, depth)
    neck_inside(d, cut, inner, label)
    if band:
        outer = vee(cut.nw + band, cut.y0 - 0.004, depth + band * 1.6)
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

