"""Google Merchant Center product feeds (TSV or RSS/Atom XML): one item per variant.

Items sharing an item_group_id are one product; an item without one is a product of its
own. Every item is a variant with its own colour, size, availability and price; the price
a shopper pays, and the one filters use, is sale_price when the item has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from catalog.formats.common import (
    BRAND_CHARS, DESCRIPTION_CHARS, TITLE_CHARS, Candidate, ImageWant, IngestReport, clean_text,
    map_value, parse_money, split_colors, split_list, unique, variants_for,
)
from catalog.schema import Variant
from catalog.shop_types import audience, choose_category
from catalog.vocabulary import normalize_text

USED = {
    "id", "title", "description", "image_link", "additional_image_link", "availability", "price", "sale_price",
    "brand", "google_product_category", "product_type", "item_group_id", "color", "size", "size_system",
    "gender", "age_group", "material", "pattern",
}
SIGNATURE = {"price", "availability", "image_link", "item_group_id", "google_product_category", "sale_price", "link"}
AVAILABLE = {"in stock": 1, "out of stock": 0, "preorder": 0, "backorder": 0, "limited availability": 1,
             "available for order": 0}
# The Google product taxonomy ids apparel feeds use most, as their English names.
GOOGLE_CATEGORY_IDS = {
    "1604": "Clothing", "212": "Shirts & Tops", "2271": "Dresses", "204": "Pants", "207": "Shorts",
    "1581": "Skirts", "5598": "Coats & Jackets",
}


def attribute_name(column: str) -> str:
    """`g:image_link`, `Image Link` and `image link` all name the attribute `image_link`."""
    name = normalize_text(column).removeprefix("g:").strip()
    return re.sub(r"[\s-]+", "_", name)


def looks_like(header: Sequence[str]) -> bool:
    names = {attribute_name(h) for h in header}
    return {"id", "title"} <= names and bool(SIGNATURE & names)


def candidates(items: Iterable[tuple[int, dict]], report: IngestReport, currency: str) -> Iterator[Candidate]:
    """Items grouped into products by item_group_id, each item a variant; bad items reported."""
    groups: dict[str, list[tuple[int, dict]]] = {}
    offers: dict[str, int] = {}
    seen_attributes: set[str] = set()
    for line, raw in items:
        item = {attribute_name(k): v for k, v in raw.items() if not k.startswith("__")}
        seen_attributes |= {k for k, v in item.items() if v}
        if raw.get("__error__"):
            report.skip(line, raw["__error__"])
            continue
        offer = _text(item, "id")
        if not offer:
            report.skip(line, "missing id")
            continue
        if offer in offers:
            report.skip(line, f"duplicate id {offer!r} (first on line {offers[offer]})")
            continue
        offers[offer] = line
        groups.setdefault(_text(item, "item_group_id") or offer, []).append((line, item))
    report.unused_columns = tuple(sorted(seen_attributes - USED))
    for group_id, group in groups.items():
        candidate = _product(group_id, group, report, currency)
        if candidate is not None:
            yield candidate


def _text(item: dict, key: str) -> str:
    value = item.get(key)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip()


def _product(group_id: str, group: list[tuple[int, dict]], report: IngestReport, currency: str) -> Candidate | None:
    variants: list[Variant] = []
    prices: list[float] = []
    product_currency: str | None = None
    color_images: dict[str, ImageWant] = {}
    usable: list[tuple[int, dict]] = []
    for item_line, item in group:
        try:
            if not _text(item, "title"):
                raise ValueError("missing title")
            colors = split_colors(report, _text(item, "color") or None)
            listed, listed_currency = parse_money(_text(item, "price"))
            sale, sale_currency = parse_money(_text(item, "sale_price"))
            paid = sale if sale is not None else listed
            item_currency = (sale_currency if sale is not None else listed_currency) or currency
            if product_currency and item_currency != product_currency:
                raise ValueError(f"currency {item_currency} differs from the product's {product_currency}")
            new = variants_for(colors, _text(item, "size") or None, _stock(item, report), _text(item, "id"), paid)
        except ValueError as error:
            report.skip(item_line, str(error))
            continue
        product_currency = item_currency
        usable.append((item_line, item))
        variants += new
        prices += [paid] if paid is not None else []
        if sale is not None and listed is not None and sale < listed:
            report.notes["on sale (sale_price is what shoppers pay and what price filters use)"] += 1
        for color in colors:
            if color not in color_images and _text(item, "image_link"):
                color_images[color] = ImageWant(refs=(_text(item, "image_link"),), stems=(_text(item, "id"),))
    if not usable:
        return None
    line, first = usable[0]
    title = _group_title([clean_text(report, _text(item, "title"), TITLE_CHARS, "title") for _, item in usable], report)
    _note_unstored(first, report)
    category_id = _text(first, "google_product_category")
    category, kind = choose_category(report, [
        ("product_type", _text(first, "product_type")),
        ("google_product_category", GOOGLE_CATEGORY_IDS.get(category_id, category_id)),
    ], title)
    fields = {
        "id": group_id,
        "title": title,
        "description": clean_text(report, _text(first, "description"), DESCRIPTION_CHARS, "description"),
        "category": category,
        "kind": kind,
        "gender": audience(report, _text(first, "gender") or None, _text(first, "age_group") or None),
        "colors": unique([v.color for v in variants]),
        "material": [map_value(report, "material", m) for m in split_list(_text(first, "material"), "/,|")],
        "pattern": map_value(report, "pattern", _text(first, "pattern")) if _text(first, "pattern") else None,
        "brand": clean_text(report, _text(first, "brand"), BRAND_CHARS, "brand") or None,
        "price": min(prices) if prices else None,
        "currency": product_currency or currency,
        "variants": variants,
    }
    refs = [_text(item, "image_link") for _, item in usable]
    for _, item in usable:
        extra = item.get("additional_image_link")
        refs += extra if isinstance(extra, list) else split_list(extra, ",")
    stems = (group_id, *(_text(item, "id") for _, item in usable))
    return Candidate(line=line, fields=fields, image=ImageWant(tuple(unique(refs)), tuple(unique(stems))),
                     color_images=color_images, variant_rows=len(usable))


def _stock(item: dict, report: IngestReport) -> int | None:
    """Availability as a stock figure: the feed says whether, not how many (1 = available)."""
    raw = _text(item, "availability")
    if not raw:
        return None
    availability = normalize_text(raw).replace("_", " ")
    if availability not in AVAILABLE:
        report.notes[f"availability {availability!r} not understood; stock unknown"] += 1
        return None
    if availability == "in stock":
        report.notes["availability 'in stock' read as available (the feed gives no quantity)"] += 1
    elif availability == "out of stock":
        report.notes["availability 'out of stock' kept as a variant with stock 0"] += 1
    else:
        report.notes[f"availability {availability!r} counted as {'in' if AVAILABLE[availability] else 'not in'} stock"] += 1
    return AVAILABLE[availability]


def _group_title(titles: list[str], report: IngestReport) -> str:
    """The words all variant titles share ("Classic Tee - Navy - M" and "Classic Tee - Red - L"
    are a "Classic Tee"), or the first title when they share too little."""
    if len(titles) < 2:
        return titles[0]
    words = [t.split() for t in titles]
    shared = []
    for column in zip(*words):
        if len(set(column)) > 1:
            break
        shared.append(column[0])
    common = " ".join(shared).rstrip(" -–—|/,:(")
    if len(common) >= 3 and common != titles[0]:
        report.notes["variant titles shortened to the words they share"] += 1
        return common
    return titles[0]


def _note_unstored(item: dict, report: IngestReport) -> None:
    """Attributes read but not stored, named in the summary so nothing is silently dropped."""
    system = _text(item, "size_system")
    if system:
        report.notes[f"size_system {system.upper()}: sizes kept as the feed writes them"] += 1
