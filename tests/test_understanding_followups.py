"""Follow-ups the understanding misread, as whole conversations through the dialogue manager: a
description of a product in an outfit list, a size chosen for the product in focus, a question
about a garment's property, taking one line out of a cart of two, a wearer the shopper never
stated carried into the next request, "it" after a new list, a garment the shop does not sell
(said to be unsold, not answered with whatever matches the request's other words, nor with "which one?"
when asked to go with one of a list), and "cheaper"
said of the one product in focus (cheaper than that product)."""

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


def _unique_colour(products):
    """A colour exactly one of the products comes in, and that product's position (1-based)."""
    for i, product in enumerate(products, 1):
        for colour in product.colors:
            if sum(colour in p.colors for p in products) == 1:
                return colour, i
    return None, None


@pytest.mark.parametrize("search, outfit", [
    ("a t-shirt for summer, size M", "what trousers would go with the first one?"),
    ("a black dress for a party", "what jacket would go with the first one?"),
    ("show me linen shirts", "which shorts go with the second one?"),
])
@pytest.mark.parametrize("words", ["the {en} one", "what about the {en} one?", "{zh}的那件"])
def test_a_description_of_a_product_an_outfit_listed_tells_about_it(assistant, search, outfit, words):
    from assistant.phrasebook import value_name

    session, (_, matched) = _talk(assistant, search, outfit)
    colour, position = _unique_colour(matched.products)
    assert colour is not None, "the outfit list should hold a product in a colour no other has"
    turn = session.handle(words.format(en=colour, zh=value_name("color", colour, "zh")))
    assert turn.action.kind == "details" and turn.action.refs == (position,), (turn.understanding, turn.action)
    assert turn.products == (matched.products[position - 1],) and turn.state.cart == ()


@pytest.mark.parametrize("words, size", [
    ("let's go with L", "L"), ("M for me", "M"), ("I'll go with an XL", "XL"), ("size S please", "S"),
    ("那就M码吧", "M"),
])
def test_a_size_said_of_the_product_in_focus_is_its_size_and_add_it_adds_in_it(assistant, words, size):
    session, (listed, told) = _talk(assistant, "show me linen shirts", "tell me about the second one")
    chosen = session.handle(words)
    second = listed.products[1]
    # the size is held for the product in focus; "let's go with L" may also read as "I'll take it in L", which
    # is asked about before it is added: either way nothing is in the cart yet, and "add it" adds it in that size
    assert chosen.action.kind in ("choose_size", "confirm") and chosen.state.cart == ()
    assert chosen.state.shown == listed.state.shown and second.title in chosen.text and size in chosen.text
    added = session.handle("add it")
    assert [(line.product_id, line.size) for line in added.state.cart] == [(second.id, size)]


def test_a_size_said_with_no_product_in_focus_refines_the_list(assistant):
    _, (_, sized) = _talk(assistant, "show me linen shirts", "M for me")
    assert sized.action.kind == "search" and sized.state.request.size == "M"


@pytest.mark.parametrize("words", ["could I see a few more of them in size L?", "any others in L?",
                                   "还有别的L码吗？"])
def test_more_products_asked_for_in_a_size_refine_the_list_though_one_is_in_focus(assistant, words):
    """Asking for more pieces in a size after one's details is a search in that size, not that product's size."""
    _, (listed, _, sized) = _talk(assistant, "show me linen shirts", "tell me about the first one", words)
    assert sized.action.kind == "search" and sized.state.request.size == "L", (sized.understanding, sized.action)
    assert sized.products and all("L" in p.sizes for p in sized.products), sized.text


@pytest.mark.parametrize("words", ["is it stretchy?", "does it have any stretch?", "这条有弹性吗？"])
def test_a_question_about_stretch_is_answered_from_the_catalog_honestly(assistant, words):
    session, (listed, _) = _talk(assistant, "show me jeans", "tell me about the first one")
    turn = session.handle(words)
    first = listed.products[0]
    assert turn.action.kind == "details" and turn.products == (first,)
    assert ("doesn't say whether it stretches" in turn.text or "没有注明它是否有弹力" in turn.text), turn.text
    assert first.title in turn.text


