"""Beside a rebuilt arm is the room, on a real photo (../shared/tryon_dev, skipped cleanly when absent): sleeveless
blouses on a woman in a tee with wide short sleeves. The shoulders were painted as skin round the pose's arms, a few
px off and wider than the arms rebuilt along her sleeves: a real shop's blouse left a skin-coloured ghost of each
arm's outline beside it, and the demo shop's V-necked one, which leaves more of her old sleeves, two square
skin-coloured blocks where her sleeves were."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon import TryOnEngine
from tryon.analysis.limbs import silhouette
from tryon.analysis.person import load_image
from tryon.analysis.skin import lab_distances, skin_tone
from tryon.repaint.arm_fit import rebuilt_arms

pytestmark = needs_dev_set
PERSON = "person_00121_00.jpg"
BESIDE_PX = (3, 8)     # the band read beside each upper arm, on its outer side: this many working px outside it
OUTER_REACH_PX = 40    # how far out from the upper arm's line its outer side is read
SKIN_LIKE = 0.05       # share of that band that may be nearer her skin's colour than the room's


@pytest.mark.parametrize("shop", ["real", "demo"])
def test_the_room_beside_a_rebuilt_arm_is_not_painted_as_skin(shop, demo_catalog):
    blouse = str(IMAGES / "upper_09256_00.jpg") if shop == "real" else str(demo_catalog.image_path(
        next(p for p in demo_catalog.rows if p.category == "blouse" and p.sleeve == "sleeveless")))
    engine = TryOnEngine()
    rgb = load_image(IMAGES / PERSON)
    person = engine.analyze_person(rgb)
    h, w = person.mask.shape
    image = cv2.resize(engine.render(rgb, blouse, "blouse", person=person).image, (w, h), interpolation=cv2.INTER_AREA)
    arms = rebuilt_arms(person)
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)
    room = np.median(lab[person.mask < 0.1], axis=0)

    def grown(px: int) -> np.ndarray:
        return cv2.dilate(silhouette(arms, (h, w)).astype(np.uint8), np.ones((2 * px + 1,) * 2, np.uint8)) > 0

    band = grown(BESIDE_PX[1]) & ~grown(BESIDE_PX[0]) & _outer_sides(arms, person) & (person.mask > 0.5)
    assert band.sum() > 1000   # her wide old sleeves reached past her arms there: the room is rebuilt beside them
    tone = skin_tone(person).lab
    skin_like = lab_distances(lab[band], tone) < lab_distances(lab[band], room)
    assert float(skin_like.mean()) <= SKIN_LIKE, float(skin_like.mean())


def _outer_sides(arms, person) -> np.ndarray:
    """Beside each upper arm, away from the body: between shoulder and elbow, past the bone's line."""
    h, w = person.mask.shape
    ys, xs = np.mgrid[0:h, 0:w]
    body_x = float(np.mean([arm.joints[0][0] for arm in arms]))
    out = np.zeros((h, w), bool)
    for arm in arms:
        shoulder, elbow = arm.joints[0], arm.joints[1]
        line_x = shoulder[0] + np.clip((ys - shoulder[1]) / max(elbow[1] - shoulder[1], 1.0), 0, 1) * (elbow[0] - shoulder[0])
        away = (xs - line_x) * np.sign(shoulder[0] - body_x)
        out |= (away > 0) & (away < OUTER_REACH_PX) & (ys >= shoulder[1]) & (ys <= elbow[1])
    return out
