"""Phrasings beyond the dev set, written for the general rules they exercise (spelled-out
amounts, colloquial spelling, gifts, idioms, descriptions of a shown product, Chinese
"besides X, Y too")."""

from __future__ import annotations

import pytest

from assistant.slots import SearchRequest
from assistant.understanding import Understander
from assistant.understanding.context import Context

UNDERSTANDER = Understander()
SHOWN = Context(
    request=SearchRequest(category="shirt"), shown_count=3,
    shown_tags=(
        frozenset({("category", "shirt"), ("color", "black"), ("material", "linen")}),
        frozenset({("category", "shirt"), ("color", "navy"), ("material", "cotton")}),
        frozenset({("category", "shirt"), ("color", "white"), ("material", "cotton")}),
    ),
)


def understand(text: str, ctx: Context = SHOWN):
    return UNDERSTANDER.understand(text, ctx)


@pytest.mark.parametrize("text, low, high", [
    ("anything under fifty quid?", None, 50),
    ("under a hundred and twenty dollars", None, 120),
    ("between thirty and sixty bucks", 30, 60),
    ("nothin under 40 please", 40, None),
    ("my budget's about 150", None, 150),
    ("something around 200 dollars", 160, 240),
    ("a coat, $90 or so", 72, 108),
    ("I've got about 50 euros to spend", None, 50),
    ("200块左右的外套", 160, 240),
    ("a warm parka for roughly 300", 240, 360),
    ("sandals about 40 or so", 32, 48),
    ("I'm about 30 and need a blazer", None, None),
    ("I wear around 12 in dresses", None, None),
    ("show me about 20 of them", None, None),
    ("my waist is around 32", None, None),
])
def test_spelled_out_and_colloquial_amounts(text, low, high):
    changes = understand(text).changes
    assert (changes.min_price, changes.max_price) == (low, high)


@pytest.mark.parametrize("text, move", [("nah, too pricey", "lower"), ("这个太贵了", "lower"),
                                        ("not too expensive please", None), ("不要太贵", None)])
def test_too_expensive_means_cheaper_unless_negated(text, move):
    assert understand(text).changes.price_move == move


@pytest.mark.parametrize("text, order", [("a cardigan, nothing too pricey", "low"), ("a dress that's not too pricey", "low"),
                                         ("show me the priciest coats", "high"), ("something not too expensive", "low")])
def test_a_price_word_said_with_too_or_not_ranks_cheapest_first(text, order):
    """"Looking for a cardigan, nothing too pricey" listed the priciest first: "pricey" ranked high, said with
    "nothing too" or not."""
    from assistant.understanding.facts import asked_orders

    assert dict(asked_orders(text)).get("price") == order


@pytest.mark.parametrize("text, intent, ref", [
    ("put the black one in my bag", "add_to_cart", 1),
    ("tell me about the linen one", "details", 1),
    ("try the white one on me", "try_on", 3),
    ("那件藏青色的多少钱", "details", 2),
    ("白色的那件加入购物车", "add_to_cart", 3),
    ("#2's material?", "details", 2),
    ("can I get the 3rd in medium", "add_to_cart", 3),
    ("show me wearing the second one", "try_on", 2),
])
def test_pointing_at_a_shown_product(text, intent, ref):
    u = understand(text)
    assert (u.intent, u.ref) == (intent, ref)


def test_a_description_that_fits_several_or_a_plural_is_a_request():
    assert understand("the cotton one").ref is None                      # two cotton shirts are shown
    u = understand("show me the black shirts")
    assert u.intent == "refine" and u.changes.values["color"] == ("black",)


@pytest.mark.parametrize("text, gender", [
    ("want to get her a dress for the holidays", "women"),
    ("my dad's birthday is next week, maybe a wool sweater", "men"),
    ("my sister's birthday party is saturday, I need a dress", None),
])
def test_who_a_gift_is_for(text, gender):
    assert understand(text, Context()).changes.values.get("gender", (None,))[0] == gender


def test_idioms_taste_and_what_is_owned_are_not_requests():
    u = understand("he's in the navy now and needs a warm coat", Context())
    assert u.changes.values == {"category": ("coat",)}
    taste = understand("I hate red on me, show me green")
    assert taste.intent == "refine" and taste.changes.exclude == {"color": ("red",)}
    assert taste.changes.values["color"] == ("green",)
    owned = understand("just bought black jeans, need a white tee to go with them", Context())
    assert owned.intent == "search" and owned.changes.values == {"category": ("t-shirt",), "color": ("white",)}
    assert understand("something for my 21st birthday", Context()).ref is None


def test_chinese_besides_is_inclusive_with_too_and_exclusive_otherwise():
    inclusive = understand("除了蓝色，灰色也可以")
    assert inclusive.changes.values["color"] == ("blue", "grey") and "color" in inclusive.changes.additive
    assert understand("除了蓝色都行").changes.exclude == {"color": ("blue",)}


def test_more_and_photo_requests():
    assert understand("keep them coming").intent == "more"
    assert understand("please delete the photo I sent").ruled_act == "forget_photo"


@pytest.mark.parametrize("text", ["hang on, where did my picture go?", "have you still got my selfie?",
                                  "who sees my photos?", "are my pictures kept private?", "我的自拍还在吗"])
def test_a_question_about_the_shoppers_own_photo_is_answered_as_one(text):
    assert understand(text).ruled_act == "photo_status", text


@pytest.mark.parametrize("text", ["can you show the dress on my photo?", "use my picture for the second one",
                                  "does it look good in my photo?", "delete my selfie please"])
def test_words_that_only_mention_the_photo_are_no_question_about_it(text):
    assert understand(text).ruled_act != "photo_status", text


@pytest.mark.parametrize("text", ["I'd like trousers, not jeans", "trousers rather than jeans",
                                  "maybe trousers instead of jeans", "换成裤子，不要牛仔裤",
                                  "I'd rather have trousers than jeans"])
def test_a_garment_turned_down_beside_the_one_asked_for_is_not_a_second_garment(text):
    """"I'd like a skirt rather than a dress" was read as an outfit of a skirt and a dress: the garment turned down is
    not asked for."""
    u = understand(text, Context(request=SearchRequest(category="jeans"), shown_count=3))
    assert u.intent in ("search", "refine") and u.garments == ("trousers",), (u.intent, u.garments)
    assert u.changes.values.get("category") == ("trousers",), u.changes
