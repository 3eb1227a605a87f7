"""Render quality without ground truth.

- `face_ssim`: SSIM of the face region, render vs input (1.0 = untouched);
- `background_delta`: mean |Δ| (0..255) over pixels outside the person mask and the garment drawn (a flared
  skirt's hem stands out past the legs: that is the garment, not a change to the room);
- `changed_on_body`: share of changed pixels (max channel |Δ| > threshold) lying on the person
  (mask grown by a small margin, since a garment is a little wider than the body) or the garment drawn;
- `garment_delta_e`: CIEDE2000 between the product's median colour (from its cut-out) and the
  rendered garment's median colour after a global gain that matches lightness, which removes
  the photo's shading and keeps hue and chroma honest.
"""

from __future__ import annotations

import cv2
import numpy as np
from skimage.color import deltaE_ciede2000, rgb2lab
from skimage.metrics import structural_similarity

CHANGE_THRESHOLD = 12
GARMENT_DRAWN = 0.02   # a render's alpha past which a pixel is the garment's


def _resize_mask(mask: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    if mask.shape[:2] == shape:
        return mask
    return cv2.resize(mask.astype(np.float32), (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)


def face_ssim(original: np.ndarray, rendered: np.ndarray, box: tuple[int, int, int, int] | None) -> float:
    if box is None:
        x0, y0, x1, y1 = 0, 0, original.shape[1], original.shape[0]
    else:
        x0, y0, x1, y1 = box
    a, b = original[y0:y1, x0:x1], rendered[y0:y1, x0:x1]
    if min(a.shape[:2]) < 7:
        return float(np.array_equal(a, b))
    return float(structural_similarity(a, b, channel_axis=2, data_range=255))


def background_delta(original: np.ndarray, rendered: np.ndarray, person_mask: np.ndarray,
                     garment: np.ndarray | None = None) -> float:
    m = (_resize_mask(person_mask, original.shape[:2]) <= 0.5) & ~_drawn(garment, original.shape[:2])
    if not m.any():
        return 0.0
    d = np.abs(original.astype(np.int16) - rendered.astype(np.int16)).mean(axis=2)
    return float(d[m].mean())


def changed_on_body(original: np.ndarray, rendered: np.ndarray, person_mask: np.ndarray, margin: int = 0,
                    threshold: int = CHANGE_THRESHOLD, garment: np.ndarray | None = None) -> float:
    """Share of changed pixels on the (grown) person mask or the garment drawn; 1.0 when nothing changed."""
    changed = np.abs(original.astype(np.int16) - rendered.astype(np.int16)).max(axis=2) > threshold
    if not changed.any():
        return 1.0
    body = _resize_mask(person_mask, original.shape[:2]) > 0.5
    if margin > 0:
        body = cv2.dilate(body.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1,) * 2)) > 0
    body |= _drawn(garment, original.shape[:2])
    return float((changed & body).sum() / changed.sum())


def _drawn(garment: np.ndarray | None, shape: tuple[int, int]) -> np.ndarray:
    """Where the render's garment alpha (any resolution) is drawn, at `shape`; nowhere without one."""
    if garment is None:
        return np.zeros(shape, bool)
    return _resize_mask(garment, shape) > GARMENT_DRAWN


def _lab(rgb: np.ndarray) -> np.ndarray:
    return rgb2lab(np.asarray(rgb, np.float64).reshape(1, -1, 3) / 255.0).reshape(-1, 3)


def garment_delta_e(product_rgb: tuple[float, float, float] | np.ndarray, rendered: np.ndarray,
                    region: np.ndarray) -> float:
    """ΔE2000 between the product colour and the rendered garment region with shading removed."""
    region = _resize_mask(region, rendered.shape[:2]) > 0.5
    if region.sum() < 20:
        return float("nan")
    px = rendered[region].astype(np.float64)
    prod = np.asarray(product_rgb, np.float64).reshape(1, 3)
    lum = px @ np.array([0.299, 0.587, 0.114])
    gain = float((prod @ np.array([0.299, 0.587, 0.114]))[0]) / max(1.0, float(np.median(lum)))
    med = np.clip(np.median(px, axis=0) * gain, 0, 255)
    return float(deltaE_ciede2000(_lab(prod)[0], _lab(med.reshape(1, 3))[0]))


def evaluate(original: np.ndarray, rendered: np.ndarray, person, alpha: np.ndarray | None,
             product_rgb) -> dict[str, float]:
    """All metrics for one render. `person` is a PersonAnalysis (working-res mask/face box)."""
    H, W = original.shape[:2]
    s = 1.0 / person.scale
    box = None
    if person.face_box is not None:
        box = tuple(int(round(v * s)) for v in person.face_box)
    sw = person.shoulder_width * s
    out = {
        "face_ssim": face_ssim(original, rendered, box),
        "background_delta": background_delta(original, rendered, person.mask, alpha),
        "changed_on_body": changed_on_body(original, rendered, person.mask, margin=max(1, int(0.06 * sw)),
                                           garment=alpha),
    }
    if alpha is not None:
        core = (alpha > 0.95).astype(np.float32)
        core = cv2.erode(core, np.ones((5, 5), np.uint8))
        out["garment_delta_e"] = garment_delta_e(product_rgb, rendered, core)
    return out
