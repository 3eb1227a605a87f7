"""How bare torso skin painted over old clothes is lit: the chest's light above a more open neckline and
the few landmarks a bare torso shows, as soft light and shade.

The few landmarks a bare torso shows, as soft light and shade on skin painted over it.

Skin painted over a chest or a midriff with a body's broad light alone read as a flat beige board:
a real one shows its collarbones (a lit ridge from the throat to each shoulder, a hollow above and
below), the notch between them at the throat, and down a midriff the ribcage's lower edge (its
rim lit, the belly sinking in under it), the belly's lit front, the shallow groove on its centre line
and the navel. Each is drawn as a soft oval about a fold's contrast on skin, as a rebuilt leg's
kneecap is (`limb_light.knee`), placed by the pose alone: enough to read as a body, too little to read
as a mark where the pose is a little off.

How bare neck and chest skin painted above a more open neckline is lit.

Skin of the colour round it, with no light of its own, read as a flat beige patch pasted in a V or
a scoop. A chest is lit as a broad rounded body: its sides, towards the shoulders, turn away from
the light and darken (`limb_light.rounded`), and its side towards the light is lighter. How much,
in this photo, is read from the bare skin beside the painted area (the neck, a collarbone, bare
shoulders) as a rebuilt limb's light is (`limb_light.curve`). Near the body's outline against the room
(the shoulders' tops and outer round) it turns away from the camera and darkens as a limb does towards
its outline, over a shoulder's round. The collarbones and the throat's notch show on it
(`collarbones`). A neckline stands off the body and shades the skin just inside it: without
that shade the skin met the garment as a sticker.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.body_frame import BodyFrame, body_frame
from tryon.analysis.limbs import ARM_HALVES, Limb, arm_limbs, silhouette
from tryon.analysis.person import PersonAnalysis
from tryon.repaint.limb_light import across, curve, forearm_curve, limb_lit, lit, oval_marks, rounded
from tryon.repaint.old_collar import SHOULDER_TOP_OUT
from tryon.shared.boxes import BLUR_REACH_SIGMAS, around, grown

# the throat's notch lies this share of shoulder width below the shoulder joints' line (the joints the pose
# gives sit at the shoulders' round, the collarbones' outer ends, a little above their inner ends)
NOTCH_DROP = 0.06
# the collarbone's lit ridge, and the hollows above it (deep, at the neck's base) and below it (broad,
# shallow), each about a fold's contrast on skin (`limb_light.KNEE_LIGHT`): (drop square to the bone,
# half-length along it, half-width square to it) in the bone's half-lengths, and its gain
RIDGE = ((0.0, 0.9, 0.07), 0.05)
ABOVE_RIDGE = ((-0.16, 0.6, 0.08), -0.06)
BELOW_RIDGE = ((0.3, 0.8, 0.18), -0.03)
# the notch: a small shade this share of shoulder width across
NOTCH = (0.05, -0.08)
OVAL_REACH = 3.0  # an oval's half-sizes past which its shade is under a hundredth of its gain: not worked out farther
# the navel lies this share of the torso's length (shoulders to hip joints) down it: just below the natural
# waist (`body_frame.WAIST_DEPTH`), about level with the top of the hip bones
NAVEL_DEPTH = 0.7
# (drop below the navel's centre, half-width, half-height) in shares of shoulder width, and gain: its dark
# pit, and the lit rim of skin above it
NAVEL = ((0.0, 0.018, 0.028), -0.18)
NAVEL_RIM = ((-0.03, 0.03, 0.015), 0.05)
# the centre line's groove from under the ribs to the navel: (top's share of the torso's length down it,
# half-width in shares of shoulder width) and gain
GROOVE = ((0.4, 0.03), -0.05)
# the ribcage's lower edge runs from the foot of the breastbone (the groove's top) down and out to the lowest
# ribs at each side, this (share of the torso's length down it, share of shoulder width out from its centre
# line): a little above the natural waist (`body_frame.WAIST_DEPTH`), inside its width (`bare_torso.WAIST_WIDTH`)
RIB_END = (0.58, 0.33)
# along that edge, in its half-lengths as the collarbones' marks are: the ribs' lit rim above it, and the soft
# shade where the belly sinks in under it, each about a fold's contrast on skin; without them the skin from
# a top's hem to the waistband was one flat light, a painted board at chat size
RIB_RIM = ((-0.15, 0.6, 0.15), 0.03)
UNDER_RIBS = ((0.3, 0.5, 0.3), -0.08)
# where along the edge (its share of the way from the breastbone's foot out to its end) each is centred
RIM_AT = 0.3
SHADE_AT = 0.7
# the belly's front, facing the light between the ribs and the navel: (drop below the ribs' foot, half-width,
# half-height) in shares of shoulder width, and gain
BELLY = ((0.32, 0.2, 0.14), 0.05)


def _drawn(joint: np.ndarray, down: np.ndarray, half: float, box: tuple[slice, slice], marks) -> np.ndarray:
    """`limb_light.oval_marks` inside `box`, each oval worked out only on the part of the box within OVAL_REACH of
    its half-sizes (a thin collarbone's shade over a whole chest's box was most of its cost)."""
    out = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    side = np.array([-down[1], down[0]])
    for (dy, sx, sy), gain in marks:
        centre = np.asarray(joint, np.float64) + down * dy * half
        extent = OVAL_REACH * half * (np.abs(side) * sx + np.abs(down) * sy)
        lo = np.maximum(np.floor(centre - extent).astype(int), (box[1].start, box[0].start))
        hi = np.minimum(np.ceil(centre + extent).astype(int) + 1, (box[1].stop, box[0].stop))
        if (hi <= lo).any():
            continue
        part = (slice(int(lo[1]), int(hi[1])), slice(int(lo[0]), int(hi[0])))
        out[part[0].start - box[0].start:part[0].stop - box[0].start,
            part[1].start - box[1].start:part[1].stop - box[1].start] += oval_marks(joint, down, half, part,
                                                                                (((dy, sx, sy), gain),))
    return out


def collarbones(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """Lightness share to add inside `box` (working res): each collarbone's ridge and hollows from the
    throat's notch to its shoulder joint, and the notch."""
    body = body_frame(person)
    notch = body.mid_s + body.down * NOTCH_DROP * body.sw
    out = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    for shoulder in (body.ls, body.rs):
        along = shoulder - notch
        half = float(np.linalg.norm(along)) / 2
        if half < 1.0:
            continue
        square = np.array([along[1], -along[0]]) / (2 * half)
        if square[1] < 0:
            square = -square
        out += _drawn(notch + along / 2, square, half, box, (RIDGE, ABOVE_RIDGE, BELOW_RIDGE))
    size, gain = NOTCH
    return out + _drawn(notch, body.down, size * body.sw, box, (((0.0, 1.0, 1.0), gain),))


