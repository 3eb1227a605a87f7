"""An outfit in one render (`tryon.outfit`): the put-on order, each piece refused alone with its reason while the
others draw, the command line's --with, and on real full-length dev photos a top worn over the new trousers
(skipped cleanly without ../shared/tryon_dev)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from catalog.demo.art import GarmentSpec, render_garment
from common.garment_kinds import layer_of, put_on_order, worn_together
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon import TryOnEngine
from tryon.analysis.person import L_HIP, L_KNEE, L_SHOULDER, R_HIP, R_KNEE, R_SHOULDER, load_image
from tryon.outfit import Piece

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def engine():
    made = TryOnEngine()
    yield made
    made.close()


def test_garments_are_put_on_bottoms_first_and_outerwear_last():
    order = put_on_order(["jacket", "t-shirt", "jeans"])
    assert [["jacket", "t-shirt", "jeans"][i] for i in order] == ["jeans", "t-shirt", "jacket"]
    assert put_on_order(["dress", "cardigan"]) == [0, 1]
    layers = [layer_of(c) for c in ("skirt", "dress", "blouse", "coat", "bag")]
    assert layers == ["lower", "full", "upper", "outer", None]


@pytest.mark.parametrize("categories,together", [
    (("t-shirt", "trousers"), True), (("blazer", "shirt", "trousers"), True), (("dress", "cardigan"), True),
    (("t-shirt", "shirt"), False), (("dress", "jeans"), False), (("dress", "t-shirt"), False),
    (("jeans", "skirt"), False), (("t-shirt",), False), (("t-shirt", "scarf"), False),
])
def test_what_makes_one_outfit(categories, together):
    assert worn_together(categories) is together


def test_a_half_length_photo_wears_the_top_and_says_why_not_the_trousers(engine):
    photo = data.astronaut()
    top = render_garment(GarmentSpec("t-shirt", "red"))
    result = engine.render_outfit(photo, [Piece(top, "t-shirt"),
                                           Piece(render_garment(GarmentSpec("trousers", "navy")), "trousers")])
    assert [p.category for p in result.pieces] == ["t-shirt", "trousers"]
    worn, refused = result.pieces
    assert worn.rendered and not refused.rendered
    assert refused.error.code == "person_cut_off" and "trousers need your legs" in refused.error.message
    assert np.array_equal(result.image, engine.render(photo, top, "t-shirt").image)


def test_a_product_photo_that_cannot_be_read_is_refused_alone(engine, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo")
    result = engine.render_outfit(data.astronaut(), [Piece(str(broken), "jacket"),
                                                      Piece(render_garment(GarmentSpec("t-shirt", "red")), "t-shirt")])
    assert result.pieces[0].error.code == "no_garment" and result.pieces[1].rendered


def _band_colour(image: np.ndarray, person, top: float, bottom: float) -> np.ndarray:
    """The median colour (input res) of a band of the torso or legs, `top` and `bottom` as shares of
    shoulders-to-hips and hips-to-knees below the shoulders, within the hips' width."""
    s = image.shape[0] / person.mask.shape[0]
    shoulders = (person.point(L_SHOULDER) + person.point(R_SHOULDER)) / 2
    hips = (person.point(L_HIP) + person.point(R_HIP)) / 2
    knees = (person.point(L_KNEE) + person.point(R_KNEE)) / 2
    y = lambda share: (shoulders[1] + share * (hips[1] - shoulders[1]) if share <= 1
                       else hips[1] + (share - 1) * (knees[1] - hips[1]))
    half = abs(person.point(L_HIP)[0] - person.point(R_HIP)[0]) / 2
    box = image[int(y(top) * s):int(y(bottom) * s), int((hips[0] - half) * s):int((hips[0] + half) * s)]
    return np.median(box.reshape(-1, 3), axis=0)


@needs_dev_set
def test_a_top_is_worn_over_the_new_trousers_on_a_full_length_photo(engine):
    """The man in a white sweatshirt and navy trousers: the black polo and the light jeans both drawn, the polo on
    the chest and the jeans on the thighs, not his own clothes (this photo's outfit once crashed the process:
    OpenCV's labelling of an empty box)."""
    photo = load_image(IMAGES / "person_fitdit_0223.jpg")
    person = engine.analyze_person(photo)
    top, jeans = (load_image(IMAGES / name) for name in ("upper_fitdit_3.jpg", "lower_fitdit_0329.jpg"))
    result = engine.render_outfit(photo, [Piece(top, "polo"), Piece(jeans, "jeans")], person=person)
    assert all(p.rendered for p in result.pieces)
    chest = _band_colour(result.image, person, 0.3, 0.6)
    thighs = _band_colour(result.image, person, 1.2, 1.6)
    own_thighs = _band_colour(photo, person, 1.2, 1.6)
    assert np.abs(chest - engine.prepare(top, "polo").mean_rgb).max() < 60
    assert np.abs(thighs - engine.prepare(jeans, "jeans").mean_rgb).max() < 60
    assert np.abs(thighs - own_thighs).max() > 60


def test_the_command_line_wears_an_outfit_and_lists_each_piece(tmp_path):
    person, top, bottom = tmp_path / "me.jpg", tmp_path / "top.jpg", tmp_path / "trousers.jpg"
    cv2.imwrite(str(person), cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
    for path, spec in ((top, GarmentSpec("t-shirt", "red")), (bottom, GarmentSpec("trousers", "navy"))):
        cv2.imwrite(str(path), cv2.cvtColor(render_garment(spec), cv2.COLOR_RGB2BGR))
    out = tmp_path / "out.png"
    cmd = [sys.executable, "-m", "tryon", str(person), str(top), "--category", "t-shirt", "--with", str(bottom),
           "--with-category", "trousers", "-o", str(out), "--json"]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    said = json.loads(res.stdout.strip().splitlines()[-1])
    assert out.exists() and said["output"] == str(out)
    assert [(p["category"], p["rendered"]) for p in said["pieces"]] == [("t-shirt", True), ("trousers", False)]
    assert said["pieces"][1]["error"] == "person_cut_off" and said["pieces"][1]["message"]
    assert said["pieces"][0]["hem"] in ("hips", "below_hips", "above_hips", None)
    res = subprocess.run(cmd[:-5] + ["-o", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 2 and "--with-category" in res.stderr
