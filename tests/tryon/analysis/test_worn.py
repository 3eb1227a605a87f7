"""What a person in a photo wears, cut out for search by photo: real pose and person mask on real photos."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from tryon.engine import TryOnEngine
from tryon.analysis.worn import SWEEP_MARGIN, PAD_VALUE, worn_garment

SHARED = Path(__file__).resolve().parents[4] / "shared" / "tryon_dev" / "images"


@pytest.fixture(scope="module")
def engine() -> TryOnEngine:
    return TryOnEngine(max_cached_people=0)


def test_the_astronauts_flight_suit_is_cut_out_on_white_without_his_face(engine):
    person = engine.analyze_person(data.astronaut())
    cut = worn_garment(person, "upper")
    assert cut is not None
    height, width = cut.shape[:2]
    margin = int(min(height, width) * SWEEP_MARGIN * 0.8)
    border = np.concatenate([cut[:margin].reshape(-1, 3), cut[-margin:].reshape(-1, 3)])
    assert (border == PAD_VALUE).all()               # laid on white, as a product shot
    garment = (cut != PAD_VALUE).any(axis=2)
    hue = cv2.cvtColor(cut, cv2.COLOR_RGB2HSV)[..., 0][garment]
    assert np.mean((hue >= 5) & (hue <= 20)) > 0.5   # mostly the suit's orange
    assert garment.mean() > 0.3


def test_no_bottoms_are_cut_from_a_portrait_that_ends_at_the_chest(engine):
    assert worn_garment(engine.analyze_person(data.astronaut()), "lower") is None


@pytest.mark.skipif(not SHARED.is_dir(), reason="the real try-on dev photos (../shared/tryon_dev) are not here")
def test_a_full_length_photo_gives_its_top_and_its_trousers_apart(engine):
    picture = cv2.cvtColor(cv2.imread(str(SHARED / "person_049205_0.jpg")), cv2.COLOR_BGR2RGB)
    person = engine.analyze_person(picture)
    top, trousers = worn_garment(person, "upper"), worn_garment(person, "lower")
    assert top is not None and trousers is not None
    assert blue_share(trousers) > 0.5 > blue_share(top)   # blue trousers, a white T-shirt


def blue_share(cut: np.ndarray) -> float:
    pixels = cut[(cut != PAD_VALUE).any(axis=2)].astype(np.float32)
    return float(np.mean(pixels[:, 2] > 1.3 * pixels[:, 0]))
