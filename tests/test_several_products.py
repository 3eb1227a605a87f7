"""Shopping for several products at once, through the real manager on the demo shop: a reference that
names a set, help me decide, outfits under one budget, the cart in bulk with undo, and "cheaper" that keeps
its price when a search is relaxed. English and Chinese."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.act_table import ACTS, learned_acts, prompt_lists, said_acts
from assistant.deciding import Wants, decide
from assistant.manager import Assistant
from assistant.understanding import Understander
from assistant.understanding.acts import ActClassifier
from assistant.understanding.model import INTENTS


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog), catalog_label="demo")


def _only_colour_shared(products) -> tuple[str, list[int]] | None:
    """A colour that two or more of the shown products come in alone, and their positions."""
    alone = Counter(p.colors[0] for p in products if len(p.colors) == 1)
    colour = next((c for c, n in alone.items() if n >= 2), None)
    return (colour, [i for i, p in enumerate(products, 1) if p.colors == (colour,)]) if colour else None


def _in_stock(product, size: str) -> bool:
    return size in (product.sizes_in_stock(()) if product.stock_known() else product.sizes)


def test_the_act_table_is_the_one_declaration_of_every_act():
    model = ActClassifier.load()
    assert model.acts == learned_acts() and INTENTS == said_acts()
    lists = prompt_lists()
    assert all(kind in lists["acts"] and f"{kind}: " in lists["act_examples"] for kind in learned_acts())
    assert all(ACTS[kind].example for kind in learned_acts())


@pytest.mark.parametrize("search", ["show me some coats", "grey hoodies", "black jeans"])
def test_a_question_about_a_description_several_products_fit_answers_for_each(assistant, search):
    session = assistant.session()
    shown = session.handle(search).products
    shared = _only_colour_shared(shown)
    assert shared is not None, f"the demo shop's {search!r} should show two products of one colour alone"
    colour, places = shared
    asked = session.handle(f"what brand is the {colour} one, and how much is it?")
    assert asked.action.kind == "details" and set(asked.action.refs) == set(places), asked.text
    assert all(shown[p - 1].title in asked.text for p in places), asked.text
    added = session.handle(f"add the {colour} one to my cart")   # an action asks which first
    assert added.action.kind == "which_product" and added.state.cart == (), added.text


@pytest.mark.parametrize("words", ["what do 1 and 3 cost?", "how much are the first two?", "第一件和第三件多少钱？"])
def test_positions_said_together_answer_for_each(assistant, words):
    session = assistant.session()
    shown = session.handle("linen shirts").products
    turn = session.handle(words)
    assert turn.action.kind in ("details", "compare") and len(turn.products) == 2, turn.text
    assert all(p.title in turn.text for p in turn.products) and {p.id for p in turn.products} <= {p.id for p in shown}


def test_the_two_black_ones_and_both_name_the_set(assistant):
    session = assistant.session()
    shown = session.handle("black jeans").products
    black = [i for i, p in enumerate(shown, 1) if p.colors == ("black",)]
    assert len(black) == 2, "the demo shop's black jeans should show two solid black pairs"
    for words in ("what sizes do the two black ones come in?", "这两件黑色的多少钱？"):
        turn = session.handle(words)
        assert turn.action.kind == "details" and set(turn.action.refs) == set(black), (words, turn.text)
    both = session.handle("and who makes both of them?")
    assert set(both.action.refs) == set(black) and all(shown[i - 1].title in both.text for i in black), both.text


def test_a_count_the_fitting_products_are_not_asks_which_ones(assistant):
    """"The ratings for those two hoodies" over six hoodies was answered six times: the count said is not the
    number the words fit, so which two is asked, never guessed."""
    session = assistant.session()
    shown = session.handle("show me hoodies").products
    assert len(shown) > 2
    turn = session.handle("what are the prices of those two hoodies?")
    assert turn.action.kind == "which_product" and turn.text.startswith("Which ones do you mean"), turn.text
    assert all(p.title in turn.text for p in shown), turn.text


@pytest.mark.parametrize("words", ["how do those two compare?", "compare these two for me"])
def test_a_count_said_with_no_garment_asks_which_ones_too(assistant, words):
    """"How do those two compare?" over six jackets, none named before, compared all six; the numbers then given
    compare those two."""
    session = assistant.session()
    shown = session.handle("show me jackets").products
    assert len(shown) > 2
    asked = session.handle(words)
    assert asked.action.kind == "which_product" and "Side by side" not in asked.text, asked.text
    compared = session.handle("1 and 4")
    assert compared.action.kind == "compare" and compared.products == (shown[0], shown[3]), compared.text


@pytest.mark.parametrize("words", ["compare them", "can you compare these for me?", "比较一下"])
def test_a_comparison_naming_none_compares_the_whole_list(assistant, words):
    """"Compare them" straight after six coats compared the first two as if they had been asked for."""
    session = assistant.session()
    shown = session.handle("show me coats").products
    assert len(shown) > 2
    turn = session.handle(words)
    assert turn.action.kind == "compare" and turn.products == shown, turn.text


def test_them_compared_after_one_product_is_the_whole_list_and_after_two_those_two(assistant):
    """"Compare them" after the third coat's details compared the third with the first: "them" is not it."""
    session = assistant.session()
    shown = session.handle("show me coats").products
    session.handle("tell me about the third one")
    assert session.handle("compare them").products == shown
    session.handle("tell me about the first two")
    assert session.handle("compare them").products == shown[:2]


