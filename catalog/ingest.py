"""Turn a shop's export into validated products, reporting every row it cannot use.

Formats: `shopify` (Shopify's product CSV export), `merchant` (a Google Merchant Center
feed, TSV or XML), `jsonl` and `csv` in this project's own field names (a column map
renames a shop's columns), and `styles`, the widely used fashion-product layout
(id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,
productDisplayName); `auto` recognises each from the file itself. Values are mapped onto
the canonical vocabulary where they fit and kept as the shop's own words where they do
not; what a source does not say (price, sizes, stock) stays unknown rather than invented.
Hostile input (spreadsheet formulas, control characters, huge cells, wrong encodings,
duplicate ids) is reported and neutralised; nothing here writes the catalog, so a build
that fails writes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import ValidationError

from catalog import merchant, shopify
from catalog.image_fetch import PHOTO_LIMITS, ImageFetcher, is_web_link, rejection_reason
from catalog.ingest_common import (
    BRAND_CHARS, DESCRIPTION_CHARS, TITLE_CHARS, Candidate, ImageWant, IngestError, IngestReport, RowError, clean_text, map_value, parse_money, parse_stock, split_list, strip_controls,
)
from catalog.schema import Product, Variant
from catalog.shop_types import choose_category
from catalog.tabular import DelimitedFile, TextLines
from catalog.vocabulary import normalize_text
from catalog.xml_feed import XmlFeed
from image_guard import ImageRejected, check_image_file

__all__ = ["FORMATS", "IngestError", "IngestReport", "IngestResult", "RowError", "ingest"]

FORMATS = ("auto", "shopify", "merchant", "jsonl", "csv", "styles")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
STYLES_HEADER = ("id", "gender", "masterCategory", "subCategory", "articleType", "baseColour",
                 "season", "year", "usage")
STYLES_COLUMNS = {*STYLES_HEADER, "productDisplayName"}
OWN_COLUMNS = {*Product.model_fields, "sizes", "color"}
# Kaggle-style usage column -> (style, occasion).
USAGE_MAP = {
    "casual": ("casual", "everyday"), "formal": ("formal", "work"), "sports": ("sporty", "sport"),
    "smart casual": ("casual", "work"), "party": ("elegant", "party"), "travel": ("casual", "travel"),
}
MAX_CELL_CHARS = 1_000_000
# What a spreadsheet would run: =..., or +/-/@ leading into a call, a DDE pipe or a sheet reference.
_FORMULA = re.compile(r"\s*(=|[+\-@]\S*[(!|])")


@dataclass(frozen=True)
class IngestResult:
    products: list[Product]
    image_sources: dict[str, Path]   # catalog-relative image path -> the file to copy there
    report: IngestReport


@dataclass(frozen=True)
class _Source:
    layout: str
    records: Iterator[tuple[int, dict]]
    header: tuple[str, ...]
    encoding: Callable[[], str]      # how the bytes were decoded, known once the records are read


def ingest(
    source: Path,
    fmt: str = "auto",
    images_dir: Path | None = None,
    columns: Mapping[str, str] | None = None,
    *,
    currency: str | None = None,
    fetcher: ImageFetcher | None = None,
) -> IngestResult:
    """Read every row, keep the good ones, report the rest with line numbers."""
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not source.is_file():
        raise IngestError(f"source file {source} does not exist")
    if images_dir is not None and not images_dir.is_dir():
        raise IngestError(f"images directory {images_dir} does not exist")
    if currency is not None and not re.fullmatch(r"[A-Za-z]{3}", currency):
        raise IngestError(f"currency must be a 3-letter code such as EUR, got {currency!r}")
    report = IngestReport()
    opened = _open(source, fmt, columns or {}, report)
    report.format, report.detected = opened.layout, fmt == "auto"
    if opened.layout == "shopify" and currency is None:
        report.currency_note = "  (assumed: a Shopify export does not name its currency; set --currency)"
    records = (_screen(line, record, report) for line, record in opened.records)
    kept = _validate(_candidates(opened.layout, records, report, (currency or "USD").upper()), report)
    report.encoding = opened.encoding()
    if opened.header and opened.layout != "merchant":
        used = {"shopify": shopify.USED, "styles": STYLES_COLUMNS}.get(opened.layout, OWN_COLUMNS)
        report.unused_columns = tuple(h for h in opened.header if h and h not in used)
    products, image_sources = _attach_images(kept, images_dir, fetcher, report)
    report.products = len(products)
    report.unknown_price = sum(p.price is None for p in products)
    report.unknown_stock = sum(not p.stock_known() for p in products)
    report.without_image = sum(p.image is None for p in products)
    report.currencies.update(p.currency for p in products if p.price is not None)
    return IngestResult(products, image_sources, report)


def _open(source: Path, fmt: str, columns: Mapping[str, str], report: IngestReport) -> _Source:
    """The layout to read the file as, and its records."""
    head = _head(source)
    if fmt in ("auto", "merchant") and head.startswith("<"):
        feed = XmlFeed(source)
        return _Source("merchant", ((n, _rename(r, columns)) for n, r in feed.items()), (), lambda: feed.encoding)
    if fmt == "jsonl" or (fmt == "auto" and head.startswith("{")):
        lines = TextLines(source)
        return _Source("jsonl", _json_records(lines, columns), (), lambda: lines.decoding.describe())
    table = DelimitedFile(source)
    header = tuple(columns.get(h, h) for h in table.header)
    if not any(header):
        raise IngestError(f"{source} is empty: no header row")
    for name in table.duplicate_columns:
        report.warn(1, f"column {name!r} appears more than once; the first one is used")
    layout = _detect(header, source) if fmt == "auto" else fmt
    _check_layout(layout, header, source)
    records = ((line, _rename(row, columns)) for line, row in table.rows())
    return _Source(layout, records, header, lambda: table.decoding.describe())


def _head(source: Path) -> str:
    with source.open("rb") as handle:
        raw = handle.read(4096)
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[2:].decode(codec, errors="ignore").lstrip()
    return raw.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")


def _detect(header: tuple[str, ...], source: Path) -> str:
    if shopify.looks_like(header):
        return "shopify"
    if set(STYLES_HEADER) <= set(header):
        return "styles"
    if {"id", "title", "category"} <= set(header):
        return "csv"                 # Merchant Center has no bare "category" attribute
    if merchant.looks_like(header):
        return "merchant"
    shown = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
    raise IngestError(f"cannot tell what layout {source} is from its header ({shown}); expected a Shopify export "
                      "(Handle, Title, ...), a Merchant Center feed (id, title, price, ...), the styles layout or "
                      "this project's own csv (id, title, category, ...); pass --format to say which")


def _check_layout(layout: str, header: tuple[str, ...], source: Path) -> None:
    if layout == "styles" and not set(STYLES_HEADER) <= set(header):
        raise IngestError(f"{source} is not in the styles layout: header must include {','.join(STYLES_HEADER)}")
    if layout == "shopify" and not shopify.looks_like(header):
        raise IngestError(f"{source} is not a Shopify product export: the header needs Handle and Title, "
                          "Variant Price or Option1 Value")
    if layout == "merchant" and not merchant.looks_like(header):
        raise IngestError(f"{source} is not a Merchant Center feed: the header needs id, title and price "
                          "(or availability, image_link, item_group_id)")


def _rename(record: dict, columns: Mapping[str, str]) -> dict:
    return {columns.get(key, key): value for key, value in record.items()} if columns else record


def _json_records(lines: TextLines, columns: Mapping[str, str]) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, {"__error__": f"not valid JSON ({error.msg})"}
            continue
        except RecursionError:
            yield number, {"__error__": "JSON nested too deeply"}
            continue
        yield number, _rename(record, columns) if isinstance(record, dict) else {"__error__": "not a JSON object"}


def _screen(line: int, record: dict, report: IngestReport) -> tuple[int, dict]:
    """A record with control characters removed, giant cells cut and formulas made inert."""
    report.rows += 1
    return line, {strip_controls(str(key)): _screen_value(line, str(key), value, report)
                  for key, value in record.items()}


def _screen_value(line: int, column: str, value: object, report: IngestReport) -> object:
    if isinstance(value, list):
        return [_screen_value(line, column, v, report) for v in value]
    if isinstance(value, dict):
        return {strip_controls(str(k)): _screen_value(line, column, v, report) for k, v in value.items()}
    if not isinstance(value, str) or column.startswith("__"):
        return value
    text = strip_controls(value)
    if text != value:
        report.notes["cells with control characters (removed)"] += 1
    name = strip_controls(column)
    if len(text) > MAX_CELL_CHARS:
        report.warn(line, f"{name} is {len(text):,} characters long; only the first {MAX_CELL_CHARS:,} were read")
        text = text[:MAX_CELL_CHARS]
    if _FORMULA.match(text):
        report.warn(line, f"{name} looks like a spreadsheet formula ({text[:30]!r}); kept as text behind an apostrophe")
        text = "'" + text
    return text


def _candidates(layout: str, records: Iterable[tuple[int, dict]], report: IngestReport,
                currency: str) -> Iterator[Candidate]:
    if layout == "shopify":
        yield from shopify.candidates(records, report, currency)
        return
    if layout == "merchant":
        yield from merchant.candidates(records, report, currency)
        return
    for line, record in records:
        try:
            if "__error__" in record:
                raise ValueError(record["__error__"])
            yield _styles_candidate(line, record, report) if layout == "styles" else _own_candidate(line, record, report, currency)
        except (ValidationError, ValueError, TypeError) as error:
            report.skip(line, _reason(error))


def _validate(candidates: Iterable[Candidate], report: IngestReport) -> list[tuple[Product, Candidate]]:
    kept: list[tuple[Product, Candidate]] = []
    first_line: dict[str, int] = {}
    for candidate in candidates:
        try:
            product = Product.model_validate(candidate.fields)
        except (ValidationError, ValueError, TypeError) as error:
            report.skip(candidate.line, _reason(error))
            continue
        if product.id in first_line:
            report.skip(candidate.line, f"duplicate product id {product.id!r} (first on line {first_line[product.id]})")
            continue
        first_line[product.id] = candidate.line
        report.variants += candidate.variant_rows or len(product.variants)
        report.categories[product.category] += 1
        report.kinds[(product.own_type, product.category)] += 1
        report.audiences.update([product.audience] if product.audience else [])
        kept.append((product, candidate))
    return kept


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "row"
        return f"{where}: {first['msg']}"
    return str(error)


def _own_candidate(line: int, record: dict, report: IngestReport, currency: str) -> Candidate:
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


def _styles_candidate(line: int, record: dict, report: IngestReport) -> Candidate:
    product_id = (record.get("id") or "").strip()
    article = (record.get("articleType") or "").strip()
    if not product_id:
        raise ValueError("missing id")
    if not article:
        raise ValueError("missing articleType")
    gender_raw = (record.get("gender") or "").strip()
    path = " > ".join(part for part in (record.get("masterCategory"), record.get("subCategory"), article) if part)
    colour_raw = (record.get("baseColour") or "").strip()
    colors = [map_value(report, "colors", colour_raw)] if colour_raw and normalize_text(colour_raw) != "na" else []
    usage = normalize_text(record.get("usage") or "")
    style, occasion = USAGE_MAP.get(usage, (usage or None, None))
    if usage and usage not in USAGE_MAP:
        report.unmapped["style"][usage] += 1
    season = (record.get("season") or "").strip()
    year = (record.get("year") or "").strip()
    title = clean_text(report, record.get("productDisplayName"), TITLE_CHARS, "title")
    title = title or _styles_title(gender_raw, colour_raw, article)
    category, kind = choose_category(report, [("articleType", path)], title)
    details = [d for d in (record.get("subCategory"), season and f"{season} season", year and f"{year} collection") if d]
    fields = {
        "id": product_id,
        "title": title,
        "description": f"{title}. " + ", ".join(details) + "." if details else title,
        "category": category,
        "kind": kind,
        "gender": map_value(report, "gender", gender_raw) if gender_raw else None,
        "colors": colors,
        "style": [style] if style else [],
        "occasion": [occasion] if occasion else [],
    }
    return Candidate(line, fields, ImageWant(stems=(product_id,)))


def _styles_title(gender: str, colour: str, article: str) -> str:
    who = {"men": "Men's", "women": "Women's", "boys": "Boys'", "girls": "Girls'"}.get(normalize_text(gender), gender)
    return " ".join(part for part in (who, colour, article) if part)


class _LocalImages:
    """The images directory, looked up by file name (case-insensitively), each file checked once."""

    def __init__(self, directory: Path | None, report: IngestReport):
        self.report = report
        self.by_name: dict[str, Path] = {}
        self.usable: dict[Path, bool] = {}
        if directory is not None:
            root = directory.resolve()
            for path in sorted(directory.iterdir()):
                if path.is_file() and path.resolve().is_relative_to(root):
                    self.by_name.setdefault(path.name.lower(), path)

    def find(self, want: ImageWant, line: int) -> Path | None:
        names = [_ref_name(ref) for ref in want.refs] + [f"{stem}{suffix}" for stem in want.stems for suffix in IMAGE_SUFFIXES]
        for name in names:
            path = self.by_name.get(name.lower()) if name else None
            if path is not None and self._check(path, line):
                return path
        return None

    def _check(self, path: Path, line: int) -> bool:
        if path not in self.usable:
            try:
                check_image_file(path, PHOTO_LIMITS)
                self.usable[path] = True
            except ImageRejected as error:
                reason = rejection_reason(error)
                self.report.images_rejected[reason] += 1
                self.report.warn(line, f"image {path.name!r} not used: {reason}")
                self.usable[path] = False
        return self.usable[path]


def _ref_name(ref: str) -> str:
    """The file name a reference points at: the last path component of a URL or a path."""
    ref = ref.strip()
    if "://" in ref:
        try:
            ref = unquote(urlsplit(ref).path)
        except ValueError:
            return ""
    return ref.replace("\\", "/").rsplit("/", 1)[-1]


def _attach_images(kept: list[tuple[Product, Candidate]], images_dir: Path | None, fetcher: ImageFetcher | None,
                   report: IngestReport) -> tuple[list[Product], dict[str, Path]]:
    """Products with their photos resolved (local files first, then downloads) and where each comes from."""
    local = _LocalImages(images_dir, report)
    wants = [(c.line, [(None, c.image), *c.color_images.items()]) for _, c in kept]
    found: dict[tuple[int, str | None], Path] = {}
    for index, (line, items) in enumerate(wants):
        for color, want in items:
            path = local.find(want, line)
            if path is not None:
                found[(index, color)] = path
    report.images_local = len(set(found.values()))
    linked = [i for i, (_, c) in enumerate(kept) if any(w.refs for w in (c.image, *c.color_images.values()))]
    if fetcher is not None:
        _download_missing(wants, found, fetcher, report)
    report.images_unresolved = sum(not any(key[0] == i for key in found) for i in linked)
    products: list[Product] = []
    sources: dict[str, Path] = {}
    stems: set[str] = set()
    for index, (product, _) in enumerate(kept):
        paths = {color: found[(index, color)] for color in [None, *product.colors] if (index, color) in found}
        main = paths.get(None) or next(iter(paths.values()), None)
        if main is None:
            products.append(product.model_copy(update={"image": None, "color_images": {}}))
            continue
        stem = _image_stem(product.id, stems)
        named: dict[Path, str] = {main: f"images/{stem}{main.suffix.lower()}"}
        for color, path in paths.items():
            if color is not None and path not in named:
                named[path] = f"images/{stem}--{_safe_name(color)}{path.suffix.lower()}"
        sources.update({rel: path for path, rel in named.items()})
        color_images = {color: named[path] for color, path in paths.items() if color is not None}
        products.append(product.model_copy(update={"image": named[main], "color_images": color_images}))
    return products, sources


def _download_missing(wants: list, found: dict, fetcher: ImageFetcher, report: IngestReport) -> None:
    """Fetch the first web link of every photo not found locally, and note what failed and why."""
    urls: dict[tuple[int, str | None], str] = {}
    for index, (_, items) in enumerate(wants):
        for color, want in items:
            url = next((ref for ref in want.refs if is_web_link(ref)), None)
            if (index, color) not in found and url:
                urls[(index, color)] = url
    if not urls:
        return
    result = fetcher.fetch(urls.values())
    report.images_fetched = len(result.files)
    failed_lines: dict[str, int] = {}
    for key, url in urls.items():
        if url in result.files:
            found[key] = result.files[url]
        elif url in result.failures:
            failed_lines.setdefault(url, wants[key[0]][0])
    for url, line in failed_lines.items():
        reason = result.failures[url]
        report.fetch_failures[reason] += 1
        report.warn(line, f"image {url[:120]} not downloaded: {reason}")


def _safe_name(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", value)[:80].strip(".") or "item"


def _image_stem(product_id: str, used: set[str]) -> str:
    """A file-name stem for a product's photos, unique even on case-insensitive file systems."""
    stem = base = _safe_name(product_id)
    number = 1
    while stem.lower() in used:
        number += 1
        stem = f"{base}-{number}"
    used.add(stem.lower())
    return stem
