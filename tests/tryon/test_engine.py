"""The try-on engine with real mediapipe on the astronaut photo, plus the drawn mannequin for
lower-body geometry (no full-length photo ships with the repo, see tests/tryon/synthetic.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from skimage import data

from catalog.demo.art import GarmentSpec, render_garment
from common.garment_kinds import GARMENT_TYPES
from bench import tryon_metrics as metrics
from tryon import PersonAnalysis, TryOnEngine, TryOnError, TryOnResult
from tryon.analysis.person import load_image
from tryon.engine import render_on
from tryon.errors import (MultiplePeopleError, NoGarmentError, NoPersonError, PersonCutOffError, PersonTooSmallError,
                          UnreadableImageError, UnsupportedCategoryError)
from tryon.garment.cutting import cut_out
from tests.printed_portrait import printed_portrait
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tests.tryon.synthetic import mannequin

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def astronaut():
    return data.astronaut()


def _garment(category: str, color: str = "navy"):
    """A drawn product photo: the same garment whether or not a demo catalog was built before."""
    return render_garment(GarmentSpec(category, color))


# -- person analysis -------------------------------------------------------------------------------

def test_analyze_astronaut_is_upper_body(engine, astronaut):
    a = engine.analyze_person(astronaut)
    assert isinstance(a, PersonAnalysis)
    assert a.coverage == "upper"
    assert a.supports("upper") and a.supports("full") and not a.supports("lower")
    assert a.face_box is not None
    assert engine.analyze_person(astronaut) is a  # cached by content


def test_cache_is_bounded_per_instance_and_forget_drops(astronaut):
    e = TryOnEngine(max_cached_people=1)
    try:
        a = e.analyze_person(astronaut)
        flipped = np.ascontiguousarray(astronaut[:, ::-1])
        e.analyze_person(flipped)
        assert len(e._cache) == 1
        assert e.analyze_person(astronaut) is not a  # evicted, analysed again
        e.forget(astronaut)
        assert len(e._cache) == 0
        e.analyze_person(astronaut)
        e.forget(next(iter(e._cache)))  # by key
        assert len(e._cache) == 0
    finally:
        e.close()


def test_exif_orientation_and_formats(engine, astronaut):
    img = Image.fromarray(astronaut).rotate(90, expand=True)  # stored sideways ...
    exif = Image.Exif()
    exif[0x0112] = 8  # ... and tagged "rotate 90 CW to view"
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif.tobytes(), quality=95)
    a = engine.analyze_person(buf.getvalue())
    assert a.coverage == "upper" and a.image.shape[:2] == (512, 512)
    for fmt in ("PNG", "WEBP"):
        b = io.BytesIO()
        Image.fromarray(astronaut).save(b, format=fmt)
        assert engine.analyze_person(b.getvalue()).coverage == "upper"


# -- renders ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("category", [c for c, k in GARMENT_TYPES.items() if k != "lower"])
def test_upper_and_full_garments_render_on_astronaut(engine, astronaut, category):
    result = engine.render(astronaut, _garment(category), category)
    assert isinstance(result, TryOnResult)
    assert result.image.shape == astronaut.shape and result.image.dtype == np.uint8
    a = engine.analyze_person(astronaut)
    m = metrics.evaluate(astronaut, result.image, a, result.alpha, cut_out(_load(_garment(category)),
                                                                             GARMENT_TYPES[category]).mean_rgb)
    assert m["face_ssim"] >= 0.98, m
    assert m["background_delta"] < 2.0, m
    assert m["changed_on_body"] >= 0.9, m
    assert m["garment_delta_e"] <= 12, m
    # outside the garment alpha nothing changes
    assert np.array_equal(result.image[result.alpha == 0], astronaut[result.alpha == 0])
    assert {"person_s", "garment_s", "warp_s", "compose_s"} <= set(result.timings)


def _load(g):
    from tryon.analysis.person import load_image
    return load_image(g)


@pytest.mark.parametrize("category", [c for c, k in GARMENT_TYPES.items() if k == "lower"])
def test_lower_garments_cut_off_on_astronaut(engine, astronaut, category):
    with pytest.raises(PersonCutOffError) as info:
        engine.render(astronaut, _garment(category), category)
    assert "Your photo ends above your hips" in info.value.message and "full-length photo" in info.value.message


@pytest.mark.parametrize("category", ["trousers", "jeans", "shorts", "skirt", "dress", "jumpsuit"])
def test_lower_and_full_land_on_the_legs_of_the_mannequin(category):
    img, person = mannequin()
    drawn = render_on(img, person, cut_out(_garment(category, "red"), GARMENT_TYPES[category]))
    out, alpha = drawn.image, drawn.alpha
    assert out.shape == img.shape and person.scale == 1.0
    lm = person.landmarks
    knee_y = int(lm[25, 1])
    hip_y = int(lm[23, 1])
    covered = alpha > 0.5
    # garment covers the hips, and nothing above the shoulders
    assert covered[hip_y, int(lm[23, 0])] and covered[hip_y, int(lm[24, 0])]
    assert not covered[: int(lm[11, 1]) - 25].any()
    if category in ("trousers", "jeans", "jumpsuit"):
        shin_y = int((lm[25, 1] + lm[27, 1]) / 2)
        assert covered[knee_y, int(lm[25, 0])] and covered[shin_y, int(lm[27, 0])]
    if category == "shorts":   # the shorts end above the ankles (the old trousers below are repainted as legs)
        assert not (drawn.garment > 0.5)[int(lm[27, 1]), int(lm[27, 0])]
    # beside the person nothing changes; on the person, only old clothing the new garment leaves uncovered
    off_person = cv2.dilate((person.mask > 0.5).astype(np.uint8), np.ones((7, 7), np.uint8)) == 0
    assert np.array_equal(out[(alpha == 0) & off_person], img[(alpha == 0) & off_person])


def test_lower_garment_renders_for_full_coverage_person():
    img, person = mannequin()
    assert person.coverage == "full" and person.supports("lower")


# -- typed errors ----------------------------------------------------------------------------------

def test_blank_image_has_no_person(engine):
    with pytest.raises(NoPersonError):
        engine.analyze_person(np.full((480, 640, 3), 200, np.uint8))


@needs_dev_set
def test_a_portrait_printed_on_a_top_is_no_person(engine):
    """The astronaut's head and shoulders printed on a real white tank's chest: the pose finds shoulders and hips in
    the print, but the person mask ends with the print, the tank's cloth below it: no body wears it."""
    with pytest.raises(NoPersonError, match="it looks like a print"):
        engine.analyze_person(printed_portrait(load_image(IMAGES / "upper_09133_00.jpg")))


