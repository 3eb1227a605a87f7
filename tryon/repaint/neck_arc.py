"""Where a worn top's neckline leaves the old clothes in front of the neck showing, as a shape that follows
the neck and the garment's own neckline rather than a strip of columns.

The old collar inside the opening is painted as skin (`uncover_neck`); the old top outside it is covered
by the garment's edge carried over it (`rim`). Taken as a strip either side of the centre line, the two
met in an upright step wherever the garment's top edge lay below the shoulders' outline: a square notch
cut into the new top beside the neck, its bottom the product's flat shoulder line, with old fragments
left in its corners. Worn, a neckline's side runs from its corner on the garment up to the neck: the
opening is bounded by a line from the corner to where the shoulders' outline reaches the neck's span.
"""

from __future__ import annotations

import numpy as np

from tryon.shared.boxes import around
from tryon.analysis.body_frame import row_half_widths
from tryon.repaint.neck_column import outline
from tryon.repaint.old_collar import not_cloth
from tryon.analysis.old_colours import OLD_NEAR, chest_colour
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, PersonAnalysis
from tryon.analysis.skin import lab_distance, lab_distances, skin_tone
from tryon.fit.warp import Warped

# an old collar is left showing this many neck half-widths either side of the centre line; farther
# out is shoulder (a product shot's neckline, flat, reads wider than it sits on a neck)
NECK_SPAN = 1.5
NECK_HALF = 0.25    # a neck's half-width is at most this share of shoulder width (hair beside it is not neck)
# share of shoulder width a product's shoulder line, warped, stays within of level between its neckline's
# corner and its seam: the corner is the column nearest the centre within this of the side's highest top
LEVEL = 0.03
# Lab distance the old top's colour (read across the chest) must lie from the skin's for what is of it beside
# the neck to be told for old cloth: nearer, the chest read was mostly skin the skin test failed (a strapless
# old top), and blond hair or a lit neck passed for the old top, covered in spikes of the new one's colour
OLD_APART = 2 * OLD_NEAR


def neck_half_width(person: PersonAnalysis) -> float:
    """Half the narrowest width of the body between the chin and the shoulders, at most NECK_HALF of
    the shoulder width: hair hanging beside the neck widens the body there (once per photo)."""
    return person.derived("neck_half_width", lambda: _neck_half_width(person))


def _neck_half_width(person: PersonAnalysis) -> float:
    most = NECK_HALF * person.shoulder_width
    if person.face_box is None:
        return most
    y1 = min(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1])
    widths = row_half_widths(person.mask, int(person.face_box[3]), int(y1), person.centre_x)
    return min([most] + widths[~np.isnan(widths)].tolist())


def neck_opening(person: PersonAnalysis, warped: Warped, top: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box` (working res; `top`: each column's first garment row there, -1 where none), the old
    clothes' part a neckline leaves showing: on each side, within a line from the neckline's corner
    (`_corner`) up to where the shoulders' outline reaches NECK_SPAN neck half-widths from the centre line;
    and within that span, what is not of the old top's colour (`chest_colour`, OLD_APART from the skin's)
    or is nearer the skin's (hair, a collar's trim, shade). The span's whole columns for a top held up by
    straps (bare beside them), or without a face (no chin to start the neck's outline from), the old top's
    colour or the skin's."""
    dx = np.arange(box[1].start, box[1].stop) - person.centre_x
    span = NECK_SPAN * neck_half_width(person)
    rows = box[0].stop - box[0].start
    strip = np.broadcast_to(np.abs(dx)[None, :] <= span, (rows, len(dx)))
    old, tone = chest_colour(person), skin_tone(person)
    if warped.strapped or person.face_box is None or old is None or tone is None:
        return strip
    # per column, the opening's rows: from `first` down where the line leans in towards the neck going up (a
    # corner wider than the span), down to `last` where it leans out (a narrower one); the span's wholly
    d, half_neck = np.abs(dx), neck_half_width(person)
    first, last = np.where(d <= span, 0.0, np.inf), np.where(d <= span, np.inf, -np.inf)
    for side, sgn in enumerate((-1, 1)):
        cols = dx * sgn >= 0
        seam = abs(float(warped.shoulders[side][0]) - person.centre_x)
        corner = _corner(top, dx * sgn, cols & (dx * sgn <= seam), LEVEL * person.shoulder_width)
        if corner is None:
            continue
        y_c, at = corner
        # the corner's half-width in its row and below, the span's where the outline reaches it and above,
        # along a straight line between: a column's distance from the centre is reached on it in one row
        rise = max(y_c - (_shoulder_top(person, sgn * span, box[0].start + y_c) - box[0].start), 1.0)
        if at > span:
            share = (at - d) / (at - span)
            first[cols] = np.where(d <= span, 0.0, np.where(d <= at, y_c - np.minimum(share, 1.0) * rise, np.inf))[cols]
            last[cols] = np.inf
        elif half_neck <= at < span:  # narrower than the neck, the garment's top runs on under it: no opening
            share = (d - at) / (span - at)
            last[cols] = np.where(d <= at, np.inf, np.where(d <= span, y_c - share * rise, -np.inf))[cols]
            first[cols] = 0.0
    ys = np.arange(rows, dtype=np.float64)[:, None]
    opening = (ys >= first[None, :]) & (ys <= last[None, :])
    shoulder = strip & ~opening
    if not shoulder.any() or lab_distance(old, tone.lab) < OLD_APART:
        return opening | strip
    sub = around(shoulder, 0)  # read on these pixels alone
    at_box = tuple(slice(b.start + s.start, b.start + s.stop) for b, s in zip(box, sub))
    lab = person.lab[at_box]
    to_old = lab_distances(lab, old)
    # nearer the old top's colour than the skin's: a neck or shoulder in shade, or hair beside it, stays shown
    opening |= strip
    opening[sub] &= ~(shoulder[sub] & (to_old < OLD_NEAR) & (to_old < lab_distances(lab, tone.lab))
                      & ~not_cloth(person)[at_box])
    return opening


def _corner(top: np.ndarray, out: np.ndarray, cols: np.ndarray, flat: float) -> tuple[int, float] | None:
    """On one side of the centre (`top`: each column's first garment row, -1 where none; `out`: each column's
    offset from the centre, outwards; `cols`: the side's columns out to the shoulder seam), the neckline's
    corner, its row and offset: the column nearest the centre whose garment top lies within `flat` px of the
    side's highest (a product's shoulder line is not quite level). None when the garment has no top there."""
    on = cols & (top >= 0)
    if not on.any():
        return None
    near = np.flatnonzero(on & (top <= top[on].min() + flat))
    k = near[np.argmin(out[near])]
    return int(top[k]), float(out[k])


def _shoulder_top(person: PersonAnalysis, off: float, y_end: float) -> float:
    """The row where the body's outline below the face first reaches `off` px from the centre line (negative:
    image-left), at most `y_end`."""
    h, w = person.mask.shape
    y0, y1 = int(person.face_box[3]), int(np.clip(np.ceil(y_end), 0, h))
    if y1 <= y0:
        return float(y_end)
    left, right = outline(person, y0, y1, int(np.clip(round(person.centre_x), 0, w - 1)))
    x = person.centre_x + off
    reached = (left >= 0) & (left <= x) if off < 0 else (right < w) & (right >= x)
    return float(y0 + np.argmax(reached)) if reached.any() else float(y_end)
