"""What shows between a sleeve and the bodice on the body is the new garment.

Worn, a sleeve and the bodice meet along their seam down to the armpit, and below it the sleeve wraps
its arm down to its hem: nothing of the person shows between the two. Warped, they need not meet: a
long sleeve warped as a layer of its own along the arm and the bodice carried by the body's map part
along their seam, and the V a flat product shows between a sleeve's underside and the bodice's side
stays open, a notch up to the armpit. The old top, the armpit's shadow or the arm showed through it as
a slit. So in each row, the person's pixels between a sleeve (on their outer side) and the bodice (on
their inner side) are garment, coloured from the garment round them: the arm inside the sleeve, or
the torso under the bodice. The room behind a gap between arm and torso is not the person, and stays.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import ARM_HALF, above_hems
from tryon.shared.boxes import around
from tryon.shared.mirror import mirrored
from tryon.shared.pixels import set_pixels
from tryon.analysis.person import PersonAnalysis

# the widest run (share of shoulder width) between a sleeve and the bodice taken as the seam's gap: an
# upper arm's width, the most of an arm a sleeve can leave showing beside the torso while on it
SEAM_GAP = 2 * ARM_HALF
# the strip (share of shoulder width) inside the bodice's side that a flat product shot shades, the cloth
# turning away at a fold or seam: not copied into a gap, where it drew a dark slit of its own
EDGE_SHADE = 0.05
MIRROR_SOFT = 1.0   # px (working res): the blur the mirrored cloth is softened by


def _nearest(m: np.ndarray, towards: int, cols: np.ndarray, far: int) -> np.ndarray:
    """Per pixel, the column (`cols` numbers them) of the nearest True of its row at or to its left
    (`towards` -1) or right (1); the sentinel -`far` or `far` where there is none."""
    marked = np.full(m.shape, -far if towards < 0 else far, cols.dtype)
    np.copyto(marked, cols, where=m)  # faster than a `where` picking between the columns and the sentinel
    if towards < 0:
        return np.maximum.accumulate(marked, axis=1)
    return np.minimum.accumulate(marked[:, ::-1], axis=1)[:, ::-1]


def _between(sl: np.ndarray, bo: np.ndarray, towards: int, most: float) -> tuple[np.ndarray, tuple[slice, slice]]:
    """Where a pixel's nearest sleeve pixel (`sl`) on its `towards` side and nearest bodice pixel (`bo`) on
    the other lie at most `most` px apart (a row's far sentinels are 4 widths off), and the box of `sl` it
    was read in: the rows holding both, from the first column of the one on the left to the last of the one
    on the right. Past them a row lacks one, and its sentinel lies more than `most` off: unless the rows
    are so short that it does not, when the whole is read."""
    h, w = sl.shape
    box = (slice(0, h), slice(0, w))
    if 3 * w + 1 > most:
        rows = np.flatnonzero(sl.any(axis=1) & bo.any(axis=1))
        if not rows.size:
            return np.zeros((0, 0), bool), (slice(0, 0), slice(0, 0))
        rows = slice(int(rows[0]), int(rows[-1]) + 1)
        left, right = (sl, bo) if towards < 0 else (bo, sl)
        box = (rows, slice(int(np.flatnonzero(left[rows].any(axis=0))[0]),
                           int(np.flatnonzero(right[rows].any(axis=0))[-1]) + 1))
    # the columns, and the sentinels and their differences, in the narrowest type they fit: less memory to scan
    cols = np.arange(box[1].start, box[1].stop, dtype=np.int16 if 8 * w <= np.iinfo(np.int16).max else np.int32)
    sl, bo = sl[box], bo[box]
    return towards * (_nearest(sl, towards, cols, 4 * w) - _nearest(bo, -towards, cols, 4 * w)) <= most, box


def seam_gaps(person: PersonAnalysis, alpha: np.ndarray, sleeve: np.ndarray, long_sleeves: bool) -> np.ndarray:
    """The person's pixels (working res) that no garment covers, lying in a row between a sleeve on their
    outer side and the bodice on their inner side, no farther apart than SEAM_GAP; a sleeve that stops
    short of the wrist only above its hem (below it the bare arm hangs beside the bodice)."""
    solid = alpha > 0.5
    sleeves = solid & (sleeve > 0.5)
    if not sleeves.any():
        return np.zeros_like(solid)
    box = around(sleeves, int(np.ceil(SEAM_GAP * person.shoulder_width)) + 1)
    centre = int(round(person.centre_x))
    most = SEAM_GAP * person.shoulder_width
    gap = np.zeros_like(solid)
    # left of the body's centre a sleeve lies to a gap's left and the bodice to its right; right of it, mirrored
    for cols, towards in ((slice(box[1].start, max(box[1].start, centre)), -1),
                          (slice(min(box[1].stop, max(box[1].start, centre)), box[1].stop), 1)):
        part = (box[0], cols)
        if cols.stop <= cols.start:
            continue
        between, (rows, read) = _between(sleeves[part], solid[part] & ~sleeves[part], towards, most)
        at = (slice(part[0].start + rows.start, part[0].start + rows.stop),
              slice(part[1].start + read.start, part[1].start + read.stop))
        gap[at] = between & ~solid[at] & person.body[at]
    if not long_sleeves and gap[box].any():  # read round the gaps alone: each pixel's test is its own
        held = around(gap[box], 0)
        held = tuple(slice(b.start + g.start, b.start + g.stop) for g, b in zip(held, box))
        gap[held] &= above_hems(person, sleeves, held)
    return gap


def fill_seams(person: PersonAnalysis, rgb: np.ndarray, alpha: np.ndarray, sleeve: np.ndarray,
               long_sleeves: bool) -> None:
    """Closes the gaps between sleeves and bodice (`seam_gaps`) in the warped garment, in place: garment
    there (the bodice's, so an arm or hand found in front of it is still kept there), each gap pixel
    the sleeve or bodice nearest it mirrored across its edge, so its weave and print run on into it (a
    blur of the colours round it read as a flat smudge)."""
    gaps = seam_gaps(person, alpha, sleeve, long_sleeves)
    if not gaps.any():
        return
    box = around(gaps, int(np.ceil(SEAM_GAP * person.shoulder_width)) + 1)
    solid = alpha[box] > 0.5
    if not solid.any():
        return
    _, labels = cv2.distanceTransformWithLabels((~solid).astype(np.uint8), cv2.DIST_L2, 5,
                                                labelType=cv2.DIST_LABEL_PIXEL)
    gy, gx = set_pixels(gaps[box])
    # carried past the shaded strip inside the bodice's edge
    fy, fx = np.divmod(mirrored(solid, labels, gaps[box], EDGE_SHADE * person.shoulder_width), solid.shape[1])
    crop_rgb = rgb[box]
    crop_rgb[gy, gx] = crop_rgb[fy, fx]
    # neighbouring gap pixels mirror across edge points a step apart: softened, the copy's seams do not
    # read as a serrated line
    near = around(gaps[box], int(np.ceil(3 * MIRROR_SOFT)))
    soft = cv2.GaussianBlur(crop_rgb[near], (0, 0), MIRROR_SOFT)
    crop_rgb[gy, gx] = soft[gy - near[0].start, gx - near[1].start]
    alpha[box][gy, gx] = 1.0
