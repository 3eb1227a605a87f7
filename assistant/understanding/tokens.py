"""Stage 1 of understanding: text -> normalised tokens (folded, typo-corrected words).

The one place that knows scripts: a Latin word (with inner apostrophes: men's, i'm), one CJK
character, or one punctuation mark is a token; `is_cjk` is the project's one CJK test.
Spans index the folded text, which keeps the raw text's length, so a span found in one
lines up with the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_CJK_CHARS = r"\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[a-z0-9]+(?:'[a-z]+)*|[{_CJK_CHARS}]|[^\sa-z0-9{_CJK_CHARS}'\-_/]")
_CJK = re.compile(f"[{_CJK_CHARS}]")
# One substituted letter turns short real words into others (silk/sick, start/smart): only
# words this long get that benefit of the doubt.
MIN_SUBSTITUTION_LENGTH = 6
MIN_CORRECTED_LENGTH = 4


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text or ""))


def _compatible(text: str) -> str:
    """NFKC per character where it yields one character (full-width "ＸＬ" -> "XL"), curly quotes
    straightened: the text keeps its length, so spans line up with the raw text."""
    chars = (unicodedata.normalize("NFKC", ch) for ch in text)
    out = "".join(n if len(n) == 1 else ch for ch, n in zip(text, chars))
    return out.replace("\u2019", "'").replace("\u2018", "'")


def fold(text: str) -> str:
    """Compatibility-folded and lower-cased, of the same length as `text`."""
    return _lower(_compatible(text))


def _lower(text: str) -> str:
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


@dataclass(frozen=True)
class Token:
    text: str   # folded, lower case
    raw: str    # as written (case kept: "S" vs "s", "Green Day")
    start: int
    end: int
    kind: str   # "word" (Latin letters or digits), "cjk" (one character) or "punct"

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_cjk(self) -> bool:
        return self.kind == "cjk"

    @property
    def is_punct(self) -> bool:
        return self.kind == "punct"


def _kind(text: str) -> str:
    return "cjk" if _CJK.match(text) else "word" if text[0].isalnum() else "punct"


def tokenize(text: str) -> list[Token]:
    """Tokens of the folded text; `raw` keeps the original case for proper-noun checks."""
    compatible = _compatible(text)
    return [Token(m.group(), compatible[m.start():m.end()], m.start(), m.end(), _kind(m.group()))
            for m in _TOKEN.finditer(_lower(compatible))]


def term_tokens(term: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(term) if not t.is_punct)


@dataclass(frozen=True)
class Tokens:
    """A message normalised: `words[i]` is token i's text after typo correction, and
    `corrected` is the folded text with those corrections written in (for the cue patterns)."""

    text: str
    folded: str
    corrected: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...]

    def index_at(self, char: int) -> int:
        """The token that ends after character `char` (the one it falls in, or the next)."""
        for i, tok in enumerate(self.tokens):
            if tok.end > char:
                return i
        return len(self.tokens)

    def indices_in(self, start: int, end: int) -> set[int]:
        return {i for i, tok in enumerate(self.tokens) if start <= tok.start < end}


def osa_distance(a: str, b: str, limit: int = 1) -> int:
    """Optimal-string-alignment distance (a transposition costs 1), early exit past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Normaliser:
    """Folds, tokenizes and fixes one-edit typos towards a vocabulary ("jakcet", "cheeper")."""

    def __init__(self, known_words: Iterable[str], targets: Iterable[str], language: Iterable[str] = (),
                 cues: Iterable[str] = ()):
        """`language`: words of the language, corrected only towards `cues` (the function words the cue patterns
        read, as "nothin" is "nothing"): "price range" was read as orange, "I trust" as rust."""
        self._known = frozenset(known_words)
        self._language = frozenset(language)
        self._targets_by_len = _by_length(targets)
        self._cues_by_len = _by_length(cues)

    def correct(self, token: Token) -> str:
        """The vocabulary word one edit away, when exactly one is; never a change to a known word."""
        word = token.text
        if not token.is_word or len(word) < MIN_CORRECTED_LENGTH or not word.isalpha() or word in self._known:
            return word
        best: set[str] = set()
        by_len = self._cues_by_len if word in self._language else self._targets_by_len
        for size in (len(word) - 1, len(word), len(word) + 1):
            for target in by_len.get(size, ()):
                if osa_distance(word, target) > 1:
                    continue
                if size == len(word) and len(word) < MIN_SUBSTITUTION_LENGTH and sorted(word) != sorted(target):
                    continue
                best.add(target)
        return best.pop() if len(best) == 1 else word

    def normalise(self, text: str) -> Tokens:
        folded = fold(text)
        tokens = tokenize(text)
        words = [self.correct(t) for t in tokens]
        return Tokens(text, folded, _rebuild(folded, tokens, words), tuple(tokens), tuple(words))


def _by_length(words: Iterable[str]) -> dict[int, list[str]]:
    by_len: dict[int, list[str]] = {}
    for word in sorted(set(words)):
        by_len.setdefault(len(word), []).append(word)
    return by_len


def _rebuild(folded: str, tokens: list[Token], words: list[str]) -> str:
    if all(t.text == w for t, w in zip(tokens, words)):
        return folded
    out, pos = [], 0
    for tok, word in zip(tokens, words):
        out.append(folded[pos:tok.start])
        out.append(word)
        pos = tok.end
    out.append(folded[pos:])
    return "".join(out)
