"""The manager's side of try-on, against the engine's agreed interface.

`ContractEngine` is not a model stand-in: it is the `tryon` facade's contract written as
code (analyze_person -> coverage/supports, render(person, garment path, category), typed
`TryOnError`s), so these tests pin exactly what the manager sends and how it words every
answer. When the real engine is installed, the last test runs it end to end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from assistant.manager import Assistant
from assistant.understanding import Understander
from common.garment_kinds import GARMENT_TYPES
from tryon.errors import NoPersonError, PersonCutOffError
from tryon.fit_notes import Landing

PHOTO = np.full((96, 64, 3), 180, dtype=np.uint8)
CUT_OFF = "Your photo ends above your knees, and trousers need your legs down to the ankles — a full-length photo would work."


@dataclass
class Analysis:
    coverage: str
    face_box: tuple[int, int, int, int] | None = None   # the port reads where the face is (a printed one is no person)
    scale: float = 1.0

    def supports(self, garment_type: str) -> bool:   # as tryon.analysis.person.PersonAnalysis: only lower needs legs
        return garment_type in ("upper", "full") or self.coverage == "full"


@dataclass
class Result:
    image: np.ndarray
    timings: dict = field(default_factory=dict)
    landing: Landing = field(default_factory=Landing)


@dataclass
class ContractEngine:
    coverage: str = "upper"
    reject: Exception | None = None
    fail_render: Exception | None = None
    renders: list = field(default_factory=list)
    forgotten: list = field(default_factory=list)
    prepared: list = field(default_factory=list)
    landing: Landing = field(default_factory=Landing)
    tops_problem: str | None = None

    def analyze_person(self, image):
        assert isinstance(image, np.ndarray) and image.dtype == np.uint8 and image.shape[2] == 3
        if self.reject is not None:
            raise self.reject
        return Analysis(self.coverage)

    def forget(self, person_image):
        self.forgotten.append(person_image.shape)

    def pose_problem(self, person, part="upper"):
        return None if part == "lower" else self.tops_problem

    def prepare(self, garment_image_path, category):
        self.prepared.append((Path(garment_image_path), category))

    def render(self, person_image, garment_image_path, category, person=None):
        assert isinstance(person, Analysis)   # the session's own analysis: the engine needs no cache of people
        self.renders.append((person_image.shape, Path(garment_image_path), category))
        if self.fail_render is not None:
            raise self.fail_render
        if not person.supports(GARMENT_TYPES[category]):  # the engine says what the photo lacks, truly
            raise PersonCutOffError(CUT_OFF)
        return Result(np.zeros_like(person_image), landing=self.landing)


def make(demo_catalog, engine) -> Assistant:
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), tryon=engine)


def test_try_on_asks_for_a_photo_then_renders_the_asked_colour(demo_catalog):
    engine = ContractEngine()
    session = make(demo_catalog, engine).session()
    shown = session.handle("red or white shirts")
    asked = session.handle("try the first one on me")
    first = asked.products[0]
    assert asked.action.kind == "ask_photo" and asked.state.pending_tryon == (first.id,) and not engine.renders
    other = session.handle("what is the second one made of?")   # the waiting try-on survives other turns
    assert other.action.kind == "details" and other.state.pending_tryon == (first.id,)
    uploaded = session.handle("", image=PHOTO)
    assert uploaded.understanding.intent == "upload_photo" and uploaded.tryon_image is not None
    product = first
    (shape, garment, category) = engine.renders[-1]
    assert shape == PHOTO.shape and category == product.category
    wanted = next(c for c in ("red", "white") if c in product.colors)
    assert garment == demo_catalog.image_path(product, wanted)
    assert product.title in uploaded.text and uploaded.state.pending_tryon == ()
    assert shown.products


def test_upload_says_what_the_photo_can_be_used_for_and_forgetting_reaches_the_engine(demo_catalog):
    engine = ContractEngine(coverage="upper")
    session = make(demo_catalog, engine).session()
    turn = session.handle("", image=PHOTO)
    assert "upper body" in turn.text and turn.state.photo
    session.handle("navy trousers")
    refused = session.handle("try the first one on me")
    assert refused.action.kind == "try_on" and refused.tryon_image is None
    assert CUT_OFF in refused.text  # the photo's own reason, not "upper body only" for a photo showing the thighs
    forgotten = session.handle("delete my photo please")
    assert forgotten.state.photo is None and engine.forgotten == [PHOTO.shape]


@pytest.mark.parametrize("coverage,says", [("full", "I can try trousers, skirts and shorts on you, but not tops"),
                                           ("upper", "I can't try anything on this one")])
def test_upload_says_at_once_when_the_pose_rules_out_tops_and_dresses(demo_catalog, coverage, says):
    """A photo with the hands held in front was "so I can try anything on you", then every top was refused."""
    reason = "Your hands are held together in front of you in this photo, so the new garment would have to go under"
    session = make(demo_catalog, ContractEngine(coverage=coverage, tops_problem=reason)).session()
    turn = session.handle("", image=PHOTO)
    assert says in turn.text and reason in turn.text and "try it on me" not in turn.text, turn.text
    chinese = make(demo_catalog, ContractEngine(coverage=coverage, tops_problem=reason)).session()
    chinese.handle("我想买连衣裙")
    assert "这个姿势没法试穿" in chinese.handle("", image=PHOTO).text


def test_a_rejected_photo_gives_the_engines_message_and_keeps_the_pending_try_on(demo_catalog):
    engine = ContractEngine(reject=NoPersonError("I can't see a person in this photo — try one where you face the camera."))
    session = make(demo_catalog, engine).session()
    session.handle("green hoodie")
    session.handle("show me the first one on me")
    rejected = session.handle("", image=PHOTO)
    assert "I can't see a person in this photo" in rejected.text
    assert rejected.state.photo is None and rejected.state.pending_tryon
    assert session.handle("thanks").text


def test_a_failed_render_is_said_in_the_shoppers_language(demo_catalog):
    engine = ContractEngine(coverage="full", fail_render=PersonCutOffError("你的照片没有拍到腿部。"))
    session = make(demo_catalog, engine).session()
    session.handle("", image=PHOTO)
    session.handle("黑色连衣裙")
    turn = session.handle("试穿第一件")
    assert turn.action.kind == "try_on" and turn.tryon_image is None
    assert "没能把" in turn.text and "你的照片没有拍到腿部" in turn.text


def test_products_shown_after_a_selfie_are_cut_out_ahead_of_the_try_on(demo_catalog):
    engine = ContractEngine()
    assistant = make(demo_catalog, engine)
    session = assistant.session()
    session.handle("red or white shirts")
    assistant.engine_background.wait()
    assert not engine.prepared, "no photo yet: nothing is tried on, so nothing is cut ahead"
    session.handle("", image=PHOTO)
    shown = session.handle("navy shirts")
    assistant.engine_background.wait()
    assert engine.prepared[-len(shown.products):] == [
        (demo_catalog.image_path(p, "navy" if "navy" in p.colors else p.colors[0]), p.category) for p in shown.products]
    turn = session.handle("try the second one on me")
    assert engine.renders[-1][1:] == engine.prepared[-len(shown.products) + 1], "the render uses the photo cut ahead"
    assert turn.tryon_image is not None


def test_the_real_engine_when_it_is_installed(demo_catalog):
    tryon = pytest.importorskip("tryon")
    if not hasattr(tryon, "TryOnEngine"):
        pytest.skip("tryon.TryOnEngine has not landed yet")
    from skimage import data

    photo = data.astronaut()
    session = make(demo_catalog, tryon.TryOnEngine()).session()
    session.handle("white t-shirt")
    uploaded = session.handle("", image=photo)
    assert "upper body" in uploaded.text or "whole body" in uploaded.text
    turn = session.handle("try the first one on me")
    assert turn.action.kind == "try_on" and turn.products[0].title in turn.text
    assert turn.tryon_image is not None, turn.text
    assert turn.tryon_image.shape == photo.shape and turn.tryon_image.dtype == photo.dtype
    trousers = session.handle("now show me navy trousers")
    refused = session.handle("try the first one on me")
    assert trousers.products and refused.tryon_image is None
    assert "trousers need your legs down to the ankles" in refused.text and "full-length photo" in refused.text


def test_a_selfie_sent_with_words_asking_a_try_on_is_kept_and_worn_at_once(demo_catalog):
    """The words sent with a selfie were dropped: "try the first one in my cart on me" only got "thanks for the
    photo". Words that name nothing to wear leave the photo's own reply, which asks what to try."""
    from skimage import data

    from tryon import TryOnEngine

    photo = data.astronaut()
    assistant = make(demo_catalog, TryOnEngine())
    session = assistant.session()
    tees = session.handle("show me black t-shirts")
    session.handle("add the second one to my cart")
    session.handle("show me jeans")
    turn = session.handle("try the first one in my cart on me", image=photo)
    assert turn.action.kind == "try_on" and turn.products == (tees.products[1],), turn.text
    assert turn.tryon_image is not None and turn.state.photo, turn.text
    price = session.handle("what's the price of the first one in my cart?")
    assert price.products == (tees.products[1],), price.text
    for words in ("here's a photo of me", "here's me, try it on"):
        fresh = assistant.session()
        fresh.handle("show me jeans")
        kept = fresh.handle(words, image=photo)
        assert kept.action.kind == "upload_photo" and kept.state.photo and kept.tryon_image is None, kept.text
        assert "upper body" in kept.text


