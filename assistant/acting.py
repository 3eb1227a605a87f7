"""How the catalog, cart and advice actions run: state in, (state, outcome) out.

Each function is one row's `run` in `assistant.actions.RUNS`; `m` is the session's
`DialogueManager` (catalog, shared resources), `t` the turn. Nothing here words a reply.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from catalog.search import RELAX_COST, Filters, differences

from assistant import choosing, deciding
from assistant.act_table import ACTS
from assistant.replies import Outcome
from assistant.sizing import recommend, typical_chart
from assistant.slots import SearchRequest
from assistant.state import DialogueState, shown_tags
from assistant.understanding.choice import asked_weather
from assistant.understanding.facts import asked_orders
from assistant.understanding.tokens import tokenize
from assistant.unsold import unsold
from assistant.wardrobe import owned

PAGE_SIZE = 6
# "cheap jackets": the cheapest first among this many best matches, paged through (on a large catalog the order is
# the price's among what fits best, not across every product the filters pass)
PRICE_POOL = 60
NEAREST = 3
# Near misses are picked from this many of the closest by meaning, fewest and smallest differences first.
NEAREST_POOL = 24
# How many products of a category are enough to know its typical size chart.
CHART_SAMPLE = 200
# The garment, size and price the shopper stated are theirs to change, never ours.
HARD_SLOTS = ("category", "size", "min_price", "max_price")
# Words that point at the one product last talked about ("do you have it in black?", "换成白色": change it to
# white); Chinese is tokenized a character at a time
IT_WORDS = frozenset({"it", "this", "that", "它", "这", "那", "换"})
# Small talk, first cue wins: thanks, greetings and a pause to think get their answers; another question
# ("how much is shipping?") gets "I can't help with that", not "you're welcome".
CHAT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thanks", re.compile(r"\b(?:thanks?|thx|ty|cheers)\b|谢", re.IGNORECASE)),
    ("greeting", re.compile(r"\b(?:hi+|hello+|hey+|hiya|morning|evening)\b|你好|您好|嗨|哈喽", re.IGNORECASE)),
    ("pause", re.compile(r"\b(?:(?:a|one) (?:sec|second|minute|moment)|hang on|hold on|wait|let me think|have a think"
                         r"|think (?:about )?it over|still deciding)\b|等一下|等等|想想|考虑", re.IGNORECASE)),
    ("question", re.compile(r"\?|？|^\s*(?:what|how|where|when|why|who|do|does|can|could|is|are|will)\b|吗|什么|怎么|多少|哪|几",
                            re.IGNORECASE)),
)


def products_at(m: Any, state: DialogueState, refs: tuple[int, ...], within: str = "shown") -> tuple[Any, ...]:
    """The products at said positions of the last list or the cart (or the last one named)."""
    if m.catalog is None:
        return ()
    ids = [pid for pid in (state.resolve(r, within) for r in refs) if pid]
    if not ids and state.last_ref_id:
        ids = [state.last_ref_id]
    return tuple(m.catalog.products[pid] for pid in dict.fromkeys(ids) if pid in m.catalog.products)


def named_colours(product, u, state: DialogueState) -> tuple[str | None, ...]:
    """The colours the shopper asked this product in, surest first: named this turn, picked for it before
    ("the first one in white", then "add it"), searched for."""
    return (u.item_color, dict(state.picked).get(product.id), *state.request.color)


def asked_colour(product, u, state: DialogueState) -> str | None:
    """The colour the shopper named or searched for, when the product comes in it."""
    return next((c for c in named_colours(product, u, state) if c and c in product.colors), None)


def asked_colours(products, u, state: DialogueState) -> tuple[str | None, ...]:
    """Each product's `asked_colour`: the colour its card shows it in, and its sizes in stock are said for."""
    return tuple(asked_colour(p, u, state) for p in products)


def color_for(product, u, state: DialogueState) -> str | None:
    """The colour asked (`asked_colour`), else the product's first."""
    return asked_colour(product, u, state) or (product.colors[0] if product.colors else None)


def garment_photo(catalog, product, u, state: DialogueState) -> Path | None:
    """The product photo a try-on of this product uses: in the colour the shopper asked for."""
    return catalog.image_path(product, color_for(product, u, state))


def search_filters(state: DialogueState) -> Filters:
    """The request's hard filters; "cheaper" without a budget caps the price as hard as a budget does
    (relaxing a search never drops the one thing the shopper just asked for)."""
    request = state.request_as_asked
    hard = frozenset(slot for slot in HARD_SLOTS if getattr(request, slot) is not None)
    return replace(request.to_filters(), hard=hard)


def show(state: DialogueState, products: tuple[Any, ...], page: int = 0, from_photo: bool = False) -> DialogueState:
    if not products:
        return state
    return state.with_shown([(p.id, p.price) for p in products], page=page, tags=[shown_tags(p) for p in products],
                            from_photo=from_photo, standings=[choosing.standings(p) for p in products])


