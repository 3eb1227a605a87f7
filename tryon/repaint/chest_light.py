"""How bare neck and chest skin painted above a more open neckline is lit.

Skin of the colour round it, with no light of its own, read as a flat beige patch pasted in a V or
a scoop. A chest is lit as a broad rounded body: its sides, towards the shoulders, turn away from
the light and darken (`uncover_limbs.rounded`), and its side towards the light is lighter. How much,
in this photo, is read from the bare skin beside the painted area (the neck, a collarbone, bare
shoulders) as a rebuilt limb's light is (`limb_light.curve`). Near the body's outline against the room
(the shoulders' tops and outer round) it turns away from the camera and darkens as a limb does towards
its outline, over a shoulder's round. The collarbones and the throat's notch show on it
(`body_marks.collarbones`). A neckline stands off the body and shades the skin just inside it: without
that shade the skin met the garment as a sticker.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.body_frame import body_frame
from tryon.repaint.body_marks import collarbones
from tryon.shared.boxes import around, grown
from tryon.repaint.limb_light import curve, lit
from tryon.analysis.limbs import ARM_HALVES, arm_limbs, silhouette
from tryon.repaint.old_collar import SHOULDER_OUT
from tryon.analysis.person import PersonAnalysis
from tryon.repaint.uncover import BLUR_REACH
from tryon.repaint.uncover_limbs import rounded

# a neckline's edge shades the skin under it this much (share of its lightness) at the edge, fading out
# over NECK_SHADE_REACH (share of shoulder width): a third more than a hem's on a midriff
# (`torso_skin.HEM_SHADE`): at a hem's 0.12, the neck's rounding and the collarbones' light left the
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
    -1 and 1 at the shoulders' outer round (SHOULDER_OUT past the joints), along the shoulders' line."""
    body = body_frame(person)
    half = max(1.0, (0.5 + SHOULDER_OUT) * body.sw)
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


def _on_arm(person: PersonAnalysis, box: tuple[slice, slice], shape: tuple[int, int]) -> np.ndarray | None:
    """Per pixel of `box`, how much it is on an arm (its silhouette blurred over ARM_FADE); None when no arm is
    within the blur's reach. The blur is run round the arm's pixels alone, as far as it reaches: farther off it
    is 0, and the arms were often out of the box (the blur of nothing cost most of the chest's light)."""
    fade = max(1.0, ARM_FADE * person.shoulder_width)
    reach = int(np.ceil(BLUR_REACH * fade))
    outer, inner = grown(box, reach, shape)
    arms = silhouette(arm_limbs(person), shape)[outer]
    if not arms.any():
        return None
    near = around(arms, reach)
    wide, core = grown(near, reach, arms.shape)
    out = np.zeros(arms.shape, np.float32)
    out[near] = cv2.GaussianBlur(arms[wide].astype(np.float32), (0, 0), fade)[core]
    return out[inner]


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
    on_arm = _on_arm(person, box, garment.shape)
    if on_arm is not None:
        light += (1.0 - light) * on_arm
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
