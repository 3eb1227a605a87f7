"""Old straps, a check dress and a bowed head's lapels at a new top's neckline, on real photos
(../shared/tryon_dev, skipped cleanly when absent): a full-length photo cut off above the eyes
still tells a beige check dress and cream halter straps from skin, the old cloth down a deep
scoop is painted whatever its depth, and a jacket's collar beside a beard does not stay in front
of the new top in the face box's rectangle."""

from __future__ import annotations

import cv2
import numpy as np

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.repaint.old_collar import mouth_chin_y
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, load_image
from tryon.analysis.skin import lab_distances
from tryon.repaint.uncover_neck import _sleeveless
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def _render(engine, person_file: str, garment_file: str, category: str):
    """The person, the render (working res) and the new garment's own alpha there (not what was repainted)."""
    rgb = load_image(next(IMAGES.glob(person_file + ".*")))
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / garment_file), category, person=person)
    h, w = person.mask.shape
    garment = warp(person, engine.prepare(str(IMAGES / garment_file), category)).alpha
    return person, cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), garment


def _neck_band(person) -> np.ndarray:
    """Between the chin and the armpits, across the shoulders, on the person (working res)."""
    h, w = person.mask.shape
    sw = person.shoulder_width
    top_y = float(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]))
    cx = float(person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2
    band = np.zeros((h, w), bool)
    band[int(mouth_chin_y(person)):int(top_y + 0.45 * sw), int(cx - 0.7 * sw):int(cx + 0.7 * sw)] = True
    return band & (person.mask > 0.5)


def test_a_photo_cut_off_above_the_eyes_tells_a_beige_check_dress_from_skin(engine):
    """No face box: skin was any skin-like colour, and her beige check dress was skin, so nothing of
    it was painted over above a new top. The chin under the mouth the pose sees is her own skin."""
    person = engine.analyze_person(load_image(IMAGES / "person_052964_0.jpg"))
    assert person.face_box is None
    sw = person.shoulder_width
    top_y = float(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]))
    cx = float(person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2
    bodice = (slice(int(top_y + 0.6 * sw), int(top_y + 1.0 * sw)), slice(int(cx - 0.2 * sw), int(cx + 0.2 * sw)))
    assert person.skin[bodice].mean() < 0.6  # a check: its light squares pass for skin, its dark ones not


def test_the_check_dress_down_a_deep_scoop_becomes_skin(engine):
    """A white tank top's deep scoop over her check dress: the checks showed down to the scoop's foot
    (the dress was skin; then only the rows down to the armpits were looked at). The opening is now
    smooth skin: the fine detail of its lightness is skin's, not a weave's (a few px off the new top's edge)."""
    person, out, alpha = _render(engine, "person_052964_0", "upper_07382_00.jpg", "t-shirt")
    opening = _neck_band(person) & ~(cv2.dilate((alpha > 0.02).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0)
    sw = person.shoulder_width
    top_y = float(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]))
    opening[:int(top_y + 0.2 * sw)] = False  # the chest below the collarbones, where the dress was
    light = cv2.cvtColor(out, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    detail = np.abs(light - cv2.GaussianBlur(light, (0, 0), 2.0))[opening]
    assert opening.sum() > 0.05 * sw ** 2
    assert float((detail > 6.0).mean()) < 0.25  # the checks left: 0.4


def test_cream_halter_straps_on_a_white_room_are_painted_as_skin(engine):
    """Her cream halter straps were taken for hair (the head's 'hair' colour was the white room the
    mask's loose outline takes in above a face cut off at the mouth) and left round her neck."""
    person, out, alpha = _render(engine, "person_053514_0", "upper_048554_1.jpg", "blouse")
    band = _neck_band(person) & (alpha < 0.5)
    lab = person.lab
    cream = np.float32([228, 128, 135])  # the straps' colour in the photo (Lab, 8-bit)
    before = int((lab_distances(np.ascontiguousarray(lab), cream) < 8)[band].sum())
    after = int((lab_distances(cv2.cvtColor(out, cv2.COLOR_RGB2LAB), cream) < 8)[band].sum())
    assert before > 0.03 * person.shoulder_width ** 2, "the straps show round her neck in the photo"
    assert after < 0.3 * before


def test_a_bowed_heads_lapels_beside_the_beard_do_not_stay_in_front_of_a_new_tee(engine):
    """The face box reaches down past his beard, and its whole rectangle was kept in front of the new
    tee, black lapels and a white collar in its lower corners. The face is the ellipse in the box."""
    rgb = load_image(IMAGES / "person_will1.jpg")
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / "upper_09164_00.jpg"), "t-shirt", person=person)
    alpha = cv2.resize(result.alpha, person.mask.shape[::-1])
    x0, y0, x1, y1 = person.face_box
    h, w = person.mask.shape
    ellipse = np.zeros((h, w), np.uint8)
    cv2.ellipse(ellipse, (((x0 + x1) / 2, (y0 + y1) / 2), (x1 - x0, y1 - y0), 0), 1, -1)
    corners = np.zeros((h, w), bool)
    corners[int(mouth_chin_y(person)):y1, x0:x1] = True
    corners &= (ellipse == 0) & ~person.skin
    assert corners.sum() > 50
    assert float((alpha[corners] > 0.5).mean()) > 0.5


def test_sleeveless_is_read_from_the_upper_arms_in_the_photo(engine):
    """An old tank top's outline is the body's: its straps over the shoulders' round are painted as
    skin to the person's outline. A tee's short sleeve stands out from the arm: there the body's
    shape stays the joints' columns and the arms."""
    assert _sleeveless(engine.analyze_person(load_image(IMAGES / "person_01992_00.jpg")))
    assert not _sleeveless(engine.analyze_person(load_image(IMAGES / "person_00055_00.jpg")))
