"""A top worn round a body, not pasted flat on the photo.

The product shot is flat: warped straight onto the torso, its hem was a ruler-straight line with a hard
edge on the trousers below, and its light was as even as the flat shot's, a sticker. Worn, the torso is
round (at each height about as deep as a share of its width), and three things follow from that:

- the hem goes round the body at one height, and a camera at chest height sees that level ring from
  above: its front hangs lower in the photo than its sides, an arc across the torso's width (`hang_round`);
- the cloth turns away from the camera and the light towards the torso's sides, so it darkens there
  (`turn_shade`, from the garment's own width at each height: its edge is where the body turns away);
- the hem stands off the body a little and shades what is under it, a soft shadow fading down from the
  hem onto the waistband (`hem_shadow`); the hem's own fold darkens its last rows.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

from tryon.analysis.body_frame import CAMERA_AT, TORSO_DEPTH, VIEW_DOWN, body_frame, row_half_widths
from tryon.analysis.person import PersonAnalysis
from tryon.shared.pixels import last_in_columns, last_in_rows

# the hem's middle hangs at most this share of shoulder width below its sides: past the hips a long or
# loose top falls straight down (over a wide skirt the ring read from the outline is the skirt's)
MAX_DROP = 0.1
# the cloth at the torso's very side is this much darker than at its front (light falling off as it turns)
TURN_DARK = 0.12
# the garment's width is read smoothed over this share of shoulder width down the body (its outline's
# steps at a sleeve seam or an arm's edge are not the body's shape)
TURN_SMOOTH = 0.08
# a shadow under the hem: this dark at the hem, fading down over this share of shoulder width
SHADOW_DARK = 0.32
SHADOW_REACH = 0.025
# the hem's turned-under fold: its last rows this much darker, over the same reach
HEM_FOLD_DARK = 0.08
# a top's hem, curved round the body or slanted across it, has its lowest rows within this share of
# shoulder width of each other (a column of the garment ending higher ends at a sleeve or an arm)
HEM_ROWS_SPAN = 0.2
SHADOW_SOFT = 0.8  # px (working res): the shadow is blurred across this much, so a curved hem's is not stepped
MIN_REACH = 1.5  # px (working res): a shadow narrower than this is an edge's aliasing, not a shadow


def _unbent(planes: list[np.ndarray]) -> list[np.ndarray]:
    return planes


def hang_round(person: PersonAnalysis, body: np.ndarray) -> Callable[[list[np.ndarray]], list[np.ndarray]]:
    """The bend that takes the warped garment's planes (working res) as worn round the torso: below the
    camera's height each level of the garment (`body`, its pixels less sleeves) is a ring seen from above,
    its front lower than its sides by the torso's depth there (its width in the person mask, at most the
    garment's), more the farther below the camera; the hem an arc, not a ruler line. A function of the
    planes, so that the garment's colours, which only its layer reads, are bent apart from its alpha (on
    the helper thread) as they would be with it: each plane is pulled from the same place."""
    if not body.any():
        return _unbent
    frame = body_frame(person)
    cam_y = float(frame.mid_s[1]) + CAMERA_AT * frame.torso_len
    sigma = max(1.0, TURN_SMOOTH * frame.sw)
    rows, left, right = _row_extent(body, sigma)
    # the torso's half-width: the person mask's run at each height, at most the garment's (the mask takes in
    # the arms hanging against it); smoothed down the body like the garment's, so no row jumps from the next
    garment_half = (right - left) / 2
    mask_half = row_half_widths(person.mask, int(rows[0]), int(rows[-1]) + 1, float(frame.mid_h[0]))[rows - rows[0]]
    half = _smooth(np.fmin(mask_half, garment_half).astype(np.float32), sigma)
    most = VIEW_DOWN * TORSO_DEPTH * float(half.max()) * max(0.0, (rows[-1] - cam_y) / frame.torso_len)
    scale = min(1.0, MAX_DROP * frame.sw / max(most, 1e-6))  # the arc kept whole, only shallower
    most *= scale
    if most < 1.0:
        return _unbent
    h, w = body.shape
    # from where the arc's middle has sunk half a pixel: above it the bend changes nothing
    start = cam_y + 0.5 * (rows[-1] - cam_y) / most
    y0, y1 = max(int(start), int(rows[0])), min(h, int(rows[-1] + most) + 2)
    if y1 <= y0:
        return _unbent
    x0, x1 = int(max(0, left.min())), int(min(w, right.max() + 1))
    ys = np.arange(y0, y1, dtype=np.float32)
    # the ring's half-width at each output row: the garment's above its lowest row, its hem's below
    ring = np.interp(ys, rows.astype(np.float32), half)
    centre = np.interp(ys, rows.astype(np.float32), (left + right) / 2)
    across = np.arange(x0, x1, dtype=np.float32)[None, :] - centre[:, None]
    depth = TORSO_DEPTH * np.clip(ring[:, None] - across ** 2 / np.maximum(ring[:, None], 1.0), 0, None)
    view = VIEW_DOWN * np.clip((ys - cam_y) / frame.torso_len, 0, None)[:, None]
    # the sides stay where the flat warp put them (raised, they would bare what is worn under the top there)
    map_y = ys[:, None] - scale * view * depth
    # read from the rows the bend pulls from alone (a crop, so the maps are offset to it)
    sy0 = max(0, y0 - int(np.ceil(most)) - 1)
    map_x = np.ascontiguousarray(np.broadcast_to(np.arange(x1 - x0, dtype=np.float32)[None, :], map_y.shape))
    map_y = np.ascontiguousarray((map_y - sy0).astype(np.float32))
    crop = (slice(sy0, y1), slice(x0, x1))

    def bend(planes: list[np.ndarray]) -> list[np.ndarray]:
        # the one-channel planes pulled across together (one remap of up to four channels)
        flat = [i for i, p in enumerate(planes) if p.ndim == 2]
        out = [p.copy() for p in planes]
        for group in ([flat[k:k + 4] for k in range(0, len(flat), 4)] + [[i] for i, p in enumerate(planes) if p.ndim == 3]):
            src = planes[group[0]][crop] if len(group) == 1 else cv2.merge([planes[i][crop] for i in group])
            bent = cv2.remap(src, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
            for i, part in zip(group, [bent] if len(group) == 1 else cv2.split(bent)):
                out[i][y0:y1, x0:x1] = part
        return out
    return bend


def _row_extent(body: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows `body` has pixels in, and its smoothed left and right edges on them."""
    rows = np.flatnonzero(body.any(axis=1))
    sub = body[rows]
    left = np.argmax(sub, axis=1).astype(np.float32)
    right = last_in_rows(sub).astype(np.float32)
    return rows, _smooth(left, sigma), _smooth(right, sigma)


