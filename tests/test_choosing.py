"""Questions choosing among the shown list, answered from the catalog's facts, naming the product."""

from __future__ import annotations

import pytest

from assistant.advice import GOES_WITH
from assistant.choosing import choose
from assistant.manager import Assistant
from assistant.suitability import warmth
from assistant.understanding import Understander
from assistant.understanding.choice import asked_choice
from assistant.understanding.facts import asked_orders
from assistant.understanding.model import Choice
from assistant.understanding.model import SlotChanges, Understanding
from assistant.wardrobe import goes_with


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def _shown(session):
    return [session.catalog.products[s.product_id] for s in session.state.shown]


@pytest.mark.parametrize("search, ask, key, pick", [
    ("show me jackets", "which of these is the warmest?", warmth, max),
    ("show me dresses", "which one is cheapest?", lambda p: p.price, min),
    ("show me cardigans", "What's the most expensive one here?", lambda p: p.price, max),
    ("给我看看外套", "哪件最便宜？", lambda p: p.price, min),
])
def test_a_ranking_question_names_every_product_tied_for_best_and_no_other(assistant, search, ask, key, pick):
    session = assistant.session()
    session.handle(search)
    shown = _shown(session)
    turn = session.handle(ask)
    best = pick(key(p) for p in shown)
    assert turn.action.kind == "choose"
    assert {p.title for p in shown if p.title in turn.text} == {p.title for p in shown if key(p) == best}, turn.text


def test_the_cheaper_of_the_two_is_between_the_two_last_compared(assistant):
    session = assistant.session()
    session.handle("I'm looking for a skirt")
    session.handle("compare the first and the third")
    first, third = _shown(session)[0], _shown(session)[2]
    turn = session.handle("the cheaper of the two?")
    cheaper = min((first, third), key=lambda p: p.price)
    others = [p for p in _shown(session) if p is not cheaper]
    assert cheaper.title in turn.text and not any(p.title in turn.text for p in others), turn.text


def test_a_size_nobody_has_is_said_and_one_some_have_names_them(assistant):
    session = assistant.session()
    session.handle("show me t-shirts")
    shown = _shown(session)
    turn = session.handle("which of them comes in XL?")
    having = {p.title for p in shown if "XL" in p.sizes_in_stock(())}
    assert {p.title for p in shown if p.title in turn.text} == having


def test_a_fact_no_product_states_is_said_unknown(demo_catalog):
    products = tuple(p.model_copy(update={"material": (), "sleeve": None, "category": "dress"})
                     for p in demo_catalog.rows[:3])
    assert choose(products, Choice((("warmth", "high"),))).ranked[0].unknown


def test_a_value_no_product_has_chooses_none(demo_catalog):
    products = tuple(p for p in demo_catalog.rows if "cashmere" not in p.material)[:4]
    assert choose(products, Choice(wanted=(("material", "cashmere"),))).winners == ()


def test_words_that_name_no_choice_are_not_one():
    plain = Understanding(intent="details")
    assert asked_choice("tell me about the second one", plain) is None
    assert asked_choice("show me cheaper ones", plain) is None
    assert asked_choice("show me more of these but cheaper", plain) is None
    assert asked_choice("the cheaper of the two?", plain) == Choice((("price", "low"),))
    assert asked_choice("which of these is the warmest?", plain) == Choice((("warmth", "high"),))


def test_values_that_describe_the_products_compared_are_not_asked_for():
    black = SlotChanges(values={"color": ("black",)})
    assert asked_choice("which of them comes in black?", Understanding(intent="details", stated=black)) \
        == Choice(wanted=(("color", "black"),))
    assert asked_choice("which one is bigger, that or the black one?",
                        Understanding(intent="details", stated=black, unmatched=True)) is None
    assert asked_choice("which is cheaper, the black or the grey one?",
                        Understanding(intent="details", stated=black)) == Choice((("price", "low"),))
    assert asked_choice("can you tell me which labels make those two black options?",
                        Understanding(intent="details", stated=black)) is None


