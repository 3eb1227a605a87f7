"""The skin painted where a new top bares more chest than the old one, on real photos (../shared/tryon_dev,
skipped cleanly when absent): it meets the real skin beside it without an outline of the old top's
neckline, and it is no grainier than that skin."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import PersonAnalysis, load_image
from tryon.analysis.skin import skin_tone
from tryon.analysis.body_frame import body_frame
from tryon.shared.boxes import around
from tryon.shared.medians import masked_median
from tryon.repaint.neck_column import neck_sides
from tryon.repaint.old_collar import old_collar
from tryon.repaint.uncover_neck import TONE_SCALE
from tryon.fit.warp import warp

pytestmark = needs_dev_set

EDGE_REACH = 10     # px (working res): the real skin beside a painted pixel, either way
PAINTED_IN = 2      # px: the painted pixels measured keep this far inside the old cloth's outline
BESIDE = 0.5        # shoulder widths round the painted chest its grain is compared with (neck, upper arms)


def _painted(engine, person_file: str, garment_file: str, category: str) -> tuple[PersonAnalysis, np.ndarray,
                                                                                  np.ndarray, np.ndarray]:
    """The person, the render (at input res), the old cloth painted as skin and the real skin round it
    (working res)."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    garment = str(IMAGES / garment_file)
    warped = warp(person, engine.prepare(garment, category))
    painted = old_collar(person, warped.alpha, person.lab)
    # less what the neck's rows leave as it is or fill with the room (`neck_sides`): no skin is painted there
    near = around(painted, 0)
    cloth = masked_median(person.lab[near], painted[near])
    kept, off_neck = neck_sides(person, painted, cloth, skin_tone(person).lab, TONE_SCALE)
    painted &= ~kept & ~off_neck
    near = cv2.dilate(painted.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    real = person.skin & (person.mask > 0.5) & ~near & (warped.alpha < 0.5)
    return person, engine.render(rgb, garment, category, person=person).image, painted, real


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_049205_0.jpg", "upper_10165_00.jpg", "blouse"),    # a sweetheart bodysuit over a white V-neck tee
    ("person_052472_0.jpg", "upper_07382_00.jpg", "t-shirt"),   # a scoop crop top over a black V-neck dress
])
def test_painted_chest_meets_the_real_skin_without_the_old_necklines_outline(engine, person_file, garment_file,
                                                                              category):
    """The old neckline's blended edge, half cloth, passed for skin and was carried into the paint beside
    it: a pale or dark V where the old neckline was (Lab distance 8 and 13 from the skin beside it,
    median); painted from the skin alone it is within 3."""
    person, out, painted, real = _painted(engine, person_file, garment_file, category)
    h, w = painted.shape
    lab = cv2.cvtColor(cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB).astype(np.float32)
    k = (2 * EDGE_REACH + 1,) * 2
    seen = cv2.boxFilter(real.astype(np.float32), -1, k, normalize=False)
    beside = cv2.boxFilter(lab * real[..., None], -1, k, normalize=False) / np.maximum(seen, 1.0)[..., None]
    edge = (cv2.erode(painted.astype(np.uint8), np.ones((2 * PAINTED_IN + 1,) * 2, np.uint8)) > 0) & (seen > 10)
    assert edge.sum() > 100
    apart = np.linalg.norm((lab - beside)[edge] * np.float32([100 / 255, 1, 1]), axis=1)
    assert float(np.median(apart)) < 5.0


def _grain(engine, person_file: str, garment_file: str, category: str) -> tuple[float, float]:
    """The median fine lightness detail at the photo's size of the painted chest and of the body's own
    bare skin (the face left out: it is grained unlike the body), each well inside its area."""
    person, out, painted, real = _painted(engine, person_file, garment_file, category)
    H, W = out.shape[:2]
    inside = np.ones((9, 9), np.uint8)
    at_input = lambda m: cv2.erode(cv2.resize(m.astype(np.uint8), (W, H), interpolation=cv2.INTER_NEAREST), inside) > 0
    # the skin beside the chest (neck, shoulders, upper arms): a forearm farther off is grained as it is
    beside = int(BESIDE * person.shoulder_width)
    real = real & (cv2.dilate(painted.astype(np.uint8), np.ones((2 * beside + 1,) * 2, np.uint8)) > 0)
    real[:int(person.face_box[3])] = False
    light = cv2.cvtColor(out, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    fine = np.abs(light - cv2.GaussianBlur(light, (0, 0), 1.5))
    return float(np.median(fine[at_input(painted)])), float(np.median(fine[at_input(real)]))


def test_painted_chest_is_no_grainier_than_the_skin_beside_it(engine):
    """Grain drawn at the face's strength (a made-up face's pores) read as sand on a smooth chest: 1.5 times
    the fine detail of her own arms and neck; drawn at the grain of the skin round it, it is no more."""
    painted, real = _grain(engine, "person_model_9.png", "upper_050002_1.jpg", "blouse")
    assert painted <= real


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_00121_00.jpg", "upper_09305_00.jpg", "t-shirt"),   # a wide scoop over a black crew-neck tee
    ("person_model_6.png", "upper_09263_00.jpg", "blouse"),     # an open placket over a white tank top
])
def test_painted_chest_has_the_fine_grain_of_the_skin_beside_it(engine, person_file, garment_file, category):
    """Painted at the working size and enlarged, the chest had a quarter to a half of the fine detail of
    the shopper's own neck and arms at the photo's size (the enlargement smoothed its grain away) and read
    as a flat sticker; with the grain of that skin laid on at the photo's size it has over 0.6 of it."""
    painted, real = _grain(engine, person_file, garment_file, category)
    assert painted > 0.6 * real


