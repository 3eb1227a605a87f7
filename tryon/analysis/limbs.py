"""Arms and legs as tapered shapes along the pose's joints, for painting them bare.

A limb is its centre line through the joints the pose found (shoulder, elbow, wrist; hip, knee,
ankle) and its half-width at each joint, as a share of the shoulder width: the proportions of a
slim adult, since under a sleeve or a trouser leg the photo does not show the limb's own width.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.analysis.arms import ARM_MOST, HAND_PAST_WRIST, UPPER_ARM_FROM, arm_band
from tryon.analysis.old_colours import PATTERNED, SLEEVED, fine_detail
from tryon.analysis.skin import toned_skin
from tryon.shared.boxes import around
from tryon.analysis.person import (L_ANKLE, L_ELBOW, L_HIP, L_KNEE, L_SHOULDER, L_WRIST, R_ANKLE, R_ELBOW, R_HIP, R_KNEE,
                          R_SHOULDER, R_WRIST, PersonAnalysis)
from tryon.shared.components import components

# half-widths (share of shoulder width) at shoulder, elbow, wrist, and where a cuff ends past the wrist
ARM_HALVES = (0.13, 0.105, 0.075, 0.07)
# a sleeve's cuff reaches past the wrist joint onto the hand by this share of the forearm's length
CUFF_PAST_WRIST = 0.2
# half-widths at hip (the thigh's top, below the crotch), knee, calf, ankle
LEG_HALVES = (0.2, 0.14, 0.155, 0.085)
CALF_AT = 0.3   # the calf is widest this share of the way from knee to ankle
# half-width of the zone where a limb's old sleeve or trouser leg is looked for: old clothing
# stands off the limb, a wide jacket sleeve or trouser leg by up to twice its width
ZONE_HALF = {"arm": 0.26, "leg": 0.3}
# on its side towards the body an arm's zone reaches only this many times its own half-width: past
# that is the torso the arm hangs against, and old clothing there is the old top, not its sleeve
INNER_ZONE = 1.3
# a hip joint lies inside the pelvis: a thigh's centre line starts this share of the way from it to
# the knee, where the leg has left the body
THIGH_FROM = 0.15
HOLD_REACH = 0.45    # share of shoulder width round a wrist where a held bag may be
# a real arm is at most ARM_MOST slim arms (ARM_HALVES) wide, and a hand this share of shoulder width
# across: skin-coloured or skin-printed old clothes beside a hanging arm lie past that
HAND_HALF = 0.09
# local fine detail of lightness (Lab L, 0..255: |L minus its DETAIL_SIGMA blur|, pooled over DETAIL_POOL px)
# above which a pixel is a print or check, not skin: bare forearms read under 4 inside their outline on the
# dev photos but for a few px along fingers, an old skirt's checks and prints 14 and more
PRINT_DETAIL = 10.0
DETAIL_SIGMA = 1.0
DETAIL_POOL = 3.0
# px: how far round a pixel the detail measure reads: both blurs' reach (OpenCV's float kernels run 4 sigmas)
DETAIL_REACH = int(np.ceil(4 * DETAIL_SIGMA)) + int(np.ceil(4 * DETAIL_POOL))
# the pooling blur's kernel as OpenCV's GaussianBlur makes it for float images (4 sigmas each side): applied
# as a separable filter it gives the same values, a quarter faster
POOL_KERNEL = cv2.getGaussianKernel(int(round(8 * DETAIL_POOL + 1)) | 1, DETAIL_POOL, cv2.CV_32F)
HAND_CLOSE = 5      # px (working res): a crease between fingers, darker than skin, is narrower than this
# an open hand hanging straight ends this share of the forearm's length past the wrist joint (hand and
# forearm are about 0.108 and 0.146 of stature): HAND_PAST_WRIST is a curled hand's, and the fingertips
# of a hand hanging open beside new trousers were painted out as the room in a straight line
FINGERTIPS_PAST_WRIST = 0.74
# a hand is shorter than its forearm (the pose's wrist may sit above the real one): no hand lies further
# than this many forearm lengths from the wrist joint
HAND_WITHIN = 1.0
SUB_PX = 4          # bits of sub-pixel precision a limb's outline is drawn at for its `coverage`
BONE_PIECES = 6     # pieces a bone's outline is drawn in as its width eases from joint to joint (`_pieces`)


class Limb(NamedTuple):
    joints: np.ndarray   # (k, 2) working px, along the limb
    halves: np.ndarray   # (k,) half-width at each joint, working px
    zone: float          # half-width of the zone its old clothing is looked for in, working px
    # the body's centre line x an arm hangs beside (its zone stays narrow on that side); None: both
    # sides wide (a leg's inner side is the other leg, in the same trousers)
    body_x: float | None = None


def _limb(person: PersonAnalysis, idx: tuple[int, int, int], halves: tuple[float, ...], zone_half: float,
          along: tuple[float, float, float, float], past_frame: bool = False) -> Limb | None:
    """The limb through three joints: points at `along` (0 the first joint, 1 the second, 2 the
    third, past 2 beyond it on the last bone's line), with `halves` their half-widths. With `past_frame`,
    also a limb whose last joint lies outside the photo where the pose puts it, the middle one seen."""
    seen = all(person.visible(i) for i in idx[1:])
    if not seen and not (past_frame and person.visible(idx[1]) and not person.in_frame(idx[2])):
        return None
    a, b, c = (person.point(i) for i in idx)
    pts = np.array([a + (b - a) * f if f <= 1.0 else b + (c - b) * (f - 1.0) for f in along], np.float64)
    sw = person.shoulder_width
    return Limb(pts, np.array(halves, np.float64) * sw, zone_half * sw)


def arm_limbs(person: PersonAnalysis, past_frame: bool = False) -> list[Limb]:
    """Both arms, where the pose sees elbow and wrist (else their line is a guess). With `past_frame`, also an arm
    that runs out of the photo (its elbow seen, its wrist past the frame's edge: a selfie cut above the hands) along
    the pose's line to that wrist: enough to find an old sleeve on it, never to rebuild it (no hand is seen)."""
    arms = [_limb(person, (s, e, w), ARM_HALVES, ZONE_HALF["arm"], (0.0, 1.0, 2.0, 2.0 + CUFF_PAST_WRIST), past_frame)
            for s, e, w in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))]
    return [a._replace(body_x=person.centre_x) for a in arms if a is not None]


