"""Outfits bought together under one total budget ("a top and trousers for an interview, $150 for both").

Each asked category is searched on its own, with the shopper's constraints and the whole budget
as its price cap (no single piece can cost more); then every combination of one candidate per
category is priced and scored, and the best few that fit the budget are returned, no product in
two of them, so the shopper sees real alternatives and not one outfit with one piece swapped.
A combination is scored by how well its pieces match the request (the search scores) and how
well they go together: a shared occasion or style, and colours the harmony table pairs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from catalog.schema import Product
from catalog.search import Filters, Hit
from catalog.vocabulary import CATEGORY_GROUPS

from assistant.advice import GOES_WITH, NEUTRALS

if TYPE_CHECKING:
    from catalog.store import Catalog

# Candidates per category: the best dozen by relevance; 12 ** 3 = 1728 combinations for three pieces.
POOL_SIZE = 12
# Most combinations priced and scored per request; pools of more categories are cut to stay under it.
MAX_COMBOS = 12 ** 3
# Per pair of pieces worn to a common occasion: the outfit suits one event, not two.
SHARED_OCCASION_BONUS = 0.05
# Per pair of pieces sharing a style: a formal blazer over sporty shorts does not read as one look.
SHARED_STYLE_BONUS = 0.04
# Per pair whose colours the harmony table pairs: a chosen pairing, the strongest colour signal.
HARMONY_BONUS = 0.08
# Per pair anchored by a neutral the table does not name: safe, but not a designed pairing.
NEUTRAL_BONUS = 0.03
# Per pair of two non-neutral colours the table does not pair: likely to clash.
CLASH_PENALTY = 0.05
# Audiences that go with any other: a unisex piece fits into a men's or a women's outfit.
ANY_AUDIENCE = frozenset({None, "unisex"})


@dataclass(frozen=True)
class Outfit:
    pieces: tuple[Product, ...]     # one per category, in the order the categories were asked
    total: float                    # sum of the pieces' prices
    score: float                    # how well it fits (higher is better); used for ordering only


def plan_outfits(catalog: Catalog, categories: tuple[str, ...], budget: float | None, filters: Filters, query: str,
                 count: int = 3) -> tuple[Outfit, ...]:
    """Up to `count` outfits within `budget`, best first, no product in two; () when none can be made."""
    sold = catalog.vocabulary()["category"]
    pools = [_pool(catalog, cat, budget, filters, query) for cat in categories if _sells(cat, sold)]
    if not pools or not all(pools):   # a sold category with no candidate: no outfit is complete
        return ()
    scored: list[Outfit] = []
    for combo in itertools.product(*_cut(pools)):
        products = [hit.product for hit in combo]
        total = round(sum(_price(p, filters) for p in products), 2)
        if (budget is None or total <= budget) and _wearable_together(products):
            scored.append(Outfit(tuple(products), total, score_outfit(combo, filters.color)))
    scored.sort(key=lambda outfit: (-outfit.score, outfit.total))
    return _diverse(scored, count)


def score_outfit(hits: Sequence[Hit], colors: tuple[str, ...] = ()) -> float:
    """The hits' search scores plus, per pair of pieces, what they share and how their colours go.

    `colors` are the shopper's asked colours: a piece is judged in the one it will be bought in.
    """
    worn = [_worn_color(hit.product, colors) for hit in hits]
    score = sum(hit.score for hit in hits)
    for (a, color_a), (b, color_b) in itertools.combinations(zip((h.product for h in hits), worn), 2):
        score += pair_score(a, color_a, b, color_b)
    return score


def pair_score(a: Product, color_a: str | None, b: Product, color_b: str | None) -> float:
    """How well two pieces worn in these colours go together: an occasion and a style they share, and their colours."""
    return ((SHARED_OCCASION_BONUS if set(a.occasion) & set(b.occasion) else 0.0)
            + (SHARED_STYLE_BONUS if set(a.style) & set(b.style) else 0.0) + color_harmony(color_a, color_b))


# How much each grade of colour pairing adds to a pair's score (`color_grade`).
GRADE_SCORES: dict[str, float] = {"harmony": HARMONY_BONUS, "neutral": NEUTRAL_BONUS, "clash": -CLASH_PENALTY}


def color_harmony(a: str | None, b: str | None) -> float:
    """How two colours go together by the advice table (`color_grade`); nothing is said of an unknown colour."""
    grade = color_grade(a, b)
    return 0.0 if grade is None else GRADE_SCORES[grade]


def color_grade(a: str | None, b: str | None) -> str | None:
    """Whether two colours are a pairing the table names, are anchored by a neutral, or clash; None when either is
    unknown."""
    if a is None or b is None:
        return None
    if b in GOES_WITH.get(a, ()) or a in GOES_WITH.get(b, ()):
        return "harmony"
    return "neutral" if a in NEUTRALS or b in NEUTRALS else "clash"


def _sells(category: str, sold: set[str]) -> bool:
    """The shop sells a category, or one of a broad word's ("tops") members: never substitute another."""
    members = CATEGORY_GROUPS[category][0] if category in CATEGORY_GROUPS else (category,)
    return any(member in sold for member in members)


def _pool(catalog: Catalog, category: str, budget: float | None, filters: Filters, query: str) -> list[Hit]:
    """The category's best candidates that can be priced and, when a size is asked, come in it."""
    wanted = replace(filters, category=(category,), max_price=budget)
    result = catalog.search(f"{query} {category}".strip(), wanted, POOL_SIZE)
    return [hit for hit in result.hits
            if _price(hit.product, filters) is not None and _in_size(hit.product, filters)]


def _price(product: Product, filters: Filters) -> float | None:
    """What the shopper pays for the piece: its price in the asked colour and size (variants may differ)."""
    return product.price_for(filters.color, filters.size)


def _in_size(product: Product, filters: Filters) -> bool:
    """In the shopper's size, a search that relaxed it notwithstanding: in stock where stock is known,
    in an asked colour the product comes in (as the search judges it), else in any colour."""
    if filters.size is None:
        return True
    if not product.stock_known():
        return filters.size in product.sizes
    return filters.size in product.sizes_in_stock(tuple(c for c in filters.color if c in product.colors))


def _worn_color(product: Product, asked: tuple[str, ...]) -> str | None:
    """The colour the piece will be bought in: an asked one it comes in, else its main colour."""
    return next((c for c in product.colors if c in asked), product.colors[0] if product.colors else None)


def _wearable_together(products: Sequence[Product]) -> bool:
    """One person's outfit: no product twice, and not a men's piece with a women's one."""
    audiences = {p.audience for p in products} - ANY_AUDIENCE
    return len(audiences) <= 1 and len({p.id for p in products}) == len(products)


def _cut(pools: list[list[Hit]]) -> list[list[Hit]]:
    """Pools trimmed, least relevant first from the longest, until their combinations fit MAX_COMBOS."""
    pools = [list(pool) for pool in pools]
    while math.prod(len(pool) for pool in pools) > MAX_COMBOS:
        longest = max(pools, key=len)
        longest.pop()
    return pools


def _diverse(ranked: Sequence[Outfit], count: int) -> tuple[Outfit, ...]:
    """The best outfits, greedily, skipping any that reuses a product already picked."""
    picked: list[Outfit] = []
    used: set[str] = set()
    for outfit in ranked:
        if len(picked) >= count:
            break
        ids = {p.id for p in outfit.pieces}
        if not ids & used:
            picked.append(outfit)
            used |= ids
    return tuple(picked)
