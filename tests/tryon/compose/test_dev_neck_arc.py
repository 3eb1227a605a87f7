"""A top's neckline on real photos (../shared/tryon_dev, skipped cleanly when absent) runs from the
shoulders' outline down round the neck: no square notch cut into the top at either side of the neck."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.person import L_SHOULDER, R_SHOULDER

pytestmark = needs_dev_set

# share of shoulder width the opening round the neck may widen by from one row to the next going down: a
# neckline's sides slope; a notch's flat bottom widens it by its whole depth at once (a third of the shoulders)
MOST_STEP = 0.1


def _widest_step(engine, person_file: str, garment_file: str) -> tuple[int, float]:
    """How much the garment's opening round the neck (working res, between the shoulder joints' columns)
    widens at most from one row to the next below the face; and the shoulder width."""
    person, _, done, _ = dev_render(engine, person_file, garment_file)
    on = done.work_alpha >= 0.5
    x0, x1 = sorted(int(person.point(i)[0]) for i in (L_SHOULDER, R_SHOULDER))
    band = on[:, x0:x1 + 1]
    c = int(round(person.centre_x)) - x0
    y1 = int(np.argmax(band[:, c])) if band[:, c].any() else band.shape[0]
    widths = []
    for row in band[int(person.face_box[3]):y1]:
        left = c - int(np.argmax(row[:c][::-1])) if row[:c].any() else 0
        right = c + int(np.argmax(row[c:])) if row[c:].any() else len(row)
        widths.append(right - left)
    return int(np.diff(widths).max()), person.shoulder_width


@pytest.mark.parametrize("person_file, garment_file", [
    ("person_00121_00.jpg", "upper_04743_00.jpg"),   # a tee's wide flat opening below her black crew neck
    ("person_model_6.png", "upper_09263_00.jpg"),    # a narrow one below his T-shirt's
])
def test_the_neckline_has_no_square_notch_beside_the_neck(engine, person_file, garment_file):
    """The old collar in a strip of columns either side of the centre line was painted as skin, the old top
    beside it covered by the new one's edge: where the new top's edge lay below the shoulders' outline the
    two met in an upright step, a square notch whose flat bottom widened the opening at a stroke."""
    step, sw = _widest_step(engine, person_file, garment_file)
    assert step < MOST_STEP * sw, (step, sw)