def test_two_products_described_by_colour_are_compared_or_the_missing_one_asked_for(assistant):
    """"Compare the grey one with the green one" was read as one grey-and-green coat ("the one with the hood" is one);
    "compare that grey coat with the black one" where none shown is black compared the grey one with the first."""
    session = assistant.session()
    shown = session.handle("long sleeved coats").products
    colour = {c: [p for p in shown if p.colors == (c,)] for c in ("grey", "green", "black")}
    assert len(colour["grey"]) == 1 and len(colour["green"]) == 1 and not colour["black"], \
        "the demo shop's long-sleeve coats should show one grey, one green and no black one"
    both = session.handle("compare the grey one with the green one")
    compared = {p.id for p in both.products}
    assert both.action.kind == "compare" and compared == {colour["grey"][0].id, colour["green"][0].id}, both.text
    missing = session.handle("can you compare that grey coat with the black one?")
    assert missing.action.kind == "which_product" and "black" in missing.text, missing.text


def test_products_described_in_the_plural_that_none_shown_fits_are_asked_about(assistant):
    """"How do the red and brown ones compare?" over pink sweaters compared the first two pink ones."""
    session = assistant.session()
    shown = session.handle("pink sweaters").products
    absent = [c for c in ("red", "brown", "green", "yellow") if not any(c in p.colors for p in shown)][:2]
    assert len(absent) == 2, "the demo shop's pink sweaters should leave two of these colours out"
    turn = session.handle(f"how do the {absent[0]} and {absent[1]} ones compare on price?")
    assert turn.action.kind == "which_product" and all(c in turn.text for c in absent), turn.text


def test_both_of_those_after_two_were_named_is_those_two(assistant):
    """"Can you add both of those jackets to my cart?" after the sizes of the second and fourth added all six: the
    count said before "of" was not read, and the garment fits the whole list."""
    session = assistant.session()
    shown = session.handle("show me jackets").products
    session.handle("what sizes are the second and fourth ones?")
    added = session.handle("can you add both of those jackets to my cart?")
    assert [line.product_id for line in added.state.cart] == [shown[1].id, shown[3].id], added.text


def test_the_number_that_answers_which_one_runs_the_act_asked_about(assistant):
    """"Add the black one" of two black dresses was asked back; "1" then showed the first dress's details instead of
    adding it, and "both of those" of six added the one in focus."""
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    black = [i for i, p in enumerate(shown, 1) if "black" in p.colors]
    assert len(black) >= 2, "the demo shop's short sleeve dresses should show two with black"
    asked = session.handle("add the black one to my cart")
    assert asked.action.kind == "which_product" and not asked.state.cart, asked.text
    added = session.handle(str(black[0]))
    assert added.action.kind == "add_to_cart" and [line.product_id for line in added.state.cart] == [shown[black[0] - 1].id]
    both = session.handle("I'd like to buy both of those")
    assert both.action.kind == "which_product" and both.text.startswith("Which ones do you mean?"), both.text
    assert len(both.state.cart) == 1
    pair = session.handle("2 and 4")
    assert pair.action.kind == "add_to_cart" and {line.product_id for line in pair.state.cart} >= {
        shown[1].id, shown[3].id}, pair.text
    after = session.handle("3")   # no question waits: a number alone is a look at it
    assert after.action.kind != "add_to_cart", after.text



