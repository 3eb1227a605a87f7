"""Tops refused for a reason the shopper could not act on, on real photos (../shared/tryon_dev,
skipped cleanly when absent): a long-sleeved bodysuit read as narrow as its crotch (its sleeves
then lay across the body), and a bandeau crop top measured against the torso down to the hips; and a
bandeau shown as a patch on a cardigan, refused."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image
from tryon.errors import RenderRefusedError
from tryon.quality.gate import REASONS, measure, target_region
from tryon.compose.layering import compose
from tryon.fit.warp import warp

BODYSUIT, BANDEAU = "upper_10165_00.jpg", "upper_10297_00.jpg"

pytestmark = needs_dev_set


def test_a_bodysuits_shoulders_are_its_shoulders_not_its_neckline():
    """The bodysuit narrows to its crotch: the torso's width was read there, which put its shoulder
    points on the sweetheart neckline's corners, less than half its width apart."""
    cut = cut_out(load_image(IMAGES / BODYSUIT), "upper")
    shoulders = float(cut.points["shoulder_r"][0] - cut.points["shoulder_l"][0])
    xs = np.flatnonzero(cut.mask.any(axis=0))
    chest = float(np.linalg.norm(cut.points["armpit_r"] - cut.points["armpit_l"]))
    assert shoulders > 0.5 * chest and shoulders > 0.35 * (xs.max() - xs.min())


@pytest.mark.parametrize("person_file", ["person_049205_0.jpg", "person_049447_0.jpg", "person_051482_0.jpg"])
def test_a_long_sleeved_bodysuit_is_shown_with_its_sleeves_on_the_arms(engine, person_file):
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / BODYSUIT), "t-shirt", person=person)  # was: sleeves from body
    assert result.image.shape == rgb.shape
    warped = warp(person, cut_out(load_image(IMAGES / BODYSUIT), "upper"))
    assert warped.long_sleeves
    torso = target_region(person, "upper")
    assert float((warped.sleeve[torso] > 0.5).mean()) < 0.05


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_052964_0.jpg", "person_053514_0.jpg"])
def test_a_bandeau_crop_top_is_shown_covering_the_bust(engine, person_file):
    """Studio photos, standing straight: 'would not cover the part of your body it is worn on' was
    the torso down to the hips measured against a top that ends above the waist."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    engine.render(rgb, str(IMAGES / BANDEAU), "t-shirt", person=person)
    warped = warp(person, cut_out(load_image(IMAGES / BANDEAU), "upper"))
    composed = compose(rgb, person, warped)
    alpha = composed.work_alpha
    quality = measure(person, warped, alpha, composed.alpha)
    assert quality.coverage > 0.6 and not quality.failures()
    # it is still a crop top: over the whole torso down to the hips it covers under half
    assert float(alpha[target_region(person, "upper")].mean()) < 0.5


@pytest.mark.parametrize("person_file", ["person_fitdit_0083.jpg", "person_fitdit_0179.jpg", "person_fitdit_0220.jpg"])
def test_a_bandeau_over_a_long_sleeved_top_is_refused_not_pasted_on_it(engine, person_file):
    """Their cardigans and sweater are kept for their long sleeves (no hand or bare skin to rebuild the arms from):
    the bandeau was drawn as a patch on the chest of the old top, which showed all round it down to the waist."""
    rgb = load_image(IMAGES / person_file)
    with pytest.raises(RenderRefusedError) as refused:
        engine.render(rgb, str(IMAGES / BANDEAU), "blouse")
    assert REASONS["old_top_shows"] in str(refused.value)
