"""Bare skin painted over a torso (a midriff where old cloth was), shaded as a body is.

Skin of one colour across a midriff read as a flat painted band, and skin blended from the arms
beside it carried their shaded inner edges in as dark sides: the arms are not the torso's own skin.
So the colour is the torso's own bare skin where some meets the area (a midriff below an old tank),
else the arms' hue (by the elbows) at the face's lightness (the elbows hang in the shade of the torso's
sides: their own lightness painted a dull brown board beside a lit chest), and the light is the torso's:
its sides turn away and darken as a
limb's do (`uncover_limbs.rounded`), its side towards the light is lighter as the shopper's bare
forearms' is in this photo (`limb_light.forearm_curve`, else the face's: `side_light`), the new
top's hem shades the skin just under it, the belly turns in under the waistband below it, and the
ribcage's lower edge, the belly under it, its centre line's groove and navel show (`body_marks`).
The old cloth's broad light is carried onto the skin where it is plain (`uncover_neck.cloth_light`: held
to the skin's own contrast, from the cloth's inside, none over a print), as a chest's is: the folds and
the body's shade it shows. Where the paint meets the shopper's real skin (a midriff below an old tank),
it is shifted to that skin's own colour and light there, the shift fading into the paint, so no step is drawn.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d

from tryon.analysis.arms import arm_band
from tryon.repaint.body_marks import midriff_marks
from tryon.repaint.limb_light import forearm_curve
from tryon.shared.medians import masked_median
from tryon.analysis.person import L_ELBOW, R_ELBOW, PersonAnalysis
from tryon.analysis.skin import SkinTone, side_light, skin_lab_near
from tryon.repaint.uncover_limbs import HAND_REACH, rounded
from tryon.repaint.uncover_neck import cloth_light, skin_colour
from tryon.repaint.waist import torso_outline

# a top's hem stands off the body and shades the skin under it: this much darker at the hem, fading
# out over HEM_SHADE_REACH (share of shoulder width) below it; without it the skin met the hem as a
# sticker laid on the photo
HEM_SHADE = 0.12
HEM_SHADE_REACH = 0.05
# share of shoulder width over which the paint is shifted to the real skin's own colour where they meet:
# about the reach of that skin's shade carried over the seam (`uncover_neck.SEAM_SIGMA`)
REAL_SKIN_REACH = 0.05
# the belly turns in under the waistband of the garment below it: this much darker at the skin's lower edge,
# fading out over WAISTBAND_REACH (share of shoulder width) above it; without it the skin met the skirt or
# trousers along a hard cut as lit as the belly's front
WAISTBAND_SHADE = 0.1
WAISTBAND_REACH = 0.06
REAL_SKIN_LOOK = 2  # px (working res): the paint reaches this far over the real skin it meets (`uncover_hem.EDGE_GROW`)
SIDE_SOFT = 0.03  # share of shoulder width over which the torso's darkening at its sides is softened


def _across(person: PersonAnalysis, sides: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """Per pixel of `box`, where it lies across the torso whose area less the arms beside it is `sides`
    (working res): 0 in the middle, -1 and 1 at its sides on the image's left and right (the sin of a round
    section's surface angle), and past them (off it too). The sides are the torso's (`waist.torso_outline`):
    a row cut short (by a waistband's curve, the hem's corner) is still on the same torso, and rounded on
    its own span it drew the area as a dark-rimmed lozenge; rounded on one width all the way down, a board
    with no waist; rounded to the arms' inner edges, where the torso still faces the camera (its side is
    behind the arm), its sides went as dark as a limb's outline beside the lit arms."""
    got = torso_outline(person, sides, np.arange(box[0].start, box[0].stop))
    if got is None:
        return np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    centre, half = got
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :]
    return np.clip((xs - centre) / half[:, None], -1.0, 1.0)


def arms_skin(person: PersonAnalysis, lab: np.ndarray) -> np.ndarray | None:
    """Lab of the bare skin round the elbows (the arms hanging beside a midriff), None when neither
    elbow shows bare skin (sleeves)."""
    seen = [c for c in (skin_lab_near(person, lab, person.point(i), HAND_REACH * person.shoulder_width)
                        for i in (L_ELBOW, R_ELBOW)) if c is not None]
    return np.mean(seen, axis=0).astype(np.float32) if seen else None


