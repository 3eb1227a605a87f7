"""The text MiniLM embeds for a turn: its English words, with Chinese attributes translated.

MiniLM was trained on English; Chinese characters give it noise, not meaning. The lexicon
knows which Chinese words are attributes, so they are written as the canonical value
("红色连衣裙" -> "red dress"); other Chinese characters are left out. A word the normaliser corrected is embedded corrected
("size smal" as "size small"): MiniLM splits a typo into pieces that mean something else. A shop's brand is written
as the word "brand". A Chinese turn with no attribute embeds as nothing at all, and the act classifier then decides
from the turn's named features alone (one of them says the turn is Chinese).
"""

from __future__ import annotations

from assistant.understanding.lexicon import Lexicon
from assistant.understanding.tokens import Tokens

# A shop's brand is embedded as this word: its own words ("Wren & Wool", "Atelier") mean something else to MiniLM,
# and "有Wren & Wool的吗？", embedded as the name alone, read as a question about wool
BRAND_WORD = "brand"


def embedding_text(t: Tokens, lexicon: Lexicon) -> str:
    starts = {}
    for mention in lexicon.find(list(t.words)):
        starts.setdefault(mention.start, mention)
    words: list[str] = []
    i = 0
    while i < len(t.tokens):
        mention = starts.get(i)
        if mention is not None and (mention.slot == "brand" or t.tokens[i].is_cjk):
            words.append(BRAND_WORD if mention.slot == "brand" else mention.value)
            i = mention.end
            continue
        if not t.tokens[i].is_cjk:
            token, word = t.tokens[i], t.words[i]
            words.append(token.raw if word == token.text else word)
        i += 1
    return " ".join(words)
