"""A top's outline on real photos (../shared/tryon_dev, skipped cleanly when absent) follows the body, not a
flat block with rectangular steps. upper_049940_1's long sleeves hang close beside its body, a narrow gap of
backdrop between them: the sleeves were cut from the body along a straight column, and the strip of each
sleeve inside it stayed in the body layer down to the cuffs; and the rim took the trousers at the hips,
closed in by the top's side, the cuff and the forearm, for a strip of old top to cover. The judge saw the
blouse "pasted flat with rectangular stepped edges: a dead-straight hem at her left hip and a white
rectangular block beside her right hand"."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.old_colours import CHROMA, colours
from tryon.analysis.person import load_image
from tryon.analysis.skin import lab_distances
from tryon.garment.silhouette_rows import run_through
from tryon.fit.sleeve_warp import sleeves_mask

pytestmark = needs_dev_set

# share of the body layer below the armpits that may lie apart from the body's run through its centre (a
# stray pixel of the cut's outline); the sleeves' strips were 16% of it
APART = 0.01
# share of the warped garment's pixels the render may cover of the trousers past the sleeves' cuffs beyond
# the warped garment: the hem's arc round the body; the blocks beside the hips were 0.9-3% of it
PAST_CUFFS = 0.005


def test_a_sleeve_parted_from_the_body_by_a_gap_is_no_part_of_the_body_layer():
    """Below the armpits, the body layer is the body's own run through its centre in each row."""
    cut = cut_out(load_image(IMAGES / "upper_049940_1.jpg"), "upper")
    top = int(np.ceil(max(cut.points["armpit_l"][1], cut.points["armpit_r"][1])))
    body = (cut.mask & ~sleeves_mask(cut))[top:]
    apart = body & ~run_through(cut.mask[top:], int(cut.points["neck"][0]))
    assert apart.sum() < APART * body.sum()


@pytest.mark.parametrize("person_file", ["person_00055_00.jpg", "person_00121_00.jpg"])
def test_no_block_of_the_top_over_the_trousers_past_the_cuffs(engine, person_file):
    """Past the sleeves' cuffs, what the render covers beyond the warped garment is no block over the
    trousers beside the hips (pixels of the trousers' hue rather than the old top's)."""
    r = dev_render(engine, person_file, "upper_049940_1.jpg")
    cuffs = int(np.flatnonzero((r.warped.sleeve > 0.5).any(axis=1)).max())
    added = (r.done.work_alpha > 0.5) & (r.warped.alpha < 0.5)
    added[:cuffs + 1] = False
    old, lower, _ = colours(r.person, r.warped.alpha, r.person.lab)
    trousers = lab_distances(r.person.lab, lower, CHROMA) < lab_distances(r.person.lab, old, CHROMA)
    assert (added & trousers).sum() < PAST_CUFFS * (r.warped.alpha > 0.5).sum()