def test_two_astronauts_are_multiple_people(engine, astronaut):
    with pytest.raises(MultiplePeopleError):
        engine.render(np.hstack([astronaut, astronaut]), _garment("t-shirt"), "t-shirt")


def test_tight_face_crop_is_cut_off_or_too_small(engine, astronaut):
    with pytest.raises((PersonCutOffError, PersonTooSmallError)):
        engine.render(astronaut[40:190, 160:300], _garment("t-shirt"), "t-shirt")


def test_tiny_person_is_too_small(engine, astronaut):
    canvas = np.full((1600, 1600, 3), 235, np.uint8)
    small = np.asarray(Image.fromarray(astronaut).resize((160, 160)))
    canvas[700:860, 700:860] = small
    with pytest.raises((PersonTooSmallError, NoPersonError)):
        engine.analyze_person(canvas)


def test_noise_garment_is_no_garment(engine, astronaut):
    noise = np.random.default_rng(0).integers(0, 256, (512, 512, 3), dtype=np.uint8)
    with pytest.raises(NoGarmentError):
        engine.render(astronaut, noise, "t-shirt")
    with pytest.raises(NoGarmentError):
        engine.render(astronaut, np.full((300, 300, 3), 230, np.uint8), "t-shirt")


def test_random_bytes_are_unreadable(engine):
    with pytest.raises(UnreadableImageError) as info:
        engine.analyze_person(np.random.default_rng(1).bytes(2048))
    assert info.value.to_dict()["error"] == "unreadable_image"
    with pytest.raises(UnreadableImageError):
        engine.analyze_person(Path("/nonexistent/photo.jpg"))


