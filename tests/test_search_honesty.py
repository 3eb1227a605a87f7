"""What the shopper set is never given up silently: the garment, the size in stock, the stated
budget and exclusions hold, and when nothing meets them the reply says so and shows the
nearest products with what differs. Real demo catalog, real FAISS, real understanding."""

from __future__ import annotations

import pytest

from assistant.manager import Assistant
from assistant.understanding import Understander


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog))


def hard_ok(product, request) -> bool:
    colors = tuple(c for c in request.color if c in product.colors)
    price = product.price_for(colors, request.size)
    return (
        (request.category is None or product.category == request.category)
        and (request.size is None or request.size in product.sizes_in_stock(colors))
        and (request.max_price is None or (price is not None and price <= request.max_price))
        and not any(v in product.values(slot) for slot, vals in request.exclude.items() for v in vals)
    )


@pytest.mark.parametrize("messages", [
    ["a navy linen shirt for a summer wedding, size L, under $60, nothing slim", "something cheaper, in white"],
    ["black jeans size XS under $40", "in grey"],
    ["a red dress for a party, size M, under 70", "cheaper"],
    ["a yellow leather blazer, size XS, under $20"],
])
def test_shown_products_meet_every_hard_constraint_or_the_reply_says_they_do_not(assistant, messages):
    session = assistant.session()
    for message in messages:
        turn = session.handle(message)
    request = turn.state.request
    if all(hard_ok(p, request) for p in turn.products):
        assert turn.products and "Nothing matches" not in turn.text
    else:
        assert turn.text.startswith("Nothing matches all of that")
        for product in turn.products:
            line = next(l for l in turn.text.splitlines() if product.title in l)
            assert " — but " in line, line


def test_a_near_miss_names_what_differs(assistant):
    session = assistant.session()
    turn = session.handle("a yellow leather blazer, size XS, under $20")
    assert turn.text.startswith("Nothing matches all of that") and turn.products
    assert any(word in turn.text for word in ("over your $20", "not in stock in XS", ", not "))


def test_cheaper_means_cheaper_than_what_was_shown_within_the_budget(assistant):
    session = assistant.session()
    first = session.handle("a shirt under $80")
    shown = sorted(p.price_for((), None) for p in first.products)
    cheaper = session.handle("something cheaper")
    assert cheaper.state.request.max_price < 80
    assert all(p.price_for((), None) < shown[len(shown) // 2] + 1 for p in cheaper.products)


@pytest.mark.parametrize("words, said", [
    ("I'd like a hoodie with great reviews", "I don't have customer ratings or reviews"),
    ("show me the best rated linen shirts", "I don't have customer ratings or reviews"),
    ("给我看看评价好的衬衫", "没有顾客评分或评价"),
])
def test_a_search_by_ratings_says_the_shop_has_none(assistant, words, said):
    """The shop has no ratings: "a hoodie with great reviews" listed hoodies as if they were picked by them."""
    turn = assistant.session().handle(words)
    assert turn.action.kind == "search" and turn.products and said in turn.text, turn.text
    assert "ratings" not in assistant.session().handle("show me hoodies").text


@pytest.mark.parametrize("search", ["grey jackets", "show me jackets"])
def test_ratings_asked_of_a_list_say_the_shop_has_none_and_keep_the_list(assistant, search):
    """"Do you have one with good reviews?" over the grey jackets said only "That's everything I have"; over six of
    many jackets it listed the next six as "more". Ratings are no reason for other products: the list stays."""
    session = assistant.session()
    listed = session.handle(search)
    turn = session.handle("do you have one with good reviews?")
    assert turn.text.startswith("I don't have customer ratings or reviews"), turn.text
    assert turn.products == listed.products and "more" not in turn.text and "everything" not in turn.text, turn.text


def test_a_brand_s_standing_asked_says_the_shop_has_no_ratings_each_time(assistant):
    """"Is Saltmarsh a good brand?" listed Saltmarsh's products as if that answered it, and asked again it said
    "That's everything I have for this request"."""
    session = assistant.session()
    for _ in range(2):
        turn = session.handle("is Saltmarsh a good brand?")
        assert turn.text.startswith("I don't have customer ratings or reviews"), turn.text
        assert turn.products and all(p.brand == "Saltmarsh" for p in turn.products), turn.text


@pytest.mark.parametrize("words, said", [("do customers really like the second one?", "I don't have ratings or reviews"),
                                         ("which of these is the most popular?", "no ratings or reviews"),
                                         ("哪件最受欢迎？", "没有这些商品的评分或评价")])
def test_how_well_liked_a_shown_product_is_asked_says_the_shop_has_no_ratings(assistant, words, said):
    """"Do customers really like the first one?" answered "I don't know the answer to that one"."""
    session = assistant.session()
    session.handle("show me hoodies")
    turn = session.handle(words)
    assert said in turn.text, turn.text


@pytest.mark.parametrize("words", ["is it any good?", "do people like it?", "what do people think of it?"])
def test_whether_the_product_in_focus_is_liked_says_the_shop_has_no_ratings(assistant, words):
    """"Is it any good?" after a coat's details listed more coats; "do people like it?" answered "I don't know"."""
    session = assistant.session()
    shown = session.handle("show me coats").products
    session.handle("tell me about the third one")
    turn = session.handle(words)
    assert turn.products == (shown[2],) and "I don't have ratings or reviews" in turn.text, turn.text


@pytest.mark.parametrize("words, thing", [("who makes that cap? is it any good?", "caps"),
                                          ("how much are those sneakers?", "sneakers"),
                                          ("put the scarf in my cart", "scarves")])
def test_a_question_about_something_the_shop_does_not_sell_says_so(assistant, words, thing):
    """"What brand makes that hat?" over jeans answered for the first pair of jeans: none shown is a hat, and the
    shop sells none. The list stays on screen and nothing goes in the cart."""
    session = assistant.session()
    listed = session.handle("show me jeans")
    turn = session.handle(words)
    assert turn.text.startswith(f"This shop doesn't sell {thing}."), turn.text
    assert turn.state.shown == listed.state.shown and turn.state.cart == ()