def test_the_chosen_product_is_what_it_means_next(assistant):
    session = assistant.session()
    session.handle("show me dresses")
    shown = _shown(session)
    cheapest = min(shown, key=lambda p: p.price)
    session.handle("which one is cheapest?")
    added = session.handle("add it to my cart")
    assert added.action.kind == "add_to_cart" and [line.product_id for line in added.state.cart] == [cheapest.id]


def test_two_facts_asked_are_both_answered(assistant):
    session = assistant.session()
    session.handle("show me shirts")
    session.handle("compare the first and the third")
    first, third = _shown(session)[0], _shown(session)[2]
    turn = session.handle("Which one is cheaper, and which one is rated higher?")
    cheaper = min((first, third), key=lambda p: p.price)
    assert cheaper.title in turn.text and "no ratings" in turn.text, turn.text


@pytest.mark.parametrize("words, choice, whole, names_shown, which", [
    ("which of these is the warmest?", Choice((("warmth", "high"),)), True, False, True),
    ("which one is cheapest?", Choice((("price", "low"),)), False, False, True),
    ("这些里哪件最便宜？", Choice((("price", "low"),)), True, False, True),
    ("which of these would you pick for me?", None, True, False, True),
    ("remove the first one you showed me", None, False, True, False),
    ("tell me about the second one", None, False, False, False),
])
def test_what_a_choice_asks_is_read_once_with_the_turn(assistant, words, choice, whole, names_shown, which):
    """`decide`, `among` and the advice over the list take no text: the choice, whether the words
    take in the whole list, count the shown list or ask which of it are facts of the understood turn."""
    session = assistant.session()
    session.handle("show me jackets")
    u = assistant.understander.understand(words, session.state.context())
    assert (u.choice, u.whole_list, u.names_shown, u.asks_which) == (choice, whole, names_shown, which)


@pytest.mark.parametrize("ask", ["which of these is the softest?", "which one is the least see-through?"])
def test_a_question_choosing_by_what_no_fact_ranks_is_advice_over_the_whole_list(assistant, ask):
    """"Which of these is the softest?" read as details with no product named, and was asked back
    "Which one do you mean?": the shopper asked us to choose, so the answer gets every product's facts."""
    session = assistant.session()
    session.handle("a plain white t-shirt, size M, under $40")
    shown = _shown(session)
    turn = session.handle(ask)
    assert len(shown) >= 2 and turn.action.kind == "advice", turn.text
    assert [p.title for p in turn.products] == [p.title for p in shown]


def test_a_colour_of_the_piece_worn_with_them_is_no_choice_among_the_list(assistant):
    """"which of these would look smartest with a grey suit?" chose by grey and answered "None of these is available
    in grey.": the grey is the suit's."""
    session = assistant.session()
    session.handle("navy linen shirt, size L, under $60")
    turn = session.handle("which of these would look smartest with a grey suit?")
    assert turn.understanding.choice is None and turn.action.kind == "advice", turn.text
    assert "grey" not in turn.text.split("\n")[0].lower()


@pytest.mark.parametrize("search, act, kind", [
    ("show me hoodies", "I'll take the warmest one in M", "add_to_cart"),
    ("show me dresses", "tell me more about the warmest one", "details"),
    ("show me sweaters", "tell me more about the warmest one", "details"),
    ("show me jackets under $200", "add the warmest one", "add_to_cart"),
])
def test_the_warmest_one_is_the_product_it_ranks_first(assistant, search, act, kind):
    """"I'll take the warmest one" right after asking which was warmest was 'none of the ones I showed fits that
    description': a phrase ranking the list by a fact other than price pointed at nothing. It is the warmest shown
    (several equally so: which of them is asked, and a question about them answers each)."""
    session = assistant.session()
    session.handle(search)
    shown = _shown(session)
    best = max(warmth(p) for p in shown)
    warmest = [i for i, p in enumerate(shown, 1) if warmth(p) == best]
    turn = session.handle(act)
    if len(warmest) == 1 or kind == "details":   # a question answers each of several equally warm
        assert (turn.action.kind, turn.action.refs) == (kind, tuple(warmest))
    else:
        assert turn.action.kind == "which_product" and set(turn.action.candidates) == set(warmest)


