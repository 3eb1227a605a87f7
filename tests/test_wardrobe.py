"""One product held against what the shopper already has ("does it go with what I've bought?", "with my jeans?"):
the pieces in their cart, in their colours, by what an outfit's pieces are scored by."""

from __future__ import annotations

import pytest

from assistant.advice import complement_of
from assistant.llm.openai_backend import OpenAIBackend
from assistant.manager import Assistant
from assistant.outfit_sets import color_grade
from assistant.understanding import Understander
from assistant.understanding.context import Context
from assistant.wardrobe import graded, worn_instead
from tests.local_http import serving, streaming_model


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def _with_black_jeans(assistant):
    session = assistant.session()
    jeans = session.handle("show me black jeans").products[0]
    session.handle("add the first one in size M")
    return session, jeans


@pytest.mark.parametrize("one, other, instead", [("jeans", "trousers", True), ("dress", "skirt", True),
                                                 ("jeans", "jeans", True), ("t-shirt", "jeans", False),
                                                 ("sweater", "shirt", False), ("jacket", "dress", False)])
def test_pieces_for_the_same_part_of_the_body_are_worn_instead_of_each_other(one, other, instead):
    assert worn_instead(one, other) == instead == worn_instead(other, one)


def test_a_product_is_judged_in_the_one_colour_that_goes_best_with_every_piece(demo_catalog):
    """A black-and-yellow product with black jeans is judged in yellow (a pairing), not black (the same neutral)."""
    jeans = next(p for p in demo_catalog.products.values() if p.category == "jeans")
    some = [p for p in demo_catalog.products.values() if p.category != "jeans" and len(p.colors) >= 2
            and any(color_grade(c, "black") == "harmony" for c in p.colors)
            and any(color_grade(c, "black") != "harmony" for c in p.colors)]
    assert some
    for product in some:
        color, grades = graded(product, [(jeans, "black")])
        assert color_grade(color, "black") == "harmony" and grades == (("harmony", (jeans, "black")),)


@pytest.mark.parametrize("ask", ["does the second go with what I've bought?", "will the second one go with what's in "
                                 "my cart?", "would number 2 go with my jeans?", "第二件和我买的搭吗？"])
def test_one_product_is_held_against_the_cart_and_the_piece_it_goes_with_is_named(assistant, ask):
    """"Does it go with what I've bought?" got a general note on black, "does the first one go with my jeans?" said
    "with my jeans it's dressed down" (the shopper's words echoed), and "will the white tee go with what's in my
    cart?" offered to add it: the product's colour is held against the cart's pieces, and the jeans named."""
    session, jeans = _with_black_jeans(assistant)
    shown = session.handle("show me white t-shirts").products
    turn = session.handle(ask)
    assert turn.action.kind == "advice" and turn.state.cart[0].product_id == jeans.id, turn.text
    assert shown[1].title in turn.text and jeans.title in turn.text, turn.text
    assert ("goes well with your black" in turn.text) or ("配你的" in turn.text or "很配" in turn.text), turn.text
    assert "my jeans" not in turn.text


def test_it_over_a_list_is_each_product_held_against_the_cart(assistant):
    session, jeans = _with_black_jeans(assistant)
    shown = session.handle("show me white t-shirts").products
    turn = session.handle("does it go with what I've bought?")
    assert all(p.title in turn.text for p in shown) and turn.text.count(jeans.title) == len(shown), turn.text
    assert "Black goes with almost every colour" not in turn.text   # the cart's colours answer, not a table fact


def test_a_list_of_one_is_held_against_the_cart(assistant):
    """"Which of these goes best with what I've bought?" over a list of one product got "I don't know the answer"."""
    session, jeans = _with_black_jeans(assistant)
    only = session.handle("show me a red striped wool sweater by wren & wool").products
    assert len(only) == 1
    turn = session.handle("which of these goes best with what I've bought?")
    assert only[0].title in turn.text and jeans.title in turn.text and "don't know" not in turn.text, turn.text


@pytest.mark.parametrize("cart, said", [(False, "cart is empty"), (True, "only pieces of the same kind")])
def test_nothing_in_the_cart_to_wear_it_with_is_said_not_guessed(assistant, cart, said):
    session = assistant.session()
    if cart:
        trousers = session.handle("show me grey trousers").products
        place = next(k for k, p in enumerate(trousers, 1) if "M" in p.sizes_in_stock(()))
        assert session.handle(f"add number {place} in size M").state.cart
    session.handle("show me black jeans")
    turn = session.handle("does the first go with what I've bought?")
    assert turn.action.kind == "advice" and said in turn.text, turn.text


