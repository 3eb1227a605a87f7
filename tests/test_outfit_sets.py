"""Outfits under one total budget, planned on the real demo catalog with real MiniLM and FAISS."""

from __future__ import annotations

import pytest

from catalog import Filters
from catalog.search import Hit
from catalog.vocabulary import CATEGORY_GROUPS, SIZES

from assistant.advice import GOES_WITH, NEUTRALS
from assistant.outfit_sets import CLASH_PENALTY, HARMONY_BONUS, plan_outfits, score_outfit

INTERVIEW = "smart outfit for a job interview"


def answers(product, asked: str) -> bool:
    """The product is of the asked category, or of a broad word's ("tops") members."""
    return product.category in (CATEGORY_GROUPS[asked][0] if asked in CATEGORY_GROUPS else (asked,))


def in_size(product, size: str, colors: tuple[str, ...] = ()) -> bool:
    if not product.stock_known():
        return size in product.sizes
    return size in product.sizes_in_stock(tuple(c for c in colors if c in product.colors))


def assert_well_formed(outfits, asked: tuple[str, ...], budget: float | None) -> None:
    used = [p.id for outfit in outfits for p in outfit.pieces]
    assert len(used) == len(set(used)), "a product appears in two outfits"
    for outfit in outfits:
        assert len(outfit.pieces) == len(asked)
        assert all(answers(p, cat) for p, cat in zip(outfit.pieces, asked)), [p.category for p in outfit.pieces]
        assert outfit.total == pytest.approx(sum(p.price for p in outfit.pieces), abs=0.005)
        assert budget is None or outfit.total <= budget
        assert len({p.audience for p in outfit.pieces} - {None, "unisex"}) <= 1


@pytest.mark.parametrize("asked", [("shirt", "trousers"), ("tops", "trousers")])
def test_top_and_trousers_within_one_budget(demo_catalog, asked):
    outfits = plan_outfits(demo_catalog, asked, 150.0, Filters(), INTERVIEW)
    assert len(outfits) == 3
    assert_well_formed(outfits, asked, 150.0)


def test_every_piece_comes_in_the_shoppers_size(demo_catalog):
    outfits = plan_outfits(demo_catalog, ("shirt", "trousers"), 200.0, Filters(size="M"), INTERVIEW)
    assert outfits
    assert_well_formed(outfits, ("shirt", "trousers"), 200.0)
    assert all(in_size(p, "M") for outfit in outfits for p in outfit.pieces)


def scarce_size(catalog) -> tuple[str, str, str]:
    """A (category, colour, size) the shop makes in that colour but never stocks in that size and colour."""
    for category in ("shirt", "trousers", "blouse", "skirt"):
        for color in ("teal", "purple", "orange", "yellow", "pink"):
            made = [p for p in catalog.rows if p.category == category and color in p.colors]
            for size in SIZES:
                if made and not any(size in p.sizes_in_stock((color,)) for p in made):
                    return category, color, size
    raise AssertionError("the demo catalog has no colour missing a size")


def test_a_relaxed_size_never_brings_in_other_sizes(demo_catalog):
    """The colour is held hard, so the search drops the size to find anything: those products stay out."""
    category, color, size = scarce_size(demo_catalog)
    filters = Filters(color=(color,), size=size, hard=frozenset({"color", "category", "max_price"}))
    relaxed = demo_catalog.search(f"{INTERVIEW} {category}", Filters(category=(category,), color=(color,), size=size,
                                                                     hard=filters.hard), 12).relaxed
    assert "size" in {c.slot for c in relaxed}
    outfits = plan_outfits(demo_catalog, (category, "trousers" if category != "trousers" else "shirt"), None,
                           filters, INTERVIEW)
    assert all(in_size(p, size, (color,)) for outfit in outfits for p in outfit.pieces)
    assert outfits == ()   # no product of the category is stocked in that size and colour


def test_a_budget_below_the_cheapest_pair_finds_nothing(demo_catalog):
    cheapest = sum(min(p.price for p in demo_catalog.rows if p.category == cat and p.price is not None)
                   for cat in ("shirt", "trousers"))
    assert plan_outfits(demo_catalog, ("shirt", "trousers"), cheapest - 1.0, Filters(), INTERVIEW) == ()
    assert plan_outfits(demo_catalog, ("shirt", "trousers"), cheapest + 20.0, Filters(), INTERVIEW)


def test_a_category_the_shop_does_not_sell_is_skipped(demo_catalog):
    assert "sneakers" not in demo_catalog.vocabulary()["category"]
    outfits = plan_outfits(demo_catalog, ("shirt", "sneakers", "trousers"), 200.0, Filters(), INTERVIEW)
    assert outfits
    assert_well_formed(outfits, ("shirt", "trousers"), 200.0)
    assert plan_outfits(demo_catalog, ("sneakers",), 200.0, Filters(), INTERVIEW) == ()


def test_without_a_budget_outfits_come_best_first(demo_catalog):
    outfits = plan_outfits(demo_catalog, ("blazer", "shirt", "trousers"), None,
                           Filters(occasion=("wedding",)), "a full outfit for a wedding", count=4)
    assert len(outfits) == 4
    assert_well_formed(outfits, ("blazer", "shirt", "trousers"), None)
    scores = [outfit.score for outfit in outfits]
    assert scores == sorted(scores, reverse=True)


def single_colored(catalog, category: str, color: str):
    return [p for p in catalog.rows if p.category == category and p.colors == (color,)]


def test_colours_that_go_together_score_above_a_clash(demo_catalog):
    """Same search scores, same shared occasion and style: only the colours differ."""
    top_color, good, clash = "blue", "beige", "orange"
    assert good in GOES_WITH[top_color]
    assert clash not in (*GOES_WITH[top_color], *NEUTRALS) and top_color not in GOES_WITH.get(clash, ())

    def shares(a, b):
        return bool(set(a.occasion) & set(b.occasion)), bool(set(a.style) & set(b.style))

    pairs = ((top, with_good, with_clash)
             for top in single_colored(demo_catalog, "shirt", top_color)
             for with_good in single_colored(demo_catalog, "trousers", good)
             for with_clash in single_colored(demo_catalog, "trousers", clash)
             if shares(top, with_good) == shares(top, with_clash))
    top, with_good, with_clash = next(pairs)
    going = score_outfit((Hit(top, 0.5, ()), Hit(with_good, 0.5, ())))
    clashing = score_outfit((Hit(top, 0.5, ()), Hit(with_clash, 0.5, ())))
    assert going - clashing == pytest.approx(HARMONY_BONUS + CLASH_PENALTY)
