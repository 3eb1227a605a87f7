"""One message, two turns: a request for products and an act on what it finds.

"show me a short sleeve dress and try the first one on me", sent with a selfie after a list of jeans, was read as a
try-on alone: the first pair of jeans went on her, no dress was looked for, and "add the dress to my cart" then
found none. The sentences here are our own; none is a shopper's.
"""

from __future__ import annotations

import json

import pytest
from PIL import Image

from assistant.understanding import Understander
from assistant.understanding.context import Context
from tests.test_assistant_tryon import PHOTO, ContractEngine, make

SHOWN = (frozenset({("category", "coats"), ("color", "black")}), frozenset({("category", "jeans"), ("color", "blue")}))


@pytest.fixture(scope="module")
def understander():
    return Understander()


@pytest.mark.parametrize("text,head,tail,act", [
    ("show me a short sleeve dress and try the first one on me", "show me a short sleeve dress",
     "try the first one on me", "try_on"),
    ("find me a red top and put it on me", "find me a red top", "put it on me", "try_on"),
    ("grey hoodies under 40. add the second one to my cart in L", "grey hoodies under 40",
     "add the second one to my cart in L", "add_to_cart"),
    ("show me sweaters and then compare the first two", "show me sweaters", "compare the first two", "compare"),
    ("给我看看短袖连衣裙，然后试穿第一件", "给我看看短袖连衣裙", "试穿第一件", "try_on"),
])
def test_a_request_and_an_act_on_its_results_are_two_turns(understander, text, head, tail, act):
    for ctx in (Context(), Context(shown_count=2, shown_tags=SHOWN)):
        halves = understander.two_turns(text, ctx)
        assert halves is not None, (text, ctx.shown_count)
        assert halves[0] == head and (halves[1].text, halves[1].act) == (tail, act)
    turn = understander.understand(text)
    assert turn.intent == "search" and turn.own_words == head and turn.then.text == tail


@pytest.mark.parametrize("text", [
    "a black and white striped shirt, size M, under 40",
    "jeans and a white tee for a picnic",
    "I need a dress for a wedding and I'm size M",
    "the black coat looks warm, what is it made of?",     # points at a shown coat: one question about it
    "I'd like a coat like the black one and the blue one",
    "a new jacket, anything that would go with my style?",
    "thanks, that's all",
])
def test_one_request_or_one_act_on_shown_products_stays_one_turn(understander, text):
    for ctx in (Context(), Context(shown_count=2, shown_tags=SHOWN)):
        assert understander.two_turns(text, ctx) is None, (text, ctx.shown_count)


def test_a_selfie_with_a_search_and_a_try_on_finds_then_renders_the_first_found(demo_catalog):
    engine = ContractEngine(coverage="full")
    session = make(demo_catalog, engine).session()
    jeans = session.handle("black jeans for women under 100")
    turn = session.handle("show me a short sleeve dress and try the first one on me", image=PHOTO)
    (found,) = turn.before
    assert found.lists and found.products and all(p.category == "dress" for p in found.products), found.text
    assert not {p.id for p in found.products} & {p.id for p in jeans.products}
    assert turn.action.kind == "try_on" and turn.tryon_image is not None, turn.text
    assert turn.products == found.products[:1] and found.products[0].title in turn.text
    assert len(engine.renders) == 1 and engine.renders[0][2] == "dress"
    added = session.handle("add the dress to my cart in M")
    assert added.action.kind == "add_to_cart" and added.state.cart[0].product_id == found.products[0].id, added.text


def test_a_selfie_with_a_search_keeps_the_photo_and_lists_what_was_asked_for(demo_catalog):
    """A selfie sent with "show me long-sleeved blouses" was searched as a photo of the garment to match: blouses
    the nearest to his grey cardigan, the photo dropped, so "put the second one on me" asked for a photo."""
    engine = ContractEngine(coverage="full")
    session = make(demo_catalog, engine).session()
    turn = session.handle("show me long-sleeved wool sweaters", image=PHOTO)
    (kept,) = turn.before
    assert kept.action.kind == "upload_photo" and turn.state.photo is not None, kept.text
    assert turn.action.kind == "search" and turn.products, turn.text
    assert all(p.category == "sweater" and "wool" in p.material for p in turn.products), turn.text
    worn = session.handle("put the second one on me")
    assert worn.action.kind == "try_on" and worn.tryon_image is not None, worn.text
    assert worn.products == turn.products[1:2]


def test_another_garment_asked_for_over_a_list_is_found_before_it_is_tried_on(demo_catalog):
    """Over a list of tees, "show me midi skirts" reads as a search or a refine, neither surely alone: the first
    tee went on her. Either lists products, and together they are sure."""
    engine = ContractEngine(coverage="full")
    session = make(demo_catalog, engine).session()
    for words in ("black or white t-shirts for women under 40", "is the black one cotton?", "anything cheaper?"):
        session.handle(words)
    turn = session.handle("show me midi skirts and try the first one on me", image=PHOTO)
    (found,) = turn.before
    assert found.products and all(p.category == "skirt" for p in found.products), found.text
    assert turn.tryon_image is not None and turn.products == found.products[:1], turn.text


