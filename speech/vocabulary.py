"""The shop's own words, as the recogniser should expect to hear them.

They are given to the decoder as hot words (a prompt it reads before the clip), so that where the
sound allows both, "grey" and "beige" win over "great" and "base", "jeans" over "genes". Scoring each
heard word against its sound-alikes among the shop's words by forced alignment was tried as well and
taken back: on the dev half of the spoken real turns it raised the word error rate (0.135 -> 0.167)
and doubled the hearing time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from catalog.vocabulary import CATEGORIES, COLORS, FITS, MATERIALS, PATTERNS, SIZES, STYLES

HOTWORD_BUDGET = 100    # decoder tokens: Whisper keeps half its 224-token context for the prompt
ECHO_RUN = 3            # this many hot words running in the prompt's order is the prompt read back, not speech
# what a shopper asks a shop to do, whatever it sells ("add it to my cart" was heard "card" without it)
SHOP_ACTIONS = ("cart", "try on", "size", "price", "outfit")


@dataclass(frozen=True)
class ShopVocabulary:
    """The words a shopper is likeliest to say in this shop, most important first."""

    words: tuple[str, ...]

    @classmethod
    def for_catalog(cls, catalog: Any | None) -> "ShopVocabulary":
        """The canonical kinds, colours, letter sizes, what a shopper asks a shop to do, materials, fits, patterns
        and styles, then the kinds, colours and materials the shop adds to them, then its brands (as many as the
        budget has room for)."""
        sold = catalog.vocabulary() if catalog is not None else {}
        own = [value for slot in ("category", "color", "material") for value in sorted(sold.get(slot, ()))]
        brands = sorted({product.brand for product in catalog.rows if product.brand}) if catalog is not None else []
        letters = [size for size in SIZES if len(size) > 1]
        return cls((*CATEGORIES, *COLORS, *letters, *SHOP_ACTIONS, *MATERIALS, *FITS, *PATTERNS, *STYLES, *own, *brands))

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
