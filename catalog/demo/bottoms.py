"""One builder per bottom category; trousers, jeans and shorts share `Legs`, so waist, crotch and
leg ends sit at consistent places."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from catalog.demo.geometry import CX, Drawing, bez, hline, poly, symmetric, v2


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


def leg_outline(d: Drawing, g: Legs) -> None:
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


def leg_details(d: Drawing, g: Legs, rng: np.random.Generator, crease: bool, kind: str = "stitch") -> None:
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
    leg_outline(d, g)
    _waistband(d, g)
    _fly(d, g)
    for side in (1, -1):
        d.line(poly((CX + side * 0.115, g.top + g.band), (CX + side * (g.hip - 0.004), g.top + 0.17)), "seam")
        d.line(poly((CX + side * 0.111, g.top + g.band + 0.008), (CX + side * (g.hip - 0.01), g.top + 0.176)),
               "fold")
    leg_details(d, g, rng, crease=True)
    d.chest = (CX - 0.1, 0.28, 0.09)


def _jeans(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    g = Legs(waist=0.16, hip=0.18, hip_y=0.27, crotch=0.35, hem_out=0.15, hem_in=0.04)
    leg_outline(d, g)
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
    leg_details(d, g, rng, crease=False, kind="thread")
    for side in (1, -1):
        d.line(poly((CX + side * (g.hem_in - 0.01), g.hem - 0.026), (CX + side * (g.hem_out + 0.01), g.hem - 0.026)),
               "thread")
    d.chest = (CX - 0.1, 0.3, 0.08)


def _shorts(d: Drawing, sleeve: str, rng: np.random.Generator, variant: int) -> None:
    g = Legs(top=0.2, band=0.045, waist=0.18, hip=0.2, hip_y=0.36, crotch=0.54, hem=0.74, hem_out=0.225, hem_in=0.032)
    leg_outline(d, g)
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
    "skirt": _skirt, "trousers": _trousers, "jeans": _jeans, "shorts": _shorts,
}
