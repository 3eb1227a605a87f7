"""Follow-ups the understanding misread, as whole conversations through the dialogue manager: a
description of a product in an outfit list, a size chosen for the product in focus, a question
about a garment's property, taking one line out of a cart of two, and a wearer the shopper never
stated carried into the next request."""

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


@pytest.mark.parametrize("search, outfit, other", [
    ("a black dress for a party", "what jacket would go with the first one?", "now show me jeans"),
    ("a blue shirt", "what trousers go with the first one?", "show me jackets"),
    ("a t-shirt for summer", "which skirt would match the first one?", "I'd like a coat"),
    ("找一条连衣裙", "第一件配什么外套？", "给我看看牛仔裤"),
])
def test_a_wearer_read_off_an_outfit_item_steers_its_search_but_is_not_kept(assistant, search, outfit, other):
    session, (listed, matched, fresh) = _talk(assistant, search, outfit, other)
    assert matched.action.kind == "outfit" and matched.products
    item = assistant.catalog.products[listed.state.shown[0].product_id]
    wearer = item.audience or item.gender
    if wearer in ("men", "women"):
        assert all(p.gender in (wearer, "unisex") for p in matched.products)   # one outfit, one wearer
    assert matched.state.request.gender is None and fresh.state.request.gender is None
    heading = fresh.text.split(":")[0]
    assert fresh.action.kind == "search" and not {"men's", "women's", "男", "女"} & (set(heading.split()) | set(heading))


def test_a_wearer_the_shopper_said_is_kept_for_the_next_garment(assistant):
    _, (_, matched, fresh) = _talk(assistant, "a men's shirt for work", "what trousers would go with the first one?",
                                   "now show me jackets")
    assert matched.state.request.gender == "men" and fresh.state.request.gender == "men"