@pytest.mark.parametrize("landing,en,zh", [
    (Landing("knees", "elbows"), "On you it ends at your knees, with the sleeves ending at your elbows.", "衣长到膝盖，袖长到手肘"),
    (Landing("below_hips", None), "On you it ends just below your hips.", "衣长刚过臀部"),
    (Landing(None, None), None, None)])
def test_a_render_says_where_it_ends_on_the_shopper_and_never_guesses(demo_catalog, landing, en, zh):
    """'How does it look on me?' got the picture again and nothing else; what the engine measured of
    where the garment ends is said, and nothing when it measured nothing (a photo ending at the chest)."""
    assistant = make(demo_catalog, ContractEngine(coverage="full", landing=landing))
    for lang, search, try_on, expected in (("en", "a blue dress", "how does it look on me?", en),
                                           ("zh", "一件蓝色连衣裙", "试穿第一件", zh)):
        session = assistant.session()
        session.handle(search)
        session.handle("", image=PHOTO)
        if lang == "en":
            session.handle("try the first one on me")
        turn = session.handle(try_on)
        assert turn.tryon_image is not None, turn.text
        if expected:
            assert expected in turn.text, turn.text
        else:
            assert turn.text.count(".") + turn.text.count("。") == 1, turn.text  # only "Here's ... on you."


