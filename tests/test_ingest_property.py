"""Property tests of ingest: arbitrary and hostile input never crashes, every product is valid and
canonical, and every reported row points at a real line of the file."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalog.formats.common import html_to_text, parse_money
from catalog.ingest import FORMATS, IngestError, IngestResult, ingest
from catalog.schema import Product
from catalog.vocabulary import canonical_value, normalize_text

# INGEST_EXAMPLES=2000 for a deeper hunt; the suite's default stays quick.
SETTINGS = settings(max_examples=int(os.environ.get("INGEST_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
HOSTILE = [
    "=1+1", "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3+cmd|x!A", "<script>alert(1)</script>", "&lt;b&gt;x&lt;/b&gt;",
    "<p>Soft &amp; light</p>", "\x00", "\x1b[31m", "\u202e", '"', '""', ",", ";", "\t", "\n", "\r\n", "Navy Blue",
    "Black/White", "M", "XL", "38", "-3", "abc", "1,299.00", "15,50 EUR", "19.99 USD", "Größe", "Farbe", "T恤",
    "active", "draft", "archived", "TRUE", "FALSE", "in stock", "out_of_stock", "preorder", "", "   ", "1e400", "NaN",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

SHOPIFY_COLUMNS = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Product Category", "Tags", "Published",
                   "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Variant SKU", "Variant Price",
                   "Variant Compare At Price", "Variant Inventory Qty", "Image Src", "Variant Image", "Status"]
MERCHANT_COLUMNS = ["id", "title", "description", "image_link", "availability", "price", "sale_price", "brand",
                    "google_product_category", "product_type", "item_group_id", "color", "size", "gender", "material"]
CELL = {
    "Handle": st.sampled_from(["tee", "shirt", "dress", "", " tee "]),
    "Option1 Name": st.sampled_from(["Size", "Color", "Farbe", "Größe", "Title", ""]),
    "Option2 Name": st.sampled_from(["Size", "Colour", "颜色", "Material", ""]),
    "Option1 Value": st.sampled_from(["S", "M", "Navy", "Black/White", "38", "Default Title", ""]),
    "Option2 Value": st.sampled_from(["L", "Rot", "Heather Grey", "XXL", ""]),
    "id": st.sampled_from(["A", "B", "C", "D", ""]),
    "item_group_id": st.sampled_from(["G1", "G2", ""]),
    "Status": st.sampled_from(["active", "draft", "archived", " Active ", ""]),
    "Published": st.sampled_from(["TRUE", "FALSE", ""]),
}


def check(result: IngestResult, source: Path) -> None:
    """The invariants every ingest result holds, whatever the input was."""
    lines = len(source.read_bytes().splitlines()) + 1
    ids = [p.id for p in result.products]
    assert len(ids) == len(set(ids))
    for product in result.products:
        assert Product.model_validate_json(product.model_dump_json()) == product
        assert product.category and product.category == normalize_text(product.category)
        assert all(c and c == normalize_text(c) for c in product.colors)
        for variant in product.variants:
            assert variant.color is None or variant.color in product.colors
            assert variant.stock is None or variant.stock >= 0
            assert variant.size is None or canonical_value("size", variant.size) in (None, variant.size)
            assert variant.price is None or 0 <= variant.price < 1e7
        for value in (product.title, product.description, product.brand or ""):
            assert not _CONTROL.search(value) and not _MARKUP.search(value)
        assert product.image is None and (product.price is None or 0 <= product.price < 1e7)
    for issue in [*result.report.errors, *result.report.warnings]:
        assert 1 <= issue.line <= lines, (issue, lines)
    assert result.report.products == len(result.products)
    assert not _CONTROL.search(result.report.table().replace("\n", ""))


def run(data: bytes, fmt: str, name: str = "source.csv") -> None:
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / name
        source.write_bytes(data)
        try:
            result = ingest(source, fmt)
        except IngestError:
            return
        check(result, source)


HEADS = [
    b"", b"\xef\xbb\xbf", ",".join(SHOPIFY_COLUMNS).encode() + b"\n", "\t".join(MERCHANT_COLUMNS).encode() + b"\n",
    b"id,title,description,category,colors,price,sizes,image\n",
    b"id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n",
    b'<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>1</g:id><g:title>', b'{"id": "x", "title": ',
]


@SETTINGS
@given(st.sampled_from(HEADS), st.binary(max_size=1500), st.sampled_from(FORMATS))
def test_arbitrary_bytes_never_crash(head, data, fmt):
    run(head + data, fmt)


def table_bytes(columns: list[str], rows: list[dict], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")  # so a lone \r in a cell is quoted
    writer.writerow(columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    return buffer.getvalue().encode(encoding, errors="replace")


def rows_of(columns: list[str]) -> st.SearchStrategy:
    return st.lists(st.fixed_dictionaries({c: CELL.get(c, text) for c in columns}), max_size=8)


@SETTINGS
@given(st.data(), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_shopify_exports_with_hostile_cells_give_valid_products(data, encoding):
    optional = [c for c in SHOPIFY_COLUMNS if c not in ("Handle", "Title", "Status", "Published")]
    columns = ["Handle", "Title", "Status", "Published", *data.draw(st.lists(st.sampled_from(optional), unique=True))]
    rows = data.draw(rows_of(columns))
    delimiter = "\t" if encoding == "utf-16" else ","
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "products_export.csv"
        source.write_bytes(table_bytes(columns, rows, delimiter, encoding))
        result = ingest(source, "shopify")
        check(result, source)
        handles = {(r.get("Handle") or "").strip() for r in rows}
        assert {p.id for p in result.products} <= handles - {""}
        for product in result.products:
            own = [r for r in rows if r["Handle"].strip() == product.id]
            assert any(normalize_text(r.get("Status", "")) in ("", "active") for r in own), "a draft was shown"
            assert any(r.get("Published", "") != "FALSE" for r in own), "an unpublished product was shown"


@SETTINGS
@given(st.data())
def test_merchant_feeds_with_hostile_cells_give_valid_products(data):
    others = [c for c in MERCHANT_COLUMNS[2:] if c != "price"]
    columns = ["id", "title", "price", *data.draw(st.lists(st.sampled_from(others), unique=True))]
    rows = data.draw(rows_of(columns))
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "feed.tsv"
        source.write_bytes(table_bytes(columns, rows, "\t", "utf-8"))
        result = ingest(source, "merchant")
        check(result, source)
        offers = {r["id"] for r in rows if r["id"]}
        groups = {r.get("item_group_id") or r["id"] for r in rows}
        assert {p.id for p in result.products} <= groups and len(result.products) <= len(offers)


@SETTINGS
@given(st.lists(st.fixed_dictionaries({"id": text, "title": text, "category": text, "colors": text, "price": text,
                                        "sizes": text, "description": text}), max_size=6))
# a line break inside a category the report counts was printed into its table as it was
@example([dict.fromkeys(("id", "title", "category", "colors", "price", "sizes", "description"), "=1+1")] * 2
         + [dict.fromkeys(("id", "colors", "price", "sizes", "description"), "=1+1") | {"title": "T恤", "category": "0\r0"}])
def test_own_csv_rows_are_kept_valid_or_reported(rows):
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "shop.csv"
        columns = ["id", "title", "category", "colors", "price", "sizes", "description"]
        source.write_bytes(table_bytes(columns, rows, ",", "utf-8"))
        result = ingest(source, "csv")
        check(result, source)
        assert len(result.products) + len(result.report.errors) >= sum(1 for r in rows if any(v.strip() for v in r.values()))


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | text,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                          max_leaves=6)
PRODUCT_FIELDS = ["id", "title", "category", "description", "gender", "colors", "color", "pattern", "material", "fit",
                  "sleeve", "style", "occasion", "brand", "price", "currency", "variants", "sizes", "image",
                  "color_images", "size_chart", "garment_type"]


@SETTINGS
@given(st.lists(st.fixed_dictionaries({"id": text, "title": text, "category": text},
                                      optional={f: json_value for f in PRODUCT_FIELDS[3:]}),
                max_size=5))
@example(records=[{"id": "=1+1", "title": "=1+1", "category": "=1+1", "brand": "<script>alert(1)</script>"}])
@example(records=[{"id": "a", "title": "a", "category": "a"},   # a bad key quoted in the report, line break and all
                  {"id": "b", "title": "b", "category": "b", "size_chart": {"\r\n": None}}])
def test_jsonl_records_of_any_shape_are_kept_valid_or_reported(records):
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "shop.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records))
        result = ingest(source, "jsonl")
        check(result, source)
        assert len(result.products) + len(result.report.errors) == len(records)


@SETTINGS
@given(st.lists(st.one_of(text, st.sampled_from(["<b>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->",
                                                  "<![CDATA[", "<?", "&amp;", "&lt;script&gt;", "<a href='x'>", "<"])),
                max_size=12))
def test_html_to_text_never_returns_markup(parts):
    plain = html_to_text("".join(parts))
    assert not _MARKUP.search(plain) and not _CONTROL.search(plain.replace("\t", ""))
    assert plain == plain.strip() and "  " not in plain


@SETTINGS
@given(st.lists(st.one_of(st.text(st.characters(blacklist_characters="<&§", blacklist_categories=("Cs",)), max_size=20),
                          st.sampled_from(["<p>", "</p>", "<br>", "<li>", "<b>", "</b>", "&amp;", "&eacute;",
                                           "<style>p{x:1}</style>", "<!-- §note -->"])), max_size=10))
def test_script_style_and_comment_bodies_never_reach_the_text(parts):
    body = "".join(parts)
    plain = html_to_text(f"{body}<script>§SECRET()</script>{body}<style>.§HIDDEN{{}}</style>")
    assert "§" not in plain


@SETTINGS
@given(st.decimals(min_value=0, max_value=999_999, places=2), st.sampled_from(["{}", "$ {}", "{} USD", "EUR {}"]))
def test_prices_read_back_in_any_shop_notation(amount, pattern):
    us = f"{amount:,.2f}"
    european = us.replace(",", " ").replace(".", ",").replace(" ", ".")
    for written in (us, european):
        value, currency = parse_money(pattern.format(written))
        assert value == float(amount)
        assert currency == ("USD" if "USD" in pattern else "EUR" if "EUR" in pattern else None)
