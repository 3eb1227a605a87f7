"""The text MiniLM embeds for a turn: attribute words replaced by their canonical English value.

MiniLM was trained on English; a Chinese attribute ("红色连衣裙") means nothing to it. The
lexicon already knows which words are attributes, so they are written as the canonical
value ("red dress") and the rest of the sentence is kept as typed.
"""

from __future__ import annotations

from assistant.understanding.lexicon import tokenize


def embedding_text(text: str, analyzer) -> str:
    tokens = tokenize(text or "")
    starts = {}
    for mention in analyzer.mentions(text or ""):
        starts.setdefault(mention.start, mention)
    words: list[str] = []
    i = 0
    while i < len(tokens):
        mention = starts.get(i)
        if mention is not None and tokens[i].is_cjk:
            words.append(mention.value)
            i = mention.end
            continue
        words.append(tokens[i].raw)
        i += 1
    return " ".join(words)
