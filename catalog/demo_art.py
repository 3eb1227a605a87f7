"""Procedural product photos for the demo catalog: one garment, front view, plain backdrop.

The demo ships without image assets, yet shoppers judge products by their photos and
the try-on engine cuts garments out of them. So every product gets a deterministic
ghost-mannequin style picture drawn from its attributes: the silhouette comes from
`demo_shapes`, the fabric from `demo_patterns`, and this module paints and lights it.
The backdrop is a cool light grey a shade darker than white fabric and the garment
carries a thin darker rim, so even a white shirt separates with a simple threshold.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import cv2
import numpy as np

from catalog.demo_patterns import material_texture, mix, pattern_field, rib_texture
from catalog.demo_shapes import Dot, Drawing, Line, drawing
from catalog.vocabulary import CATEGORIES, COLOR_RGB, MATERIALS, PATTERNS, SLEEVES

_SHIFT = 4
_ONE = 1 << _SHIFT
_BACKDROP = np.array((226.0, 227.0, 230.0), np.float32)
_LABEL = np.array((238.0, 234.0, 224.0), np.float32)
_METAL = np.array((196.0, 198.0, 204.0), np.float32)
_COPPER = np.array((176.0, 112.0, 58.0), np.float32)
_THREAD = np.array((214.0, 150.0, 62.0), np.float32)
_KNITWEAR = frozenset({"sweater", "cardigan"})
_SHEEN = {"leather": 1.5, "silk": 1.35, "polyester": 1.1}


@dataclass(frozen=True)
class GarmentSpec:
    """What a product photo must show; every field is a canonical vocabulary word."""

    category: str
    color: str
    pattern: str = "solid"
    sleeve: str | None = None
    material: str = "cotton"
    accent: str = "white"
    seed: int = 0


def render_garment(spec: GarmentSpec, size: int = 768) -> np.ndarray:
    """A (size, size, 3) uint8 RGB product photo; identical for identical spec and size."""
    _check(spec, size)
    rng = np.random.default_rng([spec.seed & 0xFFFFFFFF, _spec_key(spec)])
    variant = int(rng.integers(1 << 16))
    art = drawing(spec.category, spec.sleeve, rng, variant)
    base = np.asarray(COLOR_RGB[spec.color], np.float32)
    accent = _contrasting(base, np.asarray(COLOR_RGB[spec.accent], np.float32))
    alpha = _silhouette(art, size)
    fabric = pattern_field(spec.pattern, base, accent, size, rng, art.chest)
    colour, relief = _paint_panels(art, fabric, base, size)
    material = "denim" if spec.category == "jeans" else spec.material
    colour *= material_texture(material, spec.category in _KNITWEAR, size, rng)[..., None]
    shade = _shading(art, alpha, relief, size)
    garment = _tone(colour, shade, alpha, base, material)
    _draw_trims(garment, art, base, accent, size, denim=material == "denim")
    photo = _backdrop(alpha, size)
    a = alpha[..., None]
    photo = photo * (1.0 - a) + garment * a
    return np.clip(photo + 0.5, 0, 255).astype(np.uint8)


def _check(spec: GarmentSpec, size: int) -> None:
    checks = (("category", spec.category, CATEGORIES), ("color", spec.color, COLOR_RGB),
              ("pattern", spec.pattern, PATTERNS), ("material", spec.material, MATERIALS),
              ("accent", spec.accent, COLOR_RGB))
    for name, value, allowed in checks:
        if value not in allowed:
            raise ValueError(f"cannot draw {name} {value!r}; expected one of {sorted(allowed)}")
    if spec.sleeve is not None and spec.sleeve not in SLEEVES:
        raise ValueError(f"cannot draw sleeve {spec.sleeve!r}; expected one of {SLEEVES}")
    if size < 64:
        raise ValueError(f"size must be at least 64 pixels, got {size}")


def _spec_key(spec: GarmentSpec) -> int:
    """A process-independent hash (str hash() is salted per run)."""
    text = f"{spec.category}|{spec.color}|{spec.pattern}|{spec.sleeve}|{spec.material}|{spec.accent}"
    return zlib.crc32(text.encode())


def _contrasting(base: np.ndarray, accent: np.ndarray) -> np.ndarray:
    """An accent that disappears into the ground colour would make the print invisible."""
    if np.abs(base - accent).max() >= 60:
        return accent
    return np.array((30.0, 30.0, 32.0) if base.mean() > 128 else (244.0, 244.0, 240.0), np.float32)


# --------------------------------------------------------------------------- masks


def _px(pts: np.ndarray, size: int) -> np.ndarray:
    return np.round(np.asarray(pts) * size * _ONE).astype(np.int32)


def _poly_mask(pts: np.ndarray, size: int, pad: int = 2) -> tuple[tuple[slice, slice], np.ndarray]:
    """Anti-aliased coverage of a polygon, cropped to its bounding box for speed."""
    p = np.asarray(pts) * size
    x0, y0 = np.maximum(np.floor(p.min(axis=0)).astype(int) - pad, 0)
    x1, y1 = np.minimum(np.ceil(p.max(axis=0)).astype(int) + pad, size)
    mask = np.zeros((max(1, y1 - y0), max(1, x1 - x0)), np.uint8)
    q = np.round((p - (x0, y0)) * _ONE).astype(np.int32)
    cv2.fillPoly(mask, [q], 255, cv2.LINE_AA, _SHIFT)
    return (slice(y0, y0 + mask.shape[0]), slice(x0, x0 + mask.shape[1])), mask.astype(np.float32) / 255.0


def _silhouette(art: Drawing, size: int) -> np.ndarray:
    alpha = np.zeros((size, size), np.float32)
    shapes = art.outline + [p.pts for p in art.panels if p.outer]
    for pts in shapes:
        sl, m = _poly_mask(pts, size)
        np.maximum(alpha[sl], m, out=alpha[sl])
    return alpha


def _paint_panels(art: Drawing, fabric: np.ndarray, base: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Lay the overlay panels onto the fabric; returns colour and per-panel relief shading."""
    colour = fabric.copy()
    relief = np.ones((size, size), np.float32)
    rib_period = max(3.0, size * 0.0085)
    flat = {"solid": base, "inner": mix(base, (0, 0, 0), 0.42), "lining": mix(base, (0, 0, 0), 0.55),
            "label": _LABEL}
    for panel in art.panels:
        sl, m = _poly_mask(panel.pts, size, pad=int(size * 0.012) + 2 if panel.raised else 2)
        if panel.raised:
            _cast_shadow(relief, sl, m, size)
        paint = fabric[sl] if panel.fill == "base" else np.broadcast_to(flat[panel.fill], m.shape + (3,))
        if panel.rib is not None:
            ys = np.arange(sl[0].start, sl[0].stop, dtype=np.float32)[:, None]
            xs = np.arange(sl[1].start, sl[1].stop, dtype=np.float32)[None, :]
            paint = paint * rib_texture(ys, xs, panel.rib, rib_period)[..., None]
        colour[sl] += (paint - colour[sl]) * m[..., None]
        relief[sl] += (panel.shade - relief[sl]) * m
    return colour, relief


