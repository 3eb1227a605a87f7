"""The shape of a product's neck opening, on real photos (../shared/tryon_dev, skipped cleanly when
absent): the opening cut from the product shot is the neckline's, symmetric about its middle, not
the neckline with a dark print patch of the front joined to one side (worn, a square-cornered skin
patch with a vertical side where the product has a V)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image

pytestmark = needs_dev_set


def _mirror_iou(region: np.ndarray) -> float:
    """The IoU of `region` with its mirror image about the column (in half pixels) that fits it best."""
    ys, xs = np.nonzero(region)
    best = 0.0
    for twice_mid in range(2 * int(xs.min()), 2 * int(xs.max()) + 1):
        mirror = np.zeros_like(region)
        xm = twice_mid - xs
        ok = (xm >= 0) & (xm < region.shape[1])
        mirror[ys[ok], xm[ok]] = True
        best = max(best, float((mirror & region).sum() / (mirror | region).sum()))
    return best


@pytest.mark.parametrize("garment_file,kind", [
    ("upper_09263_00.jpg", "upper"),   # a split V-neck whose dark inside back touches the front's black print
    ("dress_053290_1.jpg", "full"),    # a crew neck showing its dark lace back and zip
])
def test_the_cut_neck_opening_is_symmetric(garment_file, kind):
    cut = cut_out(load_image(IMAGES / garment_file), kind)
    opening = cut.mask & (cut.alpha < 0.5)
    assert opening.any()
    assert _mirror_iou(opening) > 0.9
