"""The few landmarks a bare torso shows, as soft light and shade on skin painted over it.

Skin painted over a chest or a midriff with a body's broad light alone read as a flat beige board:
a real one shows its collarbones (a lit ridge from the throat to each shoulder, a hollow above and
below), the notch between them at the throat, and down a midriff the ribcage's lower edge (its
rim lit, the belly sinking in under it), the belly's lit front, the shallow groove on its centre line
and the navel. Each is drawn as a soft oval about a fold's contrast on skin, as a rebuilt leg's
kneecap is (`limb_light.knee`), placed by the pose alone: enough to read as a body, too little to read
as a mark where the pose is a little off.
"""

from __future__ import annotations

import numpy as np

from tryon.analysis.body_frame import BodyFrame, body_frame
from tryon.repaint.limb_light import oval_marks
from tryon.analysis.person import PersonAnalysis

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
REACH = 3.0  # an oval's half-sizes past which its shade is under a hundredth of its gain: not worked out farther
# the navel lies this share of the torso's length (shoulders to hip joints) down it: just below the natural
# waist (`targets.WAIST_DEPTH`), about level with the top of the hip bones
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
# line): a little above the natural waist (`targets.WAIST_DEPTH`), inside its width (`waist.WAIST_WIDTH`)
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
    """`limb_light.oval_marks` inside `box`, each oval worked out only on the part of the box within REACH of
    its half-sizes (a thin collarbone's shade over a whole chest's box was most of its cost)."""
    out = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    side = np.array([-down[1], down[0]])
    for (dy, sx, sy), gain in marks:
        centre = np.asarray(joint, np.float64) + down * dy * half
        extent = REACH * half * (np.abs(side) * sx + np.abs(down) * sy)
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
