"""Where the band of old clothes a top's edge is carried over (`rim`) stops beside the neck.

Beside the neck opening an old collar stands above the new neckline. Its inside is painted as skin
(`uncover_neck`), but its outer edge, old cloth just above the new top's edge, passed for the band
along the shoulders: carried over, it stood up in two thin horns of the new top's colour either side
of the neck. A horn stands off the garment thinner than SPIRE_WIDTH and runs up beside the opening;
the band along the shoulders lies against the garment its whole length, and a sliver in the corner
between a puff sleeve and the neckline meets the opening at a point.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.components import components_with_stats

# share of shoulder width under which a piece of the rim standing up off the garment's top edge may be a spire
SPIRE_WIDTH = 0.04
# a spire runs beside the neck opening for at least this share of its height, and for half SPIRE_WIDTH at least
SPIRE_ALONG_NECK = 0.5


def spires(band: np.ndarray, solid: np.ndarray, top: np.ndarray, seams: np.ndarray, neck: np.ndarray,
           sw: float) -> np.ndarray:
    """The spires of the rim `band` (all in the rim's box): above the garment's (`solid`) shoulder line and
    neckline (`top`: each column's first garment row, -1 where none) between its shoulder seams (`seams`: the
    columns), beside the neck opening (`neck`); `sw` the shoulder width (px)."""
    ys = np.arange(band.shape[0], dtype=np.int32)[:, None]
    over = band & (ys < top.astype(np.int32)[None, :]) & seams[None, :]
    if not over.any() or not neck.any():
        return np.zeros_like(over)
    r = max(1, int(round(SPIRE_WIDTH * sw / 2)))
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    thin = over & ~(cv2.morphologyEx((band | solid).astype(np.uint8), cv2.MORPH_OPEN, disk) > 0)
    n, labels, stats, _ = components_with_stats(thin.astype(np.uint8))
    by_neck = cv2.dilate(neck.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    beside_neck = np.bincount(labels[thin & by_neck], minlength=n)
    spire = beside_neck >= np.maximum(SPIRE_ALONG_NECK * stats[:, cv2.CC_STAT_HEIGHT], r)
    spire[0] = False
    return spire[labels]
