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

from tryon.shared.boxes import BLUR_REACH_SIGMAS, around, grown
from tryon.shared.mirror import mirrored
from tryon.fit.warp import Warped

# the deepest (share of shoulder width) inside the garment's body the band's mirror image reaches before
# folding back (twice the rim's CORE_DEPTH: a few repeats of a check): the cloth by the edge is what the
# edge carries on; deeper lie a print's motifs (a logo's corner mirrored out read as a floating piece)
SOURCE_DEPTH = 0.06
# the mirror's map is smoothed over this share of shoulder width (a third of SOURCE_DEPTH, the farthest
# the mirror's source jumps where the body's outline steps): a jump is spread over a few pixels
MAP_SMOOTH = 0.02
# rows (working px) of a slab a thin band is cut into to be blurred piece by piece (`blurred_near`): about three
# reaches of the blurs it is used for, so a piece's box is mostly its own strip of band, yet the pieces are few
# (on the rim: about half the one box's area)
PIECE_ROWS = 64


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
    reach = int(np.ceil(BLUR_REACH_SIGMAS * sigma))
    near = around(band, reach)
    inside = band[near]   # the band's pixels in the box, in the band's scan order
    # the weight (1 on the band), and the source's rows and columns on it (0 off it): the plane's weighted values
    planes = [inside.astype(np.float32), np.zeros(inside.shape, np.float32), np.zeros(inside.shape, np.float32)]
    planes[1][inside], planes[2][inside] = sy, sx
    blurred = blurred_near(planes, inside, sigma, reach)
    den = np.maximum(blurred[0][inside], 1e-6)
    rows, cols = blurred[1][inside] / den, blurred[2][inside] / den
    off = ~body[np.clip(np.round(rows).astype(int), 0, h - 1), np.clip(np.round(cols).astype(int), 0, w - 1)]
    rows[off], cols[off] = sy[off], sx[off]
    return rows, cols


def blurred_near(planes: list[np.ndarray], where: np.ndarray, sigma: float, reach: int) -> list[np.ndarray]:
    """Each of `planes` (float32) blurred by a Gaussian of `sigma` px (its kernel reaching at most `reach` px), as
    the whole plane's blur at `where`'s pixels (0 away from the boxes round them). Blurred a plane at a time (numpy is slow along
    a last axis), and only round `where`'s pieces (`_pieces`): a thin band round a garment had a box that was
    mostly garment, and the blur was most of its cost."""
    out = [np.zeros(where.shape, np.float32) for _ in planes]
    for box, inner, own in _pieces(where, reach):
        for plane, blurred in zip(planes, out):
            blurred[own] = cv2.GaussianBlur(plane[box], (0, 0), sigma)[inner]
    return out


def _pieces(where: np.ndarray, reach: int
            ) -> list[tuple[tuple[slice, slice], tuple[slice, slice], tuple[slice, slice]]]:
    """Boxes that cover `where`'s pixels between them, each grown by `reach` px (kept inside the array): a
    blur reaching that far, run on each, equals the whole array's blur in its own part. Per slab of
    PIECE_ROWS rows, the runs of columns holding pixels (parted by more than two reaches). Each as (the
    grown box, its own part within that box, its own part within the array)."""
    out = []
    rows = np.flatnonzero(where.any(axis=1))
    if not rows.size:
        return out
    for y in range(int(rows[0]), int(rows[-1]) + 1, PIECE_ROWS):
        cols = np.flatnonzero(where[y:y + PIECE_ROWS].any(axis=0))
        if not cols.size:
            continue
        mine = rows[(rows >= y) & (rows < y + PIECE_ROWS)]
        y0, y1 = int(mine[0]), int(mine[-1]) + 1
        cut = np.flatnonzero(np.diff(cols) > 2 * reach)
        for x0, x1 in zip([cols[0], *cols[cut + 1]], [*cols[cut], cols[-1]]):
            own = (slice(y0, y1), slice(int(x0), int(x1) + 1))
            box, inner = grown(own, reach, where.shape)
            out.append((box, inner, own))
    return out


def _bilinear(rgb: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """`rgb` read at the float points (`rows`, `cols`), each from its four pixels (rounded to uint8); plane
    by plane, each read at the four pixels' flat indices (numpy is slow along a last axis of 3)."""
    h, w = rgb.shape[:2]
    y0 = np.clip(np.floor(rows).astype(int), 0, h - 2)
    x0 = np.clip(np.floor(cols).astype(int), 0, w - 2)
    fy, fx = np.clip(rows - y0, 0, 1), np.clip(cols - x0, 0, 1)
    gy, gx = 1 - fy, 1 - fx
    at = y0 * w + x0
    out = np.empty((rows.size, 3), np.uint8)
    for c, plane in enumerate(cv2.split(rgb)):
        flat = plane.ravel()
        top = flat[at] * gx + flat[at + 1] * fx
        low = flat[at + w] * gx + flat[at + w + 1] * fx
        out[:, c] = np.clip(top * gy + low * fy + 0.5, 0, 255).astype(np.uint8)
    return out
