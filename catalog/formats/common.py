"""What every format reader shares: the build report, and shop values turned into canonical fields.

One price parser, one vocabulary mapper, one HTML-to-text: the Shopify, Merchant Center and
own-layout readers all call these, and every decision they make is counted in the report
so the printed summary shows how the shop's words became the catalog's.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from catalog.schema import Variant
from catalog.synonyms import SHOP_SYNONYMS
from catalog.vocabulary import canonical_value, normalize_text

MAPPED_SLOTS = ("category", "colors", "gender", "material", "pattern", "fit", "sleeve", "style", "occasion")
TAG_SLOTS = ("gender", "material", "pattern", "fit", "sleeve", "style", "occasion")
FALLBACK_CATEGORY = "other"
MAX_PRICE = 1e7
MAX_STOCK = 10**9
TITLE_CHARS = 255
BRAND_CHARS = 100
DESCRIPTION_CHARS = 5000
SHOWN_LINES = 50


# C0/C1 controls (bar tab and line breaks) and bidi overrides: they garble terminals and text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def _one_line(reason: str) -> str:
    """A row's reason as one printable line: it may quote the row's own keys or values, line breaks
    and control characters included."""
    return " ".join(strip_controls(reason).split())


class IngestError(ValueError):
    """The source as a whole cannot be read (missing file, wrong layout, broken structure)."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str


@dataclass(frozen=True)
class ImageWant:
    """Where a product photo may be found: references from the source (URLs or file
    names), best first, and ids to try as `<stem>.<ext>` in the images directory."""

    refs: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A product as a format reader understood it, before validation and image lookup."""

    line: int
    fields: dict
    image: ImageWant = ImageWant()
    color_images: dict[str, ImageWant] = field(default_factory=dict)
    variant_rows: int = 0


@dataclass
class IngestReport:
    """Everything the build decided, for the summary a shop owner reads."""

    format: str = ""
    detected: bool = False
    encoding: str = "utf-8"
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    mapped: dict[str, Counter] = field(default_factory=lambda: {s: Counter() for s in MAPPED_SLOTS})
    unmapped: dict[str, Counter] = field(default_factory=lambda: {s: Counter() for s in MAPPED_SLOTS})
    categories: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)       # (shop's own type, its canonical category)
    audiences: Counter = field(default_factory=Counter)
    options: Counter = field(default_factory=Counter)
    hidden: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    unused_columns: tuple[str, ...] = ()
    products: int = 0
    variants: int = 0
    unknown_price: int = 0
    unknown_stock: int = 0
    currencies: Counter = field(default_factory=Counter)
    currency_note: str = ""
    without_image: int = 0
    images_local: int = 0            # distinct files found in --images
    images_fetched: int = 0          # distinct links downloaded
    images_unresolved: int = 0       # products that link photos none of which was found
    images_rejected: Counter = field(default_factory=Counter)
    fetch_failures: Counter = field(default_factory=Counter)

    def skip(self, line: int, reason: str) -> None:
        self.errors.append(RowError(line, _one_line(reason)))

    def warn(self, line: int, reason: str) -> None:
        self.warnings.append(RowError(line, _one_line(reason)))

    def table(self) -> str:
        """The human summary printed at the end of a build."""
        lines = []
        if self.format:
            lines.append(f"format               {self.format}{' (detected from the file)' if self.detected else ''}")
            lines.append(f"encoding             {self.encoding}")
        lines += [
            f"rows read            {self.rows}",
            f"products ingested    {self.products}",
            f"variants             {self.variants}",
        ]
        if self.hidden:
            lines.append(f"hidden from shoppers {sum(self.hidden.values())}: {_counts(self.hidden)}")
        lines += [
            f"rows skipped         {len(self.errors)}",
            f"price unknown        {self.unknown_price}",
            f"stock unknown        {self.unknown_stock}",
            f"without image        {self.without_image}  (searchable, not try-on-able)",
        ]
        if self.currencies:
            lines.append(f"currency             {_counts(self.currencies)}{self.currency_note}")
        images = f"images               {self.images_local} found locally, {self.images_fetched} downloaded"
        if self.images_rejected:
            images += f"; rejected: {_counts(self.images_rejected)}"
        if self.fetch_failures:
            images += f"; downloads failed: {_counts(self.fetch_failures)}"
        elif self.images_unresolved and not self.images_fetched:
            images += (f"; {self.images_unresolved} product{'s' * (self.images_unresolved != 1)} link photos not found "
                       "(use --images DIR holding those files, or --fetch-images)")
        lines.append(images)
        if self.categories:
            lines.append(f"categories           {_counts(self.categories, 30)}")
        if self.kinds:
            named = Counter({kind if kind == category else f"{kind} ({category})": n for (kind, category), n in self.kinds.items()})
            lines.append(f"shop types           {_counts(named, 30)}")
        if self.audiences:
            lines.append(f"audiences            {_counts(self.audiences)}")
        for slot in MAPPED_SLOTS:
            if self.mapped[slot]:
                pairs = ", ".join(f"{_one_line(str(src))}->{dst} x{n}" for (src, dst), n in self.mapped[slot].most_common(12))
                lines.append(f"mapped {slot:<13} {pairs}")
            if self.unmapped[slot]:
                lines.append(f"kept as-is {slot:<9} {_counts(self.unmapped[slot])}")
        if self.options:
            lines.append(f"option columns       {', '.join(f'{name}->{axis} x{n}' for (name, axis), n in self.options.most_common())}")
        if self.unused_columns:
            shown = ", ".join(self.unused_columns[:12])
            more = f" (+{len(self.unused_columns) - 12} more)" if len(self.unused_columns) > 12 else ""
            lines.append(f"columns not used     {shown}{more}")
        for note, count in sorted(self.notes.items()):
            lines.append(f"note                 {note} x{count}")
        lines += _listed("warning line", sorted(self.warnings, key=lambda e: e.line), "warnings")
        lines += _listed("skipped line", sorted(self.errors, key=lambda e: e.line), "skipped rows")
        return "\n".join(lines)


def _counts(counter: Counter, limit: int = 12) -> str:
    shown = ", ".join(f"{_one_line(str(value))} x{n}" for value, n in counter.most_common(limit))  # shop values: one line
    return shown + (f", ... ({len(counter) - limit} more)" if len(counter) > limit else "")


def _listed(prefix: str, items: Sequence[RowError], what: str) -> list[str]:
    lines = [f"{prefix} {item.line}: {item.reason}" for item in items[:SHOWN_LINES]]
    if len(items) > SHOWN_LINES:
        lines.append(f"... and {len(items) - SHOWN_LINES} more {what}")
    return lines


def canonical(slot: str, raw: str) -> str | None:
    """The canonical value for a shop's word, in the shopper vocabulary or the export-only one."""
    return canonical_value(slot, raw) or SHOP_SYNONYMS.get(slot, {}).get(normalize_text(raw))