def lowest_row(limbs: list[Limb]) -> int:
    """The last row the limbs' silhouettes reach, their ends' round caps included: cut at the last joint's row,
    an arm ended in a flat edge."""
    return int(max(float(limb.joints[-1][1] + limb.halves[-1]) for limb in limbs))


def below_armpits(person: PersonAnalysis, shape: tuple[int, int]) -> np.ndarray:
    """On each side of the body whose arm the pose sees, the rows below where that arm leaves a top's side
    (UPPER_ARM_FROM of the way from shoulder to elbow): an old collar or strap is never that low, only a
    sleeve, whose pixels beside the rebuilt arm are the room's."""
    h, w = shape
    out = np.zeros(shape, bool)
    xs = np.arange(w)[None, :]
    body_x = person.centre_x
    for arm in arm_limbs(person):
        shoulder, elbow = arm.joints[0], arm.joints[1]
        armpit = int(shoulder[1] + UPPER_ARM_FROM * (elbow[1] - shoulder[1]))
        side = (xs - body_x) * (shoulder[0] - body_x) > 0
        out[max(0, armpit):] |= np.broadcast_to(side, (max(0, h - max(0, armpit)), w))
    return out


def arms_at_most(person: PersonAnalysis) -> np.ndarray:
    """Where arms and hands can be (working res): each slim arm widened by ARM_MOST, on past the wrist
    to the hand's end (once per photo). Old clothes of the skin's colour, or printed with it, pass
    for skin beside an arm; past this they are not the arm."""
    return person.derived("arms_at_most", lambda: _arms_at_most(person))


