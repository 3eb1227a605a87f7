"""A real photo whose pose comes with its sides swapped (../shared/tryon_dev, skipped cleanly when absent): a man
facing the camera, his head cut off by the frame, labelled by the pose model as seen from behind. Every garment was
laid on him mirrored, its whole map folded over itself, and every render refused; his sides are swapped back."""

from __future__ import annotations

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import L_HIP, L_SHOULDER, R_HIP, R_SHOULDER, load_image

pytestmark = needs_dev_set

PERSON = "person_fitdit_0274.jpg"


def test_his_left_side_is_on_the_images_right(engine):
    person = engine.analyze_person(load_image(IMAGES / PERSON))
    assert person.point(L_SHOULDER)[0] > person.point(R_SHOULDER)[0]
    assert person.point(L_HIP)[0] > person.point(R_HIP)[0]


def test_a_dress_is_laid_on_him_not_refused_as_folded(engine):
    result = engine.render(load_image(IMAGES / PERSON), str(IMAGES / "dress_053742_1.jpg"), "dress")
    assert result.landing.hem is not None
