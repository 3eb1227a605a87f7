"""Turn a shop's export into validated products, reporting every row it cannot use.

Formats: `jsonl` and `csv` in this project's own field names (a column map renames a
shop's columns), and `styles`, the widely used fashion-product layout
(id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,
productDisplayName). Values are mapped onto the canonical vocabulary where they fit and
kept as the shop's own words where they do not; what a source does not say (price,
sizes, stock) stays unknown rather than invented.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from catalog.schema import Product, Variant
from catalog.vocabulary import canonical_value, normalize_text

FORMATS = ("jsonl", "csv", "styles")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
STYLES_HEADER = ("id", "gender", "masterCategory", "subCategory", "articleType", "baseColour",
                 "season", "year", "usage")
MAPPED_SLOTS = ("category", "colors", "gender", "material", "pattern", "fit", "sleeve", "style", "occasion")
# Kaggle-style usage column -> (style, occasion).
USAGE_MAP = {
    "casual": ("casual", "everyday"), "formal": ("formal", "work"), "sports": ("sporty", "sport"),
    "smart casual": ("casual", "work"), "party": ("elegant", "party"), "travel": ("casual", "travel"),
}
STYLES_GENDER = {"men": "men", "women": "women", "boys": "men", "girls": "women", "unisex": "unisex"}


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


@dataclass
class IngestReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    mapped: dict[str, Counter] = field(default_factory=lambda: {s: Counter() for s in MAPPED_SLOTS})
    unmapped: dict[str, Counter] = field(default_factory=lambda: {s: Counter() for s in MAPPED_SLOTS})
    products: int = 0
    unknown_price: int = 0
    unknown_stock: int = 0
    without_image: int = 0

    def table(self) -> str:
        """The human summary printed at the end of a build."""
        lines = [
            f"rows read            {self.rows}",
            f"products ingested    {self.products}",
            f"rows skipped         {len(self.errors)}",
            f"price unknown        {self.unknown_price}",
            f"stock unknown        {self.unknown_stock}",
            f"without image        {self.without_image}  (searchable, not try-on-able)",
        ]
        for slot in MAPPED_SLOTS:
            if self.mapped[slot]:
                pairs = ", ".join(f"{src}->{dst} x{n}" for (src, dst), n in self.mapped[slot].most_common(12))
                lines.append(f"mapped {slot:<13} {pairs}")
            if self.unmapped[slot]:
                kept = ", ".join(f"{v} x{n}" for v, n in self.unmapped[slot].most_common(12))
                lines.append(f"kept as-is {slot:<9} {kept}")
        for error in self.errors[:50]:
            lines.append(f"skipped line {error.line}: {error.reason}")
        if len(self.errors) > 50:
            lines.append(f"... and {len(self.errors) - 50} more skipped rows")
        return "\n".join(lines)


@dataclass(frozen=True)
class IngestResult:
    products: list[Product]
    image_sources: dict[str, Path]
    report: IngestReport


class IngestError(ValueError):
    """The source as a whole cannot be read (missing file, wrong layout)."""


def ingest(
    source: Path,
    fmt: str,
    images_dir: Path | None = None,
    columns: Mapping[str, str] | None = None,
) -> IngestResult:
    """Read every row, keep the good ones, report the rest with line numbers."""
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not source.is_file():
        raise IngestError(f"source file {source} does not exist")
    report = IngestReport()
    products: list[Product] = []
    images: dict[str, Path] = {}
    seen: set[str] = set()
    for line, record in _records(source, fmt, columns or {}):
        report.rows += 1
        try:
            fields = _styles_fields(record, report) if fmt == "styles" else _own_fields(record, report)
            product = Product.model_validate(fields)
        except (ValidationError, ValueError, TypeError) as error:
            report.errors.append(RowError(line, _reason(error)))
            continue
        if product.id in seen:
            report.errors.append(RowError(line, f"duplicate product id {product.id!r}"))
            continue
        seen.add(product.id)
        image = _find_image(images_dir, product.id, record.get("image"))
        if image:
            images[product.id] = image
            product = product.model_copy(update={"image": f"images/{_safe_name(product.id)}{image.suffix.lower()}"})
        else:
            product = product.model_copy(update={"image": None, "color_images": {}})
            report.without_image += 1
        report.unknown_price += product.price is None
        report.unknown_stock += not product.stock_known()
        products.append(product)
    report.products = len(products)
    return IngestResult(products, images, report)


def _records(source: Path, fmt: str, columns: Mapping[str, str]) -> Iterator[tuple[int, dict]]:
    if fmt == "jsonl":
        with source.open(encoding="utf-8-sig", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    yield number, {"__error__": f"not valid JSON ({error.msg})"}
                    continue
                yield number, _rename(record, columns) if isinstance(record, dict) else {"__error__": "not a JSON object"}
        return
    with source.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle, restkey="__extra__")
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        if fmt == "styles" and not set(STYLES_HEADER) <= set(header):
            raise IngestError(f"{source} is not in the styles layout: header must include {','.join(STYLES_HEADER)}")
        start = reader.line_num + 1
        for row in reader:
            if row.get("__extra__"):
                row["__error__"] = f"{len(header) + len(row['__extra__'])} fields, header has {len(header)}"
            yield start, _rename(row, columns)
            start = reader.line_num + 1


def _rename(record: dict, columns: Mapping[str, str]) -> dict:
    return {columns.get(key, key): value for key, value in record.items()}


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "row"
        return f"{where}: {first['msg']}"
    return str(error)


def _split(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(r"[|;/,]", str(value)) if part.strip()]


def _map(report: IngestReport, slot: str, raw: str) -> str:
    """Canonical value when there is one, else the shop's own word, counted for the summary."""
    vocab_slot = "color" if slot == "colors" else slot
    canon = canonical_value(vocab_slot, raw)
    if canon:
        if normalize_text(raw) != canon:
            report.mapped[slot][(raw.strip(), canon)] += 1
        return canon
    kept = normalize_text(raw)
    report.unmapped[slot][kept] += 1
    return kept