def arm_skin(person: PersonAnalysis) -> np.ndarray:
    """The arms' and hands' own pixels below the elbows (working res): skin in the arm's band, no
    wider than a real arm, in pieces at least 3 px across (a finger is wider; a sliver of old clothes
    of the skin's colour beside the arm is not) (once per photo)."""
    return person.derived("arm_skin", lambda: _arm_skin(person))


def arm_over_bottom(person: PersonAnalysis) -> np.ndarray:
    """The arms' and hands' own pixels where they hang against a bottom (working res): `arm_skin` down to an
    open hand's fingertips that is `smooth_skin`, in the pieces that touch a slim arm along the pose, with
    the rest of a hand's width of skin along each row (once per photo)."""
    return person.derived("arm_over_bottom", lambda: _arm_over_bottom(person))


def smooth_skin(person: PersonAnalysis) -> np.ndarray:
    """Skin-coloured pixels without a print's fine detail (working res, once per photo): bare skin, not
    an old garment's pale checks or pink print that pass the colour test."""
    return person.derived("smooth_skin", lambda: _smooth_skin(person))


def _smooth_skin(person: PersonAnalysis) -> np.ndarray:
    skin = person.skin
    out = np.zeros_like(skin)
    if not skin.any():
        return out
    box = around(skin, DETAIL_REACH)  # only skin is smooth skin: its detail is read within the blurs' reach of it
    light = person.lab[box][..., 0].astype(np.float32)
    detail = cv2.sepFilter2D(cv2.absdiff(light, cv2.GaussianBlur(light, (0, 0), DETAIL_SIGMA)), -1, POOL_KERNEL, POOL_KERNEL)
    out[box] = skin[box] & (detail <= PRINT_DETAIL)
    return out


def unprinted_skin(person: PersonAnalysis) -> np.ndarray:
    """Skin-coloured pixels within a crease's width (HAND_CLOSE) of smooth skin (working res, once per photo):
    bare skin with a hand's creases, nails and outline, which carry detail too, but not the pale flecks of a
    print that pass the colour test and lie amid the print's detail."""
    return person.derived("unprinted_skin", lambda: person.skin & (cv2.dilate(
        smooth_skin(person).astype(np.uint8), np.ones((HAND_CLOSE,) * 2, np.uint8)) > 0))


def arms_skin(person: PersonAnalysis) -> np.ndarray:
    """Skin-coloured pixels as the arms' bare skin is told from their sleeves (working res, once per photo), of the
    shopper's own hue (`toned_skin`): where the arms wear printed sleeves, less the print's pale flecks that pass the
    colour test (`unprinted_skin`); else the colour test alone, as a slim bare arm beside a dark top carries the
    top's edge's detail all across."""
    return person.derived("arms_skin", lambda: (unprinted_skin(person) if printed_sleeves(person) else person.skin)
                          & toned_skin(person))


def long_sleeves(person: PersonAnalysis) -> bool:
    """Whether the forearms the pose sees are mostly old cloth (SLEEVED of the body in their band), once per photo."""
    return person.derived("long_sleeves", lambda: _cloth_share(person, _forearms(person)) >= SLEEVED)


