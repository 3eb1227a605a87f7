"""New shorts on real photos of people in long trousers or a long dress (../shared/tryon_dev, skipped cleanly
when absent): below the shorts' hems the shins are rebuilt bare, as under a skirt, instead of the old trousers
or dress carrying on below them; trousers to the ankles leave the legs to the room's fill beside them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import L_ANKLE, L_KNEE, R_ANKLE, R_KNEE, load_image
from tryon.analysis.skin import skin_tone
from tryon.engine import render_on
from tryon.garment.cutting import cut_out
from tryon.repaint.old_on_limbs import leaves_shins

pytestmark = needs_dev_set

SHORTS = "lower_fitdit_7.jpg"


def _shins(person, image: np.ndarray) -> np.ndarray:
    """The Lab pixels (working res) on both legs' lines from a third to two thirds of the way knee to ankle."""
    h, w = person.mask.shape
    lab = cv2.cvtColor(cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB).astype(np.float32)
    points = []
    for knee, ankle in ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE)):
        a, b = person.point(knee), person.point(ankle)
        points += [lab[int(p[1]), int(p[0])] for p in (a + t * (b - a) for t in np.linspace(0.35, 0.65, 12))]
    return np.array(points)


@pytest.mark.parametrize("person_file", ["person_fitdit_0179.jpg", "person_051482_0.jpg", "person_052472_0.jpg"])
def test_shins_below_new_shorts_are_bare(engine, person_file):
    """In navy trousers, black trousers, a long black dress: the old clothes carried on below the new denim shorts
    (the shins were the old cloth's colour, 99 to 124 from the skin tone in Lab); the shins are now painted in the
    shopper's skin (2 to 46, the rest the legs' modelled light)."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    render = render_on(rgb, person, cut_out(load_image(IMAGES / SHORTS), "lower"))
    tone = skin_tone(person).lab
    before = np.median(np.linalg.norm(_shins(person, rgb) - tone, axis=1))
    after = np.median(np.linalg.norm(_shins(person, render.image) - tone, axis=1))
    assert before > 60 and after < 0.4 * before, (before, after)


def test_trousers_to_the_ankles_cover_the_shins(engine):
    rgb = load_image(IMAGES / "person_fitdit_0179.jpg")
    person = engine.analyze_person(rgb)
    for garment, leaves in (("lower_051412_1.jpg", False), (SHORTS, True)):
        drawn = render_on(rgb, person, cut_out(load_image(IMAGES / garment), "lower"))
        h, w = person.mask.shape
        assert leaves_shins(person, cv2.resize(drawn.garment, (w, h))) is leaves
