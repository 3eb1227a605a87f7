"""The shop's own words, as the recogniser should expect to hear them.

They are given to the decoder as hot words (a prompt it reads before the clip), so that where the
sound allows both, "grey" and "beige" win over "great" and "base", "jeans" over "genes". Scoring each
heard word against its sound-alikes among the shop's words by forced alignment was tried as well and
taken back: on the dev half of the spoken real turns it lowered slot F1 (0.942 -> 0.906 for the neural
voice: scored after the prompt, "the black one" became "white black one") and took 0.5-1 s per clip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from catalog.vocabulary import CATEGORIES, COLORS, FITS, MATERIALS, PATTERNS, SIZES, STYLES

HOTWORD_BUDGET = 100    # decoder tokens: Whisper keeps half its 224-token context for the prompt
ECHO_RUN = 3            # this many hot words running in the prompt's order is the prompt read back, not speech
# what a shopper asks a shop to do, whatever it sells ("cart" is still often heard "card": 6 of the held-apart
# half's clips in bench.speech_understanding)
SHOP_ACTIONS = ("cart", "try on", "size", "price", "outfit")


@dataclass(frozen=True)
class ShopVocabulary:
    """The words a shopper is likeliest to say in this shop, most important first."""

    words: tuple[str, ...]

    @classmethod
    def for_catalog(cls, catalog: Any | None) -> "ShopVocabulary":
        """The canonical kinds, each followed by the kinds the shop adds to them, colours (and the shop's),
        letter sizes, what a shopper asks a shop to do, materials (and the shop's), fits, patterns and styles.
        The shop's brands are not among them: the words above already fill the budget."""
        sold = catalog.vocabulary() if catalog is not None else {}

        def with_shops(slot: str, canonical: tuple[str, ...]) -> tuple[str, ...]:
            return (*canonical, *sorted(set(sold.get(slot, ())) - set(canonical)))

        letters = tuple(size for size in SIZES if len(size) > 1)
        return cls((*with_shops("category", CATEGORIES), *with_shops("color", COLORS), *letters, *SHOP_ACTIONS,
                    *with_shops("material", MATERIALS), *FITS, *PATTERNS, *STYLES))

    def hotwords(self, count_tokens: Callable[[str], int]) -> str:
        """As many of the words as fit the decoder's prompt budget, counted by `count_tokens(text)`."""
        taken: list[str] = []
        for word in dict.fromkeys(self.words):
            if count_tokens(" ".join([*taken, word])) > HOTWORD_BUDGET:
                break
            taken.append(word)
        return " ".join(taken)


def echoes(text: str, hotwords: str) -> bool:
    """The decoder read its prompt back ("...in here t-shirt shirt blouse"): ECHO_RUN hot words in a row, in
    the prompt's order."""
    said = re.findall(r"[\w'-]+", text.lower())
    prompt = hotwords.lower().split()
    runs = {tuple(prompt[i:i + ECHO_RUN]) for i in range(len(prompt) - ECHO_RUN + 1)}
    return any(tuple(said[i:i + ECHO_RUN]) in runs for i in range(len(said) - ECHO_RUN + 1))