@pytest.mark.parametrize("text", [
    "I want that grey and yellow sweater, can you add it to my cart?",   # two colours, not two clauses
    "Exactly what I was looking for! Please add it to my cart.",                 # names nothing to find
])
def test_an_act_on_a_shown_product_after_words_that_find_nothing_stays_one_turn(understander, text):
    for ctx in (Context(), Context(shown_count=2, shown_tags=SHOWN)):
        assert understander.two_turns(text, ctx) is None, (text, ctx.shown_count)


def test_a_search_and_an_add_without_a_photo(demo_catalog):
    session = make(demo_catalog, ContractEngine()).session()
    turn = session.handle("show me jeans and add the first one to my cart in M")
    (found,) = turn.before
    assert found.action.kind == "search" and found.products
    assert turn.action.kind == "add_to_cart" and [line.product_id for line in turn.state.cart] == [found.products[0].id]
    assert turn.state.cart[0].size == "M", turn.text


def test_a_search_that_finds_nothing_acts_on_nothing(demo_catalog):
    """The act would land on the list shown before: it does not run, and the search's reply says what was missed."""
    session = make(demo_catalog, ContractEngine()).session()
    before = session.handle("black jeans")
    turn = session.handle("show me purple leather ball gowns under 5 and add the first one to my cart")
    assert turn.understanding.then is not None and turn.understanding.then.act == "add_to_cart"
    assert not turn.state.cart and not turn.before and turn.action.kind in ("search", "clarify"), turn.text
    assert not {p.id for p in turn.products} & {p.id for p in before.products}


def test_the_terminal_chat_shows_both_turns(demo_catalog):
    from assistant.__main__ import _turn_json

    session = make(demo_catalog, ContractEngine()).session()
    shown = _turn_json(session.handle("find me a red top and add it to my cart in S"))
    assert shown["action"] == "add_to_cart" and shown["cart"]
    (found,) = shown["before"]
    assert found["action"] == "search" and found["products"][0]["id"] == shown["cart"][0]["product_id"]
    json.dumps(shown)


def test_a_photo_that_cannot_be_opened_loses_none_of_its_words(demo_catalog, tmp_path):
    """The photo's reply says it could not be opened; the words still find, and the try-on they ask for waits for a
    photo that opens rather than going on the one kept before."""
    engine = ContractEngine(coverage="full")
    session = make(demo_catalog, engine).session()
    session.handle("", image=PHOTO)
    session.handle("black jeans for women under 100")
    kept = session.photo
    broken = tmp_path / "cut.jpg"
    Image.fromarray(PHOTO).save(broken)
    broken.write_bytes(broken.read_bytes()[:400])
    turn = session.handle("show me a short sleeve dress and try the first one on me", image=broken)
    failed, found = turn.before
    assert failed.action.kind == "upload_photo" and "damaged" in failed.text
    assert found.products and all(p.category == "dress" for p in found.products), found.text
    assert turn.action.kind == "ask_photo" and turn.tryon_image is None and not engine.renders, turn.text
    assert session.photo is kept and turn.state.photo is not None
    worn = session.handle("", image=PHOTO)
    assert worn.tryon_image is not None and engine.renders[-1][2] == "dress", worn.text


def test_a_photo_that_cannot_be_opened_with_words_that_forget_the_kept_one_forgets_it(demo_catalog, tmp_path):
    """The kept photo is set aside while the words run; when they delete it, the state names no photo after."""
    session = make(demo_catalog, ContractEngine()).session()
    session.handle("", image=PHOTO)
    broken = tmp_path / "cut.jpg"
    Image.fromarray(PHOTO).save(broken)
    broken.write_bytes(broken.read_bytes()[:400])
    turn = session.handle("forget my photo", image=broken)
    assert session.photo is None and turn.state.photo is None and session.state.photo is None, turn.text


@pytest.mark.parametrize("words", ["does this come in blue?", "find me this in a size L", "这件有蓝色的吗"])
def test_words_about_a_photo_that_cannot_be_opened_wait_for_it(demo_catalog, tmp_path, words):
    """Words that ask about what the photo shows have nothing else to point at: no products are found from them alone
    (a tip about blue jeans), the reply asks for the photo, and a photo kept before stays kept, as does the request
    (a colour asked of the photo became the request, and a navy tee went into the cart in grey)."""
    session = make(demo_catalog, ContractEngine()).session()
    session.handle("", image=PHOTO)
    session.handle("navy t-shirts for women")
    kept, asked = session.state.photo, session.state.request
    broken = tmp_path / "cut.jpg"
    Image.fromarray(PHOTO).save(broken)
    broken.write_bytes(broken.read_bytes()[:400])
    turn = session.handle(words, image=broken)
    assert turn.action.kind == "photo_search" and not turn.products and not turn.before, turn.text
    lead = {"en": "damaged", "zh": "损坏"}[turn.lang]
    waits = {"en": "once it comes through", "zh": "照片发过来后"}[turn.lang]
    assert lead in turn.text and waits in turn.text, turn.text
    assert session.state.photo == kept and session.photo is not None
    assert session.state.request == asked   # nothing was searched by: "in blue" is not the request now
