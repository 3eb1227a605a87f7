"""A leg rebuilt above a real shin is drawn with that shin's own skin, carried up past the old hem.

Painted in one tone lit by a fitted curve, the rebuilt part of a leg read as a flat tube set on the
real shin, with another edge and grain than the shin's at the old hem. The shin that shows below the
old clothing is this leg under this light: its rows, mirrored about the old hem (and back again, as
far as the leg reaches up), are laid across the rebuilt leg, each stretched from the shin's edges to
the rebuilt leg's own. The leg then carries on the shin's shading across its width, its outline's
soft dark edge and its grain, and meets the shin at the old hem without a line: the row above the
hem is the row below it.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.bare_legs import seam, shin_edges, shin_rows
from tryon.limb_light import OUTLINE_PX, knee
from tryon.limbs import Limb, silhouette
from tryon.person import PersonAnalysis

# rows of the shin's edges are smoothed over this many rows (odd): the skin test's outline wavers by a
# px from row to row, which stretched onto the rebuilt leg drew its grain as sideways jitter
EDGE_SMOOTH = 5


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
    return lab, silhouette([leg], old.shape)[box]


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
        joined = seam(person, leg, old, painted, pos, box)
        if joined is not None:   # met at the real ankle's own colour, not a line of it
            painted += joined
    return own
