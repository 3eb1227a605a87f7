"""The gap between a product's trouser legs on real photos (../shared/tryon_dev, skipped cleanly when
absent): the backdrop showing between the legs, lit or in their shade, up to the crotch, is not garment
(kept, it was worn as a white wedge at the crotch)."""

from __future__ import annotations

import numpy as np

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image

pytestmark = needs_dev_set


def test_backdrop_between_parted_legs_is_cut_out_up_to_the_crotch():
    cut = cut_out(load_image(IMAGES / "lower_051946_1.jpg"), "lower")  # jeans whose legs part below the crotch
    cx, cy = (int(round(float(v))) for v in cut.points["crotch"])
    rise = int(0.1 * (float(cut.points["leg_l"][1]) - cy))
    near = (slice(cy - rise, cy + 3 * rise), slice(cx - rise, cx + rise))
    backdrop_grey = (cut.rgb[near].min(axis=2) > 200) & (np.ptp(cut.rgb[near].astype(int), axis=2) < 8)
    assert (backdrop_grey & ~cut.mask[near]).sum() > 0
    # a pixel or two mixes the legs' edge with the backdrop (the old cut-out kept over 200 of the backdrop)
    assert (backdrop_grey & cut.mask[near]).sum() <= 3
