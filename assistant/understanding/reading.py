"""Stages 1-2: a message read against the lexicon and the screen, before any value or act.

Normalised tokens; prices and measurements (their numbers are no sizes or positions);
positions said; idioms ("Black Friday") and names ("Green Day") that are no attributes;
the lexicon's hits; and which shown products the words describe. Words that describe a
shown product point at it: they are taken out of the hits, so they never become filters.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.understanding import phrases, pieces
from catalog.embedder import vocabulary as language_words
from assistant.understanding.context import Context
from assistant.understanding.lexicon import Lexicon, Mention
from assistant.understanding.model import Measurements
from assistant.understanding.positions import Positions, find_positions, within_kind
from assistant.understanding.quantities import find_measurements, find_prices
from assistant.understanding.references import PLACE_WORDS, Pointing, point, said_as_places
from assistant.understanding.tokens import Normaliser, Token, Tokens, term_tokens


@dataclass(frozen=True)
class Reading:
    """What the words say, before deciding what they are for."""

    tokens: Tokens
    masked: frozenset[int]          # tokens read as a price, measurement, position or idiom
    mentions: tuple[Mention, ...]   # lexicon hits that may state a constraint (pointing words left out)
    measurements: Measurements
    min_price: float | None
    max_price: float | None
    positions: Positions
    pointing: Pointing
    idioms: frozenset[int] = frozenset()   # tokens of phrases not about clothes ("black tie", "in the red")
    # tokens of the looks a pointing phrase picks a product by ("the long-sleeved one"): which, not what is asked
    pointing_looks: frozenset[int] = frozenset()

    @property
    def words(self) -> tuple[str, ...]:
        return self.tokens.words

    @property
    def text(self) -> str:
        """Folded and typo-corrected: what the cue patterns read."""
        return self.tokens.corrected


class Reader:
    """Reads messages against one lexicon; stateless between calls."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        # shop-floor words are known as they are: "bottom" was corrected to "bottoms", "tier" could become "tie"
        self.known_words = (phrases.COMMON_WORDS | lexicon.fuzzy_targets | frozenset(phrases.ORDINAL_WORDS)
                            | PLACE_WORDS | frozenset(phrases.RELATION_GENDER)
                            | frozenset(w for key in lexicon.terms for w in key))
        # a word of the language is a typo of a cue word at most: "price range" was read as orange, "I trust" as
        # rust, "Cats Are Great" as coats (128 of 137 corrections in real shoppers' turns were of real words)
        self.normaliser = Normaliser(self.known_words, lexicon.fuzzy_targets, language_words(), phrases.CUE_WORDS)
        self._false_friends = [term_tokens(p) for p in phrases.FALSE_FRIENDS]
        self.category_words = frozenset(
            key[-1] for key, pairs in lexicon.terms.items() if any(s == "category" for s, _ in pairs)
        )

    def mentions(self, text: str) -> list[Mention]:
        """Every lexicon hit in the message, before context (grounds LLM output and replies)."""
        return self.lexicon.find(list(self.normaliser.normalise(text or "").words))

    def read(self, text: str, ctx: Context | None = None) -> Reading:
        ctx = ctx or Context()
        t = self.normaliser.normalise(text or "")
        words = list(t.words)
        measurements, meas_spans = find_measurements(t.folded)
        prices = find_prices(t.folded, list(meas_spans))
        taken = list(meas_spans) + list(prices.spans)
        masked = {i for i, tok in enumerate(t.tokens) if any(s <= tok.start < e for s, e in taken)}
        positions = find_positions(t, masked, self.category_words)
        verbs = frozenset(pieces.said_as_verbs(words))
        idioms = self._idioms(words)
        masked |= positions.tokens | idioms | verbs | self._pieces(words) | said_as_places(words)
        mentions = [m for m in self.lexicon.find(words, skip=masked) if not self._proper_noun(m, t.tokens)]
        positions = within_kind(positions, words, {m.start: m.value for m in mentions if m.slot == "category"},
                                ctx.shown_tags)
        pointing = point(words, mentions, positions.tokens, self.category_words, ctx, verbs)
        described = {k for d in pointing.descriptions for k in range(d.start, d.end)}
        plural = {k for d in pointing.plural_descriptions for k in range(d.start, d.end)}
        looks = frozenset(k for m in mentions if m.start in described | plural for k in range(m.start, m.end))
        if not pointing.unmatched:
            mentions = [m for m in mentions if m.start not in described]
        return Reading(t, frozenset(masked), tuple(mentions), measurements, prices.min_price, prices.max_price,
                       positions, pointing, frozenset(idioms), looks)

    def _idioms(self, words: list[str]) -> set[int]:
        hidden: set[int] = set()
        for phrase in self._false_friends:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == phrase:
                    hidden.update(range(i, i + n))
        return hidden

    def _pieces(self, words: list[str]) -> set[int]:
        """The words of a piece worn with a garment that the lexicon does not know as a whole: "运动鞋"
        (sneakers) says no "运动" (sport)."""
        return {k for m in pieces.PIECES.find(words) if tuple(words[m.start:m.end]) not in self.lexicon.terms
                for k in range(m.start, m.end)}

    def _proper_noun(self, mention: Mention, tokens: tuple[Token, ...]) -> bool:
        """A name, not an attribute: "Green Day", "Pink Floyd", a brand like "Coats & More" — a
        capitalised one-word term joined (directly or by "&") to a capitalised word that is no term."""
        if mention.end - mention.start != 1 or mention.start == 0 and mention.slot != "color":
            return False
        raw = tokens[mention.start].raw
        if not (raw[:1].isupper() and raw[1:].islower()) or mention.end >= len(tokens):
            return False
        after = mention.end + (1 if tokens[mention.end].text == "&" else 0)
        if after >= len(tokens):
            return False
        nxt = tokens[after]
        return nxt.raw[:1].isupper() and nxt.raw[1:].islower() and not self.lexicon.lookup((nxt.text,))
