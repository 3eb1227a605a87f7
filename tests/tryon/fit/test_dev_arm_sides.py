"""A new top's sides, armpits and hem beside the arms on real photos (../shared/tryon_dev, skipped
cleanly when absent): nothing of the garment is left past an arm kept in front of it, no strip of
the product shot's backdrop shows under an arm, and the old top's hem goes as far as the hands."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.garment.bodysuit import briefs
from tryon.compose.layering import compose
from tryon.garment.cutting import cut_out
from tryon.analysis.person import L_HIP, L_SHOULDER, R_HIP, R_SHOULDER, load_image
from tryon.analysis.skin import lab_distances
from tryon.repaint.uncover_torso import hem_row, old_hem, runs_reaching
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def test_a_run_of_the_old_hem_reaching_a_hand_is_taken_whole_a_piece_apart_is_not():
    free = np.ones((3, 12), bool)
    free[:, 6:] = False                     # a hand's reach on the right
    candidates = np.zeros((3, 12), bool)
    candidates[0, 2:10] = True              # the hem's band, running on into the reach
    candidates[2, 8:11] = True              # a bag within the reach alone
    out = runs_reaching(candidates, free)
    assert out[0, 2:10].all() and not out[2].any()


@pytest.mark.parametrize("person_file,garment_file", [("person_model_2.png", "upper_09163_00.jpg"),
                                                      ("person_model_1.png", "upper_14627_00.jpg")])
def test_no_piece_of_the_garment_is_left_past_an_arm_kept_in_front(engine, person_file, garment_file):
    """The polo wider than her waist showed in a strip outside her forearm, the crop top's tie in a
    bit beside her arm: cut off from the rest by the arm kept in front, on her skin or the room."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    done = compose(rgb, person, warp(person, cut_out(load_image(IMAGES / garment_file), "upper")))
    n, parts, stats, _ = cv2.connectedComponentsWithStats((done.work_alpha > 0.5).astype(np.uint8), connectivity=8)
    bare = person.skin | (person.mask <= 0.5)
    main = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    for i in range(1, n):
        if i != main:
            assert bare[parts == i].mean() < 0.5, stats[i]


def test_no_backdrop_is_left_inside_a_long_sleeved_top_under_its_arms():
    """Its sleeves hang a hair apart from the body: the cut closed the top of that gap and its white
    backdrop, warped under each arm, showed as a light slit there (40-85 px of the cut-out; 0-5 now)."""
    photo = load_image(IMAGES / "upper_09176_00.jpg")
    cut = cut_out(photo, "upper")
    h, w = cut.mask.shape
    small = cv2.GaussianBlur(cv2.resize(photo, (w, h), interpolation=cv2.INTER_AREA), (0, 0), 1.0).astype(np.float32)
    border = np.concatenate([small[:4].reshape(-1, 3), small[-4:].reshape(-1, 3)])
    light = np.linalg.norm(small - np.median(border, axis=0), axis=2) < 20  # the backdrop, in the cloth's shade too
    for side in ("l", "r"):
        x, y = (int(v) for v in cut.points[f"armpit_{side}"])
        near = (slice(max(0, y - 40), y + 2), slice(max(0, x - 8), x + 9))
        assert int((cut.alpha[near] > 0.5)[light[near]].sum()) <= 8, side


def test_a_loose_shirts_hem_beside_the_hips_goes_with_the_rest(engine):
    """Her pink shirt hung below the white tee; the hands hang beside her hips, and round them it was
    left, two pink bands either side of a patch of midriff. Now the band is taken whole."""
    rgb = load_image(IMAGES / "person_00034_00.jpg")
    person = engine.analyze_person(rgb)
    alpha = warp(person, cut_out(load_image(IMAGES / "upper_09166_00.jpg"), "upper")).alpha
    lab = person.lab
    old = old_hem(person, alpha, lab)
    hem = hem_row(alpha > 0.5)
    band = np.zeros_like(old)
    band[hem + 2:hem + 12] = True
    pink = band & (person.mask > 0.5) & (alpha < 0.5) & (lab_distances(lab, np.float32([205, 138, 140])) < 8)
    assert pink.sum() > 500
    assert (pink & ~old).sum() < 0.1 * pink.sum()


@pytest.mark.parametrize("garment_file", ["upper_10165_00.jpg", "upper_09266_00.jpg"])
def test_a_bodysuits_briefs_are_not_drawn_over_the_trousers(garment_file):
    """Worn, a bodysuit's briefs are under the trousers or skirt; drawn, they lay over them as a black
    V. Its cut-out now ends where its centre starts narrowing to the crotch."""
    cut = cut_out(load_image(IMAGES / garment_file), "upper")
    ys = np.flatnonzero(cut.mask.any(axis=1))
    cx = int(round(float(cut.points["hem_c"][0])))
    lowest_centre = int(np.flatnonzero(cut.mask[:, cx]).max())
    assert lowest_centre - ys[0] < 0.8 * (ys[-1] - ys[0])


@pytest.mark.parametrize("garment_file", ["upper_049949_1.jpg", "upper_050002_1.jpg", "upper_09290_00.jpg",
                                          "upper_049965_1.jpg", "upper_09176_00.jpg"])
def test_a_tops_rounded_or_flared_hem_is_no_crotch(garment_file):
    """A shirt's rounded tail, a peplum or a blouse's gathered hem narrows only in its last rows."""
    cut = cut_out(load_image(IMAGES / garment_file), "upper")
    assert not briefs(cut, cut.mask).any()


def test_a_pink_shirts_shaded_side_beside_a_new_top_is_covered(engine):
    """The shaded side of her pink shirt passes the skin test (narrowed to her face), so the strip of
    it left between the wrap top's side and her arm was not taken for old cloth: 1040 px of the
    shirt's hue were left between her armpits and hips; now its hue tells it from her skin."""
    r = dev_render(engine, "person_00034_00.jpg", "upper_04469_00.jpg")
    person = r.person
    h, w = person.mask.shape
    out = cv2.cvtColor(r.work, cv2.COLOR_RGB2LAB)
    top = int(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]) + 0.4 * person.shoulder_width)
    hip = int((person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2)
    rows = np.zeros((h, w), bool)
    rows[top:hip] = True
    shirt_hue = lab_distances(out, np.float32([0, 138, 141]), np.float32([0, 1, 1])) < 3.5
    assert int((rows & (person.mask > 0.5) & shirt_hue).sum()) < 600
