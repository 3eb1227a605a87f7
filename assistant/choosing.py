"""Questions that choose among the shown products ("which of these is the warmest?", "the cheaper
of the two", "which of them comes in XL?"), answered from the catalog's facts.

What the words ask is read once, with the turn (`Understanding.choice`, `understanding.choice`). A
choice ranks by a fact (price; warmth from fabric, sleeves and kind of garment, as
`suitability.warmth` reads it) or asks which products have stated values (a size in stock, a
colour, a fabric, an occasion). The winners are all products that tie for the best; a fact no
product states is reported as unknown, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from catalog.schema import Product

from assistant.state import DialogueState
from assistant.suitability import warmth
from assistant.understanding.model import Choice, Understanding
from assistant.wardrobe import Owned, goes_with


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


def among(state: DialogueState, u: Understanding, focus: tuple[int, ...] = ()) -> tuple[int, ...]:
    """The shown positions a choice is among: those the words name; else the products the conversation
    was just about (`focus`: "which one costs more?" after comparing two), unless the words take in
    the whole list ("which of these", "all"); else the whole list."""
    if len(u.pointed) >= 2:
        return u.pointed
    if len(focus) >= 2 and not u.whole_list:
        return focus
    return tuple(range(1, len(state.shown) + 1))


def has(product: Product, slot: str, value: str) -> bool:
    """Whether the product has a value: a size only when it is in stock (or stock is not kept)."""
    if slot == "size":
        return value in (product.sizes_in_stock(()) if product.stock_known() else product.sizes)
    return value in product.values(slot)


# How a product stands on each fact a choice ranks by, given the shopper's own pieces (what "goes with my wardrobe"
# is held against); a fact with no entry (ratings) the catalog does not hold.
STANDINGS: dict[str, Callable[[Product, Sequence[Owned]], float | None]] = {
    "price": lambda p, _: p.price, "warmth": lambda p, _: warmth(p), "match": goes_with}


def standing(product: Product, fact: str, own: Sequence[Owned] = ()) -> float | None:
    read = STANDINGS.get(fact)
    return read(product, own) if read is not None else None


def standings(product: Product) -> tuple[tuple[str, float], ...]:
    """How a product stands on each fact the catalog holds besides its price (which the list holds already), for a
    description that ranks the list ("the warmest one") to be read against what is on screen."""
    read = ((fact, standing(product, fact)) for fact in STANDINGS if fact != "price")
    return tuple((fact, value) for fact, value in read if value is not None)


def choose(products: tuple[Product, ...], choice: Choice, own: Sequence[Owned] = ()) -> Chosen:
    """The products that answer the choice best: those with the most wanted values (when none has any,
    a ranking is among all of them), then the best of those on each fact ranked by (`own`: the shopper's pieces)."""
    indexes = tuple(range(len(products)))
    matched: tuple[tuple[str, str], ...] = ()
    if choice.wanted:
        counts = [sum(has(p, slot, v) for slot, v in choice.wanted) for p in products]
        best = max(counts, default=0)
        if best == 0 and not choice.ranks:
            return Chosen(())
        indexes = tuple(i for i in indexes if counts[i] == best)
        matched = tuple(pair for pair in choice.wanted if has(products[indexes[0]], *pair))
    return Chosen(indexes, matched, tuple(_rank(products, indexes, fact, order, own) for fact, order in choice.ranks))


def _rank(products: tuple[Product, ...], indexes: tuple[int, ...], fact: str, order: str,
          own: Sequence[Owned]) -> Ranked:
    known = [(i, standing(products[i], fact, own)) for i in indexes]
    known = [(i, v) for i, v in known if v is not None]
    if not known:
        return Ranked(fact, order, (), unknown=True)
    pick = (min if order == "low" else max)(v for _, v in known)
    return Ranked(fact, order, tuple(i for i, v in known if v == pick))
