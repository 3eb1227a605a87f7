"""Old spaghetti straps beside a new top's or dress's neckline, on real photos (../shared/tryon_dev,
skipped cleanly when absent): her black slip dress's straps, two or three pixels wide, and the
stubs of them a new top's shoulders leave showing, are painted as skin, not left as black lines
at the shoulders."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set

BLACK = 80   # Lab L (8-bit) under which a pixel there is her black dress (her skin is above 130)


@pytest.mark.parametrize("garment_file,category", [
    ("dress_052234_1.jpg", "dress"),     # square neck: the straps stood inside the neckline's corners
    ("upper_07382_00.jpg", "t-shirt"),   # tank top: a strap beside each of its shoulder straps
    ("dress_053742_1.jpg", "dress"),     # sleeveless: stubs above its shoulders
    ("upper_10297_00.jpg", "blouse"),    # bandeau: the straps above it
])
def test_old_spaghetti_straps_beside_the_new_neckline_become_skin(engine, garment_file, category):
    rgb = load_image(IMAGES / "person_052472_0.jpg")
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / garment_file), category, person=person)
    h, w = person.mask.shape
    sw = person.shoulder_width
    top_y = float(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]))
    cx = float(person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2
    # across the shoulders, from a little above them (below her hair) to a little below, where the straps are
    band = np.zeros((h, w), bool)
    band[int(top_y - 0.2 * sw):int(top_y + 0.25 * sw), int(cx - 0.7 * sw):int(cx + 0.7 * sw)] = True
    band &= (person.mask > 0.5) & (warp(person, engine.prepare(str(IMAGES / garment_file), category)).alpha < 0.02)
    out = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    assert int((person.lab[..., 0][band] < BLACK).sum()) > 5, "her straps show there in the photo"
    assert int((out[..., 0][band] < BLACK).sum()) <= 2
