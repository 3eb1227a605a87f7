"""Bare legs where a dress's hem meets them, on real photos (../shared/tryon_dev, skipped cleanly when
absent): a leg rebuilt above a bare shin below a longer old dress carries that shin on with no dark line
where the old hem was (its shadow on the shin); a leg rebuilt under trousers, with no shin of its own,
carries a bare forearm's skin and light; bare legs in a notch of a new dress's uneven hem are left as the
photo shows them, not painted out as old clothing."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.repaint.bare_legs import legs_below
from tryon.repaint.limb_light import across
from tryon.analysis.limbs import leg_limbs, silhouette
from tryon.repaint.uncover_limbs import plan
from tryon.analysis.skin import lab_distances

pytestmark = needs_dev_set

# how much darker (Lab L, 0..255) a row of the leg may be round the old hem than the shin a little below
# it: the old hem's shadow left on the shin, under an evenly painted thigh, read as a dark line across
# the leg 14 to 30 darker on these pairs; carried on from the shin below the shadow, under 5
HEM_LINE = 8.0
# share of the bare leg in the notch of the new dress's hem that the render may change: painted out as
# old clothing, it was a flat block cut into her leg (40 and 95 per cent of it on these pairs); left as the photo shows it, none
NOTCH_CHANGED = 0.1
# Lab L (0..255) between the rebuilt leg's lightness a fifth of the way in from each side, at least: painted as
# a modelled tube it was lit the same on both sides (0 to 1 apart on these pairs), a strip of one shade
# darkening evenly to both edges; carrying his bare forearm's skin, its lit and shaded sides 7 to 14 apart
LIT_SIDE = 5.0
# rows of skin running down the leg's line below the new hem that say the bare shin shows there
SHIN_ROWS = 8


@pytest.mark.parametrize("garment_file", ["dress_053742_1.jpg", "dress_053290_1.jpg"])
def test_no_dark_line_across_a_leg_rebuilt_above_a_bare_shin(engine, garment_file):
    got = dev_render(engine, "person_053514_0.jpg", garment_file, "full")
    person, h, w = got.person, *got.person.mask.shape
    light = cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    for leg in leg_limbs(person):
        inside = cv2.erode(silhouette([leg], (h, w)).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        x = np.interp(np.arange(h), leg.joints[:, 1], leg.joints[:, 0]).round().astype(int)
        hem = int(np.flatnonzero(got.warped.alpha[:, x[int(leg.joints[2][1])]] > 0.5)[-1]) + 1
        # where the bare shin showed: skin for SHIN_ROWS running along the leg's line (not a fold's speck above it)
        top = next(y for y in range(hem, h - SHIN_ROWS) if all(person.skin[y + k, x[y + k]] for k in range(SHIN_ROWS)))
        cols = inside[top + 16] & person.skin[top + 16]
        rows = [float(np.median(light[y][cols])) for y in range(top - 10, top + 24)]
        assert np.median(rows[-8:]) - min(rows[:-8]) <= HEM_LINE, garment_file


@pytest.mark.parametrize("garment_file", ["dress_052234_1.jpg", "dress_053742_1.jpg"])
def test_bare_legs_in_a_notch_of_an_uneven_hem_are_left_as_they_are(engine, garment_file):
    got = dev_render(engine, "person_model_9.png", garment_file, "full")
    person = got.person
    solid = got.done.work_alpha > 0.5
    lowest = int(np.flatnonzero(solid.any(axis=1))[-1]) + 1
    notch = legs_below(person, lowest) & (got.done.work_alpha < 0.02)
    notch[lowest:] = False
    notch &= cv2.erode(person.body.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0   # the leg, not its outline
    assert notch.sum() > 50
    changed = lab_distances(cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB)[notch], person.lab[notch].astype(np.float32)) > 12
    assert changed.mean() <= NOTCH_CHANGED, garment_file


@pytest.mark.parametrize("garment_file", ["dress_053742_1.jpg", "dress_053290_1.jpg"])
def test_legs_rebuilt_under_trousers_are_lit_as_his_bare_forearms_not_as_a_tube(engine, garment_file):
    got = dev_render(engine, "person_049205_0.jpg", garment_file, "full")
    person, h, w = got.person, *got.person.mask.shape
    legs = [g for g in plan(person, got.warped, got.done.work_alpha).bare if g.name == "legs"]
    assert legs, "his trousers are replaced by bare legs"
    light = cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    for leg in legs[0].limbs:
        sil = silhouette([leg], (h, w))
        bins = np.clip(((across([leg], sil, (0, 0)) + 1.0) / 2.0 * 5).astype(int), 0, 4)
        rebuilt = sil & legs[0].old & (got.done.work_alpha < 0.02)
        fifths = [float(np.median(light[rebuilt & (bins == b)])) for b in (1, 3)]
        assert abs(fifths[0] - fifths[1]) >= LIT_SIDE, garment_file
