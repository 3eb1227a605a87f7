"""Where one message may hold two turns: "show me linen shirts and try the first one on me".

Only the places a sentence joins two clauses are found here; whether the message is two turns is the act
classifier's call on each half (`Understander.two_turns`), so no list of phrases decides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.understanding.cues import ZH_THIS

# A join between clauses: "and (then)", "then", a comma or semicolon, a sentence's end; in Chinese "然后" or
# "再" (after a comma or not) and a full-width stop or comma.
JOINS = re.compile(r"\s*(?:,?\s*\b(?:and then|and|then)\b|[,;]|[.!?](?=\s))\s*|[，；。！？]?\s*(?:然后|再)|[，；。！？]")

# Words that can point at what a search has just found: "it", "them", "this one" (not "that", mostly a relative:
# "anything that matches", "blouses, that is").
FOUND = re.compile(r"\b(?:it|them|this one|that one|these|those)\b|" + ZH_THIS)


def split_points(text: str) -> Iterator[tuple[str, str]]:
    """Each way to cut the text at a join into a head and a tail, both with words in them."""
    for join in JOINS.finditer(text):
        head, tail = text[:join.start()].strip(), text[join.end():].strip()
        if head and tail:
            yield head, tail
