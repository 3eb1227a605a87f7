"""One builder per top, dress and jumpsuit category, drawn from the shared `Cut` and trims (a
jumpsuit's legs are the bottoms' `Legs`)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Callable

import numpy as np

from catalog.demo.bottoms import Legs, leg_details, leg_outline
from catalog.demo.geometry import CX, Drawing, bez, hline, poly, symmetric, v2
from catalog.demo.top_parts import (Cut, Top, armhole_band, band, body_folds, body_half, collar, crew_neck, flap_pocket,
                                    front_edge, hem_band, hem_stitch, lapels, patch_pocket, placket, sleeve_hem, top,
                                    v_neck, vee)


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
    d.line(vee(cut.nw + 0.006, cut.y0, 0.136), "stitch")
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
    outer = vee(cut.nw + 0.026, cut.y0 - 0.004, depth + 0.03)
    inner = vee(cut.nw, cut.y0, depth)
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
    leg_outline(d, legs)
    v_neck(d, cut, 0.13, label=False)
    _waist_seam(d, cut.waist_y, cut.waist)
    belt_y = cut.waist_y + 0.005
    d.panel(band(belt_y - 0.013, belt_y + 0.013, cut.waist + 0.012), "base", raised=True, shade=1.04)
    d.panel(poly((CX + 0.02, belt_y), (CX + 0.05, belt_y + 0.12), (CX + 0.035, belt_y + 0.125),
                 (CX + 0.008, belt_y + 0.01)), "base", raised=True, shade=0.98)
    leg_details(d, legs, rng, crease=True)
    d.line(poly((CX, legs.top + 0.04), (CX, legs.crotch - 0.02)), "seam")
    d.chest = (CX, 0.22, 0.11)


BUILDERS: dict[str, Callable[[Drawing, str, np.random.Generator, int], None]] = {
    "t-shirt": _tshirt, "shirt": _shirt, "blouse": _blouse, "polo": _polo, "sweater": _sweater,
    "hoodie": _hoodie, "cardigan": _cardigan, "jacket": _jacket, "coat": _coat, "blazer": _blazer,
    "dress": _dress, "jumpsuit": _jumpsuit,
}
