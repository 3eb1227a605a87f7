"""An off-shoulder bandeau with puff sleeves, laid flat as one wide block whose sleeves part from the bodice
only at their ends, on real photos (../shared/tryon_dev, skipped cleanly when absent): its sleeves are found
and it is worn below the shoulders, as tall on the body as the product's own proportions say, its sleeves
over the upper arms. Read as one sleeveless body, its whole width was pinned between the shoulder seams:
the bodice shrank to a strip at the bust and the sleeves were lost."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon_dev import IMAGES, dev_render, needs_dev_set
from tryon.body_frame import body_frame
from tryon.garment import cut_out
from tryon.person import load_image

pytestmark = needs_dev_set
BANDEAU = "upper_10297_00.jpg"


def test_sleeves_parted_from_the_bodice_only_at_their_ends_are_sleeves():
    cut = cut_out(load_image(IMAGES / BANDEAU), "upper")
    assert cut.sleeve is not None and {"cuff_l", "cuff_r"} <= set(cut.points)
    assert "off_shoulder" in cut.widths and "sleeveless" not in cut.widths
    bodice = cut.points["shoulder_r"][0] - cut.points["shoulder_l"][0]
    cols = np.flatnonzero(cut.mask.any(axis=0))
    assert bodice < 0.6 * (cols[-1] - cols[0])


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_052964_0.jpg", "person_053514_0.jpg"])
def test_the_bandeau_keeps_its_height_and_its_sleeves_lie_on_the_upper_arms(engine, person_file):
    r = dev_render(engine, person_file, BANDEAU)
    body = body_frame(r.person)
    worn = r.warped.alpha > 0.5
    centre = worn[:, int(round(body.mid_s[0]))]
    rows = np.flatnonzero(centre)
    assert rows[-1] - rows[0] > 0.4 * body.torso_len  # not a strip at the bust
    assert rows[0] > body.mid_s[1]  # its top edge runs below the shoulders
    sleeve = r.warped.sleeve > 0.5
    for joint in (body.ls, body.rs):  # each sleeve covers its upper arm below the shoulder joint
        y, x = int(round(joint[1] + 0.3 * body.sw)), int(round(joint[0]))
        assert sleeve[y, x - int(0.1 * body.sw):x + int(0.1 * body.sw) + 1].any()
