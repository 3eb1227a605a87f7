"""The arm beside a new top on real photos (../shared/tryon_dev, skipped cleanly when absent): a sleeveless
top's sides meet the bare arms hanging against them rather than cover them, and a wide sleeve warped along a
slim arm covers its upper arm rather than bulging in over the torso below a strip."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.arms import arm_band
from tryon.analysis.person import L_ELBOW, L_SHOULDER

pytestmark = needs_dev_set


@pytest.mark.parametrize("person_file,garment_file", [("person_model_1.png", "upper_14627_00.jpg"),
                                                      ("person_053514_0.jpg", "upper_09133_00.jpg")])
def test_a_sleeveless_tops_sides_leave_the_arms_hanging_against_them_bare(engine, person_file, garment_file):
    """The crop top and the tank were as wide as the body's row with the arms in it: they covered both
    upper arms, cut off in rounded notches of skin (18% of the arms' bare skin was covered; 4-8% now,
    the soft edge where side and arm meet)."""
    render = dev_render(engine, person_file, garment_file)
    person = render.person
    arms = arm_band(person, "upper_arm") & person.skin & person.body
    covered = (render.done.work_alpha > 0.5) & arms
    assert covered.sum() < 0.1 * arms.sum()


def test_a_wide_sleeve_covers_the_slim_upper_arm_it_hangs_on(engine):
    """Her left arm is slim and hangs against her side: the body layer put the oversized tee's armpit off
    the body past it, the sleeve's cap was squeezed to a strip along the arm's outline and its full width
    bulged in over the torso below, a dark crescent read as a hole (a third of the upper arm's skin was
    in the sleeve; four fifths now)."""
    render = dev_render(engine, "person_051482_0.jpg", "upper_09236_00.jpg")
    person = render.person
    top, elbow = person.point(L_SHOULDER)[1], person.point(L_ELBOW)[1]
    h, w = person.mask.shape
    ys, xs = np.arange(h)[:, None], np.arange(w)[None, :]
    arm = person.skin & person.body & (xs > person.centre_x) & (ys > top) & (ys < elbow)
    assert ((render.warped.sleeve > 0.5) & arm).sum() > 0.6 * arm.sum()
