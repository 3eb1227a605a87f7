"""Search by photo on real photos: product shots and people from ../shared/tryon_dev, scikit-image's
photos of things that are not garments, a shop of real product shots, and a photo of someone
whose clothes the shopper wants. Real network, real GrabCut, real FAISS, real try-on engine.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from skimage import data

from assistant.manager import Assistant, DialogueManager
from assistant.tryon_port import load_engine
from assistant.understanding import Understander
from bench.photo_search_real import load_labels, phone_photo, read, real_shot_products
from catalog.photos.light import light_gains
from catalog.photos.look import LOOK_DIM, cut_out, default_look_model, look_inputs
from catalog.photos.mask import garment_mask
from catalog.store import Catalog, write_catalog
from tests.printed_portrait import printed_portrait

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "tryon_dev" / "set.json").is_file(),
                                  reason="the real try-on dev photos (../shared/tryon_dev) are not here")
# Measured on all 53 real product shots against the demo shop's drawn photos: 0.68 (dev half 0.70,
# held-apart half 0.65; 0.75 on the first 40); the text-free features it replaced reached 0.24.
DEMO_TOP3_AT_LEAST = 0.6
# A shop of the real shots themselves, each searched by a phone photo of it: 0.76 measured (0.8 on the first 40).
OWN_TOP3_AT_LEAST = 0.7


def rgb(picture: np.ndarray) -> np.ndarray:
    picture = picture if picture.ndim == 3 else np.repeat(picture[..., None], 3, axis=2)
    return np.ascontiguousarray(picture[..., :3])


@pytest.fixture(scope="module")
def session_factory(demo_catalog):
    assistant = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog),
                          tryon=load_engine())
    return lambda: DialogueManager(assistant)


def test_a_look_is_a_unit_vector_and_the_same_photo_looks_the_same():
    found = garment_mask(rgb(data.astronaut()))
    first, second = (default_look_model().embed(look_inputs(found, cut_out(found))) for _ in range(2))
    assert first.shape == (2, LOOK_DIM)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.allclose(first, second, atol=1e-6)
    # loading the network leaves the process's floating point as it was (no flush-to-zero)
    assert np.float64(1e-308) / np.float64(1e10) > 0


@needs_shared
def test_the_network_rewritten_for_inference_looks_as_the_packages_own_does():
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    from catalog.photos.inference_net import for_inference
    from common.packaged_models import image_model_file

    def own() -> torch.nn.Module:
        return EfficientNet.from_pretrained("efficientnet-lite0", weights_path=str(image_model_file())).eval()

    shots = [read(SHARED, photo.file) for photo in load_labels()[:6]]
    squares = [square for shot in [rgb(data.astronaut())] + shots
               for square in look_inputs(garment_mask(shot), cut_out(garment_mask(shot)))]
    pixels = torch.from_numpy((np.stack(squares).astype(np.float32) - 127.0) / 128.0).permute(0, 3, 1, 2)
    with torch.inference_mode():
        before, after = (net.extract_features(pixels).mean(dim=(2, 3)) for net in (own(), for_inference(own())))
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in for_inference(own()).modules())
    assert torch.allclose(before, after, rtol=1e-3, atol=1e-4), float((before - after).abs().max())


@pytest.mark.parametrize("name", ["coffee", "chelsea", "rocket", "camera"])
def test_a_real_photo_of_something_else_is_not_searched_as_a_garment(demo_catalog, name):
    assert demo_catalog.describe_photo(rgb(getattr(data, name)())).problem == "no_garment"


@needs_shared
def test_real_product_shots_find_their_kind_and_colour_in_the_demo_shop(demo_catalog):
    shots = [photo for photo in load_labels() if not photo.person]
    held = 0
    for photo in shots:
        seen = demo_catalog.describe_photo(read(SHARED, photo.file))
        hits = demo_catalog.search_by_photo(seen, k=3).hits if seen.usable else ()
        held += any(photo.allows(hit.product) for hit in hits)
    assert held >= DEMO_TOP3_AT_LEAST * len(shots), f"{held}/{len(shots)}"


@needs_shared
def test_a_shop_of_real_shots_finds_each_from_a_phone_photo_of_it(demo_catalog, tmp_path):
    shots = [photo for photo in load_labels() if not photo.person]
    products, sources = real_shot_products(demo_catalog.rows[0], shots, SHARED)

    def copy_images(staging: Path) -> None:
        (staging / "images").mkdir(parents=True, exist_ok=True)
        for image, source in sources.items():
            (staging / image).write_bytes(source.read_bytes())

    write_catalog(tmp_path / "shop", products, copy_images)
    shop = Catalog.open(tmp_path / "shop")
    assert shop.photos.kinds is not None and shop.photos.patterns is not None and len(shop.photos.vectors) == len(shots)
    rng = random.Random(3)
    found = 0
    for product, photo in zip(products, shots):
        seen = shop.describe_photo(phone_photo(read(SHARED, photo.file), rng))
        found += seen.usable and product.id in [hit.product.id for hit in shop.search_by_photo(seen, k=3).hits]
    assert found >= OWN_TOP3_AT_LEAST * len(shots), f"{found}/{len(shots)}"


def test_find_me_this_jacket_with_a_photo_of_someone_searches_what_they_wear(session_factory):
    """And keeps the photo to try on, saying so: "put the second one on me" asked for the photo just sent, and
    "where's my photo?" was answered with the second jacket's details."""
    session = session_factory()
    turn = session.handle("find me this jacket", image=data.astronaut())
    assert turn.action.kind == "photo_search"
    assert turn.products and all(p.category == "jacket" for p in turn.products)
    assert "jacket" in turn.text.splitlines()[0]
    assert session.photo is not None and "kept your photo" in turn.text.splitlines()[-1], turn.text
    worn = session.handle("put the second one on me")
    assert worn.action.kind == "try_on" and worn.tryon_image is not None, worn.text


