"""An outfit tried on from the chat, with the real try-on engine and the demo shop: "try the outfit on me" after
outfits under one budget is one render of all its pieces, "now with the second trousers" swaps one piece and keeps
the others, "add the outfit" adds what was worn, and a piece the photo cannot wear is said apart while the rest is
drawn. Real photos: the public-domain astronaut (half length); a full-length dev photo when ../shared is there."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from assistant.manager import Assistant
from assistant.understanding import Understander
from assistant.understanding.positions import Positions, within_kind
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import load_image
from web.chat_ui import gallery_items

OUTFITS = "a t-shirt and trousers for the weekend, 80 for both"


@pytest.fixture(scope="module")
def assistant(demo_catalog, engine):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), tryon=engine)


def _pieces(turn) -> list[tuple[str, str]]:
    """Each piece's kind and whether the reply says it was drawn ("done": in the outfit's first sentence) or left
    out ("failed": "I couldn't put ... on your photo")."""
    head = turn.text.split(". ")[0]
    return [(p.category, "done" if p.title in head else "failed" if f"I couldn't put {p.title}" in turn.text else "?")
            for p in turn.products]


def test_a_half_length_photo_wears_the_outfits_top_and_says_why_not_its_trousers(assistant):
    session = assistant.session()
    listed = session.handle(OUTFITS)
    top, trousers = listed.products[:2]
    session.handle("", image=data.astronaut())
    turn = session.handle("try the first outfit on me")
    assert turn.action.kind == "try_on" and turn.tryon_image is not None
    assert _pieces(turn) == [("t-shirt", "done"), ("trousers", "failed")]
    assert turn.text.startswith(f"Here's the outfit on you: {top.title}.")
    assert f"I couldn't put {trousers.title} on your photo" in turn.text and "full-length photo" in turn.text


def test_the_outfit_is_tried_in_chinese(assistant):
    session = assistant.session()
    session.handle("给我搭配一件T恤和一条裤子，两件加起来100以内")
    session.handle("", image=data.astronaut())
    turn = session.handle("试一下这套")
    assert turn.action.kind == "try_on" and turn.tryon_image is not None
    assert turn.text.startswith("这是整套搭配穿在你身上的效果：")


@needs_dev_set
def test_an_outfit_is_built_swapped_and_added_on_a_full_length_photo(assistant):
    session = assistant.session()
    listed = session.handle(OUTFITS).products
    session.handle("", image=load_image(IMAGES / "person_fitdit_0223.jpg"))
    first = session.handle("try the first outfit on me")
    assert _pieces(first) == [("t-shirt", "done"), ("trousers", "done")], first.text
    swapped = session.handle("now with the second trousers")
    second_trousers = [p for p in listed if p.category == "trousers"][1]
    assert swapped.action.kind == "try_on" and [p.id for p in swapped.products] == [listed[0].id, second_trousers.id]
    assert _pieces(swapped) == [("t-shirt", "done"), ("trousers", "done")]
    assert not np.array_equal(first.tryon_image, swapped.tryon_image)
    added = session.handle("add the outfit to my cart")
    assert {line.product_id for line in session.state.cart} == {listed[0].id, second_trousers.id}, added.text


@needs_dev_set
def test_an_outfit_asked_for_before_the_photo_is_worn_whole_when_it_comes(assistant):
    """The try-on waiting for the photo held one product: the top alone was drawn when the photo came."""
    session = assistant.session()
    top, trousers = session.handle(OUTFITS).products[:2]
    asked = session.handle("try the first outfit on me")
    assert asked.action.kind == "ask_photo" and top.title in asked.text and trousers.title in asked.text
    assert "whole body" in asked.text and asked.state.pending_tryon == (top.id, trousers.id)
    session.handle("what is the second one made of?")
    uploaded = session.handle("", image=load_image(IMAGES / "person_fitdit_0223.jpg"))
    assert uploaded.tryon_image is not None and uploaded.state.pending_tryon == ()
    assert _pieces(uploaded) == [("t-shirt", "done"), ("trousers", "done")], uploaded.text
    assert uploaded.state.tried == (top.id, trousers.id)
    session.handle("now a blouse for women")
    session.handle("", image=load_image(IMAGES / "person_fitdit_8.png"))   # a new photo starts a new outfit
    alone = session.handle("try the first one on me")
    assert [p.category for p in alone.products] == ["blouse"], alone.text


@needs_dev_set
def test_trousers_that_go_with_the_top_tried_are_tried_with_it(assistant):
    session = assistant.session()
    session.handle("show me black t-shirts for men")
    session.handle("", image=load_image(IMAGES / "person_fitdit_0223.jpg"))
    alone = session.handle("try the first one on me")
    assert len(alone.products) == 1 and not alone.text.startswith("Here's the outfit")
    session.handle("what trousers would go with it?")
    turn = session.handle("try the first one on me")
    assert [p.category for p in turn.products] == ["t-shirt", "trousers"] and turn.products[0] == alone.products[0]
    assert _pieces(turn) == [("t-shirt", "done"), ("trousers", "done")], turn.text


def _shown(*categories: str) -> tuple[frozenset[tuple[str, str]], ...]:
    return tuple(frozenset({("category", c)}) for c in categories)


@pytest.mark.parametrize("words,kinds,shown,said", [
    (["now", "with", "the", "second", "trousers"], {4: "trousers"}, ("t-shirt", "trousers") * 3, (4,)),
    (["the", "second", "pair", "of", "trousers"], {4: "trousers"}, ("t-shirt", "trousers") * 3, (4,)),
    (["the", "last", "t-shirt"], {2: "t-shirt"}, ("t-shirt", "trousers") * 3, (5,)),
    (["the", "second", "trousers"], {2: "trousers"}, ("trousers",) * 4, (2,)),           # one kind listed: as said
    (["the", "second", "one", "with", "trousers"], {4: "trousers"}, ("t-shirt", "trousers") * 2, (2,)),
    (["the", "fourth", "trousers"], {2: "trousers"}, ("t-shirt", "trousers") * 2, (4,)),  # only two: as said
])
def test_a_position_before_a_kind_counts_among_that_kind(words, kinds, shown, said):
    """Both the positions said and where each was said ("now with the second trousers" tried the second product
    listed once the products pointed at were read in the order said)."""
    position = {"second": 2, "last": -1, "fourth": 4}[next(w for w in words if w in ("second", "last", "fourth"))]
    at = words.index(next(w for w in words if w in ("second", "last", "fourth")))
    positions = Positions(said=(position,), tokens=frozenset({at}), said_at=((at, position),))
    read = within_kind(positions, words, kinds, _shown(*shown))
    assert read.said == said and read.said_at == ((at, said[0]),)   # the order said reads where it was said


def test_the_pieces_tried_together_are_named_by_their_kind_beyond_the_list(assistant):
    """After a navy blouse was tried and a grey cardigan tried over it from the cardigans that go with it, "add the
    blouse and the cardigan" got "none of the ones I showed is a blouse": the list on screen was the cardigans. The
    pieces of the last try-on are named by their kind where the list does not name them."""
    session = assistant.session()
    blouse = session.handle("navy sleeveless blouse").products[0]
    session.handle("try the first one on me", image=data.astronaut())
    cardigans = session.handle("what about a cardigan over it in case it gets chilly").products
    grey = next(p for p in cardigans if "grey" in p.colors)   # the only grey one in the demo shop's list
    worn = session.handle("try the grey one on me")
    assert set(worn.state.tried) == {blouse.id, grey.id}, worn.text
    added = session.handle("ok add the blouse and the cardigan in L")
    assert added.action.kind == "add_to_cart", added.text
    assert {(line.product_id, line.size, line.color) for line in added.state.cart} == \
        {(blouse.id, "L", "navy"), (grey.id, "L", "grey")}, added.text
    asked = session.handle("tell me about the blouse")
    assert asked.action.kind == "details" and blouse.title in asked.text
    # an open question names it too, and the cart answers it ("I don't know the answer" before)
    matched = session.handle("does the blouse go with what I've bought?")
    assert matched.action.kind == "advice" and blouse.title in matched.text and grey.title in matched.text, matched.text
    # its card carries no number: "2." beside the sixth cardigan pointed at the list's second
    captions = dict(zip((p.id for p in worn.products), (line for _, line in gallery_items(session, worn))))
    assert captions[grey.id].startswith(f"{cardigans.index(grey) + 1}. ")
    assert captions[blouse.id].startswith(blouse.title)


def test_a_piece_tried_over_the_one_its_list_goes_with_is_worn_over_it(assistant):
    """"Try the grey one on me over the blouse", from the cardigans that go with a blouse not yet tried, drew the
    cardigan over the shopper's own top: it is worn over the blouse."""
    session = assistant.session()
    blouse = session.handle("navy sleeveless blouse").products[0]
    session.handle("tell me about the first one")
    session.handle("what about a cardigan over it in case it gets chilly")
    turn = session.handle("try the grey one on me over the blouse", image=data.astronaut())
    assert turn.action.kind == "try_on" and blouse.id in turn.state.tried and len(turn.state.tried) == 2, turn.text
    assert turn.text.startswith("Here's the outfit on you:") and blouse.title in turn.text, turn.text


def test_a_piece_tried_and_one_listed_are_named_together(assistant):
    """"把衬衫和第一件开衫都加入购物车" after trying a shirt and listing cardigans for it added the cardigan alone: the
    shirt is named by its kind beside the first cardigan named by its number."""
    session = assistant.session()
    shirt = session.handle("我想买一件白色的衬衫，M码，300以内").products[1]
    session.handle("穿在我身上看看第二件", image=data.astronaut())
    cardigans = session.handle("外面搭一件开衫怎么样").products
    first = cardigans[0]
    turn = session.handle("把衬衫和第一件开衫都加入购物车，M码")
    assert turn.action.kind == "add_to_cart", turn.text
    assert {line.product_id for line in turn.state.cart} == {shirt.id, first.id}, turn.text
    past = session.handle(f"第{len(cardigans) + 1}件是什么面料？")   # a number past the list names nothing, tried or not
    assert shirt.title not in past.text, past.text
