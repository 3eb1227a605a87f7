"""Shopify's product CSV export: one row per variant, rows sharing a Handle are one product.

Product fields (Title, Body (HTML), Vendor, Type, Product Category, Tags, Status,
Published) sit on the first row of a handle; later rows may leave them blank. The variant
axes are the Option1..3 columns, named by the shop in its own language (Size, Farbe,
Taille, 尺码...), so each axis is recognised by its name or, failing that, by its values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from catalog.formats.common import (
    BRAND_CHARS, DESCRIPTION_CHARS, TITLE_CHARS, Candidate, ImageWant, IngestReport, canonical, clean_text,
    map_tags, parse_bool, parse_money, parse_stock, split_colors, split_list, unique, variants_for,
)
from catalog.schema import Variant
from catalog.shop_types import audience, choose_category
from catalog.vocabulary import normalize_text

REQUIRED = ("Handle",)
SIGNATURE = {"Title", "Variant Price", "Option1 Value", "Variant SKU", "Body (HTML)"}
PRODUCT_COLUMNS = ("Title", "Body (HTML)", "Vendor", "Type", "Product Category", "Tags", "Status", "Published",
                   "Google Shopping / Gender", "Google Shopping / Age Group", "Google Shopping / Google Product Category")
VARIANT_COLUMNS = ("Variant SKU", "Variant Price", "Variant Compare At Price", "Variant Inventory Qty",
                   "Variant Image", "Image Src")
OPTIONS = (1, 2, 3)
USED = {"Handle", *PRODUCT_COLUMNS, *VARIANT_COLUMNS, *(f"Option{i} {p}" for i in OPTIONS for p in ("Name", "Value"))}

SIZE_NAMES = {
    "size", "sizes", "größe", "grösse", "groesse", "konfektionsgröße", "taille", "pointure", "talla", "tamaño",
    "tamanho", "taglia", "misura", "maat", "storlek", "størrelse", "koko", "rozmiar", "velikost", "méret",
    "beden", "尺码", "尺寸", "码数", "尺碼", "大小", "サイズ", "사이즈",
}
COLOR_NAMES = {
    "color", "colour", "colors", "colours", "farbe", "couleur", "coloris", "colore", "cor", "kleur", "färg",
    "farve", "farge", "väri", "kolor", "barva", "szín", "renk", "颜色", "顏色", "色", "カラー", "색상",
}
_SIZE_LIKE = re.compile(r"(?i)(eu|uk|us|fr|it|de|w)?\s?\d{1,3}([.,]5)?(\s?(/|l)\s?\d{1,3})?")


def looks_like(header: Sequence[str]) -> bool:
    return set(REQUIRED) <= set(header) and bool(SIGNATURE & set(header))


def candidates(rows: Iterable[tuple[int, dict[str, str]]], report: IngestReport, currency: str) -> Iterator[Candidate]:
    """One candidate per visible product; hidden products are counted, bad rows reported."""
    for handle, group in _groups(rows, report):
        candidate = _product(handle, group, report, currency)
        if candidate is not None:
            yield candidate


def _groups(rows: Iterable[tuple[int, dict[str, str]]], report: IngestReport) -> Iterator[tuple[str, list]]:
    """Rows gathered by handle, in order of first appearance.

    Rows of one handle normally follow each other; a later block that starts with its own
    Title is a second product under a used handle, so it is reported and skipped.
    """
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    current, duplicate = None, None
    for line, row in rows:
        if row.get("__error__"):
            report.skip(line, row["__error__"])
            continue
        handle = (row.get("Handle") or "").strip()
        if not handle:
            report.skip(line, "missing Handle")
            continue
        if handle != current:
            current = handle
            duplicate = handle if handle in groups and (row.get("Title") or "").strip() else None
        if duplicate == handle:
            report.skip(line, f"duplicate handle {handle!r}: a product with this handle starts on line {groups[handle][0][0]}")
            continue
        groups.setdefault(handle, []).append((line, row))
    yield from groups.items()


def _first(group: list[tuple[int, dict[str, str]]], column: str) -> str:
    return next((row[column].strip() for _, row in group if (row.get(column) or "").strip()), "")


@dataclass
class _Variants:
    """What a handle's variant rows say, with the photos they link."""

    variants: list[Variant] = field(default_factory=list)
    rows: int = 0      # variant rows seen
    usable: int = 0    # of which read without error
    prices: list[float] = field(default_factory=list)
    on_sale: bool = False
    image_refs: list[str] = field(default_factory=list)
    color_refs: dict[str, list[str]] = field(default_factory=dict)


