"""Hard filters hold on the real demo catalog with real MiniLM and FAISS; relaxation is reported."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import Filters
from catalog.index import embed_products
from catalog.search import VALUE_SLOTS
from catalog.vocabulary import CATEGORIES, COLORS, FITS, MATERIALS, PATTERNS, SIZES, SLEEVES, STYLES, OCCASIONS


def holds(product, slot, value, filters):
    """Independent re-statement of each hard constraint, from the product record alone."""
    if slot == "size":
        colors = filters.color if filters.color else ()
        return value in product.sizes_in_stock(colors)
    if slot == "max_price":
        return product.price is not None and product.price <= value
    if slot == "min_price":
        return product.price is not None and product.price >= value
    have = set(product.values(slot))
    if slot == "gender":
        have |= {"men", "women"} if "unisex" in have else set()
    return bool(have & set(value))


def active_constraints(filters):
    found = [(slot, getattr(filters, slot)) for slot in VALUE_SLOTS if getattr(filters, slot)]
    if filters.size:
        found.append(("size", filters.size))
    if filters.min_price is not None:
        found.append(("min_price", filters.min_price))
    if filters.max_price is not None:
        found.append(("max_price", filters.max_price))
    return found


def subset(values):
    return st.lists(st.sampled_from(values), max_size=2, unique=True).map(tuple)


filter_strategy = st.builds(
    Filters,
    category=subset(CATEGORIES),
    color=subset(COLORS),
    size=st.none() | st.sampled_from(SIZES),
    min_price=st.none() | st.integers(5, 200).map(float),
    max_price=st.none() | st.integers(15, 400).map(float),
    fit=subset(FITS),
    material=subset(MATERIALS),
    pattern=subset(PATTERNS),
    sleeve=subset(SLEEVES),
    style=subset(STYLES),
    occasion=subset(OCCASIONS),
    gender=subset(("men", "women", "unisex")),
    exclude=st.dictionaries(st.sampled_from(("color", "material", "fit", "pattern", "sleeve")),
                            st.lists(st.sampled_from(COLORS + MATERIALS + FITS + PATTERNS + SLEEVES),
                                     min_size=1, max_size=2, unique=True).map(tuple), max_size=2),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filter_strategy, query=st.sampled_from(["shirt", "something warm for winter", "party", ""]))
def test_hard_filters_always_hold(demo_catalog, filters, query):
    result = demo_catalog.search(query, filters, k=10)
    relaxed = {c.slot for c in result.relaxed}
    assert len(result.hits) == min(10, result.total)
    for hit in result.hits:
        product = hit.product
        for slot, values in filters.exclude.items():
            assert not set(product.values(slot)) & set(values), (product.id, slot, values)
        for slot, value in active_constraints(filters):
            if slot in relaxed:
                continue
            effective = filters if "color" not in relaxed else Filters(size=filters.size)
            assert holds(product, slot, value, effective), (product.id, slot, value, result.relaxed)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_size_in_the_asked_colour_is_in_stock(demo_catalog):
    result = demo_catalog.search("shirt", Filters(category=("shirt",), color=("navy",), size="M"), k=50)
    assert result.hits and not result.relaxed
    for hit in result.hits:
        navy_m = [v for v in hit.product.variants if v.color == "navy" and v.size == "M"]
        assert navy_m and navy_m[0].stock > 0


def test_relaxation_is_reported_and_minimal(demo_catalog):
    filters = Filters(category=("jeans",), material=("silk",))
    result = demo_catalog.search("silk jeans", filters)
    assert [c.slot for c in result.relaxed] == ["material"]
    assert result.hits and all(hit.product.category == "jeans" for hit in result.hits)
    assert "silk" in result.relaxed[0].describe()


def test_exclusions_are_never_relaxed(demo_catalog):
    filters = Filters(category=("jeans",), exclude={"material": ("denim",)})
    result = demo_catalog.search("jeans", filters)
    assert all("denim" not in hit.product.material for hit in result.hits)


def test_semantic_ranking_prefers_the_described_product(demo_catalog):
    jacket = demo_catalog.search("black leather jacket", Filters(), k=3).hits[0].product
    assert jacket.category == "jacket" and "leather" in jacket.material
    dresses = demo_catalog.search("red floral summer dress", Filters(), k=3).hits
    assert all(h.product.category in ("dress", "jumpsuit") for h in dresses)
    assert all("red" in h.product.colors or h.product.pattern == "floral" for h in dresses)


def test_paging_returns_the_next_products(demo_catalog):
    filters = Filters(category=("dress",))
    first = demo_catalog.search("dress", filters, k=5)
    second = demo_catalog.search("dress", filters, k=5, offset=5)
    assert not {h.product.id for h in first.hits} & {h.product.id for h in second.hits}
    assert len(second.hits) == 5


def test_men_also_sees_unisex(demo_catalog):
    result = demo_catalog.search("hoodie", Filters(category=("hoodie",), gender=("men",)), k=40)
    genders = {hit.product.gender for hit in result.hits}
    assert genders <= {"men", "unisex"} and "unisex" in genders


def test_matched_reasons_come_from_the_product(demo_catalog):
    result = demo_catalog.search("shirt", Filters(category=("shirt",), size="L", max_price=80), k=3)
    for hit in result.hits:
        assert "category: shirt" in hit.matched
        assert "size L in stock" in hit.matched
        assert any("within budget" in reason for reason in hit.matched)


def test_filtered_search_equals_brute_force(demo_catalog, embedder):
    filters = Filters(color=("red", "burgundy"), size="M")
    vector = demo_catalog.embed_query("something elegant for an evening party")
    result = demo_catalog.search_vector(vector, filters, k=10)
    rows = [i for i, p in enumerate(demo_catalog.rows) if set(p.colors) & {"red", "burgundy"}
            and "M" in p.sizes_in_stock(("red", "burgundy"))]
    vectors = embed_products([demo_catalog.rows[i] for i in rows], embedder.encode)
    expected = [demo_catalog.rows[rows[i]].id for i in np.argsort(-(vectors @ vector))[:10]]
    assert [hit.product.id for hit in result.hits] == expected


@pytest.mark.parametrize("slot", ["category", "color"])
def test_values_no_product_has_select_nothing(demo_catalog, slot):
    result = demo_catalog.search("x", Filters(**{slot: ("no-such-value",)}))
    assert [c.slot for c in result.relaxed] == [slot]


def test_colour_size_and_price_must_hold_for_one_variant():
    """A sale on one colour must not let another colour through a budget; stock counts per variant too."""
    from catalog.schema import Product, Variant
    from catalog.search import AttributeTable, plan_mask

    tee = Product(id="tee", title="Breton Tee", category="t-shirt", colors=("black", "navy"), price=28.0, variants=(
        Variant(color="black", size="S", stock=3, price=28.0), Variant(color="navy", size="M", stock=2, price=35.0),
        Variant(color="black", size="M", stock=0, price=28.0)))
    plain = Product(id="plain", title="Plain Tee", category="t-shirt", colors=("navy",), price=30.0,
                    variants=(Variant(color="navy", size="M", stock=1),))
    table = AttributeTable([tee, plain])

    def shown(**filters) -> list[str]:
        mask, relaxed = plan_mask(table, Filters(**filters))
        assert relaxed == ()
        return [p.id for p, keep in zip((tee, plain), mask) if keep]

    assert shown(color=("navy",), max_price=30) == ["plain"]
    assert shown(color=("navy",), max_price=35) == ["tee", "plain"]
    assert shown(max_price=29) == ["tee"]
    assert shown(min_price=33) == ["tee"]
    for nothing_fits in (Filters(color=("black",), min_price=30), Filters(size="M", max_price=29)):
        assert plan_mask(table, nothing_fits)[1], "black costs 28, and the only $28 M is out of stock"
    assert tee.price_for(("navy",)) == 35 and tee.price_for() == 28 and tee.price_for(("navy",), "M") == 35
