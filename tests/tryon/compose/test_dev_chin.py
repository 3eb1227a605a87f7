"""A top on real photos (../shared/tryon_dev, skipped cleanly when absent) whose face the photo cuts off above
the eyes: the chin and jaw stay in front of it, as a face in a face box does."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set

pytestmark = needs_dev_set

# rows (working res) of each photo's mouth and of its chin's foot, read off the photo: the face below the mouth
FACE_BELOW_MOUTH = {"person_fitdit_0279.jpg": (23, 42), "person_fitdit_0.jpg": (22, 35)}
# share of the skin between the mouth and the chin's foot the garment may cover: its feathered edge along the jaw
MOST_OVER_CHIN = 0.005


def _over_chin(engine, person_file: str, garment_file: str) -> float:
    """The share of the bare skin between the mouth and the chin's foot that the garment covers."""
    person, _, done, _ = dev_render(engine, person_file, garment_file)
    chin = np.zeros(person.mask.shape, bool)
    chin[slice(*FACE_BELOW_MOUTH[person_file])] = True
    chin &= person.skin & person.body
    return float((chin & (done.work_alpha >= 0.5)).sum()) / max(1, int(chin.sum()))


@pytest.mark.parametrize("person_file, garment_file", [
    ("person_fitdit_0279.jpg", "upper_09166_00.jpg"),   # a tee's neckline corner pinned up his turned chin
    ("person_fitdit_0279.jpg", "upper_049947_1.jpg"),   # a blouse's
    ("person_fitdit_0.jpg", "upper_09163_00.jpg"),      # a polo's collar behind his bowed head
])
def test_a_top_never_covers_a_chin_the_photo_cuts_off_above(engine, person_file, garment_file):
    """With no face box, nothing of the face stayed in front of the garment: a neckline's corner pinned up the
    outline of a chin turned over the shoulder, and a polo's collar behind a bowed head, covered chin and jaw."""
    share = _over_chin(engine, person_file, garment_file)
    assert share <= MOST_OVER_CHIN, share
