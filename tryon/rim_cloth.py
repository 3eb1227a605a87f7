"""The garment's cloth carried over the band of old clothes at its edge (`rim`, `rim_hips`).

Each band pixel takes the colour of its mirror image across the garment's body, so a check or a print
carries on past the edge. Blurred, the carried check read as a flat grey smear beside the garment (a
strap-like smudge on the shoulders, a grey strip between an arm and the side); the cloth is read
sharp through a smoothed mirror map instead, so where the mirror jumps it is stretched, not streaked.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import cv2
import numpy as np

from tryon.boxes import around
from tryon.mirror import mirrored
from tryon.warp import Warped

# the deepest (share of shoulder width) inside the garment's body the band's mirror image reaches before
# folding back (twice the rim's CORE_DEPTH: a few repeats of a check): the cloth by the edge is what the
# edge carries on; deeper lie a print's motifs (a logo's corner mirrored out read as a floating piece)
SOURCE_DEPTH = 0.06
# the mirror's map is smoothed over this share of shoulder width (a third of SOURCE_DEPTH, the farthest
# the mirror's source jumps where the body's outline steps): a jump is spread over a few pixels
MAP_SMOOTH = 0.02
BLUR_REACH = 4      # sigmas OpenCV's float Gaussian kernel reaches: smoothed round the band alone, as the whole box


class Rim(NamedTuple):
    mask: np.ndarray   # bool HxW (working res): old cloth the garment's edge now covers
    # makes the warped garment with its edge colour carried over `mask`: only the garment's layer reads it,
    # so the render makes it on the helper thread while it finishes the garment's alpha
    colour: Callable[[], np.ndarray]


def carried(warped: Warped, box: tuple[slice, slice], body: np.ndarray, labels: np.ndarray, band: np.ndarray,
            shoulder_width: float) -> Rim:
    """The garment's cloth carried over `band` (inside `box`) as its mirror image across the garment's
    `body` (`labels`: the body's pixel labels from a distance transform over the box), folded back
    SOURCE_DEPTH of the shoulder width in, read through a smoothed map (`_smoothed`)."""
    mask = np.zeros(warped.alpha.shape, bool)
    mask[box] = band

    def colour() -> np.ndarray:
        source = mirrored(body, labels, band, deepest=max(1.0, SOURCE_DEPTH * shoulder_width))
        rows, cols = _smoothed(band, source, body, max(1.0, MAP_SMOOTH * shoulder_width))
        out = warped.rgb.copy()
        out[box][band] = _bilinear(warped.rgb[box], rows, cols)
        return out
    return Rim(mask, colour)


def _smoothed(band: np.ndarray, source: np.ndarray, body: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Where each `band` pixel reads its cloth (float rows and columns, in the band's scan order): its mirror
    `source` (flat indices, in the band's scan order) smoothed over the band by a Gaussian of `sigma`
    px, or the source itself where the smoothed point falls off the `body`. The mirror jumps where the
    body's outline steps (a pixel on, the nearest body point is another): read as it is, the print
    broke into rows of streaks; blurred, into a flat smear; read through a smooth map it is only
    stretched a little there."""
    h, w = band.shape
    sy, sx = np.divmod(source, w)
    near = around(band, int(np.ceil(BLUR_REACH * sigma)))
    inside = band[near]   # the band's pixels in the box, in the band's scan order
    weight = inside.astype(np.float32)
    den = np.maximum(cv2.GaussianBlur(weight, (0, 0), sigma), 1e-6)[inside]
    plane = np.zeros(weight.shape, np.float32)

    def smooth(values: np.ndarray) -> np.ndarray:
        # a plane at a time (numpy is slow along a last axis); off the band the plane is 0, on it the
        # weight is 1, so the plane is its own weighted values
        plane[inside] = values
        return cv2.GaussianBlur(plane, (0, 0), sigma)[inside] / den
    rows, cols = smooth(sy), smooth(sx)
    off = ~body[np.clip(np.round(rows).astype(int), 0, h - 1), np.clip(np.round(cols).astype(int), 0, w - 1)]
    rows[off], cols[off] = sy[off], sx[off]
    return rows, cols


def _bilinear(rgb: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`rgb` read at the float points (`rows`, `cols`), each from its four pixels (rounded to uint8)."""
    h, w = rgb.shape[:2]
    y0 = np.clip(np.floor(rows).astype(int), 0, h - 2)
    x0 = np.clip(np.floor(cols).astype(int), 0, w - 2)
    fy = np.clip(rows - y0, 0, 1)[:, None]
    fx = np.clip(cols - x0, 0, 1)[:, None]
    top = rgb[y0, x0] * (1 - fx) + rgb[y0, x0 + 1] * fx
    low = rgb[y0 + 1, x0] * (1 - fx) + rgb[y0 + 1, x0 + 1] * fx
    return np.clip(top * (1 - fy) + low * fy + 0.5, 0, 255).astype(np.uint8)
