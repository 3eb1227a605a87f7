"""How the outfit actions run: what goes with a product, and whole outfits under one budget.

Each function is one row's `run` in `assistant.actions.RUNS`; nothing here words a reply.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from catalog.search import Filters
from catalog.vocabulary import garment_type

from assistant import advice as advising
from assistant.acting import PAGE_SIZE, budget_said, products_at, said_first, search_filters, show, unsold_garment
from assistant.wardrobe import owned
from assistant.outfit_sets import plan_outfits
from assistant.replies import Outcome
from assistant.state import TASTE_EXCLUSIONS, DialogueState, outfit_request

# "a full outfit" naming no garment: a top and a bottom.
FULL_OUTFIT = ("tops", "bottoms")
# The garment group that completes one named garment, by its kind ("a shirt under 100 with something to go with it").
COMPLETES = {"upper": "bottoms", "lower": "tops"}
OUTFITS_SHOWN = 3


def outfit(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """Complementary products for the pointed one, or for a garment the shopper says they have ("I bought beige
    shorts, show me a tee for them") where the words point at no product: the asked or implied garment type, in
    colours that go with it, none the shopper's taste excludes. The request becomes the complementary one;
    nothing goes into the cart."""
    u = t.understanding
    asked = u.changes.values.get("category", (None,))[0]
    if m.catalog is None:
        return t.state, Outcome()
    sold = m.catalog.vocabulary().get("category", set())
    refs = t.action.refs or _focus(t.state, u)
    pointed = products_at(m, t.state, refs) if refs else ()
    said = u.base_piece if not u.pointed else None
    if said is not None and not said.own and said.category in {p.category for p in pointed}:
        said = None   # "what top goes with the skirt?" of the skirt talked about: that one
    if said is not None:   # the garment asked for is the one named besides theirs, however the act read the words
        asked = asked or next((g for g in u.garments if g != said.category and g in sold), None)
        return _goes_with(m, t, advising.complement_of(said.category, said.color, (), asked, sold), said=said)
    base = pointed if refs else _own_piece(m, t.state, asked)
    if not base:
        return t.state, Outcome()
    return _goes_with(m, t, advising.complement(base[0], asked, sold), item=base[0])


def _goes_with(m: Any, t: Any, plan: Any, item: Any = None, said: Any = None) -> tuple[DialogueState, Outcome]:
    """The products of the plan's garment in its colours, to go with a product (`item`) or a piece of the shopper's
    (`said`)."""
    plan = _in_colours_asked(plan, t.understanding)
    request = outfit_request(t.state, plan.category, t.understanding.changes)
    state = replace(t.state, request=request, page=0, soft_max_price=None, soft_min_price=None)
    filters = replace(search_filters(state), color=plan.colors)
    wearer = (item.audience or item.gender) if item is not None else None
    if request.gender is None and wearer not in (None, "unisex", "kids"):
        # the pieces of one outfit are for one wearer; a wearer read off the item, not said by the
        # shopper, steers this search only and is never written into their request
        filters = replace(filters, gender=(wearer,))
    result = m.catalog.search(plan.query, filters, k=PAGE_SIZE)
    # only pieces in the colours the reply names, even where the search had to let colour go
    products = tuple(hit.product for hit in result.hits
                     if (item is None or hit.product.id != item.id) and set(hit.product.colors) & set(plan.colors))
    outcome = Outcome(products=products, base=item, base_said=said, plan=plan, unsold=unsold_garment(m, t),
                      relaxed=tuple(c for c in result.relaxed if c.slot != "color"))
    return replace(show(state, products), shown_for=item.id if item is not None else None), outcome


def _in_colours_asked(plan: Any, u: Any) -> Any:
    """The plan in the colours the words ask of the garment looked for, when they name any: "a pink blouse to go
    with my black trousers" listed white, grey and red blouses, the colours that pair with black."""
    asked = u.changes.values.get("color", ())
    if not asked:
        return plan
    return replace(plan, colors=tuple(asked), query=f"{' '.join(asked)} {plan.category}", item_color=None)


def _focus(state: DialogueState, u: Any) -> tuple[int, ...]:
    """The product in focus an outfit asked with no product named goes with ("a jacket to wear over it"), unless the
    words hold it against the shopper's own pieces."""
    return (state.last_ref,) if state.focus is not None and not u.with_own else ()


def _own_piece(m: Any, state: DialogueState, asked: str | None) -> tuple[Any, ...]:
    """The piece of the shopper's an outfit asked with no product named goes with ("a jacket that goes with my
    wardrobe"): the one last put in the cart, of another kind than asked."""
    pieces = [piece for piece, _ in reversed(owned(m.catalog, state))]
    return tuple(piece for piece in pieces if piece.category != asked)[:1] or tuple(pieces[:1])


def build_outfit(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """A few complete outfits of the garments asked for, each within the budget for all of it, in the shopper's
    size, for their occasion and style (`outfit_sets`). The pieces are listed in order, outfit after outfit, and
    the state keeps which positions make each outfit ("add the first outfit"). The search request is untouched:
    a budget for the outfit is no budget for one piece."""
    state, u = t.state, t.understanding
    if m.catalog is None:
        return state, Outcome()
    garments = outfit_garments(u.garments, m.catalog.vocabulary().get("category", set()))
    filters, budget = outfit_filters(state, u)
    query = " ".join(filters.occasion + filters.style)
    outfits = plan_outfits(m.catalog, garments, budget, filters, query, count=OUTFITS_SHOWN)
    products = tuple(p for outfit in outfits for p in outfit.pieces)
    groups, start = [], 1
    for outfit in outfits:
        groups.append(tuple(range(start, start + len(outfit.pieces))))
        start += len(outfit.pieces)
    state = replace(show(state, products), outfits=tuple(groups)) if products else state
    if filters.size:   # "add the first outfit" adds each piece in the size the outfit was found in
        for garment in garments:
            state = state.with_size(garment, filters.size)
    return state, Outcome(products=products, outfits=outfits, garments=garments, budget=budget, size=filters.size,
                          unsold=unsold_garment(m, t))


def outfit_garments(named: tuple[str, ...], sold: set[str]) -> tuple[str, ...]:
    """The garments an outfit is made of: those named; one named with what completes it; none, a top and a bottom."""
    if len(named) >= 2:
        return named
    if len(named) == 1:
        kind = garment_type(named[0]) if named[0] in sold else None
        other = COMPLETES.get(kind or "") or advising.COMPLEMENTS.get(kind or "none", advising.COMPLEMENTS["none"])[0]
        return named + (other,)
    return FULL_OUTFIT


def outfit_filters(state: DialogueState, u: Any) -> tuple[Filters, float | None]:
    """What every piece must meet (the shopper's size, wearer, occasion, style and taste, said now or before) and
    the budget for all of it."""
    request = state.request
    size = u.item_size or request.size
    taste = {slot: v for slot, v in request.exclude.items() if slot in TASTE_EXCLUSIONS}
    filters = Filters(size=size, gender=said_first(u, request, "gender"), occasion=said_first(u, request, "occasion"),
                      style=said_first(u, request, "style"), exclude={**taste, **u.stated.exclude},
                      hard=frozenset({"size"} if size else ()))
    return filters, budget_said(u, request)
