"""The old top's soft outline left past a new top's edge, filled from the room (`fringe`, `remove_fringe`).

The person mask fades out over a few pixels along the person's outline, and there the old garment's
colour is blended with the room. Every finder of old clothes under a top reads the mask's surer half
(over 0.5), so past it a dark old tee's outline stayed beside the new top's shoulders and sleeves as a
dark line or corner, and round an old collar painted as skin as a dark tick at the back of the neck.
Those pixels (on the mask's soft outline, not skin, below the chin, not what stays in front) beside old
cloth the render covers (with the garment, or painted as skin) are filled from the room, as `uncover`
fills the same outline beside new trousers.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

from tryon.shared.boxes import around, grown
from tryon.repaint.old_collar import head_rows, not_cloth
from tryon.analysis.person import PersonAnalysis
from tryon.shared.pixels import under
from tryon.shared.touching import pieces_touching
from tryon.analysis.skin import LAB_SCALE, lab_distances, skin_tone
from tryon.repaint.uncover_neck import TONE_NEAR, TONE_SCALE
from tryon.repaint.uncover import OUTLINE_MASK, SOFT_OUTLINE_PX, Repaint, fill_from_surroundings, paste
from tryon.shared.components import components

FILL_FEATHER_PX = 0.7   # px (working res): the fill's edge is blurred this much, so it meets the garment's anti-aliased edge
FILL_FEATHER_REACH_PX = 3  # px: OpenCV's kernel for that blur reaches this far
# px (working res) past the mask's soft outline the old cloth's edge still reaches: the segmenter's mask is
# coarser than the frame and cut to zero below a floor, and a dark tee's last pixel lay just past it
PAST_MASK = 1
# px (working res): the old cloth the fringe lies beside is cloth this deep all round, a garment's own area;
# a bare arm's or neck's outline has pixels that fail the skin test too (shaded, or blended with a printed
# backdrop), and the fill drawn beside them smeared the print
CLOTH_DEPTH = 2
# px (working res) of the room each filled pixel draws on: the fringe is a strip a few px wide along the
# room, and the fill's cost grows with the square of its reach (the whole outline's strip is filled at once)
FRINGE_RADIUS = 3
CHANGED = 12    # of 255: a repaint changed a pixel when a channel moved more than this (the sheet's own measure)


def _soft_outline(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, the person mask's soft outline (over OUTLINE_MASK) grown by PAST_MASK px."""
    grow = np.ones((2 * PAST_MASK + 1,) * 2, np.uint8)
    return cv2.dilate((person.mask[box] > OUTLINE_MASK).astype(np.uint8), grow) > 0


def _near(cloth: np.ndarray, reach: int) -> np.ndarray:
    """Within `reach` px of `cloth` CLOTH_DEPTH deep: of a garment's own area, not a sliver of it."""
    deep = cv2.erode(cloth.astype(np.uint8), np.ones((2 * CLOTH_DEPTH + 1,) * 2, np.uint8))
    return cv2.dilate(deep, np.ones((2 * reach + 1,) * 2, np.uint8)) > 0


