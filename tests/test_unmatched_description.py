"""A description that fits none of the shown products ("what about the black one?" when none shown is black) is
said back in its own words, with the words that look for such products; said, they do. Asked "which one do you
mean?" with nothing shown fitting, the shopper had no way on but a number."""

from __future__ import annotations

import pytest

from assistant.manager import Assistant
from assistant.phrasebook import value_name
from assistant.understanding import Understander


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def _colour_not_shown(session) -> str:
    """A colour the shop sells the shown products' kind in that none of them comes in."""
    shown = [session.catalog.products[s.product_id] for s in session.state.shown]
    kind = shown[0].category
    worn = {c for p in shown for c in p.colors}
    sold = sorted({c for p in session.catalog.products.values() if p.category == kind for c in p.colors} - worn)
    return sold[0]


@pytest.mark.parametrize("search, ask, lang", [
    ("a long wool coat for winter, under 200", "what about the {colour} one?", "en"),
    ("show me linen shirts", "is the {colour} one in stock?", "en"),
    ("给我看看羊毛大衣，200以内", "那件{colour}的呢？", "zh"),
])
def test_a_description_no_shown_product_fits_is_said_back_with_words_that_look_for_it(assistant, search, ask, lang):
    session = assistant.session()
    session.handle(search)
    kind = session.catalog.products[session.state.shown[0].product_id].category
    colour = _colour_not_shown(session)
    turn = session.handle(ask.format(colour=value_name("color", colour, lang)))
    assert turn.action.kind == "which_product"
    said = value_name("color", colour, lang)
    assert said in turn.text, turn.text
    suggested = turn.text.split("“")[1].split("”")[0]
    found = session.handle(suggested)
    assert found.action.kind == "search", found.text
    listed = [session.catalog.products[s.product_id] for s in session.state.shown]
    assert listed and all(colour in p.colors and p.category == kind for p in listed), found.text


def test_of_two_descriptions_the_one_no_shown_product_fits_is_named_alone(assistant):
    """"The sizes of the navy jacket and the grey jacket?" over shirts was answered "None of the ones I showed is a
    navy grey jacket": the two looks joined into one no one asked for. The first one none fits is named."""
    session = assistant.session()
    session.handle("show me short sleeve shirts")
    turn = session.handle("what sizes do the navy jacket and the grey jacket come in?")
    assert turn.action.kind == "which_product"
    assert "a navy jacket" in turn.text and "grey" not in turn.text, turn.text


def test_a_look_of_several_colours_is_said_as_one_products(assistant):
    """"The red and white sweater" none shown fits was said back as "a red white sweater"."""
    session = assistant.session()
    session.handle("show me short sleeve shirts")
    turn = session.handle("what sizes does the red and white sweater come in?")
    assert "a red and white sweater" in turn.text, turn.text


@pytest.mark.parametrize("search, said", [("show me t-shirts", "shirt"), ("show me t-shirts", "top"),
                                          ("show me blazers", "jacket"), ("show me jeans", "trousers")])
def test_a_shoppers_looser_word_for_the_garment_shown_points_at_it(assistant, search, said):
    """"The beige shirt" over a list of T-shirts was "None of the ones I showed is a beige shirt": no shown product is a
    shirt, and all are what a shopper calls one. The garment word covers them (a broad word, or one worn on the same
    part of the body), so the colour alone picks."""
    session = assistant.session()
    listed = session.handle(search).products
    colour = next(c for p in listed for c in p.colors if sum(c in q.colors for q in listed) == 1)
    place = next(i for i, p in enumerate(listed, 1) if colour in p.colors)
    turn = session.handle(f"tell me about the {value_name('color', colour, 'en')} {said}")
    assert turn.action.kind == "details" and turn.ref == place, turn.text


def test_a_garment_none_shown_is_of_is_still_none_of_them(assistant):
    session = assistant.session()
    session.handle("show me t-shirts")
    turn = session.handle("tell me about the black dress")
    assert turn.action.kind == "which_product"


@pytest.mark.parametrize("asked", ["can you compare the two pairs of dark jeans on the left?",
                                   "what's the difference between the dresses by the window?"])
def test_an_act_on_a_garment_none_shown_is_asks_which_instead_of_taking_the_first(assistant, asked):
    """"Compare the two pairs of dark jeans" over a list of hoodies compared the first two hoodies."""
    session = assistant.session()
    session.handle("show me hoodies")
    turn = session.handle(asked)
    assert turn.action.kind == "which_product" and not turn.products, turn.text


def test_a_comparison_of_the_garment_shown_still_runs(assistant):
    session = assistant.session()
    session.handle("show me hoodies")
    assert session.handle("compare the first two hoodies").action.kind == "compare"
    assert session.handle("compare the last two tops").action.kind == "compare"   # "tops" covers hoodies


@pytest.mark.parametrize("search, asked", [("show me hoodies", "how much is that hoodie?"),
                                           ("grey coats in XL", "what are the size and rating of that coat?")])
def test_a_question_about_that_one_of_a_list_it_all_fits_asks_which(assistant, search, asked):
    """"What are the size and rating of that coat?" over six grey coats answered for all six: the words pick none."""
    session = assistant.session()
    session.handle(search)
    turn = session.handle(asked)
    assert turn.action.kind == "which_product" and turn.text.startswith("Which one do you mean"), turn.text