def map_value(report: IngestReport, slot: str, raw: str) -> str:
    """Canonical value when there is one, else the shop's own word, counted for the summary."""
    vocab_slot = "color" if slot == "colors" else slot
    canon = canonical(vocab_slot, raw)
    if canon:
        if normalize_text(raw) != canon:
            report.mapped[slot][(raw.strip(), canon)] += 1
        return canon
    kept = normalize_text(raw)
    report.unmapped[slot][kept] += 1
    return kept


def map_tags(report: IngestReport, tags: Sequence[str]) -> dict[str, list[str]]:
    """Free-form tags that name a canonical value ("men", "linen", "long sleeve") as slot values."""
    found: dict[str, list[str]] = {}
    for tag in tags:
        for slot in TAG_SLOTS:
            canon = canonical(slot, tag)
            if canon:
                report.mapped[slot][(f"{tag.strip()} (tag)", canon)] += 1
                found.setdefault(slot, []).append(canon)
                break
    return found


def taxonomy_parts(raw: str) -> list[str]:
    """A category path split leaf first; a plain value is a path of one."""
    return [part.strip() for part in reversed(raw.split(">")) if part.strip()]


def split_list(value: object, separators: str = "|;/,") -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", str(value)) if part.strip()]


_MONEY = re.compile(
    r"\s*(?P<pre>[^\d\s.,+\-]{1,4}\.?)?\s*(?P<num>\d(?:[\d,.'\u00a0\u202f ]*\d)?)\s*(?P<post>[^\d\s.,+\-]{1,4})?\s*"
)
_SYMBOLS = {"€": "EUR", "£": "GBP"}