def fringe(person: PersonAnalysis, garment: np.ndarray, painted: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The pixels (working res) of the person mask's soft outline, off its surer half and not skin, within
    SOFT_OUTLINE_PX of the old cloth (CLOTH_DEPTH deep) that the `garment` (bool: solid) covers or is `painted`
    as skin (no higher than the garment's top): what is left there of the old top's edge.
    On the body, too, the last sliver of old cloth between the garment's edge and the room, when it lies
    wholly that near. Not above the chin (hair), not on what stays in front of the garment (`keep`), nor
    hair hanging below it."""
    out = np.zeros(garment.shape, bool)
    if not garment.any():
        return out
    covered = garment | painted
    # above the garment's top edge the outline is the head's and neck's (hair hanging by a neck the photo
    # cuts the face off above was taken in with the collar and painted over): what it paints there is no seed
    covered[:int(np.flatnonzero(garment.any(axis=1))[0])] = False
    box = around(covered, SOFT_OUTLINE_PX + PAST_MASK + 1)
    body, skin = person.body[box], person.skin[box]
    hair = not_cloth(person)[box]
    cloth = body & ~skin & ~hair & covered[box]
    if not cloth.any():
        return out
    reach = SOFT_OUTLINE_PX + CLOTH_DEPTH + PAST_MASK
    # near the old cloth taken away, and not near what is left showing that is not skin (a skirt below a
    # top's hem, hair hanging by the neck): the outline there is theirs
    near = _near(cloth, reach) & ~_near(body & ~skin & ~covered[box], reach)
    left = _soft_outline(person, box) & ~covered[box] & ~skin & ~hair & ~keep[box] & ~head_rows(person)[box]
    # on the body, a sliver of old cloth between the garment's edge and the room, wholly within reach
    # (a wider piece is an old sleeve or coat of its own, left whole)
    room = cv2.dilate((~body).astype(np.uint8), np.ones((2 * SOFT_OUTLINE_PX + 1,) * 2, np.uint8)) > 0
    sliver = pieces_touching(left & body & room, near, too_far=~near)
    out[box] = (near & left & ~body) | sliver
    return out


def fringe_pieces(region: np.ndarray) -> list[tuple[slice, slice]]:
    """The boxes (working res) `remove_fringe` pastes the `region` (from `fringe`) in, piece by piece (a few
    short strips round a large garment: pasted in one box, the box was most of the cost): each piece grown by
    2 px, where its feathered edge is. Known before the fill, so what the render writes elsewhere meanwhile
    may run beside it."""
    if not region.any():
        return []
    tight = around(region, 0)
    crop = grown(tight, 2, region.shape)[0]  # labelled on the crop the pieces grown by 2 px lie in
    grown_by_2 = cv2.dilate(region[crop].astype(np.uint8), np.ones((5, 5), np.uint8))
    return [(slice(y0 + crop[0].start, y1 + crop[0].start), slice(x0 + crop[1].start, x1 + crop[1].start))
            for (y0, y1), (x0, x1) in _piece_boxes(grown_by_2)]


def fringe_fill(person: PersonAnalysis, region: np.ndarray) -> np.ndarray:
    """The photo (working res) with the `region` (from `fringe`) filled from the room round it. The fill draws
    on the room alone: the soft outline round it is hidden. It is made at the working size: a strip a few
    pixels wide, and a coarser fill bled a printed backdrop into it. It reads the photo and the person alone,
    so it is made on the helper thread while the render writes the photo elsewhere."""
    box = grown(around(region, 0), 2 * FRINGE_RADIUS + 2, region.shape)[0]
    # hidden: the region and the soft outline round it as far as the fill reaches and a px more, so nothing of
    # the person is within its reach (hidden deeper in, the whole torso was filled for a strip at its edge)
    band = cv2.dilate(region[box].astype(np.uint8), np.ones((2 * (FRINGE_RADIUS + 1) + 1,) * 2, np.uint8)) > 0
    hidden = region[box] | (band & _soft_outline(person, box))
    filled = person.image.copy()
    filled[box] = fill_from_surroundings(person.image[box], hidden, needed=region[box], scale=1,
                                          radius=FRINGE_RADIUS)
    return filled


def remove_fringe(out: np.ndarray, region: np.ndarray, pieces: list[tuple[slice, slice]],
                  filled: Callable[[], np.ndarray]) -> list[Repaint]:
    """Pastes the `region` (working res, from `fringe`) filled (`filled()`: `fringe_fill`, asked for once its
    feathered edge is made) in place in `out` (input res), inside the boxes of its `pieces` (`fringe_pieces`)
    alone, and says where."""
    if not pieces:
        return []
    # feathered on a crop round it as wide as the blur reaches: outside, nothing is shown
    shown, near = np.zeros(region.shape, np.float32), grown(around(region, 0), FILL_FEATHER_REACH_PX, region.shape)[0]
    shown[near] = np.maximum(cv2.GaussianBlur(region[near].astype(np.float32), (0, 0), FILL_FEATHER_PX), region[near])
    rgb = filled()
    return [paste(out, rgb, shown, piece) for piece in pieces]


def _piece_boxes(mask: np.ndarray) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The bounding box (rows, columns: start and stop) of each 8-connected piece of `mask`, in label
    order: read from the pieces' pixels alone (a thin strip round a garment), where OpenCV's statistics
    of the pieces took three times as long as their labels."""
    _, parts = components(mask, connectivity=8)
    xs, ys = cv2.findNonZero(mask)[:, 0].T
    labels = parts[ys, xs]
    order = np.argsort(labels, kind="stable")
    labels, ys, xs = labels[order], ys[order], xs[order]
    starts = np.concatenate(([0], np.flatnonzero(np.diff(labels)) + 1))
    lows = [np.minimum.reduceat(v, starts) for v in (ys, xs)]
    highs = [np.maximum.reduceat(v, starts) + 1 for v in (ys, xs)]
    return [((int(a), int(b)), (int(c), int(d))) for a, b, c, d in zip(lows[0], highs[0], lows[1], highs[1])]


def painted_skin(done: Repaint | None, person: PersonAnalysis, before: np.ndarray,
                 after: np.ndarray | None, shape: tuple[int, int]) -> np.ndarray:
    """Where a repaint (`done`) changed most of a pixel visibly (`before`: the photo at the input resolution;
    `after`: the repainted photo inside `done`'s box, None without it) to the shopper's skin, as a working-res
    mask of `shape`: the old collar painted as skin (not what it filled from the room)."""
    out = np.zeros(shape, bool)
    tone = skin_tone(person)
    # without a face seen, the hair's colour is not known (`not_cloth`), and hair hanging by the neck, taken
    # in with the collar and painted over, is no old top: its wisps beside the paint stay
    if done is None or tone is None or person.face_box is None:
        return out
    (H, W), (h, w) = before.shape[:2], shape
    new = after
    r, g, b = cv2.split(cv2.absdiff(before[done.box], new))   # plane by plane: numpy is slow along a last axis of 3
    changed = (cv2.max(cv2.max(r, g), b) > CHANGED) & (done.alpha > 0.5)
    # the changed pixels alone converted, as one row
    lab = cv2.cvtColor(under(new, changed)[None], cv2.COLOR_RGB2LAB)[0]
    changed[changed] = lab_distances(lab, tone.lab, LAB_SCALE * TONE_SCALE) <= TONE_NEAR
    sy, sx = h / H, w / W
    y0, y1 = int(done.box[0].start * sy), min(h, int(np.ceil(done.box[0].stop * sy)))
    x0, x1 = int(done.box[1].start * sx), min(w, int(np.ceil(done.box[1].stop * sx)))
    if y1 <= y0 or x1 <= x0:
        return out
    out[y0:y1, x0:x1] = cv2.resize(changed.astype(np.float32), (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA) > 0.5
    return out

