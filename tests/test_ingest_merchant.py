"""Google Merchant Center feeds (TSV and RSS XML): item groups, sale prices, availability, safe XML."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from catalog import Filters
from catalog.ingest import IngestError, IngestResult, ingest
from tests.built_catalog import open_catalog

SHOPS = Path(__file__).resolve().parent / "data" / "shops"
TSV = SHOPS / "merchant_feed.tsv"
XML = SHOPS / "merchant_feed.xml"


@pytest.fixture(scope="module")
def tsv() -> IngestResult:
    return ingest(TSV, "merchant")


@pytest.fixture(scope="module")
def xml() -> IngestResult:
    return ingest(XML, "auto")


def test_tsv_items_are_grouped_by_item_group_id_with_sale_prices_and_stock(tsv):
    by_id = {p.id: p for p in tsv.products}
    assert list(by_id) == ["BRT-100", "WRP-7", "JNS-900", "KID-HOOD-1"]
    tee = by_id["BRT-100"]
    assert tee.title == "Breton Striped Tee" and tee.category == "t-shirt" and tee.gender == "women"
    assert tee.colors == ("black", "white", "navy") and tee.pattern == "striped" and tee.material == ("cotton",)
    assert tee.price == 28.0 and tee.brand == "Mariner"        # the sale price is what a shopper pays
    assert {v.sku: v.price for v in tee.variants}["BRT-NAV-S"] == 35.0
    # Black/White is found as black and as white; the out-of-stock navy/white M stays, with stock 0.
    assert tee.sizes_in_stock(("black",)) == ("S", "M", "L") and tee.sizes_in_stock(("navy",)) == ("S", "L")
    assert [v.stock for v in tee.variants if v.sku == "BRT-NAV-M"] == [0, 0]
    assert "Stripes that don't fade" in tee.description and "–" in tee.description
    dress = by_id["WRP-7"]
    assert dress.category == "dress" and dress.colors == ("red", "green") and dress.price == 96.0
    assert dress.sizes_in_stock(("green",)) == ("XS",) and dress.description == "A wrap dress in fluid viscose crepe with a tie waist."
    jeans = by_id["JNS-900"]
    assert jeans.category == "jeans" and jeans.material == ("cotton", "polyester") and jeans.sizes == ("28",)
    assert jeans.description == 'Rigid denim, 5 pockets, "vintage" wash, sits at the waist'
    assert by_id["KID-HOOD-1"].category == "hoodie" and by_id["KID-HOOD-1"].colors == ("yellow",)


def test_tsv_report_names_every_decision_and_bad_item(tsv):
    errors = {e.line: e.reason for e in tsv.report.errors}
    assert errors == {22: "price 'free' is not a positive number", 23: "duplicate id 'JNS-900' (first on line 20)",
                      24: "missing id"}
    report = tsv.report
    assert report.variants == 14 and report.rows == 17
    assert report.notes["availability 'preorder' counted as not in stock"] == 1
    assert report.notes["availability 'out of stock' kept as a variant with stock 0"] == 3
    assert report.notes["availability 'in stock' read as available (the feed gives no quantity)"] == 10
    assert report.mapped["gender"][("unisex kids", "kids")] == 1      # age_group kids: the audience is kids
    assert report.unused_columns == ("condition", "link", "shipping_weight")
    table = report.table()
    for expected in ("format               merchant", "Dresses (google_product_category)->dress x1",
                     "T-Shirts (product_type)->t-shirt", "female->women", "skipped line 22"):
        assert expected in table, expected


def test_xml_feed_reads_google_namespace_plain_rss_fields_and_skips_nested_groups(xml):
    assert xml.report.format == "merchant" and xml.report.detected and xml.report.encoding == "utf-8"
    parka, flannel = xml.products
    assert parka.id == "PARKA" and parka.title == "Fjord Insulated Parka" and parka.category == "coat"
    assert parka.price == 279.0 and parka.currency == "EUR"      # g:shipping's 4.95 never overrides the price
    assert parka.brand == "Fjord & Field" and parka.gender == "men"
    assert {(v.color, v.size): v.stock for v in parka.variants} == {("olive", "M"): 1, ("olive", "L"): 0, ("black", "L"): 1}
    assert parka.description == "Windproof shell, recycled down fill. Hood with faux-fur trim. Two-way zip"
    assert flannel.title == "Checked Flannel Shirt" and flannel.category == "shirt" and flannel.pattern == "checked"
    assert flannel.description == "Brushed cotton flannel & a relaxed cut." and flannel.colors == ("red", "black")
    assert {e.line: e.reason for e in xml.report.errors} == {
        72: "price '-15.00 EUR' is not a positive number", 79: "duplicate id 'PARKA-BLK-L' (first on line 47)"}
    assert xml.report.mapped["category"][("Parkas (product_type)", "coat")] == 1


def test_image_links_resolve_by_file_name_or_offer_id(tmp_path):
    images = tmp_path / "img"
    images.mkdir()
    for name in ("breton-black-white.jpg", "breton-navy-white.jpg", "JNS-900.png"):
        frame = np.full((80, 60, 3), 200, np.uint8)
        cv2.imwrite(str(images / name), frame)
    result = ingest(TSV, "auto", images)
    by_id = {p.id: p for p in result.products}
    tee = by_id["BRT-100"]
    assert tee.image == "images/BRT-100.jpg"
    assert tee.color_images == {"black": "images/BRT-100.jpg", "white": "images/BRT-100.jpg",
                                "navy": "images/BRT-100--navy.jpg"}
    assert by_id["JNS-900"].image == "images/JNS-900.png" and by_id["WRP-7"].image is None
    assert result.report.without_image == 2 and result.report.images_local == 3


def test_search_over_a_merchant_catalog_uses_sale_price_and_variant_stock(tsv, xml, tmp_path, embedder):
    catalog = open_catalog(tsv, tmp_path / "tsv", embedder)
    under_30 = catalog.search("striped tee", Filters(category=("t-shirt",), max_price=30))
    assert under_30.relaxed == () and [h.product.id for h in under_30.hits] == ["BRT-100"]
    assert catalog.search("striped tee", Filters(category=("t-shirt",), max_price=25)).relaxed
    # Only black/white is on sale: navy costs 35, so "navy under 30" must not show the tee.
    navy_under_30 = catalog.search("striped tee", Filters(category=("t-shirt",), color=("navy",), max_price=30))
    assert "BRT-100" not in [h.product.id for h in navy_under_30.hits if not navy_under_30.relaxed]
    navy_under_36 = catalog.search("striped tee", Filters(category=("t-shirt",), color=("navy",), max_price=36))
    tee = next(h for h in navy_under_36.hits if h.product.id == "BRT-100")
    assert navy_under_36.relaxed == () and tee.product.price_for(("navy",)) == 35 and "price $35 within budget" in tee.matched
    white_m = catalog.search("striped tee", Filters(color=("white",), size="M"))
    assert white_m.relaxed == () and [h.product.id for h in white_m.hits] == ["BRT-100"]
    assert catalog.search("striped tee", Filters(color=("navy",), size="M")).relaxed
    assert catalog.search("green wrap dress", Filters(color=("green",), size="M")).relaxed  # preorder is not stock
    green_xs = catalog.search("green wrap dress", Filters(category=("dress",), color=("green",), size="XS"))
    assert green_xs.relaxed == () and green_xs.hits[0].product.id == "WRP-7"
    feed = open_catalog(xml, tmp_path / "xml", embedder)
    assert feed.search("parka", Filters(category=("coat",), color=("olive",), size="L")).relaxed
    black_l = feed.search("parka", Filters(category=("coat",), color=("black",), size="L", max_price=350))
    assert black_l.relaxed == () and black_l.hits[0].product.id == "PARKA"


def test_hostile_xml_is_refused_without_expanding_entities(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
                    '<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>1</g:id>'
                    '<g:title>&b;</g:title><g:price>1 USD</g:price></item></channel></rss>')
    with pytest.raises(IngestError, match="DOCTYPE"):
        ingest(bomb, "auto")
    broken = tmp_path / "broken.xml"
    broken.write_text('<rss xmlns:g="http://base.google.com/ns/1.0"><channel>\n<item><g:id>1</g:id>\n<g:title>x</item>')
    with pytest.raises(IngestError, match=r"not well-formed XML \(line 3"):
        ingest(broken, "merchant")


def test_windows_encoded_xml_feed_is_read_and_reported(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes('<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>C1</g:id>'
                     '<g:title>Café Crème Blouse</g:title><g:price>45,00 EUR</g:price><g:color>Crème</g:color>'
                     '<g:availability>in stock</g:availability><g:size>M</g:size></item></channel></rss>'.encode("cp1252"))
    result = ingest(feed, "auto")
    (blouse,) = result.products
    assert blouse.title == "Café Crème Blouse" and blouse.category == "blouse" and blouse.price == 45.0
    assert blouse.colors == ("beige",) and blouse.sizes_in_stock() == ("M",)
    assert result.report.encoding.startswith("cp1252")


def test_header_names_with_spaces_or_g_prefix_are_the_same_attribute(tmp_path):
    feed = tmp_path / "feed.txt"
    feed.write_text("g:id\tTitle\tImage Link\tPrice\tAvailability\tProduct Type\n"
                    "P1\tRibbed Tank\thttps://x.example/a.jpg\t12.00 GBP\tin stock\tTops > Tank Tops\n")
    (tank,) = ingest(feed, "auto").products
    assert tank.category == "t-shirt" and tank.price == 12.0 and tank.currency == "GBP"
    assert tank.variants[0].stock == 1