def _smooth(values: np.ndarray, sigma: float) -> np.ndarray:
    """`values` (one a row) blurred along the rows."""
    if values.size < 2:
        return values
    k = max(3, int(3 * sigma) * 2 + 1)
    return cv2.GaussianBlur(values[:, None], (1, k), sigma, borderType=cv2.BORDER_REPLICATE)[:, 0]


def turn_shade(body: np.ndarray, sw: float) -> np.ndarray:
    """Light factor (≤1, working res) over the garment's body `body`: 1 at the torso's front, darker as
    its surface turns away towards the sides (a round section's normal, from the garment's width per row)."""
    out = np.ones(body.shape, np.float32)
    if not body.any():
        return out
    rows, left, right = _row_extent(body, max(1.0, TURN_SMOOTH * sw))
    centre, half = (left + right) / 2, np.maximum((right - left) / 2, 1.0)
    cols = np.flatnonzero(body.any(axis=0))
    x0, x1 = int(cols[0]), int(cols[-1]) + 1
    # 1 - TURN_DARK * (1 - sqrt(1 - u²)), u the share of the way out to the side (at most 1), worked out in place
    u = np.abs(np.arange(x0, x1, dtype=np.float32)[None, :] - centre[:, None])
    u /= half[:, None]
    np.minimum(u, 1, out=u)
    u *= u
    np.sqrt(np.subtract(1.0, u, out=u), out=u)
    np.subtract(1.0, u, out=u)
    u *= TURN_DARK
    out[rows, x0:x1] = np.subtract(1.0, u, out=u)
    return out


Fold = tuple[tuple[slice, slice], np.ndarray]   # the hem's fold: its box (working res) and its light factors there


def hem_shadow(solid: np.ndarray, lands_on: np.ndarray, sw: float) -> tuple[np.ndarray, Fold | None]:
    """Light factors (≤1, working res) under and on a top's hem: below each column's lowest garment pixel
    (`solid`) on what the hem lies on (`lands_on`), the shadow fading down; above it, the hem's fold, over
    its box alone (1 outside it; None without a hem): the garment's layer, made over a crop, reads it there."""
    h, w = solid.shape
    under = np.ones((h, w), np.float32)
    cols = np.flatnonzero(solid.any(axis=0))
    if cols.size == 0:
        return under, None
    reach = max(MIN_REACH, SHADOW_REACH * sw)
    lowest = last_in_columns(solid[:, cols[0]:cols[-1] + 1])[cols - cols[0]].astype(np.float32)
    on_hem = lowest >= lowest.max() - HEM_ROWS_SPAN * sw
    cols, lowest = cols[on_hem], lowest[on_hem]
    span = int(np.ceil(4 * reach))
    y0, y1 = max(0, int(lowest.min()) - span), min(h, int(lowest.max()) + span + 1)
    d = np.arange(y0, y1, dtype=np.float32)[:, None] - lowest[None, :]
    below = np.exp(-np.clip(d, 0, None) / reach) * (d >= 0)
    under[y0:y1, cols] = cv2.GaussianBlur(1.0 - SHADOW_DARK * below * lands_on[y0:y1, cols], (0, 0), SHADOW_SOFT)
    box = (slice(y0, y1), slice(int(cols[0]), int(cols[-1]) + 1))
    fold = np.ones((y1 - y0, box[1].stop - box[1].start), np.float32)
    fold[:, cols - box[1].start] = 1.0 - HEM_FOLD_DARK * np.exp(np.clip(d, None, 0) / reach) * (d <= 0)
    return under, (box, fold)
