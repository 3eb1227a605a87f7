"""A coat hangs to its own length on a real full-length photo (../shared/tryon_dev, skipped cleanly when absent):
listed as a coat, the shop's knee-length coat ends below the hips; every top was capped at a tunic's length,
and the coat was drawn as a hip-length jacket. Listed as a jacket, the same shot is still capped."""

from __future__ import annotations

import numpy as np

from catalog.demo.art import GarmentSpec
from catalog.demo.shop import _render_to
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon import TryOnEngine
from tryon.analysis.person import L_HIP, L_KNEE, R_HIP, R_KNEE, load_image

pytestmark = needs_dev_set
PERSON = "person_fitdit_0179.jpg"   # a man standing straight, full length


def test_a_coat_listed_as_one_hangs_below_the_hips_a_jacket_does_not(tmp_path):
    shot = tmp_path / "coat.jpg"
    _render_to(shot, GarmentSpec("coat", "black", sleeve="long", material="wool", seed=385))
    engine = TryOnEngine()
    rgb = load_image(IMAGES / PERSON)
    person = engine.analyze_person(rgb)
    hips = float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2
    knees = float(person.point(L_KNEE)[1] + person.point(R_KNEE)[1]) / 2
    lowest = {}
    for category in ("coat", "jacket"):
        alpha = engine.render(rgb, str(shot), category, person=person).alpha
        rows = np.flatnonzero((alpha >= 0.5).any(axis=1))
        lowest[category] = rows[-1] * person.scale
    assert lowest["coat"] > hips + 0.4 * (knees - hips), lowest
    assert lowest["jacket"] < lowest["coat"] - 0.2 * (knees - hips), lowest
