"""How far a transcript is from what was said: word error rate, on characters for Chinese.

Written text and speech differ in ways that are not errors ("$60" said "sixty dollars", "T-shirt"
heard "t shirt"), so both sides are reduced to lower-case words and digits first.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
}
_SPELLINGS = {"gray": "grey", "colors": "colours", "color": "colour", "favorite": "favourite"}
_DROPPED = {"dollars", "dollar", "bucks"}   # "$60" is heard as "60 dollars" or written "$60": the same words
_CJK = re.compile(r"[\u3400-\u9fff]")


_CONTRACTIONS = (("n't", " not"), ("'m", " am"), ("'re", " are"), ("'ll", " will"), ("'ve", " have"), ("'d", " would"))


def units(text: str) -> list[str]:
    """The words (English, digits) and single characters (Chinese) compared."""
    text = text.lower().replace("-", " ").replace("’", "'")
    for short, long in _CONTRACTIONS:
        text = text.replace(short, long)
    found = re.findall(r"[\u3400-\u9fff]|[a-z]+|\d+", text)
    return [_SPELLINGS.get(unit, _NUMBER_WORDS.get(unit, unit)) for unit in found if unit not in _DROPPED]


def error_rate(said: str, heard: str) -> float:
    """Edits (substitutions, insertions, deletions) per unit said: WER, or CER for Chinese."""
    reference, hypothesis = units(said), units(heard)
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp))
        previous = current
    return previous[-1] / max(len(reference), 1)


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))
