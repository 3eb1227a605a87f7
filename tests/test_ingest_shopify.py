"""Shopify product CSV exports: variants grouped by handle, drafts hidden, per-colour stock searchable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from catalog import Filters
from catalog.ingest import IngestError, IngestResult, ingest
from tests.built_catalog import open_catalog

ROOT = Path(__file__).resolve().parents[1]
SHOPS = ROOT / "tests" / "data" / "shops"
EXPORT = SHOPS / "shopify_products.csv"
GERMAN = SHOPS / "shopify_de.csv"


def photo(path: Path, colour: tuple[int, int, int] = (120, 60, 30)) -> Path:
    image = np.full((96, 72, 3), 235, np.uint8)
    cv2.rectangle(image, (14, 12), (58, 84), colour, -1)
    cv2.imwrite(str(path), image)
    return path


@pytest.fixture(scope="module")
def export() -> IngestResult:
    return ingest(EXPORT, "shopify")


def test_rows_sharing_a_handle_become_one_product_with_per_variant_stock(export):
    by_id = {p.id: p for p in export.products}
    assert list(by_id) == ["classic-oxford-shirt", "everyday-crew-tee", "linen-summer-dress", "merino-crew-sweater",
                           "slim-stretch-chinos", "wool-hiking-socks"]
    oxford = by_id["classic-oxford-shirt"]
    assert oxford.title == "Classic Oxford Shirt" and oxford.category == "shirt" and oxford.gender == "men"
    assert oxford.colors == ("navy", "white", "blue") and len(oxford.variants) == 9
    assert oxford.price == 59.0 and oxford.brand == "Northwind & Co" and oxford.currency == "USD"
    assert oxford.material == ("cotton",) and oxford.sleeve == "long"
    stock = {(v.color, v.size): v.stock for v in oxford.variants}
    assert stock[("navy", "M")] == 0 and stock[("navy", "L")] == 5 and stock[("white", "M")] == 4
    assert oxford.sizes_in_stock(("navy",)) == ("S", "L") and oxford.sizes_in_stock(("white",)) == ("M", "L")
    assert {v.sku for v in oxford.variants} >= {"OX-NAV-M", "OX-LIG-S"}
    # Options in the other order (Colour first), a UK option name, negative inventory read as 0.
    tee = by_id["everyday-crew-tee"]
    assert tee.category == "t-shirt" and tee.colors == ("black", "grey", "white") and tee.gender == "unisex"
    assert {(v.color, v.size): v.stock for v in tee.variants}[("grey", "XL")] == 0
    assert tee.sizes_in_stock(("grey",)) == ("S", "L")


def test_descriptions_are_plain_text_without_script_or_markup(export):
    by_id = {p.id: p for p in export.products}
    oxford = by_id["classic-oxford-shirt"].description
    assert oxford.startswith("Our classic Oxford shirt, woven from 100% cotton & garment-washed")
    assert '"proper" chest pocket' in oxford and "30°C" in oxford and "\n" not in oxford
    tee = by_id["everyday-crew-tee"].description
    assert tee == "The tee you reach for every day. Soft jersey, a clean crew neck — and no itchy label."
    for product in export.products:
        assert "<" not in product.description and "alert" not in product.description and "{" not in product.description
    assert by_id["linen-summer-dress"].description == "Airy linen, midi length, with pockets."


def test_categories_come_from_type_product_category_or_title(export):
    by_id = {p.id: p for p in export.products}
    assert by_id["linen-summer-dress"].category == "dress"        # Product Category leaf, no Type
    assert by_id["merino-crew-sweater"].category == "sweater"     # Type "Knitwear"
    assert by_id["slim-stretch-chinos"].category == "trousers"    # no Type at all: "Chinos" in the title
    socks = by_id["wool-hiking-socks"]
    assert socks.category == "socks" and socks.garment_type == "none"
    assert socks.variants[0].size is None and socks.variants[0].stock == 12
    mapped = export.report.mapped["category"]
    assert mapped[("Knitwear (Type)", "sweater")] == 1 and mapped[("chinos (title)", "trousers")] == 1
    assert export.report.unmapped["category"]["socks"] == 1


def test_option_axes_are_recognised_by_name_or_by_their_values(export):
    chinos = next(p for p in export.products if p.id == "slim-stretch-chinos")
    assert chinos.sizes == ("30", "32", "34") and chinos.sizes_in_stock() == ("30", "34") and chinos.colors == ()
    options = export.report.options
    assert options[("Size", "size")] == 4 and options[("Colour", "colour")] == 1
    assert options[("Waist", "size (from its values)")] == 1


def test_drafts_archived_and_unpublished_products_are_hidden_and_counted(export):
    ids = {p.id for p in export.products}
    assert not ids & {"canvas-chore-jacket", "fleece-hoodie-2019", "staff-sample-polo"}
    assert export.report.hidden == {"draft": 1, "archived": 1, "unpublished": 1}


def test_bad_rows_are_reported_by_line_and_the_rest_of_the_product_kept(export):
    errors = {e.line: e.reason for e in export.report.errors}
    assert set(errors) == {36, 47, 48}, errors
    assert "stock 'abc'" in errors[36]
    assert "duplicate handle 'everyday-crew-tee'" in errors[47] and "line 16" in errors[47]
    assert errors[48] == "missing Handle"
    sweater = next(p for p in export.products if p.id == "merino-crew-sweater")
    assert sweater.colors == ("beige", "burgundy") and len(sweater.variants) == 3
    warnings = {w.line: w.reason for w in export.report.warnings}
    assert "SEO Title looks like a spreadsheet formula" in warnings[16]
    table = export.report.table()
    for expected in ("format               shopify", "hidden from shoppers 3: draft x1, archived x1, unpublished x1",
                     "currency             USD x6  (assumed: a Shopify export does not name its currency",
                     "4 products link photos not found",
                     "variants             32", "Knitwear (Type)->sweater x1", "Heather Grey->grey",
                     "negative inventory (oversold) read as 0 x1", "skipped line 36", "Waist->size (from its values)",
                     "columns not used     Variant Grams"):
        assert expected in table, expected
    assert table.index("skipped line 36") < table.index("skipped line 47")


def test_german_export_with_german_option_names_and_comma_prices():
    result = ingest(GERMAN, "auto", currency="EUR")
    assert result.report.format == "shopify" and result.report.hidden == {"draft": 1}
    shirt, dress = result.products
    assert shirt.title == "Leinenhemd „Sommer“" and shirt.category == "shirt" and shirt.gender == "men"
    assert shirt.colors == ("navy", "white") and shirt.price == 69.9 and shirt.currency == "EUR"
    assert shirt.material == ("linen",) and shirt.description == "Leichtes Hemd aus 100 % Leinen. Bügelfrei & atmungsaktiv."
    assert shirt.sizes_in_stock(("navy",)) == ("M",) and shirt.sizes_in_stock(("white",)) == ("L",)
    assert dress.category == "dress" and dress.colors == ("red", "black") and dress.pattern == "floral"
    assert dress.sizes_in_stock(("black",)) == ("XL",)
    assert result.report.options == {("Größe", "size"): 2, ("Farbe", "colour"): 2}
    assert result.report.mapped["colors"][("Marineblau", "navy")] == 2


def test_images_resolve_by_url_file_name_then_handle_and_bad_files_are_refused(tmp_path):
    images = tmp_path / "photos"
    images.mkdir()
    photo(images / "oxford-navy.jpg", (84, 42, 30))
    photo(images / "OXFORD-WHITE.JPG", (238, 238, 238))
    photo(images / "merino-crew-sweater.png")
    (images / "crew-tee-black.jpg").write_text("<html>not a photo</html>")
    result = ingest(EXPORT, "auto", images)
    by_id = {p.id: p for p in result.products}
    oxford = by_id["classic-oxford-shirt"]
    assert oxford.image == "images/classic-oxford-shirt.jpg"
    assert oxford.color_images == {"navy": "images/classic-oxford-shirt.jpg", "white": "images/classic-oxford-shirt--white.jpg"}
    assert result.image_sources["images/classic-oxford-shirt--white.jpg"].name == "OXFORD-WHITE.JPG"
    assert by_id["merino-crew-sweater"].image == "images/merino-crew-sweater.png"
    assert by_id["everyday-crew-tee"].image is None and by_id["everyday-crew-tee"].color_images == {}
    report = result.report
    assert report.images_local == 3 and report.without_image == 4 and report.images_rejected == {"not an image": 1}
    assert report.images_unresolved == 2     # the tee (its file is not a photo) and the dress (no file)
    assert ("images               3 found locally, 0 downloaded; rejected: not an image x1; 2 products link photos "
            "not found (use --images DIR holding those files, or --fetch-images)") in report.table()


def test_search_shows_a_colour_and_size_only_when_that_variant_is_in_stock(export, tmp_path, embedder):
    catalog = open_catalog(export, tmp_path / "shop", embedder)
    row = next(i for i, p in enumerate(catalog.rows) if p.id == "classic-oxford-shirt")
    assert not catalog.table.size_mask("M", ["navy"])[row] and catalog.table.size_mask("L", ["navy"])[row]
    found = catalog.search("navy oxford shirt", Filters(category=("shirt",), color=("navy",), size="L"))
    assert found.relaxed == () and [h.product.id for h in found.hits] == ["classic-oxford-shirt"]
    assert "size L in stock" in found.hits[0].matched
    navy_m = catalog.search("navy oxford shirt", Filters(category=("shirt",), color=("navy",), size="M"))
    assert navy_m.relaxed, "no navy shirt is in stock in M, so the exact request must not match"
    white_m = catalog.search("white shirt", Filters(color=("white",), size="M", max_price=60))
    assert white_m.relaxed == () and {h.product.id for h in white_m.hits} == {"classic-oxford-shirt", "everyday-crew-tee"}
    grey_m = catalog.search("grey tee", Filters(category=("t-shirt",), color=("grey",), size="M"))
    assert grey_m.relaxed
    cheap = catalog.search("knit", Filters(max_price=100))
    assert "merino-crew-sweater" not in {h.product.id for h in cheap.hits} and cheap.total == 5
    anything = catalog.search("canvas chore jacket hoodie polo", k=20)
    assert not {h.product.id for h in anything.hits} & {"canvas-chore-jacket", "fleece-hoodie-2019", "staff-sample-polo"}


def test_wrong_layout_for_shopify_is_a_clear_error(tmp_path):
    source = tmp_path / "not-shopify.csv"
    source.write_text("id,title,category\n1,Tee,tee\n")
    with pytest.raises(IngestError, match="not a Shopify product export"):
        ingest(source, "shopify")


def test_cli_builds_a_shopify_catalog_with_images_and_prints_the_summary(tmp_path):
    images = tmp_path / "photos"
    images.mkdir()
    photo(images / "oxford-navy.jpg")
    out = tmp_path / "catalog"
    built = subprocess.run([sys.executable, "-m", "catalog", "build", "--source", str(EXPORT), "--images", str(images),
                            "--out", str(out), "--currency", "EUR"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "format               shopify (detected from the file)" in built.stdout
    assert "without image        5  (searchable, not try-on-able)" in built.stdout
    assert "currency             EUR x6\n" in built.stdout
    products = [json.loads(line) for line in (out / "products.jsonl").read_text().splitlines()]
    assert len(products) == 6 and {p["currency"] for p in products} == {"EUR"}
    assert (out / "images" / "classic-oxford-shirt.jpg").is_file() and (out / "index.faiss").is_file()


def test_the_summary_counts_only_the_variant_rows_that_were_read(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("Handle,Title,Type,Option1 Name,Option1 Value,Variant Price,Variant Inventory Qty,Status\n"
                      "linen-shirt,Linen Shirt,Shirts,Size,M,49.00,3,active\n"
                      "linen-shirt,,,,L,abc,2,\n")
    result = ingest(source, "shopify")
    assert [len(p.variants) for p in result.products] == [1]
    assert result.report.variants == 1 and [e.line for e in result.report.errors] == [3]
