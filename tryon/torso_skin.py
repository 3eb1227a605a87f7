"""Bare skin painted over a torso (a midriff where old cloth was), shaded as a body is.

Skin of one colour across a midriff read as a flat painted band, and skin blended from the arms
beside it carried their shaded inner edges in as dark sides: the arms are not the torso's own skin.
So the colour is the torso's own bare skin where some meets the area (a midriff below an old tank),
else the arms' (by the elbows), and the light is the torso's: its sides turn away and darken as a
limb's do (`uncover_limbs.rounded`), its side towards the light is
lighter (`side_light`), and the new top's hem shades the skin just under it. The old cloth's own
light is left out: a loose top's drape is the cloth's, and carried onto skin it drew a white glare.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.arms import arm_band
from tryon.person import L_ELBOW, R_ELBOW, PersonAnalysis
from tryon.skin import SkinTone, side_light, skin_lab_near
from tryon.uncover_limbs import HAND_REACH, rounded
from tryon.uncover_neck import skin_colour

# a top's hem stands off the body and shades the skin under it: this much darker at the hem, fading
# out over HEM_SHADE_REACH (share of shoulder width) below it; without it the skin met the hem as a
# sticker laid on the photo
HEM_SHADE = 0.12
HEM_SHADE_REACH = 0.05


def _across(shape: np.ndarray) -> np.ndarray:
    """Per pixel of `shape` (a crop), where it lies across the torso: 0 in the middle, -1 and 1 at its
    sides on the image's left and right (the sin of a cylinder's surface angle); 0 off it. The sides
    are the median of its rows' ends: a row cut short (by a waistband's curve, the hem's corner) is
    still on the same torso, and rounded on its own span it drew the area as a dark-rimmed lozenge."""
    h, w = shape.shape
    seen = shape.any(axis=1)
    out = np.zeros((h, w), np.float32)
    if not seen.any():
        return out
    left = float(np.median(np.argmax(shape[seen], axis=1)))
    right = float(np.median(w - 1 - np.argmax(shape[seen][:, ::-1], axis=1)))
    centre, half = (left + right) / 2, max((right - left) / 2, 1.0)
    out[:] = np.clip((np.arange(w, dtype=np.float32) - centre) / half, -1.0, 1.0)[None, :]
    return out * shape


def arms_skin(person: PersonAnalysis, lab: np.ndarray) -> np.ndarray | None:
    """Lab of the bare skin round the elbows (the arms hanging beside a midriff), None when neither
    elbow shows bare skin (sleeves)."""
    seen = [c for c in (skin_lab_near(person, lab, person.point(i), HAND_REACH * person.shoulder_width)
                        for i in (L_ELBOW, R_ELBOW)) if c is not None]
    return np.mean(seen, axis=0).astype(np.float32) if seen else None


def torso_skin(person: PersonAnalysis, lab: np.ndarray, tone: SkinTone, box: tuple[slice, slice],
               shape: np.ndarray, garment: np.ndarray, away: np.ndarray) -> np.ndarray:
    """RGB of bare skin inside `box` (working res) over the torso's `shape` there, below the new top
    `garment`: the torso's own bare skin round it carried over the seam (`skin_colour`; nothing from
    `away`, the cloth painted over, nor from the arms), else the arms' colour; rounded across the
    torso and shaded under the hem."""
    sw = person.shoulder_width
    arms = arms_skin(person, lab)
    arms = tone if arms is None else tone._replace(lab=arms)
    colour = skin_colour(person, lab, arms, box, away | arm_band(person, "upper_arm"))
    across = _across(shape[box])
    light = rounded(across) + side_light(person) * across
    below = np.ones(shape.shape, np.uint8)
    below[garment] = 0
    under = cv2.distanceTransform(below, cv2.DIST_L2, 3)[box]
    light *= 1.0 - HEM_SHADE * np.exp(-under / max(1.0, HEM_SHADE_REACH * sw))
    if shape[box].any():  # the arms' colour is a rounded limb's on the whole: so is the torso's
        light /= float(light[shape[box]].mean())
    colour[..., 0] *= light
    return cv2.cvtColor(np.clip(colour + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)