def _cast_shadow(relief: np.ndarray, sl: tuple[slice, slice], m: np.ndarray, size: int) -> None:
    """A raised layer (pocket, collar, lapel) darkens what lies just below and right of it."""
    dx, dy = max(1, round(size * 0.003)), max(1, round(size * 0.005))
    shifted = np.zeros_like(m)
    shifted[dy:, dx:] = m[:-dy, :-dx]
    soft = cv2.GaussianBlur(shifted, (0, 0), max(1.0, size * 0.004))
    relief[sl] *= 1.0 - 0.35 * soft * (1.0 - m)
    edge = np.clip(m * (1.0 - cv2.GaussianBlur(m, (0, 0), max(0.7, size / 1100))) * 3.0, 0.0, 1.0)
    relief[sl] *= 1.0 - 0.3 * edge


# ------------------------------------------------------------------------- shading


def _stroke_mask(lines: list[Line], kinds: set[str], size: int, width: float, dash: float = 0.0,
                 scale: int = 1) -> np.ndarray:
    """Lines of the given kinds drawn anti-aliased (optionally dashed) at 1/scale resolution."""
    n = size // scale
    mask = np.zeros((n, n), np.uint8)
    thick = max(1, int(round(width * n)))
    for line in lines:
        if line.kind not in kinds:
            continue
        pts = line.pts * n
        segments = _dash(pts, dash * n) if dash else [pts]
        cv2.polylines(mask, [np.round(s * _ONE).astype(np.int32) for s in segments], line.closed and not dash,
                      255, thick, cv2.LINE_AA, _SHIFT)
    return mask.astype(np.float32) / 255.0


