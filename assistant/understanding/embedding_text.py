"""The text MiniLM embeds for a turn: its English words, with Chinese attributes translated.

MiniLM was trained on English; Chinese characters give it noise, not meaning. The lexicon
knows which Chinese words are attributes, so they are written as the canonical value
("红色连衣裙" -> "red dress"); other Chinese characters are left out. A Chinese turn with no
attribute embeds as nothing at all, and the act classifier then decides from the rules'
reading and the conversation alone (it has a feature saying the turn is Chinese).
"""

from __future__ import annotations

from assistant.understanding.tokens import tokenize


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
        if not tokens[i].is_cjk:
            words.append(tokens[i].raw)
        i += 1
    return " ".join(words)
