"""A kind of garment the shopper asks for that the shop has no category for ("white sneakers under
80", "what shoes go with it?").

Searched for anyway, such a request matched on its other words only (white shorts and sweaters
under $80 for sneakers), and the list read as the shop's answer. A word names such a garment only
where the shopper asks for it: not a piece they would wear with the product ("with sneakers"), not
what they already have ("I'm wearing a navy suit"), and not when the words also name one of the
shop's categories ("a white shirt for my suit").
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understanding.cues import OWN_CUES, POSSESSIVES
from assistant.understanding.phrases import UNLISTED_GARMENTS
from assistant.understanding.pieces import PAIRING_REACH, PAIRING_WORDS
from assistant.understanding.scopes import OWN_REACH, POSSESSIVE_REACH
from catalog.vocabulary import inflections


def _not_asked(words: Sequence[str], k: int) -> bool:
    """Whether the word at `k` is said as a piece to wear with something ("with sneakers") or as the
    shopper's own ("my sneakers", "I have a suit")."""
    if not PAIRING_WORDS.isdisjoint(words[max(0, k - PAIRING_REACH):k]):
        return True
    if not POSSESSIVES.isdisjoint(words[max(0, k - POSSESSIVE_REACH):k]):
        return True
    return any(tuple(words[i:i + len(cue)]) == cue for cue in OWN_CUES for i in range(max(0, k - OWN_REACH), k))


def unsold(words: Sequence[str], names_category: bool, categories: set[str]) -> str | None:
    """The first garment in `words` (a message's words, folded) asked for that is none of the shop's
    `categories`; None when the words name a category (`names_category`)."""
    if names_category:
        return None
    return next((w for k, w in enumerate(words)
                 if w in UNLISTED_GARMENTS and w not in categories and not _not_asked(words, k)), None)


def in_plural(word: str, lang: str) -> str:
    """The unsold garment said of the kind, as "this shop doesn't sell suits" says it (the shopper's "a new suit"
    was said back as "doesn't sell suit"): in English its plural where it is one of the words known, else (and in
    Chinese, which has none) as it was said."""
    forms = {f for f in inflections(word) | {word[:-1] + "ves"} if f in UNLISTED_GARMENTS} if lang == "en" else ()
    return max(forms, key=len) if forms else word
