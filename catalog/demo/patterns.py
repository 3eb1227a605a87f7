"""Fabric surfaces for the generated demo photos: print patterns and weave textures.

Prints are computed over the garment's whole bounding box and only later clipped by
its mask, so stripes and checks run on across body, sleeves and pockets the way a cut
fabric does. Textures are multiplicative maps with mean 1, so they add surface without
moving the garment's overall colour away from its catalogue colour.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

Rgb = tuple[float, float, float]

_PETAL_CENTRE = np.array((240.0, 204.0, 56.0), np.float32)
_LEAF = np.array((58.0, 122.0, 70.0), np.float32)
_SHIFT = 4
_ONE = 1 << _SHIFT


def mix(a: Rgb | np.ndarray, b: Rgb | np.ndarray, t: float) -> np.ndarray:
    """Linear blend in sRGB, good enough for small tone steps between fabric shades."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    return a + (b - a) * np.float32(t)


# NumPy broadcasting over a trailing axis of 3 is an order of magnitude slower than
# per-plane work, so RGB images are assembled plane by plane with cv2.merge.


def solid(shape: tuple[int, int], rgb, dtype=np.float32) -> np.ndarray:
    """An image of one colour."""
    return cv2.merge([np.full(shape, float(v), dtype) for v in rgb])


def tinted(plane: np.ndarray, rgb) -> np.ndarray:
    """Colour `rgb` scaled per pixel by a single-channel `plane`."""
    return cv2.merge([plane * np.float32(v) for v in rgb])


def lerp(dst: np.ndarray, src: np.ndarray, cover: np.ndarray) -> np.ndarray:
    """dst where cover is 0, src where it is 1 (float32 RGB, single-channel cover)."""
    return cv2.blendLinear(dst, src, 1.0 - cover, cover)


def _bands(coord: np.ndarray, period: float, duty: float, phase: float) -> np.ndarray:
    """Anti-aliased 0..1 stripe coverage along one axis (signed distance to the stripe edge)."""
    t = ((coord / period + phase) % 1.0) * period
    on = duty * period
    dist = np.where(t < on, np.minimum(t, on - t), -np.minimum(t - on, period - t))
    return np.clip(dist + 0.5, 0.0, 1.0).astype(np.float32)


def _blend(base: np.ndarray, ink: np.ndarray, cover: np.ndarray) -> np.ndarray:
    """Two colours (or an image and a colour) mixed by a coverage plane."""
    if base.ndim == 1:
        return cv2.merge([np.float32(b) + np.float32(i - b) * cover for b, i in zip(base, ink)])
    return lerp(base, solid(cover.shape, ink), cover)


def _striped(shape, size, base, accent, rng) -> np.ndarray:
    """Horizontal stripes; the accent stripe stays the narrower one so the ground colour reads."""
    period = size * 0.04 * rng.uniform(0.8, 1.25)
    rows = _bands(np.arange(shape[0]) + 0.5, period, rng.uniform(0.25, 0.42), rng.random())
    return np.ascontiguousarray(np.repeat(_blend(base, accent, rows[:, None]), shape[1], axis=1))


# share of a check's period its accent bands take: at half, the accent squares and the half-tones where one set
# crosses the ground covered most of it, and a "beige check" read as the accent's colour
CHECK_DUTY = 0.25


def _checked(shape, size, base, accent, rng) -> np.ndarray:
    """Gingham base (half-tone where one set crosses) with a thin plaid overcheck."""
    period = size * 0.06 * rng.uniform(0.8, 1.2)
    phase = rng.random()
    ys, xs = np.arange(shape[0]) + 0.5, np.arange(shape[1]) + 0.5
    rows, cols = _bands(ys, period, CHECK_DUTY, phase), _bands(xs, period, CHECK_DUTY, phase)
    cover = 0.5 * (rows[:, None] + cols[None, :])
    line_w = max(1.2, period * 0.07) / period
    thin = np.maximum(_bands(ys, period, line_w, phase + 0.72)[:, None],
                      _bands(xs, period, line_w, phase + 0.72)[None, :])
    field = _blend(base, accent, cover)
    return _blend(field, mix(base, (0, 0, 0), 0.45), thin * 0.8)


def _dotted(shape, size, base, accent, rng) -> np.ndarray:
    """Staggered dots: every other row shifted half a period, as printed polka fabric is."""
    period = size * 0.058 * rng.uniform(0.8, 1.2)
    radius = period * rng.uniform(0.17, 0.24)
    canvas = solid(shape, np.round(base), np.uint8)
    for row in range(int(shape[0] / period) + 2):
        for col in range(int(shape[1] / period) + 2):
            _disc(canvas, ((col + 0.5 * (row % 2)) * period, (row + 0.5) * period), radius, accent)
    return canvas.astype(np.float32)


def _cv_colour(rgb) -> tuple[float, ...]:
    """OpenCV drawing calls want a plain tuple; channel order is whatever the image uses (RGB)."""
    return tuple(float(v) for v in rgb)