def test_a_photo_searched_by_never_replaces_the_shoppers_own(session_factory):
    session = session_factory()
    session.handle("here's a photo of me", image=data.astronaut())
    own = session.photo
    turn = session.handle("do you have this jacket in black?", image=data.astronaut()[:, ::-1].copy())
    assert turn.action.kind == "photo_search" and session.photo is own, turn.text
    assert "kept your photo" not in turn.text


def test_a_photo_of_oneself_with_other_words_is_still_a_selfie(session_factory):
    session = session_factory()
    turn = session.handle("here's a photo of me", image=data.astronaut())
    assert turn.action.kind == "upload_photo" and session.photo is not None


def test_a_photos_own_light_is_taken_out_before_its_colours_are_named():
    """The astronaut's white suit under a warm lamp: the gains read off the frame's near-whites undo the cast."""
    photo = rgb(data.astronaut())
    cast = np.array([1.1, 1.0, 0.85], np.float32)
    warm = np.clip(photo.astype(np.float32) * cast, 0, 255).astype(np.uint8)
    undone = light_gains(warm) * cast / light_gains(photo)
    assert np.allclose(undone, undone.mean(), rtol=0.05), undone
    assert np.allclose(light_gains(rgb(data.coffee()) * 0), 1.0)   # nothing white in it: its colours stay


@needs_shared
def test_kind_main_colour_and_pattern_are_each_read_off_real_shots(demo_catalog):
    """Each reading of the 53 real product shots apart (bench.photo_search_real measured kind 0.59, main colour
    0.87, pattern 0.86 on both halves; before the colour naming and the pattern head: colour 0.56, pattern 0.38 on
    the first 40)."""
    rights: dict[str, list[bool]] = {"kind": [], "colour": [], "pattern": []}
    for photo in (p for p in load_labels() if not p.person):
        for reading, right in photo.reads(demo_catalog.describe_photo(read(SHARED, photo.file))).items():
            if right is not None:
                rights[reading].append(right)
    shares = {reading: sum(r) / len(r) for reading, r in rights.items()}
    assert shares["colour"] >= 0.65 and shares["pattern"] >= 0.65 and shares["kind"] >= 0.55, shares


@needs_shared
def test_the_first_product_found_carries_the_photos_main_colour(demo_catalog):
    """A black tee with a white print came after white tees: the look weighs the print as much as the cloth. The
    first product is in the colour read first for 31 of the 35 shots that have a main colour (23 before)."""
    carried = []
    for photo in (p for p in load_labels() if not p.person and p.searched["main"]):
        seen = demo_catalog.describe_photo(read(SHARED, photo.file))
        hits = demo_catalog.search_by_photo(seen, k=3).hits if seen.usable else ()
        if hits and seen.colors:
            carried.append(seen.colors[0] in hits[0].product.colors)
    assert sum(carried) >= 0.8 * len(carried), f"{sum(carried)}/{len(carried)}"


@needs_shared
@pytest.mark.parametrize("shot", ["images/upper_09166_00.jpg", "images/upper_04743_00.jpg",
                                  "images/upper_048554_1.jpg"])
def test_a_white_tee_on_a_white_sweep_is_named_white_not_by_its_print(demo_catalog, shot):
    """The backdrop's colours told only the print from the sweep: a white Gucci tee was "red and brown"."""
    assert demo_catalog.describe_photo(read(SHARED, shot)).colors[:1] == ("white",)


@needs_shared
@pytest.mark.parametrize("shot", ["images/upper_09164_00.jpg", "images/upper_09236_00.jpg",
                                  "images/upper_09133_00.jpg"])
def test_a_portrait_printed_on_a_tee_is_a_garment_to_search_by_not_a_person(session_factory, shot):
    """A face printed on a tee was taken for the shopper: "I can see someone in that photo, but not the garment"."""
    picture = printed_portrait(read(SHARED, shot))
    session = session_factory()
    turn = session.handle("do you have something like this?", image=picture)
    assert turn.action.kind == "photo_search" and turn.products, turn.text
    assert "someone" not in turn.text and "can't see" not in turn.text
    assert turn.state.photo is None and session.photo is None
    tried = session_factory()
    tried.handle("a red t-shirt")
    tried.handle("try the first one on me")
    refused = tried.handle("", image=picture)
    assert refused.tryon_image is None and "it looks like a print" in refused.text, refused.text


@needs_shared
def test_people_are_still_people(session_factory):
    """No dev photo of someone is taken for a print."""
    for photo in (p for p in load_labels() if p.person):
        session = session_factory()
        turn = session.handle("", image=read(SHARED, photo.file))
        assert "it looks like a print" not in turn.text, (photo.file, turn.text)
