"""An arm rebuilt bare on a real photo (../shared/tryon_dev, skipped cleanly when absent) meets the real
skin beside it (the bare deltoid beside a white tank's wide shoulder, the arm below a T-shirt's sleeve)
without a step of colour: painted in its own tone and the old cloth's light, it showed as a flat slab
with a hard edge along the old clothing's outline."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.limbs import below_armpits, smooth_skin
from tryon.analysis.skin import lab_distance
from tryon.repaint.uncover import EDGE_GROW_PX
from tryon.repaint.uncover_limbs import plan

# Lab distance between the render's paint and the real skin within a finger's width of where they meet:
# the paint in its tone and the old cloth's light stood 8.3 to 12.5 from the real skin on these pairs (the
# worse arm of each), turned into the arm's own real skin where they meet 1.0 to 6.4
STEP = 7.0
NEAR = 0.05   # share of shoulder width each side of the meeting line that is read (limb_skin.SEAM_READ_REACH)

pytestmark = needs_dev_set


@pytest.mark.parametrize("person_file,garment_file,part", [
    ("person_model_6.png", "upper_050002_1.jpg", "upper"),
    ("person_model_6.png", "upper_048769_1.jpg", "upper"),
    ("person_049447_0.jpg", "upper_04825_00.jpg", "upper"),
])
def test_rebuilt_arm_meets_real_skin_without_a_step(engine, person_file, garment_file, part):
    got = dev_render(engine, person_file, garment_file, part)
    person = got.person
    old = plan(person, got.warped, got.done.work_alpha).gone("arms")
    assert old is not None
    grow = np.ones((2 * EDGE_GROW_PX + 1,) * 2, np.uint8)
    painted = cv2.dilate(old.astype(np.uint8), grow) > 0
    covered = painted | (cv2.dilate((got.done.work_alpha > 0.02).astype(np.uint8), grow) > 0)
    # the arm's own skin: above the armpits hair falling on a shoulder passes for skin, and the paint keeps off it
    real = (smooth_skin(person) & person.body & below_armpits(person, old.shape)
            & ~(cv2.dilate(covered.astype(np.uint8), grow) > 0))
    k = np.ones((2 * max(1, int(NEAR * person.shoulder_width)) + 1,) * 2, np.uint8)
    lab = cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB)
    xs = np.arange(old.shape[1])[None, :]
    steps = []
    for side in (xs < person.centre_x, xs >= person.centre_x):   # each arm on its own
        paint = painted & side & (cv2.dilate((real & side).astype(np.uint8), k) > 0)
        skin = real & side & (cv2.dilate((painted & side).astype(np.uint8), k) > 0)
        if paint.sum() < 20 or skin.sum() < 20:
            continue
        steps.append(lab_distance(np.median(lab[paint].astype(np.float32), axis=0),
                                  np.median(lab[skin].astype(np.float32), axis=0)))
    assert steps and max(steps) <= STEP, steps
