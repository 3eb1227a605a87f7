"""Bare neck, chest and shoulders where the new top or dress is more open than the old one.

A V-neck over a crew-neck tee, a camisole over a tank top, a cold-shoulder top over a T-shirt:
above the new neckline and beside its straps the old top is still there, a collar or a band of
another colour round the new garment's edge. Worn, that is skin. Those old-cloth pixels (on the
person, below the chin and above the armpits, not under the new garment, touching its edge) are
painted in the shopper's skin over the body's own shape (between the shoulder joints, and the
arms' silhouettes), its colour taken from the skin around them (neck, chest, arms), so it carries
on the neck's own light instead of a flat patch, and the old cloth's broad shading; where the old
cloth stood out beyond that shape (a T-shirt's sleeve off the arm) the room is filled in.

Left as it is (the honest old collar rather than a guess): no skin seen to take the tone from, old
cloth of nearly the skin's colour (its outline cannot be told from skin), cloth of the hair's
colour joined to the head (hair over the shoulders, a beard, is not a collar; a black strap
standing apart from the head below bare skin is).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.person import L_SHOULDER, NOSE, R_SHOULDER, PersonAnalysis
from tryon.skin import LAB_SCALE, SkinTone, grain_of, lab_distance, lab_distances, skin_grain, skin_tone
from tryon.limbs import arm_limbs, silhouette, zone
from tryon.uncover import INPAINT_RADIUS, Repaint, around, fill_from_surroundings, grown, paste, room_only
from tryon.uncover_limbs import LIGHT_GAIN, PATTERN_SIGMA, PATTERNED, SAME_AS_SKIN, _fine_detail
from tryon.warp import Warped

ARMPIT_DROP = 0.45   # share of shoulder width below the shoulder joints where the arm leaves the torso
SHOULDER_OUT = 0.2   # share of shoulder width beyond each shoulder joint that is still the shoulder's top
MIN_PIECE = 0.0004   # share of the image's pixels a piece of old cloth needs (less is a stray edge pixel)
TOUCH = 2            # px (working res) a piece may be from the new garment's edge and still border it
HAIR_NEAR = 16.0     # Lab distance under which cloth is taken for the hair hanging over it
TONE_NEAR = 25.0     # Lab distance from the shopper's tone past which a skin-mask pixel is pale cloth, not skin
# ...with lightness counted at this share: light makes a lit chest far lighter than a face in shade, but
# leaves its hue; a white or grey top differs from skin in hue
TONE_SCALE = np.float32([0.4, 1.0, 1.0])
SEAM_SIGMA = 0.04     # share of shoulder width: how far in the real skin's own shade carries over the seam
SEAM_PRIOR = 0.05     # weight of "no change" against it: away from real skin the seam's offset fades out
SKIN_SIGMA = 0.12    # share of shoulder width: the reach of the surrounding skin each painted pixel takes
LIGHT_SIGMA = 0.06   # share of shoulder width: the old cloth's light broader than this is kept
BINDING = 0.04       # share of shoulder width along the old cloth's outline that is its neckband or hem, not light
LIGHT_PRIOR = 0.05   # weight of "no change" against the cloth's light: away from its inside the light fades out
MOUTH = (9, 10)      # the pose's mouth corners
MOUTH_TO_CHIN = 0.1  # share of shoulder width from the mouth corners down to the chin
HEAD_HALF = 0.35     # share of shoulder width either side of the nose that is head (and its hair)
EDGE_GROW = 2        # px (working res) the painted area takes in round the old cloth
BLEND_REACH = 4      # px (working res) beyond the old cloth its colour may still be part of a pixel's
BLEND_SHARE = 1 / 3  # of the way from the skin's colour to the cloth's, from which a pixel is part cloth
FEATHER = 0.8        # px (working res): the painted edge's blur
FEATHER_REACH = 4    # px: OpenCV's kernel for that blur reaches 3
BLUR_REACH = 4       # sigmas: OpenCV's float Gaussian kernel reaches no farther (a crop this much wider blurs alike)
ROOM_FILL_SCALE = 4  # the room beside the shoulders is filled this many times smaller: a narrow strip, and smooth
SKIN_ONLY = 1.0 - 1.0 / 512  # skin's share of a painted pixel past which the room's fill under it rounds away
COARSE_SIGMA = 4.0   # px of a coarse copy's pixels a broad blur keeps: its copy is at most sigma / this times smaller


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
    x0 = int(min(ls[0], rs[0]) - SHOULDER_OUT * sw)
    x1 = int(max(ls[0], rs[0]) + SHOULDER_OUT * sw)
    out = np.zeros((h, w), bool)
    out[max(0, int(chin_y)):max(0, min(h, y1)), max(0, x0):max(0, min(w, x1))] = True
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


def _head(person: PersonAnalysis) -> np.ndarray:
    """Rows above the chin: the face and hair, never painted over."""
    head = np.zeros(person.mask.shape, bool)
    chin_y = _chin_y(person)
    if chin_y is not None:
        head[:max(0, int(chin_y))] = True
    return head


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
    hair = person.body[top] & ~person.skin[top]
    if int(hair.sum()) < 20:
        return None
    return np.median(lab[top][hair].astype(np.float32), axis=0)


def _hair(person: PersonAnalysis, lab: np.ndarray, chin_y: float) -> np.ndarray:
    """Hair below the chin: pixels of the hair's colour on the person, in pieces joined to the head
    (hair over the shoulders, a beard). A strap or collar of that colour standing apart from the
    head, below bare neck or shoulders, is cloth, however dark."""
    hair = _hair_lab(person, lab, chin_y)
    out = np.zeros(person.mask.shape, bool)
    like = person.body & ~person.skin
    if hair is None or not like.any():
        return out
    # read on the box round the person's cloth: outside it nothing is like the hair, and no piece crosses it
    box = around(like, 0)
    like = like[box] & (lab_distances(lab[box], hair) < HAIR_NEAR)
    n, parts = cv2.connectedComponents(like.astype(np.uint8), connectivity=8)
    # a piece reaching the rows down to the chin
    head = np.bincount(parts[:max(0, int(chin_y) - box[0].start + 1)].ravel(), minlength=n) > 0
    head[0] = False
    out[box] = head[parts]
    return out


def old_collar(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Old-cloth pixels (working res) above and beside the new garment's top edge and round its
    sleeves' ends, below the chin: in pieces that border the garment, not hair. A neck in shadow,
    too dark to pass for skin, is taken in with the collar and painted in the colour of the skin
    around it."""
    h, w = alpha.shape
    chin_y = _chin_y(person)
    if chin_y is None:
        return np.zeros((h, w), bool)
    where = _zone(person, chin_y) | _sleeve_zone(person, chin_y)
    cloth = person.body & ~person.skin & (alpha < 0.5)
    cloth &= ~person.derived("hair_below_chin", lambda: _hair(person, person.lab, chin_y))
    n, parts = cv2.connectedComponents(cloth.astype(np.uint8), connectivity=8)
    garment = cv2.dilate((alpha >= 0.5).astype(np.uint8), np.ones((2 * TOUCH + 1,) * 2, np.uint8)) > 0
    # the pieces are whole photo's, but only where they meet `where` are they read: inside its bounds
    x, y, bw, bh = cv2.boundingRect(where.astype(np.uint8))
    zone_box = (slice(y, y + bh), slice(x, x + bw))
    keep = np.bincount(parts[zone_box][(cloth & garment & where)[zone_box]], minlength=n) > 0
    keep[0] = False
    old = np.zeros((h, w), bool)
    old[zone_box] = keep[parts[zone_box]] & where[zone_box]
    if not old.any():
        return old
    # opened and sized on a crop round it: a 3x3 opening reaches a pixel, and nothing lies outside
    box = around(old, 2)
    opened = cv2.morphologyEx(old[box].astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, parts, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    big = stats[:, cv2.CC_STAT_AREA] >= MIN_PIECE * h * w
    big[0] = False
    out = np.zeros((h, w), bool)
    out[box] = big[parts]
    return out


def skin_colour(person: PersonAnalysis, lab: np.ndarray, tone: SkinTone, box: tuple[slice, slice],
                away: np.ndarray | None = None) -> np.ndarray:
    """Inside `box` (working res), per pixel the Lab colour of the skin around it (neck, chest, arms;
    not the face, lit unlike the body), falling back to the shopper's tone where no skin is near, with
    the grain of the skin round it.
    Nothing is taken from `away`: the cloth being painted over, which may pass for skin (a white
    top), and its edge half blended with the skin. Worked out on a crop just wider than the blurs
    reach, not the whole photo."""
    sigma = max(1.0, SKIN_SIGMA * person.shoulder_width)
    seam_sigma = max(1.0, SEAM_SIGMA * person.shoulder_width)
    outer, inner = grown(box, int(np.ceil(BLUR_REACH * (sigma + seam_sigma))) + 2, lab.shape)
    lab = lab[outer]
    weight = (person.skin[outer] & person.body[outer]).astype(np.float32)
    if away is not None:
        weight[away[outer]] = 0.0
    sure = weight > 0
    weight[sure] = np.where(lab_distances(lab[sure], tone.lab, LAB_SCALE * TONE_SCALE) > TONE_NEAR, 0.0, 1.0)
    if person.face_box is not None:
        x0, y0, x1, y1 = person.face_box
        oy, ox = outer[0].start, outer[1].start
        weight[max(0, y0 - oy):max(0, y1 - oy), max(0, x0 - ox):max(0, x1 - ox)] = 0.0
    prior = 0.02
    # the weight is 0 or 1: the weighted Lab is the Lab where it is 1, masked in 8 bits and converted once
    # with the weight as a fourth channel (per channel planes: numpy is slow along a last axis of 3)
    taken = (weight > 0).astype(np.uint8)
    weighted = cv2.merge([*cv2.split(cv2.bitwise_and(lab, lab, mask=taken)), taken]).astype(np.float32)
    # the seam's blur reaches less far: it and the broad colour under it need only a crop round `box`
    near, inner = grown(inner, int(np.ceil(BLUR_REACH * seam_sigma)) + 2, lab.shape)
    *num, den = cv2.split(broad_blur(weighted, sigma, near))
    den += prior
    broad = [(n + p) / den for n, p in zip(num, prior * tone.lab.astype(np.float32))]
    planes = [c.astype(np.float32) for c in cv2.split(lab[near])]
    seam = _seam([c - b for c, b in zip(planes, broad)], weight[near], seam_sigma, inner)
    out = cv2.merge([b[inner] for b in broad]) + seam
    out[..., 0] += skin_grain(person, out.shape[:2], near=grain_of(lab[near][..., 0], weight[near] > 0))
    return out


def _weighted(planes: list[np.ndarray], weight: np.ndarray) -> np.ndarray:
    """The channel `planes` times `weight`, and `weight` as a last channel: one image for one blur."""
    return cv2.merge([p * weight for p in planes] + [weight])


def broad_blur(image: np.ndarray, sigma: float, box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, a Gaussian blur `sigma` px wide of a float image, made on a smaller copy and
    enlarged: what so wide a blur keeps changes over tens of pixels, which the copy's grid
    (COARSE_SIGMA of its pixels to a sigma) still holds, and the full-size blur was most of a render's
    time. Only the box is enlarged, by the affine map a whole-image resize applies."""
    h, w = image.shape[:2]
    f = max(1, int(sigma // COARSE_SIGMA))
    if f == 1:
        return cv2.GaussianBlur(image, (0, 0), sigma)[box]
    # the few rows and columns past a multiple of f left out, the area resize takes its fast path (block means)
    h, w = (n - n % f if n >= f else n for n in (h, w))
    small = cv2.GaussianBlur(cv2.resize(image[:h, :w], (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA),
                             (0, 0), sigma / f)
    kx, ky = small.shape[1] / w, small.shape[0] / h
    to_small = np.float32([[kx, 0, (box[1].start + 0.5) * kx - 0.5], [0, ky, (box[0].start + 0.5) * ky - 0.5]])
    size = (box[1].stop - box[1].start, box[0].stop - box[0].start)
    return cv2.warpAffine(small, to_small, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)


def _seam(offset: list[np.ndarray], weight: np.ndarray, sigma: float, inner: tuple[slice, slice]) -> np.ndarray:
    """Inside `inner`, how the real skin beside the painted area differs from the broad colour painted
    (`offset`, Lab planes), carried a short way in and fading out: painted skin meets the real neck or arm
    without a visible edge (a shadow under the jaw, a lit collarbone), and far from it is the broad
    colour alone."""
    both = broad_blur(_weighted(offset, weight), sigma, inner)
    return both[..., :3] / (both[..., 3:] + SEAM_PRIOR)


def _light(person: PersonAnalysis, lab: np.ndarray, old: np.ndarray, tone: SkinTone,
           box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, the old cloth's broad lightness changes (relative to its own mean) at the skin's
    contrast: the folds and shadow the body casts stay on the skin painted there; none over a print.
    Read away from the cloth's outline (BINDING): there its band or hem is lighter or darker than
    the cloth, and `old` takes in the skin beside it, both drawn on the painted skin as the old
    top's outline; from afar the light fades to none (LIGHT_PRIOR).
    `old` lies inside `box`; the blur runs on a crop just wider than it reaches."""
    sigma = max(1.0, LIGHT_SIGMA * person.shoulder_width)
    outer, inner = grown(box, int(np.ceil(BLUR_REACH * max(sigma, PATTERN_SIGMA))) + 2, lab.shape)
    lab, old = lab[outer], old[outer]
    none = np.zeros(old[inner].shape, np.float32)
    if _fine_detail(lab, old) > PATTERNED:
        return none
    inside = cv2.distanceTransform(old.astype(np.uint8), cv2.DIST_L2, 3)
    taken = (inside > EDGE_GROW + BINDING * person.shoulder_width).astype(np.uint8)
    if not taken.any():
        return none
    light = np.ascontiguousarray(lab[..., 0])
    values = light[taken > 0].astype(np.float32)
    mean = float(values.mean())
    # the lightness where the cloth's inside is (weight 1), 0 elsewhere: masked in 8 bits, converted once
    weighted = cv2.merge([cv2.bitwise_and(light, light, mask=taken), taken]).astype(np.float32)
    num, den = cv2.split(broad_blur(weighted, sigma, inner))
    broad = (num + LIGHT_PRIOR * mean) / (den + LIGHT_PRIOR)
    rel = (broad - mean) / max(float(values.std()), 1.0)
    return LIGHT_GAIN * float(tone.spread[0]) * np.clip(rel, -2.0, 2.0)


def _blended_edge(old: np.ndarray, lab: np.ndarray, cloth: np.ndarray, tone: SkinTone) -> np.ndarray:
    """The pixels within BLEND_REACH of the old cloth whose colour lies at least BLEND_SHARE of the way
    from the skin's to the cloth's: its edge, part cloth, passes for skin and, left, drew a thin line
    of the old neckline round the painted skin. Read on a crop round `old`."""
    box = around(old, BLEND_REACH + 1)
    near = cv2.dilate(old[box].astype(np.uint8), np.ones((2 * BLEND_REACH + 1,) * 2, np.uint8)) > 0
    scale = LAB_SCALE * TONE_SCALE
    towards = (cloth - tone.lab) * scale
    weights = towards * scale / max(float(towards @ towards), 1e-6)
    # the share is linear in Lab: one affine map of the crop's three planes
    share = cv2.transform(lab[box].astype(np.float32), np.float32([[*weights, -float(weights @ tone.lab)]]))
    out = np.zeros(old.shape, bool)
    out[box] = near & (share >= BLEND_SHARE)
    return out


def bare_collar(out: np.ndarray, person: PersonAnalysis, warped: Warped, alpha: np.ndarray,
                arms_gone: np.ndarray | None = None) -> Repaint | None:
    """Paints the old collar, straps and shoulders the new garment leaves showing as skin, in place
    in `out` (input res); None when there are none or they can't be painted believably. Old sleeves
    already rebuilt as bare arms (`arms_gone`) are left to those where the arms are: painted twice, an
    arm took a seam where the two paints met."""
    if warped.kind == "lower":
        return None
    lab = person.lab
    old = old_collar(person, alpha, lab)
    grow = np.ones((2 * EDGE_GROW + 1,) * 2, np.uint8)
    limbs = np.zeros(old.shape, bool)
    if arms_gone is not None:  # the limbs paint skin over the arms' own silhouette; the shoulders' tops stay here
        limbs = (cv2.dilate(arms_gone.astype(np.uint8), grow) > 0) & silhouette(arm_limbs(person), old.shape)
        old &= ~limbs
    if not old.any():
        return None
    tone = skin_tone(person)
    cloth = np.median(lab[old].astype(np.float32), axis=0)
    if tone is None or lab_distance(cloth, tone.lab) < SAME_AS_SKIN:
        return None
    # the old cloth's edge, half blended with the skin beside it, passes for skin and would stay as a
    # thin line of the old collar: the painted area takes it in
    blended = _blended_edge(old, lab, cloth, tone)
    old = (blended & ~limbs) | (cv2.dilate(old.astype(np.uint8), grow) > 0)
    old &= person.body & (alpha < 0.5) & ~_head(person)
    box = around(old, 2 * INPAINT_RADIUS + 2)
    # the skin's colour from the skin alone: the cloth's blended edge beside it drew a pale or dark outline
    colour = skin_colour(person, lab, tone, box, away=blended | old)
    colour[..., 0] += _light(person, lab, old, tone, box)
    skin = cv2.cvtColor(np.clip(colour + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)
    # the room where the old cloth stood out beyond the body's own shape, skin over that shape
    # (the masks below are made on a crop just wider than their dilation and feather reach: `old` lies
    # well inside `box`, so outside it they are empty)
    outer, inner = grown(box, EDGE_GROW + FEATHER_REACH, old.shape)
    hidden = old[outer] | (cv2.dilate((alpha[outer] > 0.02).astype(np.uint8), grow) > 0)
    # the skin reaches past the painted area's own edge, so the edge's blend is skin into real skin,
    # not the room's fill into it (a light line round the old collar)
    shape = body_shape(person)[outer]
    a = cv2.GaussianBlur(((cv2.dilate((old[outer] & shape).astype(np.uint8), grow) > 0) & shape).astype(np.float32),
                         (0, 0), FEATHER)[inner][..., None]
    shown = np.zeros(old.shape, np.float32)  # `old` lies inside `box`: outside it nothing is shown
    shown[box] = np.maximum(cv2.GaussianBlur(old[outer].astype(np.float32), (0, 0), FEATHER)[inner], old[box])
    work = person.image.copy()
    work[box] = fill_from_surroundings(person.image[box], room_only(hidden[inner], person.body[box]),
                                       needed=(shown[box] > 0) & (a[..., 0] < SKIN_ONLY), scale=ROOM_FILL_SCALE)
    work[box] = (work[box] * (1.0 - a) + skin * a + 0.5).astype(np.uint8)
    return paste(out, work, shown, box)


def body_shape(person: PersonAnalysis) -> np.ndarray:
    """Where bare skin can be under an old top's shoulders: the columns between the shoulder joints
    and the arms' own silhouettes. A T-shirt's sleeves stand out from the arm; painted skin there
    drew a skin-coloured T-shirt. Made once per photo."""
    return person.derived("body_shape", lambda: _body_shape(person))


def _body_shape(person: PersonAnalysis) -> np.ndarray:
    h, w = person.mask.shape
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    shape = np.zeros((h, w), bool)
    shape[:, max(0, int(min(ls[0], rs[0]))):max(0, int(max(ls[0], rs[0])) + 1)] = True
    arms = arm_limbs(person)
    return shape | silhouette(arms, (h, w)) if arms else shape
