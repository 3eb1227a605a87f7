"""A cropped top over a one-piece dress on real photos (../shared/tryon_dev, skipped cleanly when
absent): between the new hem and the waist the dress goes and the midriff is bare skin, shaded as a
body (not one flat colour); below the waist the dress stays, as a skirt. The midriff under an old
top taken away down to the trousers is shaded as a body too."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.body_frame import waist_row
from tryon.repaint.bare_torso import midriff, waisted
from tryon.analysis.skin import lab_distance, lab_distances, skin_tone
from tryon.repaint.uncover_torso import HEM_TOUCH_PX, hem_row, old_hem, torso_below

pytestmark = needs_dev_set


def _render(engine, person_file: str, garment_file: str):
    r = dev_render(engine, person_file, garment_file)
    return r.person, r.done, cv2.cvtColor(r.work, cv2.COLOR_RGB2LAB)


def _assert_rounded(out: np.ndarray, painted: np.ndarray) -> None:
    """Across its middle row, the painted skin's outer fifths are darker than its middle fifth by a
    tenth of its lightness at least: a body turning away at its sides, not a flat band (the skin
    painted there before was within 6% of it, shaded only where it met the arms)."""
    ys = np.flatnonzero(painted.any(axis=1))
    y = (ys[0] + ys[-1]) // 2
    cols = np.flatnonzero(painted[y])
    fifth = max(1, cols.size // 5)
    light = out[y, cols, 0].astype(np.float32)
    middle = float(np.median(light[2 * fifth:3 * fifth]))
    sides = float(np.median(np.concatenate([light[:fifth], light[-fifth:]])))
    assert sides < 0.9 * middle, (sides, middle)


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_053514_0.jpg"])
def test_a_bandeau_over_a_dress_bares_the_midriff_down_to_the_waist(engine, person_file):
    """The bandeau ended under the bust, and her black (white) dress still covered the midriff below it:
    now that is skin, nearer her own tone than the dress's colour, darker at its sides than in its
    middle (a rounded body, not a flat band); the dress below the waist is left as it was."""
    person, done, out = _render(engine, person_file, "upper_10297_00.jpg")
    lab = person.lab
    bare = midriff(person, done.work_alpha, lab, hem_row(done.work_alpha > 0.5), HEM_TOUCH_PX)
    assert bare.sum() > 0.01 * bare.size
    dress = np.median(lab[bare].astype(np.float32), axis=0)
    now = np.median(out[bare].astype(np.float32), axis=0)
    tone = skin_tone(person).lab
    assert lab_distance(now, tone) < 0.5 * lab_distance(now, dress), (now, tone, dress)
    _assert_rounded(out, bare)
    skirt = np.zeros_like(bare)
    skirt[int(waist_row(person)) + 3 * HEM_TOUCH_PX:, bare.any(axis=0)] = True
    skirt &= person.body & ~person.skin
    assert skirt.sum() > 0
    unchanged = np.abs(out[skirt].astype(np.int16) - lab[skirt].astype(np.int16)).max(axis=1) <= 2
    assert unchanged.mean() > 0.95, unchanged.mean()

def test_the_bare_midriff_is_as_light_as_her_front(engine):
    """The midriff faces the light as her face does: painted in the colour of her elbows, hanging in the
    shade of her sides, it was a fifth darker than her own tone (a dull brown board beside her lit chest);
    painted in her tone's lightness it is within a tenth of it."""
    person, done, out = _render(engine, "person_052472_0.jpg", "upper_10297_00.jpg")
    bare = midriff(person, done.work_alpha, person.lab, hem_row(done.work_alpha > 0.5), HEM_TOUCH_PX)
    assert bare.sum() > 0.01 * bare.size
    tone = float(skin_tone(person).lab[0])
    assert abs(float(np.median(out[bare][:, 0])) / tone - 1.0) < 0.1, (float(np.median(out[bare][:, 0])), tone)


