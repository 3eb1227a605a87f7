"""How the cart actions run: add, choose a size, remove, show, undo. State in, (state, outcome) out.

Each function is one row's `run` in `assistant.actions.RUNS`; nothing here words a reply.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.acting import asked_colour, pointed, products_at
from assistant.replies import Outcome
from assistant.state import TAG_SLOTS, CartChange, CartLine, DialogueState, shown_tags
from assistant.understanding.cues import WHOLE_CART
from assistant.variant_answer import UNAVAILABLE, size_standing


def add_to_cart(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """Each pointed product in the size asked, unless the shop says it is not made or not in stock in it:
    that one is left out and the reply says which sizes it has (an add "with a note" put a dress in the
    cart in a size the shop could not send)."""
    products = products_at(m, t.state, t.action.refs, t.action.within)
    if not products:
        return t.state, Outcome()
    state, said, added, left_out = t.state, t.understanding.item_size or t.state.request.size, [], []
    each = {state.resolve(ref, t.action.within): size for ref, size in t.understanding.sizes_each}
    tried: str | None = None   # the size a product left out was asked in (said, or the shopper's for its kind)
    also_in: tuple[str, ...] = ()
    for product in products:
        line = next((line for line in state.cart if line.product_id == product.id), None)
        named = asked_colour(product, t.understanding, state)
        if line is not None and not said and not named:
            size, color = line.size, line.color   # "add another": one more of the line it has, not a line with no size
        else:
            size = each.get(product.id) or said or state.size_for(product.category)
            color = _cart_colour(product, t.understanding, state, size)
            also_in = () if named else _other_colours(product, color, size)
        if size and size_standing(product, size, (color,) if color else ())[0] in UNAVAILABLE:
            left_out.append((product, color, size))
            tried = size
            continue
        state = state.add_to_cart(CartLine(product.id, size, color))
        added.append((product, color))
        placed = next(line for line in state.cart if (line.product_id, line.size, line.color) == (product.id, size, color))
    return state, Outcome(products=tuple(p for p, _ in added), colors=tuple(c for _, c in added),
                          cart_line=placed if added else None, left_out=tuple(left_out),
                          chosen_size=tried, also_in=also_in if len(products) == 1 else ())


def _other_colours(product, color: str | None, size: str | None) -> tuple[str, ...]:
    """The colours besides `color` the product could go into the cart in (in stock in `size`, when one is said):
    the shopper named none, so the reply says the cart took one of several (jeans in olive or brown went in brown,
    unsaid)."""
    return tuple(c for c in product.colors if c != color
                 and (not size or size_standing(product, size, (c,))[0] not in UNAVAILABLE))


def _cart_colour(product, u, state: DialogueState, size: str | None) -> str | None:
    """The colour a product goes into the cart in: the one asked for, else, with a size said, the first it has
    that size in stock in (a dress out of L in its first colour, purple, was refused in L it had in brown)."""
    asked, first = asked_colour(product, u, state), product.colors[0] if product.colors else None
    if asked or not size:
        return asked or first
    return next((c for c in product.colors if size_standing(product, size, (c,))[0] == "in_stock"), first)


def choose_size(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """The size said for the product in focus: the request now holds it (a later "add it" adds in
    it); the list shown stays. A size none of the shop's is never held, only checked. Said of the product
    just added ("make that an XL"), its cart line changes to it, when the shop has it in stock in the line's
    colour; else the line stays and the reply gives that colour's sizes (it said "in stock", in another colour)."""
    state, size = t.state, t.understanding.unknown_size or t.state.request.size
    refs = t.action.refs or ((state.last_ref,) if state.last_ref is not None else ())
    products = products_at(m, state, refs)
    line = state.just_added
    if products and line is not None and line.product_id == products[0].id \
            and size not in (None, line.size, t.understanding.unknown_size):
        return _change_last(state, products[0], size, line.color)
    return state, Outcome(products=products[:1], chosen_size=size)