def test_stretch_the_description_states_is_quoted(demo_catalog):
    from assistant.replies_details import _details

    product = demo_catalog.rows[0].model_copy(update={"description": "A soft tee. It has 5% elastane for stretch."})
    assert "It has 5% elastane for stretch." in _details(product, "en", ("stretch",))


@pytest.mark.parametrize("words, gone", [
    ("take the second one out", 1), ("pull the first one out", 0), ("drop the second one", 1), ("第二件删掉", 1),
])
def test_one_line_out_of_a_cart_of_two(assistant, words, gone):
    session, (listed, _, _) = _talk(assistant, "show me linen shirts", "add the first one", "add the second one")
    turn = session.handle(words)
    ids = [p.id for p in listed.products[:2]]
    assert turn.action.kind == "remove_from_cart", (turn.understanding.intent, turn.understanding.confidence)
    assert [line.product_id for line in turn.state.cart] == [pid for i, pid in enumerate(ids) if i != gone]


@pytest.mark.parametrize("words, zh", [("let's go with size 97", False), ("size 42 please", False), ("那就97码吧", True)])
def test_a_size_the_product_is_not_made_in_is_said_so_with_the_sizes_it_has(assistant, words, zh):
    """ "let's go with size 97" after a dress's details showed the list again, as if nothing was said."""
    session, (listed, _) = _talk(assistant, "show me red dresses", "tell me about the first one")
    turn = session.handle(words)
    first = listed.products[0]
    number = "".join(ch for ch in words if ch.isdigit())
    assert turn.action.kind == "choose_size" and turn.products == (first,), (turn.understanding, turn.action)
    assert number in turn.text and ", ".join(first.sizes) in turn.text and first.title in turn.text
    assert ("没有" if zh else "isn't one of the sizes") in turn.text, turn.text
    assert turn.state.request.size is None and turn.state.shown == listed.state.shown


@pytest.mark.parametrize("words, size", [("size 3XL please", "3XL"), ("do you have it in xxxl?", "XXXL")])
def test_a_letter_size_past_the_shops_is_said_not_made_not_read_as_its_largest(assistant, words, size):
    """ "size 3XL please" after a t-shirt's details was answered "in XXL — it's in stock"."""
    session, (listed, _) = _talk(assistant, "show me black t-shirts", "tell me about the second one")
    turn = session.handle(words)
    second = listed.products[1]
    assert turn.understanding.unknown_size == size and turn.action.kind == "choose_size", turn.understanding
    assert f"{size} isn't one of the sizes" in turn.text and ", ".join(second.sizes) in turn.text, turn.text
    assert "XXL —" not in turn.text and turn.state.request.size is None


def test_a_search_in_a_size_the_shop_has_none_of_says_so_before_the_list(assistant):
    turn = assistant.session().handle("black t-shirts in 3xl")
    assert turn.products and turn.text.startswith("The shop has no size 3XL: its sizes are XS, S, M, L, XL, XXL.")
    assert turn.state.request.size is None, turn.text
    assert assistant.session().handle("a black t-shirt in 2XL").state.request.size == "XXL"


def test_the_shoppers_fit_exclusion_holds_for_the_other_garment_of_an_outfit(assistant):
    """ "a navy linen shirt … nothing slim", then "what goes with it?" listed slim trousers."""
    _, (_, _, matched) = _talk(assistant, "a navy linen shirt, nothing slim", "tell me about the first one",
                               "what goes with it?")
    assert matched.action.kind == "outfit" and matched.products
    assert all(p.fit != "slim" for p in matched.products), [p.title for p in matched.products]
    assert matched.state.request.exclude == {"fit": ("slim",)}
    more = matched.state.request
    assert more.category != "shirt"


def test_an_outfit_keeps_the_shoppers_taste_not_the_garments_exclusions():
    from assistant.slots import SearchRequest
    from assistant.state import DialogueState, outfit_request

    said = SearchRequest(category="shirt", exclude={"category": ("polo",), "fit": ("slim",), "style": ("formal",)})
    request = outfit_request(DialogueState(request=said), "trousers")
    assert request.category == "trousers" and request.exclude == {"fit": ("slim",), "style": ("formal",)}


