"""The garment's outline as drawn: one clean, anti-aliased edge, and colour beside it that is the garment's own.

The warp carries the product's soft cut-out edge, and stretched along a sleeve's hem that softness
became a wide fuzzy fringe (a torn-looking hem); the rim carried over old clothes ends on the
segmenter's stepped outline. So the garment's half-way contour is kept where it lands, rounded by a
small blur, and the edge round it redrawn about a pixel wide however soft it was. Pieces of it far
smaller than the garment, cut off by what stays in front or left by the rim, are specks: floating
fragments, not the product. Colour is read only from the garment: pixels beside it that the edge or a
resampling reaches take the colour of the garment next to them, never the product photo's backdrop
or the empty (black) warp border.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.compose.rim_cloth import blurred_near
from tryon.shared.components import components, components_with_stats

OUTLINE_SMOOTH_PX = 1.0  # px (working res): blur that rounds the shape's pixel steps before it is redrawn
RAMP_PX = 1.0         # px (working res) the redrawn edge takes from clear to solid: anti-aliased, not feathered
# the least slope (alpha per px) an edge is taken to have: flat alpha is no edge, and its noise is not measured
MIN_SLOPE = 0.02
# a piece of the garment apart from its largest, smaller than this share of shoulder width squared, is a
# speck: a sleeve or trouser leg cut off by a hand or bag is many times larger
SPECK_AREA = 0.01
# a speck whose outline lies at least this share on what stays in front is seen through a gap in it (a hole
# in a bag is ringed by it all round); a sliver along a hand's edge has about half its outline on the hand
ENCLOSED = 0.75
# px (working res) the garment's colour is carried out past its edge: the redrawn edge's outer half and
# the bilinear reach of resampling it to the photo's size
FILL_REACH = 2
FILL_LEAST = 16       # of 255: the least share of garment in that box a pixel's fill is read from (8-bit means are coarse below it)
# where a sleeve's edge faces the room it lies on the person mask's outline (the rim carried it over old
# cloth to there, the clip to the body cut it there), and that outline waves and steps by a few px along a
# straight sleeve (the segmenter's mask is coarser than the working frame): a torn-looking sleeve. Cloth's
# own edge is straight at that scale, so there the shape is rounded by a blur this wide (share of shoulder
# width: a few px, far below a sleeve's width or a hem's corner)
ROOM_SMOOTH = 0.02
ROOM_NEAR_SMOOTHS = 2.0       # the edge is the room's within this many ROOM_SMOOTH widths of it: as far as that blur reads


def specks(shape: np.ndarray, front: np.ndarray, body: np.ndarray, shoulder_width: float) -> np.ndarray:
    """The pieces of `shape` (bool), other than the largest, smaller than SPECK_AREA * shoulder width squared,
    unless mostly ringed by `front` (what stays in front of the garment) and lying on the `body`: the
    garment seen through a bag's handle hole is where it would be, but the room seen between a hand's
    fingers beside the body is not garment. Each with the pixel round it, where its soft edge lies."""
    gone = np.zeros_like(shape)
    pixels = shape.astype(np.uint8)
    # counted first: the shape is most often one piece, and the pieces' sizes and boxes took four times as long
    if components(pixels, connectivity=8)[0] <= 2:
        return gone
    n, parts, stats, _ = components_with_stats(pixels, connectivity=8)
    areas = stats[:, cv2.CC_STAT_AREA]
    small = areas < SPECK_AREA * shoulder_width * shoulder_width
    small[0] = False
    small[1 + int(np.argmax(areas[1:]))] = False
    ring_px = np.ones((3, 3), np.uint8)
    for i in np.flatnonzero(small):
        x, y, w, h = stats[i, :4]
        box = (slice(max(0, y - 1), y + h + 1), slice(max(0, x - 1), x + w + 1))
        piece = parts[box] == i
        grown = cv2.dilate(piece.astype(np.uint8), ring_px).astype(bool)
        if front[box][grown & ~shape[box]].mean() < ENCLOSED or body[box][piece].mean() < 0.5:
            gone[box] |= grown
    return gone


def room_nearness(room: np.ndarray, sleeves: np.ndarray, shoulder_width: float) -> np.ndarray | None:
    """How far `redrawn` takes a sleeve's edge from the wider blur of `room_rounded` (1 within ROOM_NEAR_SMOOTHS
    ROOM_SMOOTH widths of both the `room` (bool: off the person) and the `sleeves` (their pixels), fading to
    0 over one more), or None where no such blur applies. It reads no alpha: the render makes it on the
    helper thread while it finishes the garment's alpha."""
    sigma = ROOM_SMOOTH * shoulder_width
    if sigma <= OUTLINE_SMOOTH_PX or not room.any() or not sleeves.any():
        return None
    near = np.ones(room.shape, np.float32)
    for part in (room, sleeves):
        near = np.minimum(near, ROOM_NEAR_SMOOTHS + 1.0 - cv2.distanceTransform((~part).astype(np.uint8), cv2.DIST_L2, 3) / sigma)
    return np.clip(near, 0.0, 1.0)