def sleeves_over_bottom(person: PersonAnalysis) -> np.ndarray:
    """Long sleeves down the forearms to the wrists (working res, once per photo; none on bare forearms). Hanging
    beside the hips, they are the shopper's top, in front of a new bottom and never its old one painted out: a
    long-sleeved dress's sleeves were cut at the new waistband, and the hands floated below them."""
    def make() -> np.ndarray:
        if not long_sleeves(person):
            return np.zeros(person.mask.shape, bool)
        cloth = (_forearms(person) & ~person.skin).astype(np.uint8)
        return cv2.morphologyEx(cloth, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0   # a print's specks go
    return person.derived("sleeves_over_bottom", make)


def printed_sleeves(person: PersonAnalysis) -> bool:
    """Whether the shopper wears long sleeves printed all over (`fine_detail` past PATTERNED). Read on the whole
    forearms: the slivers of a plain sleeve a new garment leaves read as printed by their edges' detail alone. Once
    per photo."""
    return person.derived("printed_sleeves", lambda: long_sleeves(person)
                          and fine_detail(person.lab, _forearms(person) & ~person.skin) > PATTERNED)


def _forearms(person: PersonAnalysis) -> np.ndarray:
    return arm_band(person, "elbow", 0.0) & person.body


def _cloth_share(person: PersonAnalysis, region: np.ndarray) -> float:
    return float((region & ~person.skin).sum()) / max(1, int(region.sum()))


def _arm_over_bottom(person: PersonAnalysis) -> np.ndarray:
    seed = _arm_skin(person, FINGERTIPS_PAST_WRIST) & unprinted_skin(person)
    # the hand's own outline, where the pose's line runs off its middle or it bends at the wrist: a slim
    # hand round that line left the thumb's side and the fingertips to be painted out as the room
    grow = _narrow_runs(smooth_skin(person), HAND_CLOSE, 2 * ARM_MOST * HAND_HALF * person.shoulder_width) & _hands_reach(person)
    grow &= arm_band(person, "elbow", FINGERTIPS_PAST_WRIST)
    hand = seed | grow
    n, parts = components(hand.astype(np.uint8), connectivity=8)
    on_arm = np.bincount(parts[seed & silhouette(arm_limbs(person), hand.shape)], minlength=n) > 0
    on_arm[0] = False
    return on_arm[parts]


def _narrow_runs(skin: np.ndarray, least: int, widest: float) -> np.ndarray:
    """The pixels of `skin` in runs along their row at least a finger wide (`least` px) and no wider than a
    hand (`widest` px). A wider run is skin-coloured old clothes (or a hand with them beside it), and a
    thinner one a check's cell or a print's speck, which no hand's outline takes in."""
    starts = skin & ~np.pad(skin, ((0, 0), (1, 0)))[:, :-1]
    ids = np.cumsum(starts.ravel()).reshape(skin.shape) * skin
    length = np.bincount(ids.ravel())
    narrow = (length >= least) & (length <= widest)
    narrow[0] = False
    return narrow[ids]


def _hands_reach(person: PersonAnalysis) -> np.ndarray:
    """Within HAND_WITHIN forearm lengths of each wrist the pose sees: where its hand can be."""
    out = np.zeros(person.mask.shape, np.uint8)
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        if person.visible(wrist):
            w = person.point(wrist)
            r = HAND_WITHIN * float(np.linalg.norm(w - person.point(elbow)))
            cv2.circle(out, (int(round(w[0])), int(round(w[1]))), max(1, int(round(r))), 1, -1)
    return out > 0


def _arm_skin(person: PersonAnalysis, past_wrist: float = HAND_PAST_WRIST) -> np.ndarray:
    """Skin in the arm's band that a real arm and hand could be, the hand ending `past_wrist` of the
    forearm's length past the wrist joint."""
    at_most = arms_at_most(person) if past_wrist == HAND_PAST_WRIST else _arms_at_most(person, past_wrist)
    skin = (arm_band(person, "elbow", past_wrist) & person.skin & at_most).astype(np.uint8)
    return cv2.morphologyEx(skin, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0


def _arms_at_most(person: PersonAnalysis, past_wrist: float = HAND_PAST_WRIST) -> np.ndarray:
    halves = ARM_HALVES[:3] + (HAND_HALF,)
    arms = [_limb(person, idx, halves, ZONE_HALF["arm"], (0.0, 1.0, 2.0, 2.0 + past_wrist))
            for idx in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))]
    return silhouette([a._replace(halves=a.halves * ARM_MOST) for a in arms if a is not None], person.mask.shape)


def leg_limb(person: PersonAnalysis, joints: tuple[int, int, int]) -> Limb | None:
    """The leg through these hip, knee and ankle joints, where the pose sees knee and ankle."""
    return _limb(person, joints, LEG_HALVES, ZONE_HALF["leg"], (THIGH_FROM, 1.0, 1.0 + CALF_AT, 2.0))