def parse_money(value: object) -> tuple[float | None, str | None]:
    """(amount, currency code) from "59.99", "$1,299.00", "15,50 EUR", "1.249,00 €"; blank is unknown.

    Anything else (words, formulas, negative numbers, absurd amounts) is an error.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        raise ValueError(f"price {value!r} is not a number")
    if isinstance(value, (int, float)):
        amount = float(value)
        if not 0 <= amount < MAX_PRICE:
            raise ValueError(f"price {value!r} is not a positive number below {MAX_PRICE:,.0f}")
        return amount, None
    text = str(value)
    match = _MONEY.fullmatch(text)
    if not match:
        raise ValueError(f"price {text[:40]!r} is not a positive number")
    number = re.sub(r"[\s'\u00a0\u202f]", "", match.group("num"))
    separators = [c for c in number if c in ",."]
    if separators:
        last = number.rfind(separators[-1])
        decimals = len(number) - last - 1
        if len(set(separators)) == 2 or (number.count(separators[-1]) == 1 and (separators[-1] == "." or decimals <= 2)):
            number = number[:last].replace(",", "").replace(".", "") + "." + number[last + 1:]
        else:
            number = number.replace(",", "").replace(".", "")
    amount = float(number)
    if amount >= MAX_PRICE:
        raise ValueError(f"price {text[:40]!r} is above {MAX_PRICE:,.0f}")
    currency = None
    for token in (match.group("pre"), match.group("post")):
        token = (token or "").strip(". ")
        if len(token) == 3 and token.isascii() and token.isalpha():
            currency = token.upper()
        elif token in _SYMBOLS:
            currency = _SYMBOLS[token]
    return amount, currency


def parse_stock(value: object) -> int | None:
    """A whole count ("12", "12.0", "-3"); blank is unknown."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d{1,10}(\.0*)?", text):
        raise ValueError(f"stock {text[:40]!r} is not a whole number")
    count = int(text.split(".")[0])
    if count > MAX_STOCK:
        raise ValueError(f"stock {text[:40]!r} is not a believable count")
    return count


def parse_bool(value: object) -> bool | None:
    text = normalize_text(str(value or ""))
    if text in ("true", "yes", "1", "y", "wahr", "vrai", "sí", "si"):
        return True
    if text in ("false", "no", "0", "n", "falsch", "faux"):
        return False
    return None


class _TextExtractor(HTMLParser):
    """Text content of HTML, without script/style bodies, with block boundaries kept."""

    SKIP = {"script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
             "section", "article", "table", "blockquote", "hr", "dd", "dt"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
        elif tag in self.BLOCK:
            self.blocks.append("")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in self.BLOCK:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        elif tag in self.BLOCK:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.blocks[-1] += data


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: no script/style content, entities decoded (control
    characters they spell removed), white space collapsed, block ends joined as sentences,
    and no "<" that could start markup."""
    if "<" not in markup and "&" not in markup:
        blocks = [markup]
    else:
        extractor = _TextExtractor()
        try:
            extractor.feed(markup)
            extractor.close()
            blocks = extractor.blocks
        except (AssertionError, ValueError):
            blocks = [html.unescape(re.sub(r"<[^>]*>?", " ", markup))]
    text = ""
    for block in (re.sub(r"\s+", " ", strip_controls(b)).strip() for b in blocks):
        if not block:
            continue
        if text and not re.search(r"[.!?:;,。！？：；]$", text):
            text += "."
        text += (" " if text else "") + block
    return re.sub(r"<+(?=[A-Za-z/!?])", "", text)


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", max(0, limit - 40))
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


def clean_text(report: IngestReport, value: object, limit: int, what: str) -> str:
    """A shop's text (title, description, brand) as safe plain text of at most `limit` characters."""
    text = html_to_text(str(value or ""))
    if len(text) > limit:
        report.notes[f"{what} longer than {limit} characters shortened"] += 1
        text = truncate(text, limit)
    return text


def split_colors(report: IngestReport, raw: str | None) -> list[str]:
    """Canonical colours of one variant; "Black/White" is a two-colour variant."""
    return [map_value(report, "colors", part) for part in split_list(raw, "/|")]


def unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def variants_for(colors: list[str], size: str | None, stock: int | None, sku: str | None,
                 price: float | None) -> list[Variant]:
    """One variant per colour it comes in (a black/white shirt is found as black and as white)."""
    sku = (sku or "").strip() or None
    return [Variant(color=c, size=size or None, stock=stock, sku=sku, price=price) for c in colors or [None]]
