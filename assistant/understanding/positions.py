"""Stage 2a: positions said ("the second one", "#3", "第一件", "the first two", "2 or 5").

Positions are read before any value, so their tokens are never read as attributes or sizes.
A bare number ("ok 3 it is") is kept apart: it points only when an act needs a product.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.understanding import phrases
from assistant.understanding.cues import AFTER_POSITION, NON_PRODUCT_NOUNS, POSSESSIVES
from assistant.understanding.quantities import cn_number, en_number
from assistant.understanding.tokens import Tokens

# The most products a bare number can name: larger numbers are quantities, not positions.
MAX_BARE_POSITION = 20
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3}
# The ends of the list on screen, said with a count: "the top two" are the first two, "the bottom three" the last
LIST_ENDS: dict[str, int] = {"top": 1, "bottom": -1}
POSITION_NOUNS = ("number", "no", "nr", "option", "item")
HEAD_WORDS = frozenset({"one", "ones", "pair", "item", "option", "piece", "product"})
LEADING_WORDS = frozenset({"the", "that", "this", "and", "or", "vs", "versus", "with", "to", "&", "#", "than"})
UNIT_AFTER = frozenset({"%", "$", "cm", "kg", "in", "inch", "inches", "x", "pcs", "of"})
# Filler around a position that makes the turn a bare pointer ("and #4?", "ok #3 then").
BARE_FILLER = frozenset({
    "and", "now", "the", "one", "please", "pls", "ok", "okay", "then", "what", "about", "how", "maybe", "so",
    "hmm", "oh", "ooh", "also", "too", "let's", "lets", "do", "go", "yes", "yeah",
    "那", "就", "吧", "呢", "好", "的", "件", "个", "款", "那么", "那就", "要", "这",
})
# Words between a position and the kind of garment it counts among: "the second pair of trousers", "第二条裙子".
KIND_FILLER = frozenset({"pair", "pairs", "of", "件", "个", "款", "条", "套", "双", "张"})
_CN_ORDINAL = re.compile(r"第\s*([一二两三四五六七八九十\d]+)\s*(?=[件个款条套双张种位]|$|[和跟与,，?？。的])")
_CN_LAST = re.compile(r"最后\s*(?:一)?\s*(?:件|个|款|条|套|双|张)|最后那(?:件|个|款|条)")
_CN_FROM_END = re.compile(r"倒数第\s*([一二两三四五\d])")
_CN_FIRST_N = re.compile(r"前\s*([两二三四])\s*(?:件|个|款|条|套)")
_BARE_PAIR = re.compile(
    r"(?<![\d.$#])\b(\d{1,2})\s*(?:or|and|vs\.?|versus|&|,|和|还是|跟)\s*(\d{1,2})\b"
    r"(?!\s*(?:[%$]|cm|kg|dollars|bucks|块|元))"
)


@dataclass(frozen=True)
class Positions:
    """Positions said, in order (1-based, negative from the end); the tokens that said them;
    bare numbers ("3", "2 or 5") that point only if the act is about products."""

    said: tuple[int, ...] = ()
    tokens: frozenset[int] = frozenset()
    bare: tuple[int, ...] = ()
    only_pointer: bool = False   # nothing but a pointer and filler: "and #4?"
    said_at: tuple[tuple[int, int], ...] = ()   # every (token, position) said, in order, repeats kept
    only_numbers: bool = False   # nothing but bare numbers and filler: "1", "2 and 4" (an answer to "which one?")


def _number(text: str) -> int:
    return int(text) if text.isdecimal() else cn_number(text) or 0


def _english(t: Tokens, masked: set[int], category_words: frozenset[str]) -> tuple[list[tuple[int, int]], set[int]]:
    found: list[tuple[int, int]] = []
    used: set[int] = set()
    words, n = t.words, len(t.words)
    for i, tok in enumerate(t.tokens):
        if i in masked or i in used:
            continue
        w = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < n else ""
        number = nxt[:-2] if nxt.endswith("'s") else nxt
        spelled = en_number(nxt) if nxt.isalpha() else None   # "number four", as a voice message is written
        if w == "#" and number.isdecimal() and i + 1 not in masked:
            found.append((i, int(number)))
            used.update((i, i + 1))
        elif (w in POSITION_NOUNS and (nxt.isdecimal() and len(nxt) <= 2 or spelled and w == "number")
              and (w != "no" or t.folded[tok.end:tok.end + 1] == ".")):
            found.append((i, spelled or int(nxt)))
            used.update((i, i + 1))
        elif re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w):
            if prev in POSSESSIVES or nxt in NON_PRODUCT_NOUNS:
                continue
            found.append((i, int(re.match(r"\d+", w).group())))
            used.add(i)
        elif w in phrases.ORDINAL_WORDS or (w in LIST_ENDS and COUNT_WORDS.get(nxt)):
            position = phrases.ORDINAL_WORDS.get(w) or LIST_ENDS[w]
            count = COUNT_WORDS.get(nxt)
            if count and position in (1, -1):
                span = range(1, count + 1) if position == 1 else range(-count, 0)
                found.extend((i, p) for p in span)
                used.update((i, i + 1))
                continue
            # "wait a second", "second hand": time and wear; "tell me about the second" points
            timed = w == "second" and (nxt == "hand" or (nxt == "" and prev not in LEADING_WORDS))
            if nxt in NON_PRODUCT_NOUNS or timed:
                continue
            strong_next = nxt in HEAD_WORDS or nxt in category_words
            weak_prev = prev in LEADING_WORDS
            if strong_next or (weak_prev and (nxt in AFTER_POSITION or nxt == "")) or (prev == "" and nxt in AFTER_POSITION):
                found.append((i, position))
                used.add(i)
    return found, used


def _chinese(t: Tokens) -> tuple[list[tuple[int, int]], set[int]]:
    found: list[tuple[int, int]] = []
    used: set[int] = set()
    for m in _CN_ORDINAL.finditer(t.folded):
        position = _number(m.group(1))
        if position:
            found.append((t.index_at(m.start()), position))
            used |= t.indices_in(m.start(), m.end())
    for m in _CN_LAST.finditer(t.folded):
        found.append((t.index_at(m.start()), -1))
        used |= t.indices_in(m.start(), m.end())
    for m in _CN_FROM_END.finditer(t.folded):
        found.append((t.index_at(m.start()), -_number(m.group(1))))
        used |= t.indices_in(m.start(), m.end())
    for m in _CN_FIRST_N.finditer(t.folded):
        found.extend((t.index_at(m.start()), p) for p in range(1, _number(m.group(1)) + 1))
        used |= t.indices_in(m.start(), m.end())
    return found, used


def _bare(t: Tokens, masked: set[int]) -> list[int]:
    words, n = t.words, len(t.words)
    bare = [
        int(w) for i, w in enumerate(words)
        if w.isdecimal() and len(w) <= 2 and 0 < int(w) <= MAX_BARE_POSITION and i not in masked
        and not (i + 1 < n and words[i + 1] in UNIT_AFTER)
    ][:1]
    for m in _BARE_PAIR.finditer(t.folded):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < a <= MAX_BARE_POSITION and 0 < b <= MAX_BARE_POSITION:
            bare = [a, b]
    return bare


def find_positions(t: Tokens, masked: set[int], category_words: frozenset[str]) -> Positions:
    """`masked`: tokens already read as prices or measurements."""
    english, used_en = _english(t, masked, category_words)
    chinese, used_zh = _chinese(t)
    used = used_en | used_zh
    said_at = tuple((i, p) for i, p in sorted(english + chinese) if p != 0)
    said = list(dict.fromkeys(p for _, p in said_at))
    bare = _bare(t, masked | used)
    pointer_only = bool(said) and all(
        i in masked or i in used or tok.is_punct or t.words[i] in BARE_FILLER for i, tok in enumerate(t.tokens)
    )
    numbers_only = bool(bare) and all(
        tok.is_punct or t.words[i] in BARE_FILLER or t.words[i].isdecimal() for i, tok in enumerate(t.tokens)
    )
    return Positions(tuple(said), frozenset(used), tuple(bare), pointer_only, said_at, numbers_only)


def within_kind(positions: Positions, words: Sequence[str], kinds: Mapping[int, str],
                shown: tuple[frozenset[tuple[str, str]], ...]) -> Positions:
    """"the second trousers" of a list of outfits (tops and trousers in turn) is the second pair of trousers,
    not the list's second product: a position said right before a kind of garment (`kinds`: the category
    said at each token; only measure words between, "pair of", "条") counts among the shown products of that
    kind, when the list shows other kinds too."""
    said_at = []
    for token, position in positions.said_at:   # "number 3 with the third trousers": 3 and the third trousers
        k = token + 1
        while k < len(words) and (k in positions.tokens or words[k] in KIND_FILLER):
            k += 1
        same = [i for i, tags in enumerate(shown, 1) if ("category", kinds.get(k, "")) in tags]
        if k in kinds and 0 < len(same) < len(shown) and -len(same) <= position <= len(same):
            position = same[position - 1] if position > 0 else same[position]
        said_at.append((token, position))
    return replace(positions, said=tuple(dict.fromkeys(p for _, p in said_at)), said_at=tuple(said_at))


def answers_which(positions: Positions) -> bool:
    """Whether the words are only a pointer ("1", "2 and 4", "the second one"): an answer to "which one do you mean?",
    whose act is the one asked about."""
    return positions.only_pointer or positions.only_numbers
