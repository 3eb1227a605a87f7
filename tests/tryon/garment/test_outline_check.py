"""A product photo that is not of a garment is refused when the shop's photo is read, in words about the
product: real photos of things that are not garments (scikit-image's public sample photos, which
separate from their plain backdrops as a product shot does) against every real garment shot of the dev set."""

from __future__ import annotations

import json

import numpy as np
import pytest
from skimage import data

import tryon.engine as engine_module
from common.garment_kinds import GARMENT_TYPES
from tests.tryon.dev_set import DEV, IMAGES, needs_dev_set
from tryon.engine import TryOnEngine
from tryon.errors import NotAGarmentError
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image

# each separates from its backdrop as a product shot does, and none is a garment
NOT_GARMENTS = {"rocket": data.rocket, "retina": data.retina, "cell": data.cell, "brick": data.brick}


def _rgb(photo: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.repeat(photo[..., None], 3, axis=2) if photo.ndim == 2 else photo[..., :3])


@pytest.fixture(scope="module")
def engine():
    made = TryOnEngine()
    yield made
    made.close()


@pytest.mark.parametrize("name", sorted(NOT_GARMENTS))
@pytest.mark.parametrize("category,noun", [("t-shirt", "top"), ("dress", "dress")])
def test_a_photo_of_something_else_is_refused_in_words_about_the_product(engine, name, category, noun):
    with pytest.raises(NotAGarmentError) as refused:
        engine.prepare(_rgb(NOT_GARMENTS[name]()), category)
    assert refused.value.code == "not_a_garment"
    assert f"This product's photo doesn't show the {noun} itself" in refused.value.message
    assert "your photo" not in refused.value.message


def test_the_refusal_is_remembered_with_the_photo(engine, monkeypatch):
    """A shop's mislabelled photo is read once: a second try-on of it is refused without cutting it again."""
    photo = _rgb(data.rocket())
    with pytest.raises(NotAGarmentError):
        engine.prepare(photo, "shirt")
    cuts = []
    monkeypatch.setattr(engine_module, "cut_out", lambda *a: cuts.append(a) or cut_out(*a))
    with pytest.raises(NotAGarmentError):
        engine.prepare(photo, "shirt")
    assert cuts == []


@needs_dev_set
def test_no_real_garment_shot_is_refused_for_its_shape():
    garments = [g for name in ("set.json", "set_more.json")
                for g in json.loads((DEV / name).read_text())["garments"]]
    refused = []
    for garment in garments:
        try:
            cut_out(load_image(IMAGES / garment["file"].removeprefix("images/")),
                    GARMENT_TYPES[garment["category"]])
        except NotAGarmentError as exc:
            refused.append((garment["file"], exc.message))
    assert len(garments) >= 50
    assert refused == []
