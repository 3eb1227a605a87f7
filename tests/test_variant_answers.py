"""A colour or size asked of one shown product ("does the second one come in blue?", "do you have the
first one in a medium?") is answered yes or no first, from its catalog colours, sizes and stock,
with what there is instead when the answer is no; the whole description is not recited in its place."""

from __future__ import annotations

import pytest

from assistant.manager import Assistant
from assistant.understanding import Understander
from assistant.variant_answer import asked_variant
from catalog.schema import Variant
from catalog.vocabulary import COLORS


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def _listed(assistant, search="show me a red dress"):
    session = assistant.session()
    listed = session.handle(search)
    assert listed.products
    return session, listed.products


def test_a_colour_it_does_not_come_in_is_a_no_with_its_colours(assistant):
    session, products = _listed(assistant)
    second = products[1]
    missing = next(c for c in ("blue", "yellow", "purple", "beige") if c not in second.colors)
    turn = session.handle(f"does the second one come in {missing}?")
    assert turn.action.kind == "details" and turn.products == (second,)
    assert f"doesn't come in {missing}" in turn.text, turn.text
    assert all(c in turn.text for c in second.colors)
    assert second.description not in turn.text


def test_a_colour_it_comes_in_is_a_yes(assistant):
    session, products = _listed(assistant)
    first = products[0]
    turn = session.handle(f"the first one in {first.colors[0]}?")
    assert turn.products == (first,)
    assert f"Yes, it comes in {first.colors[0]}." in turn.text, turn.text


def test_a_size_in_stock_is_a_yes_and_a_size_not_made_says_its_sizes(assistant):
    session, products = _listed(assistant)
    first = products[0]
    stocked = first.sizes_in_stock(())
    assert stocked
    turn = session.handle(f"do you have the first one in size {stocked[0]}?")
    assert turn.products == (first,) and f"Yes, {stocked[0]} is in stock." in turn.text, turn.text
    shop_sizes = ("XS", "S", "M", "L", "XL", "XXL")
    lacking = [s for s in shop_sizes if s not in first.sizes]
    if lacking:
        turn = session.handle(f"do you have the first one in size {lacking[0]}?")
        assert f"isn't made in {lacking[0]}" in turn.text and ", ".join(first.sizes) in turn.text, turn.text


def test_the_answer_is_in_chinese_when_asked_in_chinese(assistant):
    session, products = _listed(assistant, "找一条红色连衣裙")
    first = products[0]
    missing = next(c for c in ("blue", "yellow", "purple") if c not in first.colors)
    turn = session.handle(f"第一件有{ {'blue': '蓝色', 'yellow': '黄色', 'purple': '紫色'}[missing] }的吗？".replace(" ", ""))
    assert turn.products == (first,)
    assert "没有" in turn.text and "只有" in turn.text, turn.text


def test_a_size_sold_out_in_the_asked_colour_says_what_is_in_stock_in_it(demo_catalog):
    product = demo_catalog.rows[0].model_copy(update={
        "colors": ("navy", "white"), "sizes": ("S", "M", "L"),
        "variants": (Variant(color="navy", size="S", stock=2), Variant(color="navy", size="M", stock=0),
                     Variant(color="white", size="M", stock=5), Variant(color="white", size="L", stock=1))})
    assert "navy" in COLORS and "white" in COLORS
    assert asked_variant(product, "en", "navy", "M") == "Yes, it comes in navy. In navy, M is sold out; in stock: S."
    assert asked_variant(product, "en", None, "M") == "Yes, M is in stock."
    assert asked_variant(product, "en", "red", "M") == ("No, it doesn't come in red — it comes in navy and white. "
                                                        "Yes, M is in stock.")
    assert asked_variant(product, "en", None, "XL") == "It isn't made in XL: it comes in S, M, L."
    assert asked_variant(product, "en", None, None) is None


@pytest.mark.parametrize("search, colour, asked", [
    ("show me navy t-shirts for women", "navy", "what sizes does the first one come in?"),
    ("给我看看藏青色的女式T恤", "navy", "第一件有什么尺码"),
])
def test_sizes_in_stock_are_said_for_the_colour_its_card_shows(assistant, search, colour, asked):
    """A tee listed for the navy asked showed "sizes L, XL" on its card while its details said "In stock: S, M, L,
    XL, XXL", the sizes of all its colours: the colour searched for is the one its sizes are said for, and the other
    colours' own sizes are said apart."""
    session, products = _listed(assistant, search)
    first = products[0]
    assert colour in first.colors and len(first.colors) > 1, first.colors
    turn = session.handle(asked)
    text = "".join(turn.stream())
    navy, every = first.sizes_in_stock((colour,)), first.sizes_in_stock(())
    assert turn.action.kind == "details" and ", ".join(navy) in text, text
    assert ("S, M, L, XL, XXL" not in text) or navy == every, text
    others = [s for s in every if s not in navy]
    assert not others or ", ".join(others) in text, text
