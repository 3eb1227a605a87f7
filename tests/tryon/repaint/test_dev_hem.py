"""The old top below a shorter new one on real photos (../shared/tryon_dev, skipped cleanly when
absent): it goes, as bare midriff where the torso carries on, and what the hands hold stays; so
does an old short sleeve standing out past the new one."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image
from tryon.analysis.skin import lab_distance, lab_distances, skin_tone
from tryon.repaint.uncover_torso import old_hem, torso_below
from tryon.analysis.limbs import arm_limbs, zone
from tryon.repaint.old_collar import old_collar
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def _upper_arms(person) -> np.ndarray:
    """Round each upper arm, shoulder to elbow, below the face: where an old short sleeve stands out."""
    upper = [a._replace(joints=a.joints[:2], halves=a.halves[:2]) for a in arm_limbs(person)]
    out = zone(upper, person.mask.shape)
    out[:person.face_box[3]] = False
    return out


def test_a_white_tank_below_a_cropped_top_becomes_midriff(engine):
    """The white tank hung below the black cropped top as a white band above her jeans: there the
    render now shows skin, nearer her own tone than the tank's white."""
    r = dev_render(engine, "person_model_1.png", "upper_14627_00.jpg")
    person, done = r.person, r.done
    lab = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    old = old_hem(person, done.work_alpha, lab)
    assert old.sum() > 0.005 * old.size
    out = cv2.cvtColor(r.work, cv2.COLOR_RGB2LAB)
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
    person, warped, _, out = dev_render(engine, person_file, "upper_09166_00.jpg")
    arms = _upper_arms(person) & (warped.alpha < 0.5) & (person.mask > 0.5)
    dark = (lambda img: int(((cv2.cvtColor(img, cv2.COLOR_RGB2LAB)[..., 0] < 70) & arms).sum()))
    assert dark(person.image) > 150 and dark(out) < 0.3 * dark(person.image), (dark(person.image), dark(out))


def test_cloth_of_the_hairs_colour_apart_from_the_head_is_not_hair(engine):
    """Her navy sleeves are of her black hair's colour; they stand apart from her head, so beside a new
    white tee they are old cloth to paint over; her hair above the chin is never taken for it."""
    person = engine.analyze_person(load_image(IMAGES / "person_00035_00.jpg"))
    lab = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    alpha = warp(person, cut_out(load_image(IMAGES / "upper_09166_00.jpg"), "upper")).alpha
    old = old_collar(person, alpha, lab)
    dark_sleeves = _upper_arms(person) & (person.mask > 0.5) & (alpha < 0.5) & (lab[..., 0] < 70)
    assert dark_sleeves.sum() > 150
    assert (old & dark_sleeves).sum() > 0.5 * dark_sleeves.sum(), ((old & dark_sleeves).sum(), dark_sleeves.sum())
    assert not old[:person.face_box[3]].any()


def test_the_old_top_past_the_new_tops_side_is_the_room(engine):
    """Her pink shirt hung past the tee's side by her hip, where the arm hangs: it was filled from what
    was near it in a box round it alone (her black trousers and hand), a dark smear with a fragment of
    hand (45 Lab from the room); it is filled from the room seen past the arm."""
    r = dev_render(engine, "person_00034_00.jpg", "upper_09166_00.jpg")
    person, done = r.person, r.done
    old = old_hem(person, done.work_alpha, person.lab)
    beyond = cv2.erode((old & ~torso_below(done.work_alpha)).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    assert beyond.sum() > 100
    room = np.median(person.lab[~person.body].astype(np.float32), axis=0)
    far = lab_distances(cv2.cvtColor(r.work, cv2.COLOR_RGB2LAB), room)[beyond]
    assert float(np.median(far)) < 10.0, float(np.median(far))