def test_unknown_category(engine, astronaut):
    with pytest.raises(UnsupportedCategoryError) as info:
        engine.render(astronaut, _garment("t-shirt"), "top")
    said = info.value.to_dict()["message"]
    assert "'top'" in said and "t-shirt, shirt, blouse" in said and "tops" not in said, said   # never its own word
    with pytest.raises(UnsupportedCategoryError) as info:
        engine.render(astronaut, _garment("t-shirt"), " ")
    said = info.value.to_dict()["message"]
    assert said.startswith("No garment category was given.") and "t-shirt, shirt, blouse" in said, said


def test_back_to_camera_decision():
    # no photo of someone's back ships offline: check the decision on landmarks like the pose model gives
    from tryon.errors import BackToCameraError
    from tryon.analysis.detect import check_facing

    lm = np.zeros((33, 3), np.float32)
    lm[11] = (300, 250, 0.99)   # person's left shoulder on the image right: front view
    lm[12] = (110, 240, 0.99)
    lm[0] = (210, 120, 0.05)    # nose not seen
    with pytest.raises(BackToCameraError):
        check_facing(lm, face_found=False)
    check_facing(lm, face_found=True)
    lm[0, 2] = 0.95
    check_facing(lm, face_found=False)  # nose clearly seen: facing us even without a face box
    lm[11, 0], lm[12, 0] = 110, 300     # mirrored shoulders and an unsure nose: the back
    lm[0, 2] = 0.6
    with pytest.raises(BackToCameraError):
        check_facing(lm, face_found=False)


def test_a_front_view_labelled_as_a_back_view_has_its_sides_swapped_back():
    """The nose clearly seen, so facing us (`check_facing` passes), yet the left shoulder on the image's left: the
    pose model's labels of a man whose head the frame cut off. Every garment was laid on him mirrored and refused as
    folding over itself; each left/right pair is swapped back, and a front view labelled right is left alone."""
    from tryon.analysis.detect import SIDE_PAIRS, check_facing, front_sides

    lm = np.zeros((33, 3), np.float32)
    lm[:, 0] = np.arange(33)
    lm[11], lm[12] = (110, 250, 0.99), (300, 240, 0.99)
    lm[23], lm[24] = (150, 450, 0.9), (260, 450, 0.9)
    lm[0] = (210, 120, 0.99)
    check_facing(lm, face_found=False)
    front_sides(lm)
    assert lm[11, 0] == 300 and lm[12, 0] == 110 and lm[23, 0] == 260 and lm[24, 0] == 150
    assert all(lm[left, 0] == right for left, right in SIDE_PAIRS if left not in (11, 12, 23, 24))
    before = lm.copy()
    front_sides(lm)
    assert (lm == before).all()


def test_hidden_face_is_a_typed_error(engine, astronaut):
    a = astronaut.copy()
    a[20:215, 140:320] = (90, 80, 70)
    with pytest.raises(TryOnError):  # never a crash; the pose model gives up here -> NoPerson
        engine.analyze_person(a)


# -- metrics ---------------------------------------------------------------------------------------

