"""A bodysuit's briefs, taken off a top's cut-out: worn, they are under the trousers or skirt.

Drawn as the product shot shows them, the briefs lay over the wearer's trousers as a black V (with
the photo's backdrop beside the leg openings showing as fill). A bodysuit is told from other tops
by its silhouette alone: down the centre, below the torso, it narrows steadily to a crotch at its
lowest point, where any top's hem runs its full width; a knot or tie at a hem is too short for that.
"""

from __future__ import annotations

import numpy as np

from tryon.cutout import GarmentCutout

LOWER_FROM = 0.5           # share of the garment's height below which the briefs are looked for
NARROWER = 0.9             # the briefs begin where the centre run is narrower than this share of its widest above
CROTCH = 0.3               # a bodysuit's lowest centre row is narrower than this share of that widest
# this share of the garment's height above its lowest centre row, a bodysuit is still under half its
# widest; a shirt's rounded hem or a knot is nearly full width that high up
CROTCH_RISE = 0.1


def _centre_widths(m: np.ndarray, cx: int) -> np.ndarray:
    """Per row, the width of the mask's run through column `cx` (0 where the column is off the mask)."""
    h, w = m.shape
    cols = np.arange(w)[None, :]
    off = ~m
    left = np.where(off & (cols < cx), cols, -1).max(axis=1)
    right = np.where(off & (cols > cx), cols, w).min(axis=1)
    return np.where(m[:, cx], right - left - 1, 0)


def briefs(cut: GarmentCutout, m: np.ndarray) -> np.ndarray:
    """The pixels of a bodysuit's briefs in its cut-out `m` (none for any other top): the run through
    the centre from where it narrows down, less the sleeves beside it."""
    none = np.zeros_like(m)
    ys = np.flatnonzero(m.any(axis=1))
    if cut.kind != "upper" or "hem_c" not in cut.points or ys.size == 0:
        return none
    y0, height = int(ys[0]), int(ys[-1] - ys[0] + 1)
    cx = int(round(float(cut.points["hem_c"][0])))
    widths = _centre_widths(m, cx)
    top = y0 + int(LOWER_FROM * height)
    on = np.flatnonzero(widths[top:] > 0)
    if on.size == 0:
        return none
    last = top + int(on.max())
    peak_row = top + int(np.argmax(widths[top:last + 1]))
    peak = float(widths[peak_row])
    risen = last - int(CROTCH_RISE * height)
    if risen <= peak_row or widths[last] >= CROTCH * peak or widths[risen] >= 0.5 * peak:
        return none
    if not (widths[peak_row:last + 1] > 0).all():
        return none
    cut_row = peak_row + int(np.argmax(widths[peak_row:last + 1] < NARROWER * peak))
    out = np.zeros_like(m)
    cols = np.arange(m.shape[1])[None, :]
    rows = slice(cut_row, last + 1)
    # the run through the centre: between the nearest gaps either side of the centre column
    off = ~m[rows]
    left = np.where(off & (cols < cx), cols, -1).max(axis=1)
    right = np.where(off & (cols > cx), cols, m.shape[1]).min(axis=1)
    run = m[rows] & (cols > left[:, None]) & (cols < right[:, None])
    if cut.sleeve is not None:
        run &= ~cut.sleeve[rows]
    out[rows] = run
    return out
