"""Bare neck, chest and shoulders where the new top or dress is more open than the old one.

A V-neck over a crew-neck tee, a camisole over a tank top, a cold-shoulder top over a T-shirt:
above the new neckline and beside its straps the old top is still there, a collar or a band of
another colour round the new garment's edge. Worn, that is skin. Those old-cloth pixels (on the
person, below the chin and above the armpits, not under the new garment, touching its edge) are
painted in the shopper's skin over the body's own shape (the neck and the shoulders' slope down to
each shoulder's round, the torso between the joints, and the arms' silhouettes), its colour taken
from the skin around them (neck, chest, arms), so it carries on the neck's own light instead of a
flat patch, and the old cloth's broad shading (not its print's); it is lit as a chest is
(`torso_light.chest_light`: rounded across the body and to its outline, the light's side read from the bare skin
beside it, shaded under the new neckline), and fades into an arm rebuilt beside it; where the old
cloth stood out beyond that shape (a T-shirt's sleeve off the arm) the room is filled in.

Left as it is (the honest old collar rather than a guess): no skin seen to take the tone from, old
cloth of nearly the skin's colour (its outline cannot be told from skin), cloth of the hair's
colour joined to the head (hair over the shoulders, a beard, is not a collar; a black strap
standing apart from the head below bare skin is).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.beside import beside, in_halves, results
from tryon.shared.boxes import BLUR_REACH_SIGMAS, around, enlarged_in, grown
from tryon.repaint.torso_light import chest_light
from tryon.analysis.limbs import ARM_HALVES, Limb, arm_limbs, below_armpits, silhouette
from tryon.shared.medians import masked_median
from tryon.repaint.neck_column import neck_outline, neck_sides
from tryon.repaint.old_collar import head_rows, old_collar
from tryon.analysis.old_colours import OLD_NEAR, PATTERN_SIGMA, PATTERNED, SAME_AS_SKIN, SLEEVED, fine_detail
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, PersonAnalysis
from tryon.shared.pixels import under
from tryon.analysis.skin import (LAB_SCALE, MIN_SKIN_SAMPLE, SkinTone, grain_of, lab_distance, lab_distances, skin_grain,
                        skin_tone)
from tryon.repaint.skin_texture import skin_texture, sure_grain
from tryon.repaint.uncover import (EDGE_GROW_PX, INPAINT_RADIUS, Repaint, edge_by_the_room, fill_from_surroundings,
                                  mixed, paste, room_only)
from tryon.repaint.arm_fit import rebuilt_arms
from tryon.repaint.limb_light import LIGHT_GAIN
from tryon.fit.warp import Warped

UPPER_ARM = (0.3, 0.6)  # shares of the way from shoulder joint to elbow where a short sleeve covers the arm
TONE_NEAR = 25.0     # Lab distance from the shopper's tone past which a skin-mask pixel is pale cloth, not skin
# ...with lightness counted at this share: light makes a lit chest far lighter than a face in shade, but
# leaves its hue; a white or grey top differs from skin in hue
TONE_SCALE = np.float32([0.4, 1.0, 1.0])
SEAM_SIGMA = 0.04     # share of shoulder width: how far in the real skin's own shade carries over the seam
SEAM_PRIOR = 0.05     # weight of "no change" against it: away from real skin the seam's offset fades out
SKIN_SIGMA = 0.12    # share of shoulder width: the reach of the surrounding skin each painted pixel takes
NECK_CLOTH_LIGHT_SIGMA = 0.06   # share of shoulder width: the old cloth's light broader than this is kept
BINDING = 0.04       # share of shoulder width along the old cloth's outline that is its neckband or hem, not light
LIGHT_PRIOR = 0.05   # weight of "no change" against the cloth's light: away from its inside the light fades out
BLEND_REACH = 4      # px (working res) beyond the old cloth its colour may still be part of a pixel's
BLEND_SHARE = 1 / 3  # of the way from the skin's colour to the cloth's, from which a pixel is part cloth
SKIN_FEATHER_PX = 0.8        # px (working res): the painted edge's blur
# share of shoulder width: the painted skin fades into the real skin (or rebuilt arm) beside it over this far;
# cut off within a pixel, its outline (the old collar's, the shoulder joints' columns) read as a hard edge
SOFT_SEAM = 0.03
# share of shoulder width: ...and into an arm rebuilt bare beside it (`uncover_limbs`) over this far: both are
# paint, lit as a limb there and as a chest here, and met within SOFT_SEAM they drew a line down the
# shoulder joint's column
LIMB_SEAM = 0.15
SKIN_FEATHER_REACH_PX = 4    # px: OpenCV's kernel for that blur reaches 3
ROOM_FILL_SCALE = 4  # the room beside the shoulders is filled this many times smaller: a narrow strip, and smooth
SKIN_ONLY = 1.0 - 1.0 / 512  # skin's share of a painted pixel past which the room's fill under it rounds away
# median |fine detail| of the old cloth's lightness above which its weave or print tells it from skin (plain
# cloth with folds, and skin, stay under 4; a small gingham is near 7, just under PATTERNED)
WOVEN = 5.0
HULL_STEPS = 32      # points round each shoulder's round the shoulders' outline is drawn through: a px-smooth arc
COARSE_SIGMA = 4.0   # px of a coarse copy's pixels a broad blur keeps: its copy is at most sigma / this times smaller


def skin_colour(person: PersonAnalysis, lab: np.ndarray, tone: SkinTone, box: tuple[slice, slice],
                away: np.ndarray | None = None, prior: np.ndarray | None = None) -> np.ndarray:
    """Inside `box` (working res), per pixel the Lab colour of the skin around it (neck, chest, arms;
    not the face, lit unlike the body), falling back to `prior` (else the shopper's tone) where no skin
    is near, with the grain of the skin round it.
    Nothing is taken from `away`: the cloth being painted over, which may pass for skin (a white
    top), and its edge half blended with the skin. Worked out on a crop just wider than the blurs
    reach, not the whole photo."""
    sigma = max(1.0, SKIN_SIGMA * person.shoulder_width)
    seam_sigma = max(1.0, SEAM_SIGMA * person.shoulder_width)
    outer, inner = grown(box, int(np.ceil(BLUR_REACH_SIGMAS * (sigma + seam_sigma))) + 2, lab.shape)
    lab = lab[outer]
    taken = person.skin[outer] & person.body[outer]
    if away is not None:
        taken &= ~away[outer]
    # pale cloth passing for skin (far from the tone) is not taken: the distances of the skin's pixels alone
    taken[taken] = lab_distances(under(lab, taken), tone.lab, LAB_SCALE * TONE_SCALE) <= TONE_NEAR
    if person.face_box is not None:
        x0, y0, x1, y1 = person.face_box
        oy, ox = outer[0].start, outer[1].start
        taken[max(0, y0 - oy):max(0, y1 - oy), max(0, x0 - ox):max(0, x1 - ox)] = False
    prior_weight = 0.02
    # the weight is 0 or 1: the weighted Lab is the Lab where it is 1, masked in 8 bits and converted once
    # with the weight as a fourth channel (per channel planes: numpy is slow along a last axis of 3)
    taken = taken.view(np.uint8)
    weighted = cv2.merge([*cv2.split(cv2.bitwise_and(lab, lab, mask=taken)), taken]).astype(np.float32)
    # the seam's blur reaches less far: it and the broad colour under it need only a crop round `box`
    near, inner = grown(inner, int(np.ceil(BLUR_REACH_SIGMAS * seam_sigma)) + 2, lab.shape)
    weight = taken[near].astype(np.float32)
    *num, den = cv2.split(broad_blur(weighted, sigma, near))
    den += prior_weight
    fallback = tone.lab if prior is None else prior
    broad = [(n + p) / den for n, p in zip(num, prior_weight * np.asarray(fallback, np.float32))]
    planes = cv2.split(lab[near])
    seam = _seam([cv2.subtract(c, b, dtype=cv2.CV_32F) for c, b in zip(planes, broad)], weight, seam_sigma, inner)
    # the grain is laid on the lightness plane before the planes are merged (not along a last axis of 3 after)
    grain = skin_grain(person, seam[0].shape, near=grain_of(planes[0], weight > 0))
    return cv2.merge([broad[0][inner] + seam[0] + grain, *(b[inner] + s for b, s in zip(broad[1:], seam[1:]))])


def _body_tone(lab: np.ndarray, seen: np.ndarray, tone: SkinTone) -> np.ndarray:
    """The shopper's tone with the hue (Lab a, b: median) of the body's bare skin `seen` round the painted
    area (neck, collarbones, shoulders) that is near that tone (TONE_NEAR: not pale cloth passing for
    skin); the tone itself when too little is seen. Far from any skin (a deep V's point) the paint falls
    back to it: the face's own hue, made up and flushed, drew a pink blob there. Its lightness is the
    face's, which faces the light as a chest does (a neck under the chin is in shade)."""
    near = seen.copy()
    near[seen] = lab_distances(under(lab, seen), tone.lab, LAB_SCALE * TONE_SCALE) <= TONE_NEAR
    if np.count_nonzero(near) < MIN_SKIN_SAMPLE:
        return tone.lab
    return np.float32([tone.lab[0], *masked_median(lab, near)[1:]])


def _weighted(planes: list[np.ndarray], weight: np.ndarray) -> np.ndarray:
    """The channel `planes` times `weight`, and `weight` as a last channel: one image for one blur."""
    return cv2.merge([p * weight for p in planes] + [weight])


def broad_blur(image: np.ndarray, sigma: float, box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, a Gaussian blur `sigma` px wide of a float image, made on a smaller copy and
    enlarged: what so wide a blur keeps changes over tens of pixels, which the copy's grid
    (COARSE_SIGMA of its pixels to a sigma) still holds, and the full-size blur was most of a render's
    time. Only the box is enlarged (`enlarged_in`)."""
    h, w = image.shape[:2]
    f = max(1, int(sigma // COARSE_SIGMA))
    if f == 1:
        return cv2.GaussianBlur(image, (0, 0), sigma)[box]
    # the few rows and columns past a multiple of f left out, the area resize takes its fast path (block means)
    h, w = (n - n % f if n >= f else n for n in (h, w))
    small = cv2.GaussianBlur(cv2.resize(image[:h, :w], (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA),
                             (0, 0), sigma / f)
    # the box's rows and columns past the copy's (a few at the image's far edges) are its last ones: the
    # enlargement repeats the edge there
    rows = np.minimum(np.arange(box[0].start, box[0].stop), h - 1)
    cols = np.minimum(np.arange(box[1].start, box[1].stop), w - 1)
    inside = (slice(int(rows[0]), int(rows[-1]) + 1), slice(int(cols[0]), int(cols[-1]) + 1))
    part = enlarged_in(small, (h, w), inside)
    if box[0].stop <= h and box[1].stop <= w:
        return part
    return part[rows - inside[0].start][:, cols - inside[1].start]


def _seam(offset: list[np.ndarray], weight: np.ndarray, sigma: float, inner: tuple[slice, slice]) -> list[np.ndarray]:
    """Inside `inner`, as Lab planes, how the real skin beside the painted area differs from the broad colour painted
    (`offset`, Lab planes), carried a short way in and fading out: painted skin meets the real neck or arm
    without a visible edge (a shadow under the jaw, a lit collarbone), and far from it is the broad
    colour alone."""
    *num, den = cv2.split(broad_blur(_weighted(offset, weight), sigma, inner))
    den += SEAM_PRIOR
    return [n / den for n in num]  # plane by plane: numpy is slow along a last axis of 3


def cloth_light(person: PersonAnalysis, lab: np.ndarray, old: np.ndarray, cloth: np.ndarray, tone: SkinTone,
           box: tuple[slice, slice]) -> np.ndarray:
    """Inside `box`, the old cloth's broad lightness changes (relative to its own mean) at the skin's
    contrast: the folds and shadow the body casts stay on the skin painted there; none over a print.
    Read away from the cloth's outline (BINDING): there its band or hem is lighter or darker than
    the cloth, and `old` takes in the skin beside it, both drawn on the painted skin as the old
    top's outline; from afar the light fades to none (LIGHT_PRIOR).
    `old` lies inside `box`; the blur runs on a crop just wider than it reaches."""
    sigma = max(1.0, NECK_CLOTH_LIGHT_SIGMA * person.shoulder_width)
    outer, inner = grown(box, int(np.ceil(BLUR_REACH_SIGMAS * max(sigma, PATTERN_SIGMA))) + 2, lab.shape)
    lab, old = lab[outer], old[outer]
    none = np.zeros(old[inner].shape, np.float32)
    if _detail(lab, old) > PATTERNED:
        return none
    inside = cv2.distanceTransform(old.astype(np.uint8), cv2.DIST_L2, 3)
    taken = inside > EDGE_GROW_PX + BINDING * person.shoulder_width
    # and of the cloth's own colour (`cloth`, its median): a print on it (a white motif on a navy tee)
    # is not light, and was drawn on the skin painted over it as a pale blob
    taken[taken] = lab_distances(under(lab, taken), cloth) < OLD_NEAR
    taken = taken.astype(np.uint8)
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


def _patterned(lab: np.ndarray, old: np.ndarray) -> bool:
    """Whether the old cloth is printed or woven in a pattern (a gingham, a check): then its outline is
    told from skin by its texture, however near its mean colour is to the skin's."""
    return _detail(lab, old) > WOVEN


def _detail(lab: np.ndarray, old: np.ndarray) -> float:
    """The old cloth's fine detail (`fine_detail`), read on a crop round it as wide as its blur reaches."""
    box = around(old, int(np.ceil(BLUR_REACH_SIGMAS * PATTERN_SIGMA)) + 1)
    return fine_detail(lab[box], old[box])


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
    grow = np.ones((2 * EDGE_GROW_PX + 1,) * 2, np.uint8)
    limbs = np.zeros(old.shape, bool)
    if arms_gone is not None:  # the limbs paint the arms, and the room beside them; the shoulders' tops stay here
        arms = silhouette(arm_limbs(person), old.shape) | below_armpits(person, old.shape)
        limbs = (cv2.dilate(arms_gone.astype(np.uint8), grow) > 0) & arms
        old &= ~limbs
    if not old.any():
        return None
    tone = skin_tone(person)
    near = around(old, 0)  # the median read on the old cloth's box
    cloth = masked_median(lab[near], old[near])
    if tone is None or (lab_distance(cloth, tone.lab) < SAME_AS_SKIN and not _patterned(lab, old)):
        return None
    # above the shoulders: the neck in shadow is not cloth (nor hair behind it), and past the bare neck is the room
    kept, off_neck = neck_sides(person, old, cloth, tone.lab, TONE_SCALE)
    old &= ~kept
    if not old.any():
        return None
    # the old cloth's edge, half blended with the skin beside it, passes for skin and would stay as a
    # thin line of the old collar: the painted area takes it in
    blended = _blended_edge(old, lab, cloth, tone)
    near = around(old, BLEND_REACH + 1)  # where the blended edge lies, and the old cloth grown by EDGE_GROW_PX
    painting = np.zeros(old.shape, bool)
    arm_beside = bool(limbs.any())  # an arm rebuilt bare beside the paint
    grown_old = (blended[near] & ~limbs[near]) | (cv2.dilate(old[near].astype(np.uint8), grow) > 0)
    # the old cloth blended with the room at the outline, beside cloth past the body's own shape: room too (at
    # the shoulders' tops the outline is the painted skin's own edge)
    edge = edge_by_the_room(person, old & ~body_shape(person, arm_beside))
    painting[near] = ((grown_old & person.body[near]) | edge[near]) & (alpha[near] < 0.5) \
        & ~head_rows(person)[near] & ~kept[near]
    old = painting
    reach = max(1, int(round(SOFT_SEAM * person.shoulder_width)))
    limb_reach = max(reach, int(round(LIMB_SEAM * person.shoulder_width))) if arm_beside else reach
    box = around(old, max(2 * INPAINT_RADIUS, limb_reach) + 2)
    # the skin's colour from the skin alone: the cloth's blended edge beside it drew a pale or dark outline.
    # It is made on a helper thread, and the old cloth's light on the other once the garment's layer made
    # there is done (`compose`), while the chest's light and the painted area's shape are made here
    seen = person.skin[box] & person.body[box] & ~head_rows(person)[box] & ~blended[box] & ~old[box]
    away = blended | old
    colouring = beside(lambda: skin_colour(person, lab, tone, box, away=away, prior=_body_tone(lab[box], seen, tone)))
    lighting = beside(lambda: cloth_light(person, lab, old, cloth, tone, box))
    # and the grain of the shopper's sure skin (once per photo), read off `out` before the paste writes it
    grained = beside(lambda: sure_grain(person, out))
    rounding = chest_light(person, old[box], seen, alpha >= 0.5, box)
    # the room where the old cloth stood out beyond the body's own shape, skin over that shape
    # (the masks below are made on a crop just wider than their dilation and feather reach: `old` lies
    # well inside `box`, so outside it they are empty)
    outer, inner = grown(box, EDGE_GROW_PX + SKIN_FEATHER_REACH_PX, old.shape)
    hidden = old[outer] | (cv2.dilate((alpha[outer] > 0.02).astype(np.uint8), grow) > 0)
    # the skin reaches past the painted area's own edge, so the edge's blend is skin into real skin,
    # not the room's fill into it (a light line round the old collar)
    shape = body_shape(person, arm_beside)[outer] & ~off_neck[outer]
    a = cv2.GaussianBlur(((cv2.dilate((old[outer] & shape).astype(np.uint8), grow) > 0) & shape).astype(np.float32),
                         (0, 0), SKIN_FEATHER_PX)[inner]
    open_skin = shape[inner] & (person.mask[box] > 0.5) & (alpha[box] < 0.5) & ~head_rows(person)[box]
    # into a rebuilt arm only from the chest's paint between the shoulder joints: from an old sleeve's
    # stub at a new sleeve's hem it carried the chest's colour down the arm
    seam = _soft_seam(old[box], open_skin & ~limbs[box], reach)
    if arm_beside:
        seam = np.maximum(seam, _soft_seam(old[box] & _between_shoulders(person, box), open_skin & limbs[box],
                                           limb_reach))
    a = np.maximum(a, seam > 0)
    shown = np.zeros(old.shape, np.float32)  # `old` lies inside `box`: outside it nothing is shown
    shown[box] = np.maximum(np.maximum(cv2.GaussianBlur(old[outer].astype(np.float32), (0, 0), SKIN_FEATHER_PX)[inner],
                                       old[box]), seam)
    work = person.image.copy()
    work[box] = fill_from_surroundings(person.image[box], room_only(hidden[inner], person.body[box]),
                                       needed=(shown[box] > 0) & (a < SKIN_ONLY), scale=ROOM_FILL_SCALE)
    colour, light = results([colouring, lighting])  # the light made here if no helper has started it
    # the box's upper and lower rows painted at once: their pixels are apart
    painting = work[box]
    in_halves(box[0].stop - box[0].start,
              lambda rows: _skin_over(painting[rows], colour[rows], light[rows], rounding[rows], a[rows]))
    grained.result()
    painted = paste(out, work, shown, box)
    # the texture is read off skin the paste left as it was, and not the new garment's edge
    skin_texture(out, person, seen & (shown[box] == 0) & (alpha[box] < 0.02), box, a * shown[box], painted)
    return painted


def _skin_over(work: np.ndarray, colour: np.ndarray, light: np.ndarray, rounding: np.ndarray,
               share: np.ndarray) -> None:
    """The skin's Lab `colour` lit (its lightness times `rounding`, plus the old cloth's `light`), laid on
    `work` (RGB) by `share`, in place."""
    if not work.size:
        return
    colour[..., 0] *= rounding
    colour[..., 0] += light
    skin = cv2.cvtColor(np.clip(colour + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)
    work[:] = mixed(work, skin, share)


def _between_shoulders(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """The columns of `box` (working res) between the shoulder joints, as a mask of the box."""
    xs = np.arange(box[1].start, box[1].stop)
    ends = sorted(float(person.point(i)[0]) for i in (L_SHOULDER, R_SHOULDER))
    cols = (xs >= ends[0]) & (xs <= ends[1])
    return np.broadcast_to(cols[None, :], (box[0].stop - box[0].start, len(xs)))


def _soft_seam(old: np.ndarray, open_skin: np.ndarray, reach: int) -> np.ndarray:
    """Outside the painted area `old`, on `open_skin` (the body's shape, bare, not under the new garment),
    the painted skin's share falling from 1 at its edge to 0 `reach` px away: the paint, which beside
    the real skin carries that skin's own shade (`_seam`), fades into it instead of stopping at a line."""
    dist = cv2.distanceTransform((~old).astype(np.uint8), cv2.DIST_L2, 3)
    return np.where(open_skin & ~old, np.clip(1.0 - dist / (reach + 1), 0.0, 1.0), 0.0).astype(np.float32)


def body_shape(person: PersonAnalysis, arms_rebuilt: bool = False) -> np.ndarray:
    """Where bare skin can be under an old top's shoulders: the neck and shoulders as bare ones are
    outlined (`_shoulders`), the torso between the joints below them, and the arms' own silhouettes: the rebuilt
    arms' (`rebuilt_arms`) where the arms are rebuilt, else the pose's (taken round the pose's arms, wider and a few px
    off the rebuilt ones, the paint drew skin-coloured blocks or ghosts of the arms' outline on the room beside
    them). A T-shirt's sleeves stand out from the arm; painted skin there drew a skin-coloured T-shirt. An old top
    with no sleeves (bare arms beside the new one) has the body's own outline: all the person is skin under it, and
    its straps over the shoulders' round were cut off at the joints' columns by a straight edge. Made once per
    photo."""
    if sleeveless(person):
        return person.mask > 0.5
    if arms_rebuilt:
        return person.derived("body_shape_rebuilt", lambda: _body_shape(person, rebuilt_arms(person)))
    return person.derived("body_shape", lambda: _body_shape(person, arm_limbs(person)))


def sleeveless(person: PersonAnalysis) -> bool:
    """Whether the old top leaves both upper arms bare (`_sleeveless`), read once per photo."""
    return person.derived("sleeveless", lambda: _sleeveless(person))


def _sleeveless(person: PersonAnalysis) -> bool:
    """Whether the old top leaves both upper arms bare: their silhouettes a little below the shoulder
    joints (UPPER_ARM) are mostly skin. A short sleeve covers that, even when the new top covers it too."""
    arms = arm_limbs(person)
    if len(arms) < 2:
        return False
    cloth = (person.mask > 0.5) & ~person.skin
    for arm in arms:
        (s, e), half = arm.joints[:2], arm.halves[0]
        upper = arm._replace(joints=np.array([s + (e - s) * f for f in UPPER_ARM]), halves=np.array([half, half]))
        band = silhouette([upper], cloth.shape) & (person.mask > 0.5)
        if not band.any() or float(cloth[band].mean()) >= SLEEVED:
            return False
    return True


def _body_shape(person: PersonAnalysis, arms: list[Limb]) -> np.ndarray:
    h, w = person.mask.shape
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    shape = np.zeros((h, w), bool)
    # below the shoulders' line, the torso between the joints; above it, the shoulders' own outline
    top = int(min(ls[1], rs[1]))
    shape[max(0, top):, max(0, int(min(ls[0], rs[0]))):max(0, int(max(ls[0], rs[0])) + 1)] = True
    shape |= _shoulders(person, (h, w))
    return shape | silhouette(arms, (h, w)) if arms else shape


def _shoulders(person: PersonAnalysis, shape: tuple[int, int]) -> np.ndarray:
    """The neck and shoulders above the joints as bare ones are outlined: the hull of the neck's sides
    (`neck_outline`) and a round the upper arm's width (`limbs.ARM_HALVES`) about each shoulder joint, so
    the outline slopes from the neck down over each shoulder's round. Cut off at the joints' columns, as
    the columns between them were, the paint kept an old T-shirt's square shoulders and its corners."""
    ring = np.linspace(0.0, 2 * np.pi, HULL_STEPS, endpoint=False)
    points = [neck_outline(person)]
    for i in (L_SHOULDER, R_SHOULDER):
        joint, r = person.point(i), ARM_HALVES[0] * person.shoulder_width
        points.append(np.stack([joint[0] + r * np.cos(ring), joint[1] + r * np.sin(ring)], 1))
    hull = cv2.convexHull(np.round(np.concatenate(points)).astype(np.int32))
    out = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(out, hull, 1)
    return out > 0
