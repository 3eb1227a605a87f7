"""Bare arms under a sleeveless dress on a real photo (../shared/tryon_dev, skipped cleanly when
absent): over a long-sleeved top, the rebuilt arms are skin, with none of the dress's colour or
print carried down them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from catalog.demo.art import GarmentSpec, render_garment
from catalog.vocabulary import COLOR_RGB
from tests.tryon_dev import IMAGES, needs_dev_set
from tryon.limbs import arm_limbs, silhouette
from tryon.person import L_HIP, L_SHOULDER, R_HIP, R_SHOULDER
from tryon.skin import skin_tone


BELOW_ARMPIT = 0.45   # share of shoulder width below the shoulder joints where the arm leaves the dress
ARM_INSET = 0.03      # share of shoulder width inside the arm's outline where measuring starts (its soft edge)
SKIN_NEAR = 22.0      # Lab distance from the shopper's tone a rebuilt arm pixel stays within
CLOTH_NEAR = 25.0     # Lab distance from the dress's colour that counts as a streak of it

pytestmark = needs_dev_set


def _arm_band(person) -> np.ndarray:
    """The middle of both arms' old sleeves (working res), from below the armpits to the hips (below
    them the flared skirt hangs beside the hands)."""
    arms = silhouette(arm_limbs(person), person.mask.shape)
    r = max(1, int(ARM_INSET * person.shoulder_width))
    core = cv2.erode(arms.astype(np.uint8), np.ones((2 * r + 1,) * 2, np.uint8)) > 0
    top = int(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]) + BELOW_ARMPIT * person.shoulder_width)
    core[:top] = False
    core[int(min(person.point(L_HIP)[1], person.point(R_HIP)[1])):] = False
    return core & (person.mask > 0.5) & ~person.skin  # the old sleeves, not the hands


@pytest.mark.parametrize("color", ["purple", "black", "navy"])
def test_a_sleeveless_dress_leaves_bare_arms_without_its_colour(engine, color):
    """Over her long navy sleeves, the sleeveless dress's edge was carried down both arms: the
    columns beside its armholes have the skirt as their top, so the whole old sleeve read as a
    band above the garment, and purple and white streaks covered the rebuilt arms."""
    rgb = cv2.cvtColor(cv2.imread(str(IMAGES / "person_00035_00.jpg")), cv2.COLOR_BGR2RGB)
    person = engine.analyze_person(rgb)
    garment = render_garment(GarmentSpec("dress", color, pattern="polka-dot", sleeve="sleeveless"))
    result = engine.render(rgb, garment, "dress")
    band = _arm_band(person)
    assert band.sum() > 500
    small = cv2.resize(result.image, person.mask.shape[::-1], interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)[band]
    tone = skin_tone(person).lab
    dress = cv2.cvtColor(np.uint8([[COLOR_RGB[color]]]), cv2.COLOR_RGB2LAB).astype(np.float32)[0, 0]
    to_skin = np.linalg.norm(lab - tone, axis=1)
    to_dress = np.linalg.norm(lab - dress, axis=1)
    assert np.percentile(to_skin, 95) < SKIN_NEAR, color
    assert float((to_dress < CLOTH_NEAR).mean()) < 0.01, color