@pytest.mark.parametrize("words, zh", [("tell me about the black one", False), ("黑色那件怎么样", True)])
def test_a_description_the_only_product_shown_does_not_fit_asks_about_it_by_name(assistant, words, zh):
    """With one product on screen the question read "Tell me its number (1–1)."."""
    session, (listed,) = _talk(assistant, "show me pink t-shirts")
    assert len(listed.products) == 1 and "black" not in listed.products[0].colors
    turn = session.handle(words)
    assert turn.action.kind == "which_product" and listed.products[0].title in turn.text, turn.text
    assert "1–1" not in turn.text and "1 到 1" not in turn.text and "number" not in turn.text
    bad = session.handle("tell me about the third one")
    assert listed.products[0].title in bad.text and "1 to 1" not in bad.text


def test_the_numbers_a_shopper_may_name_read_well_for_two_and_for_many():
    from assistant.replies import numbers

    assert numbers(2, "en") == "1 or 2" and numbers(6, "en") == "1 to 6" and numbers(2, "zh") == "1或2"


@pytest.mark.parametrize("search, pointed, new_list", [
    ("show me black and white t-shirts under $50", "tell me about the black one", "cheaper"),
    ("show me linen shirts", "tell me about the third one", "show me more"),
    ("a dress for a wedding", "tell me about #2", "in red instead"),
])
def test_it_after_a_new_list_is_the_product_named_never_what_now_stands_at_its_number(assistant, search, pointed,
                                                                                     new_list):
    session, (_, told, listed, asked) = _talk(assistant, search, pointed, new_list, "what goes with it?")
    named = told.products[0].id
    assert listed.products and asked.understanding.intent == "outfit"
    now = [p.id for p in listed.products]
    if named in now:   # still on screen, where it now stands
        assert asked.action.kind == "outfit" and asked.action.refs == (now.index(named) + 1,)
    else:              # gone from the screen: which one is asked back, not the new list's product at its old number
        assert asked.action.kind == "which_product" and asked.products == () and asked.state.cart == ()


@pytest.mark.parametrize("words, what", [
    ("white sneakers under 80", "sneakers"),
    ("any hats?", "hats"),
    ("do you have shoes?", "shoes"),
    ("I need a new suit", "suits"),          # said of the kind: "doesn't sell suit" read as broken English
    ("a scarf in red, please", "scarves"),
    ("我想要一双运动鞋", "鞋"),
])
def test_a_garment_the_shop_does_not_sell_is_said_so_with_what_it_sells(assistant, words, what):
    _, (turn,) = _talk(assistant, words)
    assert turn.action.kind in ("search", "clarify") and turn.products == ()
    assert f"doesn't sell {what}" in turn.text or ("不卖" in turn.text and what in turn.text), turn.text
    sold = assistant.catalog.vocabulary()["category"]
    assert "jeans" in sold and ("jeans" in turn.text or "牛仔裤" in turn.text)


@pytest.mark.parametrize("words", ["any hats?", "do you have shoes?", "我想要一双运动鞋"])
def test_an_unsold_garment_asked_for_alone_is_answered_with_no_request_kept(assistant, words):
    _, (turn,) = _talk(assistant, words)
    assert "anything" not in turn.text and "(" not in turn.text and "（" not in turn.text, turn.text


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


def test_an_unsold_garment_to_go_with_one_of_a_list_is_said_unsold_before_asking_which(assistant):
    _, (listed, shoes) = _talk(assistant, "blue dress", "what shoes go with it?")
    assert len(listed.products) >= 2 and shoes.action.kind == "clarify", shoes.text
    assert "doesn't sell shoes" in shoes.text and not shoes.products


def test_cheaper_after_a_products_details_is_cheaper_than_that_product(assistant):
    _, (listed, told, cheaper) = _talk(assistant, "white t-shirts", "tell me about the second one", "cheaper")
    price = listed.products[1].price
    assert told.products == (listed.products[1],)
    assert cheaper.products and all(p.price < price for p in cheaper.products)