def _dash(pts: np.ndarray, length: float) -> list[np.ndarray]:
    """Cut a polyline into dashes of `length` pixels with equal gaps, like machine stitching."""
    seg = np.diff(pts, axis=0)
    dist = np.concatenate(([0.0], np.cumsum(np.hypot(seg[:, 0], seg[:, 1]))))
    if dist[-1] < length:
        return [pts]
    starts = np.arange(0.0, dist[-1] - length * 0.5, 2 * length)
    x = np.interp
    out = []
    for s in starts:
        t = np.array((s, min(s + length, dist[-1])))
        out.append(np.stack((x(t, dist, pts[:, 0]), x(t, dist, pts[:, 1])), axis=1))
    return out


def _soft(mask: np.ndarray, size: int, sigma: float) -> np.ndarray:
    low = cv2.GaussianBlur(mask, (0, 0), sigma * mask.shape[0])
    return cv2.resize(low, (size, size), interpolation=cv2.INTER_LINEAR)


def _shading(art: Drawing, alpha: np.ndarray, relief: np.ndarray, size: int) -> np.ndarray:
    """Light from above-left, a pillowy roll-off towards the edges, folds, seams and a rim."""
    inside = (alpha > 0.5).astype(np.uint8)
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, 3)
    shade = 0.84 + 0.16 * np.sqrt(np.minimum(depth / (size * 0.035), 1.0))
    shade *= np.linspace(1.04, 0.96, size, dtype=np.float32)[:, None]
    shade *= np.linspace(1.02, 0.98, size, dtype=np.float32)[None, :]
    shade *= relief
    folds = _stroke_mask(art.lines, {"fold"}, size, 0.012, scale=4)
    shine = _stroke_mask(art.lines, {"shine"}, size, 0.016, scale=4)
    shade *= 1.0 - 0.2 * _soft(folds, size, 0.008)
    shade *= 1.0 + 0.09 * _soft(shine, size, 0.012)
    crease = _stroke_mask(art.lines, {"crease"}, size, 0.002)
    shade *= 1.0 - 0.12 * crease + 0.1 * np.roll(crease, 2, axis=1)
    shade *= 1.0 - 0.42 * _stroke_mask(art.lines, {"seam"}, size, 0.0016)
    shade *= 1.0 - 0.3 * _stroke_mask(art.lines, {"stitch"}, size, 0.0014, dash=0.006)
    rim = np.clip((1.0 - cv2.GaussianBlur(alpha, (0, 0), max(1.0, size / 500))) * 2.2, 0.0, 1.0)
    shade *= 1.0 - 0.35 * rim
    return shade.astype(np.float32)


def _tone(colour: np.ndarray, shade: np.ndarray, alpha: np.ndarray, base: np.ndarray, material: str) -> np.ndarray:
    """Apply the light so the garment's average colour stays the catalogue colour.

    Near-white fabric gets a compressed tonal range so its shadows never sink to the
    backdrop's grey; dark fabric gets an additive lift so its folds still read.
    """
    light = float(base.min()) / 255.0
    amp = _SHEEN.get(material, 1.0) * (1.0 - 0.7 * np.clip((light - 0.7) / 0.22, 0.0, 1.0))
    weight = alpha > 0.5
    s = 1.0 + amp * (shade - 1.0)
    s /= float(s[weight].mean()) if weight.any() else 1.0
    lum = float(base.mean()) / 255.0
    out = colour * s[..., None] + ((s - 1.0) * 55.0 * (1.0 - lum))[..., None]
    if material in _SHEEN:
        spec = np.clip(s - 1.03, 0.0, None) * (2.5 if material != "polyester" else 1.0)
        out += spec[..., None] * (255.0 - colour) * 0.5
    return out


# -------------------------------------------------------------------------- trims