def leg_limbs(person: PersonAnalysis) -> list[Limb]:
    """Both legs, where the pose sees knee and ankle."""
    legs = [leg_limb(person, joints) for joints in ((L_HIP, L_KNEE, L_ANKLE), (R_HIP, R_KNEE, R_ANKLE))]
    return [leg for leg in legs if leg is not None]


def half_width_at(limb: Limb, y: float, eased: bool = False) -> float:
    """A standing leg's half-width (working px) at height `y`: between its joints' own, past its ends
    the nearest joint's; `eased`, as a rebuilt leg is drawn (`_pieces`)."""
    ys = np.maximum.accumulate(limb.joints[:, 1])
    if not eased:
        return float(np.interp(y, ys, limb.halves))
    at = float(np.interp(y, ys, np.arange(len(ys), dtype=np.float64)))
    i = min(int(at), len(ys) - 2)
    ease = (1.0 - np.cos(np.pi * (at - i))) / 2.0
    return float(limb.halves[i] + (limb.halves[i + 1] - limb.halves[i]) * ease)


def _pieces(limb: Limb, halves: np.ndarray, eased: bool):
    """The limb's outline as tapered pieces (a, b, half at a, half at b, the bone's normal): one per bone, tapered
    straight from joint to joint; `eased`, BONE_PIECES per bone, its half-width easing from one joint's to the
    next's (half a cosine), level at every joint. A rebuilt leg drawn crisp at the photo's size kinked at the calf
    and the knee as a polygon, not a limb; where a limb only places or bounds something (a trouser leg's width,
    the zone old clothing is looked for in), the straight taper stands."""
    n = BONE_PIECES if eased else 1
    t = np.linspace(0.0, 1.0, n + 1)
    ease = (1.0 - np.cos(np.pi * t)) / 2.0 if eased else t
    for (a, b), (ha, hb) in zip(zip(limb.joints[:-1], limb.joints[1:]), zip(halves[:-1], halves[1:])):
        points = a + (b - a) * t[:, None]
        widths = ha + (hb - ha) * ease
        d = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
        for i in range(n):
            yield points[i], points[i + 1], widths[i], widths[i + 1], np.array([-d[1], d[0]])


def _draw(limbs: list[Limb], shape: tuple[int, int], widths, eased: bool = False) -> np.ndarray:
    """Tapered shapes along the limbs (`_pieces`) and a disc at each joint."""
    out = np.zeros(shape, np.uint8)
    for limb in limbs:
        halves = widths(limb)
        for a, b, ha, hb, n in _pieces(limb, halves, eased):
            quad = np.array([a + n * ha, b + n * hb, b - n * hb, a - n * ha])
            cv2.fillConvexPoly(out, np.round(quad).astype(np.int32), 1)
        for p, r in zip(limb.joints, halves):
            cv2.circle(out, (int(round(p[0])), int(round(p[1]))), max(1, int(round(r))), 1, -1)
    return out > 0


def coverage(limbs: list[Limb], shape: tuple[int, int]) -> np.ndarray:
    """The share of each pixel (working res, 0..1) a rebuilt limb's silhouette (eased, `_pieces`) covers: its
    outline drawn at SUB_PX bits of sub-pixel precision, smoothed over its edge pixels. An edge blurred from the
    whole-pixel silhouette stepped along a leaning leg, or was blurred wide enough to hide the steps."""
    out = np.zeros(shape, np.uint8)
    k = float(1 << SUB_PX)
    for limb in limbs:
        for a, b, ha, hb, n in _pieces(limb, limb.halves, True):
            quad = np.array([a + n * ha, b + n * hb, b - n * hb, a - n * ha])
            cv2.fillConvexPoly(out, np.round(quad * k).astype(np.int32), 255, cv2.LINE_AA, SUB_PX)
        for p, r in zip(limb.joints, limb.halves):
            cv2.circle(out, (int(round(p[0] * k)), int(round(p[1] * k))), max(1, int(round(r * k))), 255, -1,
                       cv2.LINE_AA, SUB_PX)
    return out.astype(np.float32) / 255.0


