"""Text (+ conversation context) -> dialogue act, constraints, facts asked for, products pointed at.

Three parts: the grounded rule layer (`rules.Analyzer`) reads values (prices, sizes,
negation, canonical attributes, positions and descriptions of shown products); the
learned classifier (`acts`) chooses the act from the MiniLM sentence embedding, the
rules' reading and the conversation; when the classifier is unsure, the LLM is asked
within the turn's budget, and its act is taken only if the classifier finds it plausible
and its values only where the shopper's words support them (`merge`). A slow or broken
LLM costs nothing but its (short) timeout.

In the LLM-first mode (for a strong model behind `openai` or `transformers`), the LLM reads
every turn with the conversation (request, shown products) and proposes act, constraints
and the product pointed at as JSON; the proposal is schema-checked and grounded the same
way, and the learned path answers whenever the model fails, times out or proposes no act.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.understanding.acts import DIMENSION, ActClassifier, ActGuess, TurnContext
from assistant.understanding.assemble import assemble
from assistant.understanding.cues import is_question
from assistant.understanding.embedding_text import embedding_text
from assistant.understanding.lexicon import Lexicon, is_cjk
from assistant.understanding.llm_extract import LLMExtractor
from assistant.understanding.merge import merge
from assistant.understanding.model import INTENTS, Measurements, SlotChanges, Understanding
from assistant.understanding.rules import Analyzer, Context

log = logging.getLogger(__name__)
# Below this probability the classifier's act is a guess worth a second opinion.
ASK_LLM_BELOW = 0.55
# Words sent with a photo of a person that ask for products ("find me this jacket", "do you have
# something like her dress?") make it a photo of what that person wears, to search by, not a selfie.
FINDS = frozenset({"search", "refine"})
# The LLM's act is taken only from the classifier's few most likely ones.
LLM_CHOICES = 3
MODES = ("learned", "llm_first")
LLM_FIRST_TOKENS = 120


def conversation_lines(ctx: Context) -> str:
    """What the LLM-first prompt is told about the conversation: the request and what is shown."""
    lines = [f"Current request: {json.dumps(ctx.request.to_canonical(), ensure_ascii=False)}"]
    for i, tags in enumerate(ctx.shown_tags, 1):
        values = ", ".join(sorted(v for slot, v in tags if slot != "word"))
        lines.append(f"Shown product {i}: {values}")
    return "\n".join(lines)


def turn_context(ctx: Context, text: str, ruled: Understanding) -> TurnContext:
    return TurnContext(products_shown=ctx.shown_count > 0, has_request=ctx.has_request,
                       pointed_before=ctx.last_ref is not None, chinese=is_cjk(text), asks=is_question(text),
                       states_constraints=not ruled.stated.is_empty(),
                       names_garment="category" in ruled.stated.values,
                       new_garment=ruled.stated.values.get("category", (ctx.request.category,))[0] != ctx.request.category,
                       points_at_product=bool(ruled.pointed))


def embed(encode: Callable[[Sequence[str]], np.ndarray], texts: Sequence[str]) -> np.ndarray:
    """Sentence embeddings; an empty text (a Chinese turn with no attribute) is the zero vector."""
    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    filled = [i for i, t in enumerate(texts) if t.strip()]
    if filled:
        out[filled] = encode([texts[i] for i in filled])
    return out


def _default_encode(texts: Sequence[str]) -> np.ndarray:
    from catalog.embedder import default_embedder

    return default_embedder().encode(list(texts))


class Understander:
    """Rules for values, a learned classifier for the act, the LLM when the classifier is unsure."""

    def __init__(self, lexicon: Lexicon | None = None, llm=None, *, llm_timeout: float = 1.5,
                 ask_llm_below: float = ASK_LLM_BELOW, acts: ActClassifier | None = None,
                 encode: Callable[[Sequence[str]], np.ndarray] | None = None, mode: str = "learned"):
        if mode not in MODES:
            raise ValueError(f"unknown understanding mode {mode!r}; valid: {', '.join(MODES)}")
        self.lexicon = lexicon or Lexicon.build()
        self.analyzer = Analyzer(self.lexicon)
        self.mode = mode if llm is not None else "learned"
        prompt, tokens = ("turn", LLM_FIRST_TOKENS) if self.mode == "llm_first" else ("extract", 40)
        self.extractor = LLMExtractor(llm, timeout=llm_timeout, max_tokens=tokens, prompt=prompt) if llm is not None else None
        self.ask_llm_below = ask_llm_below
        self.acts = acts or ActClassifier.load()
        self.encode = encode or _default_encode

    @classmethod
    def for_catalog(cls, catalog=None, llm=None, **kwargs) -> "Understander":
        """An understander whose lexicon also knows the catalog's own categories and colours."""
        extra = catalog.vocabulary() if catalog is not None else None
        return cls(Lexicon.build(extra), llm, **kwargs)

    def guess_act(self, text: str, ruled: Understanding, ctx: Context) -> ActGuess:
        vector = embed(self.encode, [embedding_text(text, self.analyzer)])[0]
        return self.acts.predict(vector, ruled.intent, turn_context(ctx, text, ruled), ruled.confidence)

    def understand(self, text: str, context: Context | None = None, image: str | None = None) -> Understanding:
        ctx = context or Context()
        if image == "selfie" and (text or "").strip():
            said = self.understand(text, ctx)
            if said.intent in FINDS:
                return replace(said, intent="photo_search")
        ruled = self.analyzer.analyse(text, ctx, image)
        if image or not (text or "").strip():
            return ruled
        if self.mode == "llm_first":
            first = self._llm_first(text, ruled, ctx)
            if first is not None:
                return first
        guess = self.guess_act(text, ruled, ctx)
        act, source = guess.act, "learned"
        asked = self.mode == "learned" and self.extractor is not None and guess.probability < self.ask_llm_below
        if asked:
            ruled, act, source = self._second_opinion(text, ruled, guess)
        return replace(assemble(ruled, act, ctx, guess.probability, source), llm_asked=asked or self.mode == "llm_first")

    def _llm_first(self, text: str, ruled: Understanding, ctx: Context) -> Understanding | None:
        proposal = self.extractor.extract(text, conversation_lines(ctx))
        if proposal is None or proposal.intent is None:
            return None
        return replace(assemble(merge(ruled, proposal, self.analyzer, text), proposal.intent, ctx, 1.0, "llm"),
                       llm_asked=True)

    def _second_opinion(self, text: str, ruled: Understanding, guess: ActGuess) -> tuple[Understanding, str, str]:
        started = time.perf_counter()
        proposal = self.extractor.extract(text)
        if proposal is None:
            log.info("llm gave nothing usable in %.2fs; the classifier answers", time.perf_counter() - started)
            return ruled, guess.act, "learned"
        ranked = sorted(guess.probabilities, key=lambda a: -guess.probabilities[a])[:LLM_CHOICES]
        act = proposal.intent if proposal.intent in ranked else guess.act
        merged = merge(ruled, proposal, self.analyzer, text)
        if act == guess.act and merged == ruled:
            log.info("llm proposal held nothing the message supports (%.2fs); the classifier answers",
                     time.perf_counter() - started)
            return ruled, act, "learned"
        return merged, act, "learned+llm"


__all__ = [
    "Context", "INTENTS", "Lexicon", "Measurements", "SlotChanges", "Understander", "Understanding",
]
