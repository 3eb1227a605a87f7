"""The shop's own words, as the recogniser should expect to hear them.

They are given to the decoder as hot words (a prompt it reads before the clip), so that where the
sound allows both, "grey" and "beige" win over "great" and "base", "jeans" over "genes". Scoring each
heard word against its sound-alikes among the shop's words by forced alignment was tried as well and
taken back: on the dev half of the spoken real turns it lowered slot F1 (0.942 -> 0.906 for the neural
voice: scored after the prompt, "the black one" became "white black one") and took 0.5-1 s per clip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from catalog.synonyms import SYNONYMS
from catalog.vocabulary import CATEGORIES, COLORS, FINE_TYPES, FITS, MATERIALS, PATTERNS, SIZES, STYLES
from speech.shop_language import WORD

HOTWORD_BUDGET = 100    # decoder tokens: Whisper keeps half its 224-token context for the prompt
ECHO_RUN = 3            # this many hot words running in the prompt's order is the prompt read back, not speech
# what a shopper asks a shop to do, whatever it sells ("cart" is still often heard "card": 6 of the held-apart
# half's clips in bench.speech_understanding)
SHOP_ACTIONS = ("cart", "try on", "size", "price", "outfit")
# the slots whose values a shopper names, with their canonical words
SLOT_WORDS: dict[str, tuple[str, ...]] = {
    "category": (*CATEGORIES, *FINE_TYPES), "color": COLORS, "material": MATERIALS, "fit": FITS,
    "pattern": PATTERNS, "style": STYLES, "size": SIZES}


@dataclass(frozen=True)
class ShopVocabulary:
    """The words a shopper is likeliest to say in this shop, most important first (`words`, the hot words);
    every one-word form of a shop word with its slot (`slots`: canonical, the shop's, synonyms, plurals of
    kinds), and the shop's product titles, its words in the order it writes them."""

    words: tuple[str, ...]
    slots: Mapping[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()

    @classmethod
    def for_catalog(cls, catalog: Any | None) -> "ShopVocabulary":
        """The canonical kinds, each followed by the kinds the shop adds to them, colours (and the shop's),
        letter sizes, what a shopper asks a shop to do, materials (and the shop's), fits, patterns and styles.
        The shop's brands are not among them: the words above already fill the budget."""
        sold = catalog.vocabulary() if catalog is not None else {}

        def with_shops(slot: str, canonical: tuple[str, ...]) -> tuple[str, ...]:
            return (*canonical, *sorted(set(sold.get(slot, ())) - set(canonical)))

        letters = tuple(size for size in SIZES if len(size) > 1)
        words = (*with_shops("category", CATEGORIES), *with_shops("color", COLORS), *letters, *SHOP_ACTIONS,
                 *with_shops("material", MATERIALS), *FITS, *PATTERNS, *STYLES)
        titles = tuple(product.title for product in catalog.rows) if catalog is not None else ()
        return cls(words, word_slots(sold), titles)

    def hotwords(self, count_tokens: Callable[[str], int]) -> str:
        """As many of the words as fit the decoder's prompt budget, counted by `count_tokens(text)`."""
        taken: list[str] = []
        for word in dict.fromkeys(self.words):
            if count_tokens(" ".join([*taken, word])) > HOTWORD_BUDGET:
                break
            taken.append(word)
        return " ".join(taken)


def word_slots(sold: Mapping[str, Any]) -> dict[str, str]:
    """Each one-word form a shopper may say of a slot's value, with the slot; a word of what a shopper asks a shop
    to do is a slot of its own ("my cart" is not "my size"). Single letters ("S", "M") are left out: a letter's
    name is read as a size already, and any short word sounds like one."""
    slots: dict[str, str] = {}
    for slot, canonical in SLOT_WORDS.items():
        for value in (value.lower() for value in (*canonical, *sold.get(slot, ()), *SYNONYMS.get(slot, {}))):
            plural = slot == "category" and not value.endswith("s")
            for form in (value, value + "s") if plural else (value,):
                if len(form) > 1 and WORD.fullmatch(form):
                    slots.setdefault(form, slot)
    slots.update((word, word) for word in SHOP_ACTIONS if WORD.fullmatch(word))
    return slots


def echoes(text: str, hotwords: str) -> bool:
    """The decoder read its prompt back ("...in here t-shirt shirt blouse"): ECHO_RUN hot words in a row, in
    the prompt's order."""
    said = re.findall(r"[\w'-]+", text.lower())
    prompt = hotwords.lower().split()
    runs = {tuple(prompt[i:i + ECHO_RUN]) for i in range(len(prompt) - ECHO_RUN + 1)}
    return any(tuple(said[i:i + ECHO_RUN]) in runs for i in range(len(said) - ECHO_RUN + 1))
