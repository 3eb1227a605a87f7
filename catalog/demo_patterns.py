"""Fabric surfaces for the generated demo photos: print patterns and weave textures.

Prints are computed over the whole frame and only later clipped by the garment mask,
so stripes and checks run on across body, sleeves and pockets the way a cut fabric
does. Textures are multiplicative maps with mean 1, so they add surface without
moving the garment's overall colour away from its catalogue colour.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

Rgb = tuple[float, float, float]

_PETAL_CENTRE = np.array((240.0, 204.0, 56.0), np.float32)
_LEAF = np.array((58.0, 122.0, 70.0), np.float32)


def mix(a: Rgb | np.ndarray, b: Rgb | np.ndarray, t: float) -> np.ndarray:
    """Linear blend in sRGB, good enough for small tone steps between fabric shades."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    return a + (b - a) * np.float32(t)


def _bands(coord: np.ndarray, period: float, duty: float, phase: float) -> np.ndarray:
    """Anti-aliased 0..1 stripe coverage along one axis (signed distance to the stripe edge)."""
    t = ((coord / period + phase) % 1.0) * period
    on = duty * period
    dist = np.where(t < on, np.minimum(t, on - t), -np.minimum(t - on, period - t))
    return np.clip(dist + 0.5, 0.0, 1.0).astype(np.float32)


def _blend(base: np.ndarray, ink: np.ndarray, cover: np.ndarray) -> np.ndarray:
    return base + (ink - base) * cover[..., None]


