"""The inside back seen through a striped or checked garment's neckline is cut out of its product shot, and only
that. The print's dark strokes are darker than the lining's shade and cross the neckline's outline, so neither told
the opening, and the arc read last (`front_neckline`) took a band across the whole top edge: worn, the shoulders
were cut off the demo shop's striped shirt and checked jacket, and its striped V-neck blouse kept its inside back
filling the V. Read on the fabric's light strokes alone, the opening is the neckline's."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from catalog.demo.art import GarmentSpec, render_garment
from catalog.demo.shop import IMAGE_SIZE, generate_products
from tryon.analysis.person import load_image
from tryon.garment.cutting import cut_out

# demo shop products (id, colour): a striped shirt, a striped V-neck blouse, a checked jacket, a striped blazer
PRINTED = [("DM-0049", "black"), ("DM-0137", "green"), ("DM-0374", "navy"), ("DM-0458", "green")]
# a neckline (a blazer's lapels' V included) spans at most this share of the shoulder seams' span; wider, the
# shoulders are cut
NECK_SPAN = 0.5


@pytest.fixture(scope="module")
def specs() -> dict[tuple[str, str], GarmentSpec]:
    return {(product.id, colour): spec
            for product, by_colour in generate_products() for colour, spec in by_colour.items()}


def _neck_opening(photo: np.ndarray) -> tuple[np.ndarray, float]:
    """What is cut from the garment within a quarter of the shoulders' span below its top, and that span."""
    cut = cut_out(photo, "upper")
    span = float(cut.points["shoulder_r"][0] - cut.points["shoulder_l"][0])
    top = int(np.flatnonzero(cut.mask.any(axis=1))[0])
    opening = cut.mask & (cut.alpha < 0.5)
    opening[int(top + 0.25 * span):] = False
    return opening, span


@pytest.mark.parametrize("key", PRINTED, ids=lambda k: f"{k[0]} {k[1]}")
def test_a_printed_garments_inside_back_is_cut_at_the_neck_alone(demo_catalog, specs, key):
    """On the shop's own photo, as the try-on reads it (its JPEG's softened print included)."""
    product_id, colour = key
    assert specs[key].pattern in ("striped", "checked")
    photo = load_image(demo_catalog.image_path(demo_catalog.products[product_id], colour))
    opening, span = _neck_opening(photo)
    assert opening.sum() > 0.02 * span ** 2, "the inside back is cut out"
    assert opening.sum(axis=1).max() < NECK_SPAN * span, "the neckline alone, not the shoulders"
    xs = np.nonzero(opening)[1]
    cols = np.flatnonzero(opening.any(axis=0))
    assert abs(xs.mean() - (cols[0] + cols[-1]) / 2) < 0.1 * (cols[-1] - cols[0] + 1), "centred under the collar"


def test_a_plain_garment_of_the_same_cut_keeps_its_front(specs):
    """The light strokes are read only on a print: the plain shirt's opening is the one its shade tells."""
    plain = replace(specs[PRINTED[0]], pattern="solid")
    opening, span = _neck_opening(render_garment(plain, IMAGE_SIZE))
    assert opening.any() and opening.sum(axis=1).max() < NECK_SPAN * span