def _floral(shape, size, base, accent, rng) -> np.ndarray:
    """Small five-petal flowers with a leaf on a jittered grid; the seed decides every position.

    Flowers are painted straight onto a canvas of the ground colour: OpenCV's
    anti-aliasing blends each petal with what is under it.
    """
    canvas = solid(shape, np.round(base), np.uint8)
    centre_rgb = _PETAL_CENTRE if np.abs(accent - _PETAL_CENTRE).max() > 60 else mix(base, (0, 0, 0), 0.5)
    step = size * 0.085
    for gy in range(int(shape[0] / step) + 2):
        for gx in range(int(shape[1] / step) + 2):
            jitter = rng.uniform(-0.3, 0.3, 2)
            r = step * rng.uniform(0.17, 0.24)
            turn, leaf = rng.uniform(0, 2 * math.pi / 5), rng.uniform(0, 2 * math.pi)
            if rng.random() < 0.12:
                continue
            cx, cy = (gx + 0.5 * (gy % 2) + jitter[0]) * step, (gy + jitter[1]) * step
            _ellipse(canvas, (cx + 1.25 * r * math.cos(leaf), cy + 1.25 * r * math.sin(leaf)), (r * 0.7, r * 0.3),
                     math.degrees(leaf), _LEAF)
            for k in range(5):
                a = turn + k * 2 * math.pi / 5
                _disc(canvas, (cx + 0.62 * r * math.cos(a), cy + 0.62 * r * math.sin(a)), 0.48 * r, accent)
            _disc(canvas, (cx, cy), 0.3 * r, centre_rgb)
    return canvas.astype(np.float32)


def _fix(v: float) -> int:
    return int(round(v * _ONE))


def _disc(img, c, r, rgb) -> None:
    cv2.circle(img, (_fix(c[0]), _fix(c[1])), _fix(r), _cv_colour(rgb), -1, cv2.LINE_AA, _SHIFT)


def _ellipse(img, c, axes, angle, rgb) -> None:
    cv2.ellipse(img, (_fix(c[0]), _fix(c[1])), (_fix(axes[0]), _fix(axes[1])), angle, 0, 360, _cv_colour(rgb), -1,
                cv2.LINE_AA, _SHIFT)


def _fill(img, pts, rgb) -> None:
    cv2.fillPoly(img, [np.round(np.asarray(pts) * _ONE).astype(np.int32)], _cv_colour(rgb), cv2.LINE_AA, _SHIFT)


def _blocked(shape, size, base, accent, chest) -> np.ndarray:
    """Two blocks sewn across the body below the chest: the base above, the accent below."""
    field = solid(shape, base)
    field[int(round((chest[1] + chest[2]) * size)):] = accent
    return field


def _graphic(shape, size, base, accent, rng, chest) -> np.ndarray:
    """One chest print (badge, slogan block or stacked chevrons) in accent plus a mid tone."""
    canvas = solid(shape, np.round(base), np.uint8)
    cx, cy, w = (v * size for v in chest)
    mid = mix(accent, base, 0.45)
    design = int(rng.integers(3))
    if design == 0:
        _badge(canvas, cx, cy, w, accent, mid)
    elif design == 1:
        _slogan(canvas, cx, cy, w, accent, mid, rng)
    else:
        _chevrons(canvas, cx, cy, w, accent, mid)
    return canvas.astype(np.float32)


def _badge(img, cx, cy, w, accent, mid) -> None:
    """A round badge with a sun over mountains: reads as a logo at thumbnail size."""
    r = w * 0.5
    _disc(img, (cx, cy), r, accent)
    _disc(img, (cx, cy), r * 0.86, mid)
    _disc(img, (cx + r * 0.22, cy - r * 0.22), r * 0.24, accent)
    ridge = [(cx - r * 0.82, cy + r * 0.4), (cx - r * 0.35, cy - r * 0.2), (cx - r * 0.05, cy + r * 0.12),
             (cx + r * 0.3, cy - r * 0.1), (cx + r * 0.82, cy + r * 0.4), (cx, cy + r * 0.86)]
    _fill(img, ridge, accent)


def _slogan(img, cx, cy, w, accent, mid, rng) -> None:
    """Block letters over an underline bar; the word is picked by the seed."""
    word = ("NOVA", "WAVE", "CITY", "FREE", "1987", "BOLD")[int(rng.integers(6))]
    font = cv2.FONT_HERSHEY_DUPLEX
    (tw, _), _ = cv2.getTextSize(word, font, 1.0, 2)
    scale = w / tw
    thick = max(2, int(round(scale * 2.2)))
    (tw, th), _ = cv2.getTextSize(word, font, scale, thick)
    cv2.putText(img, word, (int(cx - tw / 2), int(cy + th / 2)), font, scale, _cv_colour(accent), thick, cv2.LINE_AA)
    bar_y = cy + th * 0.9
    _fill(img, [(cx - w / 2, bar_y), (cx + w / 2, bar_y), (cx + w / 2, bar_y + th * 0.28),
                (cx - w / 2, bar_y + th * 0.28)], mid)


