"""The top of the shoulders under a new top on real photos (../shared/tryon_dev, skipped cleanly when
absent): a sleeve or a cap shoulder covers the shoulder's round up to the body's outline, where a
product shot's straight shoulder line, warped, sagged below it and left a crescent of bare shoulder
(a cold-shoulder cut-out the product does not have); a tank's strap leaves the shoulder bare."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, load_image

pytestmark = needs_dev_set

# columns from this share of shoulder width inside each shoulder joint (towards the neck, short of it)
# to this share outside it (where a sleeve's seam sits)
OVER_JOINT = (0.15, 0.1)
TOP_BAND = 0.06    # rows this share of shoulder width down from the body's outline in each column
BARE_PX = 2        # a column with this many px of bare skin in its band shows the shoulder bare (working px)


def _bare_shoulder_tops(engine, person_file: str, garment_file: str, category: str) -> float:
    """Of the columns over the shoulders near the joints, the share whose top (a band along the body's
    outline) the render leaves as the photo's own bare skin."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / garment_file), category, person=person)
    h, w = person.mask.shape
    out = cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA).astype(float)
    unchanged = np.abs(out - person.image.astype(float)).max(axis=2) < 8
    sw = person.shoulder_width
    band, columns = np.zeros((h, w), bool), np.zeros(w, bool)
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    for joint, outward in ((ls, np.sign(ls[0] - rs[0])), (rs, np.sign(rs[0] - ls[0]))):
        ends = sorted(int(joint[0] + outward * f * sw) for f in (-OVER_JOINT[0], OVER_JOINT[1]))
        for x in range(ends[0], ends[1] + 1):
            body = np.flatnonzero(person.mask[:int(joint[1]), x] > 0.5)
            if body.size:
                band[body[0]:body[0] + int(TOP_BAND * sw), x] = columns[x] = True
    bare = (band & (person.mask > 0.5) & person.skin & unchanged).sum(axis=0) >= BARE_PX
    return float(bare[columns].mean()) if columns.any() else 0.0


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_model_9.png", "upper_09163_00.jpg", "polo"),
    ("person_052472_0.jpg", "upper_09236_00.jpg", "t-shirt"),
    ("person_053514_0.jpg", "upper_049949_1.jpg", "shirt"),
    ("person_model_1.png", "upper_049965_1.jpg", "blouse"),
])
def test_a_sleeved_top_covers_the_top_of_bare_shoulders(engine, person_file, garment_file, category):
    """Each of these left a crescent of her bare shoulder above the new sleeve (over a sixth to three
    fifths of the columns near the joints): the garment's edge is carried over it up to her outline."""
    assert _bare_shoulder_tops(engine, person_file, garment_file, category) < 0.05


@pytest.mark.parametrize("garment_file,category", [("upper_048769_1.jpg", "blouse"), ("dress_053742_1.jpg", "dress")])
def test_straps_leave_the_shoulders_bare(engine, garment_file, category):
    """A camisole's and a sleeveless dress's straps end inside the joints: the shoulders beside them
    stay her own skin."""
    assert _bare_shoulder_tops(engine, "person_model_9.png", garment_file, category) > 0.4, garment_file
