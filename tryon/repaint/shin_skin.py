"""A rebuilt leg is drawn with the shopper's own skin: the real shin's carried up past the old hem, or
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

from tryon.repaint.bare_legs import seam, shin_edges, shin_rows
from tryon.repaint.limb_light import OUTLINE_PX, knee
from tryon.repaint.arm_fit import FORE_READ, normal, reads
from tryon.analysis.limbs import Limb, arm_limbs, coverage, silhouette
from tryon.analysis.person import PersonAnalysis

# rows of the shin's edges are smoothed over this many rows (odd): the skin test's outline wavers by a
# px from row to row, which stretched onto the rebuilt leg drew its grain as sideways jitter
EDGE_SMOOTH = 5
# reads of a bare forearm's outline (of arm_fit.SAMPLES down it) that make it a leg's skin: fewer, it is
# mostly in a sleeve, behind a bag or across the body
MIN_FOREARM = 8
# a leg's edge blur (working px): a real shin's outline ramps over about 2 px on the dev photos (1024 px high);
# blurred as an arm's (uncover_limbs.FEATHER), enlarged to that size, a rebuilt leg's ramped over 6 to 7, a
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
    mid, half = (lo + hi) / 2.0, np.maximum((hi - lo) / 2.0 - OUTLINE_PX, 1.0)
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
    f, centre, half = got[:, 0], (got[:, 1] - got[:, 2]) * side, np.maximum(got[:, 2] - OUTLINE_PX, 1.0)
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