def test_the_old_collars_pale_rim_is_painted_with_the_skin(engine):
    """The white tank's collar edge, part cloth and part skin, passed for skin and stayed round the painted
    chest as a thin pale line along the old neckline: 273 px beside the painted skin at least half way
    from her skin's colour to the tank's; taken into the paint, the few left are the new strap's ends."""
    person, out, painted, _ = _painted(engine, "person_model_2.png", "upper_048769_1.jpg", "blouse")
    warped = warp(person, engine.prepare(str(IMAGES / "upper_048769_1.jpg"), "blouse"))
    h, w = painted.shape
    beside = (cv2.dilate(painted.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0) & ~painted
    beside &= (warped.alpha < 0.3) & (person.mask > 0.5)
    tone = skin_tone(person).lab
    cloth = np.median(person.lab[painted].astype(np.float32), axis=0)
    scale = np.float32([0.4 * 100 / 255, 1, 1])
    towards = (cloth - tone) * scale
    lab = cv2.cvtColor(cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB).astype(np.float32)
    share = ((lab - tone) * scale) @ (towards / float(towards @ towards))
    assert int((beside & (share > 0.5)).sum()) < 140


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_model_6.png", "dress_052234_1.jpg", "dress"),      # a square-necked dress over a white tank top
    ("person_model_6.png", "upper_048769_1.jpg", "blouse"),     # a V camisole over the same tank top
    ("person_00035_00.jpg", "upper_04469_00.jpg", "t-shirt"),   # a wrap V over a navy crew-neck tee
])
def test_painted_chest_is_shaded_under_the_new_neckline(engine, person_file, garment_file, category):
    """A neckline stands off the body and shades the skin just inside it. Painted as light there as
    further in (at most 1% darker), the skin met the garment as a flat sticker; shaded, the skin
    within a fiftieth of the shoulder width of the neckline is darker than that a twentieth to a tenth in."""
    person, out, painted, _ = _painted(engine, person_file, garment_file, category)
    warped = warp(person, engine.prepare(str(IMAGES / garment_file), category))
    h, w = painted.shape
    sw = person.shoulder_width
    inside = cv2.erode(painted.astype(np.uint8), np.ones((2 * PAINTED_IN + 1,) * 2, np.uint8)) > 0
    to_garment = cv2.distanceTransform((warped.alpha < 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    near, further = inside & (to_garment < 0.02 * sw), inside & (to_garment > 0.05 * sw) & (to_garment < 0.1 * sw)
    assert near.sum() > 50 and further.sum() > 500
    light = cv2.cvtColor(cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)[..., 0]
    assert 1.0 - float(light[near].mean()) / float(light[further].mean()) > 0.02


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_00055_00.jpg", "upper_09305_00.jpg", "t-shirt"),   # a wide scoop over a lilac crew-neck tee
    ("person_00121_00.jpg", "upper_09305_00.jpg", "t-shirt"),   # the same scoop over a black crew-neck tee
    ("person_model_6.png", "upper_050002_1.jpg", "blouse"),     # a cold-shoulder top over a white tank top
])
def test_painted_chest_shows_the_collarbones(engine, person_file, garment_file, category):
    """Painted with a body's broad light alone, the chest was a flat board: half way from the throat to
    each shoulder, down from the shoulders' line, the skin ran evenly from the neck's light to the chest's
    (at most 2% lighter at a twenty-fifth of the shoulder width down than the mean of a fiftieth above the
    line and a tenth below it). Painted with the collarbones, that ridge stands out by 5% and more."""
    person, out, painted, _ = _painted(engine, person_file, garment_file, category)
    h, w = painted.shape
    light = cv2.cvtColor(cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)[..., 0]
    body = body_frame(person)

    def at(point: np.ndarray) -> float:
        x, y = (int(round(v)) for v in point)
        assert painted[y, x]
        return float(light[y - 1:y + 2, x - 1:x + 2].mean())

    for shoulder in (body.ls, body.rs):
        half_way = (body.mid_s + shoulder) / 2
        above, ridge, below = (at(half_way + body.down * t * body.sw) for t in (-0.02, 0.04, 0.1))
        assert ridge > 1.03 * (above + below) / 2, (above, ridge, below)
