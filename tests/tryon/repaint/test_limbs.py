"""Bare arms and legs in place of old sleeves and trousers a shorter garment leaves showing: the
parts that need no dev photos (the skin tone on the astronaut's face, the limb shapes, the reply's
sentence when the garment is drawn over old clothes). The dev-photo renders are in tests/tryon/*/test_dev_*."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

from assistant.phrasebook import say
from assistant.replies import Outcome
from assistant.replies_photo import _shown_over
from tryon import TryOnEngine
from tryon.fit_notes import Landing
from tryon.analysis.limbs import Limb, silhouette, zone
from tryon.analysis.skin import lab_distance, skin_tone
from tryon.repaint.shown_over import SHOWN_OVER


@pytest.fixture(scope="module")
def astronaut_analysis():
    engine = TryOnEngine(max_cached_people=1)
    yield engine.analyze_person(data.astronaut())
    engine.close()


def test_the_skin_tone_is_the_astronauts_own_face_not_his_white_suit(astronaut_analysis):
    person = astronaut_analysis
    tone = skin_tone(person)
    assert tone is not None and tone.pixels >= 60
    x0, y0, x1, y1 = person.face_box
    cheeks = cv2.cvtColor(person.image[y0 + (y1 - y0) // 3:y1 - (y1 - y0) // 3, x0 + (x1 - x0) // 3:x1 - (x1 - x0) // 3],
                          cv2.COLOR_RGB2LAB).reshape(-1, 3)
    suit = cv2.cvtColor(np.uint8([[[235, 235, 240]]]), cv2.COLOR_RGB2LAB)[0, 0]
    assert lab_distance(tone.lab, np.median(cheeks, axis=0)) < 15   # the cheeks lit brighter than the whole face
    assert lab_distance(tone.lab, suit) > 25


def test_a_limb_tapers_from_shoulder_to_wrist_and_its_old_sleeve_zone_stays_off_the_torso():
    arm = Limb(np.array([[100.0, 50.0], [110.0, 150.0], [115.0, 250.0]]), np.array([20.0, 14.0, 9.0]), 40.0,
               body_x=40.0)
    shape = (300, 200)
    body = silhouette([arm], shape)
    assert body[60, 100] and body[240, 115] and not body[240, 130]   # narrow at the wrist
    where = zone([arm], shape)
    assert where[150, 145] and not where[150, 80]   # wide outward (away from x=40), narrow towards the body


@pytest.mark.parametrize("lang,expected", [("en", "It's shown over your long sleeves."),
                                           ("zh", "图中是叠穿在你的长袖外面的效果。")])
def test_a_render_drawn_over_old_sleeves_says_so_in_one_sentence(lang, expected):
    assert _shown_over(Outcome(tryon_shown_over=("long_sleeves",)), lang) == expected
    assert _shown_over(Outcome(), lang) == ""


def test_everything_a_render_can_be_shown_over_has_words_in_both_languages():
    for lang in ("en", "zh"):
        assert all(say(f"over_{what}", lang) for what in (*SHOWN_OVER.values(), "top"))   # "top": compose.opening
    both = _shown_over(Outcome(tryon_shown_over=tuple(SHOWN_OVER.values())), "en")
    assert both == "It's shown over your long sleeves and trousers."


def test_landing_defaults_to_shown_over_nothing():
    assert Landing().shown_over == () and Landing("hips", None).shown_over == ()


def test_a_limb_is_trimmed_by_the_bodys_smoothed_outline_not_its_stair_steps():
    from types import SimpleNamespace

    from tryon.repaint.uncover_limbs import smooth_body
    body = np.zeros((300, 320), bool)
    for y in range(300):
        body[y, :60 + 8 * (y // 12)] = True   # a slanted outline in 8 px steps, as a coarse segmentation draws it
    edge = smooth_body(SimpleNamespace(body=body, shoulder_width=170.0)).sum(axis=1)[20:280].astype(float)
    steps = np.abs(np.diff(edge))
    assert steps.max() <= 2 and abs(edge[-1] - edge[0] - 8 * 260 / 12) < 12   # smooth, and the same slant


def test_a_rebuilt_legs_outline_eases_through_the_calf_without_a_corner():
    """Tapered straight from joint to joint, a leg widened to the calf and narrowed after it at a corner: drawn
    crisp at the photo's size it read as a polygon. Eased (`silhouette(..., eased=True)`, `coverage`), the
    outline's slope turns over many rows; the straight taper, which places trouser legs, stays as it was."""
    from tryon.analysis.limbs import LEG_HALVES, coverage, half_width_at

    sw = 400.0
    leg = Limb(np.array([[150.0, 20.0], [150.0, 220.0], [150.0, 260.0], [150.0, 400.0]]),
               np.array(LEG_HALVES) * sw, 120.0)
    shape = (420, 300)

    def corner(width: np.ndarray, at: int = 260, reach: int = 6) -> float:   # how much the width turns at the calf:
        return float(abs(width[at] - width[at - reach]) + abs(width[at] - width[at + reach]))   # 0 where level

    straight = silhouette([leg], shape).sum(axis=1).astype(float)
    eased = silhouette([leg], shape, eased=True).sum(axis=1).astype(float)
    smooth = coverage([leg], shape).sum(axis=1)
    assert corner(straight) >= 3.5 and corner(eased) <= 2.0 and corner(smooth) <= 1.5, \
        (corner(straight), corner(eased), corner(smooth))
    for y in (100.0, 240.0, 330.0):   # the eased width is the one the silhouette is drawn at
        assert abs(2 * half_width_at(leg, y, eased=True) - eased[int(y)]) <= 2.0
    assert abs(half_width_at(leg, 240.0) - float(np.mean(LEG_HALVES[1:3])) * sw) < 1e-6
