"""How near a turn comes to a question the shop's knowledge table answers, by what it asks and not by what it names.

"what about burgundy?" after a list of trousers comes as near "what goes with burgundy?" as "what colours go with
burgundy trousers?" does, by the colour alone, and was read as advice; "new jeans feel tight, will they loosen up?"
comes near "do jeans stretch out after a few wears?" by what it asks of the jeans. A turn's likeness counts when the
turn comes nearer than the values it names would alone, or when its other words come part of the way by themselves.
The act classifier weighs it; a question without a request's words that comes near enough is put to the shop
(`asks_the_shop`), whatever act its words resemble.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from assistant.knowledge.table import KnowledgeTable
from assistant.understanding.cues import SEARCH_CUE, is_question
from assistant.understanding.reading import Reading
from assistant.understanding.tokens import is_cjk

# A question comes this near (the scaled `KnowledgeTable.likeness`, cosine 0.75) one the shop's knowledge table
# answers to be put to the shop: of the labelled real and scripted turns asked as questions without a request's words,
# 21 of 151 advice turns and none of 51 searches come as near (two refines do, by the values they name).
KNOWN_LIKENESS = 0.5
# Chinese comes less near by its characters than English by its meaning: of the table's 302 Chinese questions, each
# left out of its fact, asked as questions without a request's words, 246 of 301 come this near (142 as near as the
# English bar), and of 80 scripted Chinese turns that are not advice, asked so, 31 do, none a search or refine that
# is not also nearer by the values it names alone.
KNOWN_LIKENESS_ZH = 0.2
# A question's words besides the values it names come this share of the way by themselves when it asks something of
# them: "off to iceland in july, is it worth packing a rain jacket" without "rain jacket" 0.28 of the 0.5; "what about
# in" of "what about in burgundy?", "的呢" of "红色的呢？", 0. Of 34 labelled advice questions that come near the table,
# 27 come nearer than their values alone or this near without them; of the 3 searches and refines, none.
REST_SHARE = 0.5


def floor(reading: Reading) -> float:
    return KNOWN_LIKENESS_ZH if is_cjk(reading.text) else KNOWN_LIKENESS


def asked_likeness(table: KnowledgeTable, readings: Sequence[Reading], vectors: np.ndarray) -> np.ndarray:
    """For each turn (its reading and meaning's embedding), its likeness to the table's questions where it is a
    question and what it asks carries it, else 0 (a statement puts nothing to the shop)."""
    asks = np.array([is_question(r.tokens.text) for r in readings], dtype=bool)
    like = np.where(asks, table.likeness(vectors, [r.text for r in readings]), 0.0)
    parts: list[tuple[int, str, str]] = []
    for k, reading in enumerate(readings):
        named = {i for m in reading.mentions for i in range(m.start, m.end)}
        if like[k] > 0 and named:
            parts.append((k, _spoken(reading, lambda i: i in named), _spoken(reading, lambda i: i not in named)))
    if parts:
        texts = [text for _, said, rest in parts for text in (said, rest)]
        near = table.likeness(table.embed(texts), texts).reshape(-1, 2)
        for (k, _, _), (by_values, by_rest) in zip(parts, near):
            if not (like[k] > by_values or by_rest >= REST_SHARE * floor(readings[k])):
                like[k] = 0.0
    return like


def asks_the_shop(reading: Reading, asked_like: float) -> bool:
    """A question put to the shop's knowledge, not a request for products: with no words of a request, it comes
    near enough one the table answers by what it asks (`asked_likeness`: 0 for what is no question)."""
    return asked_like >= floor(reading) and not SEARCH_CUE.search(reading.text)


def _spoken(reading: Reading, keep: Callable[[int], bool]) -> str:
    """The words of the tokens kept, as a reader of either language would write them (Chinese unspaced)."""
    return "".join(t.text if t.is_cjk else f" {t.text} " for i, t in enumerate(reading.tokens.tokens)
                   if keep(i) and not t.is_punct).strip()
