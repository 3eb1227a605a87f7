"""A wide neck opening on real photos (../shared/tryon_dev, skipped cleanly when absent): its top
corners rise onto the shoulders' outline by the neck, not on the straight line between the seams."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from tryon import TryOnEngine, targets
from tryon.compose import compose
from tryon.garment import cut_out
from tryon.person import load_image
from tryon.uncover_neck import old_collar
from tryon.warp import warp

DEV = Path(__file__).resolve().parents[2] / "shared" / "tryon_dev"
IMAGES = DEV / "images"
pytestmark = pytest.mark.skipif(not (DEV / "set.json").exists(), reason="no try-on dev set at ../shared/tryon_dev")


@pytest.fixture(scope="module")
def engine():
    e = TryOnEngine(max_cached_people=4)
    yield e
    e.close()


def test_only_a_wide_opening_has_corners_to_lift():
    """The blue scoop-neck tee's cut opening spans most of its shoulders; a crew-neck tee's does not."""
    assert "neck_corner_l" in cut_out(load_image(IMAGES / "upper_09305_00.jpg"), "upper").points
    assert "neck_corner_l" not in cut_out(load_image(IMAGES / "upper_09166_00.jpg"), "upper").points


def _painted_chest(engine, person_file: str, garment_file: str) -> int:
    """Old-cloth px above the new neckline that are painted as bare skin (working res)."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    done = compose(rgb, person, warp(person, cut_out(load_image(IMAGES / garment_file), "upper")))
    return int(old_collar(person, done.work_alpha, cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)).sum())


def test_a_wide_necklines_corners_rise_onto_the_shoulders(engine, monkeypatch):
    """On his sloping shoulders the tank's wide neckline sat on the line between its seams, the old
    T-shirt above it painted as a broad bare band: lifted onto the shoulders' outline, less of it is."""
    lifted = _painted_chest(engine, "person_model_6.png", "upper_14673_00.jpg")
    monkeypatch.setattr(targets, "OPENING_RISE", 0.0)
    flat = _painted_chest(engine, "person_model_6.png", "upper_14673_00.jpg")
    assert lifted < 0.85 * flat, (lifted, flat)