def _ribs(body: BodyFrame, box: tuple[slice, slice]) -> np.ndarray:
    """Lightness share to add inside `box`: the ribcage's lower edge (RIB_END) from the breastbone's foot
    to each side, its rim lit and the belly shaded under it, and the belly lit below them."""
    foot = body.mid_s + body.axis_dir * GROOVE[0][0] * body.torso_len
    across = np.array([body.axis_dir[1], -body.axis_dir[0]])
    depth, out_share = RIB_END
    out = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    for side in (-1.0, 1.0):
        along = body.mid_s + body.axis_dir * depth * body.torso_len + side * across * out_share * body.sw - foot
        half = float(np.linalg.norm(along)) / 2
        if half < 1.0:
            continue
        square = np.array([along[1], -along[0]]) / (2 * half)
        if square @ body.axis_dir < 0:  # its side towards the belly
            square = -square
        # the rim catches the light near the breastbone, where the edge faces the camera; the belly sinks
        # in under it most at the sides, where the ribs flare out over the narrowing waist (drawn at the
        # middle, the shade sat on the belly's lit front and flattened its rounding)
        for at, mark in ((RIM_AT, RIB_RIM), (SHADE_AT, UNDER_RIBS)):
            out += _drawn(foot + along * at, square, half, box, (mark,))
    (drop, sx, sy), gain = BELLY
    return out + _drawn(foot + body.axis_dir * drop * body.sw, body.axis_dir, body.sw, box, (((0.0, sx, sy), gain),))