def test_a_description_that_answers_which_one_runs_the_act_among_the_ones_offered(assistant):
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    black = [i for i, p in enumerate(shown, 1) if "black" in p.colors]
    striped = [i for i in black if shown[i - 1].pattern == "striped"]
    assert len(black) >= 2 and len(striped) == 1, "two black dresses, one of them striped, should be shown"
    assert any(p.pattern == "striped" for i, p in enumerate(shown, 1) if i not in black), "and a striped one not black"
    session.handle("add the black one to my cart")
    answered = session.handle("the striped one")
    assert answered.action.kind == "add_to_cart", answered.text
    assert [line.product_id for line in answered.state.cart] == [shown[striped[0] - 1].id], answered.text


def _sized(products, sizes=("M", "L", "S", "XL", "XS")) -> str:
    """A size each of these products is in stock in."""
    return next(size for size in sizes if all(_in_stock(p, size) for p in products))


def test_each_product_added_goes_in_the_size_said_with_it(assistant):
    """"Add the first one in S and the second one in M" put both in S; "add the beige one in XL and number 1 in S"
    added the first alone ("in XL and number 1" was read as the beige one's words)."""
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    beige = next(i for i, p in enumerate(shown, 1) if p.colors == ("beige",))
    other = next(i for i in range(1, len(shown) + 1) if i != beige)
    big, small = next((a, b) for a in ("XL", "L", "M") for b in ("S", "XS", "M")
                      if a != b and _in_stock(shown[beige - 1], a) and _in_stock(shown[other - 1], b))
    turn = session.handle(f"add number {other} in {small} and the beige one in {big}")
    assert sorted((line.product_id, line.size) for line in turn.state.cart) == sorted(
        [(shown[other - 1].id, small), (shown[beige - 1].id, big)]), turn.text
    session = assistant.session()
    session.handle("show me short sleeve dresses")
    turn = session.handle(f"add the beige one in {big} and number {other} in {small}")
    assert sorted((line.product_id, line.size) for line in turn.state.cart) == sorted(
        [(shown[other - 1].id, small), (shown[beige - 1].id, big)]), turn.text


def test_products_left_out_of_an_add_are_each_said_in_the_size_asked_of_it(assistant):
    """Two products asked each in a size of its own and not in stock so were both said to be out "in M", the last."""
    session = assistant.session()
    shown = session.handle("looking for a cardigan, nothing too pricey").products
    sizes = ("XS", "S", "M", "L", "XL")
    i, a, j, b = next((i, a, j, b) for i, p in enumerate(shown, 1) for j, q in enumerate(shown, 1) if i < j
                      for a in sizes for b in sizes if a != b and not _in_stock(p, a) and not _in_stock(q, b))
    turn = session.handle(f"I'll take number {i} in {a} and number {j} in {b}")
    assert turn.state.cart == (), turn.text
    first, second = (turn.text.split(title, 1)[1][:40] for title in (shown[i - 1].title, shown[j - 1].title))
    assert f" {a}" in first and f" {b}" in second, turn.text


def test_products_described_in_the_plural_are_compared_with_the_one_said_beside_them(assistant):
    """"Compare it with the cashmere ones" compared it with the first product listed, and "compare the cashmere ones"
    the product talked about last with the first."""
    session = assistant.session()
    shown = session.handle("looking for a cardigan to wear over my dresses, nothing too pricey").products
    material = next(m for p in shown for m in p.material if sum(m in q.material for q in shown) >= 2)
    having = tuple(i for i, p in enumerate(shown, 1) if material in p.material)
    other = next(i for i, p in enumerate(shown, 1) if material not in p.material)
    session.handle(f"tell me about number {other}")
    with_it = session.handle(f"compare it with the {material} ones")
    assert with_it.action.kind == "compare" and with_it.action.refs == (other, *having), with_it.text
    alone = session.handle(f"compare the {material} ones")
    assert alone.action.kind == "compare" and alone.action.refs == having, alone.text


