"""Chinese matched by its characters, each weighted by how rare it is among the documents it is matched against.

MiniLM reads no Chinese, so a Chinese question is matched to each fact's Chinese words (its text and the questions it
answers, one document) by the characters and character pairs they share. Counted alike (Dice over pairs, per
question), "什么" and "穿" — in nearly every question — outweighed what a question is about:
"弹力牛仔裤刚上身有点紧，穿一阵子会松一点吗" came nearest a question about what colour goes with jeans. Weighted by
rarity (TF-IDF, cosine) against all of a fact's words at once, "紧" and "松" single out the fact about jeans loosening
with wear: each of the table's 302 Chinese questions, left out of its fact, found that fact first 176 times (Dice
against each question alone: 84; TF-IDF against each question alone: 122; pairs without single characters: 100).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def grams(text: str) -> Counter[str]:
    """The text's Chinese characters and the pairs of them written side by side (none across other script)."""
    counts: Counter[str] = Counter()
    run: list[str] = []
    for char in (text or "") + " ":
        if _is_han(char):
            run.append(char)
            continue
        counts.update(run)
        counts.update(a + b for a, b in zip(run, run[1:]))
        run = []
    return counts


def has_chinese(text: str) -> bool:
    return any(_is_han(c) for c in text or "")


class CharacterIndex:
    """TF-IDF vectors of the Chinese in each of `documents` (one without any has none and matches nothing)."""

    def __init__(self, documents: Sequence[str]):
        counted = [grams(t) for t in documents]
        chinese = [c for c in counted if c]
        seen_in = Counter(g for c in chinese for g in c)
        self._vocabulary = {g: i for i, g in enumerate(sorted(seen_in))}
        self._weight = np.array([math.log((1 + len(chinese)) / (1 + seen_in[g])) + 1 for g in sorted(seen_in)],
                                dtype=np.float32)
        self._unseen_weight = math.log(1 + len(chinese)) + 1
        self._matrix = np.zeros((len(documents), len(self._vocabulary)), dtype=np.float32)
        for row, counts in enumerate(counted):
            for gram, n in counts.items():
                self._matrix[row, self._vocabulary[gram]] = n
        self._matrix *= self._weight
        self._matrix /= np.maximum(np.linalg.norm(self._matrix, axis=1, keepdims=True), 1e-9)

    def similarities(self, text: str) -> np.ndarray:
        """Cosine of the text's vector with each document's: 0 where either has no Chinese. Characters no document
        has count in the text's length (at the weight of the rarest), so a question mostly about something else
        comes less near."""
        counts = grams(text)
        vector = np.zeros(len(self._vocabulary), dtype=np.float32)
        unseen = 0.0
        for gram, n in counts.items():
            column = self._vocabulary.get(gram)
            if column is None:
                unseen += (n * self._unseen_weight) ** 2
            else:
                vector[column] = n * self._weight[column]
        norm = math.sqrt(float(vector @ vector) + unseen)
        return self._matrix @ vector / norm if norm else np.zeros(len(self._matrix), dtype=np.float32)
