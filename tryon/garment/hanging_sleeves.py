"""The torso of a top whose long sleeves hang straight down along its body in the product photo.

Laid flat with the sleeves down its sides, such a top's silhouette is one block from shoulder to
cuff: no gap under the arms, and its sides fall straight (a drop shoulder or a blouson body), so
neither the columns outside the torso nor an outline running outward (`_sleeves_along_body`) show
the sleeves. Read as sleeveless, the sleeves were warped onto the torso as flaps beside the bodice
and the arms were left bare. Where the sleeves end, though, their cuffs hang apart from the body:
below the middle, on each side, a piece of the silhouette parted from the body's run through the
centre, hanging (taller than it is wide: a hem's corner parted by a slit or a scallop is wider
than tall). The cuffs' inner edges are the torso's sides there.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.garment.sleeve_gap import run_through

# share of the garment's height from its top below which parted pieces are cuffs: higher up, the
# neck opening parts the shoulders and straps from the body
CUFF_FROM = 0.5


class Cuffs(NamedTuple):
    half_width: float    # the torso's: the mean of both cuffs' inner edges' distance from the centre column
    width: float         # the narrower cuff's median width
    pieces: np.ndarray   # both cuffs' pixels (bool, as `m`): sleeve, though inside the torso's columns


def hanging_cuffs(m: np.ndarray, y0: int, H: int, cx: int) -> Cuffs | None:
    """Both hanging cuffs of a top's silhouette `m` (its top row `y0`, height `H`, centre column `cx`),
    or None when not both sides have one."""
    top = y0 + int(CUFF_FROM * H)
    rows = m[top:y0 + H]
    if not rows.size or not rows[:, cx].any():
        return None
    apart = rows & ~run_through(rows, cx) & rows[:, cx:cx + 1]  # only rows the body's centre runs through
    n, parts, stats, _ = cv2.connectedComponentsWithStats(apart.astype(np.uint8), connectivity=8)
    halves, widths = [], []
    pieces = np.zeros_like(m)
    for sgn in (-1, 1):
        hung = [i for i in range(1, n)
                if (stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] / 2.0 - cx) * sgn > 0
                and stats[i, cv2.CC_STAT_HEIGHT] > stats[i, cv2.CC_STAT_WIDTH]]
        if not hung:
            return None
        piece = parts == max(hung, key=lambda i: stats[i, cv2.CC_STAT_AREA])
        pieces[top:y0 + H] |= piece
        on = piece.any(axis=1)
        first = piece[on].argmax(axis=1)
        last = piece.shape[1] - 1 - piece[on][:, ::-1].argmax(axis=1)
        inner = last if sgn < 0 else first
        halves.append(float(np.median(np.abs(inner - cx))))
        widths.append(float(np.median(last - first + 1)))
    return Cuffs(float(np.mean(halves)), min(widths), pieces)