def _chevrons(img, cx, cy, w, accent, mid) -> None:
    h = w * 0.22
    for k in range(3):
        y = cy - w * 0.3 + k * h * 1.35
        _fill(img, [(cx - w / 2, y), (cx, y + h * 1.1), (cx + w / 2, y), (cx + w / 2, y + h),
                    (cx, y + h * 2.1), (cx - w / 2, y + h)], accent if k != 1 else mid)


def pattern_field(pattern: str, base: Rgb, accent: Rgb, shape: tuple[int, int], size: int,
                  rng: np.random.Generator, chest: tuple[float, float, float]) -> np.ndarray:
    """The printed fabric as an RGB float image of `shape`; scales are fractions of `size`."""
    b, a = np.asarray(base, np.float32), np.asarray(accent, np.float32)
    if pattern == "striped":
        return _striped(shape, size, b, a, rng)
    if pattern == "checked":
        return _checked(shape, size, b, a, rng)
    if pattern == "polka-dot":
        return _dotted(shape, size, b, a, rng)
    if pattern == "floral":
        return _floral(shape, size, b, a, rng)
    if pattern == "graphic":
        return _graphic(shape, size, b, a, rng, chest)
    if pattern == "colour-block":
        return _blocked(shape, size, b, a, chest)
    return solid(shape, b)


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int],
                  cell: float | tuple[float, float]) -> np.ndarray:
    """Unit-variance value noise with features about `cell` (a pair: rows, cols) pixels wide."""
    cy, cx = (cell, cell) if np.isscalar(cell) else cell
    coarse = rng.standard_normal((max(2, int(shape[0] / cy)), max(2, int(shape[1] / cx))), dtype=np.float32)
    up = cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return up * (1.0 / max(float(up.std()), 1e-6))


def _blurred(noise: np.ndarray, sigma: float) -> np.ndarray:
    soft = cv2.GaussianBlur(noise, (0, 0), sigma)
    return soft * (1.0 / max(float(soft.std()), 1e-6))


def _knit(shape: tuple[int, int], size: int) -> np.ndarray:
    """Columns of V-shaped stitches, the signature of a jersey knit."""
    y = np.arange(shape[0], dtype=np.float32) + 0.5
    x = np.arange(shape[1], dtype=np.float32) + 0.5
    col_w, row_h = size * 0.0115, size * 0.0085
    a = 2 * np.pi * y / row_h
    b = 2 * np.pi * np.abs((x / col_w) % 1.0 - 0.5) * 1.6
    chevron = np.outer(np.cos(a), np.cos(b)) - np.outer(np.sin(a), np.sin(b))
    valley = np.cos(2 * np.pi * x / col_w)
    return 1.0 + 0.07 * chevron + 0.06 * valley[None, :]


def _twill(shape: tuple[int, int], size: int) -> np.ndarray:
    """Fine diagonal ribs of a 3/1 twill, as on denim and gabardine."""
    k = np.float32(2 * np.pi / max(3.0, size * 0.0055))
    y = np.arange(shape[0], dtype=np.float32) * k
    x = np.arange(shape[1], dtype=np.float32) * k
    return 1.0 + 0.09 * (np.outer(np.sin(y), np.cos(x)) + np.outer(np.cos(y), np.sin(x)))


def material_texture(material: str, knit: bool, shape: tuple[int, int], size: int,
                     rng: np.random.Generator) -> np.ndarray:
    """A multiplicative surface map (mean about 1) that makes each material read as itself."""
    # Uniform bytes are far cheaper to draw than normals; rescaled to zero mean, unit variance.
    fine = (rng.integers(0, 256, shape, dtype=np.uint8).astype(np.float32) - 127.5) * np.float32(1 / 73.9)
    if knit:
        tex = _knit(shape, size) + 0.02 * fine
    elif material == "denim":
        tex = _twill(shape, size) + 0.05 * _smooth_noise(rng, shape, (size * 0.09, size * 0.03)) + 0.03 * fine
    elif material == "linen":
        slub = size * 0.03
        tex = (1.0 + 0.035 * _smooth_noise(rng, shape, (2, slub)) + 0.025 * _smooth_noise(rng, shape, (slub, 2))
               + 0.02 * fine)
    elif material == "leather":
        tex = 1.0 + 0.04 * _blurred(fine, max(0.6, size / 900)) + 0.03 * _smooth_noise(rng, shape, size * 0.05)
    elif material == "fleece":
        tex = 1.0 + 0.02 * _blurred(fine, max(1.0, size / 600)) + 0.01 * _smooth_noise(rng, shape, size * 0.02)
    elif material in ("wool", "cashmere"):
        tex = 1.0 + 0.04 * _blurred(fine, 0.8) + 0.012 * _smooth_noise(rng, shape, size * 0.013)
    elif material == "silk":
        tex = 1.0 + 0.006 * fine
    else:
        tex = 1.0 + 0.018 * fine
    return tex.astype(np.float32)


def rib_texture(ys: np.ndarray, xs: np.ndarray, angle: float, period: float) -> np.ndarray:
    """Ribs running along `angle` (radians): a cosine across the rib direction."""
    across = -xs * math.sin(angle) + ys * math.cos(angle)
    return (1.0 + 0.13 * np.cos(2 * np.pi * across / period)).astype(np.float32)
