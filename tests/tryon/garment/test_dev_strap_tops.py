"""Straps and halter collars of sleeveless tops on real photos (../shared/tryon_dev, skipped cleanly
when absent): white ruffled straps on a white sweep stay in the cut-out, a halter's collar sits by the
neck with the shoulders bare beside it, a camisole's straps stand inside the shoulders, and tops whose
top row is no strap (short sleeves lying along the body, a muscle tank's broad shoulders) keep their
shoulders on the joints."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def _warped(engine, person_file: str, garment_file: str):
    person = engine.analyze_person(load_image(IMAGES / person_file))
    return person, warp(person, cut_out(load_image(IMAGES / garment_file), "upper"))


def test_white_ruffled_straps_on_a_white_sweep_stay_in_the_cut_out():
    """The graph cut dropped both straps (a few px wide, near the backdrop's white): the strap tops were
    read on the ruffled neckline, below the neck point, and the top was worn strapless."""
    cut = cut_out(load_image(IMAGES / "upper_09133_00.jpg"), "upper")
    rows = np.flatnonzero(cut.mask.any(axis=1))
    length = rows[-1] - rows[0]
    for side in ("l", "r"):
        assert cut.points[f"shoulder_{side}"][1] < cut.points["neck"][1] - 0.1 * length, side
    assert "straps" in cut.widths


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_049447_0.jpg"])
def test_a_halter_collar_sits_by_the_neck_and_leaves_the_shoulders_bare(engine, person_file):
    """The halter's collar (its 'shoulders', a third of its chest wide) was pinned on the shoulder joints:
    the print was spread over both shoulders as a flat block."""
    person, warped = _warped(engine, person_file, "upper_04825_00.jpg")
    sw = person.shoulder_width
    for joint in (person.point(L_SHOULDER), person.point(R_SHOULDER)):
        x, y = joint.astype(int)
        assert warped.alpha[y, x] < 0.5, "the shoulder joint is bare beside a halter"
    collar = warped.shoulders
    assert abs(collar[1, 0] - collar[0, 0]) < 0.5 * sw, "the collar is about as wide as the neck"


def test_camisole_straps_stand_inside_the_shoulders(engine):
    """Pinned on the joints, the straps were dragged out to the arms' round."""
    person, warped = _warped(engine, "person_model_1.png", "upper_048769_1.jpg")
    centre = (person.point(L_SHOULDER) + person.point(R_SHOULDER)) / 2
    reach = np.abs(warped.shoulders[:, 0] - centre[0]) / person.shoulder_width
    assert (reach < 0.45).all(), reach
    assert warped.strapped


@pytest.mark.parametrize("garment_file", ["upper_049965_1.jpg", "upper_14673_00.jpg", "upper_09266_00.jpg"])
def test_tops_with_no_straps_keep_their_shoulders_on_the_joints(garment_file):
    """A blouse whose short sleeves lie along its body, a muscle tank (read as sleeveless, but their
    armholes are closed), a wrap bodysuit whose sleeves hang beside it: set inside the shoulders, their
    shoulders were cut bare or rose up the neck."""
    assert "straps" not in cut_out(load_image(IMAGES / garment_file), "upper").widths