def test_a_piece_named_as_the_shoppers_own_but_not_in_the_cart_is_weighed_by_how_dressy_it_is(assistant):
    session, jeans = _with_black_jeans(assistant)
    session.handle("show me white t-shirts")
    turn = session.handle("does the first go with my sneakers?")
    assert "your sneakers" in turn.text and jeans.title not in turn.text, turn.text


def test_a_bottom_with_the_shoppers_own_jeans_is_worn_in_their_place(assistant):
    session, jeans = _with_black_jeans(assistant)
    session.handle("show me grey trousers")
    turn = session.handle("does the first go with my jeans?")
    assert "in place of your jeans" in turn.text and "goes well" not in turn.text, turn.text


def test_a_bottom_with_the_shoppers_own_bottom_of_its_kind_is_worn_in_its_place(assistant):
    """Trousers held against "my chinos" (trousers too) were said to go well with them: the same kind is worn
    instead as much as jeans are."""
    session = assistant.session()
    shown = session.handle("show me trousers").products
    assert all(p.category == "trousers" for p in shown)
    turn = session.handle("I have beige chinos, which of these would go?")
    assert turn.text.count("in place of your chinos") == len(shown) and "goes well" not in turn.text, turn.text


def test_a_question_about_the_shoppers_own_piece_alone_is_answered_of_it_not_of_the_list(assistant):
    """"Will my linen trousers be fine in a downpour?" over shirts held each shirt against the trousers; it asks of
    the trousers in the rain, which the shop's knowledge answers."""
    session = assistant.session()
    shown = session.handle("show me shirts").products
    turn = session.handle("will my linen trousers be fine in a downpour?")
    assert turn.action.kind == "advice" and "rain" in turn.text.lower(), turn.text
    assert not any(p.title in turn.text for p in shown), turn.text
    paired = session.handle("would the first one go with my linen trousers?")
    assert shown[0].title in paired.text and "your" in paired.text, paired.text


@pytest.mark.parametrize("words, own, said", [("can I wear it with my jeans?", True, "your jeans"),
                                              ("can I wear it with jeans?", False, "jeans"),
                                              ("I already have dark jeans, would it go with them?", True, "your jeans"),
                                              ("能配我的牛仔裤吗？", True, "牛仔裤")])
def test_a_piece_said_as_the_shoppers_own_is_read_as_theirs(assistant, words, own, said):
    piece = assistant.understander.understand(words, Context()).pieces[0]
    assert (piece.own, piece.said, piece.category) == (own, said, "jeans")


@pytest.mark.parametrize("cart", [False, True])
def test_the_model_never_answers_what_the_cart_settles(demo_catalog, cart):
    """With an empty cart, "does it go with what I've bought?" over four trousers went to the model, which said one
    "goes with the trousers you've bought": the cart settles it, once for an empty cart, per product for a full one."""
    said = "The product goes with the trousers you've bought."
    with serving(streaming_model(0.0, said)) as url:
        backed = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog),
                           catalog_label="demo", llm=OpenAIBackend(url + "/v1", "test", retries=0))
        session = backed.session()
        if cart:
            session.handle("show me black jeans")
            session.handle("add the first one in size M")
        shown = session.handle("show me white t-shirts").products
        turn = session.handle("does it go with what I've bought?")
    assert turn.action.kind == "advice" and said not in turn.text, turn.text
    if cart:
        assert all(p.title in turn.text for p in shown), turn.text
    else:
        assert turn.text.count("cart is empty") == 1, turn.text


def test_a_piece_the_shopper_says_they_have_is_what_the_product_is_held_against(assistant):
    """"I already have dark jeans, would it go with them?" of a jacket got a note on jeans' dress codes and washing,
    with trousers as cards: the jeans said as theirs are the piece worn with it."""
    session = assistant.session()
    jacket = session.handle("show me denim jackets").products[0]
    session.handle("tell me about the first one")
    turn = session.handle("I already have dark jeans, would it go with them?")
    assert turn.action.kind == "advice" and jacket.title in turn.text and "your jeans" in turn.text, turn.text
    assert not turn.products or turn.products == (jacket,)


@pytest.mark.parametrize("words, color", [("would the second one go with my olive chinos?", "olive"),
                                          ("I've got a burgundy skirt, would the first one go with it?", "burgundy"),
                                          ("第一件能配我的白色牛仔裤吗？", "white"),
                                          ("I own a pink shirt, would the third one go with it?", "pink"),
                                          ("第二件能配我的黑色衬衫吗？", "black")])
