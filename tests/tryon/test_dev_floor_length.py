"""A floor-length dress on real photos (../shared/tryon_dev, skipped cleanly when absent): its waist is read in
its bodice, not at a mermaid skirt's knees, so it is drawn to the ankles on every full-length person (read at the
knees, it was squeezed into a top ending at the hips and refused as pulled out of shape, on all of them); and the
old trousers beside it, which no hem leaves showing below it, are gone, not a printed strip down to the shoes."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_files, dev_render, needs_dev_set
from tryon.analysis.person import L_HIP, L_KNEE, R_HIP, R_KNEE, load_image
from tryon.garment.cutting import cut_out
from tryon.garment.keypoints import WAIST_REACH

pytestmark = needs_dev_set

MAXI = "dress_fitdit_10.jpg"      # sequinned, cap sleeves, narrowing at the knees before its hem flares
UNCHANGED = 8                      # every RGB channel within this of the photo's counts as left as it was
# share of what lies beside the dress on the person between hips and knees, not skin, that the render may leave as
# it was: the printed trousers stayed as a strip down to the shoes (0.86 of it); painted as the room, what is left
# is the soft edge of her arm by her hip (0.11)
MOST_LEFT = 0.2


def test_a_floor_length_dress_has_its_waist_in_its_bodice():
    cut = cut_out(load_image(IMAGES / MAXI), "full")
    p = cut.points
    shoulders_y = (p["shoulder_l"][1] + p["shoulder_r"][1]) / 2
    width = abs(p["shoulder_r"][0] - p["shoulder_l"][0])
    assert p["waist_l"][1] - shoulders_y <= WAIST_REACH * width
    assert (p["hem_c"][1] - p["waist_l"][1]) > 2 * (p["waist_l"][1] - shoulders_y)   # most of it is skirt


@pytest.mark.parametrize("person_file", [f.split("/")[-1] for f in dev_files("people")][:6])
def test_a_floor_length_dress_reaches_the_ankles(engine, person_file):
    result = engine.render(load_image(IMAGES / person_file), str(IMAGES / MAXI), "dress")
    assert result.landing.hem == "ankles", result.landing


def test_no_old_trousers_beside_a_dress_down_to_the_ankles(engine):
    r = dev_render(engine, "person_049447_0.jpg", MAXI, "full")
    person = r.person
    h, w = person.mask.shape
    top = int(max(person.point(L_HIP)[1], person.point(R_HIP)[1]))
    bottom = int(min(person.point(L_KNEE)[1], person.point(R_KNEE)[1]))
    beside = np.zeros((h, w), bool)
    beside[top:bottom] = True
    beside &= (person.mask > 0.5) & (r.done.work_alpha < 0.5) & ~person.skin
    assert beside.sum() > 100
    same = np.abs(r.work.astype(int) - person.image.astype(int)).max(axis=2) <= UNCHANGED
    assert float(same[beside].mean()) < MOST_LEFT, float(same[beside].mean())