def _words(text: str) -> list[str]:
    """A message's words in order, as the understanding reads them (folded; Chinese a character at a
    time)."""
    return [token.text for token in tokenize(text)]


def _lacking_colour(m: Any, t: Any) -> Any:
    """The product "it" means, when the shopper asks for it in a colour it does not come in ("do you
    have it in black?"): the search answers with other pieces in that colour, and the reply says so."""
    colors = t.understanding.changes.values.get("color", ())
    product = m.catalog.products.get(t.state.last_ref_id) if t.state.last_ref_id else None
    if not colors or product is None or IT_WORDS.isdisjoint(_words(t.text)):
        return None
    return None if set(colors) & set(product.colors) else product


def unsold_garment(m: Any, t: Any) -> str | None:
    """The kind of garment the words ask for that the shop has no category for (`assistant.unsold`);
    the shop's categories are read only when the words name a garment outside the category list."""
    u = t.understanding
    if not u.names_unlisted:
        return None
    return unsold(_words(t.text), bool(u.stated.values.get("category")), m.catalog.vocabulary().get("category", set()))


def clarify(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """A request too vague to search asks what the shopper is after, unless it names a garment the
    shop has no category for ("do you have shoes?"): then the answer is that."""
    return t.state, Outcome(unsold=unsold_garment(m, t) if m.catalog is not None else None)


def search(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    state = t.state
    if m.catalog is None:
        return state, Outcome()
    page = state.page + 1 if ACTS[t.action.kind].next_page else 0
    missing = unsold_garment(m, t)
    if missing is not None:
        return state, Outcome(unsold=missing)
    filters = search_filters(state)
    query = state.request.describe() or "clothing"
    state = replace(state, price_order=_price_order(t, state))
    result, products = _page(m, query, filters, state, page)
    if not page and not t.understanding.asks_what_the_shop_lacks and _asked_again(m.state, state, products):
        # "anything else plain in those sizes?": the list on screen answers it already; the next page does
        page = m.state.page + 1
        result, products = _page(m, query, filters, state, page)
    if products or page or not filters.hard:
        return show(state, products, page), Outcome(products=products, relaxed=result.relaxed, further=bool(page),
                                                     not_in_colour=_lacking_colour(m, t))
    # exclusions always hold, and so does a price the shopper asked for: the nearest are cheap enough in another size
    prices = {slot: getattr(filters, slot) for slot in ("min_price", "max_price") if slot in filters.hard}
    loose = Filters(category=filters.category, gender=filters.gender, exclude=filters.exclude, hard=frozenset(prices), **prices)
    near = m.catalog.search(query, loose, k=NEAREST_POOL)
    misses = [(hit.product, differences(hit.product, filters)) for hit in near.hits]
    nearest = tuple(sorted(misses, key=lambda pm: sum(RELAX_COST.get(c.slot, 1) for c in pm[1]))[:NEAREST])
    return show(state, tuple(p for p, _ in nearest)), Outcome(products=tuple(p for p, _ in nearest), nearest=nearest)


def _price_order(t: Any, state: DialogueState) -> str | None:
    """The order the shopper asks the list in: "cheap jackets" cheapest first, "the priciest coats" dearest first,
    else as before. "Cheaper" moves the price (`soft_max_price`) and keeps the order: after the priciest coats,
    cheaper ones are the priciest under them, not the cheapest in the shop. With nothing shown to be cheaper than
    ("便宜的衬衫" first: cheap and cheaper are one word), the words order the list."""
    moved = (t.understanding is not None and t.understanding.changes.price_move is not None
             and (state.soft_max_price is not None or state.soft_min_price is not None))
    return state.price_order if moved else dict(asked_orders(t.text)).get("price", state.price_order)


def _page(m: Any, query: str, filters: Filters, state: DialogueState, page: int) -> tuple[Any, tuple[Any, ...]]:
    """The search's result and its products on `page`: by relevance, or by price as the shopper asked (`PRICE_POOL`)."""
    if state.price_order is None:
        result = m.catalog.search(query, filters, k=PAGE_SIZE, offset=page * PAGE_SIZE)
        return result, tuple(hit.product for hit in result.hits)
    result = m.catalog.search(query, filters, k=PRICE_POOL)
    ranked = sorted((hit.product for hit in result.hits), key=lambda p: p.price, reverse=state.price_order == "high")
    return result, tuple(ranked[page * PAGE_SIZE:(page + 1) * PAGE_SIZE])


def _asked_again(before: DialogueState, now: DialogueState, products: tuple[Any, ...]) -> bool:
    """Whether a search repeats the request of the list on screen, unchanged, and would show that list again (its
    first page `products`) or go back to it from a later page."""
    return (bool(products) and not before.shown_from_photo and now.request == before.request
            and (before.page > 0 or [p.id for p in products] == [s.product_id for s in before.shown]))


def pointed(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    u = t.understanding
    products = products_at(m, t.state, t.action.refs, t.action.within)
    return t.state, Outcome(products=products, facts=tuple(f for f in u.facts if f not in u.facts_of_looks),
                            colors=asked_colours(products, u, t.state))


def shown_pairs(m: Any, state: DialogueState, refs: tuple[int, ...]) -> list[tuple[int, Any]]:
    """(position, product) for each shown position said that still names a product of the catalog."""
    if m.catalog is None:
        return []
    found = ((ref, m.catalog.products.get(state.resolve(ref) or "")) for ref in refs)
    return [(ref, product) for ref, product in found if product is not None]


def choose(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """Which of the shown products answers a choice among them, from their catalog facts. The chosen
    ones are what the shopper talks about next ("the warmest?" then "add it to my cart")."""
    state = t.state
    pairs = shown_pairs(m, state, t.action.refs)
    products = tuple(p for _, p in pairs)
    chosen = choosing.choose(products, t.action.choice, owned(m.catalog, state))
    winners = tuple(pairs[i][0] for i in chosen.picked)
    if winners:
        state = replace(state, last_ref=winners[0], last_ref_id=state.resolve(winners[0]), last_refs=winners)
    return state, Outcome(products=products, positions=tuple(ref for ref, _ in pairs), chosen=chosen)


def decide(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """Help me decide: one pick among the products the words name, else those just talked about, else the
    list shown, held against what the shopper said (`deciding`). The pick is what "it" means next; with
    nothing said to weigh, none is picked. Its cards are the products its words name: the pick, and another
    where something favours that one; the rest were weighed, not recommended."""
    state, u = t.state, t.understanding
    pairs = shown_pairs(m, state, choosing.among(state, u, state.last_refs))
    products = tuple(p for _, p in pairs)
    if len(products) < 2:
        return state, Outcome(products=products)
    decision = deciding.decide(products, wants(state, u, t.text, products[0].category))
    pick = pairs[decision.pick][0]
    if not decision.said_nothing:   # with nothing to weigh, the reply asks what it is for and picks none
        state = replace(state, last_ref=pick, last_ref_id=state.resolve(pick), last_refs=tuple(r for r, _ in pairs))
    rival = () if decision.said_nothing or decision.tip is None else (decision.tip.winner,)
    return state, Outcome(products=products, positions=tuple(r for r, _ in pairs), decision=decision,
                          named=tuple(sorted({decision.pick, *rival})))


def said_first(u: Any, request: SearchRequest, slot: str) -> tuple[str, ...]:
    """A slot's values as said this turn, else as the shopper's request holds them."""
    return tuple(u.stated.values.get(slot) or request.get(slot))


def budget_said(u: Any, request: SearchRequest) -> float | None:
    """The budget said this turn, else the request's."""
    return u.stated.max_price if u.stated.max_price is not None else request.max_price


def wants(state: DialogueState, u: Any, text: str, category: str | None) -> deciding.Wants:
    """What the shopper said, this turn first, then in their request: what products are held against."""
    request = state.request
    return deciding.Wants(
        size=u.item_size or request.size or state.size_for(category), occasion=said_first(u, request, "occasion"),
        weather=asked_weather(text), budget=budget_said(u, request), fit=said_first(u, request, "fit"),
        material=said_first(u, request, "material"), style=said_first(u, request, "style"),
        color=said_first(u, request, "color"))


def size_help(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    """Advice from the pointed product's chart, else the category's typical chart."""
    state, u = t.state, t.understanding
    products = products_at(m, state, t.action.refs, t.action.within) if t.action.refs else ()
    said = u.stated.values.get("size", (None,))[0]   # "I'm usually a medium"
    if products:
        usual = said or state.size_for(products[0].category)
        return state, Outcome(products=products[:1], size_advice=recommend(products[0].size_chart, u.measurements, usual))
    category = state.request.category or _shown_category(m, state)
    if m.catalog is None or category is None:
        return state, Outcome()
    sample = (p for p in m.catalog.rows if p.category == category)
    chart = typical_chart((p for _, p in zip(range(CHART_SAMPLE), sample)), category, state.request.gender)
    return state, Outcome(size_advice=recommend(chart, u.measurements, said or state.size_for(category)),
                          size_category=category)


def _shown_category(m: Any, state: DialogueState) -> str | None:
    if m.catalog is None or not state.shown:
        return None
    counts = Counter(m.catalog.products[s.product_id].category for s in state.shown if s.product_id in m.catalog.products)
    return counts.most_common(1)[0][0] if counts else None


def smalltalk(m: Any, t: Any) -> tuple[DialogueState, Outcome]:
    if t.understanding.unread:
        return t.state, Outcome(chat="unread")
    return t.state, Outcome(chat=next((name for name, cue in CHAT_CUES if cue.search(t.text)), None))
