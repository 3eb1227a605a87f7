"""A bodysuit's briefs, taken off a top's cut-out: worn, they are under the trousers or skirt.

Drawn as the product shot shows them, the briefs lay over the wearer's trousers as a black V (with
the photo's backdrop beside the leg openings showing as fill). A bodysuit is told from other tops
by its silhouette alone: down the centre, below the torso, it narrows steadily to a crotch at its
lowest point, where any top's hem runs its full width; a knot or tie at a hem is too short for that.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.cutout import GarmentCutout
from tryon.analysis.skin import lab_distances

LOWER_FROM = 0.5           # share of the garment's height below which the briefs are looked for
NARROWER = 0.9             # the briefs begin where the centre run is narrower than this share of its widest above
CROTCH = 0.3               # a bodysuit's lowest centre row is narrower than this share of that widest
# this share of the garment's height above its lowest centre row, a bodysuit is still under half its
# widest; a shirt's rounded hem or a knot is nearly full width that high up
CROTCH_RISE = 0.1
# the briefs' waistband: rows above their narrowing whose run through the centre is this share or more of
# the briefs' colour (within BAND_MATCH Lab units: one dyed cloth in its folds' shade; a print's row mixes
# colours), up to this share of the garment's height deep (deeper, it is the body of a one-colour bodysuit)
BAND_SOLID = 0.9
BAND_MATCH = 12.0
WAISTBAND = 0.15


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
    out = _waistband(cut, m, cx, cut_row, last, max(0, cut_row - int(WAISTBAND * height)))
    out[cut_row:last + 1] = _body_run(cut, m, cx, cut_row, last + 1)
    return out


def _body_run(cut: GarmentCutout, m: np.ndarray, cx: int, y0: int, y1: int) -> np.ndarray:
    """Rows y0..y1 of `m`: the run through the centre column `cx` (between the nearest gaps either side
    of it), less the sleeves beside it."""
    cols = np.arange(m.shape[1])[None, :]
    off = ~m[y0:y1]
    left = np.where(off & (cols < cx), cols, -1).max(axis=1)
    right = np.where(off & (cols > cx), cols, m.shape[1]).min(axis=1)
    run = m[y0:y1] & (cols > left[:, None]) & (cols < right[:, None])
    if cut.sleeve is not None:
        run &= ~cut.sleeve[y0:y1]
    return run


def _waistband(cut: GarmentCutout, m: np.ndarray, cx: int, cut_row: int, last: int, deepest: int) -> np.ndarray:
    """The pixels of the briefs' waistband above their narrowing at `cut_row` (none when there is no
    band): worn, it is under the trousers or skirt with them, and drawn it lay over them as a band of the
    briefs' colour. Its rows are solid in the briefs' colour up to a row of the bodice's."""
    out = np.zeros_like(m)
    if deepest >= cut_row:
        return out
    lab = cv2.cvtColor(cut.rgb, cv2.COLOR_RGB2LAB)
    below = _body_run(cut, m, cx, cut_row, last + 1)
    if not below[0].any():
        return out
    colour = np.median(lab[cut_row:last + 1][below], axis=0)
    # within the briefs' top's columns: a sleeve hanging beside the band keeps its own
    cols = np.flatnonzero(below[0])
    run = _body_run(cut, m, cx, deepest, cut_row)
    run[:, :cols[0]] = False
    run[:, cols[-1] + 1:] = False
    same = (lab_distances(lab[deepest:cut_row], colour) < BAND_MATCH) & run
    solid = same.sum(axis=1) >= BAND_SOLID * np.maximum(run.sum(axis=1), 1)
    bodice = np.flatnonzero(~solid)
    # all solid up to the deepest a band goes: the bodysuit is of one colour, no band of it told apart
    if bodice.size:
        top = int(bodice[-1]) + 1
        out[deepest + top:cut_row] = same[top:]
    return out
