"""The flare-true width measure (bench.dress_flare) on a real dress render: a skirt drawn within the
product's own flare is not over-wide however far it stands off the legs; one drawn wider is."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from bench.dress_flare import flare_fit
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.fit.body_clip import body_clip
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set


@pytest.mark.parametrize("dress", ["dress_052234_1.jpg", "dress_053742_1.jpg"])
def test_a_skirt_wider_than_its_own_flare_is_over_wide_and_the_flare_is_not(engine, dress):
    person = engine.analyze_person(load_image(IMAGES / "person_051482_0.jpg"))
    cut = cut_out(load_image(IMAGES / dress), "full")
    warped = warp(person, cut)
    shown = warped.alpha * body_clip(person, warped)
    as_drawn = flare_fit(person, cut, shown, warped.pairs)
    assert as_drawn.over_wide < 0.005, as_drawn
    grow = int(0.5 * person.shoulder_width)  # each side of every row stands this much farther out
    wider = flare_fit(person, cut, cv2.dilate(shown, np.ones((1, 2 * grow + 1), np.uint8)), warped.pairs)
    assert wider.over_wide > 0.02 and wider.ratio > as_drawn.ratio + 0.2, wider