def test_the_looks_a_product_is_picked_by_are_not_what_is_asked_of_it(assistant):
    """"What's the black one with the long sleeves made of?" read "sleeves" as the phrase's plural head (a request,
    pointing at none) and answered "Yes, it comes in black. ... It's long sleeves."; "is the long-sleeved one lined?"
    got "It's long sleeves." for an answer."""
    session = assistant.session()
    shown = session.handle("show me black dresses for a dinner, size S, under 150").products
    long = [i for i, p in enumerate(shown, 1) if p.sleeve == "long"]
    assert len(long) == 1, "the demo shop should show one long-sleeved black dress"
    made = session.handle("what's the black one with the long sleeves made of?")
    assert made.action.refs == tuple(long) and "made of" in made.text, made.text
    assert "comes in" not in made.text and "sleeves" not in made.text, made.text
    lined = session.handle("is the long-sleeved one lined?")
    assert lined.action.refs == tuple(long) and "sleeves." not in lined.text.split("Here's all it says:")[0], lined.text
    sleeves = session.handle("what sleeves does the first one have?")
    assert sleeves.products[0].sleeve == "sleeveless" and "It's sleeveless." in sleeves.text, sleeves.text


def test_the_looks_a_set_of_products_is_picked_by_are_not_what_is_asked_of_it(assistant):
    """"How much are the black ones with long sleeves?" priced each, after "Yes, it comes in black." and "It has long
    sleeves.": a plural phrase's looks pick the products as a single one's do. An add keeps them in that colour."""
    session = assistant.session()
    shown = session.handle("show me shirts for men").products
    picked = tuple(i for i, p in enumerate(shown, 1) if p.colors == ("black",) and p.sleeve == "long")
    assert len(picked) >= 2, "the demo shop should list two long-sleeved black shirts"
    priced = session.handle("how much are the black ones with long sleeves?")
    assert priced.action.kind == "details" and priced.action.refs == picked, priced.text
    assert "comes in" not in priced.text and "sleeves" not in priced.text and "$" in priced.text, priced.text
    added = session.handle("add the black ones in M to my cart")
    assert {(line.product_id, line.color) for line in added.state.cart} == {(shown[i - 1].id, "black")
                                                                           for i in picked}, added.text


def test_a_place_said_inside_a_description_counts_among_the_products_it_fits(assistant):
    """"Put the first black one on me" of two black shirts asked which of the two: the place is counted among the
    products the looks fit, along the whole list, whatever was talked about last."""
    session = assistant.session()
    shown = session.handle("show me men's shirts").products
    black = [i for i, p in enumerate(shown, 1) if "black" in p.colors]
    assert len(black) == 2, "the demo shop should list two black men's shirts"
    for said, expected in (("first", black[0]), ("second", black[1]), ("last", black[-1]), ("first", black[0])):
        turn = session.handle(f"tell me about the {said} black one")
        assert turn.action.kind == "details" and turn.action.refs == (expected,), (said, turn.text)
    unclear = session.handle("tell me about the third black one")
    assert set(unclear.action.refs or unclear.action.candidates) <= set(black) and len(unclear.products) != 1, \
        unclear.text


def test_an_add_of_one_product_named_and_one_unclear_adds_it_and_asks_which_of_the_rest(assistant):
    """"Add the first one and the black one" of two black dresses added nothing and forgot the first when answered;
    the first goes in, which black one is asked, and the answer goes in the size said with it."""
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    black = [i for i, p in enumerate(shown, 1) if "black" in p.colors]
    other = next(i for i, p in enumerate(shown, 1) if "black" not in p.colors)
    size = _sized([shown[other - 1], shown[black[0] - 1]])
    asked = session.handle(f"add number {other} in {size} and the black one in {size}")
    assert asked.action.kind == "add_to_cart" and set(asked.action.candidates) == set(black), asked.text
    assert [line.product_id for line in asked.state.cart] == [shown[other - 1].id], asked.text
    assert "Which one do you mean" in asked.text and all(shown[i - 1].title in asked.text for i in black), asked.text
    answered = session.handle(str(black[0]))
    assert answered.action.kind == "add_to_cart", answered.text
    assert [(line.product_id, line.size) for line in answered.state.cart] == [
        (shown[other - 1].id, size), (shown[black[0] - 1].id, size)], answered.text