def test_the_midriff_under_an_old_tee_is_shaded_as_a_body(engine):
    """Her black tee hung below the black crop top down to her shorts, and was painted as one flat
    brown band: the skin there is rounded as a torso is."""
    person, done, out = _render(engine, "person_00121_00.jpg", "upper_14627_00.jpg")
    painted = old_hem(person, done.work_alpha, person.lab) & torso_below(done.work_alpha)
    assert painted.sum() > 0.005 * painted.size
    _assert_rounded(out, painted)


def test_a_top_over_trousers_of_another_colour_is_not_taken_for_a_dress(engine):
    """Her white top and black trousers are two garments: the bandeau's midriff there is the white top's
    to take away down to the trousers (`uncover_torso`), not cut off at a waist guessed from the pose."""
    person, done, _ = _render(engine, "person_051482_0.jpg", "upper_10297_00.jpg")
    assert not midriff(person, done.work_alpha, person.lab, hem_row(done.work_alpha > 0.5), HEM_TOUCH_PX).any()


def _seam_steps(person, done, lab_out: np.ndarray, reach: int = 3) -> np.ndarray:
    """Per column, the render's lightness of the real skin within `reach` px under what was painted below
    the new top (the render's repainted pixels off the garment, over the torso) less that of the paint
    within `reach` px above it."""
    h, w = person.mask.shape
    changed = cv2.resize(done.alpha, (w, h), interpolation=cv2.INTER_AREA)
    painted = (changed > 0.5) & (done.work_alpha < 0.02) & torso_below(done.work_alpha) & person.body
    painted = cv2.morphologyEx(painted.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0
    real = cv2.dilate(painted.astype(np.uint8), np.ones((2 * reach + 1, 1), np.uint8), anchor=(0, 2 * reach)) > 0
    real &= ~painted & person.skin & (changed < 0.02)
    above = (cv2.dilate(real.astype(np.uint8), np.ones((2 * reach + 1, 1), np.uint8), anchor=(0, 0)) > 0) & painted
    light = lab_out[..., 0].astype(np.float32)
    return np.array([light[real[:, x], x].mean() - light[above[:, x], x].mean()
                     for x in np.flatnonzero(real.any(axis=0)) if above[:, x].any()])


@pytest.mark.parametrize("person_file", ["person_model_1.png", "person_model_2.png"])
def test_the_midriff_painted_under_an_old_tank_meets_her_real_skin_without_a_step(engine, person_file):
    """Below her old white tank her own midriff showed down to the jeans (skirt): the skin painted over
    the tank, rounded and shaded as a torso, met it in a hard line 10 to 30 lightness levels apart (her
    skin in the old hem's shade taken for the tank, the hem's shadow left on the skin below); now the
    paint is matched to the real skin where they meet, and the old hem's shadow goes too."""
    person, done, out = _render(engine, person_file, "upper_14627_00.jpg")
    steps = _seam_steps(person, done, out)
    assert steps.size > 50
    assert float(np.median(np.abs(steps))) < 8.5, np.median(np.abs(steps))


def test_the_painted_midriff_has_the_grain_of_her_skin(engine):
    """Painted at the working size and enlarged, the midriff was smooth beside the photo's own skin (a
    fifth of its fine detail): it now carries her skin's grain (`skin_texture`)."""
    r = dev_render(engine, "person_model_1.png", "upper_14627_00.jpg")
    person, done = r.person, r.done
    painted = old_hem(person, done.work_alpha, person.lab) & torso_below(done.work_alpha)
    H, W = done.image.shape[:2]

    def inside(mask: np.ndarray) -> np.ndarray:
        big = cv2.resize(mask.astype(np.uint8), (W, H), interpolation=cv2.INTER_NEAREST)
        return cv2.erode(big, np.ones((9, 9), np.uint8)) > 0

    grey = cv2.cvtColor(done.image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    fine = grey - cv2.GaussianBlur(grey, (0, 0), 1.6)
    skin = inside(person.skin & (done.work_alpha < 0.02) & ~painted)
    ratio = float(fine[inside(painted)].std()) / float(fine[skin].std())
    assert ratio > 0.3, ratio


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_053514_0.jpg"])
def test_the_dress_beside_her_arms_goes_with_the_rest_of_its_top_half(engine, person_file):
    """Under the bandeau the dress went from her midriff but stayed in a strip down each side, where her
    arms' bands reach over her torso's sides (a dark strip between arm and skin in black, floating white
    fragments in white): of the dress's colour, little is left between the hem and the waist inside her
    torso's outline (beside the waist drawn in is the room, as white as her white dress)."""
    person, done, out = _render(engine, person_file, "upper_10297_00.jpg")
    lab = person.lab
    bare = midriff(person, done.work_alpha, lab, hem_row(done.work_alpha > 0.5), HEM_TOUCH_PX)
    dress = np.median(lab[bare].astype(np.float32), axis=0)
    rows = np.zeros_like(bare)
    rows[hem_row(done.work_alpha > 0.5) + 2 * HEM_TOUCH_PX:int(waist_row(person)) - 2 * HEM_TOUCH_PX] = True
    body = rows & person.body & (done.work_alpha < 0.02) & waisted(person, bare)
    left = body & (lab_distances(out, dress) < 15)
    assert left.sum() < 0.03 * body.sum(), (left.sum(), body.sum())


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_053514_0.jpg"])
def test_the_bared_midriff_is_drawn_in_at_her_waist(engine, person_file):
    """Under the bandeau the skin took the dress's sides down to the waist, a board of one width between
    the arms: the torso now narrows to the waist the pose puts there, and the room shows between it and
    the dress's old sides on both sides (none of it just under the hem, where the ribs are as wide)."""
    person, done, out = _render(engine, person_file, "upper_10297_00.jpg")
    bare = midriff(person, done.work_alpha, person.lab, hem_row(done.work_alpha > 0.5), HEM_TOUCH_PX)
    room = np.median(person.lab[~person.body].astype(np.float32), axis=0)
    roomish = bare & (lab_distances(out, room) < lab_distances(out, skin_tone(person).lab))
    cols = np.flatnonzero(bare.any(axis=0))
    left = np.arange(bare.shape[1]) < (cols[0] + cols[-1]) / 2
    waist, hem = int(waist_row(person)), hem_row(done.work_alpha > 0.5)
    at_waist = roomish[waist - 4 * HEM_TOUCH_PX:waist]
    sides = (int(at_waist[:, left].sum()), int(at_waist[:, ~left].sum()))
    assert min(sides) >= 10, sides
    assert not roomish[hem + 2 * HEM_TOUCH_PX:hem + 6 * HEM_TOUCH_PX].any()


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_053514_0.jpg"])
def test_the_bare_midriff_sinks_under_the_ribs(engine, person_file):
    """Down the midriff a little off its centre line, past the hem's and the waistband's shade, the skin
    dips under the ribcage's lower edge and is lit again on the belly below: lit one way from the hem to
    the waist (within half a percent), it read as a flat painted board at chat size."""
    person, done, out = _render(engine, person_file, "upper_10297_00.jpg")
    bare = midriff(person, done.work_alpha, person.lab, hem_row(done.work_alpha > 0.5), HEM_TOUCH_PX)
    sw = person.shoulder_width
    left, right = (int(round(person.centre_x + side * 0.1 * sw)) for side in (-1, 1))
    rows = np.flatnonzero(bare[:, left] & bare[:, right])
    margin = int(0.08 * sw)  # the hem's and the waistband's own shade
    rows = rows[margin:-margin]
    assert rows.size > margin
    light = (out[rows, left, 0].astype(np.float32) + out[rows, right, 0]) / 2
    above, below = np.maximum.accumulate(light), np.maximum.accumulate(light[::-1])[::-1]
    dip = float((np.minimum(above, below) - light).max()) / float(np.median(light))
    assert dip > 0.015, dip
