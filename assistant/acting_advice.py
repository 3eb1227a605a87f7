"""How advice runs: open questions answered from the shop's knowledge, the products in view, or the LLM.

Each function is one row's `run` in `assistant.actions.RUNS`; nothing here words a reply.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from catalog.search import VALUE_SLOTS

from assistant import advice as advising
from assistant.acting import asked_colours, pointed, products_at, search_filters, show, unsold_garment
from assistant.knowledge.table import Found, suggested
from assistant.phrasebook import say
from assistant.replies import Outcome
from assistant.state import DialogueState, shown_tags
from assistant.suitability import verdict
from assistant.understanding.choice import asked_weather
from assistant.wardrobe import owned

# Products shown beside advice from the shop's knowledge: a few that follow it, not a whole page.
ADVICE_CARDS = 4
# The slots a fact about products in view must share with them where it names any: a fabric, a kind of garment.
SAID_OF = ("material", "category")


def advice_view(m: Any, state: DialogueState) -> tuple[Any, ...]:
    """The products an advice question asked next would most likely be about (what `advice` gives
    the model): those last talked about ("can I wear it with sneakers?"), else the list shown
    ("which of these..."); none when nothing is in view."""
    refs = state.last_refs or tuple(range(1, len(state.shown) + 1))
    return products_at(m, state, refs) if refs else ()


def advice(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """An open question, answered from the shop's own knowledge where a fact covers it (`knowledge`), with the
    products that advice points to (in the shopper's size and budget) as cards, or, asked of products in view,
    with what their catalog facts settle beside the table's facts. Where no fact covers it, the LLM answers
    from the catalog facts of the products in view only; a general question no fact covers, or any with no
    LLM, gets the truth: the shop does not know, and what it can do instead. "Which of these..." chooses among the
    list shown, so the answer gets the list's facts, not only the product last talked about. Whether one product
    suits the weather or the occasion asked about is settled from its facts where they decide (`suitability`),
    not by the model, which got such verdicts wrong both ways."""
    u = t.understanding
    refs = t.action.refs
    named_own = any(p.own for p in u.pieces)   # "with my jeans", "I have beige chinos"
    # "will my linen trousers be fine in a downpour?" asks of their own piece, worn with nothing shown
    own_asked = named_own and not (u.with_own or refs or u.pronoun or u.asks_which or any(p.paired for p in u.pieces))
    # "which of these suits me?"
    about_products = bool(refs or u.pronoun or u.asks_which or u.pieces) and not own_asked
    said_own = u.with_own or named_own
    if t.state.shown and (u.asks_which or (not refs and about_products
                                           and (said_own or len(t.state.shown) == 1 or _it_of_the_list(m, t)))):
        # "does it go with what I've bought?" or "with my jeans" with no product talked about yet: each shown, held
        # against the cart or the piece; "it" of a list of one is that one, and of a list with none talked about yet
        # each of it ("is it breathable?" over two cardigans was answered in general, and the list replaced)
        refs = tuple(range(1, len(t.state.shown) + 1))
    in_view = products_at(m, t.state, refs, t.action.within) if refs else ()
    if not in_view and u.pronoun and m.catalog is not None and t.state.shown_for in m.catalog.products:
        # "is it better for a wedding?" after "what goes with it?": the list on screen is the trousers, and "it"
        # is still the top they go with
        in_view = (m.catalog.products[t.state.shown_for],)
    # of products in view, the facts about their own fabric and kind come first, and a fact said of another tells
    # nothing of them: "will it shrink?" of a cashmere sweater was answered with cotton's shrinking
    tags = set().union(*(shown_tags(p) for p in in_view)) if in_view else set()
    found = _known_of(m, t, tags) if in_view else known(m, t)
    unsold = unsold_garment(m, t) if m.catalog is not None and not about_products and not found else None
    if unsold:   # "and shoes?": the shop has none, which the model put as "No shoes are available in view."
        return t.state, Outcome(unsold=unsold)
    own = owned(m.catalog, t.state)
    if in_view and u.with_own and not own and not named_own:
        # "does it go with what I've bought?" with an empty cart: once, not per product, and never the model's
        # guess (it said a pair of trousers "goes with the trousers you've bought")
        said = say("own_unknown", t.state.lang)
        return t.state, Outcome(products=in_view, advice=lambda: iter([said]), settled=(said,))
    settled = _settled(in_view, t, own)
    if settled:   # what the products' own facts settle is the answer; a fact of the table joins it about their values
        # (not against the shopper's own pieces: the cart's colours answer that; a table fact on black did not)
        found = () if said_own else tuple(f for f in found if (f.fact.about | _suggested_pairs(f)) & tags)[:1]
    if found:
        cards = () if in_view else _pointed_to(m, t.state, found, u.garments)
        said = "\n".join((*(f.fact.text(t.state.lang) for f in found), *settled))
        state = show(t.state, cards) if cards else t.state
        return state, Outcome(products=in_view or cards, advice=lambda: iter([said]), settled=settled, known=found,
                              cards=bool(cards) and not in_view)
    if len(in_view) == 1 and u.yes_no and not (found or settled or said_own or u.pieces or _asked_values(m, t)):
        # "is it itchy?" of a linen shirt asks what a listing would state, and neither it nor the table does: the model
        # made one up ("Itchy shirts are not recommended"), so the listing is shown, said to be all the shop says;
        # a yes or no that names an occasion, a weather or a style to hold it against is still weighed
        return t.state, Outcome(products=in_view, unlisted=True, colors=asked_colours(in_view, u, t.state))
    if settled and (len(in_view) == 1 or not m.assistant.llm or said_own):   # the pieces' colours settle it
        return t.state, Outcome(products=in_view, advice=lambda: iter(["\n".join(settled)]), settled=settled)
    if not in_view:   # a general question no fact covers: the small model's memory is no source, so the shop says it does not know
        return t.state, Outcome()
    stream = advising.answer_stream(m.assistant.llm, t.text, in_view, t.state.lang, settled,
                                    hold_first=u.asks_which) if m.assistant.llm else None
    return t.state, Outcome(products=in_view, advice=stream, settled=settled)


def details(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """The facts of the products pointed at; a yes or no about one product that its listing holds nothing of ("is
    the first one itchy?" of a wool sweater) is answered from the shop's knowledge of its fabric and kind where a
    fact covers it (the listing alone was shown, said to be all the shop says)."""
    state, outcome = pointed(m, t)
    if not (t.understanding.yes_no and not outcome.facts and len(outcome.products) == 1):
        return state, outcome
    tags = shown_tags(outcome.products[0])
    own = {(s, v) for s, v in tags if s in SAID_OF}
    found = tuple(f for f in _known_of(m, t, tags) if f.fact.about & own)   # of its fabric or kind, not of a date
    if not found:
        return state, outcome
    said = "\n".join(f.fact.text(state.lang) for f in found)
    return state, replace(outcome, advice=lambda: iter([said]), known=found)


def known(m: Any, t: Any, tags: set[tuple[str, str]] = frozenset()) -> tuple[Found, ...]:
    """The shop's facts that answer the question (`knowledge.table`), found by its meaning, its Chinese words and
    the values it states (the weather asked about among them) or that the products it is about have (`tags`); a
    word only the table knows ("merino") is no stranger to it."""
    table = m.assistant.knowledge
    if table is None:
        return ()
    understander = m.assistant.understander
    reading, turn = understander.read(t.text, t.state.context())
    return table.find(understander.meaning(reading), t.text, _values_of(turn, t.text) | set(tags),
                      unknown_words=any(w not in table.words for w in t.understanding.strange))


def _it_of_the_list(m: Any, t: Any) -> bool:
    """Whether "it" asks of the list on screen: a list of its own (not pieces shown for a product, which "it" still
    is), and a question naming no fabric or garment of its own ("is linen or cotton cooler when it's hot?" asks of
    those)."""
    return t.understanding.pronoun and t.state.shown_for is None \
        and not any(slot in SAID_OF for slot, _ in _asked_values(m, t))


def _asked_values(m: Any, t: Any) -> set[tuple[str, str]]:
    """The (slot, value) pairs the question states, the weather it asks about among them ("is it good for a
    wedding?": the occasion it is to be held against)."""
    return _values_of(m.assistant.understander.read(t.text, t.state.context())[1], t.text)


def _values_of(turn: Any, text: str) -> set[tuple[str, str]]:
    weather = asked_weather(text)
    pairs = {(slot, v) for slot, values in turn.stated.values.items() for v in values}
    return pairs | ({("weather", weather)} if weather else set())


def _known_of(m: Any, t: Any, tags: set[tuple[str, str]]) -> tuple[Found, ...]:
    """The table's facts that answer the question and can be said of products with these tags: found with their
    fabric and kind among the question's values, a fact said of another fabric or kind left out (`_said_of`)."""
    return tuple(f for f in known(m, t, {(s, v) for s, v in tags if s in SAID_OF}) if _said_of(f, tags))


def _said_of(found: Found, tags: set[tuple[str, str]]) -> bool:
    """Whether a fact can be said of products with these (slot, value) tags: each fabric or garment kind it is
    about is one of theirs, where it is about any."""
    for slot in SAID_OF:
        values = {v for s, v in found.fact.about if s == slot}
        if values and not values & {v for s, v in tags if s == slot}:
            return False
    return True


def _suggested_pairs(found: Found) -> frozenset[tuple[str, str]]:
    """The (slot, value) pairs a fact points to, its garments left out: a product that has one is what the fact
    recommends (linen, for a beach wedding); a shirt is not what "a blazer and shirts for a business trip" is about."""
    return frozenset((slot, v) for slot, values in found.fact.suggests for v in values if slot != "category")


def _pointed_to(m: Any, state: DialogueState, found: tuple[Found, ...], named: tuple[str, ...]) -> tuple[Any, ...]:
    """A few products the advice points to, in the shopper's size, budget and taste, of the garment they are after
    (`_garments`); none when it points nowhere."""
    wanted = {slot: values for slot, values in suggested(found).items() if slot in VALUE_SLOTS}
    if m.catalog is None or not wanted:
        return ()
    garments = _garments(wanted.get("category", ()), named, state.request.category, found)
    wanted = {**wanted, "category": garments} if garments else {k: v for k, v in wanted.items() if k != "category"}
    filters = replace(search_filters(state), category=(), color=(), material=(), pattern=(), fit=(), sleeve=(),
                      style=(), occasion=())
    filters = replace(filters, **{slot: tuple(values) for slot, values in wanted.items()})
    query = " ".join(v for values in wanted.values() for v in values)
    result = m.catalog.search(query, filters, k=ADVICE_CARDS)
    return tuple(hit.product for hit in result.hits if not result.relaxed or _meets_some(hit.product, wanted))


def _garments(suggested_kinds: tuple[str, ...], named: tuple[str, ...], asked: str | None,
              found: tuple[Found, ...]) -> tuple[str, ...]:
    """The garments the cards show: those the advice suggests that the question names ("what colour shirt goes
    with navy trousers?": shirts, not sweaters), else all it suggests; where it suggests none (linen is cool), the
    garment the question names or the shopper was looking at, unless that is the garment the fact is about
    (the navy trousers the shopper already owns)."""
    if suggested_kinds:
        return tuple(k for k in suggested_kinds if k in named) or suggested_kinds
    about = {v for f in found for slot, v in f.fact.about if slot == "category"}
    return tuple(k for k in (named or ((asked,) if asked else ())) if k not in about)


def _meets_some(product: Any, wanted: dict[str, tuple[str, ...]]) -> bool:
    """Whether a product found after the search had to let something go still has a value the advice names (its
    garment is the frame the cards are drawn in, not advice)."""
    return any(set(product.values(slot)) & set(values) for slot, values in wanted.items() if slot != "category")


def _settled(products: tuple[Any, ...], t: Any, own: tuple[Any, ...]) -> tuple[str, ...]:
    """What the facts settle of the question for each product (one line each, named by its place in
    the list when several), so that a list question is still answered where the LLM is off, late or
    failing; `own`: the shopper's pieces (`wardrobe.owned`)."""
    verdicts = [(p, verdict(p, t.understanding, t.text, t.state.lang, own)) for p in products]
    if len(products) == 1:
        return (" ".join(verdicts[0][1]),) if verdicts[0][1] else ()
    places = {s.product_id: k for k, s in enumerate(t.state.shown, 1)}
    return tuple(say("advice_settled", t.state.lang, position=places.get(p.id, "?"), title=p.title, said=" ".join(said))
                 for p, said in verdicts if said)
