"""How likely a word is to come next in what a shopper says to this shop: a class bigram model.

Each of the shop's words stands for its slot ("beige" is a colour), so that what is learnt of one colour
holds for all: "some genes" is unlikely where "some <kind of garment>" is common, whichever kind the
text had.
The counts come from sentences in the shop's own words (its product titles, and what shoppers are
known to say); a word they never hold is as likely as its frequency in general English (wordfreq),
which keeps "nice" and "great" likelier than a rare word that only sounds like a colour.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

START, END = "<s>", "</s>"
# the share of a word's probability taken from general English rather than the shop's sentences
GENERAL_SHARE = 0.3
RAREST = 1e-8     # the general frequency of a word wordfreq has never seen
SLOT_SMOOTHING = 0.1    # added to each shop word's count in its slot: one the shop never writes is seldom said
WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*|\d+", re.IGNORECASE)


def words_of(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The words of a text, lower-cased, with where each stands in it."""
    return [(match.group(0).lower(), match.span()) for match in WORD.finditer(text)]


@dataclass(frozen=True)
class ShopLanguage:
    slots: Mapping[str, str]          # a shop word -> its slot
    unigrams: Counter = field(repr=False)
    bigrams: Counter = field(repr=False)
    followers: Counter = field(repr=False)    # how many different tokens follow each token
    said: Counter = field(repr=False)          # how often each shop word itself was written
    slot_sizes: Counter = field(repr=False)
    slot_general: Mapping[str, float] = field(repr=False)
    total: int = 0

    @classmethod
    def learn(cls, slots: Mapping[str, str], sentences: Iterable[str]) -> "ShopLanguage":
        unigrams: Counter = Counter()
        bigrams: Counter = Counter()
        said: Counter = Counter()
        for sentence in sentences:
            words = [word for word, _ in words_of(sentence)]
            said.update(word for word in words if word in slots)
            tokens = [START, *(slots.get(word, word) for word in words), END]
            unigrams.update(tokens)
            bigrams.update(zip(tokens, tokens[1:]))
        followers = Counter(first for first, _ in bigrams)
        slot_general: Counter = Counter()
        for word, slot in slots.items():
            slot_general[slot] += general_frequency(word)
        return cls(dict(slots), unigrams, bigrams, followers, said, Counter(slots.values()), dict(slot_general),
                   sum(unigrams.values()))

    def log_prob(self, previous: str, word: str) -> float:
        """log P(word | previous word): the slot's after the previous word's slot (Witten-Bell, backed off to
        the unigram), times the word's share of its slot (counts plus SLOT_SMOOTHING)."""
        token, before = self.slots.get(word, word), self.slots.get(previous, previous)
        seen, kinds = self.unigrams[before], self.followers[before]
        unigram = self._unigram(token)
        bigram = (self.bigrams[(before, token)] + kinds * unigram) / (seen + kinds) if seen else unigram
        if token == word:
            return math.log(bigram)
        share = (self.said[word] + SLOT_SMOOTHING) / (self.unigrams[token] + SLOT_SMOOTHING * self.slot_sizes[token])
        return math.log(bigram) + math.log(share)

    def _unigram(self, token: str) -> float:
        general = 0.0 if token in (START, END) else self.slot_general.get(token) or general_frequency(token)
        return (1 - GENERAL_SHARE) * self.unigrams[token] / max(self.total, 1) + GENERAL_SHARE * general


@functools.lru_cache(maxsize=65536)
def general_frequency(word: str) -> float:
    from wordfreq import word_frequency

    return word_frequency(word, "en") + RAREST
