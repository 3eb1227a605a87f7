"""Procedural product photos for the demo catalog: one garment, front view, plain backdrop.

The demo ships without image assets, yet shoppers judge products by their photos and
the try-on engine cuts garments out of them. So every product gets a deterministic
ghost-mannequin style picture drawn from its attributes: the silhouette comes from
`shapes`, the fabric from `patterns`, and this module paints and lights it.
The backdrop is a cool light grey a shade darker than white fabric and the garment
carries a thin darker rim, so even a white shirt separates with a simple threshold.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import cv2
import numpy as np

from catalog.demo.patterns import lerp, material_texture, mix, pattern_field, rib_texture, solid, tinted
from catalog.demo.geometry import Dot, Drawing, Line
from catalog.demo.shapes import drawing
from catalog.vocabulary import CATEGORIES, COLOR_RGB, MATERIALS, PATTERNS, SLEEVES

_SHIFT = 4
_ONE = 1 << _SHIFT
_BACKDROP = np.array((222.0, 223.0, 227.0), np.float32)
_LABEL = np.array((46.0, 46.0, 52.0), np.float32)
_METAL = np.array((196.0, 198.0, 204.0), np.float32)
_COPPER = np.array((176.0, 112.0, 58.0), np.float32)
_THREAD = np.array((214.0, 150.0, 62.0), np.float32)
_KNITWEAR = frozenset({"sweater", "cardigan"})
_SHEEN = {"leather": 1.5, "silk": 1.35, "polyester": 1.1}


@dataclass(frozen=True)
class GarmentSpec:
    """What a product photo must show; every field but seed is a canonical vocabulary word.

    `sleeve` applies to tops, dresses and jumpsuits (None = the category's usual
    length) and is ignored for bottoms. `accent` colours stripes, checks, dots, flowers
    and graphic prints. `seed` moves the print and picks small style variants (a bow
    on a blouse, zip or buttons on a jacket, a belt on a coat, the dress neckline).
    """

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
    box = _crop_box(art, size)
    y0, y1, x0, x1 = box
    local = art.mapped(lambda p: np.asarray(p, np.float64) - (x0 / size, y0 / size))
    shape = (y1 - y0, x1 - x0)
    base = np.asarray(COLOR_RGB[spec.color], np.float32)
    accent = _contrasting(base, np.asarray(COLOR_RGB[spec.accent], np.float32))
    material = "denim" if spec.category == "jeans" else spec.material  # jeans are denim whatever the tag says
    alpha = _silhouette(local, shape, size)
    fabric = pattern_field(spec.pattern, base, accent, shape, size, rng, local.chest)
    colour, relief, detail, weave = _paint_panels(local, fabric, base, shape, size)
    weave *= material_texture(material, spec.category in _KNITWEAR, shape, size, rng)
    light = _lighting(local, alpha, relief, size)
    detail *= _details(local, alpha, size)
    garment = _tone(colour, light, weave, detail, alpha, base, material)
    _draw_trims(garment, local, base, size, denim=material == "denim")
    photo = _backdrop(alpha, box, size)
    under = photo[y0:y1, x0:x1].astype(np.float32)
    photo[y0:y1, x0:x1] = cv2.convertScaleAbs(np.maximum(lerp(under, garment, alpha), 0.0))
    return photo


def _crop_box(art: Drawing, size: int) -> tuple[int, int, int, int]:
    """Pixel rows/cols holding the garment plus room for its rim; all painting happens inside."""
    lo, hi = art.bounds()
    pad = int(size * 0.02) + 4
    x0, y0 = (np.floor(lo * size).astype(int) - pad).clip(0, size)
    x1, y1 = (np.ceil(hi * size).astype(int) + pad).clip(0, size)
    return int(y0), int(y1), int(x0), int(x1)


def _check(spec: GarmentSpec, size: int) -> None:
    """Unknown words fail loudly: a silently wrong photo would contradict the product's text."""
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


def _poly_mask(pts: np.ndarray, shape: tuple[int, int], size: int,
               pad: int = 2) -> tuple[tuple[slice, slice], np.ndarray]:
    """Anti-aliased coverage of a polygon, cropped to its bounding box for speed."""
    p = np.asarray(pts) * size
    x0, y0 = np.maximum(np.floor(p.min(axis=0)).astype(int) - pad, 0)
    x1 = min(int(np.ceil(p[:, 0].max())) + pad, shape[1])
    y1 = min(int(np.ceil(p[:, 1].max())) + pad, shape[0])
    mask = np.zeros((max(1, y1 - y0), max(1, x1 - x0)), np.uint8)
    q = np.round((p - (x0, y0)) * _ONE).astype(np.int32)
    cv2.fillPoly(mask, [q], 255, cv2.LINE_AA, _SHIFT)
    return (slice(y0, y0 + mask.shape[0]), slice(x0, x0 + mask.shape[1])), mask.astype(np.float32) / 255.0