@pytest.mark.parametrize("ask", ["Which of these would best complement my purchases?",
                                 "which one goes best with what I've bought?", "哪件和我买的最搭？"])
def test_what_goes_best_with_the_cart_is_held_against_the_pieces_in_it(assistant, ask):
    """"Which sweater would best complement my purchases?" got "I don't know the answer to that one", and "do any of
    these go with my wardrobe?" a note on capsule wardrobes: the cart is what the shop knows of what the shopper has,
    and the products shown are ranked by how an outfit's pieces are scored together (colours, style, occasion)."""
    session = assistant.session()
    jeans = session.handle("show me black jeans").products[0]
    session.handle("add the first one in size M")
    shown = session.handle("show me sweaters").products
    turn = session.handle(ask)
    assert turn.action.kind == "choose" and [line.product_id for line in turn.state.cart] == [jeans.id]
    best = max(goes_with(p, [(jeans, "black")]) for p in shown)
    named = {p.title for p in shown if f" {p.title}" in turn.text}
    assert named == {p.title for p in shown if goes_with(p, [(jeans, "black")]) == best}, turn.text
    assert jeans.title in turn.text, turn.text


def test_what_goes_with_an_empty_cart_is_asked_not_guessed(assistant):
    session = assistant.session()
    shown = session.handle("show me sweaters").products
    turn = session.handle("which of these goes with my wardrobe?")
    assert turn.action.kind == "choose" and "cart is empty" in turn.text, turn.text
    assert not any(p.title in turn.text for p in shown) and turn.state.last_ref is None


@pytest.mark.parametrize("words, match", [("which one goes best with my stuff?", True),
                                          ("which would fit best with what I've purchased", True),
                                          ("I'll go with the black one", False), ("which fits me best?", False)])
def test_going_with_the_shoppers_own_pieces_is_a_ranking_only_with_them_named(words, match):
    assert (("match", "high") in asked_orders(words)) == match


def test_a_search_held_against_the_cart_shows_pieces_in_colours_that_go_with_it(assistant):
    """"Show me a jacket that goes with the rest of my wardrobe" was a plain jacket search: with the cart holding
    black jeans, it is jackets in the colours that go with black, said as going with the jeans."""
    session = assistant.session()
    jeans = session.handle("show me black jeans").products[0]
    session.handle("add the first one in size M")
    turn = session.handle("show me a jacket that goes with the rest of my wardrobe")
    assert turn.action.kind == "outfit" and turn.products and jeans.title in turn.text, turn.text
    assert all(p.category == "jacket" and set(p.colors) & set(GOES_WITH["black"]) for p in turn.products)


def test_a_search_held_against_an_empty_cart_says_the_wardrobe_is_unseen(assistant):
    turn = assistant.session().handle("show me a jacket that goes with my wardrobe")
    assert turn.action.kind == "search" and turn.products and "can't see your wardrobe" in turn.text, turn.text


def test_a_cart_holding_only_pieces_of_the_lists_own_kind_has_nothing_to_match(assistant):
    """With black jeans in the cart, "which of these jeans goes best with my wardrobe?" named those very jeans as going
    best with themselves: a piece of the list's own kind is worn instead of them, not with them."""
    session = assistant.session()
    shown = session.handle("show me black jeans").products
    before = session.handle("add the first one in size M").state.last_ref
    turn = session.handle("which of these goes best with my wardrobe?")
    assert turn.action.kind == "choose" and "only pieces of the same kind" in turn.text, turn.text
    assert shown[0].title not in turn.text and turn.state.last_ref == before   # none picked