def _draw_trims(img: np.ndarray, art: Drawing, base: np.ndarray, accent: np.ndarray, size: int,
                denim: bool) -> None:
    """Things that are not fabric: contrast thread, drawstrings, zips, buttons, rivets."""
    thread = _THREAD if denim else mix(base, (255, 255, 255), 0.35) if base.mean() < 90 else mix(base, (0, 0, 0), 0.3)
    _blend(img, _stroke_mask(art.lines, {"thread"}, size, 0.0022, dash=0.007), thread)
    cord = mix(base, (255, 255, 255), 0.2) if base.mean() < 200 else mix(base, (0, 0, 0), 0.12)
    _blend(img, _stroke_mask(art.lines, {"cord"}, size, 0.012), mix(cord, (0, 0, 0), 0.35))
    _blend(img, _stroke_mask(art.lines, {"cord"}, size, 0.0085), cord)
    _blend(img, _stroke_mask(art.lines, {"zip"}, size, 0.011), mix(base, (0, 0, 0), 0.55))
    _blend(img, _stroke_mask(art.lines, {"zip"}, size, 0.006, dash=0.0022), _METAL)
    _blend(img, _stroke_mask(art.lines, {"metal"}, size, 0.005), _METAL)
    for line in art.lines:
        if line.kind == "cord":
            _circle(img, line.pts[-1] - (line.pts[-1] - line.pts[-2]) * 0.5, 0.0065 * size, _METAL * 0.9)
        elif line.kind == "zip":
            top = line.pts[0]
            _circle(img, top + (0.0, 0.012), 0.009 * size, _METAL * 0.8)
            _circle(img, top + (0.0, 0.03), 0.006 * size, _METAL)
    button = mix(base, (0, 0, 0), 0.35) if base.mean() > 110 else mix(base, (255, 255, 255), 0.3)
    for dot in art.dots:
        _draw_dot(img, dot, size, button)


def _blend(img: np.ndarray, mask: np.ndarray, rgb: np.ndarray) -> None:
    ys, xs = np.nonzero(mask)
    if len(ys):
        sl = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
        img[sl] += (rgb - img[sl]) * mask[sl][..., None]


def _circle(img: np.ndarray, c, r: float, rgb: np.ndarray, ring: float = 0.0) -> None:
    """An anti-aliased disc (or ring) blended into a float image via a small uint8 patch."""
    pad = int(r) + 3
    cx, cy = float(c[0]), float(c[1])
    x0, y0 = int(cx) - pad, int(cy) - pad
    x0c, y0c = max(0, x0), max(0, y0)
    x1, y1 = min(img.shape[1], int(cx) + pad + 1), min(img.shape[0], int(cy) + pad + 1)
    if x1 <= x0c or y1 <= y0c:
        return
    patch = np.zeros((y1 - y0c, x1 - x0c), np.uint8)
    centre = (int(round((cx - x0c) * _ONE)), int(round((cy - y0c) * _ONE)))
    thick = -1 if not ring else max(1, int(round(ring)))
    cv2.circle(patch, centre, int(round(r * _ONE)), 255, thick, cv2.LINE_AA, _SHIFT)
    m = patch.astype(np.float32)[..., None] / 255.0
    img[y0c:y1, x0c:x1] += (rgb - img[y0c:y1, x0c:x1]) * m


def _draw_dot(img: np.ndarray, dot: Dot, size: int, button: np.ndarray) -> None:
    c = np.asarray(dot.xy) * size
    r = max(1.5, dot.r * size)
    if dot.kind in ("rivet", "shank", "eyelet"):
        metal = _COPPER if dot.kind == "rivet" else _METAL
        _circle(img, c + (0.6, 0.9), r, metal * 0.45)
        _circle(img, c, r, metal)
        _circle(img, c - (r * 0.25, r * 0.25), r * 0.45, np.minimum(metal * 1.25, 255))
        if dot.kind == "eyelet":
            _circle(img, c, r * 0.45, metal * 0.3)
        return
    _circle(img, c + (0.8, 1.2), r * 1.05, button * 0.55)
    _circle(img, c, r, button)
    _circle(img, c, r * 0.78, button * 0.8, ring=max(1.0, r * 0.12))
    hole = button * 0.5
    for ang in (45, 135, 225, 315):
        off = r * 0.3 * np.array((math.cos(math.radians(ang)), math.sin(math.radians(ang))))
        _circle(img, c + off, max(0.8, r * 0.12), hole)


# ----------------------------------------------------------------------- backdrop


def _backdrop(alpha: np.ndarray, size: int) -> np.ndarray:
    """Cool grey sweep with a faint vignette and a soft contact shadow below-right."""
    coord = (np.arange(size, dtype=np.float32) + 0.5) / size - 0.5
    r2 = coord[:, None] ** 2 + coord[None, :] ** 2
    light = 1.0 - 0.05 * r2
    small = cv2.resize(alpha, (size // 4, size // 4), interpolation=cv2.INTER_AREA)
    shift = np.zeros_like(small)
    d = max(1, size // 4 // 80)
    shift[d * 2:, d:] = small[:-d * 2, :-d]
    shadow = cv2.resize(cv2.GaussianBlur(shift, (0, 0), size / 4 * 0.012), (size, size),
                        interpolation=cv2.INTER_LINEAR)
    light = light * (1.0 - 0.035 * shadow)
    return _BACKDROP[None, None, :] * light[..., None]
