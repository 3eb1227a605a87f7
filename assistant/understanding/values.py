"""Stage 3: the constraints the words state, as `SlotChanges`, whatever the act turns out to be.

Every value comes from a lexicon hit on the shopper's own words, so nothing is invented.
A hit inside a negation scope is an exclusion; one describing what the shopper owns, or
pointing at a shown product (left out by `reading`), is nothing; "forget the slim fit"
drops a value; "any colour" clears a slot; "cheaper", "a size up" move a bound.
"""

from __future__ import annotations

import re

from catalog.vocabulary import LIST_SLOTS

from assistant.understanding import phrases
from assistant.understanding.cues import (ADDITIVE, CHEAPER, CLEAR_PATTERNS, DROP_VALUE, MOTIFS, PRICIER, PRINT_GAP,
                                          PRINT_ON, PRINT_REACH, SIZE_DOWN, SIZE_UP)
from assistant.understanding.lexicon import Mention
from assistant.understanding.model import SlotChanges
from assistant.understanding.reading import Reading
from assistant.understanding.references import CONJUNCTIONS
from assistant.understanding.scopes import negated, owned
from assistant.understanding.sizes import sizes

# "drop the linen": the value named at most this many tokens after the verb phrase.
DROP_REACH = 1
_FOR_RELATION = re.compile(r"\bfor (?:my |his |her |a |the |our )?([a-z]+)\b")
_GIFT_VERB = re.compile(r"\b(?:get|getting|buy|buying|gift|gifting|find|order|grab|pick|surprise)\s+(him|her)\b")
_OCCASION_OF = re.compile(
    r"\b(?:my|our)\s+([a-z]+)'s\s+(?:birthday|bday|anniversary|christmas|xmas|present|gift)\b(?!\s+party)"
)
_FOR_RELATION_ZH = re.compile(
    r"(?:给|帮|替|送)(?:我)?(?:的)?(男朋友|女朋友|老公|老婆|爸爸|妈妈|老爸|老妈|哥哥|弟弟|姐姐|妹妹|儿子|女儿|男友|女友|爸|妈)"
)


def stated(r: Reading, category_words: frozenset[str]) -> SlotChanges:
    """Everything the message states about the request."""
    text = r.text
    values, exclude = _slot_values(r)
    remove = _dropped(r, values)
    for slot in remove:
        values.pop(slot, None)
    said_sizes = sizes(r, category_words)
    if said_sizes:
        values["size"] = (said_sizes[0],)
    clear = {slot for pattern, slots in CLEAR_PATTERNS if pattern.search(text) for slot in slots}
    has_price = r.min_price is not None or r.max_price is not None
    clear = {s for s in clear if s not in values and not (s in ("min_price", "max_price") and has_price)}
    price_move = None
    if r.max_price is None and CHEAPER.search(text):
        price_move = "lower"
    elif r.min_price is None and PRICIER.search(text):
        price_move = "higher"
    size_move = 1 if SIZE_UP.search(text) else -1 if SIZE_DOWN.search(text) else 0
    additive = frozenset(s for s in values if s in LIST_SLOTS) if ADDITIVE.search(text) else frozenset()
    return SlotChanges(
        values=values, additive=additive, exclude=exclude, clear=frozenset(clear), remove=remove,
        min_price=r.min_price, max_price=r.max_price, price_move=price_move, size_move=size_move,
    )


def request_only(r: Reading, category_words: frozenset[str]) -> SlotChanges:
    """The values, exclusions, sizes and prices of a fresh request ("start over, a yellow skirt")."""
    values, exclude = _slot_values(r)
    said_sizes = sizes(r, category_words)
    if said_sizes:
        values["size"] = (said_sizes[0],)
    return SlotChanges(values=values, exclude=exclude, min_price=r.min_price, max_price=r.max_price)


