"""A brand the shop does not carry, named after "from" or "by" ("anything from North Lodge?"): said back to the
shopper, never searched for.

The shop's own brands are lexicon terms (`Lexicon.build`). A name in capitals after "from" or "by", none of whose
words the lexicon reads as an attribute, is a brand too, one the shop lacks: searched without it, the list came back
as if it answered the brand.
"""

from __future__ import annotations

import calendar

from assistant.understanding.reading import Reading

BRAND_CUES = frozenset({"from", "by"})
NAME_JOINERS = frozenset({"&", "and", "of", "the"})   # inside a name: "Coats & More", "The Vegan Baker"
# where the shopper is from ("I'm from London", "I come from Leeds"), not what the garment is from
BEING = frozenset({"am", "i'm", "im", "live", "lives", "come", "comes", "came"})   # "it is from X": X made it
# "by Monday", "from March": a date, not a brand
DATES = frozenset(name.lower() for name in (*calendar.day_name, *calendar.month_name) if name)
NAME_MOST = 40   # characters: a longer "name" is pasted text or keyboard mash, never said back as a shop's brand


def unknown_brand(r: Reading) -> str | None:
    """The first name said as a brand the lexicon does not know, as written; None when there is none."""
    tokens = r.tokens.tokens
    read = {k for m in r.mentions for k in range(m.start, m.end)} | set(r.masked)
    for i, token in enumerate(tokens):
        if token.text not in BRAND_CUES or (i > 0 and tokens[i - 1].text in BEING):
            continue
        name: list[int] = []
        for k in range(i + 1, len(tokens)):
            if k in read or tokens[k].text in DATES:
                break
            capital = tokens[k].is_word and tokens[k].raw[:1].isupper() and tokens[k].raw != "I"
            if not (capital or tokens[k].text in NAME_JOINERS):
                break
            name.append(k)
        while name and tokens[name[-1]].text in NAME_JOINERS:
            name.pop()
        said = " ".join(tokens[k].raw for k in name)
        if len(said) <= NAME_MOST and any(tokens[k].raw[:1].isupper() and tokens[k].text not in NAME_JOINERS
                                          for k in name):
            return said
    return None
