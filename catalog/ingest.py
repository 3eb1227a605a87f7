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

from pydantic import ValidationError

from catalog.formats import merchant, own, shopify, styles
from catalog.formats.common import Candidate, IngestError, IngestReport, RowError, strip_controls
from catalog.formats.tabular import DelimitedFile, TextLines
from catalog.formats.xml_feed import XmlFeed
from catalog.image_fetch import ImageFetcher
from catalog.ingest_images import attach_images
from catalog.schema import Product

__all__ = ["FORMATS", "IngestError", "IngestReport", "IngestResult", "RowError", "ingest"]

FORMATS = ("auto", "shopify", "merchant", "jsonl", "csv", "styles")
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
        used = {"shopify": shopify.USED, "styles": styles.USED}.get(opened.layout, own.USED)
        report.unused_columns = tuple(h for h in opened.header if h and h not in used)
    products, image_sources = attach_images(kept, images_dir, fetcher, report)
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
    if set(styles.HEADER) <= set(header):
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
    if layout == "styles" and not set(styles.HEADER) <= set(header):
        raise IngestError(f"{source} is not in the styles layout: header must include {','.join(styles.HEADER)}")
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
            yield styles.candidate(line, record, report) if layout == "styles" else own.candidate(line, record, report, currency)
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
