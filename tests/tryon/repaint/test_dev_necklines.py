"""An old top above a more open new neckline, on real photos (../shared/tryon_dev, skipped cleanly
when absent): a camisole over a white tank top, a camisole over an orange vest, a white top
over a black crew-neck tee show bare skin above the new neckline, not the old top; hair hanging over
the shoulders stays hair."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, load_image
from tryon.analysis.skin import lab_distance, skin_tone
from tryon.repaint.old_collar import mouth_chin_y
from tryon.repaint.uncover_neck import body_shape

pytestmark = needs_dev_set

HAIR_ABOVE = 0.2   # share of shoulder width above the shoulders' line that is clear of her old V-neck's collar
DARK_HAIR = 120    # Lab lightness (0..255) under which a pixel beside her neck is her brown hair, not skin or room


def _old_top_left(engine, person_file: str, garment_file: str, category: str) -> tuple[int, int]:
    """Pixels (working res) between the chin and the armpits, across the shoulders, of the old top's
    colour (its median on the chest) in the photo, and in the render outside the new garment."""
    rgb = load_image(next(IMAGES.glob(person_file + ".*")))
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / garment_file), category, person=person)
    h, w = person.mask.shape
    out = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    before = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    sw = person.shoulder_width
    top_y = float(person.point(L_SHOULDER)[1] + person.point(R_SHOULDER)[1]) / 2
    cx = float(person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2
    chest = before[int(top_y + 0.5 * sw):int(top_y + 0.7 * sw), int(cx - 0.15 * sw):int(cx + 0.15 * sw)]
    old = np.median(chest.reshape(-1, 3).astype(np.float32), axis=0)
    band = np.zeros((h, w), bool)
    band[int(person.face_box[3]):int(top_y + 0.45 * sw), int(cx - 0.7 * sw):int(cx + 0.7 * sw)] = True
    band &= person.mask > 0.5
    garment = cv2.resize(result.alpha, (w, h)) > 0.5
    near_old = (lambda lab: np.array([lab_distance(px, old) < 12 for px in lab[band].astype(np.float32)]))
    shown = near_old(out) & ~garment[band]
    return int(near_old(before).sum()), int(shown.sum())


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_model_1", "upper_048769_1.jpg", "blouse"),    # zebra camisole over a white tank top
    ("person_model_6", "upper_048769_1.jpg", "blouse"),    # the same on a man's white tank
    ("person_01992_00", "upper_050002_1.jpg", "blouse"),   # navy camisole over an orange V vest
    ("person_00121_00", "upper_04743_00.jpg", "t-shirt"),  # Minnie tee over a black crew-neck tee
])
def test_old_top_above_a_more_open_neckline_becomes_skin(engine, person_file, garment_file, category):
    before, left = _old_top_left(engine, person_file, garment_file, category)
    assert before > 500, "the old top fills the shoulders"
    assert left < min(0.1 * before, 1200)


def test_hair_over_the_shoulders_is_not_painted_as_skin(engine):
    """Her hair falls past her jaw onto the shoulders: a new top leaves it as it was."""
    rgb = load_image(IMAGES / "person_taylor.jpg")
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / "upper_09176_00.jpg"), "blouse", person=person)
    h, w = person.mask.shape
    out = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    before = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    x0, y0, x1, y1 = person.face_box
    hair = np.zeros((h, w), bool)
    hair[y1:y1 + (y1 - y0) // 2, max(0, x0 - (x1 - x0) // 2):x1 + (x1 - x0) // 2] = True
    hair &= (person.mask > 0.5) & ~person.skin & (cv2.resize(result.alpha, (w, h)) < 0.02)
    assert hair.sum() > 50, "hair beside her neck"
    kept = np.abs(out[hair].astype(int) - before[hair].astype(int)).max(axis=1) < 12
    assert kept.mean() > 0.9


def test_hair_beside_a_face_the_photo_cuts_off_is_not_painted_as_skin(engine):
    """The photo ends at her nose, so no face is found and her hair is sampled beside the face, where it is an
    eighth of the head's pixels: taken for a stray earring's, her hair down her neck was painted as a block of
    skin."""
    rgb = load_image(IMAGES / "person_fitdit_7.jpg")
    person = engine.analyze_person(rgb)
    assert person.face_box is None
    result = engine.render(rgb, str(IMAGES / "dress_053290_1.jpg"), "dress", person=person)
    h, w = person.mask.shape
    out = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    before = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    above_collar = int(min(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]) - HAIR_ABOVE * person.shoulder_width)
    hair = np.zeros((h, w), bool)
    hair[int(mouth_chin_y(person)):above_collar] = True   # above the chin, hair is never painted
    # (the render's alpha counts repainted pixels too: no filter by it, which took the painted hair out)
    hair &= (person.mask > 0.5) & ~person.skin & (before[..., 0] < DARK_HAIR)
    assert hair.sum() > 200, "hair down both sides of her neck, above the new dress's shoulders"
    kept = np.abs(out[hair].astype(int) - before[hair].astype(int)).max(axis=1) < 12
    assert kept.mean() > 0.9


def test_a_tshirts_sleeves_under_a_camisole_do_not_become_skin_shaped_like_sleeves(engine):
    """Skin is painted over the body's own shape only: where the old T-shirt's sleeves stood out
    beyond the arms, the room is filled in, not a skin-coloured sleeve."""
    rgb = load_image(IMAGES / "person_00121_00.jpg")
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / "upper_050002_1.jpg"), "blouse", person=person)
    h, w = person.mask.shape
    out = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    tone = skin_tone(person)
    off_body = (person.mask > 0.5) & ~person.skin & ~body_shape(person) & (cv2.resize(result.alpha, (w, h)) > 0.5)
    top_y = float(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]))
    off_body[int(top_y + 0.45 * person.shoulder_width):] = False
    assert off_body.sum() > 100, "the old T-shirt's sleeves stand out beyond the arms and were repainted"
    skin_like = np.array([lab_distance(px, tone.lab) < 15 for px in out[off_body].astype(np.float32)])
    assert skin_like.mean() < 0.2


@pytest.mark.parametrize("person_file,garment_file", [
    ("person_model_6.png", "upper_050002_1.jpg"),    # camisole over a man's white tank top
    ("person_01992_00.jpg", "upper_050002_1.jpg"),   # the same over an orange V vest
])
def test_painted_chest_fades_into_the_real_skin_round_it(engine, person_file, garment_file):
    """Where the painted chest meets the real neck and shoulders, the render moves from the photo to
    the paint over a band of pixels, not within the one pixel a blur of the old collar's outline
    left (a hard line round a flat patch): the partly repainted real skin, per pixel of the outline
    between the repainted and the kept, is wider than that."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / garment_file), "blouse", person=person)
    h, w = person.mask.shape
    alpha = cv2.resize(result.alpha, (w, h), interpolation=cv2.INTER_AREA)
    top_y = float(person.point(L_SHOULDER)[1] + person.point(R_SHOULDER)[1]) / 2
    real = np.zeros((h, w), bool)
    real[int(person.face_box[3]):int(top_y + 0.45 * person.shoulder_width)] = True
    real &= person.skin & (person.mask > 0.5)
    partly = real & (alpha > 0.05) & (alpha < 0.95)
    repainted = ((alpha >= 0.5) & (person.mask > 0.5)).astype(np.uint8)
    outline = real & (cv2.morphologyEx(repainted, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0)
    assert outline.sum() > 100, "the old top's neckline meets bare skin"
    assert partly.sum() / outline.sum() > 1.5


EDGE_LIGHTER = 5   # Lab lightness (0..255) by which the paint's first row may stand lighter than the rows beside it
NECK_REACH = 0.25  # share of shoulder width either side of the neck's centre the paint's top is read across
ABOVE = 3          # px above and below the paint's first row the neck and the paint are read


@pytest.mark.parametrize("person_file,garment_file", [("person_00121_00.jpg", "upper_09305_00.jpg"),
                                                      ("person_model_6.png", "upper_050002_1.jpg")])
def test_the_paint_over_an_old_collar_meets_the_neck_above_it_without_a_light_line(engine, person_file, garment_file):
    """A tank top over his polo: the skin painted over the polo's collar met his neck above it along a light line
    (2 px, up to 16 lighter), the room filled in a hair outside the paint and enlarged with it. The polo is now worn
    under a tank (its printed short sleeves stay); here a wide scoop over a crew-neck tee and a cold-shoulder top over a tank top. The paint's first row,
    column by column across the neck, is no lighter than both the neck above it and the paint below it."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    out = engine.render(rgb, str(IMAGES / garment_file), "t-shirt", person=person).image
    after = cv2.cvtColor(out, cv2.COLOR_RGB2LAB)[..., 0].astype(np.int16)
    scale = rgb.shape[1] / person.mask.shape[1]
    cx = person.centre_x * scale
    reach = NECK_REACH * person.shoulder_width * scale
    chin = int(mouth_chin_y(person) * scale)
    changed = np.abs(out.astype(np.int16) - rgb.astype(np.int16)).max(axis=2) > 2
    lighter = []
    for x in range(int(cx - reach), int(cx + reach)):
        rows = np.flatnonzero(changed[chin:, x])
        y = chin + int(rows[0]) if rows.size else None
        # where the paint begins on the neck's own skin: over the old collar's dark cloth it is lighter by right
        if y is not None and person.skin[int(y / scale), int(x / scale)] \
                and person.skin[int((y - ABOVE) / scale), int(x / scale)]:
            lighter.append(int(after[y, x] - max(after[y - ABOVE, x], after[y + ABOVE, x])))
    assert len(lighter) > 50
    assert sum(d > EDGE_LIGHTER for d in lighter) < 0.05 * len(lighter), str(sorted(lighter)[-15:])
