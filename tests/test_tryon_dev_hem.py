"""The old top below a shorter new one on real photos (../shared/tryon_dev, skipped cleanly when
absent): it goes, as bare midriff where the torso carries on, and what the hands hold stays; so
does an old short sleeve standing out past the new one."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tryon import TryOnEngine
from tryon.compose import compose
from tryon.garment import cut_out
from tryon.person import load_image
from tryon.skin import lab_distance, skin_tone
from tryon.uncover_hem import old_hem
from tryon.uncover_neck import HAIR_NEAR, _chin_y, _hair, _hair_lab, _sleeve_zone
from tryon.warp import warp

DEV = Path(__file__).resolve().parents[2] / "shared" / "tryon_dev"
IMAGES = DEV / "images"
pytestmark = pytest.mark.skipif(not (DEV / "set.json").exists(), reason="no try-on dev set at ../shared/tryon_dev")


@pytest.fixture(scope="module")
def engine():
    e = TryOnEngine(max_cached_people=4)
    yield e
    e.close()


def test_a_white_tank_below_a_cropped_top_becomes_midriff(engine):
    """The white tank hung below the black cropped top as a white band above her jeans: there the
    render now shows skin, nearer her own tone than the tank's white."""
    rgb = load_image(IMAGES / "person_model_1.png")
    person = engine.analyze_person(rgb)
    done = compose(rgb, person, warp(person, cut_out(load_image(IMAGES / "upper_14627_00.jpg"), "upper")))
    lab = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    old = old_hem(person, done.work_alpha, lab)
    assert old.sum() > 0.005 * old.size
    h, w = person.mask.shape
    out = cv2.cvtColor(cv2.resize(done.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    tank = np.median(lab[old].astype(np.float32), axis=0)
    now = np.median(out[old].astype(np.float32), axis=0)
    tone = skin_tone(person).lab
    assert lab_distance(now, tone) < lab_distance(now, tank), (now, tone, tank)


def test_a_white_bag_beside_the_hem_is_not_taken_for_the_old_top(engine):
    """Her white top and the white clutch in her hand are one colour: the clutch stays."""
    rgb = load_image(IMAGES / "person_051482_0.jpg")
    person = engine.analyze_person(rgb)
    alpha = warp(person, cut_out(load_image(IMAGES / "upper_049947_1.jpg"), "upper")).alpha
    old = old_hem(person, alpha, cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB))
    assert int(old[:, : int(person.mask.shape[1] * 0.45)].sum()) == 0


@pytest.mark.parametrize("person_file", ["person_00055_00.jpg", "person_00035_00.jpg"])
def test_an_old_short_sleeve_past_the_new_one_goes(engine, person_file):
    """Their navy T-shirts' sleeves stood out past the new white tee's shoulders as dark stubs: round
    the upper arm, outside the new tee, the dark old cloth is painted over (or covered by its edge). Her navy matched her
    black hair's colour, but it stands apart from her head below a bare neck: cloth, not hair."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    warped = warp(person, cut_out(load_image(IMAGES / "upper_09166_00.jpg"), "upper"))
    done = compose(rgb, person, warped)
    h, w = person.mask.shape
    out = cv2.resize(done.image, (w, h), interpolation=cv2.INTER_AREA)
    arms = _sleeve_zone(person, _chin_y(person)) & (warped.alpha < 0.5) & (person.mask > 0.5)
    dark = (lambda img: int(((cv2.cvtColor(img, cv2.COLOR_RGB2LAB)[..., 0] < 70) & arms).sum()))
    assert dark(person.image) > 150 and dark(out) < 0.3 * dark(person.image), (dark(person.image), dark(out))


def test_cloth_of_the_hairs_colour_apart_from_the_head_is_not_hair(engine):
    """Her navy sleeves are of her black hair's colour; they stand apart from her head, so they are
    cloth. Her hair above the chin is hair."""
    person = engine.analyze_person(load_image(IMAGES / "person_00035_00.jpg"))
    lab = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    chin = _chin_y(person)
    hair_colour = np.linalg.norm((lab.astype(np.float32) - _hair_lab(person, lab, chin))
                                 * np.float32([100.0 / 255.0, 1.0, 1.0]), axis=-1) < HAIR_NEAR
    sleeves = _sleeve_zone(person, chin) & (person.mask > 0.5) & ~person.skin
    hair = _hair(person, lab, chin)
    assert (hair_colour & sleeves).sum() > 100
    assert not (hair & sleeves).any()
    assert hair[:int(chin)].sum() > 1000
