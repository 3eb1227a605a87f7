"""Clothing sizes said in words ("in a medium", "XL", "大号"); a lone letter is a size only
where nothing else can read it ("size m", "M码", "S" in capitals), never the "s" of "it's"."""

from __future__ import annotations

import re

from catalog.vocabulary import SIZES

from assistant.understanding.reading import Reading

MULTI_WORD: dict[tuple[str, ...], str | None] = {
    ("extra", "extra", "large"): "XXL", ("extra", "large"): "XL", ("extra", "small"): "XS",
    ("x", "large"): "XL", ("xx", "large"): "XXL", ("x", "small"): "XS", ("加", "加", "大"): "XXL",
    ("加", "大"): "XL", ("中", "号"): "M", ("大", "号"): "L", ("小", "号"): "S", ("特", "大"): "XXL",
    ("中", "码"): "M", ("均", "码"): None,
}
LETTERS = {"xxs": "XS", "xs": "XS", "xl": "XL", "xxl": "XXL", "2xl": "XXL",
           "xsmall": "XS", "xlarge": "XL", "xxlarge": "XXL", "s": "S", "m": "M", "l": "L"}
WORDS = {"small": "S", "medium": "M", "med": "M", "large": "L"}
BEFORE_ALONE = frozenset({"and", "in", "size", "a", "an", "the", "'s", "men's", "women's", "要", "看"})
AFTER_ALONE = frozenset({"it", "then", "please", "pls", "is", "and", "size", "one", "码", "号", "的", "in"})
BEFORE_WORD = frozenset({"size", "in", "a", "an", "sz"})
AFTER_WORD = frozenset({"please", "pls", "size", "one", "is", "then", "and"})
# Letter sizes said aloud, as the recogniser writes them: "ex el", "double ex el", "size em".
# The letters themselves too, as some write them spaced: "double x l", "x s".
LETTER_NAMES = {"ex": "x", "extra": "x", "ess": "s", "es": "s", "em": "m", "el": "l", "small": "s", "large": "l",
                "x": "x", "s": "s", "m": "m", "l": "l"}
REPEATS = {"double": 2, "triple": 3}
# A number right after one of these, or right before one of those, is said as a size.
SIZE_WORDS = frozenset({"size", "sz"})
SIZE_SUFFIXES = frozenset({"码", "号"})


def sizes(r: Reading, category_words: frozenset[str]) -> list[str]:
    """The sizes said, once each, in the order said."""
    return list(dict.fromkeys(size for _, size in sizes_at(r, category_words)))


def sizes_at(r: Reading, category_words: frozenset[str]) -> list[tuple[int, str]]:
    """Each size said, with the token it starts at, in the order said (repeats kept): "the first one in S and the
    second in M" is S of the first and M of the second."""
    words, tokens, n = r.words, r.tokens.tokens, len(r.words)
    found: list[tuple[int, str]] = []
    i = 0
    while i < n:
        if i in r.masked:
            i += 1
            continue
        hit = next(((k, v) for k, v in MULTI_WORD.items() if tuple(words[i:i + len(k)]) == k), None) or _said(words, i)
        if hit:
            if hit[1]:
                found.append((i, hit[1]))
            i += len(hit[0])
            continue
        w = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < n else ""
        ends = i + 1 >= n or tokens[i + 1].is_punct
        starts = i == 0 or tokens[i - 1].is_punct
        alone = (starts or prev in BEFORE_ALONE) and (ends or nxt in AFTER_ALONE or tokens[i + 1].is_cjk)
        if w in LETTERS and len(w) > 1:
            found.append((i, LETTERS[w]))
        elif w in ("s", "m", "l"):
            raw = tokens[i].raw
            acronym = nxt and len(tokens[i + 1].raw) == 1 and tokens[i + 1].raw.isupper()
            if nxt in ("码", "号") or prev in ("size", "sz") or raw.isupper() and not acronym or alone and prev in ("size", "in"):
                found.append((i, LETTERS[w]))
            elif not raw.isupper() and alone and starts and ends:
                found.append((i, LETTERS[w]))
        elif w in WORDS:
            after_ok = ends or nxt in AFTER_WORD or nxt in category_words
            if prev in BEFORE_WORD and after_ok or prev == "size" or alone or nxt == "size":
                found.append((i, WORDS[w]))
        i += 1
    return [(at, size) for at, size in found if size in SIZES]


def _said(words: list[str], i: int) -> tuple[tuple[str, ...], str | None] | None:
    """A letter size spelled out by letter names from word i: ("double", "ex", "el") -> XXL; a single
    letter only right after "size" (alone, "el" and "em" are words of other kinds). A letter size past the
    shop's ("x x x x l") is the whole run with no size: read from its second letter on, it was a size it is not."""
    letters, end = "", i
    while end < len(words):
        repeat = REPEATS.get(words[end], 1)
        name = words[end + 1] if repeat > 1 and end + 1 < len(words) else words[end]
        if name not in LETTER_NAMES or (name in WORDS and not letters):
            break
        letters += LETTER_NAMES[name] * repeat
        end += 2 if repeat > 1 else 1
        if name in WORDS:
            break
    size = LETTERS.get(letters)
    if size is None and LETTER_SIZE.fullmatch(letters):
        return tuple(words[i:end]), None
    if size is None or (len(letters) == 1 and (i == 0 or words[i - 1] not in SIZE_WORDS)):
        return None
    return tuple(words[i:end]), size


# a letter size, however many x's or with a count of them ("xxxl", "3xl", "4xs"): the shop's own are in LETTERS
LETTER_SIZE = re.compile(r"(?:x+|[2-9]x)[sl]")


def unknown_size(r: Reading) -> str | None:
    """A size said that is none of the shop's sizes ("let's go with size 97", "97码", "3XL"): a number named
    as a size, or a letter size past the shop's, which the product in focus can be checked against (read
    as the largest the shop has, "3XL" was answered "in XXL — it's in stock")."""
    words, n = r.words, len(r.words)
    for i, w in enumerate(words):
        if i in r.masked:
            continue
        if LETTER_SIZE.fullmatch(w) and w not in LETTERS:
            return w.upper()
        if not w.isdigit():
            continue
        before = i > 0 and words[i - 1] in SIZE_WORDS
        after = i + 1 < n and words[i + 1] in SIZE_SUFFIXES
        if before or after:
            return w
    return None
