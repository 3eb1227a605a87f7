"""The shop's own garment types and audiences, read from its classification and related to the vocabulary.

A shop files products under its own types ("Track Pants", "Kurtas", "Tops") and audiences
(boys, girls, kids). Each type is kept as the product's `kind` and related to the canonical
category that try-on and broad queries use, so a shopper naming the type gets that type and
one naming the category gets all its kinds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from catalog.formats.common import FALLBACK_CATEGORY, IngestReport, canonical, map_value, taxonomy_parts
from catalog.synonyms import SHOP_SYNONYMS, SYNONYMS
from catalog.vocabulary import (CATEGORY_GROUPS, CHILD_AUDIENCES, FINE_TYPES, fine_type, inflections, normalize_text,
                                stand_in)

_SLEEVE_PHRASES = sorted((k for k in SYNONYMS["sleeve"] if re.search(r"[ -]", k)), key=len, reverse=True)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_CJK_TYPE_WORDS = [
    key for key in (*SYNONYMS["category"], *SHOP_SYNONYMS["category"], *(w for _, words in FINE_TYPES.values() for w in words))
    if _CJK.search(key)
]


@functools.lru_cache(maxsize=8192)
def read_type(word: str) -> tuple[str, str] | None:
    """(kind, category) for a garment word the vocabulary knows, else None.

    A category or a plain synonym of one is its own kind ("Tshirts" are t-shirts); a fine
    type keeps its name and is related to its category ("Track Pants" are trousers); a broad
    word keeps its name and stands in as its group's category ("Tops" are tops). Cached: a
    title's every one-, two- and three-word phrase is read, and shops repeat their words.
    """
    key = normalize_text(word)
    for form in sorted(inflections(key), key=len, reverse=True):
        canon = canonical("category", form)
        if canon:
            return canon, stand_in(canon)
    name = fine_type(key)
    return (name, stand_in(name)) if name else None


def category_from_title(title: str) -> tuple[str, tuple[str, str]] | None:
    """(word, (kind, category)) for the last garment word in a title: "Linen Shirt Dress" is a dress.

    Sleeve phrases are removed first so "Shirt, short sleeve" is not read as shorts.
    """
    text = normalize_text(title)
    for phrase in _SLEEVE_PHRASES:
        text = text.replace(phrase, " ")
    found: list[tuple[int, int, str, tuple[str, str]]] = []
    tokens = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:[-'][^\W_]+)*", text)]
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            phrase = " ".join(t[0] for t in tokens[i:i + size])
            reading = read_type(phrase)
            if reading:
                found.append((tokens[i + size - 1][2], size, phrase, reading))
    for key in _CJK_TYPE_WORDS:
        at = text.rfind(key)
        if at >= 0:
            found.append((at + len(key), len(key), key, read_type(key)))
    if not found:
        return None
    _, _, word, reading = max(found)
    return word, reading


def choose_category(report: IngestReport, hints: Sequence[tuple[str, str]], title: str) -> tuple[str, str]:
    """(category, kind): the shop's own type from its classification, related to a canonical category.

    `hints` are (column, value) pairs in priority order; taxonomy paths ("Apparel > Topwear >
    Kurtas") are read leaf first. The first leaf the vocabulary knows gives both. A leaf it
    does not know is kept as the shop's type and related to what its ancestors or the title
    name ("Kurtas" under "Topwear" are tops); with neither it is its own category. A broad
    type ("Tops") is narrowed by a garment of its group the title names.
    """
    paths = [(column, taxonomy_parts(raw)) for column, raw in hints]
    paths = [(column, parts) for column, parts in paths if parts]
    for column, parts in paths:
        reading = read_type(parts[0])
        if reading:
            return _related(report, (parts[0], column), reading[0], reading, title)
    from_title = category_from_title(title)
    if not paths:
        if from_title:
            word, reading = from_title
            return _related(report, (word, "title"), reading[0], reading, title)
        report.unmapped["category"][f"{FALLBACK_CATEGORY} (no type given)"] += 1
        return FALLBACK_CATEGORY, FALLBACK_CATEGORY
    column, parts = paths[0]
    kind = normalize_text(parts[0])
    for ancestor_column, ancestors in paths:
        for part in ancestors[1:]:
            reading = read_type(part)
            if reading:
                return _related(report, (parts[0], f"under {part} in {ancestor_column}"), kind, reading, title)
    # A flat type the vocabulary does not know ("Joggers") is read from the title; one filed under
    # ancestors that are no garment words ("Footwear > Shoes") is outside clothing: "Denim Casual
    # Shoes" are shoes, not jeans.
    filed = any(len(ancestors) > 1 for _, ancestors in paths)
    if from_title and not filed:
        word, reading = from_title
        return _related(report, (parts[0], f"{column}; {word} in the title"), kind, reading, title)
    kept = map_value(report, "category", parts[0])
    return kept, kept


def _related(report: IngestReport, source: tuple[str, str], kind: str, reading: tuple[str, str],
             title: str) -> tuple[str, str]:
    """(category, kind) for a reading of the shop's (word, where), a broad group narrowed to the
    member garment the title names; the mapping is counted for the summary."""
    group = reading[0] if reading[0] in CATEGORY_GROUPS else FINE_TYPES.get(reading[0], ("",))[0]
    category = reading[1]
    if group in CATEGORY_GROUPS:
        named = category_from_title(title)
        if named and named[1][1] in CATEGORY_GROUPS[group][0]:
            category = named[1][1]
    word, where = source
    if normalize_text(word) != category:
        report.mapped["category"][(f"{word} ({where})", category)] += 1
    return category, kind


def audience(report: IngestReport, gender: str | None, age_group: str | None) -> str | None:
    """Who a product is for, from a gender and an age group ("male" + "kids" is boys)."""
    who = map_value(report, "gender", gender) if gender else None
    age = canonical("gender", age_group) if age_group else None
    if age in CHILD_AUDIENCES and who not in CHILD_AUDIENCES:
        child = next((c for c, adult in CHILD_AUDIENCES.items() if adult == who), age)
        report.mapped["gender"][(f"{gender or ''} {age_group}".strip(), child)] += 1
        return child
    return who
