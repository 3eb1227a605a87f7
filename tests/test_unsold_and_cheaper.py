"""A garment the shop does not sell is said to be unsold, not answered with whatever matches the
request's other words; "cheaper" said of the one product in focus is cheaper than that product.
Whole conversations through the dialogue manager on the demo catalog."""

from __future__ import annotations

import pytest

from assistant.manager import Assistant
from assistant.understanding import Understander


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def _talk(assistant, *messages):
    session = assistant.session()
    return session, [session.handle(m) for m in messages]


@pytest.mark.parametrize("words, what", [
    ("white sneakers under 80", "sneakers"),
    ("any hats?", "hats"),
    ("do you have shoes?", "shoes"),
    ("我想要一双运动鞋", "鞋"),
])
def test_a_garment_the_shop_does_not_sell_is_said_so_with_what_it_sells(assistant, words, what):
    _, (turn,) = _talk(assistant, words)
    assert turn.action.kind in ("search", "clarify") and turn.products == ()
    assert what in turn.text and ("doesn't sell" in turn.text or "不卖" in turn.text), turn.text
    sold = assistant.catalog.vocabulary()["category"]
    assert "jeans" in sold and ("jeans" in turn.text or "牛仔裤" in turn.text)


def test_the_rest_of_an_unsold_request_is_kept_for_the_garment_named_next(assistant):
    _, (unsold, named) = _talk(assistant, "white sneakers under 80", "ok, t-shirts then")
    assert "white" in unsold.text and "$80" in unsold.text
    assert named.products and named.state.request.category == "t-shirt"
    assert all("white" in p.colors and p.price < 80 for p in named.products)


@pytest.mark.parametrize("words", [
    "something white under 80 to wear with my sneakers",
    "I'm wearing a navy suit, I need a white shirt",
    "a linen shirt that goes with sneakers",
])
def test_a_garment_worn_with_or_owned_is_no_request_for_it(assistant, words):
    _, (turn,) = _talk(assistant, words)
    assert turn.action.kind == "search" and turn.products and "doesn't sell" not in turn.text


def test_an_outfit_asked_for_is_not_taken_for_an_unsold_garment(assistant):
    _, (_, outfit) = _talk(assistant, "a black top for a party", "what goes with the first one to make an outfit?")
    assert outfit.action.kind == "outfit" and outfit.products and "doesn't sell" not in outfit.text


def test_cheaper_after_a_products_details_is_cheaper_than_that_product(assistant):
    _, (listed, told, cheaper) = _talk(assistant, "white t-shirts", "tell me about the second one", "cheaper")
    price = listed.products[1].price
    assert told.products == (listed.products[1],)
    assert cheaper.products and all(p.price < price for p in cheaper.products)


def test_cheaper_after_a_list_is_cheaper_than_the_lists_middle(assistant):
    _, (listed, cheaper) = _talk(assistant, "white t-shirts", "cheaper")
    prices = sorted(p.price for p in listed.products)
    assert cheaper.products and max(p.price for p in cheaper.products) < prices[len(prices) // 2] + 1
