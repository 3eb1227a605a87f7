"""The old top's collar, straps and shoulders left above and beside a new top's edge, thin stubs shut in
by skin included, for `uncover_neck` to paint as skin.

Old cloth shut in between bare skin and a new top's edge, however thin or small (`stubs`), for
`old_collar` to paint as skin with the rest of the old collar.

A spaghetti strap is two or three pixels wide at working resolution, and where the new top's
shoulders cover most of it only a stub a few pixels long is left above them; the last strip of an
old neckband along a new neckline is as thin. Opened away or too small for the old collar's size
rule, they stayed as black or white flecks and lines at the shoulders. What tells them from the stray
edge pixels that rule is for: skin along their sides and the new garment at their end, and the
colour of the old cloth the new garment covers. A stray edge pixel, or the fringe of the person's
outline, borders the room.

Which pixels above and beside a new top's edge are the old top's collar, straps and shoulders
(`old_collar`), for `uncover_neck` to paint as skin.

Old cloth (on the person, not skin, not under the new garment) below the chin, in pieces that border
the new garment: across the shoulders down to the armpits, round the upper arms, and in the whole
neck opening however deep its V falls. Pieces too thin or small for the size rule that keeps out
stray edge pixels are still old cloth when skin and the new garment shut them in (`stubs`: a
spaghetti strap, its stub above new shoulders). Not old cloth: hair of the head's colour hanging
from it (a black strap standing apart from the head is cloth), and the room the person mask's loose
outline takes in beside the neck.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.limbs import arm_limbs, zone
from tryon.analysis.old_colours import MIN_COLOUR_SAMPLE_PX, old_top_hued
from tryon.analysis.person import L_SHOULDER, MOUTH, MOUTH_TO_CHIN, NOSE, R_SHOULDER, PersonAnalysis
from tryon.analysis.skin import lab_distances, skin_tone
from tryon.shared.boxes import around, grown
from tryon.shared.medians import masked_median
from tryon.shared.pixels import first_in_columns, under
from tryon.shared.components import components, components_with_stats

STUB_OUTLINE_PX = 1        # px (working res) of the person mask's outline, where its soft edge blends skin with the room
# a stub's border is skin and the new garment all but this share of it (the room where a strap
# crosses the shoulder's outline, a fleck of other cloth)
STUB_OPEN_SHARE = 0.25


def stubs(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray, where: np.ndarray, pieces: np.ndarray,
          box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, the pieces of old cloth `pieces` (the old collar's candidates in `where`, not on
    the person's outline) that are shut in by skin and the new garment (`alpha`) and nearer in
    colour to the old cloth the new garment covers than to the shopper's skin."""
    out = np.zeros(pieces.shape, bool)
    tone, under = skin_tone(person), _under(person, alpha, lab, where)
    if tone is None or under is None:
        return out
    n, parts = components((pieces & ~_outline(person, box)).astype(np.uint8), connectivity=8)
    if n < 2:
        return out
    bare = ((person.skin[box] & (person.mask[box] > 0.5)) | (alpha[box] >= 0.5)) & ~pieces
    border, shut = _border(parts, n, bare)
    keep = border - shut <= STUB_OPEN_SHARE * border
    colour = _mean_lab(parts, n, lab[box])
    keep &= lab_distances(colour, under) < lab_distances(colour, tone.lab)
    keep[0] = False
    if not keep.any():  # no stub (the most common answer): nothing to gather
        return out
    return np.take(keep, parts)  # the same gather, about twice as fast as indexing with the labels


def _under(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray, where: np.ndarray) -> np.ndarray | None:
    """The median Lab of the old cloth the new garment covers in `where`: what an old strap or
    neckband beside it is cut from (None when too little is covered to say)."""
    x, y, bw, bh = cv2.boundingRect(where.astype(np.uint8))
    box = (slice(y, y + bh), slice(x, x + bw))
    under = where[box] & person.body[box] & ~person.skin[box] & (alpha[box] >= 0.5)
    if int(under.sum()) < MIN_COLOUR_SAMPLE_PX:
        return None
    return masked_median(lab[box], under)