def silhouette(limbs: list[Limb], shape: tuple[int, int], eased: bool = False) -> np.ndarray:
    """Where the bare limbs are (working res); `eased`, as a rebuilt limb is drawn (`_pieces`)."""
    return _draw(limbs, shape, lambda limb: limb.halves, eased)


def zone(limbs: list[Limb], shape: tuple[int, int]) -> np.ndarray:
    """Where these limbs' old clothing may be (working res): wide round a leg; round an arm, wide
    on its outer side only."""
    legs = [limb for limb in limbs if limb.body_x is None]
    arms = [limb for limb in limbs if limb.body_x is not None]
    out = _draw(legs, shape, lambda limb: np.full(len(limb.joints), limb.zone))
    out |= _draw(arms, shape, lambda limb: limb.halves * INNER_ZONE)
    outer = np.zeros(shape, np.uint8)
    for limb in arms:
        for k, (a, b) in enumerate(zip(limb.joints[:-1], limb.joints[1:])):
            d = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
            n = np.array([-d[1], d[0]])
            if n[0] * ((a[0] + b[0]) / 2 - limb.body_x) < 0:
                n = -n
            if k == 0:  # an old sleeve's shoulder rounds up over the joint, on the outer side
                a = a - d * limb.zone
            quad = np.array([a, b, b + n * limb.zone, a + n * limb.zone])
            cv2.fillConvexPoly(outer, np.round(quad).astype(np.int32), 1)
    return out | (outer > 0)


def held(person: PersonAnalysis) -> np.ndarray:
    """Round each wrist the pose sees: the hand and a bag or phone it holds, however pale (once per photo)."""
    return person.derived("held", lambda: _held(person))


def _held(person: PersonAnalysis) -> np.ndarray:
    return round_wrists(person, HOLD_REACH)


def round_wrists(person: PersonAnalysis, reach: float) -> np.ndarray:
    """Discs `reach` shoulder widths round each wrist the pose sees (working res)."""
    out = np.zeros(person.mask.shape, np.uint8)
    for wrist in (L_WRIST, R_WRIST):
        if person.visible(wrist):
            x, y = (int(round(v)) for v in person.point(wrist))
            cv2.circle(out, (x, y), max(2, int(reach * person.shoulder_width)), 1, -1)
    return out > 0


def along_limb(limb: Limb, box: tuple[slice, slice]) -> np.ndarray:
    """Per pixel of `box`, how far down the limb (px from its first joint along its bones) its nearest
    bone is met."""
    ys, xs = np.mgrid[box[0], box[1]].astype(np.float32)
    best = np.full(ys.shape, np.inf, np.float32)
    out = np.zeros(ys.shape, np.float32)
    start = 0.0
    for a, b in zip(limb.joints[:-1], limb.joints[1:]):
        d = (b - a).astype(np.float32)
        length = max(float(np.hypot(*d)), 1e-6)
        t = np.clip(((xs - a[0]) * d[0] + (ys - a[1]) * d[1]) / length ** 2, 0.0, 1.0)
        dist = np.hypot(xs - a[0] - t * d[0], ys - a[1] - t * d[1])
        nearer = dist < best
        best[nearer], out[nearer] = dist[nearer], start + t[nearer] * length
        start += length
    return out


def limb_box(limb: Limb, shape: tuple[int, int]) -> tuple[slice, slice]:
    """The box round a limb's silhouette."""
    reach = float(limb.halves.max()) + 1.0
    lo = np.floor(limb.joints.min(axis=0) - reach).astype(int)
    hi = np.ceil(limb.joints.max(axis=0) + reach).astype(int) + 1
    return (slice(max(0, lo[1]), min(shape[0], hi[1])), slice(max(0, lo[0]), min(shape[1], hi[0])))


def limbs_box(limbs: list[Limb], shape: tuple[int, int]) -> tuple[slice, slice]:
    """The box round the limbs' silhouettes."""
    boxes = [limb_box(limb, shape) for limb in limbs]
    return (slice(min(b[0].start for b in boxes), max(b[0].stop for b in boxes)),
            slice(min(b[1].start for b in boxes), max(b[1].stop for b in boxes)))
