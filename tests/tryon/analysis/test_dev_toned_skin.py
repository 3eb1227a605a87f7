"""The shopper's own skin told from cloth of nearly its colour by hue, on real photos (../shared/tryon_dev,
skipped cleanly when absent): a darker-skinned man's beige T-shirt passed the skin test, so its sleeves and the
slivers of it along his sides were kept as his arms' skin; bare arms keep their skin whatever their light."""

from __future__ import annotations

import pytest

from tests.tryon.dev_set import DEV, IMAGES, dev_files, needs_dev_set
from tryon import TryOnEngine
from tryon.analysis.arms import arm_band
from tryon.analysis.limbs import long_sleeves
from tryon.analysis.skin import toned_skin

pytestmark = needs_dev_set
# Lab L (8-bit): his T-shirt reads about 185 in the light, his skin 110 to 150
TEE_LIGHT, SKIN_DARK = 165, 150


@pytest.fixture(scope="module")
def engine() -> TryOnEngine:
    return TryOnEngine()


def test_a_beige_tee_on_darker_skin_is_not_his_skin(engine):
    person = engine.analyze_person(IMAGES / "person_fitdit_0274.jpg")
    upper_arms = arm_band(person, "upper_arm", 0.0) & ~arm_band(person, "elbow", 0.0) & person.body & person.skin
    light = person.lab[..., 0]
    tee, arm = upper_arms & (light >= TEE_LIGHT), upper_arms & (light < SKIN_DARK)
    assert tee.sum() > 200 and arm.sum() > 200
    toned = toned_skin(person)
    assert toned[tee].mean() < 0.2 and toned[arm].mean() > 0.9, (toned[tee].mean(), toned[arm].mean())


@pytest.mark.parametrize("name", dev_files("people"))
def test_bare_forearms_keep_their_skin(engine, name):
    person = engine.analyze_person(DEV / name)
    if long_sleeves(person):
        pytest.skip("sleeved forearms")
    forearms = arm_band(person, "elbow", 0.0) & person.body & person.skin
    if forearms.sum() < 500:
        pytest.skip("too little forearm seen")
    assert toned_skin(person)[forearms].mean() >= 0.97