def test_metrics_on_identical_images(astronaut):
    mask = np.zeros(astronaut.shape[:2], np.float32)
    mask[100:400, 100:400] = 1
    assert metrics.face_ssim(astronaut, astronaut, (150, 50, 300, 200)) == pytest.approx(1.0)
    assert metrics.background_delta(astronaut, astronaut, mask) == 0.0
    assert metrics.changed_on_body(astronaut, astronaut, mask) == 1.0
    changed = astronaut.copy()
    changed[0:50, 0:50] = 0  # off the body
    assert metrics.changed_on_body(astronaut, changed, mask) == 0.0
    assert metrics.background_delta(astronaut, changed, mask) > 0
    # drawn by the garment (a flared skirt's hem past the legs), the same change is the garment, not the room
    garment = np.zeros(astronaut.shape[:2], np.float32)
    garment[0:50, 0:50] = 1
    assert metrics.changed_on_body(astronaut, changed, mask, garment=garment) == 1.0
    assert metrics.background_delta(astronaut, changed, mask, garment) == 0.0


def test_delta_e_ignores_shading_but_not_hue():
    region = np.ones((40, 40), np.float32)
    navy = np.array((30, 40, 90), np.float64)
    darker = np.broadcast_to((navy * 0.8).astype(np.uint8), (40, 40, 3))
    red = np.broadcast_to(np.array((150, 30, 30), np.uint8), (40, 40, 3))
    assert metrics.garment_delta_e(navy, darker, region) < 3
    assert metrics.garment_delta_e(navy, red, region) > 30


# -- CLI -------------------------------------------------------------------------------------------

