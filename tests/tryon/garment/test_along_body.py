"""Long sleeves lying along a top's body in its product photo, merged with it in the silhouette, are found
and worn along the arms: a coat longer than its sleeves (the outline steps in below the cuffs), a shirt
whose outline first runs outward and then hangs its cuffs apart, and a real sweatshirt whose cuffs the cut
lost against a pale backdrop (the seam's shading down each side). Read as sleeveless, the sleeves were
warped onto the torso as flaps beside the bodice and the arms were left bare."""

from __future__ import annotations

import numpy as np
import pytest

from catalog.demo.art import GarmentSpec, render_garment
from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon import TryOnEngine
from tryon.analysis.person import L_ELBOW, L_WRIST, R_ELBOW, R_WRIST, load_image
from tryon.garment.along_body import SEAM_SLEEVE, seam_lines
from tryon.garment.cutting import _closed_slits, cut_out

SWEATSHIRT = "upper_fitdit_0023.jpg"   # white, drop shoulders, sleeves down its sides to the hem
PERSON = "person_fitdit_2.jpg"         # one forearm across her waist, the other down by a sofa's arm
SLEEVELESS = ["upper_04825_00.jpg", "upper_048769_1.jpg", "upper_07382_00.jpg", "upper_09133_00.jpg",
              "upper_09256_00.jpg", "upper_14627_00.jpg", "upper_14673_00.jpg", "upper_fitdit_12.png"]
# a halter, a cami, a crop top, a ribbed vest, a print, a strapped crop with its straps hanging below, a tank,
# a knit vest


def _sleeve_share(cut, sgn: int) -> float:
    """The share of the garment's width the sleeve on one side takes at two thirds of its height."""
    rows = np.flatnonzero(cut.mask.any(axis=1))
    y = rows[0] + int(2 * (rows[-1] - rows[0]) / 3)
    cx = float(np.median(np.nonzero(cut.mask)[1]))
    xs = np.flatnonzero(cut.sleeve[y] & ((np.arange(cut.mask.shape[1]) - cx) * sgn > 0))
    cols = np.flatnonzero(cut.mask.any(axis=0))
    return xs.size / float(cols[-1] - cols[0] + 1)


@pytest.mark.parametrize("pattern", ["solid", "checked", "striped"])
@pytest.mark.parametrize("seed", [387, 395, 419])
def test_a_coat_longer_than_its_sleeves_has_them_to_its_cuffs(pattern, seed):
    """The shop's wool coats: read as sleeveless, 14 of its 48 were drawn as a vest with flaps."""
    spec = GarmentSpec("coat", "green", pattern=pattern, sleeve="long", material="wool", seed=seed)
    cut = cut_out(render_garment(spec), "upper")
    assert cut.sleeve is not None and {"cuff_l", "cuff_r"} <= set(cut.points)
    for side, sgn in (("l", -1), ("r", 1)):
        assert cut.points[f"cuff_{side}"][1] < cut.points["hem_c"][1], "the cuffs end above the coat's hem"
        assert _sleeve_share(cut, sgn) > 0.08


def test_a_backdrop_sliver_closed_between_a_sleeve_along_the_body_and_the_body_is_cut_away():
    """The shop's coats drawn with the backdrop between sleeve and body, the sleeve touching the body at its
    cuff: the cut closed the sliver, and it was worn as a light line down both of the wearer's sides. A
    stripe of the backdrop's colour in the sleeve itself is cloth, and without sleeves along the body (so
    no cuff closes the gap) a closed sliver not opening into a gap below stays as it was."""
    mask = np.zeros((200, 200), bool)
    mask[20:180, 40:160] = True                  # one block: body and both sleeves
    sleeve = np.zeros_like(mask)
    sleeve[20:170, 40:62] = sleeve[20:170, 138:160] = True
    backdrop = np.zeros_like(mask)
    backdrop[60:150, 62:65] = backdrop[60:150, 135:138] = True   # slivers against each sleeve's inner edge
    backdrop[40:160, 48:50] = True                                # a pale stripe down the left sleeve
    cut = _closed_slits(mask, backdrop, 120, along=sleeve)
    assert cut[60:150, 62:65].all() and cut[60:150, 135:138].all()
    assert not cut[40:160, 48:50].any()
    assert not _closed_slits(mask, backdrop, 120).any()


@needs_dev_set
def test_a_sweatshirts_sleeves_down_its_sides_are_found_from_their_seams():
    cut = cut_out(load_image(IMAGES / SWEATSHIRT), "upper")
    assert cut.sleeve is not None and "sleeveless" not in cut.widths
    for sgn in (-1, 1):
        assert _sleeve_share(cut, sgn) > SEAM_SLEEVE


@needs_dev_set
def test_a_sweatshirts_sleeves_are_worn_down_the_forearms():
    engine = TryOnEngine()
    done = dev_render(engine, PERSON, SWEATSHIRT).done
    person = engine.analyze_person(load_image(IMAGES / PERSON))
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        x, y = ((person.point(elbow) + person.point(wrist)) / 2).astype(int)
        assert done.work_alpha[y, x] > 0.5, "read as sleeveless, her forearms were left bare"


@needs_dev_set
@pytest.mark.parametrize("garment_file", SLEEVELESS)
def test_no_seam_is_read_on_a_sleeveless_top(garment_file):
    cut = cut_out(load_image(IMAGES / garment_file), "upper")
    assert cut.sleeve is None
    m = cut.mask
    ys, xs = np.nonzero(m)
    assert seam_lines(cut, m, int(ys.min()), int(ys.max() - ys.min() + 1), int(np.median(xs))) is None
