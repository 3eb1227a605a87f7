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
from typing import Any

from catalog.schema import Product

from assistant.outfit_sets import pair_score
from assistant.state import DialogueState
from assistant.suitability import warmth
from assistant.understanding.model import Choice, Understanding


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


Owned = tuple[Product, "str | None"]   # a piece the shopper has (in their cart) and the colour they have it in


def owned(catalog: Any, state: DialogueState) -> tuple[Owned, ...]:
    """The pieces in the shopper's cart, in the colours they are in it: all the shop knows of what they have."""
    if catalog is None:
        return ()
    return tuple((catalog.products[line.product_id], line.color) for line in state.cart
                 if line.product_id in catalog.products)


def best_pairing(product: Product, own: Sequence[Owned]) -> tuple[float, str | None, Owned] | None:
    """The product's colour and the shopper's piece of another kind that go best together, and how well, by what an
    outfit's pieces are scored by (`outfit_sets.pair_score`); None when nothing of theirs to wear it with is known.
    A piece of its own kind is worn instead of it, not with it: the black jeans in the cart were said to go best
    with themselves, and other jeans with them."""
    return max(((pair_score(product, color, piece, piece_color), color, (piece, piece_color))
                for piece, piece_color in own if piece.category != product.category
                for color in (product.colors or (None,))),
               key=lambda found: found[0], default=None)


def goes_with(product: Product, own: Sequence[Owned]) -> float | None:
    """How well the product goes with the shopper's own pieces (`best_pairing`); None when nothing of theirs to wear
    it with is known."""
    best = best_pairing(product, own)
    return None if best is None else best[0]


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
