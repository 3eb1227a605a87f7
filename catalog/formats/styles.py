"""The widely used fashion-product layout: id, gender, masterCategory, subCategory, articleType,
baseColour, season, year, usage, productDisplayName; one row a product, no price or stock."""

from __future__ import annotations

from catalog.formats.common import TITLE_CHARS, Candidate, ImageWant, IngestReport, clean_text, map_value
from catalog.shop_types import choose_category
from catalog.vocabulary import normalize_text

HEADER = ("id", "gender", "masterCategory", "subCategory", "articleType", "baseColour",
          "season", "year", "usage")
USED = {*HEADER, "productDisplayName"}
# Kaggle-style usage column -> (style, occasion).
USAGE_MAP = {
    "casual": ("casual", "everyday"), "formal": ("formal", "work"), "sports": ("sporty", "sport"),
    "smart casual": ("casual", "work"), "party": ("elegant", "party"), "travel": ("casual", "travel"),
}


def candidate(line: int, record: dict, report: IngestReport) -> Candidate:
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
    title = title or _title(gender_raw, colour_raw, article)
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


def _title(gender: str, colour: str, article: str) -> str:
    who = {"men": "Men's", "women": "Women's", "boys": "Boys'", "girls": "Girls'"}.get(normalize_text(gender), gender)
    return " ".join(part for part in (who, colour, article) if part)


