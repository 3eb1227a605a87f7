"""The body of an off-shoulder top whose sleeves stand out from its top edge, parted from it only at their ends.

Laid flat, a bandeau with puff sleeves is one wide block: the sleeves are sewn onto the bodice's sides
from its top edge down, so no gap shows under them and the outline neither slopes out from shoulders
(`_sleeves_along_body`) nor hangs down in cuffs (`hanging_sleeves`). Read as one sleeveless body, its
whole width (sleeve to sleeve) was pinned between the wearer's shoulder seams: the bodice shrank to a
strip at the bust and the sleeves were lost. Only at the bottom do the sleeves part from the bodice:
in the rows above the hem, on each side, a piece apart from the body's run through the centre reaches
far out past that run (a hem's corner parted by a slit stays within the body's width above it). The
body's run there is the bodice's width.
"""

from __future__ import annotations

import numpy as np

from tryon.sleeve_gap import run_through

# share of the garment's height from its top below which the sleeves' ends are looked for: higher up the
# neck opening parts the top edge
ENDS_FROM = 0.5
# a parted piece reaches out at least this share of the body run's half-width past the body's side: a
# sleeve, not a hem's corner or a tie's end
SLEEVE_REACH = 0.5
# the body run there is at most this share of the silhouette's widest half-width: the rest is sleeve
BODY_SHARE = 0.7
# rows parted on both sides, at least this share of the garment's height: a stray pixel row is no sleeve end
MIN_ROWS = 0.05


def set_in_sleeves(m: np.ndarray, y0: int, H: int, cx: int) -> float | None:
    """The bodice's half-width of an off-shoulder top whose sleeves part from it only at their ends,
    measured on the silhouette `m` (top row `y0`, height `H`, centre column `cx`), or None."""
    top = y0 + int(ENDS_FROM * H)
    rows = m[top:y0 + H]
    on = rows[:, cx] if rows.size else np.zeros(0, bool)
    if not on.any():
        return None
    rows = rows[on]
    body = run_through(rows, cx)
    apart = rows & ~body
    cols = np.arange(m.shape[1])[None, :]
    b_left = np.where(body, cols, m.shape[1]).min(axis=1)
    b_right = np.where(body, cols, -1).max(axis=1)
    half = (b_right - b_left) / 2.0
    out_left = b_left - np.where(apart, cols, m.shape[1]).min(axis=1)
    out_right = np.where(apart, cols, -1).max(axis=1) - b_right
    widest = float((np.flatnonzero(m.any(axis=0))[[0, -1]] @ [-1, 1]) / 2.0)
    parted = (out_left >= SLEEVE_REACH * half) & (out_right >= SLEEVE_REACH * half) & (half <= BODY_SHARE * widest)
    if parted.sum() < max(2, MIN_ROWS * H):
        return None
    return float(np.median(np.abs(np.stack([b_left, b_right], axis=1)[parted] - cx).mean(axis=1)))
