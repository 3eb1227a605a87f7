"""Whether words sent with a photo of someone point at what that person wears.

"Find this in blue", "a jacket like his", "同款" ask for the garment in the photo; "show me long-sleeved blouses" names
a garment of its own and points at nothing in the photo, which is then the shopper's, kept to try on. Asking for one
alike ("anything like this?", "what she's wearing, in red", "同款") is a search by the photo whatever else the words
read as, and so is asking for a version of it ("does this come in blue?", "这件有蓝色的吗"), which reads as a question.
A demonstrative points only where it stands for a garment (said last, before "one", a garment word or what is asked of
it: "this in blue", "that jacket") or is asked about ("does this come in red?"), not where it starts a clause
("blouses that aren't see-through") or names a time ("for this summer"); "it" points only when the words name no
garment of their own ("find it in red", not "a dress, make it long"); "his", "her" or "their" point when a garment
they own follows ("her red dress", not "a dress for her"). A garment the words say is worn with the one asked for
("a blouse to wear with these trousers") is not pointed at for a search, however it is named.
"""

from __future__ import annotations

import re

from assistant.understanding.cues import HAVE_CUES, LIKE_SHOWN, LIKE_WORN, OWN_CUES, THE_PHOTO, ZH_THIS
from assistant.understanding.reading import Reading

DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
STAND_INS = frozenset({"it", "them"})
# what may follow a demonstrative standing for a garment: the end, "one(s)", or what is asked of it ("this in blue",
# "that but cheaper", "this for a wedding", "these with a longer hem")
AFTER_STANDING_FOR = frozenset({"one", "ones", "in", "but", "with", "for", "please", "pls", "?", "!", ".", ",", "again"})
POSSESSIVES = frozenset({"his", "her", "their"})
ASKING = frozenset({"does", "do", "is", "are", "can", "could", "will", "would"})   # "does this come in…", "is that silk?"
OWNED_WITHIN = 3   # words from a possessive to the garment it owns ("her long red dress")
# words before a garment another is to be worn with ("to go with", "match"), not those saying the shopper has it
WORN_WITH = tuple(cue for cue in OWN_CUES if cue not in HAVE_CUES)
ZH_WORN_WITH = ("配", "搭")   # "配这条裤子的上衣": a top to go with these trousers
# what words pointing at the photo may ask of the garment in it, whatever act they read as ("does this come in blue?",
# "is this silk?" read as questions): a version of that garment to find, not advice on how it looks
GARMENT_VERSIONS = ("color", "size", "material", "pattern", "sleeve")
ZH_POINTING = re.compile(ZH_THIS + "|[这那][套条双]")   # and by the words counting an outfit, a skirt or trousers, a pair


def asks_for_a_version(stated: dict[str, tuple[str, ...]]) -> bool:
    return any(stated.get(slot) for slot in GARMENT_VERSIONS)


def asks_alike(reading: Reading) -> bool:
    return bool(LIKE_SHOWN.search(reading.text) or LIKE_WORN.search(reading.text))


def points_at_photo(reading: Reading, category_words: frozenset[str], names_garment: bool) -> bool:
    text, words = reading.text, reading.words
    if asks_alike(reading) or THE_PHOTO.search(text) or any(not text[:m.start()].endswith(ZH_WORN_WITH)
                                                            for m in ZH_POINTING.finditer(text)):
        return True
    if not names_garment and not STAND_INS.isdisjoint(words):
        return True
    return any(w in DEMONSTRATIVES and (_stands_for_garment(words[i + 1:], category_words)
                                        or i > 0 and words[i - 1] in ASKING)
               or w in POSSESSIVES and not category_words.isdisjoint(words[i + 1:i + 1 + OWNED_WITHIN])
               for i, w in enumerate(words) if not _worn_with(words, i))


def _worn_with(words: tuple[str, ...], i: int) -> bool:
    """Whether the word at `i` follows words saying it is worn with what is asked for ("to wear with these trousers",
    "to go with her skirt")."""
    return any(words[max(0, i - len(cue)):i] == cue for cue in WORN_WITH)


def _stands_for_garment(after: tuple[str, ...], category_words: frozenset[str]) -> bool:
    return not after or after[0] in AFTER_STANDING_FOR or after[0] in category_words
