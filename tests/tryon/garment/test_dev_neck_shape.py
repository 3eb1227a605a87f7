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


def _dark_in_rows(cut, rows: slice) -> np.ndarray:
    """The garment's dark pixels (a label's border and lettering, a print's black) in `rows` of its mask."""
    lum = cut.rgb.astype(np.float32).mean(axis=2)
    out = np.zeros(cut.mask.shape, bool)
    out[rows] = (lum[rows] < 100) & cut.mask[rows]
    return out


def test_a_white_tees_inside_back_with_its_label_is_cut_out():
    """A white tee's inside back is the front's own white: no shade or colour step told the opening, the label sewn
    there was drawn on the shopper's chest and the back collar stood under the chin. Flooded from the label, the
    neckline's faint outline bounds it."""
    cut = cut_out(load_image(IMAGES / "upper_09166_00.jpg"), "upper")
    opening = cut.mask & (cut.alpha < 0.5)
    assert opening.any() and _mirror_iou(opening) > 0.9
    rows = np.flatnonzero(cut.mask.any(axis=1))
    label = _dark_in_rows(cut, slice(rows[0], rows[0] + (rows[-1] - rows[0]) // 6))
    assert label.sum() > 50 and (label & opening).sum() > 0.9 * label.sum()


def test_a_flood_from_a_label_that_runs_to_the_print_below_cuts_nothing():
    """Under a white tee's faint neckline, a flood from its printed label ran on to the top of the print below
    (a cartoon's ears) and cut them off with the opening: a front that is not plain all round it is no neckline."""
    cut = cut_out(load_image(IMAGES / "upper_04743_00.jpg"), "upper")
    rows = np.flatnonzero(cut.mask.any(axis=1))
    top = rows[0] + (rows[-1] - rows[0]) // 12
    printed = _dark_in_rows(cut, slice(top, rows[0] + (rows[-1] - rows[0]) // 2))
    assert printed.sum() > 500 and (printed & (cut.alpha < 0.5)).sum() < 0.01 * printed.sum()