def room_rounded(alpha: np.ndarray, smooth: np.ndarray, near: np.ndarray, shoulder_width: float) -> np.ndarray:
    """`smooth` (`alpha` blurred by OUTLINE_SMOOTH_PX) where a sleeve's edge faces the room (`near`: from
    `room_nearness`) taken from `alpha` blurred ROOM_SMOOTH wide instead, fading back over one such width:
    the outline's waves there are the segmenter's, not the cloth's. Only at the sleeves: a neckline's
    corner by the shoulder, rounded off, bared an old strap's stub. Zeros lie past the array's border
    (`alpha` is a box round the garment), as they do in the frame."""
    sigma = ROOM_SMOOTH * shoulder_width
    r = int(4 * sigma) + 1  # OpenCV's float Gaussian kernel reaches 4 sigma
    padded = cv2.copyMakeBorder(alpha.astype(np.float32), r, r, r, r, cv2.BORDER_CONSTANT, value=0)
    # blurred only where it is read (`near` over 0; elsewhere it is 0 and `smooth` is kept as it is)
    shown = cv2.copyMakeBorder((near > 0).astype(np.uint8), r, r, r, r, cv2.BORDER_CONSTANT, value=0) > 0
    wide = blurred_near([padded], shown, sigma, r)[0][r:-r, r:-r]
    return smooth + near * (wide - smooth)


def redrawn(alpha: np.ndarray, near: np.ndarray | None = None, shoulder_width: float = 0.0) -> np.ndarray:
    """`alpha` (float32 0..1) with its half-way contour, rounded by OUTLINE_SMOOTH_PX (and where a sleeve's edge
    faces the room, `near` from `room_nearness`, by `room_rounded`), kept where it lies (to a fraction of a
    pixel) and the edge round it redrawn RAMP_PX wide, however soft it was: each pixel's alpha is its
    distance to the contour, the height over a half divided by the slope there."""
    smooth = cv2.GaussianBlur(alpha.astype(np.float32), (0, 0), OUTLINE_SMOOTH_PX)
    if near is not None:
        smooth = room_rounded(alpha, smooth, near, shoulder_width)
    dx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3, scale=0.125)
    dy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3, scale=0.125)
    # numpy's root, not cv2.magnitude: OpenCV's first call in a process rounds unlike its later ones,
    # and the same photo must render the same every time
    slope = np.sqrt(dx * dx + dy * dy)
    return np.clip((smooth - 0.5) / (np.maximum(slope, MIN_SLOPE) * RAMP_PX) + 0.5, 0.0, 1.0)


def filled_past_edge(rgb: np.ndarray, own: np.ndarray) -> np.ndarray:
    """`rgb` (uint8 HxWx3) with the pixels outside `own` (where the colour is the garment's) given the
    mean colour of `own`'s pixels within FILL_REACH; pixels with too few of them there keep theirs (no
    alpha is there). In 8 bits: the weights are 0 or 1, so the sums are exact enough."""
    weight = own.astype(np.uint8)
    size = (2 * FILL_REACH + 1,) * 2
    den = cv2.boxFilter(weight * 255, -1, size)
    fill = ~own & (den >= FILL_LEAST)
    if not fill.any():
        return rgb
    # (a masked bitwise_and leaves the unmasked pixels of a new output uninitialised: zeroed here)
    num = cv2.boxFilter(cv2.bitwise_and(rgb, rgb, dst=np.zeros_like(rgb), mask=weight), -1, size)
    out = rgb.copy()
    # read and written at the pixels' flat indices, found once (each boolean index scanned the whole mask)
    at = np.flatnonzero(fill)
    mean = num.reshape(-1, 3)[at].astype(np.float32) * 255.0 / den.reshape(-1)[at, None] + 0.5
    out.reshape(-1, 3)[at] = np.clip(mean, 0, 255).astype(np.uint8)
    return out
