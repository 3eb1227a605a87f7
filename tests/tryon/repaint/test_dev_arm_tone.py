"""An upper arm rebuilt bare on a real photo (../shared/tryon_dev, skipped cleanly when absent) in place of an
old T-shirt's sleeve is painted in the colour of that arm's own bare skin below it, not the neck's nor the other
arm's: in both arms' colour turned into the shaded neck towards the shoulder, and moved towards every real skin
the paint met (hair over the shoulder too), the arm lit by the window was a darker flat slab above its light
forearm."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.limbs import silhouette, smooth_skin
from tryon.analysis.skin import lab_distance
from tryon.repaint.uncover import EDGE_GROW_PX
from tryon.repaint.uncover_limbs import rebuilt_arms, plan

# Lab distance between a rebuilt upper arm's median colour in the render and its own real bare arm's below it
# (the worse arm): 17.3 when both arms were painted in one colour turned into the neck's shade, 5.7 each in its own
TONE_GAP = 9.0

pytestmark = needs_dev_set


@pytest.mark.parametrize("person_file,garment_file", [("person_049447_0.jpg", "upper_04825_00.jpg")])
def test_rebuilt_upper_arm_takes_the_arms_own_colour(engine, person_file, garment_file):
    got = dev_render(engine, person_file, garment_file)
    person = got.person
    old = plan(person, got.warped, got.done.work_alpha).gone("arms")
    assert old is not None
    arms = silhouette(rebuilt_arms(person), old.shape)
    grow = np.ones((2 * EDGE_GROW_PX + 1,) * 2, np.uint8)
    covered = cv2.dilate((old | (got.done.work_alpha > 0.02)).astype(np.uint8), grow) > 0
    real = smooth_skin(person) & arms & ~(cv2.dilate(covered.astype(np.uint8), grow) > 0)
    lab = cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB).astype(np.float32)
    xs = np.arange(old.shape[1])[None, :]
    gaps = [lab_distance(np.median(lab[old & arms & side], axis=0), np.median(lab[real & side], axis=0))
            for side in (xs < person.centre_x, xs >= person.centre_x)]   # each arm against its own
    assert max(gaps) <= TONE_GAP, gaps
