"""Questions that choose among the shown products ("which of these is the warmest?", "the cheaper
of the two", "which of them comes in XL?"), answered from the catalog's facts.

A choice ranks by a fact (price; warmth from fabric, sleeves and kind of garment, as
`suitability.warmth` reads it) or asks which products have stated values (a size in stock, a
colour, a fabric, an occasion). The winners are all products that tie for the best; a fact no
product states is reported as unknown, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from catalog.schema import Product

from assistant.state import DialogueState
from assistant.suitability import asked_weather, warmth
from assistant.understanding.facts import asked_orders, chooses_among, ranks_among
from assistant.understanding.tokens import tokenize
from assistant.understanding.model import Understanding

# Stated values a product can be chosen by; the garment type and the wearer only say what the list already is.
CHOOSABLE_SLOTS = ("size", "color", "material", "occasion", "pattern", "fit", "sleeve")
# A question about cold weather picks the warmest; about hot weather, the coolest.
WEATHER_ORDER = {"cold": "high", "hot": "low"}
# Words that take in the whole list shown, not only the products just talked about (Chinese a character at a time).
WHOLE_LIST = frozenset({"all", "these", "here", "全", "所", "些"})


@dataclass(frozen=True)
class Choice:
    ranks: tuple[tuple[str, str], ...] = ()      # (fact, "low" | "high"): "price" | "warmth" | "rating", each answered
    wanted: tuple[tuple[str, str], ...] = ()     # (slot, value) pairs the chosen product should have


@dataclass(frozen=True)
class Ranked:
    fact: str
    order: str
    winners: tuple[int, ...]      # indexes into the products chosen among, all tied for the best
    unknown: bool = False         # no product states the fact


@dataclass(frozen=True)
class Chosen:
    winners: tuple[int, ...]      # indexes of the products with the most wanted values (all, when none wanted)
    matched: tuple[tuple[str, str], ...] = ()   # the wanted pairs those have (none: ranked among all)
    ranked: tuple[Ranked, ...] = ()

    @property
    def picked(self) -> tuple[int, ...]:
        """The products the answer chooses: the first ranking's winners, else those with the values."""
        return self.ranked[0].winners if self.ranked else self.winners


def asked_choice(text: str, u: Understanding) -> Choice | None:
    """The choice the words ask for among the shown list, if they ask one. Values are what a product
    should have only where they describe no product: beside a word to rank by ("which is cheaper, the
    black or the grey one?") only an occasion counts, and none where the words point at products
    ("which one is bigger, that or the brown one?")."""
    weather = asked_weather(text)
    ranks = asked_orders(text) or ((("warmth", WEATHER_ORDER[weather]),) if weather else ())
    stated = u.stated.values
    if ranks and ranks_among(text):
        return Choice(ranks, tuple(("occasion", v) for v in stated.get("occasion", ())))
    describes = bool(u.pointed or u.ambiguous or u.unmatched)
    wanted = tuple((slot, v) for slot in CHOOSABLE_SLOTS for v in stated.get(slot, ()))
    return Choice(wanted=wanted) if wanted and not describes and chooses_among(text) else None


def among(state: DialogueState, u: Understanding, text: str, focus: tuple[int, ...] = ()) -> tuple[int, ...]:
    """The shown positions a choice is among: those the words name; else the products the conversation
    was just about (`focus`: "which one costs more?" after comparing two), unless the words take in
    the whole list ("which of these", "all"); else the whole list."""
    if len(u.pointed) >= 2:
        return u.pointed
    words = {token.text for token in tokenize(text)}
    if len(focus) >= 2 and words.isdisjoint(WHOLE_LIST):
        return focus
    return tuple(range(1, len(state.shown) + 1))


def has(product: Product, slot: str, value: str) -> bool:
    """Whether the product has a value: a size only when it is in stock (or stock is not kept)."""
    if slot == "size":
        return value in (product.sizes_in_stock(()) if product.stock_known() else product.sizes)
    return value in product.values(slot)


# How a product stands on each fact a choice ranks by; a fact with no entry (ratings) the catalog does not hold.
STANDINGS: dict[str, Callable[[Product], float | None]] = {"price": lambda p: p.price, "warmth": warmth}


def standing(product: Product, fact: str) -> float | None:
    read = STANDINGS.get(fact)
    return read(product) if read is not None else None


def choose(products: tuple[Product, ...], choice: Choice) -> Chosen:
    """The products that answer the choice best: those with the most wanted values (when none has any,
    a ranking is among all of them), then the best of those on each fact ranked by."""
    indexes = tuple(range(len(products)))
    matched: tuple[tuple[str, str], ...] = ()
    if choice.wanted:
        counts = [sum(has(p, slot, v) for slot, v in choice.wanted) for p in products]
        best = max(counts, default=0)
        if best == 0 and not choice.ranks:
            return Chosen(())
        indexes = tuple(i for i in indexes if counts[i] == best)
        matched = tuple(pair for pair in choice.wanted if has(products[indexes[0]], *pair))
    return Chosen(indexes, matched, tuple(_rank(products, indexes, fact, order) for fact, order in choice.ranks))


def _rank(products: tuple[Product, ...], indexes: tuple[int, ...], fact: str, order: str) -> Ranked:
    known = [(i, standing(products[i], fact)) for i in indexes]
    known = [(i, v) for i, v in known if v is not None]
    if not known:
        return Ranked(fact, order, (), unknown=True)
    pick = (min if order == "low" else max)(v for _, v in known)
    return Ranked(fact, order, tuple(i for i, v in known if v == pick))
