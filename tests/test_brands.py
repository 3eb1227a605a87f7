"""Brands: "Kestrel jackets" and "anything from Saltmarsh?" list only that brand's products, by a hard filter like any
other; a brand the shop does not carry ("coats from North Lodge") is said not to be carried, with the brands it has,
and never stands in for a search it did not make. One real shopper turn in twenty names a brand. The sentences here
are our own; none is a shopper's. Real demo catalog, real FAISS, real understanding."""

from __future__ import annotations

import pytest

from assistant.manager import Assistant
from assistant.understanding import Understander
from catalog.search import Filters


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog))


def _brands(catalog) -> list[str]:
    return sorted({p.brand for p in catalog.products.values() if p.brand})


def test_the_catalog_filters_by_brand(demo_catalog):
    """A brand is searched in lower case, as the CLI's filters are written (`--brand kestrel`)."""
    for brand in _brands(demo_catalog)[:3]:
        found = demo_catalog.search("a jacket", Filters(brand=(brand.lower(),)), k=20)
        assert found.hits and all(h.product.brand == brand for h in found.hits), brand


@pytest.mark.parametrize("words", ["show me {brand} jackets", "do you have any jackets from {brand}?",
                                   "jackets by {brand} please"])
def test_a_brand_asked_for_lists_only_its_products(assistant, demo_catalog, words):
    brand = next(b for b in _brands(demo_catalog)
                 if sum(p.brand == b and p.category == "jacket" for p in demo_catalog.products.values()) >= 2)
    turn = assistant.session().handle(words.format(brand=brand))
    assert turn.products and all(p.brand == brand and p.category == "jacket" for p in turn.products), turn.text
    assert f"{brand} jacket" in turn.text.splitlines()[0], turn.text


def test_a_brand_joined_by_an_ampersand_is_one_name_not_its_words(assistant, demo_catalog):
    """"Wren & Wool" read as its last word: wool sweaters of any brand."""
    brand = next((b for b in _brands(demo_catalog) if "&" in b and sum(
        p.brand == b and p.category == "sweater" for p in demo_catalog.products.values()) >= 2), None)
    assert brand is not None, "the demo shop should have sweaters by a brand with an ampersand"
    turn = assistant.session().handle(f"sweaters from {brand}")
    assert turn.products and all(p.brand == brand for p in turn.products), turn.text
    assert turn.state.request.material == (), turn.state.request


def test_another_brand_replaces_the_first_and_a_new_garment_drops_it(assistant, demo_catalog):
    first, second = _brands(demo_catalog)[:2]
    session = assistant.session()
    session.handle(f"show me {first} shirts")
    other = session.handle(f"anything from {second} instead?")
    assert other.products and all(p.brand == second for p in other.products), other.text
    dresses = session.handle("now show me dresses")
    assert dresses.state.request.brand == (), dresses.state.request


@pytest.mark.parametrize("words, named", [
    ("do you have any coats from North Lodge?", "North Lodge"), ("a hoodie by The Vegan Baker", "The Vegan Baker"),
    # said by the brand's own word, or just before the garment
    ("any jackets by the brand Silver Fox?", "Silver Fox"), ("show me some Pine Ridge hoodies", "Pine Ridge"),
    ("I'd like a Maple & Birch coat", "Maple & Birch"),
    # a name that begins with a number ("a coat from 212 Local" searched coats as if the shop had answered it)
    ("a coat from 212 Local", "212 Local"), ("any 212 Local jackets under 200?", "212 Local"),
])
def test_a_brand_the_shop_does_not_carry_is_said_with_the_brands_it_has(assistant, demo_catalog, words, named):
    turn = assistant.session().handle(words)
    lines = turn.text.splitlines()
    assert lines[0].startswith(f"This shop doesn't carry {named}.") and all(b in lines[0] for b in _brands(demo_catalog))
    assert turn.products and turn.state.request.brand == (), turn.text


@pytest.mark.parametrize("words", ["I'm from London and need a warm coat", "I need a coat by Friday",
                                   "Nice coats! Any in navy?", "Hawaiian shirts please", "I need 2 Shirts for work",
                                   "coats from 200 to 300 dollars"])
def test_where_the_shopper_is_from_a_date_or_a_count_is_no_brand(assistant, words):
    turn = assistant.session().handle(words)
    assert "doesn't carry" not in turn.text and turn.products, turn.text


def test_a_long_run_of_capitals_is_never_said_back_as_a_brand(assistant):
    turn = assistant.session().handle("show me coats from " + "X" * 300)
    assert "doesn't carry" not in turn.text and turn.products, turn.text[:200]


@pytest.mark.parametrize("words", ["do you have anything from {brand}?", "anything from {lower}?",
                                   "anything by {brand}?", "有{brand}的吗？"])
def test_a_brand_alone_lists_its_products(assistant, demo_catalog, words):
    """"Do you have anything from Kestrel?" asked what kind of item: a request of a brand alone read as empty. And
    "anything from kestrel?" as a first message was read as a question for the shop ("I don't know the answer"), and
    so was "有Kestrel的吗？" (embedded as the brand's name alone, which means something else to the embedder)."""
    brand = _brands(demo_catalog)[0]
    turn = assistant.session().handle(words.format(brand=brand, lower=brand.lower()))
    assert turn.action.kind == "search" and turn.products, turn.text
    assert all(p.brand == brand for p in turn.products), turn.text


def test_a_brand_not_carried_said_alone_is_said_so_before_asking_what_kind(assistant):
    turn = assistant.session().handle("anything from North Lodge?")
    lines = turn.text.splitlines()
    assert lines[0].startswith("This shop doesn't carry North Lodge.") and turn.action.kind == "clarify", turn.text


def test_a_brand_not_carried_for_the_garment_on_screen_answers_with_that_list_not_the_next_page(assistant):
    """"I want a North Lodge hoodie instead" over hoodies is no "show me more": the list it answers is the first."""
    session = assistant.session()
    first = session.handle("hoodies please")
    again = session.handle("I want a North Lodge hoodie instead")
    assert again.text.startswith("This shop doesn't carry North Lodge."), again.text
    assert [p.id for p in again.products] == [p.id for p in first.products], again.text
    assert again.state.page == 0


def test_a_brand_not_carried_is_said_when_nothing_more_is_found_either(assistant, demo_catalog):
    """Past the last page, the reply still says the brand asked for is not carried before there is nothing more."""
    session = assistant.session()
    turn = session.handle("green hoodies")
    while turn.products:
        turn = session.handle("show me more")
    last = session.handle("more like these but by North Lodge?")
    assert last.text.startswith("This shop doesn't carry North Lodge.") and not last.products, last.text


def test_a_brand_named_after_the_word_brand_is_read_wherever_it_stands(assistant):
    """"Show me only the brand Maple & Birch" names a brand as surely as "by the brand ..." does."""
    turn = assistant.session().handle("show me coats, only the brand Maple & Birch please")
    assert turn.understanding.unknown_brand == "Maple & Birch", turn.understanding
    assert turn.text.startswith("This shop doesn't carry Maple & Birch.") and turn.products, turn.text
