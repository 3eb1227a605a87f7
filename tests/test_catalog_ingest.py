"""Ingest of real-looking files: bad rows reported by line and skipped, good rows kept and mapped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from catalog import Catalog, Filters
from catalog.ingest import IngestError, ingest
from catalog.schema import Product
from catalog.store import write_catalog

ROOT = Path(__file__).resolve().parents[1]

OWN_CSV = """id,title,description,category,gender,colors,material,fit,price,sizes,image
A1,Linen Shirt,"Light shirt, for summer",shirt,men,Navy Blue,linen,Relaxed Fit,$59.00,S:2|M:0|L:4,A1.jpg
A2,Broken Price,Bad,shirt,men,white,cotton,regular,cheap,M:1,
A3,"Wool Coat","A warm coat,
with a line break in the description",coat,women,camel|black,wool,regular,"1,249.50",M:3|L:1,
,No Id,missing id,shirt,men,white,cotton,regular,20,M:1,
A5,Mustard Jumper,,jumper,women,mustard,merino,oversize,45,S:1,
A1,Duplicate Id,dup,shirt,men,white,cotton,regular,20,M:1,
A7,Neg Stock,x,shirt,men,white,cotton,regular,20,M:-3,
A8,Too Many,x,shirt,men,white,cotton,regular,20,M:1,,extra
A9,Sizes only,stock unknown,trousers,unisex,grey,cotton,slim,39.9,S|M|L,
"""

STYLES_CSV = """id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName
15970,Men,Apparel,Topwear,Shirts,Navy Blue,Fall,2011,Casual,Turtle Check Men Navy Blue Shirt
39386,Men,Apparel,Bottomwear,Jeans,Blue,Summer,2012,Casual,Peter England Men Party Blue Jeans
59263,Women,Accessories,Watches,Watches,Silver,Winter,2016,Casual,Titan Women Silver Watch
21379,Men,Apparel,Bottomwear,Track Pants,Black,Fall,2011,Sports,
53759,Women,Apparel,Topwear,Tshirts,Maroon,Summer,2012,Casual,
1855,Girls,Apparel,Dress,Dresses,Off White,Summer,2012,Party,Nauti Nati Girls Dress
9999,Men,Apparel,Topwear,,Grey,Fall,2011,Casual,No article type
"""


def write_image(path: Path) -> None:
    image = np.full((64, 48, 3), 240, np.uint8)
    cv2.rectangle(image, (10, 10), (38, 54), (80, 40, 20), -1)
    cv2.imwrite(str(path), image)


def test_own_csv_keeps_good_rows_and_reports_bad_ones_with_line_numbers(tmp_path):
    source = tmp_path / "shop.csv"
    source.write_text(OWN_CSV)
    images = tmp_path / "img"
    images.mkdir()
    write_image(images / "A1.jpg")
    result = ingest(source, "csv", images)
    ids = [p.id for p in result.products]
    assert ids == ["A1", "A3", "A5", "A9"]
    errors = {e.line: e.reason for e in result.report.errors}
    assert set(errors) == {3, 6, 8, 9, 10}, errors
    assert "price" in errors[3]
    assert "missing id" in errors[6]
    assert "duplicate" in errors[8]
    assert "negative" in errors[9]
    assert "fields" in errors[10]
    shirt, coat, jumper, trousers = result.products
    assert shirt.colors == ("navy",) and shirt.fit == "relaxed" and shirt.price == 59.0
    assert shirt.sizes_in_stock() == ("S", "L") and shirt.image == "images/A1.jpg"
    assert coat.price == 1249.5 and coat.colors == ("beige", "black") and "line break" in coat.description
    assert jumper.category == "sweater" and jumper.colors == ("yellow",) and jumper.material == ("wool",)
    assert jumper.fit == "oversized"
    assert trousers.sizes == ("S", "M", "L") and trousers.sizes_in_stock() == () and not trousers.stock_known()
    assert result.report.without_image == 3 and result.report.unknown_stock == 1
    table = result.report.table()
    assert "skipped line 3" in table and "Navy Blue->navy" in table


def test_styles_layout_maps_vocabulary_and_builds_missing_titles(tmp_path):
    source = tmp_path / "styles.csv"
    source.write_text(STYLES_CSV)
    images = tmp_path / "images"
    images.mkdir()
    write_image(images / "15970.jpg")
    write_image(images / "53759.jpg")
    result = ingest(source, "styles", images)
    by_id = {p.id: p for p in result.products}
    assert set(by_id) == {"15970", "39386", "59263", "21379", "53759", "1855"}
    assert [e.line for e in result.report.errors] == [8]
    assert by_id["15970"].category == "shirt" and by_id["15970"].colors == ("navy",)
    assert by_id["53759"].category == "t-shirt" and by_id["53759"].colors == ("burgundy",)
    assert by_id["53759"].title == "Women's Maroon Tshirts"
    assert by_id["21379"].category == "trousers" and by_id["21379"].style == ("sporty",)
    assert by_id["59263"].category == "watches" and by_id["59263"].garment_type == "none"
    assert by_id["1855"].colors == ("white",) and by_id["1855"].gender == "women"
    assert all(p.price is None and not p.stock_known() for p in result.products)
    assert by_id["15970"].image and by_id["39386"].image is None
    assert result.report.unmapped["category"]["watches"] == 1


def test_unknown_format_and_wrong_layout_are_clear_errors(tmp_path):
    source = tmp_path / "x.csv"
    source.write_text("a,b\n1,2\n")
    with pytest.raises(IngestError, match="styles layout"):
        ingest(source, "styles")
    with pytest.raises(IngestError, match="unknown format"):
        ingest(source, "xml")


def test_jsonl_reports_broken_lines(tmp_path):
    source = tmp_path / "p.jsonl"
    good = {"id": "J1", "title": "Tee", "category": "tee", "colors": ["gray"], "price": 12,
            "sizes": {"M": 2, "L": 0}}
    source.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "J2"}) + "\n[1]\n")
    result = ingest(source, "jsonl")
    assert [p.id for p in result.products] == ["J1"]
    assert result.products[0].category == "t-shirt" and result.products[0].sizes_in_stock() == ("M",)
    assert [e.line for e in result.report.errors] == [2, 3, 4]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catalog", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_cli_builds_a_searchable_catalog_and_searches_it_as_json(tmp_path):
    source = tmp_path / "shop.csv"
    source.write_text(OWN_CSV)
    images = tmp_path / "img"
    images.mkdir()
    write_image(images / "A1.jpg")
    out = tmp_path / "catalog"
    built = run_cli("build", "--source", str(source), "--format", "csv", "--images", str(images), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "products ingested    4" in built.stdout and "skipped line 3" in built.stdout
    assert (out / "products.jsonl").is_file() and (out / "index.faiss").is_file() and (out / "images" / "A1.jpg").is_file()
    found = run_cli("search", "--catalog", str(out), "navy linen shirt", "--color", "navy", "--size", "L",
                    "--max-price", "60", "--exclude-fit", "slim", "--json")
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert payload["relaxed"] == [] and payload["total"] == 1
    assert payload["results"][0]["id"] == "A1" and payload["results"][0]["sizes_in_stock"] == ["S", "L"]
    relaxed = json.loads(run_cli("search", "--catalog", str(out), "shirt", "--size", "XL", "--json").stdout)
    assert relaxed["relaxed"][0]["slot"] == "size" and relaxed["results"]


def test_catalog_product_survives_a_round_trip(tmp_path):
    product = Product(id="R1", title="Round Trip Tee", category="T-Shirt", colors=["Navy Blue"], price=10)
    again = Product.model_validate_json(product.model_dump_json())
    assert again == product and again.category == "t-shirt" and again.garment_type == "upper"


def test_filters_reject_unknown_exclusion_slots():
    with pytest.raises(ValueError, match="cannot exclude"):
        Filters(exclude={"price": ("1",)})


def test_index_is_rebuilt_when_catalog_changes_or_index_is_corrupt(tmp_path, embedder):
    source = tmp_path / "shop.csv"
    source.write_text(OWN_CSV)
    out = tmp_path / "catalog"
    assert run_cli("build", "--source", str(source), "--format", "csv", "--out", str(out)).returncode == 0
    first = Catalog.open(out, embedder)
    assert len(first) == 4
    with (out / "products.jsonl").open("a") as handle:
        handle.write(Product(id="N1", title="Red Dress", category="dress", colors=["red"], price=80).model_dump_json() + "\n")
    changed = Catalog.open(out, embedder)
    assert len(changed) == 5 and changed.index.count == 5
    assert changed.search("red dress", Filters(category=("dress",))).hits[0].product.id == "N1"
    (out / "index.faiss").write_bytes(b"garbage" * 100)
    repaired = Catalog.open(out, embedder)
    assert repaired.index.count == 5
    assert repaired.search("red dress", Filters(color=("red",))).hits[0].product.id == "N1"
    (out / "index.faiss").unlink()
    assert Catalog.open(out, embedder).index.count == 5


HOSTILE_CSV = (
    'id,title,description,category,colors,price,sizes\n'
    'H1,"=cmd|\' /C calc\'!A0",@SUM(1+1),shirt,white,20,M:1\n'
    'H2,Safe Tee,"-20% off (today only)",tee,black,=1+1,M:1\n'
    'H3,"Bell\x07 \x1b[31mRed\x1b[0m Tee","line one\x00\nline two",tee,red,15,M:2\n'
    'H4,Tee With "Inch" Mark,"a ""quoted"" word",tee,grey,12,S:1\n'
)


def test_formulas_and_control_characters_are_neutralised_and_reported(tmp_path):
    source = tmp_path / "hostile.csv"
    source.write_text(HOSTILE_CSV)
    result = ingest(source, "auto")
    by_id = {p.id: p for p in result.products}
    assert set(by_id) == {"H1", "H3", "H4"}
    assert by_id["H1"].title == "'=cmd|' /C calc'!A0" and by_id["H1"].description == "'@SUM(1+1)"
    assert by_id["H3"].title == "Bell [31mRed[0m Tee" and by_id["H3"].description == "line one line two"
    assert by_id["H4"].title == 'Tee With "Inch" Mark' and by_id["H4"].description == 'a "quoted" word'
    warnings = {(w.line, w.reason.split(" looks")[0]) for w in result.report.warnings}
    assert warnings == {(2, "title"), (2, "description"), (3, "price")}
    assert [(e.line, e.reason) for e in result.report.errors] == [(3, "price \"'=1+1\" is not a positive number")]
    table = result.report.table()
    assert "\x1b" not in table and "\x07" not in table and "cells with control characters (removed) x2" in table


def test_wrong_and_mixed_encodings_are_read_and_reported(tmp_path):
    text = "id,title,category,colors,price\nE1,Crème Café Blouse,blouse,crème,45\nE2,Naïve Tee,tee,black,12\n"
    windows = tmp_path / "windows.csv"
    windows.write_bytes(text.encode("cp1252"))
    result = ingest(windows, "auto")
    assert [p.title for p in result.products] == ["Crème Café Blouse", "Naïve Tee"]
    assert result.report.encoding == "utf-8, except 2 lines read as cp1252 (not valid UTF-8: lines 2, 3); check accented text"
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(text.splitlines(True)[0].encode() + text.splitlines(True)[1].encode("cp1252")
                      + "E3,Größe Test Tee,tee,white,10\n".encode())
    result = ingest(mixed, "csv")
    assert [p.title for p in result.products] == ["Crème Café Blouse", "Größe Test Tee"]
    assert "except 1 line read as cp1252 (not valid UTF-8: lines 2)" in result.report.encoding
    excel = tmp_path / "excel-unicode.txt"
    excel.write_bytes("id\ttitle\tcategory\tprice\r\nU1\t纯棉短袖T恤\tT恤\t99\r\n".encode("utf-16"))
    result = ingest(excel, "auto")
    assert result.report.encoding == "utf-16" and result.products[0].category == "t-shirt"
    assert result.products[0].title == "纯棉短袖T恤"


def test_semicolon_csv_and_huge_cells_are_handled(tmp_path):
    source = tmp_path / "export.csv"
    huge = "Soft cotton. " * 200_000
    source.write_text(f'id;title;description;category;price\nB1;Big Tee;"{huge}";tee;"12,50"\nB2;Small Tee;x;tee;9\n')
    result = ingest(source, "auto")
    big, small = result.products
    assert big.price == 12.5 and len(big.description) <= 5001 and big.description.endswith("…")
    assert small.title == "Small Tee"
    assert [w.line for w in result.report.warnings] == [2]
    assert "only the first 1,000,000 were read" in result.report.warnings[0].reason
    assert result.report.notes["description longer than 5000 characters shortened"] == 1


def test_broken_quoting_is_reported_and_the_good_rows_kept(tmp_path):
    source = tmp_path / "broken.csv"
    source.write_text('id,title,category,price\nQ1,"Good, Tee",tee,10\nQ2,"Bad"Tee,tee,10\nQ3,Fine Tee,tee,11\n'
                      'Q4,"Never closed,tee,12\nQ5,Lost Tee,tee,13\nQ6,Lost Too,tee,14\n')
    result = ingest(source, "csv")
    assert [p.id for p in result.products] == ["Q1", "Q3"] and result.products[0].title == "Good, Tee"
    errors = {e.line: e.reason for e in result.report.errors}
    assert errors[3].startswith("badly quoted field") and errors[5] == "a quote opened in this row is never closed; lines 5-7 were not read"


def test_auto_detection_names_the_layout_or_asks_for_one(tmp_path):
    source = tmp_path / "mystery.csv"
    source.write_text("sku,name,cost\n1,Tee,3\n")
    with pytest.raises(IngestError, match="cannot tell what layout"):
        ingest(source, "auto")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match="empty"):
        ingest(empty, "auto")
    styles = tmp_path / "styles.csv"
    styles.write_text(STYLES_CSV)
    assert ingest(styles, "auto").report.format == "styles"
    shop = tmp_path / "shop.csv"
    shop.write_text(OWN_CSV)
    assert ingest(shop, "auto").report.format == "csv"
    own = tmp_path / "own.jsonl"
    own.write_text(json.dumps({"id": "J1", "title": "Tee", "category": "tee"}) + "\n")
    assert ingest(own, "auto").report.format == "jsonl"


def test_a_failed_or_empty_build_leaves_the_existing_catalog_untouched(tmp_path):
    source = tmp_path / "shop.csv"
    source.write_text(OWN_CSV)
    out = tmp_path / "catalog"
    write_catalog(out, ingest(source, "csv").products)
    before = (out / "products.jsonl").read_bytes()
    drafts = tmp_path / "drafts.csv"
    drafts.write_text("Handle,Title,Option1 Name,Option1 Value,Variant Price,Status\nx,Draft Tee,Size,M,10,draft\n")
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item><g:id>1</g:id>")
    for bad in (drafts, broken):
        built = run_cli("build", "--source", str(bad), "--out", str(out))
        assert built.returncode == 2 and ("left as it was" in built.stderr or "nothing was written" in built.stderr)
    assert "hidden from shoppers 1: draft x1" in run_cli("build", "--source", str(drafts), "--out", str(out)).stdout

    def failing_copy(staging: Path) -> None:
        (staging / "images" / "half.jpg").write_bytes(b"partial")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_catalog(out, ingest(source, "csv").products[:1], failing_copy)
    assert (out / "products.jsonl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.xml", "catalog", "drafts.csv", "shop.csv"]
