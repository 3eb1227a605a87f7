"""Try-on on the real development photos in ../shared/tryon_dev (skipped cleanly when absent).

These pin behaviours a shopper sees on real photos: a top ends near the hips, a short-sleeved top
over long sleeves shows bare forearms (or, where the arm's end is unseen, is drawn over the old
sleeves and says so), and new trousers leave no piece of the old ones showing between the legs.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from common.garment_kinds import GARMENT_TYPES
from tests.tryon.dev_set import DEV, dev_files, needs_dev_set
from tryon import TryOnEngine
from tryon.compose.layering import compose
from tryon.engine import render_on
from tryon.errors import RenderRefusedError
from tryon.garment.cutting import cut_out
from tryon.analysis.person import (L_ELBOW, L_HIP, L_KNEE, L_SHOULDER, L_WRIST, R_ELBOW, R_HIP, R_KNEE, R_SHOULDER, R_WRIST,
                          load_image)
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def _person(engine: TryOnEngine, name: str):
    rgb = load_image(DEV / "images" / name)
    return rgb, engine.analyze_person(rgb)


@pytest.mark.parametrize("person_file", ["person_049205_0.jpg", "person_053514_0.jpg"])
def test_every_t_shirt_shown_ends_between_the_waist_and_mid_thigh(engine, person_file):
    rgb, person = _person(engine, person_file)
    shoulder_y = float((person.point(L_SHOULDER)[1] + person.point(R_SHOULDER)[1]) / 2)
    hip_y = float((person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2)
    knee_y = float((person.point(L_KNEE)[1] + person.point(R_KNEE)[1]) / 2)
    too_long = []
    for garment in dev_files("t-shirt"):
        try:
            image, alpha, *_ = render_on(rgb, person, cut_out(load_image(DEV / garment), "upper"))
        except RenderRefusedError:
            continue  # the shopper is told why; only what is shown has to fit
        # the hem: the lowest row the garment spans half a shoulder width in (a tie hangs lower, narrow)
        rows = np.flatnonzero((alpha > 0.5).sum(axis=1) * person.scale > 0.5 * person.shoulder_width)
        hem_y = rows.max() * person.scale  # input rows to working rows
        if not (shoulder_y + 0.6 * (hip_y - shoulder_y) < hem_y < hip_y + 0.5 * (knee_y - hip_y)):
            too_long.append((garment, round(hem_y), round(hip_y), round(knee_y)))
    assert not too_long, too_long


def _forearms(person) -> np.ndarray:
    """A thin band along each forearm's bone line, elbow to wrist (working res)."""
    band = np.zeros(person.mask.shape, np.uint8)
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        a, b = (tuple(int(v) for v in person.point(i)) for i in (elbow, wrist))
        cv2.line(band, a, b, 1, max(2, int(0.08 * person.shoulder_width)))
    return (band > 0) & (person.mask > 0.5)


