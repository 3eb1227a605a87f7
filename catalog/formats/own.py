"""The project's own layout, as JSON lines or CSV: columns named like `Product`'s fields
(a column map renames a shop's own), sizes as "S:3|M:0|L" where no variants are given."""

from __future__ import annotations

from catalog.formats.common import (BRAND_CHARS, DESCRIPTION_CHARS, TITLE_CHARS, Candidate, ImageWant, IngestReport,
                                    clean_text, map_value, parse_money, parse_stock, split_list)
from catalog.schema import Product, Variant
from catalog.shop_types import choose_category

USED = {*Product.model_fields, "sizes", "color"}


def candidate(line: int, record: dict, report: IngestReport, currency: str) -> Candidate:
    fields: dict = {key: value for key, value in record.items() if value not in (None, "")}
    for required in ("id", "title", "category"):
        if not str(fields.get(required, "")).strip():
            raise ValueError(f"missing {required}")
    fields["id"] = str(fields["id"]).strip()
    fields["title"] = clean_text(report, fields["title"], TITLE_CHARS, "title")
    fields["description"] = clean_text(report, fields.get("description"), DESCRIPTION_CHARS, "description")
    fields["brand"] = clean_text(report, fields.get("brand"), BRAND_CHARS, "brand") or None
    category, kind = choose_category(report, [("category", str(fields["category"]))], fields["title"])
    fields["category"], fields["kind"] = category, fields.get("kind") or kind
    for slot in ("gender", "pattern", "fit", "sleeve"):
        if slot in fields:
            fields[slot] = map_value(report, slot, str(fields[slot]))
    if "audience" in fields:
        fields["audience"] = map_value(report, "gender", str(fields["audience"]))
    colors = fields.pop("colors", None) or fields.pop("color", None)
    fields["colors"] = [map_value(report, "colors", c) for c in split_list(colors)]
    for slot in ("material", "style", "occasion"):
        fields[slot] = [map_value(report, slot, v) for v in split_list(fields.get(slot))]
    fields["price"], price_currency = parse_money(fields.get("price"))
    fields["currency"] = fields.get("currency") or price_currency or currency
    fields["variants"] = _variants(fields.pop("sizes", None), fields.get("variants"))
    image = fields.pop("image", None)
    color_images = fields.pop("color_images", None)
    by_color = {}
    if isinstance(color_images, dict):
        by_color = {map_value(report, "colors", str(c)): ImageWant(refs=(str(ref),)) for c, ref in color_images.items()}
    refs = (image,) if isinstance(image, str) and image.strip() else ()
    return Candidate(line, fields, ImageWant(refs, (fields["id"],)), by_color)


def _variants(sizes: object, variants: object) -> list:
    """Variants from explicit records, or from a sizes column: "S:3|M:0|L" (no count = unknown)."""
    if isinstance(variants, list):
        return variants
    if isinstance(sizes, dict):
        return [Variant(size=str(s), stock=parse_stock(n)) for s, n in sizes.items()]
    out = []
    for item in split_list(sizes):
        size, _, count = item.partition(":")
        out.append(Variant(size=size.strip(), stock=parse_stock(count)))
    return out


