"""A long-sleeved wrap bodysuit laid flat with its sleeves hanging straight down its sides, on real photos
(../shared/tryon_dev, skipped cleanly when absent): its sleeves are found from the cuffs hanging apart
beside its hem and worn along the arms, the white stripes running up to its shoulder line stay in the
cut-out, and the briefs' black waistband goes with the briefs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image

pytestmark = needs_dev_set
BODYSUIT = "upper_09266_00.jpg"


def test_sleeves_hanging_straight_down_a_tops_sides_are_sleeves():
    """Read as sleeveless, the sleeves were warped onto the torso as flaps beside the bodice, arms bare."""
    cut = cut_out(load_image(IMAGES / BODYSUIT), "upper")
    assert cut.sleeve is not None and {"cuff_l", "cuff_r"} <= set(cut.points)
    assert "sleeveless" not in cut.widths


def test_white_stripes_up_to_the_shoulder_line_stay_in_the_cut_out():
    """The graph cut dropped two white stripes below the shoulder line, whose faint outline alone stood off
    the white sweep: the top edge had a notch a quarter of the garment deep in each shoulder, worn as
    skin cut into both shoulders."""
    cut = cut_out(load_image(IMAGES / BODYSUIT), "upper")
    m, P = cut.mask, cut.points
    rows = np.flatnonzero(m.any(axis=1))
    left, right = int(P["shoulder_l"][0]), int(P["shoulder_r"][0])
    top = m[:, left:right + 1].argmax(axis=0)
    assert top.max() - min(P["shoulder_l"][1], P["shoulder_r"][1]) < 0.05 * (rows[-1] - rows[0])


def test_a_bodysuits_waistband_goes_with_its_briefs():
    """Its black waistband lay over the skirt as a band across the hips."""
    cut = cut_out(load_image(IMAGES / BODYSUIT), "upper")
    rows = np.flatnonzero(cut.mask.any(axis=1))
    length = rows[-1] - rows[0] + 1
    cx, third = int(cut.points["neck"][0]), int(cut.points["shoulder_r"][0] - cut.points["shoulder_l"][0]) // 3
    low = np.zeros_like(cut.mask)
    low[rows[0] + int(0.6 * length):, cx - third:cx + third] = True
    dark = (cut.alpha > 0.5) & low & (cv2.cvtColor(cut.rgb, cv2.COLOR_RGB2LAB)[..., 0] < 60)
    assert int((dark.sum(axis=1) >= 0.8 * 2 * third).sum()) == 0


@pytest.mark.parametrize("person_file", ["person_taylor.jpg", "person_model_9.png"])
def test_the_bodysuits_sleeves_are_worn_along_the_arms(engine, person_file):
    r = dev_render(engine, person_file, BODYSUIT)
    assert r.warped.long_sleeves
