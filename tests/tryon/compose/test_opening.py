"""Outerwear is worn over the shopper's own top (real mediapipe on the public-domain astronaut photo, the demo
shop's drawn garments): the top shows in a blazer's or cardigan's opening instead of an old collar painted away as
a block of skin, and the render says it is shown over the shopper's own top; a T-shirt still takes the old collar
away; in an outfit, outerwear over the outfit's own shirt is not said to be over the shopper's top."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from catalog.demo.art import GarmentSpec, render_garment
from tryon.analysis.person import L_SHOULDER, R_SHOULDER
from tryon.outfit import Piece


def _opening(photo: np.ndarray, person) -> tuple[slice, slice]:
    """The box (input res) down the middle of the chest, between the shoulders: where a blazer's or cardigan's V
    opens."""
    s = photo.shape[0] / person.mask.shape[0]
    (lx, ly), (rx, ry) = person.point(L_SHOULDER) * s, person.point(R_SHOULDER) * s
    mid, width, top = (lx + rx) / 2, abs(lx - rx), (ly + ry) / 2
    return (slice(int(top + 0.15 * width), int(top + 0.45 * width)),
            slice(int(mid - 0.05 * width), int(mid + 0.05 * width)))


def _kept(photo: np.ndarray, image: np.ndarray, box: tuple[slice, slice]) -> float:
    """Share of the box the render left exactly as the photo was."""
    return float((np.abs(image[box].astype(int) - photo[box]).max(axis=2) == 0).mean())


@pytest.mark.parametrize("category", ["blazer", "cardigan"])
def test_outerwear_shows_the_shoppers_own_top_in_its_opening(engine, category):
    photo = data.astronaut()
    result = engine.render(photo, render_garment(GarmentSpec(category, "black")), category)
    assert result.landing.shown_over == ("top",)
    tee = engine.render(photo, render_garment(GarmentSpec("t-shirt", "black")), "t-shirt")
    assert "top" not in tee.landing.shown_over
    box = _opening(photo, engine.analyze_person(photo))
    assert _kept(photo, result.image, box) > 0.3
    assert _kept(photo, tee.image, box) < 0.1


def test_a_blazer_over_the_outfits_shirt_shows_the_shirt_not_the_shoppers_top(engine):
    photo = data.astronaut()
    shirt = render_garment(GarmentSpec("shirt", "white"))
    blazer = render_garment(GarmentSpec("blazer", "black"))
    result = engine.render_outfit(photo, [Piece(shirt, "shirt"), Piece(blazer, "blazer")])
    assert [(p.category, p.landing.shown_over) for p in result.pieces] == [("shirt", ()), ("blazer", ())]
    box = _opening(photo, engine.analyze_person(photo))
    assert np.median(result.image[box].reshape(-1, 3), axis=0).min() > 170   # the white shirt in the blazer's V
