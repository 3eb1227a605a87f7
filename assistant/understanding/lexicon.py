"""Surface words -> canonical slot values, built from the shared vocabulary and the catalog.

The lexicon is data, not code: the canonical values, `catalog.synonyms.SYNONYMS`, the
fine types related to their categories (`FINE_TYPES`: "track pants" are trousers), the
understanding-specific phrases in `phrases.py` and whatever extra values the loaded
catalog carries (a shop may sell "shoes", file "Track Pants" as its own type, sell to
boys, or have a "mustard" colour): a type the shop sells under its own name is that
type, in every word the vocabulary knows for it. Terms are stored as token sequences so
English words and Chinese characters match the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.understanding import phrases
from catalog.synonyms import SYNONYMS
from catalog.vocabulary import FINE_TYPES, SLOT_VALUES, fine_type, inflections

from assistant.understanding.tokens import term_tokens, tokenize

LEXICON_SLOTS: tuple[str, ...] = tuple(slot for slot in SLOT_VALUES if slot != "size")


@dataclass(frozen=True)
class Mention:
    """One lexicon hit: tokens [start, end) of the message say `value` for `slot`."""

    slot: str
    value: str
    start: int
    end: int
    term: str


@dataclass
class Lexicon:
    """Token-sequence terms -> (slot, value) pairs, plus the words typo correction aims at."""

    terms: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    longest: int = 1
    fuzzy_targets: frozenset[str] = frozenset()
    values: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, extra_values: dict[str, set[str]] | None = None) -> "Lexicon":
        """Vocabulary + synonyms + understanding phrases + the catalog's own extra values."""
        table: dict[tuple[str, ...], list[tuple[str, str]]] = {}

        def add(term: str, slot: str, value: str, *, override: bool = False, written: bool = False) -> None:
            key = tuple(t.text for t in tokenize(term)) if written else term_tokens(term)
            if not key or (slot, term) in phrases.BLOCKED_TERMS:
                return
            pairs = table.setdefault(key, [])
            if override:
                pairs[:] = [p for p in pairs if p[0] != slot]
            if (slot, value) not in pairs:
                pairs.append((slot, value))

        values: dict[str, set[str]] = {slot: set(SLOT_VALUES[slot]) for slot in LEXICON_SLOTS}
        for slot in LEXICON_SLOTS:
            for value in SLOT_VALUES[slot]:
                add(value, slot, value)
            for term, value in SYNONYMS.get(slot, {}).items():
                add(term, slot, value)
        for name, (parent, words) in FINE_TYPES.items():
            for term in _forms(name, words):
                add(term, "category", parent)
        for slot, entries in phrases.EXTRA_TERMS.items():
            for term, value in entries.items():
                add(term, slot, value)
        for term, slot_value in phrases.OVERRIDES.items():
            key = term_tokens(term)
            table[key] = [slot_value] if slot_value else []
        for brand in (extra_values or {}).get("brand", ()):   # "anything from Harbor & Pine", "Kestrel jackets"
            name = brand.strip().lower()
            if name:   # as written too: a message keeps the "&" of "Wren & Wool", and "wool" alone is a material
                add(name, "brand", name)
                add(name, "brand", name, written=True)
        for slot, extra in (extra_values or {}).items():
            if slot not in values:
                continue
            for value in extra:
                value = value.strip().lower()
                if not value or value in values[slot]:
                    continue
                values[slot].add(value)
                known = fine_type(value) if slot == "category" else None
                for form in _forms(value, FINE_TYPES[known][1] if known else ()):
                    add(form, slot, value, override=True)
        terms = {key: tuple(pairs) for key, pairs in table.items() if pairs}
        fuzzy = frozenset(
            key[0] for key in terms if len(key) == 1 and len(key[0]) >= 4 and key[0].isalpha()
        ) | frozenset(w for key in terms if len(key) > 1 for w in key if len(w) >= 5 and w.isalpha())
        return cls(
            terms=terms,
            longest=max(len(k) for k in terms),
            fuzzy_targets=fuzzy | phrases.CUE_WORDS,
            values={slot: frozenset(v) for slot, v in values.items()},
        )

    def lookup(self, words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        return self.terms.get(words, ())

    def find(self, tokens: list[str], skip: set[int] | frozenset[int] = frozenset()) -> list[Mention]:
        """Leftmost-longest matches over token texts, never crossing a skipped token."""
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            if i in skip:
                i += 1
                continue
            hit = None
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                span = range(i, i + n)
                if any(j in skip for j in span):
                    continue
                pairs = self.terms.get(tuple(tokens[i:i + n]))
                if pairs:
                    hit = (n, pairs)
                    break
            if hit is None:
                i += 1
                continue
            n, pairs = hit
            term = " ".join(tokens[i:i + n])
            found.extend(Mention(slot, value, i, i + n, term) for slot, value in pairs)
            i += n
        return found

    def is_known(self, slot: str, value: str) -> bool:
        return value in self.values.get(slot, ())


def _forms(value: str, words: tuple[str, ...] = ()) -> set[str]:
    """A value, the other words naming it, and their obvious singulars and plurals."""
    return {form for word in (value, *words) for form in inflections(word)}
