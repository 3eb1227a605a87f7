"""Full-length trousers end on the shoes on real photos (../shared/tryon_dev, skipped cleanly when absent):
under each leg's hem the shoes and the old cuff are never painted out as the room (a gap of background
between the new hem and the shoes, the shoes' tops cut straight)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon import TryOnEngine
from tryon.compose.layering import compose
from tryon.analysis.person import L_ANKLE, R_ANKLE, load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set


@pytest.fixture(scope="module")
def engine() -> TryOnEngine:
    return TryOnEngine()


@pytest.mark.parametrize("garment_file", ["lower_051412_1.jpg", "lower_051991_1.jpg"])
def test_under_a_full_length_hem_is_not_painted_as_the_room(engine, garment_file):
    person_rgb = load_image(IMAGES / "person_049205_0.jpg")  # joggers ending on trainers
    person = engine.analyze_person(person_rgb)
    done = compose(person_rgb, person, warp(person, engine.prepare(IMAGES / garment_file, "trousers")))
    h, w = person.mask.shape
    worn = done.work_alpha >= 0.5
    room = (cv2.resize(done.alpha, (w, h), interpolation=cv2.INTER_AREA) >= 0.5) & ~worn & person.body
    ankles = int(min(person.point(L_ANKLE)[1], person.point(R_ANKLE)[1]))
    legs = worn[ankles:].any(axis=0)
    lowest = h - 1 - np.argmax(worn[::-1], axis=0)
    under = (np.arange(h)[:, None] > lowest[None, :]) & legs[None, :]
    # (475 and 682 px were: the old cuffs under the curved hems and the shoes' tops down to the lower hem)
    assert int((room & under).sum()) < 200