def midriff_marks(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """Lightness share to add inside `box` (working res): the ribcage's lower edge and the belly under it,
    the centre line's groove down the midriff and the navel."""
    body = body_frame(person)
    navel = body.mid_s + body.axis_dir * NAVEL_DEPTH * body.torso_len
    out = _drawn(navel, body.axis_dir, body.sw, box, (NAVEL, NAVEL_RIM)) + _ribs(body, box)
    (top, half_width), groove = GROOVE
    length = max((NAVEL_DEPTH - top) * body.torso_len / 2, 1.0)
    centre = body.mid_s + body.axis_dir * (top * body.torso_len + length)
    return out + _drawn(centre, body.axis_dir, length, box, (((0.0, half_width * body.sw / length, 1.0), groove),))


# a neckline's edge shades the skin under it this much (share of its lightness) at the edge, fading out
# over NECK_SHADE_REACH (share of shoulder width): a third more than a hem's on a midriff
# (`bare_torso.HEM_SHADE`): at a hem's 0.12, the neck's rounding and the collarbones' light left the
# skin just inside a neckline under 2% darker than further in, the sticker look it is there to end
NECK_SHADE = 0.16
NECK_SHADE_REACH = 0.04
SHADE_CUT = 6.0  # reaches of that shade past which it is under a thousandth: not worked out farther
ARM_FADE = 0.04   # share of shoulder width over which the chest's rounding gives way to an arm's
# share of shoulder width round the painted area where the bare skin whose light is read lies: about
# the reach the painted colour itself is taken from (`uncover_neck.SKIN_SIGMA`)
READ_REACH = 0.12
# share of shoulder width from the real skin beside the paint over which the collarbones drawn on it fade
# in: about the reach that skin's own shade is carried into the paint (`uncover_neck.SEAM_SIGMA`)
MARKS_AWAY = 0.05
# that many MARKS_AWAY from real skin the fade is whole (in float32, 1 - exp(-36) is 1): no real skin seen in the box
# put every pixel at OpenCV's largest distance, whose square overflowed
FADED = 6.0


def across_chest(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """Per pixel of `box` (working res), where it lies across the chest: 0 on the body's centre line,
    -1 and 1 at the shoulders' outer round (SHOULDER_TOP_OUT past the joints), along the shoulders' line."""
    body = body_frame(person)
    half = max(1.0, (0.5 + SHOULDER_TOP_OUT) * body.sw)
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float32)[:, None]
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :]
    pos = ((xs - body.mid_s[0]) * body.ux[0] + (ys - body.mid_s[1]) * body.ux[1]) / half
    return np.clip(pos, -1.0, 1.0).astype(np.float32)


def _to_outline(person: PersonAnalysis, box: tuple[slice, slice]) -> np.ndarray:
    """Per pixel of `box` (working res), where it lies across the body's round towards its outline against the
    room: 0 a shoulder's round (the upper arm's half-width, `limbs.ARM_HALVES`) or more inside it, 1 on it.
    Lit only across the chest, the shoulders' tops were as light at the room as on the chest, cut out flat."""
    reach = max(1.0, ARM_HALVES[0] * person.shoulder_width)
    outer, inner = grown(box, int(np.ceil(reach)) + 1, person.mask.shape)
    to_room = cv2.distanceTransform((person.mask[outer] > 0.5).astype(np.uint8), cv2.DIST_L2, 3)[inner]
    return np.clip(1.0 - to_room / reach, 0.0, 1.0)


def _through_shoulder(arm: Limb) -> Limb:
    """The arm's centre line carried on past the shoulder joint, along the upper arm, to the top of its round."""
    shoulder, elbow = arm.joints[0], arm.joints[1]
    up = (shoulder - elbow) / max(float(np.linalg.norm(shoulder - elbow)), 1e-6)
    return arm._replace(joints=np.vstack([shoulder + up * float(arm.halves[0]), arm.joints]))


