"""State carry-over, refinement, exclusions, relative moves and reset."""

from __future__ import annotations

from assistant.slots import SearchRequest
from assistant.state import CartLine, DialogueState, apply_understanding
from assistant.understanding import Understander
from assistant.understanding.lexicon import Lexicon

UNDERSTANDER = Understander(Lexicon.build())


def turn(state: DialogueState, text: str, image: str | None = None) -> DialogueState:
    return apply_understanding(state, UNDERSTANDER.understand(text, state.context(), image))


def shown(state: DialogueState, prices: list[float]) -> DialogueState:
    return state.with_shown([(f"p{i}", price) for i, price in enumerate(prices, 1)])


def test_slots_carry_over_and_refine():
    state = turn(DialogueState(), "navy linen shirt for a wedding, size L, under $60, nothing slim-fit")
    state = turn(state, "in white")
    assert state.request.to_canonical() == {
        "category": "shirt", "color": ["white"], "size": "L", "material": ["linen"],
        "occasion": ["wedding"], "max_price": 60, "exclude": {"fit": ["slim"]},
    }


def test_cheaper_goes_below_what_was_shown():
    state = turn(DialogueState(), "linen shirt under 60")
    state = shown(state, [30, 40, 50, 55])
    state = turn(state, "something cheaper")
    assert state.request.max_price is not None and state.request.max_price < 45


def test_cheaper_without_a_budget_is_a_soft_cap_not_a_slot():
    state = shown(turn(DialogueState(), "skinny black jeans"), [80, 90, 100])
    state = turn(state, "cheaper ones?")
    assert state.request.max_price is None
    assert state.soft_max_price is not None and state.soft_max_price < 90


def test_pricier_raises_the_minimum():
    state = turn(DialogueState(), "wool coat, at least 150 dollars")
    state = turn(state, "show me pricier ones")
    assert state.request.min_price > 150


def test_bigger_moves_the_size():
    state = turn(DialogueState(), "black leggings size S")
    assert turn(state, "one size bigger").request.size == "M"


def test_exclusion_removes_the_value_and_a_later_mention_restores_it():
    state = turn(DialogueState(), "orange or purple oversized tee")
    state = turn(state, "no purple actually, just orange")
    assert state.request.color == ("orange",) and state.request.exclude == {"color": ("purple",)}
    state = turn(state, "purple is fine too")
    assert state.request.color == ("orange", "purple") and "color" not in state.request.exclude


def test_clear_a_slot():
    state = turn(DialogueState(), "black leather mini skirt, size S")
    state = turn(state, "actually any colour is fine")
    assert state.request.color == () and state.request.size == "S"


def test_reset_empties_the_request_but_keeps_cart_and_photo():
    state = turn(DialogueState(), "red dress size M")
    state = state.add_to_cart(CartLine("p1", "M", "red")).with_photo("photo-key")
    state = turn(state, "start over")
    assert state.request == SearchRequest()
    assert state.cart and state.photo == "photo-key"


def test_product_turns_leave_slots_and_remember_the_reference():
    state = shown(turn(DialogueState(), "black leather jacket size M"), [100, 120, 150])
    before = state.request
    state = turn(state, "tell me more about the second one")
    assert state.request == before and state.last_ref == 2 and state.last_ref_id == "p2"
    state = turn(state, "can I try it on?")
    assert state.last_ref == 2
    state = turn(state, "", image="selfie")
    assert state.request == before


def test_resolve_positions():
    state = shown(DialogueState(), [10, 20, 30])
    assert state.resolve(1) == "p1" and state.resolve(-1) == "p3" and state.resolve(4) is None


def test_cart_merges_identical_lines():
    state = DialogueState().add_to_cart(CartLine("p1", "M", "red")).add_to_cart(CartLine("p1", "M", "red"))
    assert state.cart == (CartLine("p1", "M", "red", 2),)


def test_canonical_shape_round_trips():
    data = {"category": "coat", "color": ["grey", "black"], "min_price": 150, "exclude": {"material": ["polyester"]}}
    assert SearchRequest.from_canonical(data).to_canonical() == data


def test_another_garment_type_starts_a_fresh_request_keeping_only_the_shopper():
    state = turn(DialogueState(), "a navy linen shirt for a summer wedding, size L, under $60, nothing slim")
    state = turn(state, "for men please")
    state = turn(state, "now show me black jeans")
    assert state.request.to_canonical() == {"category": "jeans", "color": ["black"], "gender": "men"}
    state = turn(state, "size 32 waist, M")
    state = turn(state, "and a shirt in white")
    assert state.request.size == "L" and state.request.category == "shirt"   # the shirt size said earlier
    assert "material" not in state.request.to_canonical() and not state.request.exclude


def test_a_budget_said_in_general_follows_the_shopper_to_the_next_garment():
    state = turn(DialogueState(), "my budget is 80 dollars")
    state = turn(state, "a grey hoodie")
    state = turn(state, "what about a denim jacket")
    assert state.request.max_price == 80 and state.request.category == "jacket"
    garment_budget = turn(turn(DialogueState(), "a linen shirt under 40"), "a wool coat")
    assert garment_budget.request.max_price is None


def test_another_garment_asked_for_in_place_of_the_one_looked_for_keeps_what_was_said_of_the_need():
    """"Maybe a puffer jacket instead" of coats "around 200" listed jackets at every price: another kind asked for
    in its place is for the same need, so its budget, occasion and colour hold; another kind asked for beside it
    does not."""
    state = turn(DialogueState(), "a red wool coat for a winter wedding, 150 to 250 dollars")
    for words in ("hmm, maybe a jacket instead", "I'd rather have a blazer", "换成夹克吧"):
        changed = turn(state, words).request
        assert (changed.min_price, changed.max_price, changed.color, changed.occasion) == \
            (150, 250, state.request.color, state.request.occasion) and changed.material == (), words
    beside = turn(state, "now show me jackets").request
    assert beside.max_price is None and beside.color == ()


def test_a_size_said_with_an_add_asked_about_first_is_held_for_the_add_that_confirms_it():
    """ "add it in size L", an unsure guess, was asked about; the "add it" that confirmed it added the dress
    with no size at all."""
    from assistant.understanding.model import Understanding

    state = shown(turn(DialogueState(), "sleeveless dresses"), [100, 120])
    unsure = Understanding(intent="add_to_cart", source="learned", confidence=0.05, item_size="L", refs=(1,))
    assert apply_understanding(state, unsure).request.size == "L"
    assert apply_understanding(state, Understanding(intent="add_to_cart", source="learned", confidence=0.05,
                                                    refs=(1,))).request.size is None


def test_a_colour_said_with_an_add_asked_about_first_is_picked_for_that_product_alone():
    """ "white M of the first", an unsure add, was asked about; the "add it" that confirmed it put the dress in
    the cart in its first colour: the colour is now held for the product it was said of."""
    from assistant.understanding.model import Understanding

    state = shown(turn(DialogueState(), "sleeveless dresses"), [100, 120])
    first, second = (s.product_id for s in state.shown)
    unsure = Understanding(intent="add_to_cart", source="learned", confidence=0.05, item_color="white",
                           item_size="M", refs=(1,))
    held = apply_understanding(state, unsure)
    assert held.picked == ((first, "white"),) and held.request.color == ()
    again = apply_understanding(held, Understanding(intent="details", item_color="red", refs=(2,)))
    assert dict(again.picked) == {first: "white", second: "red"}
