"""A sleeveless top's armholes on real photos (../shared/tryon_dev, skipped cleanly when absent): pinned by its
shoulder line's outer corners, a tank, a knit vest, a shell blouse and a shift dress leave the wearer's shoulder
tips bare, as worn. Pinned by the ends of their topmost row (by the neck, on sloping shoulders), the rest of
their shoulders stood out past the joints like cap sleeves, and their colour was carried down over the old
sleeves beside them (60 to 100 per cent of the shoulder tips covered on most of these pairs). A blouse whose
sheer sleeves the cut-out does not tell from its body keeps them."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.person import L_ELBOW, L_SHOULDER, R_ELBOW, R_SHOULDER
from tryon.compose.in_front import bared_arms_in_front

pytestmark = needs_dev_set

# the shoulder tip: from this share of shoulder width outside each joint to that one, and from this share above
# the joint to that share below it
TIP_OUT = (0.08, 0.2)
TIP_ROWS = (0.15, 0.3)


def _tips_covered(engine, person_file: str, garment_file: str, part: str) -> list[float]:
    """Per shoulder, the share of the body at its tip that the garment (or its edge carried over old clothes)
    covers."""
    got = dev_render(engine, person_file, garment_file, part)
    person, sw = got.person, got.person.shoulder_width
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    shares = []
    for joint, out in ((ls, np.sign(ls[0] - rs[0])), (rs, np.sign(rs[0] - ls[0]))):
        x0, x1 = sorted(int(joint[0] + out * f * sw) for f in TIP_OUT)
        box = (slice(int(joint[1] - TIP_ROWS[0] * sw), int(joint[1] + TIP_ROWS[1] * sw)), slice(x0, x1 + 1))
        body = person.mask[box] > 0.5
        shares.append(float((got.done.work_alpha[box][body] > 0.5).mean()))
    return shares


@pytest.mark.parametrize("person_file,garment_file,part", [
    ("person_fitdit_0303.jpg", "upper_14673_00.jpg", "upper"),   # a tank over a striped polo
    ("person_fitdit_1.jpg", "upper_14673_00.jpg", "upper"),      # over a plain tee
    ("person_00055_00.jpg", "upper_09256_00.jpg", "upper"),      # a shell blouse with broad shoulders
    ("person_049447_0.jpg", "upper_fitdit_12.png", "upper"),     # a knit vest
    ("person_049447_0.jpg", "dress_053742_1.jpg", "full"),       # a sleeveless shift dress
])
def test_a_sleeveless_top_leaves_the_shoulder_tips_bare(engine, person_file, garment_file, part):
    assert max(_tips_covered(engine, person_file, garment_file, part)) < 0.1


def test_a_blouse_whose_sheer_sleeves_were_not_found_keeps_them_over_the_shoulders(engine):
    assert min(_tips_covered(engine, "person_model_1.png", "upper_049965_1.jpg", "upper")) > 0.8


def test_the_upper_arm_rebuilt_beside_an_armhole_lies_in_front_of_the_tops_side(engine):
    """His tee's short sleeve is rebuilt as a bare upper arm beside the tank's armhole: below the armpit the
    tank's side lies behind that arm, which is in front from there down (kept only from the elbow, as beside a
    top whose flutter sleeves may be read as body, the side stood out over the rebuilt arm in a dark wedge)."""
    got = dev_render(engine, "person_fitdit_1.jpg", "upper_14673_00.jpg")
    person, warped = got.person, got.warped
    front = bared_arms_in_front(person, warped, warped.alpha)
    assert front is not None
    armpit = int(warped.armpits[:, 1].min())
    elbow = int(min(person.point(L_ELBOW)[1], person.point(R_ELBOW)[1]))
    assert front[armpit:elbow].sum() > 0 and not front[:armpit].any()