def torso_skin(person: PersonAnalysis, lab: np.ndarray, tone: SkinTone, box: tuple[slice, slice],
               shape: np.ndarray, garment: np.ndarray, away: np.ndarray, old: np.ndarray) -> np.ndarray:
    """RGB of bare skin inside `box` (working res) over the torso's `shape` there, below the new top
    `garment`: the torso's own bare skin round it carried over the seam (`skin_colour`; nothing from
    `away`, the cloth painted over, nor from the arms), else the arms' hue at the face's lightness; rounded
    across the torso, shaded under the hem, lit as the old cloth `old` was, matched to the real torso skin
    where it meets some."""
    sw = person.shoulder_width
    # the hue of the arms' skin, the lightness of the face's: a midriff faces the light as the face does,
    # and the elbows, hanging against the torso's sides in its shade, painted it darker and duller than
    # the shopper's own front (as `uncover_neck._body_tone` lights a chest)
    arms = arms_skin(person, lab)
    arms = tone if arms is None else tone._replace(lab=np.float32([tone.lab[0], *arms[1:]]))
    band = arm_band(person, "upper_arm")
    not_torso = away | band
    colour = skin_colour(person, lab, arms, box, not_torso)
    # the torso's sides are behind the arms hanging against it, and drawn in at the waist: a boxy top's hem
    # spans them, and rounded across that the midriff shown between the arms was its flat middle
    across = _across(person, shape & ~(band & person.skin), box)
    # its side towards the light as much lighter as the shopper's bare forearms' is in this photo, else
    # as the face's; rounded as modelled (a softly lit forearm's read roundness left a torso flat)
    fitted = forearm_curve(person)
    light = rounded(across) + (side_light(person) if fitted is None else float(fitted[0])) * across
    # a round section darkens steeply at its very side: softened as a body's turning outline is, or the
    # paint beyond the sides (a boxy old top's width) met it along a hard line
    soft = max(1.0, SIDE_SOFT * sw)
    light = cv2.GaussianBlur(light, (2 * int(np.ceil(3 * soft)) + 1, 1), soft, borderType=cv2.BORDER_REPLICATE)
    below = np.ones(shape.shape, np.uint8)
    below[garment] = 0
    under = cv2.distanceTransform(below, cv2.DIST_L2, 3)[box]
    light *= 1.0 - HEM_SHADE * np.exp(-under / max(1.0, HEM_SHADE_REACH * sw))
    if shape[box].any():  # the arms' colour is a rounded limb's on the whole: so is the torso's
        light /= float(light[shape[box]].mean())
    # past that mean, as the marks are: the belly's front keeps the arms' lightness, its lower edge darker
    seen = (person.skin & person.body & ~not_torso & ~garment)[box]
    light *= _waistband(shape[box], seen, max(1.0, WAISTBAND_REACH * sw))
    light *= 1.0 + midriff_marks(person, box)
    colour[..., 0] *= light
    if old.any():
        colour[..., 0] += cloth_light(person, lab, old, masked_median(lab, old), tone, box)
    _meet_real_skin(colour, lab[box], seen, shape[box], max(1.0, REAL_SKIN_REACH * sw))
    return cv2.cvtColor(np.clip(colour + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)


def _waistband(shape: np.ndarray, real: np.ndarray, reach: float) -> np.ndarray:
    """Per pixel, the share of light the skin `shape` keeps above its lower edge, WAISTBAND_SHADE less at
    it, fading over `reach` px up from it; none taken where the real skin `real` carries on under that edge
    (a midriff below an old tank: no waistband there, and its shade drew a step), eased over `reach` across
    (decided column by column, a few pixels of skin under a skirt's edge drew stripes)."""
    h = shape.shape[0]
    lowest = np.where(shape.any(axis=0), h - 1 - np.argmax(shape[::-1], axis=0), -1)
    cols = np.arange(shape.shape[1])
    skin_under = np.zeros(lowest.shape, bool)
    for step in range(REAL_SKIN_LOOK + 1):
        skin_under |= real[np.clip(lowest + step, 0, h - 1), cols]
    worn = gaussian_filter1d((~skin_under).astype(np.float32), reach, mode="nearest")
    up = (lowest[None, :] - np.arange(h)[:, None]).astype(np.float32)
    shade = np.where(up >= 0, np.exp(-np.maximum(up, 0.0) / reach), 0.0) * worn[None, :]
    return 1.0 - WAISTBAND_SHADE * shade


def _meet_real_skin(colour: np.ndarray, lab: np.ndarray, seen: np.ndarray, shape: np.ndarray, reach: float) -> None:
    """Shifts the painted Lab `colour` (in place) by how far it is off the real torso skin `seen` (in
    `lab`) along where the two meet, that shift fading into the paint over `reach` px: the paint's light,
    modelled, differs from the skin's own there, and drew a hard line where the two met."""
    if not seen.any() or not shape.any():
        return
    to_real = cv2.distanceTransform((~seen).astype(np.uint8), cv2.DIST_L2, 3)
    to_paint = cv2.distanceTransform((~shape).astype(np.uint8), cv2.DIST_L2, 3)
    rim = (seen & (to_paint <= 2 * reach)).astype(np.float32)
    if not rim.any():
        return
    off = lab.astype(np.float32) - colour
    num = cv2.GaussianBlur(off * rim[..., None], (0, 0), reach)
    den = cv2.GaussianBlur(rim, (0, 0), reach)
    fade = np.exp(-(to_real / reach) ** 2) * (den > 1e-3)  # whole at the seam, so no step is left there
    colour += num / np.maximum(den, 1e-3)[..., None] * fade[..., None]
