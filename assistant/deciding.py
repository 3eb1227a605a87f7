"""Help me decide: one pick among products, the catalog facts that favour it against what the
shopper said, and what would tip it the other way.

A side-by-side table leaves the choice to the shopper; a shop assistant picks. Each criterion
reads one catalog fact against one thing the shopper said (their size in stock, the occasion,
the weather, the budget, the fit, fabric, style or colour asked for); the price always counts,
least. A criterion the shopper said nothing about never decides. The pick is the product that
does best on the most weight of criteria; its reasons are those criteria, the tip the first one
another product does better on. Nothing here is guessed: a fact a product does not state scores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from catalog.schema import Product

from assistant.choosing import has
from assistant.suitability import warmth

# The weather an occasion implies when none is said ("for a beach holiday" wants cool clothes).
OCCASION_WEATHER: dict[str, str] = {"beach": "hot"}
MAX_REASONS = 3
# Criteria whose best score may be zero or below and still be best (warmth, price); the others count a match.
SIGNED = frozenset({"weather", "price"})


@dataclass(frozen=True)
class Wants:
    """What the shopper said that a product can be held against."""

    size: str | None = None
    occasion: tuple[str, ...] = ()
    weather: str | None = None        # "hot" | "cold"
    budget: float | None = None
    fit: tuple[str, ...] = ()
    material: tuple[str, ...] = ()
    style: tuple[str, ...] = ()
    color: tuple[str, ...] = ()

    def with_implied_weather(self) -> "Wants":
        implied = next((OCCASION_WEATHER[o] for o in self.occasion if o in OCCASION_WEATHER), None)
        return self if self.weather or implied is None else Wants(**{**self.__dict__, "weather": implied})


@dataclass(frozen=True)
class Criterion:
    weight: float
    said: Callable[[Wants], bool]                          # the shopper said something it reads
    score: Callable[[Product, Wants], float | None]        # higher is better; None: the product does not say


def _overlap(slot: str) -> Callable[[Product, Wants], float | None]:
    def score(product: Product, wants: Wants) -> float | None:
        values = product.values(slot)
        return float(len(set(values) & set(getattr(wants, slot)))) if values else None
    return score


def _weather(product: Product, wants: Wants) -> float | None:
    heat = warmth(product)
    return None if heat is None else float(heat if wants.weather == "cold" else -heat)


# Ordered by how much each matters to a shopper: a product not in their size is no choice at all.
CRITERIA: dict[str, Criterion] = {
    "size": Criterion(4.0, lambda w: w.size is not None, lambda p, w: float(has(p, "size", w.size))),
    "occasion": Criterion(3.0, lambda w: bool(w.occasion),
                          lambda p, w: float(len(set(p.occasion) & set(w.occasion))) if p.occasion else None),
    "weather": Criterion(3.0, lambda w: w.weather is not None, _weather),
    "budget": Criterion(3.0, lambda w: w.budget is not None,
                        lambda p, w: None if p.price is None else float(p.price <= w.budget)),
    "fit": Criterion(2.0, lambda w: bool(w.fit), _overlap("fit")),
    "material": Criterion(2.0, lambda w: bool(w.material), _overlap("material")),
    "style": Criterion(1.5, lambda w: bool(w.style), _overlap("style")),
    "color": Criterion(1.5, lambda w: bool(w.color), _overlap("color")),
    "price": Criterion(1.0, lambda w: True, lambda p, w: None if p.price is None else -p.price),
}


@dataclass(frozen=True)
class Edge:
    """A criterion a product does best on among those decided between."""

    criterion: str
    winner: int          # index into the products decided between


@dataclass(frozen=True)
class Decision:
    pick: int                       # index of the product picked
    reasons: tuple[Edge, ...]       # what favours it, most important first
    tip: Edge | None                # what favours another product, the first that matters
    said_nothing: bool              # the shopper said nothing a criterion reads: picked on price alone
    wants: Wants = Wants()          # what the products were held against (with the weather an occasion implies)


def edges(products: tuple[Product, ...], wants: Wants) -> tuple[Edge, ...]:
    """For every criterion the shopper's words make count, an edge for each product that does best on it,
    where not every product does as well (a tie among all of them decides nothing)."""
    found = []
    for name, criterion in CRITERIA.items():
        if not criterion.said(wants):
            continue
        scores = [criterion.score(p, wants) for p in products]
        known = [s for s in scores if s is not None]
        if not known:
            continue
        best = max(known)
        winners = [i for i, s in enumerate(scores) if s == best]
        if len(winners) < len(products) and (best > 0 or name in SIGNED):
            found.extend(Edge(name, i) for i in winners)
    return tuple(found)


def decide(products: tuple[Product, ...], wants: Wants) -> Decision:
    """The product with the most weight of criteria won (the cheaper on a tie), its reasons and the tip."""
    wants = wants.with_implied_weather()
    won = edges(products, wants)
    weight = [sum(CRITERIA[e.criterion].weight for e in won if e.winner == i) for i in range(len(products))]
    price = [p.price if p.price is not None else float("inf") for p in products]
    pick = min(range(len(products)), key=lambda i: (-weight[i], price[i]))
    reasons = tuple(e for e in won if e.winner == pick)[:MAX_REASONS]
    theirs = {e.criterion for e in reasons}
    tip = next((e for e in won if e.winner != pick and e.criterion not in theirs), None)
    said_nothing = all(not c.said(wants) for name, c in CRITERIA.items() if name != "price")
    return Decision(pick, reasons, tip, said_nothing, wants)