def test_short_sleeves_over_long_dark_sleeves_show_her_bare_forearms(engine):
    """She wears a long-sleeved navy top: a T-shirt on her used to be refused ("your sleeves would
    show"). Her forearms are now bare, in the tone of her own face, with no navy left on them."""
    rgb, person = _person(engine, "person_00035_00.jpg")
    result = engine.render(rgb, str(DEV / "images" / "upper_09166_00.jpg"), "t-shirt", person=person)
    assert result.landing.shown_over == ()
    h, w = person.mask.shape
    lab = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB).astype(float)
    before = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB).astype(float)
    x0, y0, x1, y1 = person.face_box
    face = np.median(before[y0 + (y1 - y0) // 3:y1 - (y1 - y0) // 3, x0 + (x1 - x0) // 3:x1 - (x1 - x0) // 3].reshape(-1, 3), axis=0)
    arms = _forearms(person)
    navy = np.median(before[arms], axis=0)
    now = lab[arms]
    assert np.median(np.linalg.norm(now[:, 1:] - face[1:], axis=1)) < 8, (np.median(now, axis=0), face)
    still_navy = np.linalg.norm(now - navy, axis=1) < 15
    assert still_navy.mean() < 0.05, still_navy.mean()


def test_short_sleeves_on_bare_arms_are_not_shown_over_anything(engine):
    rgb, person = _person(engine, "person_01992_00.jpg")
    result = render_on(rgb, person, cut_out(load_image(DEV / "images" / "upper_09166_00.jpg"), "upper"), gate=False)
    assert result.landing.shown_over == ()


def test_a_hand_out_of_sight_leaves_the_old_sleeves_under_the_new_top_and_says_so(engine):
    """His hand is in his pocket, so where his arm ends is unknown: the T-shirt is drawn over his
    suit's sleeves, and the result says so rather than refusing."""
    rgb, person = _person(engine, "person_will1.jpg")
    result = render_on(rgb, person, cut_out(load_image(DEV / "images" / "upper_09164_00.jpg"), "upper"))
    assert result.landing.shown_over == ("long_sleeves",)


def test_no_old_trouser_pattern_between_the_new_legs(engine):
    rgb, person = _person(engine, "person_049447_0.jpg")  # patterned trousers
    warped = warp(person, cut_out(load_image(DEV / "images" / "lower_051412_1.jpg"), GARMENT_TYPES["trousers"]))
    image, _, garment, _ = compose(rgb, person, warped)  # garment: the new trousers' alpha, working res
    knee_y = int(float((person.point(L_KNEE)[1] + person.point(R_KNEE)[1]) / 2))
    hip_y = int(float((person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2))
    mid_x = int(float((person.point(L_KNEE)[0] + person.point(R_KNEE)[0]) / 2))
    band = (slice((hip_y + knee_y) // 2, knee_y), slice(mid_x - 3, mid_x + 4))  # between the thighs
    bare = (garment[band] < 0.5) & (person.mask[band] > 0.5)  # the old trousers, not covered by the new
    if not bare.any():
        pytest.skip("the new legs touch here, so nothing of the old trousers is left between them")
    shown = cv2.resize(image, person.mask.shape[::-1], interpolation=cv2.INTER_AREA)
    room = np.median(person.image[band[0], : person.image.shape[1] // 10].reshape(-1, 3), axis=0)
    off = np.abs(shown[band].astype(int) - room.astype(int)).max(axis=2)[bare]
    # what shows there is the room beside the person, not pieces or smears of the old print
    assert float((off < 40).mean()) > 0.9, np.percentile(off, [50, 90])


def _old_shoulders_left(person, rgb: np.ndarray, image: np.ndarray) -> float:
    """Share of the old top's cloth along the shoulders' outline (a band 0.1 shoulder widths deep,
    between the neck and the shoulder tips) that the render leaves exactly as it was."""
    sw = person.shoulder_width
    mid = float((person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2)
    body = person.mask > 0.5
    h, w = body.shape
    before, after = (cv2.resize(a, (w, h), interpolation=cv2.INTER_AREA).astype(int) for a in (rgb, image))
    band = np.zeros((h, w), bool)
    for x in range(w):
        if 0.3 * sw <= abs(x - mid) <= 0.55 * sw and body[:, x].any():
            top = int(body[:, x].argmax())
            band[top:top + int(0.1 * sw), x] = True
    old = band & body & ~person.skin
    return float((old & (np.abs(before - after).sum(axis=2) < 12)).sum() / max(1, old.sum()))


@pytest.mark.parametrize("person_file", ["person_00121_00.jpg", "person_00055_00.jpg"])
def test_the_old_tops_shoulders_do_not_show_above_a_new_t_shirt(engine, person_file):
    rgb, person = _person(engine, person_file)  # a black tee; a lilac tee with dark sleeves
    left = []
    for garment in dev_files("t-shirt"):
        try:
            image, *_ = render_on(rgb, person, cut_out(load_image(DEV / garment), "upper"))
        except RenderRefusedError:
            continue
        left.append(_old_shoulders_left(person, rgb, image))
    # most of the shoulder band is new garment; a flat shot's neckline shows old collar at the neck only
    assert len(left) >= 8 and float(np.median(left)) < 0.2, np.round(left, 2)


def _box_iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy
    return ix * iy / union


def test_every_product_shot_is_cut_out_to_its_outline_light_garments_too():
    """A product shot shows the garment alone, so the photo's edges away from the frame are the
    garment's outline, seams and print: the cut-out must reach them all. A white tee on a white or
    light grey sweep used to lose its cloth and keep only its print."""
    spec = json.loads((DEV / "set.json").read_text())
    short = []
    for g in spec["garments"]:
        photo = load_image(DEV / g["file"])
        cut = cut_out(photo, GARMENT_TYPES[g["category"]])
        h, w = cut.mask.shape
        grey = cv2.cvtColor(cv2.resize(photo, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
        edges = cv2.Canny(grey, 20, 60)
        rim = max(2, min(h, w) // 25)  # a strip of another colour along the frame is not the garment
        edges[:rim], edges[-rim:], edges[:, :rim], edges[:, -rim:] = 0, 0, 0, 0
        ey, ex = np.nonzero(edges)
        outline = (np.percentile(ex, 0.5), np.percentile(ey, 0.5), np.percentile(ex, 99.5), np.percentile(ey, 99.5))
        my, mx = np.nonzero(cut.mask)
        iou = _box_iou(outline, (mx.min(), my.min(), mx.max(), my.max()))
        if iou < 0.8:
            short.append((g["file"], round(iou, 2)))
    assert not short, short


def test_only_the_photo_with_crossed_arms_is_refused_for_crossing_them(engine):
    from tryon.engine import arms_problem

    spec = json.loads((DEV / "set.json").read_text())
    crossing = []
    for p in spec["people"]:
        _, person = _person(engine, Path(p["file"]).name)
        if arms_problem(person, "upper"):
            crossing.append(Path(p["file"]).name)
    # seated with arms folded over the chest; standing with both hands clasped in front of the waist
    assert crossing == ["person_Jensen.jpeg", "person_sam1.jpg"]


# product shots that show the inside back through the neckline (a grey lining, a navy one, a dark red
# one, a charcoal one; a teal one under a blue velvet's sheen, a white one under a white scoop, a pink
# one a shade deeper than a pink V), and shots whose dark sheen, stripes, print or label meet the collar
# without an opening (a crew neck's inside back behind its own collar band stays)
# the Gucci tee's inside back is the front's own white with its label sewn on it (`neck_label.label_patch`)
LINED = ["upper_07382_00.jpg", "upper_09305_00.jpg", "upper_09236_00.jpg", "upper_14673_00.jpg",
         "upper_04469_00.jpg", "upper_049940_1.jpg", "upper_049947_1.jpg", "upper_09166_00.jpg"]
UNLINED = ["upper_09266_00.jpg", "upper_050181_1.jpg",
           "upper_04743_00.jpg", "upper_10165_00.jpg", "upper_14627_00.jpg",
           "upper_049965_1.jpg", "upper_09290_00.jpg"]


@pytest.mark.parametrize("garment", LINED)
def test_the_inside_back_seen_through_a_real_neckline_is_cut_away(garment):
    cut = cut_out(load_image(DEV / "images" / garment), "upper")
    neck, sl, sr = cut.points["neck"], cut.points["shoulder_l"], cut.points["shoulder_r"]
    sw = float(sr[0] - sl[0])
    below_neck = cut.alpha[int(neck[1]):int(neck[1] + 0.3 * sw), int(neck[0])]
    assert below_neck.min() < 0.05, "the lining would be painted on the wearer's chest"
    chest_y = int(max(sl[1], sr[1]) + 1.0 * sw)
    chest = cut.alpha[chest_y, int(neck[0] - 0.25 * sw):int(neck[0] + 0.25 * sw)]
    assert chest.min() > 0.95, "the front below the neckline stays garment"


@pytest.mark.parametrize("garment", UNLINED)
def test_sheen_stripes_and_prints_at_the_collar_are_not_taken_for_a_lining(garment):
    cut = cut_out(load_image(DEV / "images" / garment), "upper")
    cut_away = float((cut.mask & (cut.alpha < 0.5)).sum() / cut.mask.sum())
    assert cut_away < 0.02, cut_away


def _skin_share(person, box: tuple[float, float, float, float]) -> float:
    x0, y0, x1, y1 = (int(v) for v in box)
    return float(person.skin[y0:y1, x0:x1].mean())


def test_a_blouse_of_nearly_her_skin_tone_is_not_taken_for_bare_skin(engine):
    _, person = _person(engine, "person_00034_00.jpg")
    top = (person.point(L_SHOULDER) + person.point(R_SHOULDER)) / 2
    hips = (person.point(L_HIP) + person.point(R_HIP)) / 2
    sw, depth = person.shoulder_width, float(hips[1] - top[1])
    torso = (top[0] - 0.2 * sw, top[1] + 0.2 * depth, top[0] + 0.2 * sw, hips[1] - 0.1 * depth)
    assert _skin_share(person, torso) < 0.2, "the pink blouse reads as skin"
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        forearm = np.zeros(person.mask.shape, np.uint8)
        cv2.line(forearm, tuple(int(v) for v in person.point(elbow)), tuple(int(v) for v in person.point(wrist)), 1,
                 max(3, int(0.08 * sw)))
        on_body = forearm.astype(bool) & (person.mask > 0.5)
        assert person.skin[on_body].mean() > 0.6, "her bare forearms stay skin"


def test_every_dev_face_stays_skin(engine):
    people = json.loads((DEV / "set.json").read_text())["people"]
    for entry in people:
        _, person = _person(engine, Path(entry["file"]).name)
        if person.face_box is None:
            continue
        x0, y0, x1, y1 = person.face_box
        fw, fh = x1 - x0, y1 - y0
        cheeks = (x0 + 0.2 * fw, y0 + 0.3 * fh, x1 - 0.2 * fw, y1 - 0.3 * fh)
        assert _skin_share(person, cheeks) > 0.85, entry["file"]


@pytest.mark.parametrize("garment,kind", [("upper_07382_00.jpg", "upper"), ("upper_09256_00.jpg", "upper"),
                                          ("upper_14673_00.jpg", "upper"), ("upper_048769_1.jpg", "upper"),
                                          ("dress_053742_1.jpg", "full")])
def test_a_sleeveless_shot_as_wide_at_its_straps_as_its_body_gets_no_sleeves_and_a_real_armhole(garment, kind):
    cut = cut_out(load_image(DEV / "images" / garment), kind)
    P = cut.points
    assert "cuff_l" not in P and "cuff_r" not in P, "its sides were taken for sleeves hanging against the body"
    chest = float(P["armpit_r"][0] - P["armpit_l"][0])
    depth = float(P["armpit_l"][1] - max(P["shoulder_l"][1], P["shoulder_r"][1]))
    assert depth > 0.3 * chest, "the armpit must sit below the armhole, not at the strap's corner"


@pytest.mark.parametrize("garment", dev_files("dress"))
def test_a_dress_ends_no_lower_than_the_ankles_and_hangs_around_the_legs(engine, garment):
    """A maxi dress's product shot, scaled by its widths, would hang past a man's feet; and its hem
    follows the legs, not the torso's slant carried on down."""
    from tryon.fit.legs import legs_centre_x
    from tryon.analysis.person import L_ANKLE, R_ANKLE
    from tryon.fit.targets import body_targets

    cut = cut_out(load_image(DEV / garment), "full")
    hem = [k for k in ("hem_l", "hem_c", "hem_r") if k in cut.points]
    for person_file in ("person_049205_0.jpg", "person_052472_0.jpg", "person_053514_0.jpg"):
        _, person = _person(engine, person_file)
        src, dst, _ = body_targets(person, cut)
        at = {k: dst[int(np.flatnonzero(np.isclose(src, cut.points[k]).all(axis=1))[-1])] for k in hem}
        ankles_y = float(person.point(L_ANKLE)[1] + person.point(R_ANKLE)[1]) / 2
        assert at["hem_c"][1] <= ankles_y + 1, (person_file, at, ankles_y)
        # the corners tilt with the shoulders' line, a few pixels either way
        assert max(p[1] for p in at.values()) <= ankles_y + 0.03 * person.shoulder_width, (person_file, at)
        assert abs(at["hem_c"][0] - legs_centre_x(person, at["hem_c"][1])) < 1, person_file


@pytest.mark.parametrize("garment", dev_files("dress"))
def test_a_dress_hem_corners_are_its_widest_reach_not_a_curled_last_row(garment):
    points = cut_out(load_image(DEV / garment), "full").points
    left, right = points["hem_c"][0] - points["hem_l"][0], points["hem_r"][0] - points["hem_c"][0]
    assert abs(left - right) <= 0.1 * (left + right), (left, right)


@pytest.mark.parametrize("person_file", ["person_model_6.png", "person_049205_0.jpg", "person_00121_00.jpg"])
def test_a_sleeved_top_reaches_the_top_of_the_shoulders(engine, person_file):
    """The seam sits as high as the shoulder's top over the joint: pinned to the outline farther out,
    where the shoulder has rounded down, it left the top of a bare shoulder showing above the sleeve."""
    from tryon.fit.targets import body_targets

    _, person = _person(engine, person_file)
    cut = cut_out(load_image(DEV / "images" / "upper_09163_00.jpg"), "upper")
    src, dst, _ = body_targets(person, cut)
    sw = person.shoulder_width
    for seam, joint in zip(dst[:2], (person.point(R_SHOULDER), person.point(L_SHOULDER))):
        x, top = int(round(joint[0])), int(joint[1])
        while top > 0 and person.mask[top - 1, x] > 0.5:  # up the body over the joint
            top -= 1
        assert seam[1] <= top + 0.06 * sw, (person_file, seam, top)


def test_long_sleeves_on_arms_hanging_against_the_body_are_not_stretched_off_them(engine):
    _, person = _person(engine, "person_00121_00.jpg")
    warped = warp(person, cut_out(load_image(DEV / "images" / "upper_09176_00.jpg"), "upper"))
    assert warped.stretch < 2.0 and warped.fold == 0.0, (warped.stretch, warped.fold)


def test_a_black_and_white_selfie_is_refused_for_what_it_is(engine):
    from tryon.errors import MonochromePhotoError

    rgb = load_image(DEV / "images" / "person_model_6.png")
    engine.analyze_person(rgb)
    grey = np.repeat(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2)
    with pytest.raises(MonochromePhotoError, match="black and white"):
        engine.analyze_person(grey)


@pytest.mark.parametrize("garment", ["upper_09236_00.jpg", "upper_04469_00.jpg", "upper_09176_00.jpg"])
def test_a_tops_hem_is_where_its_body_ends_not_a_tie_or_sleeves_hanging_lower(garment):
    """A tie, a strap or a long sleeve hanging below the body is not the hem: pinned there, the body's
    real hem lands high on the wearer and the warp pulls empty backdrop down to the hips."""
    cut = cut_out(load_image(DEV / "images" / garment), "upper")
    ys = np.flatnonzero(cut.mask.any(axis=1))
    height = ys[-1] - ys[0] + 1
    x, y = (int(round(v)) for v in cut.points["hem_c"])
    assert ys[-1] - y > 0.08 * height, "this shot's lowest pixels must hang below its body for the test to mean anything"
    column = cut.mask[:, x - 2:x + 3].any(axis=1)
    assert column[y - int(0.06 * height):y].all(), "the body goes on down to the hem"
    assert not column[y + int(0.06 * height):].any(), "the hem is the body's lowest edge"


def test_the_two_shoulder_seams_are_lifted_alike_whatever_rises_over_one_shoulder(engine):
    """Hair on one shoulder, a raised shoulder or a high collar on one side lifted one seam far more
    than the other, tilting the garment and shearing its print."""
    from tryon.errors import TryOnError
    from tryon.fit.shoulder_line import LIFT_SPREAD
    from tryon.fit.targets import body_targets

    cut = cut_out(load_image(DEV / "images" / "upper_09163_00.jpg"), "upper")
    spec = json.loads((DEV / "set.json").read_text())
    for person_file in [p["file"] for p in spec["people"]]:
        try:
            person = engine.analyze_person(load_image(DEV / person_file))
        except TryOnError:
            continue
        _, dst, _ = body_targets(person, cut)
        joints = person.point(R_SHOULDER), person.point(L_SHOULDER)
        across = (joints[1] - joints[0]) / np.linalg.norm(joints[1] - joints[0])
        up = np.array([across[1], -across[0]])
        up = up if up[1] < 0 else -up
        lifts = [float(np.dot(seam - joint, up)) for seam, joint in zip(dst[:2], joints)]
        assert abs(lifts[0] - lifts[1]) <= LIFT_SPREAD * person.shoulder_width + 1e-6, (person_file, lifts)


@pytest.mark.parametrize("garment", ["upper_049947_1.jpg", "upper_09290_00.jpg", "upper_049920_1.jpg",
                                     "upper_049940_1.jpg"])
def test_long_sleeves_lying_along_the_body_in_the_shot_are_found(garment):
    """Bell, ruffled or gathered sleeves hanging against the body leave no gap in the silhouette:
    taken for a wide sleeveless top, the blouse was squeezed onto the torso as a short vest."""
    cut = cut_out(load_image(DEV / "images" / garment), "upper")
    P = cut.points
    assert "cuff_l" in P and "cuff_r" in P, "its sleeves were taken for a wide sleeveless body"
    cols = np.flatnonzero(cut.mask.any(axis=0))
    rows = np.flatnonzero(cut.mask.any(axis=1))
    assert P["shoulder_r"][0] - P["shoulder_l"][0] < 0.7 * (cols[-1] - cols[0]), "the shoulders are the body's, not the sleeves' ends"
    for side in ("l", "r"):
        assert P[f"cuff_{side}"][1] > rows[0] + 0.6 * (rows[-1] - rows[0]), "long sleeves end low down"


@pytest.mark.parametrize("garment", ["upper_04825_00.jpg", "upper_14673_00.jpg", "upper_09256_00.jpg",
                                     "upper_07382_00.jpg", "upper_048769_1.jpg", "upper_09133_00.jpg"])
def test_a_sleeveless_top_widening_below_its_straps_is_not_given_sleeves(garment):
    """A halter's or a tank's outline also runs outward below the neck, but an armhole cuts into it."""
    points = cut_out(load_image(DEV / "images" / garment), "upper").points
    assert "cuff_l" not in points and "cuff_r" not in points


def test_upload_of_a_photo_with_hands_held_in_front_says_which_garments_can_be_tried(demo_catalog):
    """The real engine and the real assistant: a photo with the hands clasped in front was "so I can try anything
    on you", then every top was refused after it was asked for."""
    from assistant.manager import Assistant
    from assistant.understanding import Understander
    from tryon import TryOnEngine

    assistant = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog),
                          tryon=TryOnEngine(max_cached_people=0))
    turn = assistant.session().handle("", image=load_image(DEV / "images" / "person_sam1.jpg"))
    assert "not tops or dresses" in turn.text or "can't try anything" in turn.text, turn.text
    assert "arms down at your sides would work" in turn.text
