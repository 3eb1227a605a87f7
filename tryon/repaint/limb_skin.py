"""A rebuilt limb in the shopper's own skin: drawn with the real shin's, and meeting the real skin
beside it without a seam.

A rebuilt arm meets the real skin beside it without a seam.

Painted in the shopper's tone (turning into the neck's up the upper arm) and lit from the old
clothing's light, a rebuilt upper arm met the real arm below a T-shirt's sleeve, or the bare deltoid
beside a tank's wide shoulder, at a step of colour and lightness along the old clothing's outline: a
flat slab with a hard edge. Here the difference between the real skin just outside the paint and the
paint just inside is read along where they meet, carried to every painted pixel from its nearest
point there and faded out with the distance from it, so the paint turns into the real skin where they meet
and keeps its own colour and light further in.

A rebuilt leg is drawn with the shopper's own skin: the real shin's carried up past the old hem, or
where none shows (trousers into the shoes), a bare forearm's.

Painted in one tone lit by a fitted curve, the rebuilt part of a leg read as a flat tube set on the
real shin, with another edge and grain than the shin's at the old hem. The shin that shows below the
old clothing is this leg under this light: its rows, mirrored about the old hem (and back again, as
far as the leg reaches up), are laid across the rebuilt leg, each stretched from the shin's edges to
the rebuilt leg's own. The leg then carries on the shin's shading across its width, its outline's
soft dark edge and its grain, and meets the shin at the old hem without a line: the row above the
hem is the row below it. Under trousers the nearer bare forearm, the same skin under the same light,
gives the leg a limb's shading across and its grain in place of a modelled tube's.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.limbs import Limb, arm_limbs, coverage, silhouette
from tryon.analysis.person import PersonAnalysis
from tryon.repaint.arm_fit import FORE_READ, normal, reads
from tryon.repaint.bare_legs import seam, shin_edges, shin_rows
from tryon.repaint.limb_light import SKIN_READ_INSET_PX, knee
from tryon.shared.boxes import around

# share of shoulder width: the band each side of the meeting line where both colours are read; about a
# finger's width, narrower than the upper arm, so the read stays on the arm next to the line
SEAM_READ_REACH = 0.05
# share of shoulder width: each side of the meeting line its colour is averaged over a square this far
# each way (a fold's or a freckle's colour is no step between the two), about half an upper arm's width
SPREAD = 0.1
# share of shoulder width: how far into the paint the difference carries, fading to nothing there (a
# smooth ramp, no edge where it ends); about two upper arms' width, so the seam's step turns into a
# smooth change of light across the arm's round and down it
FADE = 0.5
MIN_MEET = 20           # px of paint and of real skin where they meet that give their difference (fewer: a corner)
OWN_EDGE = 2            # px the real skin read keeps off the painted area's soft edge (mixed with the paint)


def meet_real(skin: np.ndarray, lab: np.ndarray, painted: np.ndarray, real: np.ndarray,
              shoulder_width: float) -> np.ndarray:
    """`skin` (RGB paint over a crop) with its `painted` pixels moved towards the colour of the photo's
    `real` bare skin (Lab `lab`, same crop) where the two meet; unchanged where they do not. Made in the
    box the carried difference reaches, its means read at the meeting line's pixels alone (from sums
    over the box): cheap on the crop."""
    # the real skin read inside its own outline (there it is mixed with the room, the cloth beside it or
    # its shadow) and off the paint's soft edge
    real = cv2.erode(real.astype(np.uint8), np.ones((2 * SKIN_READ_INSET_PX + 1,) * 2, np.uint8)) > 0
    real &= ~(cv2.dilate(painted.astype(np.uint8), np.ones((2 * OWN_EDGE + 1,) * 2, np.uint8)) > 0)
    k = np.ones((2 * max(1, int(SEAM_READ_REACH * shoulder_width)) + 1,) * 2, np.uint8)
    seam = painted & (cv2.dilate(real.astype(np.uint8), k) > 0)
    beside = real & (cv2.dilate(painted.astype(np.uint8), k) > 0)
    if int(seam.sum()) < MIN_MEET or int(beside.sum()) < MIN_MEET:
        return skin
    fade = max(1.0, FADE * shoulder_width)
    box = around(seam, int(fade) + 1)
    seam, on = seam[box], painted[box]
    ys, xs = np.nonzero(seam)   # raster order, as the distance transform's labels count them
    py, px = np.nonzero(on)     # only the painted pixels are converted and moved
    half = max(1, int(SPREAD * shoulder_width))
    paint_lab = cv2.cvtColor(skin[box][py, px].reshape(-1, 1, 3), cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32)
    near, line = beside[box], seam[py, px]
    at = (_means_at(np.nonzero(near), lab[box][near].astype(np.float32), on.shape, ys, xs, half)
          - _means_at((py[line], px[line]), paint_lab[line], on.shape, ys, xs, half))
    # every painted pixel takes the difference at its nearest point of the meeting line
    dist, label = cv2.distanceTransformWithLabels((~seam).astype(np.uint8), cv2.DIST_L2, 3,
                                                  labelType=cv2.DIST_LABEL_PIXEL)
    share = np.clip(1.0 - dist[py, px] / fade, 0.0, 1.0) ** 2
    carried = (at[label[py, px] - 1] * share[:, None]).astype(np.float32)
    # smoothed over the paint: where the nearest point jumps from one stretch of the line to another
    # (the real arm beside, the hand below), the carried colour would step
    paint_lab += _means_at((py, px), carried, on.shape, py, px, half)
    out = skin.copy()
    moved = np.clip(paint_lab + 0.5, 0, 255).astype(np.uint8).reshape(-1, 1, 3)
    out[box][py, px] = cv2.cvtColor(moved, cv2.COLOR_LAB2RGB).reshape(-1, 3)
    return out


def _means_at(where: tuple[np.ndarray, np.ndarray], values: np.ndarray, shape: tuple[int, int],
              ys: np.ndarray, xs: np.ndarray, half: int) -> np.ndarray:
    """At each (ys, xs), the mean of the `values` (3 per pixel) given at the pixels `where` (rows, columns)
    that lie in the square `half` px each way: from one summed table of the values and their count."""
    h, w = shape
    plane = np.zeros((h, w, 4), np.float32)
    plane[where[0], where[1], :3] = values
    plane[where[0], where[1], 3] = 1.0
    table = cv2.integral(plane)
    y0, y1 = np.clip(ys - half, 0, h), np.clip(ys + half + 1, 0, h)
    x0, x1 = np.clip(xs - half, 0, w), np.clip(xs + half + 1, 0, w)
    got = table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0]
    return got[:, :3] / np.maximum(got[:, 3:], 1.0)


# rows of the shin's edges are smoothed over this many rows (odd): the skin test's outline wavers by a
# px from row to row, which stretched onto the rebuilt leg drew its grain as sideways jitter
EDGE_SMOOTH = 5
# reads of a bare forearm's outline (of arm_fit.SAMPLES down it) that make it a leg's skin: fewer, it is
# mostly in a sleeve, behind a bag or across the body
MIN_FOREARM = 8
# a leg's edge blur (working px): a real shin's outline ramps over about 2 px on the dev photos (1024 px high);
# blurred as an arm's (uncover_limbs.LIMB_FEATHER_PX), enlarged to that size, a rebuilt leg's ramped over 6 to 7, a
# soft halo beside the crisp shin below the old hem
LEG_FEATHER = 0.6


def _painted(leg: Limb, shape: tuple[int, int]) -> np.ndarray:
    """The leg's silhouette and the pixel round it its sub-pixel outline (`limbs.coverage`) reaches into."""
    return cv2.dilate(silhouette([leg], shape).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0


def _mirror(k: np.ndarray, n: int) -> np.ndarray:
    """Index into `n` rows for `k` rows above the hem: 0 just above it, down to n - 1 and back up."""
    m = np.mod(k, 2 * n)
    return np.where(m < n, m, 2 * n - 1 - m)


def shin_skin(person: PersonAnalysis, leg: Limb, old: np.ndarray, pos: np.ndarray,
              box: tuple[slice, slice]) -> tuple[np.ndarray, np.ndarray] | None:
    """(Lab float of `box`, where it holds) for `leg` above the bare shin below its old clothing: the
    shin's own pixels carried up (`pos`: each pixel's place across the limb, -1..1, as `limb_light.across`
    gives it), with the knee's light where the knee is rebuilt, and below the hem the shin itself. None
    where no shin shows."""
    rows = shin_rows(person, leg, old)
    edges = shin_edges(person, leg, old, rows) if rows is not None else None
    if edges is None:
        return None
    k = min(EDGE_SMOOTH, len(edges) - (1 - len(edges) % 2))
    lo, hi = (np.convolve(np.pad(edges[:, i], k // 2, mode="edge"), np.ones(k) / k, mode="valid") for i in (1, 2))
    y0 = int(rows.start)
    ys = np.arange(box[0].start, box[0].stop)
    above = ys < y0
    if not above.any():
        return None
    idx = _mirror(y0 - 1 - ys, len(edges))[:, None]
    # the shin's outline pixels are mixed with the room: stretched onto the leg they drew a pale rim
    mid, half = (lo + hi) / 2.0, np.maximum((hi - lo) / 2.0 - SKIN_READ_INSET_PX, 1.0)
    map_x = (mid[idx] + np.clip(pos, -1.0, 1.0) * half[idx]).astype(np.float32)
    map_y = np.broadcast_to(edges[idx, 0], map_x.shape).astype(np.float32)
    lab = cv2.remap(person.lab, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    lab[..., 0] *= 1.0 + knee(leg, box)
    # below the hem the photo's own shin: the repaint's soft edge there blends it with itself
    lab[~above] = person.lab[box][~above]
    return lab, _painted(leg, old.shape)[box]


def forearm_skin(person: PersonAnalysis, leg: Limb, pos: np.ndarray, box: tuple[slice, slice]) -> np.ndarray | None:
    """Lab float of `box` for a `leg` with no shin of its own to carry: the nearer bare forearm's pixels laid
    along it, elbow at the knee and wrist at the ankle (and at the hip, mirrored up the thigh: the two
    meet at the knee without a seam), each row stretched across the leg as `pos` places it. None unless
    MIN_FOREARM reads of the bare forearm are found. The same person's skin under the same light, with a
    limb's shading across and a forearm's muscle below the elbow as a calf's below the knee."""
    for arm in sorted(arm_limbs(person), key=lambda a: abs(float(a.joints[1][0] - leg.joints[1][0]))):
        elbow, wrist = arm.joints[1], arm.joints[2]
        got = reads(person, elbow, wrist, float(arm.halves[1]), float(arm.halves[2]), FORE_READ, float(arm.body_x))
        got = got[got[:, 3] > 0]
        if len(got) >= MIN_FOREARM:
            break
    else:
        return None
    n = normal(elbow, wrist, float(arm.body_x))
    side = 1.0 if n[0] >= 0 else -1.0   # `pos` runs image-left to image-right
    f, centre, half = got[:, 0], (got[:, 1] - got[:, 2]) * side, np.maximum(got[:, 2] - SKIN_READ_INSET_PX, 1.0)
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float64)[:, None]
    hip_y, knee_y, ankle_y = (float(leg.joints[i][1]) for i in (0, 1, -1))
    t = np.where(ys < knee_y, (knee_y - ys) / max(knee_y - hip_y, 1.0), (ys - knee_y) / max(ankle_y - knee_y, 1.0))
    at = f[0] + np.clip(t, 0.0, 1.0) * (f[-1] - f[0])
    off = np.interp(at, f, centre) + np.clip(pos, -1.0, 1.0) * np.interp(at, f, half)
    map_x = (elbow[0] + (wrist[0] - elbow[0]) * at + n[0] * side * off).astype(np.float32)
    map_y = (elbow[1] + (wrist[1] - elbow[1]) * at + n[1] * side * off).astype(np.float32)
    return cv2.remap(person.lab, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)


def carry_shins(person: PersonAnalysis, legs: list[Limb], old: np.ndarray, painted: np.ndarray, pos: np.ndarray,
                box: tuple[slice, slice]) -> np.ndarray:
    """Paints each rebuilt leg in `painted` (Lab float of `box`, in place) with its real shin carried up
    (`shin_skin`), or where no shin shows, matched to the bare ankle's colour where they meet
    (`bare_legs.seam`). Says where the photo's own skin was carried (it has its grain already)."""
    own = np.zeros(painted.shape[:2], bool)
    for leg in legs:
        carried = shin_skin(person, leg, old, pos, box)
        if carried is not None:
            painted[carried[1]] = carried[0][carried[1]]
            own |= carried[1]
            continue
        skin = forearm_skin(person, leg, pos, box)
        if skin is not None:   # its own grain and shading across, at the colour and light painted for the leg
            mine, edge = silhouette([leg], old.shape)[box], _painted(leg, old.shape)[box]
            skin += np.median(painted[mine], axis=0) - np.median(skin[mine], axis=0)
            skin[..., 0] *= 1.0 + knee(leg, box)
            painted[edge] = skin[edge]
            own |= edge
        joined = seam(person, leg, old, painted, pos, box)
        if joined is not None:   # met at the real ankle's own colour, not a line of it
            painted += joined
    return own


def leg_alpha(legs: list[Limb], clip: np.ndarray) -> np.ndarray:
    """How much of each pixel (working res, 0..1) the rebuilt legs cover: their outline at sub-pixel
    precision (`limbs.coverage`) within the body's smoothed one (`clip`), its edge as soft as a real shin's."""
    return cv2.GaussianBlur(np.minimum(coverage(legs, clip.shape), clip.astype(np.float32)), (0, 0), LEG_FEATHER)