def test_cli_json_and_errors(tmp_path, astronaut):
    person = tmp_path / "me.png"
    Image.fromarray(astronaut).save(person)
    garment = tmp_path / "g.png"
    Image.fromarray(render_garment(GarmentSpec("t-shirt", "red"))).save(garment)
    out = tmp_path / "out.png"
    cmd = [sys.executable, "-m", "tryon", str(person), str(garment), "--category", "t-shirt", "-o", str(out), "--json"]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    line = json.loads(res.stdout.strip().splitlines()[-1])
    assert line["output"] == str(out) and out.exists()
    assert line["total_s"] > 0 and line["load_s"] > 0 and "warp_s" in line["timings"]
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo at all")
    res = subprocess.run(cmd[:4] + [str(bad)] + cmd[5:], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 2
    assert json.loads(res.stdout.strip().splitlines()[-1])["error"] == "no_garment"
    res = subprocess.run(cmd[:3] + [str(bad)] + cmd[4:], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 2
    assert json.loads(res.stdout.strip().splitlines()[-1])["error"] == "unreadable_image"
    res = subprocess.run([sys.executable, "-m", "tryon", str(person), str(garment), "--category", "trousers",
                          "-o", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 2
    assert json.loads(res.stdout.strip().splitlines()[-1])["error"] == "person_cut_off"


def test_concurrent_renders_are_safe(engine, astronaut):
    from concurrent.futures import ThreadPoolExecutor

    flipped = np.ascontiguousarray(astronaut[:, ::-1])
    jobs = [(astronaut, "t-shirt"), (flipped, "shirt"), (astronaut, "hoodie"), (flipped, "dress")]

    def outcome(job):  # the render, or the code of the typed refusal (the mirrored suit's sleeve shows)
        try:
            return engine.render(job[0], _garment(job[1]), job[1]).image
        except TryOnError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(outcome, jobs))
    serial = [outcome(j) for j in jobs]
    for got, want in zip(concurrent, serial):  # threads change nothing about any result
        assert (got == want) if isinstance(want, str) else np.array_equal(got, want)
    assert sum(not isinstance(r, str) for r in concurrent) >= 3


def test_pil_image_and_path_inputs(engine, astronaut, tmp_path):
    path = tmp_path / "me.jpg"
    Image.fromarray(astronaut).save(path, quality=92)
    assert engine.analyze_person(str(path)).coverage == "upper"
    assert engine.analyze_person(Image.fromarray(astronaut)).coverage == "upper"
    big = np.asarray(Image.fromarray(astronaut).resize((1400, 1400)))
    result = engine.render(big, _garment("shirt"), "shirt")
    assert result.image.shape == big.shape


@pytest.mark.parametrize("color", ["grey", "white"])
def test_garment_keypoints_find_sleeves_only_when_there_are_some(color):
    for category, kind in GARMENT_TYPES.items():
        if kind == "lower":
            cut = cut_out(render_garment(GarmentSpec(category, color)), kind)
            assert {"waist_l", "waist_r"} <= set(cut.points)
            assert {"leg_l", "leg_r"} <= set(cut.points) or {"hem_l", "hem_r"} <= set(cut.points)
            continue
        for sleeve in ("short", "long", "sleeveless"):
            cut = cut_out(render_garment(GarmentSpec(category, color, sleeve=sleeve)), kind)
            has_cuffs = {"cuff_l", "cuff_r"} <= set(cut.points)
            assert has_cuffs == (sleeve != "sleeveless"), (category, sleeve, sorted(cut.points))
            assert cut.points["shoulder_l"][0] < cut.points["neck"][0] < cut.points["shoulder_r"][0]


@pytest.mark.parametrize("category,color,pattern", [("t-shirt", "navy", "solid"), ("t-shirt", "white", "striped"),
                                                    ("blouse", "white", "solid"), ("hoodie", "beige", "solid"),
                                                    ("blazer", "red", "solid"), ("dress", "pink", "solid")])
def test_neckline_lining_is_cut_away_but_the_body_is_not(category, color, pattern):
    photo = render_garment(GarmentSpec(category, color, pattern=pattern, accent="black"))
    cut = cut_out(photo, GARMENT_TYPES[category])
    neck, sl, sr = cut.points["neck"], cut.points["shoulder_l"], cut.points["shoulder_r"]
    sw = float(sr[0] - sl[0])
    below_neck = cut.alpha[int(neck[1]):int(neck[1] + 0.2 * sw), int(neck[0])]  # back collar band, then lining
    assert below_neck.min() < 0.05, "the inside back seen through the neckline must not be painted on the wearer"
    chest_y = int(max(sl[1], sr[1]) + 1.0 * sw)  # below the deepest neckline drawn (a blazer's V ends near 0.9)
    chest = cut.alpha[chest_y, int(neck[0] - 0.3 * sw):int(neck[0] + 0.3 * sw)]
    assert chest.min() > 0.95, "stripes, prints and seams on the body stay garment"


@pytest.mark.parametrize("color,sleeve,seed", [("white", "sleeveless", 1), ("red", "sleeveless", 0),
                                               ("beige", "short", 0), ("yellow", "sleeveless", 0)])
def test_a_lining_a_dark_stripe_joins_is_cut_away_but_the_stripes_are_not(color, sleeve, seed):
    """Striped dresses whose black stripes cross the neck opening: the lining and the stripes are one dark
    region, which ran on over the front, so the inside back stayed on as a dark bib."""
    photo = render_garment(GarmentSpec("dress", color, pattern="striped", sleeve=sleeve, accent="black", seed=seed))
    cut = cut_out(photo, "full")
    neck, sl, sr = cut.points["neck"], cut.points["shoulder_l"], cut.points["shoulder_r"]
    sw = float(sr[0] - sl[0])
    assert cut.alpha[int(neck[1]):int(neck[1] + 0.2 * sw), int(neck[0])].min() < 0.05
    cut_away = cut.mask & (cut.alpha < 0.5)
    assert not cut_away[int(max(sl[1], sr[1]) + 0.6 * sw):].any(), "the stripes below the neckline stay garment"
    assert cut_away[:, :int(sl[0])].sum() == 0 and cut_away[:, int(sr[0]) + 1:].sum() == 0, "the shoulders stay"


@pytest.mark.parametrize("pattern", ["solid", "floral"])
def test_a_straight_bodice_s_waist_is_at_its_skirt_not_under_its_armholes(pattern):
    """The shop's sleeveless dress is drawn with its waist seam at 42% of the image's height; its
    bodice is about as narrow all the way down, and the waist was read just under the armholes,
    which left the bodice's sides free to bulge out over the wearer's arms."""
    photo = render_garment(GarmentSpec("dress", "blue", pattern=pattern))
    cut = cut_out(photo, "full")
    assert abs(float(cut.points["waist_l"][1]) / cut.alpha.shape[0] - 0.42) < 0.03  # points are in the cut-out's frame


def test_shading_ignores_badges_and_keeps_broad_light():
    from tryon.compose.shading import shading

    h, w = 256, 256
    ramp = np.linspace(60, 120, w, dtype=np.float32)[None, :].repeat(h, 0)
    photo = np.dstack([ramp * 0.3, ramp * 0.4, ramp]).astype(np.uint8)  # a blue top lit from the right
    photo[100:140, 60:110] = (250, 250, 250)                           # a white name tag
    region = np.zeros((h, w), np.float32)
    region[20:236, 20:236] = 1.0
    shade = shading(photo, region)
    tag = float(shade[110:130, 70:100].mean())
    around = float(np.concatenate([shade[110:130, 40:55].ravel(), shade[110:130, 115:130].ravel()]).mean())
    assert abs(tag - around) < 0.05, (tag, around)
    assert shade[128, 200] > shade[128, 40], "the broad light direction carries over"


def test_shading_does_not_carry_an_old_garments_colour_blocks():
    from tryon.compose.shading import shading

    h, w = 256, 256
    photo = np.full((h, w, 3), (180, 160, 215), np.uint8)  # a lavender tee...
    photo[40:120, 20:90] = (60, 40, 90)                    # ...with a dark purple sleeve sewn on
    region = np.zeros((h, w), np.float32)
    region[20:236, 20:236] = 1.0
    shade = shading(photo, region)
    sleeve, body = float(shade[60:100, 35:75].mean()), float(shade[140:200, 120:200].mean())
    assert abs(sleeve - body) < 0.02, (sleeve, body)


def test_an_arm_across_the_body_is_named_for_tops_not_for_trousers():
    from dataclasses import replace

    from tryon.engine import arms_problem
    from tryon.analysis.person import L_HIP, L_SHOULDER, L_WRIST, R_HIP, R_SHOULDER

    _, person = mannequin(900, 520)
    assert arms_problem(person, "upper") is None, "arms hanging at the sides"
    crossed = person.landmarks.copy()
    mid_s = (crossed[L_SHOULDER, :2] + crossed[R_SHOULDER, :2]) / 2
    mid_h = (crossed[L_HIP, :2] + crossed[R_HIP, :2]) / 2
    # the left hand on the right side of the chest
    crossed[L_WRIST, :2] = mid_s + 0.5 * (mid_h - mid_s) + 0.8 * (crossed[R_SHOULDER, :2] - mid_s)
    crossed[L_WRIST, 2] = 1.0
    person = replace(person, landmarks=crossed)
    assert "arm crosses your body" in arms_problem(person, "upper")
    assert "arm crosses your body" in arms_problem(person, "full")
    assert arms_problem(person, "lower") is None


def test_a_short_sleeve_s_opening_is_its_slanted_edge_not_its_far_corner():
    """A short sleeve laid flat ends in a slanted edge whose inner corner, at the armpit, lies farther
    from the shoulder than its outer corner: read from that corner alone, the opening shrank to a few
    pixels and the sleeve was stretched down the wearer's arm as a long one."""
    from tryon.garment.cutout import GarmentCutout
    from tryon.garment.keypoints import keypoints

    m = np.zeros((420, 520), np.uint8)
    cv2.rectangle(m, (180, 100), (340, 400), 1, -1)  # body
    opening = {}
    for sgn, name in ((1, "cuff_r"), (-1, "cuff_l")):
        x = lambda v: int(260 + sgn * v)  # noqa: E731 -- mirrored about the centre column
        outer, inner = (x(160), 150), (x(130), 205)  # inner corner farther from the shoulder
        cv2.fillPoly(m, [np.array([(x(80), 100), outer, inner, (x(80), 180)])], 1)
        opening[name] = (np.add(outer, inner) / 2, float(np.hypot(*np.subtract(outer, inner))) / 2)
    cut = GarmentCutout(rgb=np.zeros((*m.shape, 3), np.uint8), alpha=m.astype(np.float32), kind="upper")
    keypoints(cut, m.astype(bool))
    for name, (mid, half) in opening.items():
        assert cut.widths[name] > 0.7 * half, (name, cut.widths[name], half)
        assert np.linalg.norm(cut.points[name] - mid) < 0.5 * half, (name, cut.points[name], mid)


@pytest.mark.parametrize("beside_it,covered", [("arm", True), ("room", False)])
def test_old_cloth_closed_in_under_a_sleeve_is_covered_from_farther_than_a_strip_in_the_room(beside_it, covered):
    """A wedge of the old top between a new top's side, its short sleeve and the arm is where the new
    top's own side lies: covered though it reaches past the rim's reach. The same strip with the room
    beside it is a looser old top standing out, and is left whole."""
    from tryon.compose.rim import ENCLOSED_REACH, _side_strips

    h, w, reach = 200, 200, 20.0
    garment = np.zeros((h, w), bool)
    garment[40:190, 100:160] = True            # the new top's body
    garment[40:60, 60:100] = True              # its short sleeve, above the wedge
    wedge = np.zeros((h, w), bool)
    wedge[60:150, 70:100] = True               # old cloth, 30 px out from the side
    room = ~(garment | wedge)
    if beside_it == "arm":
        room[40:190, 50:70] = False            # the arm, bare skin beside the wedge
        room[150:190, 70:100] = False          # the hip under it but for a gap at the tip
        room[150:152, 70:75] = True
    dist = cv2.distanceTransform((~garment).astype(np.uint8), cv2.DIST_L2, 5)
    assert reach < dist[wedge].max() < ENCLOSED_REACH * reach
    grown = cv2.dilate(garment.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    room_grown = cv2.dilate(room.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    band = _side_strips(wedge, garment & ~(np.arange(h)[:, None] < 60), dist, reach, 0, grown, room_grown,
                        np.zeros((h, w), bool))
    assert bool(band[wedge].all()) is covered and not band[~wedge].any()


def test_where_a_hem_lands_is_named_from_the_wearers_own_joints():
    """The drawn mannequin's joints are set by hand: shoulders at 205, hips 470, knees 660, ankles 850."""
    from tryon.fit_notes import hem_level

    _, person = mannequin()
    assert [hem_level(y, person) for y in (380, 470, 540, 600, 660, 760, 850)] == [
        "above_hips", "hips", "below_hips", "thighs", "knees", "calves", "ankles"]
    upper_body = replace(person, landmarks=person.landmarks.copy())
    upper_body.landmarks[25:29, 2] = 0.0  # the photo ends above the knees
    assert hem_level(470, upper_body) == "hips" and hem_level(600, upper_body) is None  # below the frame: unsaid


@pytest.mark.parametrize("category,sleeve,hems,sleeves", [
    ("t-shirt", "short", ("hips", "below_hips"), "above_elbows"), ("sweater", "long", ("hips", "below_hips"), "wrists"),
    ("dress", "sleeveless", ("knees", "calves"), None)])
def test_a_render_says_where_the_garment_ends_on_the_wearer(category, sleeve, hems, sleeves):
    img, person = mannequin()
    result = render_on(img, person, cut_out(render_garment(GarmentSpec(category, "navy", sleeve=sleeve)),
                                            GARMENT_TYPES[category]))
    assert result.landing.hem in hems and result.landing.sleeves == sleeves, result.landing