def test_a_piece_said_in_a_colour_is_held_against_the_product_by_that_colour(assistant, words, color):
    """"I have black jeans, would the first one go with them?" got trousers to go with a tee, and "with my black
    jeans" was weighed by how dressy jeans are: the colour said is the piece's, graded against the product's."""
    session = assistant.session()
    shown = session.handle("show me t-shirts").products
    turn = session.handle(words)
    piece = next(p for p in turn.understanding.pieces if p.own)
    assert turn.action.kind == "advice" and piece.color == color, (turn.action, turn.understanding.pieces)
    product = shown[turn.action.refs[0] - 1]
    _, grades = graded(product, [(None, color)])
    grade = grades[0][0]
    assert product.title in turn.text, turn.text
    if words.isascii():
        phrase = {"harmony": "goes well with your", "neutral": "neutral match for your",
                  "clash": "would compete"}[grade]
        assert phrase in turn.text and f"{color} " in turn.text, turn.text
    else:   # the piece as said, not the shop's English name for its kind
        assert not any(word in turn.text for word in ("jeans", "shirt", "your")), turn.text


def test_it_over_a_list_with_a_piece_of_theirs_holds_each_shown_against_it(assistant):
    """"I already have dark jeans, would it go with them?" over six tees, none singled out, got a note on jeans' dress
    codes and washing with trousers as cards: each tee shown is held against the jeans."""
    session = assistant.session()
    shown = session.handle("show me t-shirts").products
    turn = session.handle("I already have light jeans, would it go with them?")
    assert turn.action.kind == "advice" and all(p.title in turn.text for p in shown), turn.text
    assert turn.text.count("your jeans") == len(shown) and "wash" not in turn.text.lower(), turn.text


@pytest.mark.parametrize("words, kind, piece, theirs", [
    ("I bought olive shorts, find me a shirt for them", "shirt", "your olive shorts", "shorts"),
    ("I own a grey skirt, which blouse would match it?", "blouse", "your grey skirt", "skirt"),
    ("a polo to go with burgundy trousers", "polo", "go with burgundy trousers", "trousers"),
])
def test_a_garment_looked_for_to_go_with_a_piece_of_theirs_is_in_colours_that_go_with_it(assistant, words, kind, piece,
                                                                                           theirs):
    """"I bought beige shorts, show me a tee for them" listed every tee: the garment asked for goes with the piece they
    have (or will wear it with), in colours that pair with the colour they said, as with a product of the shop."""
    session = assistant.session()
    session.handle("show me jackets")
    session.handle("tell me about the first one")
    turn = session.handle(words)
    color = piece.split()[-2]
    assert turn.action.kind == "outfit" and piece in turn.text, turn.text
    assert turn.products and all(p.category == kind for p in turn.products), turn.text
    goes = complement_of(theirs, color, (), kind, ()).colors   # the colours that pair with theirs
    assert all(set(p.colors) & set(goes) for p in turn.products), turn.text


def test_pieces_listed_as_theirs_are_all_theirs_and_the_one_worn_with_is_the_last_said(assistant):
    """"I already have white sneakers and a grey cardigan, what top would go with the skirt?" searched cardigans: the
    ownership ran to "and" alone, so the grey cardigan was asked for. Every piece listed as theirs is theirs, and the
    top goes with the skirt in focus, not with the cardigan."""
    words = "I already have white loafers and a beige blazer, what top would go with the skirt?"
    u = assistant.understander.understand(words, Context())
    blazer = next(p for p in u.pieces if p.category == "blazer")
    assert blazer.own and blazer.color == "beige" and blazer.said == "your blazer", u.pieces
    assert "blazer" not in u.stated.values.get("category", ()), u.stated
    session = assistant.session()
    skirt = session.handle("show me skirts").products[1]
    session.handle("tell me about the second one")
    turn = session.handle(words)
    assert turn.action.kind == "outfit" and skirt.title in turn.text and "blazer" not in turn.text.split(":")[0], \
        turn.text


@pytest.mark.parametrize("words, kind, colors", [
    ("I need a pink blouse to go with my black trousers", "blouse", {"pink"}),
    ("a linen shirt in navy or white to wear with my grey chinos", "shirt", {"navy", "white"}),
    ("我想要一件粉色衬衫配我的黑裤子", "shirt", {"pink"}),
])
def test_a_garment_looked_for_in_colours_of_its_own_is_found_in_them_not_in_those_that_pair(assistant, words, kind,
                                                                                             colors):
    """"I need a pink blouse to go with my black trousers" listed white, grey and red blouses: the colours that pair
    with black, the shopper's pink dropped. The colours they name for the garment they look for are the search's."""
    turn = assistant.session().handle(words)
    assert turn.action.kind == "outfit" and turn.products, turn.text
    assert all(p.category == kind and set(p.colors) & colors for p in turn.products), turn.text
    assert "pair well" not in turn.text and "很搭" not in turn.text, turn.text
