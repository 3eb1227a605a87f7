"""Necklines and shoulders on real photos (../shared/tryon_dev, skipped cleanly when absent): a wide
opening's top corners rise onto the shoulders' outline, a top's edge rises with the shoulders to the
neck (not onto hair lying on them), painted chest skin meets the real neck without a line, and the old top's
outline beside new short sleeves is covered."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.compose import rim
from tryon.fit import shoulder_line, targets
from tryon.compose.layering import compose
from tryon.garment.cutting import cut_out
from tryon.compose.in_front import protect_mask
from tryon.repaint.old_collar import old_collar
from tryon.analysis.person import load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def test_only_a_wide_opening_has_corners_to_lift():
    """The blue scoop-neck tee's cut opening spans most of its shoulders; a crew-neck tee's does not."""
    assert "neck_corner_l" in cut_out(load_image(IMAGES / "upper_09305_00.jpg"), "upper").points
    assert "neck_corner_l" not in cut_out(load_image(IMAGES / "upper_048554_1.jpg"), "upper").points


def _painted_chest(engine, person_file: str, garment_file: str, kind: str = "upper") -> int:
    """Old-cloth px above the new neckline that are painted as bare skin (working res)."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    done = compose(rgb, person, warp(person, cut_out(load_image(IMAGES / garment_file), kind)))
    return int(old_collar(person, done.work_alpha, cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)).sum())


@pytest.mark.parametrize("garment", ["upper_07382_00.jpg", "upper_04469_00.jpg", "upper_09263_00.jpg",
                                     "upper_049947_1.jpg"])
def test_a_wide_necklines_corners_rise_onto_the_shoulders(engine, monkeypatch, garment):
    """On his sloping shoulders a wide neckline (a tank's scoop, a boat or square neck) sat on the line between
    its seams, the old T-shirt above it painted as a bare band: lifted onto the shoulders' outline, less of it
    is, on each."""
    lifted = _painted_chest(engine, "person_model_6.png", garment)
    monkeypatch.setattr(shoulder_line, "OPENING_RISE", 0.0)
    flat = _painted_chest(engine, "person_model_6.png", garment)
    assert lifted < 0.98 * flat, (lifted, flat)


@pytest.mark.parametrize("person_file, garment, kind", [
    ("person_053514_0.jpg", "upper_048554_1.jpg", "upper"), ("person_fitdit_0179.jpg", "dress_053786_1.jpg", "full"),
    ("person_fitdit_0220.jpg", "dress_053786_1.jpg", "full")])
def test_a_tops_edge_rises_with_the_shoulders_to_the_neck(engine, monkeypatch, person_file, garment, kind):
    """A floral tee's and a gingham dress's edge, carried level from the seams, stood below sloping shoulders: the
    old top between it and the neck was painted out as a block of skin with square corners. Pinned onto the
    shoulders' top between seam and neck, less of it is."""
    pinned = _painted_chest(engine, person_file, garment, kind)
    monkeypatch.setattr(targets, "shoulder_tops", lambda *_: None)
    level = _painted_chest(engine, person_file, garment, kind)
    assert pinned < 0.85 * level, (pinned, level)


def test_hair_on_the_shoulders_does_not_lift_a_tops_edge(engine, monkeypatch):
    """Her fair hair lies on her shoulders and the body's outline takes it in: a top's edge pinned to that outline
    stood up beside her neck in a step. A shoulder rises from its seam no steeper than SHOULDER_SLOPE."""
    rgb = load_image(IMAGES / "person_00034_00.jpg")
    person = engine.analyze_person(rgb)
    cut = cut_out(load_image(IMAGES / "upper_fitdit_0023.jpg"), "upper")
    pinned = warp(person, cut).alpha > 0.5
    monkeypatch.setattr(shoulder_line, "SHOULDER_SLOPE", 10.0)
    on_hair = warp(person, cut).alpha > 0.5
    assert int((on_hair & ~pinned).sum()) > 2 * int((pinned & ~on_hair).sum()) + 100, (on_hair.sum(), pinned.sum())


def test_painted_chest_meets_the_real_neck_without_a_light_line(engine):
    """The painted skin's feathered edge blended with the room's fill behind it, ringing the old
    collar with a pale line: across the edge the render is no lighter than on either side of it."""
    person, _, done, work = dev_render(engine, "person_00121_00.jpg", "upper_09305_00.jpg")
    old = old_collar(person, done.work_alpha, cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)).astype(np.uint8)
    light = cv2.cvtColor(work, cv2.COLOR_RGB2LAB)[..., 0]
    grow = (lambda m, r: cv2.dilate(m, np.ones((2 * r + 1,) * 2, np.uint8)) > 0)
    real_neck = grow(old, 8) & ~grow(old, 4) & person.skin & (done.work_alpha < 0.02)
    edge = grow(old, 3) & ~(cv2.erode(old, np.ones((3, 3), np.uint8)) > 0) & grow(real_neck.astype(np.uint8), 4)
    inside = (cv2.erode(old, np.ones((9, 9), np.uint8)) > 0) & grow(real_neck.astype(np.uint8), 10)
    assert real_neck.sum() > 50 and edge.sum() > 50 and inside.sum() > 50
    sides = max(float(np.median(light[real_neck])), float(np.median(light[inside])))
    assert float(np.median(light[edge])) <= sides + 3.0, (np.median(light[edge]), sides)


def test_the_old_tops_outline_beside_new_short_sleeves_is_covered(engine, monkeypatch):
    """Her black T-shirt's striped shoulders sloped wider than the new tee's: a dark line with a
    white trim was left round its shoulders and sleeves. The garment's edge now covers it."""
    rgb = load_image(IMAGES / "person_00121_00.jpg")
    person = engine.analyze_person(rgb)
    warped = warp(person, cut_out(load_image(IMAGES / "upper_050181_1.jpg"), "upper"))
    covered = int(rim.rim(person, warped, protect_mask(person, warped)).mask.sum())
    monkeypatch.setattr(rim, "_shoulder_outline", lambda cloth, *_: np.zeros_like(cloth))
    before = int(rim.rim(person, warped, protect_mask(person, warped)).mask.sum())
    assert covered > before + 100, (covered, before)