def test_every_place_the_engine_can_say_a_garment_ends_has_words_in_both_languages():
    from assistant.phrasebook import say
    from tryon.fit_notes import HEM_LEVELS, SLEEVE_LEVELS

    for lang in ("en", "zh"):
        assert all(say(f"hem_{level}", lang) for level in HEM_LEVELS)
        assert all(say(f"sleeves_{level}", lang) for level in SLEEVE_LEVELS)


def test_does_it_suit_me_shows_it_on_the_shopper(demo_catalog):
    """"does it suit me?" was advice, and the bundled model answered "It does not suit me." about a jacket it had
    never seen on anyone; shown on the shopper's photo, they can judge."""
    engine = ContractEngine(coverage="upper")
    session = make(demo_catalog, engine).session()
    session.handle("show me black jackets")
    session.handle("tell me about the first one")
    asked = session.handle("does it suit me?")
    assert asked.action.kind == "ask_photo" and not engine.renders, asked.text
    uploaded = session.handle("", image=PHOTO)   # the photo it waited for: shown on it at once
    assert uploaded.tryon_image is not None and len(engine.renders) == 1, uploaded.text
    shown = session.handle("does the second one suit me?")
    assert shown.action.kind == "try_on" and shown.tryon_image is not None and len(engine.renders) == 2, shown.text