def _price(value: object) -> float | None:
    """A price from "59.99", "$1,299.00", "15,50 EUR"; blank is unknown, negative is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value)
    match = re.search(r"\d[\d,.]*", text)
    if not match or re.search(r"-\s*\d", text):
        raise ValueError(f"price {value!r} is not a positive number")
    number = match.group().rstrip(".,")
    if "," in number and "." in number:
        number = number.replace(",", "")
    elif "," in number:
        number = number.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", number) else number.replace(",", "")
    return float(number)


def _own_fields(record: dict, report: IngestReport) -> dict:
    if "__error__" in record:
        raise ValueError(record["__error__"])
    fields: dict = {key: value for key, value in record.items() if value not in (None, "")}
    for required in ("id", "title", "category"):
        if not str(fields.get(required, "")).strip():
            raise ValueError(f"missing {required}")
    fields["id"] = str(fields["id"]).strip()
    for slot in ("category", "gender", "pattern", "fit", "sleeve"):
        if slot in fields:
            fields[slot] = _map(report, slot, str(fields[slot]))
    colors = fields.pop("colors", None) or fields.pop("color", None)
    fields["colors"] = [_map(report, "colors", c) for c in _split(colors)]
    for slot in ("material", "style", "occasion"):
        fields[slot] = [_map(report, slot, v) for v in _split(fields.get(slot))]
    fields["price"] = _price(fields.get("price"))
    fields["variants"] = _variants(fields.pop("sizes", None), fields.get("variants"), fields["colors"])
    fields.pop("image", None)
    return fields


def _variants(sizes: object, variants: object, colors: list[str]) -> list:
    """Variants from explicit records, or from a sizes column: "S:3|M:0|L" (no count = unknown)."""
    if isinstance(variants, list):
        return variants
    if isinstance(sizes, dict):
        return [Variant(size=str(s), stock=_stock(n)) for s, n in sizes.items()]
    out = []
    for item in _split(sizes):
        size, _, count = item.partition(":")
        out.append(Variant(size=size.strip(), stock=_stock(count)))
    return out


def _stock(value: object) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(float(str(value).strip()))
    except ValueError as error:
        raise ValueError(f"stock {value!r} is not a whole number") from error


def _styles_fields(record: dict, report: IngestReport) -> dict:
    if "__error__" in record:
        raise ValueError(record["__error__"])
    product_id = (record.get("id") or "").strip()
    article = (record.get("articleType") or "").strip()
    if not product_id:
        raise ValueError("missing id")
    if not article:
        raise ValueError("missing articleType")
    category = _map(report, "category", article)
    gender_raw = (record.get("gender") or "").strip()
    gender = STYLES_GENDER.get(normalize_text(gender_raw)) if gender_raw else None
    if gender_raw:
        report.mapped["gender"][(gender_raw, gender or normalize_text(gender_raw))] += 1
    colour_raw = (record.get("baseColour") or "").strip()
    colors = [_map(report, "colors", colour_raw)] if colour_raw and normalize_text(colour_raw) != "na" else []
    usage = normalize_text(record.get("usage") or "")
    style, occasion = USAGE_MAP.get(usage, (usage or None, None))
    if usage and usage not in USAGE_MAP:
        report.unmapped["style"][usage] += 1
    season = (record.get("season") or "").strip()
    year = (record.get("year") or "").strip()
    title = (record.get("productDisplayName") or "").strip() or _styles_title(gender_raw, colour_raw, article)
    details = [d for d in (record.get("subCategory"), season and f"{season} season", year and f"{year} collection") if d]
    return {
        "id": product_id,
        "title": title,
        "description": f"{title}. " + ", ".join(details) + "." if details else title,
        "category": category,
        "gender": gender,
        "colors": colors,
        "style": [style] if style else [],
        "occasion": [occasion] if occasion else [],
    }


def _styles_title(gender: str, colour: str, article: str) -> str:
    who = {"men": "Men's", "women": "Women's", "boys": "Boys'", "girls": "Girls'"}.get(normalize_text(gender), gender)
    return " ".join(part for part in (who, colour, article) if part)


def _safe_name(product_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", product_id)


def _find_image(images_dir: Path | None, product_id: str, named: object) -> Path | None:
    if images_dir is None:
        return None
    candidates = []
    if isinstance(named, str) and named.strip():
        candidates.append(images_dir / Path(named.strip()).name)
    candidates += [images_dir / f"{product_id}{suffix}" for suffix in IMAGE_SUFFIXES]
    return next((c for c in candidates if c.is_file() and c.resolve().is_relative_to(images_dir.resolve())), None)
