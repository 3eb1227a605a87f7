"""The garment carried over the band of old clothes at its edge on real photos (../shared/tryon_dev,
skipped cleanly when absent) keeps the cloth's weave and print: blurred, a gingham check over the old
dress's side and shoulders read as a flat grey smear beside the garment."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.compose.in_front import protect_mask
from tryon.garment.cutting import cut_out
from tryon.analysis.person import L_HIP, R_HIP, load_image
from tryon.compose.rim import CORE_DEPTH, SOLID, core, rim
from tryon.fit.warp import warp

pytestmark = needs_dev_set

# the band's fine detail (its difference from a 3x3 mean) is at least this share of the garment body's:
# a check carried on keeps as much or more; the blurred band kept under half
KEPT_DETAIL = 0.8
# share of shoulder width below a hem where the garment's colour carried over old cloth is the hem's own curve and
# shadow (the wedge between a curved hem and a straight rib under it), not a band of cloth
HEM_SHADOW = 0.06


def _detail(rgb: np.ndarray, where: np.ndarray) -> float:
    """Mean fine detail of `rgb` (grey, its absolute difference from its own 3x3 mean) over `where`."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    return float(np.abs(grey - cv2.blur(grey, (3, 3)))[where].mean())


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_049205_0.jpg"])
def test_the_band_carries_the_check_not_a_smear(engine, person_file):
    """Both leave a strip of the old clothes between an arm and the gingham dress's side, and the
    shoulders' rim: over it the dress's check carries on as finely as on its body."""
    person = engine.analyze_person(load_image(IMAGES / person_file))
    warped = warp(person, cut_out(load_image(IMAGES / "dress_053786_1.jpg"), "full"))
    band, colour = rim(person, warped, protect_mask(person, warped))
    rgb = colour()
    assert band.sum() > 500
    body = core(warped.alpha > SOLID, CORE_DEPTH * person.shoulder_width)
    assert _detail(rgb, band) >= KEPT_DETAIL * _detail(rgb, body)


@pytest.mark.parametrize("person_file", ["person_052472_0.jpg", "person_052964_0.jpg", "person_053514_0.jpg"])
def test_no_cloth_is_carried_over_the_hips_between_sleeves_hanging_past_the_hem(engine, person_file):
    """A striped bodysuit's long sleeves hang past its waist beside her skirt: the rim carried the sleeves' edge
    over the skirt between each sleeve and the body's middle, stripes smeared beside each hand (669, 346 and 640
    px carried there, working res; 3, 11 and 10 now)."""
    r = dev_render(engine, person_file, "upper_09266_00.jpg")
    drawn, sleeve = r.warped.alpha > 0.5, r.warped.sleeve > 0.5
    hem = int(np.flatnonzero((drawn & ~sleeve).any(axis=1))[-1])
    centre = int(round(r.person.centre_x))
    left, right = sleeve[hem + 1:, :centre], sleeve[hem + 1:, centre:]
    inner_left = int((left.shape[1] - 1 - np.argmax(left[left.any(axis=1), ::-1], axis=1)).min())
    inner_right = centre + int(np.argmax(right[right.any(axis=1)], axis=1).max())
    carried = (r.done.work_alpha > 0.5) & ~drawn
    assert int(carried[hem + 1:, inner_left + 1:inner_right].sum()) < 30


@pytest.mark.parametrize("person_file", ["person_fitdit_0303.jpg", "person_fitdit_0279.jpg", "person_fitdit_0083.jpg"])
def test_no_cloth_is_carried_under_a_blouses_hem_between_the_hips(engine, person_file):
    """A blouse whose bell sleeves hang past its hem, over a longer polo or shirt: the lowest of its body's sides hung
    with the sleeves, so under its hem read as strips beside its sides, and the blouse's colour was carried over the
    polo there (a pink band holding the polo's navy rib in a hole: 1,308 to 5,679 px, working res, between
    the hip joints past a hem's shadow below it; 0 now). The band is read across the sleeves' ends."""
    r = dev_render(engine, person_file, "upper_049947_1.jpg")
    drawn = r.warped.alpha > 0.5
    body = drawn & ~(r.warped.sleeve > 0.5)
    left, right = sorted(int(round(r.person.point(j)[0])) for j in (L_HIP, R_HIP))
    cols = np.arange(left, right + 1)
    last = body.shape[0] - 1 - np.argmax(body[::-1, cols], axis=0)
    under = np.zeros_like(body)
    shadow = HEM_SHADOW * r.person.shoulder_width
    under[:, cols] = (np.arange(body.shape[0])[:, None] > last[None, :] + shadow) & body[:, cols].any(axis=0)
    carried = (r.done.work_alpha > 0.5) & ~drawn
    assert int((carried & under).sum()) < 30, int((carried & under).sum())
