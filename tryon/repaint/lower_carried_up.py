"""The lower garment carried up over the old top's band left below a shorter new top.

A blouse over a polo whose ribbed hem hangs below it, a short top over a printed shirt's tail: between the new hem
and the trousers the old top still showed, a navy band over charcoal trousers, a striped hem. Without the old top,
the trousers' or skirt's own top would be there: a waistband lies between the natural waist and the hips. So in each
column the band is painted as the lower garment just below it, mirrored up about the row where that garment begins
(its folds and light carry on instead of a smear); the few pixels with none of its cloth below them (a hand's shade)
are filled from around. Where that cloth is not there to mirror, or the band is too tall, or hands and an open
cardigan's sides break it, it is left whole rather than painted in patches.

Only below the natural waist (`body_frame.waist_row`): a band reaching higher is the midriff's, which an old top
printed all over is not painted as (`uncover_torso`), and the render says it is shown over the shopper's own top.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import median_filter

from tryon.analysis.body_frame import waist_row
from tryon.analysis.old_colours import lower_colours, of_lower_cloth
from tryon.analysis.person import PersonAnalysis
from tryon.repaint.uncover import INPAINT_RADIUS, Repaint, fill_from_surroundings, paste
from tryon.repaint.uncover_neck import SKIN_FEATHER_PX
from tryon.shared.boxes import around

# share of shoulder width the old top's hem may hang lower on one side of the torso than across its middle, where the
# band is read: the lower garment is read below that
HEM_SLOPE = 0.05
# share of shoulder width the band may be tall in any column, at most: about the plain cloth from a waistband down to
# the pockets' tops that is mirrored up over it; mirrored farther, a pocket or a pleat of the trousers shows twice
CARRY_MOST = 0.2
# share of the old top's cloth in the band's rows the painted band must take in: less (hands over it, an open
# cardigan's sides beside it) left patches of the old top among the trousers carried up. And the share of the band
# the lower garment's own cloth must lie under, to be mirrored: jeans darker at the waist than on the thighs were
# filled in as a smooth dark belt
CARRY_SHARE = 0.9
# px (working res) of other colours a column of the lower garment's cloth may be broken by and still be one (noise,
# a seam's shade)
GAP_PX = 2
# share of shoulder width the rows where each column's lower garment begins are smoothed over: a waistband's line
# is smooth, the old hem's ragged edge and a fold's shade are not
EVEN_SPAN = 0.1
GARMENT_SOLID = 0.98   # garment alpha from which nothing beneath it shows
# px (working res) of the band's lower edge blended with the trousers in the photo, taken in with the band: left, a
# thin line of the band's colour stayed under the trousers carried up
SOFT_EDGE_PX = 2


def carry_lower_up(out: np.ndarray, person: PersonAnalysis, top: int, rows: int, alpha: np.ndarray,
                   keep: np.ndarray, painted: np.ndarray) -> Repaint | None:
    """Paints the old top's band below a new top's hem (`rows` rows from row `top`, read in the torso's middle) as
    the lower garment carried up, in place in `out` (input res); None when there is none, or it reaches above the
    natural waist, is taller than CARRY_MOST or cannot be painted whole. `keep`: what stays in front; `painted`:
    what repaints before this one took."""
    colours = lower_colours(person)
    waist = int(np.ceil(waist_row(person)))
    if colours is None or rows <= 0 or top < waist:
        return None
    h, w = alpha.shape
    sw = person.shoulder_width
    read = min(h - 1, top + rows + int(round(HEM_SLOPE * sw)) + GAP_PX)   # a row of the lower garment, below the band
    on_body = person.body & ~keep & ~painted   # an old print's pale pieces pass for skin
    cloth = on_body & ~person.skin
    lower = cloth & of_lower_cloth(person.lab, colours)
    begins = _begins(lower, waist, read, sw)
    # in each column, from the garment's hem (and its soft edge) down to where the lower garment begins
    solid = alpha >= 0.5
    hem = np.where(solid.any(axis=0), h - 1 - np.argmax(solid[::-1], axis=0), h)
    ys = np.arange(h)[:, None]
    band = on_body & (alpha < GARMENT_SOLID) & (ys >= np.maximum(hem - GAP_PX, waist)[None, :]) & (ys < begins[None, :])
    old = cloth & ~lower & (alpha < 0.5) & (ys >= top) & (ys < top + rows)
    cols = band.any(axis=0)
    if not cols.any() or np.max(begins[cols] - hem[cols]) > CARRY_MOST * sw \
            or np.count_nonzero(band & old) < CARRY_SHARE * np.count_nonzero(old):
        return None
    # each band pixel takes the lower garment's pixel as far below where it begins as it lies above it
    src = np.clip(2 * begins[None, :] - 1 - ys, 0, h - 1)
    xs = np.broadcast_to(np.arange(w)[None, :], (h, w))
    mirrored = band & lower[src, xs]
    if np.count_nonzero(mirrored) < CARRY_SHARE * np.count_nonzero(band):   # not the thighs' cloth up there
        return None
    work = person.image.copy()
    work[mirrored] = person.image[src[mirrored], xs[mirrored]]
    rest = band & ~mirrored
    if rest.any():   # what lies above a hand or a shade: from the lower garment round it
        work = fill_from_surroundings(work, rest | solid | (on_body & ~lower & (ys < read)), needed=rest)
    box = around(band, 2 * INPAINT_RADIUS + 2)
    shown = np.maximum(cv2.GaussianBlur(band.astype(np.float32), (0, 0), SKIN_FEATHER_PX), band.astype(np.float32))
    return paste(out, work, shown, box)


def _begins(lower: np.ndarray, y0: int, read: int, sw: float) -> np.ndarray:
    """Per column, the row where the lower garment begins: the top of its cloth (`lower`, gaps of GAP_PX closed)
    running up from row `read`, no higher than `y0`, smoothed across the columns (EVEN_SPAN), below the band's soft
    edge (SOFT_EDGE_PX); `y0` (nothing to paint) in columns where row `read` is not its cloth, nor in most columns
    round it."""
    h, w = lower.shape
    run = lower[y0:min(h, read + GAP_PX + 1)].astype(np.uint8)
    run = cv2.morphologyEx(run, cv2.MORPH_CLOSE, np.ones((2 * GAP_PX + 1, 1), np.uint8)) > 0
    at = read - y0
    # the rows from `read` up, to the first one off the garment's cloth
    broken = ~run[at::-1]
    start = read + 1 - np.where(broken.any(axis=0), np.argmax(broken, axis=0), at + 1)
    on = run[at]
    span = max(1, int(round(EVEN_SPAN * sw)))
    if not on.any():
        return np.full(w, y0)
    cols = np.arange(w)
    start = np.interp(cols, cols[on], start[on])   # across a column off it (a fold's shade), from those beside
    on = median_filter(on, size=span, mode="nearest")
    even = np.rint(median_filter(start, size=span, mode="nearest")).astype(int)
    return np.where(on, np.minimum(even + SOFT_EDGE_PX, read), y0)