def test_cheaper_after_a_list_is_cheaper_than_the_lists_middle(assistant):
    _, (listed, cheaper) = _talk(assistant, "white t-shirts", "cheaper")
    prices = sorted(p.price for p in listed.products)
    assert cheaper.products and max(p.price for p in cheaper.products) < prices[len(prices) // 2] + 1


def test_a_budget_said_for_an_unsold_garment_is_not_the_shoppers_budget(assistant):
    """The unsold reply keeps "white, under $80" for the garment named next; a garment after that one
    starts afresh, as after any garment's own budget."""
    _, (_, tees, dresses) = _talk(assistant, "do you have white sneakers under 80?",
                                  "ok, a plain white t-shirt then, size M, under $40", "show me sleeveless summer dresses")
    assert tees.state.request.max_price == 40
    assert dresses.products and dresses.state.request.max_price is None and "$80" not in dresses.text


def test_a_budget_said_without_a_garment_is_still_carried_to_the_next_garment(assistant):
    _, (_, dresses) = _talk(assistant, "my budget is under 50", "show me dresses")
    assert dresses.state.request.max_price == 50


@pytest.mark.parametrize("first", ["anything in mustard?", "any in teal?", "anything in stripes?", "anything in silk?",
                                   "got anything in pink?", "有没有蓝色的"])
def test_a_value_asked_for_on_an_empty_screen_is_a_request_not_advice(assistant, first):
    """"Anything in black?" as a first message was read as a question for the shop's colour advice ("black goes
    with almost every colour"), with products of other colours beside it. With nothing shown it asks for things
    in that value: the assistant asks what kind of item, keeps the value, and the next garment named is listed
    in it."""
    _, (asked, listed) = _talk(assistant, first, "shirts" if "蓝" not in first else "衬衫")
    assert asked.action.kind == "clarify", asked.text
    said = asked.state.request.to_canonical()
    assert listed.action.kind == "search" and listed.products
    assert {k: v for k, v in listed.state.request.to_canonical().items() if k != "category"} == said


def test_a_question_about_a_value_on_an_empty_screen_is_still_advice(assistant):
    session, (advice,) = _talk(assistant, "does mustard suit pale skin?")
    assert advice.action.kind == "advice"


def _colour_not_first(products, holders: int):
    """A colour exactly `holders` of the products come in, and the position (1-based) of one of them that comes
    first in another colour."""
    for product in products:
        for colour in product.colors[1:]:
            if sum(colour in p.colors for p in products) == holders:
                return colour, products.index(product) + 1
    return None, None


@pytest.mark.parametrize("search", ["short sleeve dresses", "shirts", "jackets", "sweaters"])
def test_a_product_described_by_a_colour_goes_in_the_cart_in_that_colour(assistant, search):
    """"Is the black one silk?", then "add it": the dress went in the cart in its first colour (grey), not the
    black the shopper described it by."""
    session = assistant.session()
    listed = session.handle(search)
    colour, place = _colour_not_first(listed.products, 1)
    assert session.handle(f"is the {colour} one made of cotton?").ref == place
    added = session.handle("add it to my cart")
    assert [line.color for line in added.state.cart] == [colour]


def test_the_answer_to_which_one_adds_it_in_the_colour_it_was_described_by(assistant):
    """"Add the black one" of two black ones was asked back; "1" added it in its first colour, not in black."""
    session = assistant.session()
    listed = session.handle("short sleeve dresses")
    colour, place = _colour_not_first(listed.products, 2)
    asked = session.handle(f"add the {colour} one to my cart")
    assert asked.action.kind == "which_product", asked.text
    added = session.handle(str(place))
    assert [line.color for line in added.state.cart] == [colour]


@pytest.mark.parametrize("words, garment", [("what about coats?", "coat"), ("what about jeans?", "jeans"),
                                            ("how about polos?", "polo")])
def test_what_about_another_garment_over_a_list_lists_that_garment(assistant, words, garment):
    """"What about coats?" over a list of hoodies answered how coats are sized: the shopper moves on to coats."""
    _, (_, turn) = _talk(assistant, "show me hoodies", words)
    assert turn.action.kind == "search" and turn.products, turn.text
    assert all(p.category == garment for p in turn.products), turn.text
