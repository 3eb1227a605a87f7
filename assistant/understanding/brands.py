"""A brand the shop does not carry, named after "from", "by" or "brand" ("anything from North Lodge?", "by the brand
Art Den", "only the brand Art Den") or just before a garment ("any Global Voyager hoodies?"): said back to the
shopper, never searched for.

The shop's own brands are lexicon terms (`Lexicon.build`). A name in capitals there, none of whose words the lexicon
reads as an attribute, is a brand too, one the shop lacks: searched without it, the list came back as if it answered
the brand.
"""

from __future__ import annotations

import calendar

from assistant.understanding.reading import Reading

BRAND_CUES = frozenset({"from", "by"})
BRAND_WORDS = frozenset({"brand", "label"})   # "by the brand Downtown Consignment": the name comes after it
NAME_JOINERS = frozenset({"&", "and", "of", "the"})   # inside a name: "Coats & More", "The Vegan Baker"
# where the shopper is from ("I'm from London", "I come from Leeds"), not what the garment is from
BEING = frozenset({"am", "i'm", "im", "live", "lives", "come", "comes", "came"})   # "it is from X": X made it
# "by Monday", "from March": a date, not a brand
DATES = frozenset(name.lower() for name in (*calendar.day_name, *calendar.month_name) if name)
NAME_MOST = 40   # characters: a longer "name" is pasted text or keyboard mash, never said back as a shop's brand
# a name just before a garment is a brand from this many words: one word in capitals there is often only the
# sentence's first ("Nice coats!") or an adjective of place ("Hawaiian shirts")
NAME_BEFORE_GARMENT = 2
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})


def unknown_brand(r: Reading) -> str | None:
    """The first name said as a brand the lexicon does not know, as written; None when there is none."""
    tokens = r.tokens.tokens
    read = {k for m in r.mentions for k in range(m.start, m.end)} | set(r.masked)
    for i, token in enumerate(tokens):
        if token.text in BRAND_WORDS:   # "narrow it down to the brand Art Den"
            start = i + 1
        elif token.text in BRAND_CUES and not (i > 0 and tokens[i - 1].text in BEING):
            start = _past_brand_word(r, i + 1)
        else:
            continue
        said = _said(r, _trimmed(r, _name(r, range(start, len(tokens)), read)))
        if said is not None:
            return said
    for mention in r.mentions:
        if mention.slot != "category":
            continue
        name = _trimmed(r, _name(r, range(mention.start - 1, -1, -1), read))
        if not name:
            continue
        # at a sentence's start every word is in capitals: one word more ("Nice Blue coats" is no brand)
        opens = name[0] == 0 or tokens[name[0] - 1].text in SENTENCE_ENDS
        words = [k for k in name if tokens[k].text not in NAME_JOINERS]
        said = _said(r, name)
        if len(words) >= NAME_BEFORE_GARMENT + opens and said is not None:
            return said
    return None


def _past_brand_word(r: Reading, k: int) -> int:
    """Where a name begins at token `k`, past "the brand" or "brand" said before it."""
    words = [t.text for t in r.tokens.tokens[k:k + 2]]
    if words[:1] and words[0] in BRAND_WORDS:
        return k + 1
    return k + 2 if words[:1] == ["the"] and words[1:] and words[1] in BRAND_WORDS else k


def _name(r: Reading, places: range, read: set[int]) -> list[int]:
    """The tokens of a name in capitals met walking `places` (joiners inside it, and a number that begins it: "212
    Local"), none the lexicon reads."""
    tokens, name = r.tokens.tokens, []

    def capital(k: int) -> bool:
        return k < len(tokens) and tokens[k].is_word and tokens[k].raw[:1].isupper() and tokens[k].raw != "I"

    for k in places:
        if k in read or tokens[k].text in DATES:
            break
        leading_number = tokens[k].raw.isdigit() and capital(k + 1)
        if not (capital(k) or tokens[k].text in NAME_JOINERS or leading_number):
            break
        name.append(k)
    return name


def _trimmed(r: Reading, name: list[int]) -> list[int]:
    """A name's tokens in order, joiners at its end left off, and at its start those not in capitals ("a the North
    Lodge coat" is North Lodge's; "The Vegan Baker" is the name)."""
    tokens, ordered = r.tokens.tokens, sorted(name)
    while ordered and tokens[ordered[-1]].text in NAME_JOINERS:
        ordered.pop()
    while ordered and tokens[ordered[0]].text in NAME_JOINERS and not tokens[ordered[0]].raw[:1].isupper():
        ordered.pop(0)
    return ordered


def _said(r: Reading, name: list[int]) -> str | None:
    """A `_trimmed` name as written; None when no word of it is in capitals or it is too long to be a brand's."""
    tokens = r.tokens.tokens
    said = " ".join(tokens[k].raw for k in name)
    if name and len(said) <= NAME_MOST and any(tokens[k].raw[:1].isupper() for k in name):
        return said
    return None
