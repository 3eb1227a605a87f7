"""An arm kept in front of a garment runs along its own line: what juts sideways off it for only a
short way is the torso beside it, not the arm.

The arm kept in front is its band less what looks like the old top, and the skin test passes some of
that top (a white tank's side in warm light) or bare skin that is not the arm (a midriff beside a
hanging arm): those pieces stayed in front of the new garment as jagged notches of old cloth or skin
cut into its side. Opened with a line along each part of the arm (upper arm, forearm), only what runs
a while along that part stays, and thin slivers off its edge (its own outline's curves); the hand,
whose fingers may spread any way, is kept as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.shared.boxes import around, within
from tryon.shared.morph import dilate, erode
from tryon.analysis.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST, PersonAnalysis

# share of shoulder width: a piece of the kept arm shorter than this along the arm's line is not arm.
# A forearm is about 0.8 shoulder widths long and an upper arm as long, so the arm itself holds the
# line everywhere; a bare midriff beside a hanging arm is about a fifth of a shoulder width high
ALONG = 0.25
# share of shoulder width: what juts off the arm no thicker than this is the arm's own outline (the
# round of an elbow, a bicep), which the line along the arm's part shaves off; a midriff or the old
# top beside the arm juts out a good deal thicker
SLIVER = 0.01


def _line(direction: np.ndarray, length: int) -> np.ndarray:
    """A structuring element: a line `length` px long along `direction`, centred."""
    k = np.zeros((length, length), np.uint8)
    c = (length - 1) / 2
    d = direction / max(float(np.linalg.norm(direction)), 1e-6) * c
    cv2.line(k, (int(round(c - d[0])), int(round(c - d[1]))), (int(round(c + d[0])), int(round(c + d[1]))), 1)
    return k


def along_arms(person: PersonAnalysis, keep: np.ndarray) -> np.ndarray:
    """`keep` (the arms kept in front, working res) less what does not run along the arm's parts; the
    hands (`arm_band` from the wrist) as they are."""
    hands = arm_band(person, "wrist")
    rest = keep & ~hands
    if not rest.any():
        return keep
    length = max(3, int(ALONG * person.shoulder_width)) | 1
    thick = 2 * max(1, int(SLIVER * person.shoulder_width)) + 1
    centre = person.centre_x
    out = keep & hands
    # each arm's side read in the box round the rest alone: past it neither side has a pixel
    held = around(rest, 0)
    xs = np.arange(held[1].start, held[1].stop)[None, :]
    for sh_i, el_i, wr_i in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        sh, el, wr = person.point(sh_i), person.point(el_i), person.point(wr_i)
        side = rest[held] & ((xs - centre) * (sh[0] - centre) > 0)
        if not side.any():
            continue
        # each arm's own box, as wide as the line reaches (half its length): the openings' cost goes with its area
        box = _grown(around(side, 0), held, length // 2 + 1, keep.shape)
        part = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.uint8)
        part[within(held, box)] = side[within(box, held)]
        kept = np.zeros(part.shape, bool)
        for a, b in ((sh, el), (el, wr)):
            kept |= _opened(part, _line(b - a, length)) > 0
        off = (part > 0) & ~kept
        if off.any():
            core = _opened(off.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (thick, thick))) > 0
            kept |= off & ~core
        out[box] |= kept
    return out


def _opened(mask: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """`cv2.morphologyEx(mask, MORPH_OPEN, kernel)` (an erosion, then a dilation, each with its default border)
    made at a width OpenCV's vector code covers whole (`morph`): an arm's box is any width, and a line's
    opening over the pixels past its last 16 took as long again."""
    return dilate(erode(mask, kernel), kernel)


def _grown(part: tuple[slice, slice], box: tuple[slice, slice], margin: int, shape: tuple[int, int]
           ) -> tuple[slice, slice]:
    """`part` (a box inside `box`, in its coordinates) in the frame's, grown by `margin` and kept inside `shape`."""
    return tuple(slice(max(0, b.start + p.start - margin), min(n, b.start + p.stop + margin))
                 for p, b, n in zip(part, box, shape))