def test_an_add_of_one_product_named_and_one_none_shown_fits_says_so_after_adding_it(assistant):
    """"Add number 1 and the green one" where none shown is green added the first and said nothing of the green one."""
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    assert not any("green" in p.colors for p in shown), "no green short sleeve dress should be shown"
    asked = session.handle("add number 1 and the green one")
    assert [line.product_id for line in asked.state.cart] == [shown[0].id], asked.text
    assert "None of the ones I showed is green" in asked.text, asked.text
    answered = session.handle("3")
    assert [line.product_id for line in answered.state.cart] == [shown[0].id, shown[2].id], answered.text


def test_a_description_after_the_first_one_said_with_a_size_is_read_on_its_own(assistant):
    """"Add the first one in M and the grey one in M" added the first and dropped the grey one, said or not: "in M and
    the grey one" was read as the first one's trailer."""
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    colour, places = next((c, [i for i, p in enumerate(shown, 1) if c in p.colors]) for p in shown[1:] for c in p.colors
                          if sum(c in q.colors for q in shown) == 1 and c not in shown[0].colors)
    size = _sized([shown[0], shown[places[0] - 1]])
    both = session.handle(f"add the first one in {size} and the {colour} one in {size}")
    assert [(line.product_id, line.size) for line in both.state.cart] == [
        (shown[0].id, size), (shown[places[0] - 1].id, size)], both.text
    session = assistant.session()
    session.handle("show me short sleeve dresses")
    none = session.handle(f"add the first one in {size} and the green one in {size}")
    assert [line.product_id for line in none.state.cart] == [shown[0].id], none.text
    assert "None of the ones I showed is green" in none.text, none.text


def test_a_piece_gone_with_and_an_unclear_top_are_both_kept_in_an_add(assistant):
    """After tops to go with a skirt, "add the skirt and the black one" added the skirt and said nothing of the three
    black tops: which one is asked."""
    session = assistant.session()
    session.handle("show me skirts under 100")
    skirt = session.handle("show me the first one").products[0]
    tops = session.handle("what tops would go with it?").products
    black = [i for i, p in enumerate(tops, 1) if "black" in p.colors]
    assert len(black) >= 2, "the demo shop should pair the red skirt with two black tops"
    asked = session.handle("add the skirt and the black one")
    assert [line.product_id for line in asked.state.cart] == [skirt.id], asked.text
    assert "Which one do you mean" in asked.text, asked.text
    answered = session.handle(str(black[-1]))
    assert [line.product_id for line in answered.state.cart] == [skirt.id, tops[black[-1] - 1].id], answered.text


def test_they_after_a_list_asks_about_each_of_it(assistant):
    """"What sizes are they, and who makes them?" over six dresses was asked back "Which one do you mean?"."""
    session = assistant.session()
    shown = session.handle("show me short sleeve dresses").products
    turn = session.handle("what sizes are they, and who makes them?")
    assert turn.action.kind == "details" and len(turn.products) == len(shown), turn.text
    assert all(p.brand in turn.text for p in shown), turn.text


def test_help_me_decide_picks_one_with_reasons_from_the_catalog(assistant):
    session = assistant.session()
    shown = session.handle("show me summer dresses").products
    turn = session.handle("help me decide between the first two, it's for a beach holiday")
    assert turn.action.kind == "decide" and [p.id for p in turn.products] == [p.id for p in shown[:2]], turn.text
    picked = next(p for p in shown[:2] if f"I'd go for #{shown.index(p) + 1} {p.title}" in turn.text
                  or f"#{shown.index(p) + 1} {p.title}, at" in turn.text)
    assert turn.state.last_ref_id == picked.id   # the pick is what "it" means next
    chinese = session.handle("哪件更适合婚礼？帮我挑一件")
    assert chinese.action.kind == "decide" and ("我会选" in chinese.text or "最便宜" in chinese.text), chinese.text