def _striped(size: int, base: np.ndarray, accent: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    period = size * 0.042 * rng.uniform(0.8, 1.25)
    rows = _bands(np.arange(size) + 0.5, period, rng.uniform(0.3, 0.5), rng.random())
    return np.repeat(_blend(base, accent, rows)[:, None, :], size, axis=1)


def _checked(size: int, base: np.ndarray, accent: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Gingham base (half-tone where one set crosses) with a thin plaid overcheck."""
    coord = np.arange(size) + 0.5
    period = size * 0.06 * rng.uniform(0.8, 1.2)
    phase = rng.random()
    cols, rows = _bands(coord, period, 0.5, phase), _bands(coord, period, 0.5, phase)
    cover = 0.5 * (rows[:, None] + cols[None, :])
    line_w = max(1.2, period * 0.07) / period
    thin = np.maximum(_bands(coord, period, line_w, phase + 0.72)[:, None],
                      _bands(coord, period, line_w, phase + 0.72)[None, :])
    field = _blend(base, accent, cover)
    return _blend(field, mix(base, (0, 0, 0), 0.45), thin * 0.8)


def _dotted(size: int, base: np.ndarray, accent: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Staggered dots: every other row shifted half a period, as printed polka fabric is."""
    period = size * 0.058 * rng.uniform(0.8, 1.2)
    radius = period * rng.uniform(0.17, 0.24)
    y = np.arange(size, dtype=np.float32)[:, None] + 0.5
    x = np.arange(size, dtype=np.float32)[None, :] + 0.5
    row = np.floor(y / period)
    fy = (y % period) - period / 2
    fx = ((x + (row % 2) * period / 2) % period) - period / 2
    cover = np.clip(radius - np.sqrt(fx * fx + fy * fy) + 0.5, 0.0, 1.0)
    return _blend(base, accent, cover)


def _floral(size: int, base: np.ndarray, accent: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Small five-petal flowers on a jittered grid; the seed decides every position."""
    ink = np.zeros((size, size, 3), np.uint8)
    cover = np.zeros((size, size), np.uint8)
    centre_rgb = _PETAL_CENTRE if np.abs(accent - _PETAL_CENTRE).max() > 60 else mix(base, (0, 0, 0), 0.5)
    step = size * 0.085
    n = int(size / step) + 2
    shift = 4
    one = 1 << shift
    for gy in range(n):
        for gx in range(n):
            if rng.random() < 0.12:
                continue
            cx = (gx + 0.5 * (gy % 2) + rng.uniform(-0.3, 0.3)) * step
            cy = (gy + rng.uniform(-0.3, 0.3)) * step
            r = step * rng.uniform(0.17, 0.24)
            turn = rng.uniform(0, 2 * math.pi / 5)
            leaf_angle = rng.uniform(0, 360)
            lx, ly = cx + 1.25 * r * math.cos(math.radians(leaf_angle)), cy + 1.25 * r * math.sin(math.radians(leaf_angle))
            _stamp_ellipse(ink, cover, (lx, ly), (r * 0.7, r * 0.3), leaf_angle, _LEAF, one, shift)
            for k in range(5):
                a = turn + k * 2 * math.pi / 5
                _stamp_circle(ink, cover, (cx + 0.62 * r * math.cos(a), cy + 0.62 * r * math.sin(a)),
                              0.48 * r, accent, one, shift)
            _stamp_circle(ink, cover, (cx, cy), 0.3 * r, centre_rgb, one, shift)
    alpha = cover.astype(np.float32) / 255.0
    return _blend(base, ink.astype(np.float32), alpha)


def _stamp_circle(ink, cover, c, r, rgb, one, shift) -> None:
    centre = (int(round(c[0] * one)), int(round(c[1] * one)))
    cv2.circle(ink, centre, int(round(r * one)), tuple(float(v) for v in rgb), -1, cv2.LINE_AA, shift)
    cv2.circle(cover, centre, int(round(r * one)), 255, -1, cv2.LINE_AA, shift)


def _stamp_ellipse(ink, cover, c, axes, angle, rgb, one, shift) -> None:
    centre = (int(round(c[0] * one)), int(round(c[1] * one)))
    ax = (int(round(axes[0] * one)), int(round(axes[1] * one)))
    cv2.ellipse(ink, centre, ax, angle, 0, 360, tuple(float(v) for v in rgb), -1, cv2.LINE_AA, shift)
    cv2.ellipse(cover, centre, ax, angle, 0, 360, 255, -1, cv2.LINE_AA, shift)


def _graphic(size: int, base: np.ndarray, accent: np.ndarray, rng: np.random.Generator,
             chest: tuple[float, float, float]) -> np.ndarray:
    """One chest print (badge, slogan block or stacked chevrons) in accent plus a mid tone."""
    field = np.repeat(np.repeat(base[None, None, :], size, axis=0), size, axis=1)
    ink = np.zeros((size, size, 3), np.uint8)
    cover = np.zeros((size, size), np.uint8)
    cx, cy, w = (v * size for v in chest)
    mid = mix(accent, base, 0.45)
    design = int(rng.integers(3))
    if design == 0:
        _badge(ink, cover, cx, cy, w, accent, mid)
    elif design == 1:
        _slogan(ink, cover, cx, cy, w, accent, mid, rng)
    else:
        _chevrons(ink, cover, cx, cy, w, accent, mid)
    return _blend(field, ink.astype(np.float32), cover.astype(np.float32) / 255.0)


def _fill(ink, cover, pts, rgb) -> None:
    p = [np.round(np.asarray(pts) * 16).astype(np.int32)]
    cv2.fillPoly(ink, p, tuple(float(v) for v in rgb), cv2.LINE_AA, 4)
    cv2.fillPoly(cover, p, 255, cv2.LINE_AA, 4)


def _badge(ink, cover, cx, cy, w, accent, mid) -> None:
    """A round badge with a sun over mountains: reads as a logo at thumbnail size."""
    r = w * 0.5
    _stamp_circle(ink, cover, (cx, cy), r, accent, 16, 4)
    _stamp_circle(ink, cover, (cx, cy), r * 0.86, mid, 16, 4)
    _stamp_circle(ink, cover, (cx + r * 0.22, cy - r * 0.22), r * 0.24, accent, 16, 4)
    ridge = [(cx - r * 0.9, cy + r * 0.45), (cx - r * 0.35, cy - r * 0.2), (cx - r * 0.05, cy + r * 0.12),
             (cx + r * 0.3, cy - r * 0.1), (cx + r * 0.9, cy + r * 0.45), (cx, cy + r * 0.9)]
    _fill(ink, cover, ridge, accent)


def _slogan(ink, cover, cx, cy, w, accent, mid, rng) -> None:
    """Block letters over an underline bar; the word is picked by the seed."""
    word = ("NOVA", "WAVE", "CITY", "FREE", "1987", "BOLD")[int(rng.integers(6))]
    font = cv2.FONT_HERSHEY_DUPLEX
    scale = 1.0
    thick = 1
    (tw, th), _ = cv2.getTextSize(word, font, scale, thick)
    scale = w / tw
    thick = max(2, int(round(scale * 2.2)))
    (tw, th), _ = cv2.getTextSize(word, font, scale, thick)
    org = (int(cx - tw / 2), int(cy + th / 2))
    cv2.putText(ink, word, org, font, scale, tuple(float(v) for v in accent), thick, cv2.LINE_AA)
    cv2.putText(cover, word, org, font, scale, 255, thick, cv2.LINE_AA)
    bar_y = cy + th * 0.9
    _fill(ink, cover, [(cx - w / 2, bar_y), (cx + w / 2, bar_y), (cx + w / 2, bar_y + th * 0.28),
                       (cx - w / 2, bar_y + th * 0.28)], mid)


def _chevrons(ink, cover, cx, cy, w, accent, mid) -> None:
    h = w * 0.22
    for k in range(3):
        y = cy - w * 0.3 + k * h * 1.35
        rgb = accent if k != 1 else mid
        _fill(ink, cover, [(cx - w / 2, y), (cx, y + h * 1.1), (cx + w / 2, y), (cx + w / 2, y + h),
                           (cx, y + h * 2.1), (cx - w / 2, y + h)], rgb)


def pattern_field(pattern: str, base: Rgb, accent: Rgb, size: int, rng: np.random.Generator,
                  chest: tuple[float, float, float]) -> np.ndarray:
    """The printed fabric as an RGB float image covering the whole frame."""
    b, a = np.asarray(base, np.float32), np.asarray(accent, np.float32)
    if pattern == "striped":
        return _striped(size, b, a, rng)
    if pattern == "checked":
        return _checked(size, b, a, rng)
    if pattern == "polka-dot":
        return _dotted(size, b, a, rng)
    if pattern == "floral":
        return _floral(size, b, a, rng)
    if pattern == "graphic":
        return _graphic(size, b, a, rng, chest)
    return np.repeat(np.repeat(b[None, None, :], size, axis=0), size, axis=1)


def _smooth_noise(rng: np.random.Generator, size: int, cell: int, stretch: tuple[int, int] = (1, 1)) -> np.ndarray:
    """Unit-variance value noise with features about `cell` pixels wide (times `stretch`)."""
    h = max(2, size // (cell * stretch[0]))
    w = max(2, size // (cell * stretch[1]))
    coarse = rng.standard_normal((h, w), dtype=np.float32)
    up = cv2.resize(coarse, (size, size), interpolation=cv2.INTER_CUBIC)
    return up / max(float(up.std()), 1e-6)


def _knit(size: int) -> np.ndarray:
    """Columns of V-shaped stitches, the signature of a jersey knit."""
    x = np.arange(size, dtype=np.float32) + 0.5
    col_w, row_h = size * 0.0115, size * 0.0085
    col = np.abs((x / col_w) % 1.0 - 0.5)
    chevron = np.cos(2 * np.pi * (x[:, None] / row_h + col[None, :] * 1.6))
    valley = np.cos(2 * np.pi * x / col_w)
    return 1.0 + 0.07 * chevron + 0.06 * valley[None, :]


def _twill(size: int) -> np.ndarray:
    """Fine diagonal ribs of a 3/1 twill, as on denim and gabardine."""
    period = max(3.0, size * 0.0055)
    x = np.arange(size, dtype=np.float32)
    return 1.0 + 0.09 * np.sin(2 * np.pi * (x[None, :] + x[:, None]) / period)


def material_texture(material: str, knit: bool, size: int, rng: np.random.Generator) -> np.ndarray:
    """A multiplicative surface map (mean about 1) that makes each material read as itself."""
    fine = rng.standard_normal((size, size), dtype=np.float32)
    if knit:
        tex = _knit(size) + 0.02 * fine
    elif material == "denim":
        tex = _twill(size) + 0.06 * _smooth_noise(rng, size, 24, (3, 1)) + 0.03 * fine
    elif material == "linen":
        tex = (1.0 + 0.035 * _smooth_noise(rng, size, 2, (1, 12)) + 0.025 * _smooth_noise(rng, size, 2, (12, 1))
               + 0.02 * fine)
    elif material == "leather":
        grain = cv2.GaussianBlur(fine, (0, 0), max(0.6, size / 900))
        tex = 1.0 + 0.05 * grain / max(float(grain.std()), 1e-6) + 0.03 * _smooth_noise(rng, size, 40)
    elif material == "fleece":
        fuzz = cv2.GaussianBlur(fine, (0, 0), max(1.0, size / 500))
        tex = 1.0 + 0.05 * fuzz / max(float(fuzz.std()), 1e-6) + 0.03 * _smooth_noise(rng, size, 16)
    elif material in ("wool", "cashmere"):
        heather = cv2.GaussianBlur(fine, (0, 0), 0.8)
        tex = 1.0 + 0.05 * heather / max(float(heather.std()), 1e-6) + 0.025 * _smooth_noise(rng, size, 10)
    elif material == "silk":
        tex = 1.0 + 0.006 * fine
    else:
        tex = 1.0 + 0.018 * fine
    return tex.astype(np.float32)


def rib_texture(ys: np.ndarray, xs: np.ndarray, angle: float, period: float) -> np.ndarray:
    """Ribs running along `angle` (radians): a cosine across the rib direction."""
    across = -xs * math.sin(angle) + ys * math.cos(angle)
    return (1.0 + 0.13 * np.cos(2 * np.pi * across / period)).astype(np.float32)
