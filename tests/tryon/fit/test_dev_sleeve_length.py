"""A long sleeve reaches the wrist on a real photo (../shared/tryon_dev, skipped cleanly when absent): a blouse's
long sleeves, scaled with its body to a long-armed man in a cardigan, stopped short of his wrist, and the
cardigan's knit cuff showed below the new sleeve (262 of the forearm's 1,558 px of old cloth)."""

from __future__ import annotations

import cv2
import numpy as np

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon import TryOnEngine
from tryon.analysis.person import L_ELBOW, L_WRIST, load_image

pytestmark = needs_dev_set
PERSON = "person_fitdit_0179.jpg"   # a man in a long-sleeved cardigan, his left hand hanging free
LOWER_FOREARM = 0.6                 # the band read runs from this share of the way from elbow to wrist, to the wrist
BAND = 0.2                          # its width, a share of shoulder width: the forearm's own
LEFT_SHOWING = 0.01                 # share of the band's old cloth the new sleeve may leave showing


def test_a_long_sleeve_covers_the_old_sleeve_down_to_the_wrist():
    engine = TryOnEngine()
    rgb = load_image(IMAGES / PERSON)
    person = engine.analyze_person(rgb)
    h, w = person.mask.shape
    elbow, wrist = person.point(L_ELBOW), person.point(L_WRIST)
    band = np.zeros((h, w), np.uint8)
    start = elbow + LOWER_FOREARM * (wrist - elbow)
    cv2.line(band, tuple(np.round(start).astype(int)), tuple(np.round(wrist).astype(int)), 1,
             max(1, int(BAND * person.shoulder_width)))
    cloth = (band > 0) & (person.mask > 0.5) & ~person.skin
    alpha = engine.render(rgb, str(IMAGES / "upper_049940_1.jpg"), "blouse", person=person).alpha
    alpha = cv2.resize(alpha, (w, h), interpolation=cv2.INTER_AREA)   # the render's alpha is at the photo's size
    assert cloth.sum() > 1000   # the cardigan's sleeve is there to cover
    assert int((cloth & (alpha < 0.5)).sum()) <= LEFT_SHOWING * int(cloth.sum())