def _outline(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, the person mask's outline: its pixels beside the room (STUB_OUTLINE_PX), found on a crop
    just wider than the box (the old collar's box, a small part of the frame)."""
    outer, inner = grown(box, STUB_OUTLINE_PX, person.mask.shape)
    room = (person.mask[outer] <= 0.5).astype(np.uint8)
    return ((cv2.dilate(room, np.ones((2 * STUB_OUTLINE_PX + 1,) * 2, np.uint8)) > 0) & (room == 0))[inner]


def _border(parts: np.ndarray, n: int, side: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per labelled piece (`parts`, `n` labels), the length of its border (pixel edges to unlabelled
    pixels, the frame's edge counted as open), and of it the length along `side`."""
    h, w = parts.shape
    labels, side = np.pad(parts, 1), np.pad(side, 1)
    border, along = np.zeros(n), np.zeros(n)
    on = parts > 0
    for dy, dx in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        rows, cols = slice(1 + dy, 1 + dy + h), slice(1 + dx, 1 + dx + w)
        edge = on & (labels[rows, cols] == 0)
        border += np.bincount(parts[edge], minlength=n)
        along += np.bincount(parts[edge & side[rows, cols]], minlength=n)
    return border, along


def _mean_lab(parts: np.ndarray, n: int, lab: np.ndarray) -> np.ndarray:
    """Per labelled piece, its mean colour (8-bit Lab, as the photo's); counted over the pieces' pixels
    alone (a few straps' stubs in the old collar's box), so label 0's (no piece) is 0."""
    on = parts > 0
    labels = parts[on]
    size = np.maximum(np.bincount(labels, minlength=n), 1)
    # plane by plane: numpy is slow along a last axis of 3
    mean = np.stack([np.bincount(labels, plane[on], n) / size for plane in cv2.split(lab)], axis=1)
    return np.clip(mean + 0.5, 0, 255).astype(np.uint8)


ARMPIT_DROP = 0.45   # share of shoulder width below the shoulder joints where the arm leaves the torso
SHOULDER_TOP_OUT = 0.2   # share of shoulder width beyond each shoulder joint that is still the shoulder's top
MIN_COLLAR_PIECE = 0.0004   # share of the image's pixels a piece of old cloth needs (less is a stray edge pixel)...
# ...or, in a photo where the person is small, this share of the shoulder width squared: a strap a fifth
# of it long and a fiftieth wide (a full-length photo's straps are fewer pixels than a close-up's stray edge)
MIN_STRAP = 0.004
CRUMB = 5            # px (working res): skin-coloured gaps this wide inside old cloth are its weave, not skin
EDGE_TOUCH_PX = 2            # px (working res) a piece may be from the new garment's edge and still border it
HEAD_HALF = 0.35     # share of shoulder width either side of the nose that is head (and its hair)
# share of the person's pixels across the head above the chin that must be hair to sample it: on the dev photos
# an earring, lips or the outline's halo are 7% at most, hair round a face or beside one cut off at the nose 13%
# and more
HAIR_SEEN = 0.1
HAIR_NEAR = 16.0     # Lab distance under which cloth is taken for the hair hanging over it
ROOM_NEAR_LAB = 6.0      # Lab distance under which a pixel is the room's plain colour (a cream strap on white is ~10)
OUTLINE_SURE = 0.99  # person mask confidence under which the outline may be the room (the body reads 1)


def _chin_y(person: PersonAnalysis) -> float | None:
    """The chin's row: the face box's foot, or where the photo cuts the face off above it, a little
    below the mouth the pose sees (MOUTH_TO_CHIN); None when neither is known."""
    if person.face_box is not None:
        return float(person.face_box[3])
    return mouth_chin_y(person)


def mouth_chin_y(person: PersonAnalysis) -> float | None:
    """The chin's row a little below the mouth corners the pose sees (MOUTH_TO_CHIN); None when unseen."""
    mouth = [person.point(i)[1] for i in MOUTH if person.landmarks[i, 2] >= 0.5]
    if not mouth:
        return None
    return float(max(mouth)) + MOUTH_TO_CHIN * person.shoulder_width


def _zone(person: PersonAnalysis, chin_y: float) -> np.ndarray:
    """Rows from the chin to the armpits, columns across the shoulders: where an old top's collar,
    straps and shoulders are."""
    h, w = person.mask.shape
    sw = person.shoulder_width
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    y1 = int(max(ls[1], rs[1]) + ARMPIT_DROP * sw)
    x0 = int(min(ls[0], rs[0]) - SHOULDER_TOP_OUT * sw)
    x1 = int(max(ls[0], rs[0]) + SHOULDER_TOP_OUT * sw)
    out = np.zeros((h, w), bool)
    out[max(0, int(chin_y)):max(0, min(h, y1)), max(0, x0):max(0, min(w, x1))] = True
    return out


def _opening(person: PersonAnalysis, alpha: np.ndarray, chin_y: float) -> np.ndarray:
    """Between the shoulder joints, from the chin down to the new garment's top edge in each column:
    the neck opening, however deep its V or scoop falls below the shoulders' zone. Worn, all of it is
    neck and chest."""
    h, w = alpha.shape
    out = np.zeros((h, w), bool)
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    x0, x1 = max(0, int(min(ls[0], rs[0]))), max(0, min(w, int(max(ls[0], rs[0])) + 1))
    y0 = max(0, int(chin_y))
    if x1 <= x0 or y0 >= h:
        return out
    solid = alpha[y0:, x0:x1] >= 0.5
    top = first_in_columns(solid)  # 0 where no garment is in a column: no opening there
    out[y0:, x0:x1] = np.arange(h - y0)[:, None] < top[None, :]
    return out


def _sleeve_zone(person: PersonAnalysis, chin_y: float) -> np.ndarray:
    """Round each upper arm, shoulder to elbow, below the chin: an old short or dropped-shoulder
    sleeve stands out there past a new top's narrower or shorter one, a stub or a striped edge."""
    h, w = person.mask.shape
    upper = [a._replace(joints=a.joints[:2], halves=a.halves[:2]) for a in arm_limbs(person)]
    if not upper:
        return np.zeros((h, w), bool)
    out = zone(upper, (h, w))
    out[:max(0, int(chin_y))] = False
    return out


def head_rows(person: PersonAnalysis) -> np.ndarray:
    """Rows above the chin: the face and hair, never painted over (made once per photo: callers only read it)."""
    def make() -> np.ndarray:
        head = np.zeros(person.mask.shape, bool)
        chin_y = _chin_y(person)
        if chin_y is not None:
            head[:max(0, int(chin_y))] = True
        return head
    return person.derived("head_rows", make)


def _hair_lab(person: PersonAnalysis, lab: np.ndarray, chin_y: float) -> np.ndarray | None:
    """The median colour of what is on the person above the chin, across the head, but not skin:
    the hair (above the face box when there is one, else beside the face the photo cuts off)."""
    if person.face_box is not None:
        x0, y0, x1, y1 = person.face_box
        top = (slice(max(0, int(y0 - 0.6 * (y1 - y0))), max(0, int(y0 + 0.15 * (y1 - y0)))),
               slice(max(0, x0), max(0, x1)))
    else:
        cx = float(person.point(NOSE)[0])
        half = HEAD_HALF * person.shoulder_width
        top = (slice(0, max(0, int(chin_y))), slice(max(0, int(cx - half)), max(0, int(cx + half))))
    on = person.mask[top] > 0.5
    hair = on & ~person.skin[top]
    # the person's outline round the head is loose: the room beside it is not hair
    if on.size - np.count_nonzero(on) >= 20:
        hair &= lab_distances(lab[top], masked_median(lab[top], ~on)) >= HAIR_NEAR
    # a photo cut off at the mouth shows no hair: the few pixels there are an earring or the outline's halo
    if np.count_nonzero(hair) < 20 or np.count_nonzero(hair) < HAIR_SEEN * np.count_nonzero(on):
        return None
    return masked_median(lab[top], hair)


def _hair(person: PersonAnalysis, lab: np.ndarray, chin_y: float) -> np.ndarray:
    """Hair below the chin: pixels of the hair's colour on the person, in pieces joined to the head
    (hair over the shoulders, a beard). A strap or collar of that colour standing apart from the
    head, below bare neck or shoulders, is cloth, however dark."""
    hair = _hair_lab(person, lab, chin_y)
    if hair is None:
        return np.zeros(person.mask.shape, bool)
    like = (person.mask > 0.5) & ~person.skin
    like[like] = lab_distances(under(lab, like), hair) < HAIR_NEAR  # read at the person's cloth alone
    _, parts, stats, _ = components_with_stats(like.view(np.uint8), connectivity=8)
    head = stats[:, cv2.CC_STAT_TOP] <= int(chin_y)  # a piece reaching the rows down to the chin
    head[0] = False
    return np.take(head, parts) if head.any() else np.zeros(like.shape, bool)


def _room_in_outline(person: PersonAnalysis) -> np.ndarray:
    """The room taken in by the person mask's loose outline: pixels of the room's own colour (within
    ROOM_NEAR_LAB of its median), where the mask is unsure (under OUTLINE_SURE: a white top on a white
    wall is sure), joined to the room outside the mask. Painted as old cloth, it became a block of
    skin beside the neck.

    Only the unsure band's pixels can be such: a piece of them joins the room through the room's own
    pixels only if a pixel of it borders the room, so the band is read on its own box."""
    off = person.mask <= 0.5
    out = np.zeros(off.shape, bool)
    unsure = ~off & (person.mask < OUTLINE_SURE)
    if np.count_nonzero(off) < 20 or not unsure.any():
        return out
    lab = person.lab
    box = around(unsure, 1)  # the band and its neighbours
    band = unsure[box]
    like = np.zeros(band.shape, bool)
    # the band's pixels listed off the whole frame (the same, in the same order, as off its box, uncopied)
    like[band] = lab_distances(under(lab, unsure), masked_median(lab, off)) < ROOM_NEAR_LAB
    n, parts = components(like.view(np.uint8), connectivity=8)
    by_room = cv2.dilate(off[box].view(np.uint8), np.ones((3, 3), np.uint8)) > 0
    room = np.zeros(n, bool)
    room[parts[like & by_room]] = True
    room[0] = False
    if room.any():  # else none of the band is the room: nothing to gather
        out[box] = np.take(room, parts)
    return out


def not_cloth(person: PersonAnalysis) -> np.ndarray:
    """What is on the person below the chin but never old cloth, whatever the garment: the hair
    hanging from the head, and the room the mask's outline takes in (made once per photo: callers only read it)."""
    def make() -> np.ndarray:
        chin_y = _chin_y(person)
        if chin_y is None:
            return np.zeros(person.mask.shape, bool)
        return _hair(person, person.lab, chin_y) | _room_in_outline(person)
    return person.derived("not_cloth", make)


def old_collar(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Old-cloth pixels (working res) above and beside the new garment's top edge and round its
    sleeves' ends, below the chin: in pieces that border the garment, not hair. A neck in shadow,
    too dark to pass for skin, is taken in with the collar and painted in the colour of the skin
    around it."""
    h, w = alpha.shape
    chin_y = _chin_y(person)
    if chin_y is None:
        return np.zeros((h, w), bool)
    where = _zone(person, chin_y) | _sleeve_zone(person, chin_y) | _opening(person, alpha, chin_y)
    hair = not_cloth(person)
    on = person.body & (alpha < 0.5) & ~hair
    cloth = on & ~person.skin
    # the pieces are whole photo's, but only where they meet `where` are they read: inside its bounds
    x, y, bw, bh = cv2.boundingRect(where.astype(np.uint8))
    zone_box = (slice(y, y + bh), slice(x, x + bw))
    # a pink or beige old collar's shaded side passes the skin test: its hue is still the old top's
    cloth[zone_box] |= old_top_hued(person, alpha, zone_box, on[zone_box] & where[zone_box])
    n, parts = components(cloth.astype(np.uint8), connectivity=8)
    # the garment grown by EDGE_TOUCH_PX px, on a crop just wider than the zone's box (the dilation reaches EDGE_TOUCH_PX)
    outer, inner = grown(zone_box, EDGE_TOUCH_PX, alpha.shape)
    garment = (cv2.dilate((alpha[outer] >= 0.5).astype(np.uint8), np.ones((2 * EDGE_TOUCH_PX + 1,) * 2, np.uint8)) > 0)[inner]
    keep = np.bincount(parts[zone_box][cloth[zone_box] & garment & where[zone_box]], minlength=n) > 0
    keep[0] = False
    old = np.zeros((h, w), bool)
    old[zone_box] = keep[parts[zone_box]] & where[zone_box]
    if not old.any():
        return old
    # closed, opened and sized on a crop round it (the closing reaches CRUMB // 2, the opening a pixel).
    # Closed: the light checks of a gingham pass for skin, and left the old cloth in crumbs too small to paint
    box = around(old, CRUMB)
    room = (person.mask[box] > 0.5) & (alpha[box] < 0.5) & where[box] & ~hair[box]
    closed = (cv2.morphologyEx(old[box].astype(np.uint8), cv2.MORPH_CLOSE, np.ones((CRUMB,) * 2, np.uint8)) > 0) & room
    opened = cv2.morphologyEx(closed.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, parts, stats, _ = components_with_stats(opened, connectivity=8)
    big = stats[:, cv2.CC_STAT_AREA] >= min(MIN_COLLAR_PIECE * h * w, MIN_STRAP * person.shoulder_width ** 2)
    big[0] = False
    out = np.zeros((h, w), bool)
    out[box] = big[parts]
    # and, however thin or small, the old cloth shut in between skin and the new garment: a strap's stub
    out[box] |= stubs(person, alpha, lab, where, closed, box)
    return out