def _silhouette(art: Drawing, shape: tuple[int, int], size: int) -> np.ndarray:
    """Garment coverage: only outline shapes count, so overshooting overlay panels stay clipped."""
    alpha = np.zeros(shape, np.float32)
    for pts in art.outline + [p.pts for p in art.panels if p.outer]:
        sl, m = _poly_mask(pts, shape, size)
        h, w = alpha[sl].shape
        np.maximum(alpha[sl], m[:h, :w], out=alpha[sl])
    return alpha


def _paint_panels(art: Drawing, fabric: np.ndarray, base: np.ndarray, shape: tuple[int, int],
                  size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lay the overlay panels onto the fabric.

    Returns colour, relief (each panel's brightness), detail (cast shadows and edges of
    raised panels) and weave (rib texture).
    """
    colour = fabric.copy()
    relief = np.ones(shape, np.float32)
    detail = np.ones(shape, np.float32)
    weave = np.ones(shape, np.float32)
    rib_period = max(3.0, size * 0.0085)
    flat = {"solid": base, "inner": mix(base, (0, 0, 0), 0.42), "lining": mix(base, (0, 0, 0), 0.55),
            "label": _LABEL}
    for panel in art.panels:
        sl, m = _poly_mask(panel.pts, shape, size, pad=int(size * 0.012) + 2 if panel.raised else 2)
        m = m[:colour[sl].shape[0], :colour[sl].shape[1]]
        if panel.raised:
            _cast_shadow(detail, sl, m, size)
        paint = fabric[sl] if panel.fill == "base" else solid(m.shape, flat[panel.fill])
        colour[sl] = lerp(colour[sl], paint, m)
        relief[sl] += (panel.shade - relief[sl]) * m
        if panel.rib is not None:
            ys = np.arange(sl[0].start, sl[0].start + m.shape[0], dtype=np.float32)[:, None]
            xs = np.arange(sl[1].start, sl[1].start + m.shape[1], dtype=np.float32)[None, :]
            weave[sl] += (rib_texture(ys, xs, panel.rib, rib_period) - weave[sl]) * m
    return colour, relief, detail, weave


def _cast_shadow(detail: np.ndarray, sl: tuple[slice, slice], m: np.ndarray, size: int) -> None:
    """A raised layer (pocket, collar, lapel) darkens what lies just below and right of it."""
    dx, dy = max(1, round(size * 0.003)), max(1, round(size * 0.005))
    shifted = np.zeros_like(m)
    shifted[dy:, dx:] = m[:-dy, :-dx]
    soft = cv2.GaussianBlur(shifted, (0, 0), max(1.0, size * 0.004))
    detail[sl] *= 1.0 - 0.3 * soft * (1.0 - m)
    edge = np.clip(m * (1.0 - cv2.GaussianBlur(m, (0, 0), max(0.7, size / 1100))) * 3.0, 0.0, 1.0)
    detail[sl] *= 1.0 - 0.3 * edge


# ------------------------------------------------------------------------- shading


def _lines(art: Drawing, kinds: set[str]) -> list[Line]:
    return [ln for ln in art.lines if ln.kind in kinds]


def _stroke_mask(lines: list[Line], shape: tuple[int, int], size: int, width: float, dash: float = 0.0,
                 scale: int = 1) -> np.ndarray:
    """Lines drawn anti-aliased (optionally dashed) at 1/scale resolution; widths are frame fractions."""
    h, w = -(-shape[0] // scale), -(-shape[1] // scale)
    mask = np.zeros((h, w), np.uint8)
    px = size / scale
    thick = max(1, int(round(width * px)))
    for line in lines:
        pts = line.pts * (px * _ONE)
        if dash:
            segments = list(np.round(_dash(pts, dash * px * _ONE)).astype(np.int32))
        else:
            segments = [np.round(pts).astype(np.int32)]
        cv2.polylines(mask, segments, line.closed and not dash, 255, thick, cv2.LINE_AA, _SHIFT)
    return mask.astype(np.float32) * np.float32(1 / 255)


def _dash(pts: np.ndarray, length: float) -> np.ndarray:
    """Cut a polyline into dashes of `length` with equal gaps, like machine stitching: (k, 2, 2)."""
    seg = np.diff(pts, axis=0)
    dist = np.concatenate(([0.0], np.cumsum(np.hypot(seg[:, 0], seg[:, 1]))))
    if dist[-1] < length:
        return pts[None, [0, -1]]
    start = np.arange(0.0, dist[-1] - length * 0.5, 2 * length)
    t = np.stack((start, np.minimum(start + length, dist[-1])), axis=1)
    return np.stack((np.interp(t, dist, pts[:, 0]), np.interp(t, dist, pts[:, 1])), axis=2)


def _soft(mask: np.ndarray, shape: tuple[int, int], sigma_px: float) -> np.ndarray:
    low = cv2.GaussianBlur(mask, (0, 0), sigma_px)
    return cv2.resize(low, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)


def _lighting(art: Drawing, alpha: np.ndarray, relief: np.ndarray, size: int) -> np.ndarray:
    """Broad light: from above-left, a pillowy roll-off towards the edges, folds and sheen."""
    shape = alpha.shape
    inside = (alpha > 0.5).astype(np.uint8)
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, 3)
    shade = 0.84 + 0.16 * np.sqrt(np.minimum(depth * (1.0 / (size * 0.035)), 1.0))
    shade *= np.linspace(1.04, 0.96, shape[0], dtype=np.float32)[:, None]
    shade *= np.linspace(1.02, 0.98, shape[1], dtype=np.float32)[None, :]
    shade *= relief
    for kinds, width, sigma, gain in (({"fold"}, 0.01, 0.009, -0.14), ({"shine"}, 0.016, 0.012, 0.08)):
        lines = _lines(art, kinds)
        if lines:
            low = _stroke_mask(lines, shape, size, width, scale=4)
            shade *= 1.0 + gain * _soft(low, shape, sigma * size / 4)
    return shade


def _details(art: Drawing, alpha: np.ndarray, size: int) -> np.ndarray:
    """Fine construction lines and a thin dark rim just inside the outline.

    These keep full contrast even on white fabric: they are what shows a white shirt's
    collar and placket, and the rim is what keeps it off a light backdrop.
    """
    shape = alpha.shape
    edge = np.clip((1.0 - cv2.GaussianBlur(alpha, (0, 0), max(1.0, size / 500))) * 2.2, 0.0, 1.0)
    out = 1.0 - 0.35 * edge
    crease = _lines(art, {"crease"})
    if crease:
        m = _stroke_mask(crease, shape, size, 0.002)
        out *= 1.0 - 0.12 * m + 0.1 * np.roll(m, 2, axis=1)
    out *= 1.0 - 0.42 * _stroke_mask(_lines(art, {"seam"}), shape, size, 0.0016)
    out *= 1.0 - 0.3 * _stroke_mask(_lines(art, {"stitch"}), shape, size, 0.0014, dash=0.006)
    return out


def _tone(colour: np.ndarray, shade: np.ndarray, weave: np.ndarray, detail: np.ndarray, alpha: np.ndarray,
          base: np.ndarray, material: str) -> np.ndarray:
    """Apply light and weave so the garment's average colour stays the catalogue colour.

    Near-white fabric gets a compressed tonal range so its shadows never sink to the
    backdrop's grey; dark fabric gets an additive lift so its folds still read.
    """
    whiteness = float(np.clip((float(base.min()) / 255.0 - 0.7) / 0.22, 0.0, 1.0))
    calm = 1.0 - 0.85 * whiteness
    s = 1.0 + (_SHEEN.get(material, 1.0) * calm) * (shade - 1.0)
    s *= 1.0 + (0.2 + 0.8 * calm) * (weave - 1.0)
    weight = alpha > 0.5
    if weight.any():
        s *= (1.0 + 0.02 * whiteness) / float(s[weight].mean())
    s *= detail
    lum = float(base.mean()) / 255.0
    out = cv2.multiply(colour, cv2.merge([s, s, s]))
    lift = (s - 1.0) * np.float32(55.0 * (1.0 - lum))
    out += cv2.merge([lift, lift, lift])
    if material in _SHEEN:
        spec = np.clip(s - 1.03, 0.0, None) * np.float32(1.25 if material != "polyester" else 0.5)
        out += cv2.multiply(255.0 - colour, cv2.merge([spec, spec, spec]))
    return out


# -------------------------------------------------------------------------- trims


def _draw_trims(img: np.ndarray, art: Drawing, base: np.ndarray, size: int, denim: bool) -> None:
    """Things that are not fabric: contrast thread, drawstrings, zips, buttons, rivets."""
    shape = img.shape[:2]
    dark = base.mean() < 90
    thread = _THREAD if denim else mix(base, (255, 255, 255), 0.35) if dark else mix(base, (0, 0, 0), 0.3)
    cord = mix(base, (255, 255, 255), 0.2) if base.mean() < 200 else mix(base, (0, 0, 0), 0.12)
    layers = (({"thread"}, 0.0022, 0.007, thread), ({"cord"}, 0.012, 0.0, mix(cord, (0, 0, 0), 0.35)),
              ({"cord"}, 0.0085, 0.0, cord), ({"zip"}, 0.011, 0.0, mix(base, (0, 0, 0), 0.55)),
              ({"zip"}, 0.006, 0.0022, _METAL), ({"metal"}, 0.005, 0.0, _METAL))
    for kinds, width, dash, rgb in layers:
        lines = _lines(art, kinds)
        if lines:
            _blend(img, _stroke_mask(lines, shape, size, width, dash), rgb, lines, size)
    for line in art.lines:
        end = line.pts[-1] * size
        if line.kind == "cord":
            _circle(img, end - (end - line.pts[-2] * size) * 0.5, 0.0065 * size, _METAL * 0.9)
        elif line.kind == "zip":
            top = line.pts[0] * size
            _circle(img, top + (0.0, 0.012 * size), 0.009 * size, _METAL * 0.8)
            _circle(img, top + (0.0, 0.03 * size), 0.006 * size, _METAL)
    button = mix(base, (0, 0, 0), 0.35) if base.mean() > 110 else mix(base, (255, 255, 255), 0.3)
    for dot in art.dots:
        _draw_dot(img, dot, size, button)


def _blend(img: np.ndarray, mask: np.ndarray, rgb: np.ndarray, lines: list[Line], size: int) -> None:
    """Paint `rgb` through `mask`, touching only the box around `lines` (masks are mostly empty)."""
    pts = np.vstack([ln.pts for ln in lines]) * size
    pad = int(size * 0.01) + 3
    x0, y0 = np.maximum(np.floor(pts.min(axis=0)).astype(int) - pad, 0)
    x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + pad
    sl = (slice(y0, y1), slice(x0, x1))
    img[sl] = lerp(img[sl], solid(mask[sl].shape, rgb), np.ascontiguousarray(mask[sl]))


def _circle(img: np.ndarray, c, r: float, rgb: np.ndarray, ring: float = 0.0) -> None:
    """An anti-aliased disc (or ring) blended into a float image via a small uint8 patch."""
    pad = int(r) + 3
    cx, cy = float(c[0]), float(c[1])
    x0, y0 = max(0, int(cx) - pad), max(0, int(cy) - pad)
    x1, y1 = min(img.shape[1], int(cx) + pad + 1), min(img.shape[0], int(cy) + pad + 1)
    if x1 <= x0 or y1 <= y0:
        return
    patch = np.zeros((y1 - y0, x1 - x0), np.uint8)
    centre = (int(round((cx - x0) * _ONE)), int(round((cy - y0) * _ONE)))
    thick = -1 if not ring else max(1, int(round(ring)))
    cv2.circle(patch, centre, int(round(r * _ONE)), 255, thick, cv2.LINE_AA, _SHIFT)
    m = patch.astype(np.float32)[..., None] / 255.0
    img[y0:y1, x0:x1] += (rgb - img[y0:y1, x0:x1]) * m


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
    for ang in (45, 135, 225, 315):
        off = r * 0.3 * np.array((math.cos(math.radians(ang)), math.sin(math.radians(ang))))
        _circle(img, c + off, max(0.8, r * 0.12), button * 0.5)


# ----------------------------------------------------------------------- backdrop


def _backdrop(alpha: np.ndarray, box: tuple[int, int, int, int], size: int) -> np.ndarray:
    """Cool grey sweep with a faint vignette and a soft contact shadow below-right.

    Everything here is smooth, so it is computed at quarter resolution and scaled up.
    """
    q = 4
    n = -(-size // q)
    coord = (np.arange(n, dtype=np.float32) + 0.5) / n - 0.5
    light = 1.0 - 0.05 * (coord[:, None] ** 2 + coord[None, :] ** 2)
    y0, y1, x0, x1 = box
    small = np.zeros((n, n), np.float32)
    d = max(1, n // 80)
    crop = cv2.resize(alpha, (max(1, (x1 - x0) // q), max(1, (y1 - y0) // q)), interpolation=cv2.INTER_AREA)
    sy, sx = y0 // q + 2 * d, x0 // q + d
    ch, cw = min(crop.shape[0], n - sy), min(crop.shape[1], n - sx)
    small[sy:sy + ch, sx:sx + cw] = crop[:ch, :cw]
    light *= 1.0 - 0.035 * cv2.GaussianBlur(small, (0, 0), n * 0.012)
    return cv2.resize(tinted(light, _BACKDROP), (size, size), interpolation=cv2.INTER_LINEAR).round().astype(np.uint8)