def _product(handle: str, group: list, report: IngestReport, currency: str) -> Candidate | None:
    line = group[0][0]
    status = normalize_text(_first(group, "Status"))
    if status and status != "active":
        report.hidden[status] += 1
        return None
    if parse_bool(_first(group, "Published")) is False:
        report.hidden["unpublished"] += 1
        return None
    title = clean_text(report, _first(group, "Title"), TITLE_CHARS, "title")
    if not title:
        report.skip(line, f"product {handle!r} has no Title")
        return None
    read = _read_variants(group, _axes(group, report), report)
    if read.rows and not read.variants:
        report.skip(line, f"product {handle!r} has no usable variant rows")
        return None
    if read.on_sale:
        report.notes["on sale (compare-at price above price; the price is what shoppers pay)"] += 1
    from_tags = map_tags(report, split_list(_first(group, "Tags"), ","))
    for_whom = audience(report, _first(group, "Google Shopping / Gender") or None,
                        _first(group, "Google Shopping / Age Group") or None)
    gender = for_whom or next(iter(from_tags.get("gender", [])), None)
    category, kind = choose_category(report, [
        ("Type", _first(group, "Type")),
        ("Product Category", _first(group, "Product Category")),
        ("Google Product Category", _first(group, "Google Shopping / Google Product Category")),
    ], title)
    fields = {
        "id": handle,
        "title": title,
        "description": clean_text(report, _first(group, "Body (HTML)"), DESCRIPTION_CHARS, "description"),
        "category": category,
        "kind": kind,
        "gender": gender,
        "colors": unique([v.color for v in read.variants]),
        "brand": clean_text(report, _first(group, "Vendor"), BRAND_CHARS, "brand") or None,
        "price": min(read.prices) if read.prices else None,
        "currency": currency,
        "variants": read.variants,
        "material": from_tags.get("material", []),
        "style": from_tags.get("style", []),
        "occasion": from_tags.get("occasion", []),
        **{slot: from_tags[slot][0] for slot in ("pattern", "fit", "sleeve") if slot in from_tags},
    }
    return Candidate(
        line=line,
        fields=fields,
        image=ImageWant(refs=tuple(unique(read.image_refs)), stems=(handle,)),
        color_images={c: ImageWant(refs=tuple(unique(refs))) for c, refs in read.color_refs.items() if any(refs)},
        variant_rows=read.usable,
    )


def _read_variants(group: list, axes: dict[str, int], report: IngestReport) -> _Variants:
    """Variants from the rows that carry them; a bad row is reported and the rest kept."""
    read = _Variants()
    for line, row in group:
        read.image_refs.append((row.get("Image Src") or "").strip())
        if not _is_variant_row(row):
            continue
        read.rows += 1
        try:
            colors = split_colors(report, _axis_value(row, axes, "color"))
            price, _ = parse_money(row.get("Variant Price"))
            compare, _ = parse_money(row.get("Variant Compare At Price"))
            stock = parse_stock(row.get("Variant Inventory Qty"))
            if stock is not None and stock < 0:
                report.notes["negative inventory (oversold) read as 0"] += 1
                stock = 0
            read.variants += variants_for(colors, _axis_value(row, axes, "size"), stock, row.get("Variant SKU"), price)
        except ValueError as error:
            report.skip(line, str(error))
            continue
        read.usable += 1
        read.prices += [price] if price is not None else []
        read.on_sale |= price is not None and compare is not None and compare > price
        variant_image = (row.get("Variant Image") or "").strip()
        read.image_refs.append(variant_image)
        for color in colors:
            read.color_refs.setdefault(color, []).append(variant_image)
    return read


def _is_variant_row(row: dict[str, str]) -> bool:
    columns = [f"Option{i} Value" for i in OPTIONS] + ["Variant SKU", "Variant Price", "Variant Inventory Qty"]
    return any((row.get(c) or "").strip() for c in columns)


def _axes(group: list, report: IngestReport) -> dict[str, int]:
    """Which Option column holds colour and which holds size, by name or else by values."""
    axes: dict[str, int] = {}
    for i in OPTIONS:
        name = _first(group, f"Option{i} Name")
        values = [(row.get(f"Option{i} Value") or "").strip() for _, row in group]
        values = [v for v in values if v]
        if not values or normalize_text(name) == "title":
            continue
        axis = _axis_by_name(name)
        how = ""
        if axis is None:
            axis = _axis_by_values(values)
            how = " (from its values)"
        if axis and axis not in axes:
            axes[axis] = i
            report.options[(name or f"Option{i}", f"{'colour' if axis == 'color' else axis}{how}")] += 1
        else:
            report.options[(name or f"Option{i}", "not used")] += 1
    return axes


def _axis_by_name(name: str) -> str | None:
    key = normalize_text(name).rstrip(":：").strip()
    if key in SIZE_NAMES:
        return "size"
    if key in COLOR_NAMES:
        return "color"
    return None


def _axis_by_values(values: list[str]) -> str | None:
    if all(canonical("size", v) or _SIZE_LIKE.fullmatch(v.strip()) for v in values):
        return "size"
    if all(all(canonical("color", part) for part in split_list(v, "/|")) for v in values):
        return "color"
    return None


def _axis_value(row: dict[str, str], axes: dict[str, int], axis: str) -> str | None:
    column = axes.get(axis)
    if column is None:
        return None
    return (row.get(f"Option{column} Value") or "").strip() or None
