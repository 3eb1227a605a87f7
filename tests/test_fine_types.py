"""The shop's own types and audiences survive ingest and are what a shopper who names them gets.

A styles-layout shop (the Kaggle fashion-product columns) is built through the real ingest,
indexed with the real MiniLM and FAISS, and asked through the real understanding and the
real dialogue manager (rules only, as `--llm none`).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.manager import Assistant
from assistant.understanding import Understander
from catalog.ingest import ingest
from catalog.search import Filters
from catalog.vocabulary import CATEGORY_GROUPS
from tests.built_catalog import open_catalog

# articleType, subCategory, the garment word titles use, the type as the catalog keeps it
TYPES = (
    ("Tops", "Topwear", "Top", "tops"),
    ("Sweatshirts", "Topwear", "Sweatshirt", "sweatshirt"),
    ("Track Pants", "Bottomwear", "Track Pants", "track pants"),
    ("Kurtas", "Topwear", "Kurta", "kurtas"),
    ("Leggings", "Bottomwear", "Leggings", "leggings"),
    ("Tshirts", "Topwear", "Tshirt", "t-shirt"),
    ("Sweaters", "Topwear", "Sweater", "sweater"),
    ("Trousers", "Bottomwear", "Trousers", "trousers"),
)
AUDIENCES = ("Men", "Women", "Boys", "Girls", "Unisex")
COLOURS = ("White", "Grey", "Black", "Yellow")
BRANDS = ("Roadster", "Puma", "Gini", "Biba")


def styles_csv() -> str:
    rows = ["id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName"]
    combos = itertools.product(enumerate(TYPES), enumerate(AUDIENCES), enumerate(COLOURS))
    for number, ((t, (article, sub, word, _)), (a, who), (c, colour)) in enumerate(combos, start=1000):
        brand = BRANDS[(t + a + c) % len(BRANDS)]
        rows.append(f"{number},{who},Apparel,{sub},{article},{colour},Summer,2012,Casual,{brand} {who} {colour} {word}")
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def styles_result(tmp_path_factory):
    source = tmp_path_factory.mktemp("styles") / "styles.csv"
    source.write_text(styles_csv())
    return ingest(source)


@pytest.fixture(scope="module")
def shop(styles_result, tmp_path_factory, embedder):
    return open_catalog(styles_result, tmp_path_factory.mktemp("shop") / "catalog", embedder)


@pytest.fixture(scope="module")
def understander(shop):
    return Understander.for_catalog(shop)


def as_filters(changes) -> Filters:
    return Filters(**{slot: values for slot, values in changes.values.items() if slot != "size"})


def ask(shop, understander, text: str, k: int = 200):
    """Search with what the understanding read from `text` as the filters and the query."""
    changes = understander.understand(text).changes
    return shop.search(" ".join(v for vals in changes.values.values() for v in vals), as_filters(changes), k=k)


def test_ingest_keeps_each_type_and_audience_and_relates_it(styles_result):
    products = styles_result.products
    assert {p.own_type for p in products} == {kept for *_, kept in TYPES}
    assert {p.audience for p in products} == {"men", "women", "boys", "girls", "unisex"}
    related = {p.own_type: (p.category, p.garment_type) for p in products}
    assert related["track pants"] == ("trousers", "lower") and related["leggings"] == ("trousers", "lower")
    assert related["sweatshirt"] == ("sweater", "upper")
    assert related["tops"][1] == "upper" and related["kurtas"][1] == "upper"   # tops are any upper garment
    boys = [p for p in products if p.audience == "boys"]
    assert boys and all(p.gender == "men" for p in boys)                        # filed under men, never shown as men's
    summary = styles_result.report.table()
    assert "track pants (trousers)" in summary and "sweatshirt (sweater)" in summary and "kurtas (" in summary
    assert "boys x32" in summary and "girls x32" in summary


@pytest.mark.parametrize("words, kept", [
    ("tops", "tops"), ("a sweatshirt", "sweatshirt"), ("track pants", "track pants"), ("kurta", "kurtas"),
    ("leggings", "leggings"), ("tshirt", "t-shirt"), ("t-shirts", "t-shirt"), ("sweaters", "sweater"),
    ("trousers", "trousers"), ("运动裤", "track pants"), ("打底裤", "leggings"), ("上衣", "tops"), ("T恤", "t-shirt"),
])
def test_naming_a_shop_type_returns_only_that_type(shop, understander, words, kept):
    result = ask(shop, understander, words)
    assert not result.relaxed
    assert result.total == 20 and {hit.product.own_type for hit in result.hits} == {kept}


@pytest.mark.parametrize("words, audience", [
    ("for boys", "boys"), ("boy's", "boys"), ("for girls", "girls"), ("男童", "boys"), ("女孩", "girls"),
])
def test_a_child_audience_is_never_the_adults(shop, understander, words, audience):
    result = ask(shop, understander, f"sweatshirt {words}")
    assert result.total == 4 and {(h.product.own_type, h.product.audience) for h in result.hits} == {("sweatshirt", audience)}


def test_adults_are_not_served_childrens_clothes(shop, understander):
    result = ask(shop, understander, "men's leggings")
    assert {h.product.audience for h in result.hits} == {"men", "unisex"}


ISSUE_QUERIES = [
    ("women's white tops", "tops", {"women", "unisex"}, "white"),
    ("grey sweatshirt for men", "sweatshirt", {"men", "unisex"}, "grey"),
    ("black track pants for men", "track pants", {"men", "unisex"}, "black"),
    ("yellow tshirt for boys", "t-shirt", {"boys"}, "yellow"),
]


@pytest.mark.parametrize("text, kept, audiences, colour", ISSUE_QUERIES)
def test_the_dialogue_manager_shows_the_named_type(shop, text, kept, audiences, colour):
    assistant = Assistant(catalog=shop, understander=Understander.for_catalog(shop), catalog_label="styles")
    turn = assistant.session().handle(text)
    assert turn.understanding.intent == "search" and turn.products
    for product in turn.products:
        assert product.own_type == kept and product.audience in audiences and colour in product.colors, product


def test_a_canonical_word_finds_its_fine_types_when_the_shop_has_no_type_of_that_name(styles_result, tmp_path, embedder):
    without = [p for p in styles_result.products if p.own_type not in ("trousers", "sweater")]
    catalog = open_catalog(type(styles_result)(without, {}, styles_result.report), tmp_path / "c", embedder)
    understander = Understander.for_catalog(catalog)
    assert {h.product.own_type for h in ask(catalog, understander, "trousers").hits} == {"track pants", "leggings"}
    assert {h.product.own_type for h in ask(catalog, understander, "sweater").hits} == {"sweatshirt"}


def test_a_type_filed_outside_clothing_is_not_read_from_its_title(tmp_path):
    source = tmp_path / "styles.csv"
    source.write_text(
        "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n"
        "1,Women,Footwear,Shoes,Casual Shoes,Blue,Summer,2012,Casual,Red Tape Womens Denim Blue Casual Shoes\n"
        "2,Men,Apparel,Bottomwear,Joggers,Grey,Fall,2011,Sports,Puma Men Grey Jogger Pants\n")
    shoes, joggers = ingest(source).products
    assert (shoes.category, shoes.own_type) == ("casual shoes", "casual shoes")
    assert joggers.category == "trousers" and joggers.own_type == "joggers"


BROAD = st.sampled_from(["tops", "bottoms", "outerwear", "上衣", "下装", "外衣"])
COLOUR_WORDS = st.sampled_from(["", "black ", "white ", "grey ", "navy "])
WHO = st.sampled_from(["", " for men", " for women", " unisex"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(broad=BROAD, colour=COLOUR_WORDS, who=WHO)
def test_broad_words_return_only_members_of_their_group(demo_catalog, broad, colour, who):
    understander = Understander.for_catalog(demo_catalog)
    changes = understander.understand(f"{colour}{broad}{who}").changes
    group = changes.values["category"][0]
    assert group in CATEGORY_GROUPS
    result = demo_catalog.search(broad, as_filters(changes), k=30)
    assert result.hits and "category" not in {c.slot for c in result.relaxed}
    assert all(h.product.category in CATEGORY_GROUPS[group][0] for h in result.hits)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(broad=st.sampled_from(["bottoms", "下装"]), colour=COLOUR_WORDS)
def test_broad_words_include_the_shops_fine_types_of_the_group(shop, understander, broad, colour):
    result = ask(shop, understander, f"{colour}{broad}")
    assert result.hits and not any(c.slot == "category" for c in result.relaxed)
    assert {h.product.category for h in result.hits} <= set(CATEGORY_GROUPS["bottoms"][0])
    if not colour:
        assert {h.product.own_type for h in result.hits} == {"track pants", "leggings", "trousers"}
