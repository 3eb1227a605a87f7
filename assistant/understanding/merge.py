"""Merge the rules' values with the LLM's: the LLM may fill gaps, never invent.

An LLM value survives only when the lexicon finds words for it in the message itself
(the 0.5B model copies values from its prompt example and makes some up); a price only
when its number is written in the message; a reference only when the message points.
The rules keep the last word on anything they read themselves.
"""

from __future__ import annotations

import re
from dataclasses import replace

from catalog.vocabulary import LIST_SLOTS

from assistant.understanding.llm_extract import Proposal
from assistant.understanding.model import Understanding
from assistant.understanding.reading import Reader



def grounded_pairs(analyzer: Reader, text: str) -> set[tuple[str, str]]:
    return {(m.slot, m.value) for m in analyzer.mentions(text)}


def merge(ruled: Understanding, proposal: Proposal, analyzer: Reader, text: str) -> Understanding:
    """`ruled` with the LLM's grounded additions to the stated constraints and, where the rules
    found no position, the one the LLM names when the message names it too."""
    said = grounded_pairs(analyzer, text)
    numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}
    stated = ruled.stated
    ruled_pairs = {(s, v) for s, vals in stated.values.items() for v in vals}
    ruled_pairs |= {(s, v) for s, vals in stated.exclude.items() for v in vals}

    values = {slot: tuple(vals) for slot, vals in stated.values.items()}
    added: list[str] = []
    for slot, vals in proposal.values.items():
        keep = tuple(v for v in vals if (slot, v) in said and (slot, v) not in ruled_pairs)
        if keep and slot not in values:
            values[slot] = keep if slot in LIST_SLOTS else keep[:1]
            added.append(slot)
    exclude = {slot: tuple(vals) for slot, vals in stated.exclude.items()}
    for slot, vals in proposal.exclude.items():
        keep = tuple(v for v in vals if (slot, v) in said and (slot, v) not in ruled_pairs)
        if keep:
            exclude[slot] = tuple(dict.fromkeys(exclude.get(slot, ()) + keep))
            added.append(f"exclude.{slot}")
    min_price, max_price = stated.min_price, stated.max_price
    if min_price is None and max_price is None:
        if proposal.min_price in numbers:
            min_price = proposal.min_price
        if proposal.max_price in numbers:
            max_price = proposal.max_price
    stated = replace(stated, values=values, exclude=exclude, min_price=min_price, max_price=max_price)
    pointed = ruled.pointed
    if not pointed and proposal.ref is not None and _points(proposal, text):
        pointed = (proposal.ref,)
    notes = ruled.notes + ((f"llm:{','.join(added)}",) if added else ())
    return replace(ruled, stated=stated, pointed=pointed, notes=notes)


def _points(proposal: Proposal, text: str) -> bool:
    """The message itself names the position the LLM gives (a digit, an ordinal, "last")."""
    ref = proposal.ref
    if ref is None:
        return False
    low = text.lower()
    if ref == -1:
        return bool(re.search(r"\b(?:last|final)\b|最后", low))
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    cn = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}
    ordinal = words.get(ref)
    chinese = cn.get(ref)
    return str(ref) in low or bool(ordinal and ordinal in low) or bool(chinese and "第" + chinese in low)
