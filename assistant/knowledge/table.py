"""The shop's own garment knowledge: short facts found by what a question means and what it names.

A 0.5B model asked "is linen or cotton better for a hot wedding?" apologised or answered wrong;
the answer to such a question is common garment knowledge, so the shop keeps it as data
(`facts.jsonl`, reviewed like code, English and Chinese), and advice is built from the facts that
answer the question. A fact is found by meaning (the MiniLM embedding of its text and of the
questions it answers, against the question's) and, for Chinese, which MiniLM reads poorly, by the
characters it shares with the fact's own Chinese words (`characters.py`); the values the question states (a
fabric, the weather, an occasion) that the fact is about count too. A question no fact comes near
gets no fact, and so does one that comes equally near many ("what should I wear tomorrow?"): the reply then
says the shop does not know, never a guess.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.knowledge.characters import CharacterIndex, has_chinese

FACTS_PATH = Path(__file__).with_name("facts.jsonl")
# A fact answers a question when its score reaches this (cosine similarity plus the bonus for values both name);
# set on the tune half of `bench/data/advice_questions.jsonl` (`python -m bench.advice_answers`).
MIN_SCORE = 0.45
# Each value the question states that the fact is about (linen, hot weather, a wedding) adds this to its score.
ABOUT_BONUS = 0.06
# A Chinese question's likeness to a fact's Chinese words (`CharacterIndex`), scaled to the embedding's range. Set with
# each of the table's 302 Chinese questions left out of its fact in turn: the fact that answers it was found 171 times
# of the 248 any was (1.0: 81 of 156; 2.0: 153 of 231; 2.8: 180 of 261, and then Chinese requests for products
# found facts as often as questions: 121 of 272 shown scripted turns that are not advice, 103 at 2.4).
CHINESE_WEIGHT = 2.4
# The best fact must stand this far above the fifth best: "what should I wear tomorrow" comes near many facts
# (0.70, 0.69, 0.68 ...) and is answered by none of them; a question a fact answers singles it out.
MIN_LIFT = 0.10
LIFT_OVER = 5
# A question with a word no reader knows ("what's zendaya wearing?") may be about something the table never heard
# of: a fact must single itself out by this much more to answer it.
UNKNOWN_WORD_LIFT = 0.2
# Facts are given with the best one only while they score within this of it: more is a different question's answer.
NEAR_BEST = 0.1
MAX_FACTS = 3
# A turn's likeness to the table's questions counts from this cosine up: below it any shopping sentence comes as near
# ("does it suit me?" to "does a boxy jacket suit short people?", 0.51).
LIKE_FROM = 0.5


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    en: str
    zh: str
    about: frozenset[tuple[str, str]]                    # (slot, value) the fact is about
    suggests: tuple[tuple[str, tuple[str, ...]], ...]    # the products it points to, as filter values
    asked: tuple[str, ...]                               # questions it answers, in our words

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Found:
    fact: Fact
    score: float


def read_facts(path: Path = FACTS_PATH) -> tuple[Fact, ...]:
    facts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            facts.append(Fact(row["id"], row["topic"], row["en"], row["zh"],
                              frozenset((slot, v) for slot, values in row["about"].items() for v in values),
                              tuple((slot, tuple(values)) for slot, values in row["suggests"].items()),
                              tuple(row["asked"])))
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{path}:{number}: not a fact ({error!r})") from error
    return tuple(facts)


class KnowledgeTable:
    """The facts and their embeddings, made on the first question (a process that never advises never pays)."""

    def __init__(self, facts: Sequence[Fact], encode: Callable[[Sequence[str]], np.ndarray]):
        self.facts = tuple(facts)
        self._encode = encode
        self._lock = threading.Lock()
        self._vectors: np.ndarray | None = None
        # One row per text a fact is found by: its English, its Chinese, each question it answers.
        rows = [(i, k >= 2, text) for i, f in enumerate(self.facts) for k, text in enumerate((f.en, f.zh, *f.asked))]
        self._owner = np.array([i for i, _, _ in rows], dtype=np.int64)
        self._asked = np.array([k for _, k, _ in rows], dtype=bool)
        self._texts = [text for _, _, text in rows]
        self._chinese = CharacterIndex(["\n".join(t for t in (f.zh, *f.asked) if has_chinese(t)) for f in self.facts])
        self.words = frozenset(w for text in self._texts for w in re.findall(r"[a-z]+", text.lower()))

    @classmethod
    def load(cls, encode: Callable[[Sequence[str]], np.ndarray] | None = None, path: Path = FACTS_PATH) -> "KnowledgeTable":
        """The table of `path` for this encoder, one per process: every assistant made in it (a test run makes
        many) shares the facts and embeds them once; neither changes while the process runs."""
        return _loaded(encode or _default_encode, path)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """The texts' embeddings by the table's encoder; a Chinese or empty text, which MiniLM does not read, is the
        zero vector (its characters are matched instead)."""
        english = [i for i, text in enumerate(texts) if text.strip() and not has_chinese(text)]
        if not english:   # the table's own texts always have some: its matrix is made, never asked for, here
            return np.zeros((len(texts), self._matrix().shape[1]), dtype=np.float32)
        encoded = np.asarray(self._encode([texts[i] for i in english]), dtype=np.float32)
        vectors = np.zeros((len(texts), encoded.shape[1]), dtype=np.float32)
        vectors[english] = encoded
        return vectors

    def _matrix(self) -> np.ndarray:
        with self._lock:
            if self._vectors is None:
                vectors = self.embed(self._texts)
                self._vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
            return self._vectors

    def likeness(self, vectors: np.ndarray, said: Sequence[str]) -> np.ndarray:
        """For each turn (its embedding and its words), how near it comes to a question the table answers: the
        cosine with the nearest one, or for Chinese its characters' likeness to the fact's, from `LIKE_FROM` up (0 below it,
        1 for the same question); the act classifier weighs it beside the words' own embedding."""
        sims = self._similarities(np.asarray(vectors, dtype=np.float32), said)[:, self._asked]
        return np.clip((sims.max(axis=1) - LIKE_FROM) / (1.0 - LIKE_FROM), 0.0, 1.0)

    def _similarities(self, vectors: np.ndarray, said: Sequence[str]) -> np.ndarray:
        """Turns x rows: the embedding's cosine with each row's, or the Chinese characters' with the row's fact's
        (scaled), the larger."""
        norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        sims = (vectors / norms) @ self._matrix().T
        for row, text in enumerate(said):
            if has_chinese(text):
                sims[row] = np.maximum(sims[row], CHINESE_WEIGHT * self._chinese.similarities(text)[self._owner])
        return sims

    def scores(self, vector: np.ndarray, said: str, pairs: Iterable[tuple[str, str]]) -> np.ndarray:
        """Each fact's score for a question: `vector` is its meaning's embedding (the understanding's, Chinese
        attributes read in English), `said` the words as written (their Chinese characters), `pairs` the values
        the question states."""
        best = np.zeros(len(self.facts), dtype=np.float32)
        np.maximum.at(best, self._owner, self._similarities(np.asarray(vector, dtype=np.float32)[None, :], [said])[0])
        stated = set(pairs)
        return best + ABOUT_BONUS * np.array([len(f.about & stated) for f in self.facts], dtype=np.float32)

    def find(self, vector: np.ndarray, said: str, pairs: Iterable[tuple[str, str]] = (), unknown_words: bool = False
             ) -> tuple[Found, ...]:
        """The facts that answer the question, best first (none when no fact comes near, or many equally)."""
        scores = self.scores(vector, said, pairs)
        ranked = [int(i) for i in np.argsort(-scores)]
        order = ranked[:MAX_FACTS]
        lift = scores[ranked[0]] - scores[ranked[min(LIFT_OVER, len(ranked)) - 1]] if ranked else 0.0
        if not order or scores[order[0]] < MIN_SCORE or lift < (UNKNOWN_WORD_LIFT if unknown_words else MIN_LIFT):
            return ()
        top = float(scores[order[0]])
        return tuple(Found(self.facts[i], float(scores[i])) for i in order
                     if scores[i] >= MIN_SCORE and scores[i] >= top - NEAR_BEST)


def _default_encode(texts: Sequence[str]) -> np.ndarray:
    from catalog.embedder import default_embedder

    return default_embedder().encode(list(texts))


@functools.lru_cache(maxsize=4)
def _loaded(encode: Callable[[Sequence[str]], np.ndarray], path: Path) -> KnowledgeTable:
    return KnowledgeTable(read_facts(path), encode)


def suggested(found: Sequence[Found]) -> Mapping[str, tuple[str, ...]]:
    """The filter values the facts point to, the best fact's first (a slot two facts name keeps both's values)."""
    merged: dict[str, tuple[str, ...]] = {}
    for item in found:
        for slot, values in item.fact.suggests:
            merged[slot] = tuple(dict.fromkeys(merged.get(slot, ()) + values))
    return merged