def choose_colour(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """A colour said of the product just added ("make it olive", "in brown please"): its cart line changes to it,
    as a size said of it does (`choose_size`)."""
    state = t.state
    line = state.cart[-1]
    (color,) = t.understanding.changes.values["color"]
    return _change_last(state, m.catalog.products[line.product_id], line.size, color)


def _change_last(state: DialogueState, product, size: str | None, color: str | None) -> tuple[DialogueState, Outcome]:
    """The line just added changed to `size` in `color`, when the shop has it in stock so; else the line stays and
    the reply gives the sizes that colour has (it said "in stock", in another colour)."""
    line = state.cart[-1]
    if size and size_standing(product, size, (color,) if color else ())[0] in UNAVAILABLE:
        return state, Outcome(products=(product,), colors=(color,), chosen_size=size, left_out=((product, color, size),))
    state = state.change_last(size=size, color=color)
    return state, Outcome(products=(product,), colors=(color,), cart_line=state.cart[-1], changed_from=line)


def remove_from_cart(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """By position (in the cart, or in the last list when the words say so), else by the words
    describing a line in the cart ("the jeans", "the Bluecrest one"). Words no reader knows that no line's
    title holds ("remove the zzzz") are asked about, never taken for the cart's one line. Words taking in
    the whole cart ("empty my cart") or a set ("take both shirts out", "remove all the jeans") take out
    every line they fit, where one description fitting several lines asks which."""
    state, u = t.state, t.understanding
    ids = {pid for pid in (state.resolve(r, t.action.within) for r in t.action.refs) if pid}
    # what the words name: "remove the jeans" reads as a slot taken off ("forget the slim fit") as much as a value
    wanted = {(slot, v) for said in (u.stated.values, u.stated.remove) for slot, vals in said.items() for v in vals}
    strange = {("word", w) for w in u.strange}
    every = bool(WHOLE_CART.search(t.text)) or u.whole_list
    lines = [line for line in state.cart if line.product_id in ids]
    if not lines and (u.many or every) and m.catalog is not None:
        # "take both shirts out": the set is described in the cart's terms, not the list's on screen
        wanted |= {(x.slot, x.value) for x in m.assistant.understander.analyzer.mentions(t.text) if x.slot in TAG_SLOTS}
    if not lines and (wanted or strange) and m.catalog is not None:
        lines = _described(m, state.cart, wanted | strange) or (_described(m, state.cart, wanted) if wanted else [])
    if not lines and not ids and not wanted and (every or len(state.cart) == 1):
        if strange and not every:
            return state, Outcome(removed=(), ambiguous_lines=state.cart)
        lines = list(state.cart)
    if len({line.product_id for line in lines}) > 1 and not ids and not (every or u.many):
        return state, Outcome(removed=(), ambiguous_lines=tuple(lines))
    kept = tuple(line for line in state.cart if line not in lines)
    return replace(state, cart=kept), Outcome(removed=tuple(lines))


def _described(m: Any, cart: tuple[CartLine, ...], wanted: set[tuple[str, str]]) -> list[CartLine]:
    """The cart's lines whose product (its values, title and brand words) and colour and size have all of `wanted`."""
    return [line for line in cart if line.product_id in m.catalog.products
            and wanted <= shown_tags(m.catalog.products[line.product_id]) | {("color", line.color), ("size", line.size)}]


def view_cart(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    if m.catalog is None:
        return t.state, Outcome()
    lines = [line for line in t.state.cart if line.product_id in m.catalog.products]
    return t.state, Outcome(products=tuple(m.catalog.products[line.product_id] for line in lines),
                            colors=tuple(line.color for line in lines))


def undo(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """The cart as it was before its last change; an undo undone puts the change back."""
    state = t.state
    if state.cart_undo is None:
        return state, Outcome()
    restored = replace(state, cart=state.cart_undo, cart_undo=state.cart)
    return restored, Outcome(cart_change=CartChange.between(state.cart, restored.cart))


def preview(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """What an action asked about before it runs would act on, changing nothing: the lines a removal would
    take out (not the product last talked about), else the products pointed at."""
    if t.action.asked != "remove_from_cart" or m.catalog is None:
        return pointed(m, t)
    _, would = remove_from_cart(m, t)
    lines = would.removed or would.ambiguous_lines
    return t.state, Outcome(products=tuple(m.catalog.products[l.product_id] for l in lines if l.product_id in m.catalog.products),
                            removed=would.removed)