def _on_arm(person: PersonAnalysis, box: tuple[slice, slice], shape: tuple[int, int]
            ) -> tuple[np.ndarray, np.ndarray] | None:
    """Per pixel of `box`, how much it is on an arm (its silhouette blurred over ARM_FADE) and how an arm is lit
    there: across it as a limb (`limb_light`, as the bare forearms show, else modelled), so the paint down an
    old sleeve rounds off to the arm's outline and over the shoulder's round above the joint (lit flat, it read
    as a skin-coloured block). None when no arm is within the blur's reach. The blur is run round the arm's
    pixels alone, as far as it reaches: farther off it is 0, and the arms were often out of the box (the blur of
    nothing cost most of the chest's light)."""
    fade = max(1.0, ARM_FADE * person.shoulder_width)
    reach = int(np.ceil(BLUR_REACH_SIGMAS * fade))
    outer, inner = grown(box, reach, shape)
    limbs = arm_limbs(person)
    arms = silhouette(limbs, shape)[outer]
    if not arms.any():
        return None
    near = around(arms, reach)
    wide, core = grown(near, reach, arms.shape)
    out = np.zeros(arms.shape, np.float32)
    out[near] = cv2.GaussianBlur(arms[wide].astype(np.float32), (0, 0), fade)[core]
    # the centre line runs on up through the shoulder's round, so its cap turns away to either side of it alike
    pos = across([_through_shoulder(limb) for limb in limbs], arms, (outer[1].start, outer[0].start))
    light = limb_lit(person, forearm_curve(person), pos)
    # the side towards the body is lit as the arm's middle: the arm runs into the chest there, and rounded off
    # to its own outline it drew a dark seam down the shoulder where no outline shows
    xs = np.arange(outer[1].start, outer[1].stop, dtype=np.float32)[None, :]
    light = np.where(arms & (pos * (person.centre_x - xs) <= 0), light, 1.0)
    return out[inner], light[inner]


def chest_light(person: PersonAnalysis, painted: np.ndarray, seen: np.ndarray, garment: np.ndarray,
                box: tuple[slice, slice]) -> np.ndarray:
    """Lightness share per pixel of `box` (working res) for skin painted over `painted` (a mask of the
    box): rounded across the chest and tilted to the light as the bare skin `seen` near it is (a mask
    of the box too), shaded along the new `garment`'s edge (its solid pixels, whole frame).
    1 on the whole where the painted skin's colour was taken (the bare skin read), so that colour,
    the skin's as it is lit there, keeps its mean."""
    pos = across_chest(person, box)
    sw = person.shoulder_width
    reach = max(1, int(round(READ_REACH * sw)))
    near = cv2.dilate(painted.astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8)) > 0
    read = near & seen & ~painted
    fitted = curve(person.lab[box][..., 0], pos, read)
    light = rounded(pos) if fitted is None else lit(fitted, pos, rounded)
    # an arm is not the chest's side: its middle faces the light (a rebuilt arm is lit as a limb), and
    # rounded as the chest's side the paint down an old sleeve's stub drew a dark band along the arm
    arm = _on_arm(person, box, garment.shape)
    if arm is not None:
        on_arm, arm_light = arm
        light += (arm_light - light) * on_arm
    if read.any():
        light = light / max(float(light[read].mean()), 1e-3)
    # the real skin beside the paint shows its own collarbones where it reaches them (a scoop below them):
    # drawn again on the paint under it they were a second pair; they fade in away from it
    real = cv2.distanceTransform((~seen).astype(np.uint8), cv2.DIST_L2, 3)
    away = 1.0 - np.exp(-np.minimum(real / max(1.0, MARKS_AWAY * sw), FADED) ** 2)
    light *= 1.0 + collarbones(person, box) * away
    # and it turns away from the camera towards the body's outline, over the shoulders' round: the real
    # skin beside the paint has its own such rim, which the paint carries on (`uncover_neck._seam`)
    light *= 1.0 + (rounded(_to_outline(person, box)) - 1.0) * away
    shade_reach = max(1.0, NECK_SHADE_REACH * sw)
    # on a crop SHADE_CUT reaches wider than `box`: a garment farther off shades nothing to speak of
    outer, inner = grown(box, int(np.ceil(SHADE_CUT * shade_reach)), garment.shape)
    to_edge = cv2.distanceTransform((~garment[outer]).astype(np.uint8), cv2.DIST_L2, 3)[inner]
    light *= 1.0 - NECK_SHADE * np.exp(-to_edge / shade_reach)
    return light.astype(np.float32)