def _slot_values(r: Reading) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    mentions = owned(r)
    neg = negated(r, mentions)
    positive: dict[str, list[str]] = {}
    excluded: dict[str, list[str]] = {}
    keep_category = _pick_category([m for m in mentions if m.slot == "category" and id(m) not in neg])
    colors = [m for m in mentions if m.slot == "color" and id(m) not in neg]
    # a compound's tail ("blue" of "navy blue") and a print's colours are not colours of the garment
    not_garment_colours = {id(b) for a, b in zip(colors, colors[1:]) if a.end == b.start}
    not_garment_colours |= _print_colours(r, colors, mentions)
    for m in mentions:
        if id(m) in neg:
            bucket = excluded.setdefault(m.slot, [])
        elif (m.slot == "category" and m is not keep_category) or id(m) in not_garment_colours:
            continue
        else:
            bucket = positive.setdefault(m.slot, [])
        if m.value not in bucket:
            bucket.append(m.value)
    for gender in _relation_gender(r):
        positive.setdefault("gender", [gender])
    if len(positive.get("pattern", ())) > 1 and "graphic" in positive["pattern"]:
        if any(m.term in ("print", "printed", "prints") for m in mentions if m.slot == "pattern"):
            positive["pattern"].remove("graphic")
    for slot, vals in excluded.items():
        if slot in positive:
            positive[slot] = [v for v in positive[slot] if v not in vals]
            if not positive[slot]:
                del positive[slot]
    values = {slot: tuple(v) if slot in LIST_SLOTS else (v[0],) for slot, v in positive.items() if v}
    return values, {slot: tuple(v) for slot, v in excluded.items()}


def _print_colours(r: Reading, colors: list[Mention], mentions: list[Mention]) -> set[int]:
    """Colours that describe the print, not the garment: "light blue with small white flowers" is a light blue
    garment; white here would also bring white dresses with green flowers. Read right to left, so that "blue and
    white flowers" gives the print both."""
    motifs = [m for m in mentions if m.slot == "pattern" and m.value in MOTIFS]
    joiners = CONJUNCTIONS | {","}
    printed: list[Mention] = []
    for colour in reversed(colors):
        before_motif = any(colour.end <= motif.start <= colour.end + PRINT_GAP
                           and not joiners & set(r.words[colour.end:motif.start]) for motif in motifs)
        joined = any(other.start == colour.end or other.start == colour.end + 1 and r.words[colour.end] in joiners
                     for other in printed)
        if (before_motif or joined) and PRINT_ON & set(r.words[max(0, colour.start - PRINT_REACH):colour.start]):
            printed.append(colour)
    return {id(colour) for colour in printed}


def _dropped(r: Reading, values: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """"forget the slim fit", "drop the linen": take a value back without excluding it."""
    out: dict[str, list[str]] = {}
    for m in DROP_VALUE.finditer(r.text):
        start = r.tokens.index_at(m.end())
        for mention in r.mentions:
            if start <= mention.start <= start + DROP_REACH and mention.value in values.get(mention.slot, ()):
                out.setdefault(mention.slot, []).append(mention.value)
    return {slot: tuple(v) for slot, v in out.items()}


def _pick_category(mentions: list[Mention]) -> Mention | None:
    """The garment asked for: a strong term before a weak one; in a compound the head noun."""
    if not mentions:
        return None
    pool = [m for m in mentions if m.term not in phrases.WEAK_CATEGORY_TERMS] or mentions
    pool = [m for k, m in enumerate(pool)
            if not (m.term == "dress" and k + 1 < len(pool) and pool[k + 1].start == m.end)] or pool
    chain = pool[0]
    for m in pool[1:]:
        if m.start == chain.end:   # "jean jacket", "dress shirt": the head noun is last
            chain = m
    return chain


def _relation_gender(r: Reading) -> list[str]:
    """Who it is for: "for my boyfriend", "get her a hoodie", "给我女朋友"."""
    out = []
    for m in _FOR_RELATION.finditer(r.text):
        gender = phrases.RELATION_GENDER.get(m.group(1))
        if gender and (m.group(1) not in ("her", "him") or m.group(0) in ("for her", "for him")):
            out.append(gender)
    out += [phrases.RELATION_GENDER[m.group(1)] for m in _GIFT_VERB.finditer(r.text)]
    out += [phrases.RELATION_GENDER[m.group(1)] for m in _OCCASION_OF.finditer(r.text)
            if m.group(1) in phrases.RELATION_GENDER]
    out += [phrases.RELATION_GENDER[m.group(1)] for m in _FOR_RELATION_ZH.finditer(r.tokens.folded)]
    return out