def test_a_pick_among_the_whole_list_shows_the_products_it_names(assistant):
    """A pick among six showed all six as cards under words naming two of them."""
    session = assistant.session()
    shown = session.handle("show me summer dresses").products
    turn = session.handle("which would you pick for a beach holiday?")
    assert turn.action.kind == "decide" and len(shown) > 2 and 1 <= len(turn.products) <= 2, turn.text
    assert all(p.title in turn.text for p in turn.products), turn.text


def test_a_pick_holds_the_products_against_what_the_shopper_said(demo_catalog):
    """Real demo products: the one in the shopper's size wins over a cheaper one out of it, the tip says what
    the other has; nothing said, the price alone is no reason to pick."""
    rows = [p for p in demo_catalog.rows if p.category == "shirt" and p.stock_known()]
    having = next(p for p in rows if _in_stock(p, "M"))
    lacking = next(p for p in rows if not _in_stock(p, "M") and p.price < having.price)
    decision = decide((lacking, having), Wants(size="M"))
    assert decision.pick == 1 and [e.criterion for e in decision.reasons] == ["size"]
    assert decision.tip is not None and decision.tip.criterion == "price" and decision.tip.winner == 0
    assert decide((lacking, having), Wants()).said_nothing
    worn = next(p for p in rows if "wedding" in p.occasion)
    plain = next(p for p in rows if "wedding" not in p.occasion and p.occasion)
    assert decide((plain, worn), Wants(occasion=("wedding",))).pick == 1


@pytest.mark.parametrize("words, budget, size", [
    ("I need a shirt and trousers for work, 150 for both", 150, None),
    ("衬衫加裤子一共300以内，M码", 300, "M"),
])
def test_outfits_under_one_budget_are_listed_and_added_whole(assistant, words, budget, size):
    session = assistant.session()
    turn = session.handle(words)
    assert turn.action.kind == "build_outfit" and turn.state.outfits, turn.text
    for group in turn.state.outfits:
        pieces = [turn.products[p - 1] for p in group]
        assert sum(p.price for p in pieces) <= budget and len(pieces) == 2
        assert {p.category for p in pieces} >= {"shirt"} and size is None or all(_in_stock(p, size) for p in pieces)
    first = [turn.products[p - 1].id for p in turn.state.outfits[0]]
    added = session.handle("add the first outfit" if size is None else "把第一套加入购物车")
    assert [line.product_id for line in added.state.cart] == first, added.text
    assert all(line.size == size for line in added.state.cart)
    undone = session.handle("undo" if size is None else "撤销")
    assert undone.action.kind == "undo" and undone.state.cart == (), undone.text


def test_the_cart_empties_at_once_and_undo_puts_it_back(assistant):
    session = assistant.session()
    shown = session.handle("navy shirts").products
    for place in (1, 2):
        size = next(iter(shown[place - 1].sizes_in_stock(shown[place - 1].colors[:1])))
        session.handle(f"add number {place} to my cart in size {size}")
    full = session.state.cart
    assert len(full) == 2
    emptied = session.handle("empty my cart")
    assert emptied.state.cart == () and all(p.title in emptied.text for p in shown[:2]), emptied.text
    back = session.handle("undo")
    assert back.state.cart == full and "back in your cart" in back.text, back.text
    gone = session.handle("take both shirts out")
    assert gone.state.cart == (), gone.text
    assert session.handle("清空购物车").state.cart == ()


def test_cheaper_keeps_its_price_when_nothing_else_matches(assistant):
    """The one just looked at is the cheapest in the shopper's size: a relaxed search must not drop "cheaper"."""
    session = assistant.session()
    shown = session.handle("sweaters in size M").products
    cheapest = min(range(len(shown)), key=lambda i: shown[i].price)
    session.handle(f"tell me about number {cheapest + 1}")
    for words in ("anything cheaper?", "a bit less?"):
        turn = session.handle(words)
        cap = shown[cheapest].price
        assert all(p.price < cap for p in turn.products), turn.text
        assert "without “under" not in turn.text, turn.text