def test_a_photo_sent_with_words_naming_another_product_wears_that_one(demo_catalog):
    """"Does it suit me?" waited for a photo to show the second hoodie; the photo came with "try the first one on me"
    and the second was shown. With "try it on me" the one waited for is."""
    for words, position in (("try the first one on me", 1), ("try it on me", 2)):
        engine = ContractEngine(coverage="upper")
        session = make(demo_catalog, engine).session()
        shown = session.handle("show me hoodies").products
        session.handle("tell me about the second one")
        assert session.handle("does it suit me?").action.kind == "ask_photo"
        worn = session.handle(words, image=PHOTO)
        assert worn.tryon_image is not None and len(engine.renders) == 1, worn.text
        assert [p.id for p in worn.products] == [shown[position - 1].id], (words, worn.text)


def test_try_both_on_me_renders_each_side_by_side(demo_catalog):
    engine = ContractEngine()
    session = make(demo_catalog, engine).session()
    shown = session.handle("red or white shirts").products
    session.handle("", image=PHOTO)
    session.handle("compare 1 and 2")
    both = session.handle("try both on me")
    assert both.action.kind == "try_on" and [r[1] for r in engine.renders[-2:]] == [
        demo_catalog.image_path(p, next(c for c in ("red", "white") if c in p.colors)) for p in shown[:2]]
    gap = max(4, round(PHOTO.shape[0] * 0.02))
    assert both.tryon_image.shape == (PHOTO.shape[0], 2 * PHOTO.shape[1] + gap, 3)
    assert shown[0].title in both.text and shown[1].title in both.text and "left to right" in both.text, both.text


def test_a_photo_sent_to_try_on_one_several_shown_fit_asks_which_of_them(demo_catalog):
    """"Put the warmest one on me" with a photo, where four cardigans were as warm, got the photo's own "pick any
    product": which of the four is asked, and the answer is worn."""
    engine = ContractEngine()
    session = make(demo_catalog, engine).session()
    session.handle("looking for a cardigan to wear over my dresses, nothing too pricey")
    warmest = session.handle("which one is the warmest?")
    assert warmest.text.count("#") >= 2, warmest.text
    turn = session.handle("put the warmest one on me", image=PHOTO)
    assert turn.action.kind == "which_product" and turn.state.photo and len(turn.action.candidates) >= 2, turn.text
    tried = session.handle(str(turn.action.candidates[-1]))
    assert tried.action.kind == "try_on" and tried.tryon_image is not None, tried.text


def test_a_photo_sent_to_try_on_one_none_shown_fits_asks_which_and_keeps_the_photo(demo_catalog):
    """"Try the striped one on me" with a photo, where none shown is striped, got the photo's own "pick any product
    and say 'try it on me'": the words asked for one and were not answered. They get "none of the ones I showed
    is striped", and the photo is kept for the number said next."""
    engine = ContractEngine()
    session = make(demo_catalog, engine).session()
    shown = session.handle("show me hoodies").products
    assert not any("striped" in p.values("pattern") for p in shown)
    turn = session.handle("try the striped one on me", image=PHOTO)
    assert turn.action.kind == "which_product" and turn.state.photo and "striped" in turn.text, turn.text
    tried = session.handle("the first one")
    assert tried.action.kind == "try_on" and tried.tryon_image is not None and tried.products == shown[:1], tried.text
