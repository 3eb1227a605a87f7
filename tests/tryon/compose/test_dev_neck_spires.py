"""No horns beside the neck on real photos (../shared/tryon_dev, skipped cleanly when absent): the band of old
clothes a top's edge is carried over (`rim`) ran up the edge of an old collar beside the neck opening, and a red
tee on a woman in a collared blouse stood up in two thin horns either side of her neck. Cut off, the outline
there follows the neckline; a sliver in the corner between a puff sleeve and the neckline, lying along the
sleeve, is still covered."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.compose import rim

pytestmark = needs_dev_set

HORN_WIDTH = 0.04   # share of shoulder width: garment thinner than this standing above the shoulders is a horn
CUT_TO = 0.4        # with the spires cut, at most this share of the horns' pixels is left


def _horns(engine, person_file: str, garment_file: str, part: str = "upper") -> int:
    """Garment px (working res) above the shoulder seams and between them that an opening HORN_WIDTH wide removes:
    thin pieces standing up off the garment's top edge."""
    person, warped, done, _ = dev_render(engine, person_file, garment_file, part)
    worn = done.work_alpha > 0.5
    (x0, y0), (x1, y1) = sorted(warped.shoulders.tolist())
    r = max(1, round(HORN_WIDTH * person.shoulder_width / 2))
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    thin = worn & ~(cv2.morphologyEx(worn.astype(np.uint8), cv2.MORPH_OPEN, disk) > 0)
    return int(thin[:int(max(y0, y1)), int(x0):int(x1) + 1].sum())


@pytest.mark.parametrize("person_file, garment", [
    ("person_00034_00.jpg", "upper_09236_00.jpg"), ("person_00035_00.jpg", "upper_09236_00.jpg"),
    ("person_00035_00.jpg", "upper_04469_00.jpg"), ("person_00121_00.jpg", "upper_04743_00.jpg")])
def test_a_tops_edge_is_not_carried_up_an_old_collar_in_horns(engine, monkeypatch, person_file, garment):
    cut = _horns(engine, person_file, garment)
    monkeypatch.setattr(rim, "spires", lambda band, *_: np.zeros_like(band))
    carried = _horns(engine, person_file, garment)
    assert cut <= CUT_TO * carried, (cut, carried)


def test_a_sliver_between_a_sleeve_and_the_neckline_is_still_covered(engine, monkeypatch):
    """Her dark old top shows in the corner between the blue dress's puff sleeve and its neckline unless the rim
    covers it: the piece meets the neck opening at a point, and is no spire."""
    kept = dev_render(engine, "person_052964_0.jpg", "dress_052234_1.jpg", "full").done.work_alpha
    monkeypatch.setattr(rim, "spires", lambda band, *_: np.zeros_like(band))
    carried = dev_render(engine, "person_052964_0.jpg", "dress_052234_1.jpg", "full").done.work_alpha
    assert np.array_equal(kept > 0.5, carried > 0.5)
