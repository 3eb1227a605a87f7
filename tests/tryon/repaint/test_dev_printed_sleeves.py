"""Printed long sleeves under a shorter garment on real photos (../shared/tryon_dev, skipped cleanly when
absent): a zigzag wrap dress's and a plaid cardigan's sleeves are told from the arms by their print's fine
detail, and the forearms below the new short sleeves are rebuilt bare, as under plain sleeves; the render no
longer says it is shown over them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.analysis.arms import arm_band
from tryon.analysis.limbs import long_sleeves, printed_sleeves
from tryon.analysis.old_colours import PATTERNED, fine_detail
from tryon.analysis.person import load_image
from tryon.analysis.skin import skin_tone

pytestmark = needs_dev_set

# (photo, long sleeves, printed all over)
SLEEVES = [("person_fitdit_7.jpg", True, True),      # zigzag print wrap dress
           ("person_fitdit_0179.jpg", True, True),   # plaid cardigan
           ("person_fitdit_0220.jpg", True, False),  # plain black sweater (a print on its chest only)
           ("person_fitdit_0.jpg", False, False),    # printed shirt, short sleeves: bare forearms
           ("person_model_1.png", False, False)]     # vest top, bare arms
SHORT_SLEEVED_DRESS = "dress_053290_1.jpg"
SKIN_SHARE = 0.8   # share of the forearms below the new sleeves at least that is near the shopper's skin
SKIN_HUE_NEAR = 12.0   # Lab a*b* distance from the shopper's tone within which a pixel is of a skin's hue
INSET = 5          # px (working res): the forearms read inside their soft outline


@pytest.mark.parametrize("photo,long,printed", SLEEVES)
def test_long_printed_sleeves_are_told_from_plain_and_short_ones(engine, photo, long, printed):
    person = engine.analyze_person(load_image(IMAGES / photo))
    assert long_sleeves(person) == long
    assert printed_sleeves(person) == printed


@pytest.mark.parametrize("photo", ["person_fitdit_7.jpg", "person_fitdit_0179.jpg"])
def test_printed_long_sleeves_give_way_to_bare_forearms(engine, photo):
    """Both were shown over their printed sleeves: the print's shading was taken for no light to paint an
    arm by, and its pale flecks passed for skin, so little of the sleeve read as old cloth."""
    person, _, done, work = dev_render(engine, photo, SHORT_SLEEVED_DRESS, "full")
    assert "long_sleeves" not in done.shown_over
    lab = cv2.cvtColor(work, cv2.COLOR_RGB2LAB)
    forearms = arm_band(person, "elbow", 0.0) & (done.work_alpha < 0.5) & person.body
    inner = cv2.erode(forearms.astype(np.uint8), np.ones((INSET, INSET), np.uint8)) > 0
    assert inner.sum() > 300
    assert fine_detail(lab, inner) < PATTERNED
    hue = lab[inner][:, 1:].astype(np.float32)
    assert float((np.linalg.norm(hue - skin_tone(person).lab[1:], axis=1) < SKIN_HUE_NEAR).mean()) > SKIN_SHARE