def test_an_unsure_removal_that_names_nothing_in_the_cart_asks_and_says_what_it_holds(assistant):
    """Read unsure as a removal, "and the black t-shirt too" (meant as an add) was answered "Nothing in your cart is
    that", as if it had run: an unsure guess asks, naming what the cart holds, and changes nothing."""
    from dataclasses import replace as changed

    session = assistant.session()
    jacket = session.handle("show me some jackets for women").products[0]
    session.handle("add the first one in S")
    understood = assistant.understander.understand("and the black t-shirt too", session.state.context())
    unsure = changed(understood, intent="remove_from_cart", confidence=0.5, source="learned")
    session.assistant.understander, real = _Saying(unsure), assistant.understander
    try:
        turn = session.handle("and the black t-shirt too")
    finally:
        session.assistant.understander = real
    assert turn.action.kind == "confirm" and turn.text.startswith("Do you want to take something out"), turn.text
    assert jacket.title in turn.text and len(turn.state.cart) == 1


class _Saying:
    """An understander that reads every turn as one given understanding (the classifier's unsure guess)."""

    def __init__(self, understanding):
        self.understanding = understanding

    def understand(self, text, context=None, image=None):
        return self.understanding


def test_an_unsure_undo_with_nothing_to_undo_says_so_instead_of_asking(assistant):
    from dataclasses import replace as changed

    session = assistant.session()
    unsure = changed(assistant.understander.understand("undo", session.state.context()), confidence=0.5, source="learned")
    session.assistant.understander, real = _Saying(unsure), assistant.understander
    try:
        turn = session.handle("empty my cart")
    finally:
        session.assistant.understander = real
    assert turn.action.kind == "undo" and "no change to your cart to undo" in turn.text, turn.text


@pytest.mark.parametrize("words", ["under 5 please", "一共10块以内"])
def test_a_budget_naming_no_garment_nor_an_outfit_is_no_outfit_request(assistant, words):
    """Read as an outfit, "under 5 please" after "start over" was answered "I couldn't put together a complete outfit
    of tops and bottoms within $5"."""
    from dataclasses import replace as changed

    session = assistant.session()
    outfit = changed(assistant.understander.understand(words, session.state.context()), intent="build_outfit")
    session.assistant.understander, real = _Saying(outfit), assistant.understander
    try:
        turn = session.handle(words)
    finally:
        session.assistant.understander = real
    assert turn.action.kind != "build_outfit" and not turn.state.outfits, turn.text


def test_sizes_and_stock_asked_together_are_said_once(assistant):
    session = assistant.session()
    session.handle("show me sweaters")
    turn = session.handle("what sizes and how much stock does the first one have, and what are its ratings?")
    assert turn.action.kind == "details" and turn.text.count("In stock") == 1, turn.text


@pytest.mark.parametrize("words", ["compare the last two", "compare the bottom two"])
def test_the_last_ones_are_shown_by_their_own_numbers(assistant, words):
    """"Compare the last two" printed "#-2" and "#-1"; "the bottom two" read as looking for bottoms."""
    session = assistant.session()
    shown = session.handle("show me floral skirts").products
    turn = session.handle(words)
    n = len(shown)
    assert turn.action.kind == "compare" and set(turn.action.refs) == {n - 1, n}, (turn.action, turn.text)
    assert f"#{n - 1} " in turn.text and "#-" not in turn.text, turn.text


@pytest.mark.parametrize("asked, word", [("compare the first three", "cheapest"), ("compare 1 and 2", "cheaper one")])
def test_a_comparison_names_the_cheaper_of_two_and_the_cheapest_of_more(assistant, asked, word):
    """Of six trousers compared, "The cheaper one is #5" read as if two were compared."""
    session = assistant.session()
    listed = session.handle("show me jeans").products
    turn = session.handle(asked)
    compared = listed[:len(turn.action.refs)]
    cheapest = min(range(len(compared)), key=lambda i: compared[i].price) + 1
    assert turn.action.kind == "compare" and f"The {word} is #{cheapest}" in turn.text, turn.text
