"""Text (+ conversation context) -> dialogue act, constraints, facts asked for, products pointed at.

One pipeline, each stage entered once: `tokens` normalises the text; `reading` finds prices,
measurements, positions (`positions`), lexicon hits and the shown products the words
describe (`references`); `values` turns the remaining hits into the constraints stated;
`turn` reads what else the turn says before its act (the products pointed at, the facts asked);
`act_features` names the turn's facts and `acts`, a learned classifier over them and the
MiniLM sentence embedding, decides the act. When the classifier is unsure, the LLM is
asked within the turn's budget; its act is taken only if the classifier finds it plausible
and its values only where the shopper's words support them (`merge`). A slow or broken LLM
costs nothing but its (short) timeout. `assemble` reads the turn under the act.

A few facts of a turn are no act choice and are read before the classifier: an attached
image, a request to forget the shopper's photo, and "start over, <a new request>".

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

from assistant.act_table import ACTS, row
from assistant.knowledge.table import KnowledgeTable
from assistant.slots import SearchRequest
from assistant.understanding import values
from assistant.understanding.act_features import turn_features
from assistant.understanding.acts import DIMENSION, ActClassifier, ActGuess
from assistant.understanding.asking import asked_likeness, asks_the_shop
from assistant.understanding.assemble import assemble
from assistant.understanding.clauses import FOUND, split_points
from assistant.understanding.context import Context
from assistant.understanding.cues import ABOUT_PHOTO, FORGET_PHOTO, RESET_STRONG, RESET_WEAK, is_question
from assistant.understanding.embedding_text import embedding_text
from assistant.understanding.lexicon import Lexicon
from assistant.understanding.llm_extract import LLMExtractor
from assistant.understanding.merge import merge
from assistant.understanding.model import INTENTS, Measurements, SlotChanges, Then, Understanding
from assistant.understanding.photo_words import asks_alike, asks_for_a_version, points_at_photo
from assistant.understanding.reading import Reader, Reading
from assistant.understanding.references import find_descriptions
from assistant.understanding.positions import answers_which
from assistant.understanding.sizes import sizes_at
from assistant.understanding.tokens import is_cjk
from assistant.understanding.turn import read_turn

log = logging.getLogger(__name__)
# The LLM's second opinion is waited for this long. On 30 unsure held-apart real turns it came in 0.42 s (p50), 0.50 s
# (p90), 0.55 s at most on an idle machine; on a busy one it took 1.0-1.5 s or timed out, and the shopper's first
# words waited for it: within this budget they come within a second however busy the machine.
SECOND_OPINION_S = 0.9
# Below this probability the classifier's act is a guess worth a second opinion: on the held-apart
# real turns, 14.6% of them (the old classifier's share at its threshold: 13.7%), right 64% of the
# time (those above: 96%).
ASK_LLM_BELOW = 0.75
# Words sent with a photo of a person that ask for products ("find me this jacket", "do you have
# something like her dress?") make it a photo of what that person wears, to search by, not a selfie.
FINDS = frozenset({"search", "refine"})
# Words sent with a selfie that ask to wear something on it ("here's me, try the second one on", "find me a red top
# and put it on me") are their own turn, run once the photo is kept.
AFTER_SELFIE = frozenset({"try_on"})
# The act a message's second half reads as, when it points at a product by its place in a list ("put the first one on
# my selfie"), must be likelier than all others together; pointed at by "it", as sure as a turn's act must be to run
# without a second opinion (ASK_LLM_BELOW), because "it" in a second sentence is the usual false reading ("all of mine
# have holes in them"). Held-apart compound messages read as two turns: 36 of 45 with ASK_LLM_BELOW for both, 40 with
# this; 0 of 45 other messages either way. Real shopper turns read as two: 2 of 3,640 (each a search and a question
# about the first product found; none adds to the cart or renders).
TAIL_SURE = 0.5
# The LLM's act is taken only from the classifier's few most likely ones.
LLM_CHOICES = 3
MODES = ("learned", "llm_first")
LLM_FIRST_TOKENS = 120
TAIL_PUNCT = " ,.!?;:-，。！？"


def conversation_lines(ctx: Context) -> str:
    """What the LLM-first prompt is told about the conversation: the request and what is shown."""
    lines = [f"Current request: {json.dumps(ctx.request.to_canonical(), ensure_ascii=False)}"]
    for i, tags in enumerate(ctx.shown_tags, 1):
        values_shown = ", ".join(sorted(v for slot, v in tags if slot != "word"))
        lines.append(f"Shown product {i}: {values_shown}")
    return "\n".join(lines)


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


def _default_words() -> frozenset[str]:
    from catalog.embedder import vocabulary

    return vocabulary()


def strange_words(reading: Reading, known: tuple[frozenset[str], ...]) -> tuple[str, ...]:
    """The message's words no reader of it knows: in none of the `known` word sets (the language model's
    vocabulary's whole words, the reader's own). A brand's name, a typo, "zzzz". Chinese is not judged: the
    vocabulary holds its characters one by one."""
    return tuple(w for w in reading.words if w.isalpha() and not is_cjk(w)
                 and not any(w in words_known for words_known in known))


def unread(reading: Reading, strange: tuple[str, ...]) -> bool:
    """Whether a message has letters but no word a reader of it would know (all `strange`) and no term of the
    shop's: "asdf qwer zxcv" is neither small talk nor a request."""
    words = [w for w in reading.words if w.isalpha()]
    return bool(words) and not reading.mentions and len(strange) == len(words)


class Understander:
    """The understanding pipeline over one lexicon, act classifier and (optional) LLM."""

    def __init__(self, lexicon: Lexicon | None = None, llm=None, *, llm_timeout: float = SECOND_OPINION_S,
                 ask_llm_below: float = ASK_LLM_BELOW, acts: ActClassifier | None = None,
                 encode: Callable[[Sequence[str]], np.ndarray] | None = None, mode: str = "learned"):
        if mode not in MODES:
            raise ValueError(f"unknown understanding mode {mode!r}; valid: {', '.join(MODES)}")
        self.lexicon = lexicon or Lexicon.build()
        self.analyzer = Reader(self.lexicon)
        self.mode = mode if llm is not None else "learned"
        prompt, tokens = ("turn", LLM_FIRST_TOKENS) if self.mode == "llm_first" else ("extract", 40)
        self.extractor = LLMExtractor(llm, timeout=llm_timeout, max_tokens=tokens, prompt=prompt) if llm is not None else None
        self.ask_llm_below = ask_llm_below
        self.acts = acts or ActClassifier.load()
        self.encode = encode or _default_encode
        self.knowledge = KnowledgeTable.load(self.encode)   # how near a turn comes to a question the shop answers

    @classmethod
    def for_catalog(cls, catalog=None, llm=None, **kwargs) -> "Understander":
        """An understander whose lexicon also knows the catalog's own categories and colours."""
        extra = catalog.vocabulary() if catalog is not None else None
        return cls(Lexicon.build(extra), llm, **kwargs)

    def read(self, text: str, ctx: Context) -> tuple[Reading, Understanding]:
        """Stages 1-3: the reading and the turn it states, before any act."""
        reading = self.analyzer.read(text, ctx)
        words = self.analyzer.category_words
        turn = read_turn(reading, values.stated(reading, words), sizes_at(reading, words))
        strange = strange_words(reading, (_default_words(), self.analyzer.known_words))
        return reading, replace(turn, strange=strange, unread=unread(reading, strange))

    def meaning(self, reading: Reading) -> np.ndarray:
        """The turn's sentence embedding, made once: the act classifier and the knowledge table both read it."""
        return embed(self.encode, [embedding_text(reading.tokens, self.lexicon)])[0]

    def guess_act(self, reading: Reading, turn: Understanding, ctx: Context, vector: np.ndarray, like: float
                  ) -> ActGuess:
        return self.acts.predict(vector, turn_features(reading, turn, ctx, like))

    def likeness(self, reading: Reading, vector: np.ndarray) -> float:
        """How near the turn comes to a question the knowledge table answers by what it asks (`asking`)."""
        return float(asked_likeness(self.knowledge, [reading], vector[None, :])[0])

    def understand(self, text: str, context: Context | None = None, image: str | None = None) -> Understanding:
        ctx = context or Context()
        text = text or ""
        said = self.understand(text, ctx) if image == "selfie" and text.strip() else None
        wears = said is not None and (said.intent in AFTER_SELFIE or (said.then is not None
                                                                     and said.then.act in AFTER_SELFIE))
        reading, turn = self.read(text, ctx)
        about_worn = said is not None and not wears   # the words may ask about what the photo shows
        finds = about_worn and said.intent in FINDS
        alike = about_worn and asks_alike(reading)
        version = about_worn and asks_for_a_version(said.stated.values)
        if alike or (finds or version) and points_at_photo(reading, self.analyzer.category_words,
                                                           bool(said.stated.values.get("category"))):
            return replace(said, intent="photo_search", changes=said.changes if finds else said.stated, then=None,
                           own_words="")
        if image:   # a selfie with words to act on after it: wear something, or find what they name
            photo = "photo_search" if image == "garment" else "upload_photo"
            return replace(turn, intent=photo, changes=turn.stated if photo == "photo_search" else SlotChanges(),
                           refs=(), confidence=1.0, then=Then(text, said.intent) if wears or finds else None)
        if not text.strip() or turn.unread:   # nothing said, or nothing a reader knows: no act to guess at
            return replace(turn, intent="smalltalk", refs=(), confidence=1.0)
        if FORGET_PHOTO.search(reading.text):
            return Understanding(intent="smalltalk", ruled_act="forget_photo", source="rules")
        if ABOUT_PHOTO.search(reading.text):
            return Understanding(intent="smalltalk", ruled_act="photo_status", source="rules")
        fresh = self._fresh_request(reading, ctx)
        if fresh is not None:
            return Understanding(intent="search", changes=fresh, stated=fresh, measurements=reading.measurements,
                                 new_request=True, source="rules", notes=("reset+search",))
        if self.mode == "llm_first":
            first = self._llm_first(text, turn, ctx)
            if first is not None:
                return first
        vector = self.meaning(reading)
        like = self.likeness(reading, vector)
        # a question put to the shop is one, whatever its clauses read as ("got a wool sweater for my dad, it went
        # tiny in the wash, what went wrong?" is no search and a question about the first sweater found)
        to_shop = asks_the_shop(reading, like)
        halves = None if to_shop else self.two_turns(text, ctx)
        if halves is not None:
            head, then = halves
            return replace(self.understand(head, ctx), then=then, own_words=head)
        guess = self.guess_act(reading, turn, ctx, vector, like)
        act, source = guess.act, "learned"
        # "the floral one" said to "which one do you mean?", asking nothing of it: the answer, not a look at it
        described = bool(reading.pointing.refs) and not is_question(reading.tokens.text) and act == "details"
        if ctx.asked_which and ctx.last_action in ACTS and (answers_which(reading.positions) or described):
            # "1", "the second and the fourth", said to "which one do you mean?": the act asked about runs on them, as
            # asked then ("add the black one": the add was said)
            guess, act, source = replace(guess, act=ctx.last_action, probability=1.0), ctx.last_action, "rules"
            turn = replace(turn, says_add=turn.says_add or act == "add_to_cart")
        unsure = self.mode == "learned" and self.extractor is not None and guess.probability < self.ask_llm_below
        # the table is consulted once, where its answer counts: a question put to the shop it answers is advice
        # whatever act the words resemble (`actions.decide`), and an unsure advice question it answers needs no
        # second opinion (which would only cost the answer its first second; on a busy machine it timed out)
        on_empty_screen = ctx.shown_count == 0 and is_question(reading.tokens.text)
        answered = (to_shop or on_empty_screen or (unsure and guess.act == "advice")) \
            and self._answered(reading, turn, vector)
        asked = unsure and not (to_shop and answered) and not (guess.act == "advice" and answered)
        if asked:
            turn, act, source = self._second_opinion(text, turn, guess)
        return replace(assemble(turn, act, ctx, guess.probability, source), llm_asked=asked or self.mode == "llm_first",
                       known=answered and (to_shop or on_empty_screen), to_shop=to_shop)

    def two_turns(self, text: str, ctx: Context) -> tuple[str, Then] | None:
        """A request for products and then an act on what it finds ("show me linen shirts and try the first one on
        me"), as its two halves, when the message is one. Said as one turn, the act ran on the list already on
        screen and the request was lost. Each half must read surely on its own (the classifier, never the LLM's
        second opinion): the head as a request for products (any act that lists them) that names what to find, the
        tail as an act on a shown one, read as said with products on screen. What the tail acts on is not found
        yet, so it can point at it only by its place or as "it"; the head names products indefinitely
        (`_pointing`), and a join between two values of one slot joins no clauses (`_coordinated`). Of several
        cuts, the one both halves read surest."""
        best: tuple[float, str, Then] | None = None
        for head, tail in split_points(text):
            # the readings first, each half read once; the classifier's embedding only for a cut they allow
            tail_reading = self.analyzer.read(tail, ctx)
            pointing = self._pointing(tail_reading)
            if pointing not in ("placed", "pronoun"):
                continue
            head_reading, head_turn = self.read(head, ctx)
            if self._pointing(head_reading) or _coordinated(head_reading, tail_reading):
                continue
            head_act = self._guess(head_reading, head_turn, ctx)
            if head_act is not None and head_turn.stated.is_empty() and not row(head_act.act).next_page:
                continue   # a request names what to find ("absolutely what I'm looking for!" names nothing)
            # a request for products, whichever act lists them: over a list of tees, "show me midi skirts" is a
            # search or a refine, each unsure alone (0.5 and 0.4), the one request surely
            lists = sum(p for act, p in head_act.probabilities.items() if row(act).lists) if head_act else 0.0
            if lists < self.ask_llm_below:
                continue
            after = _after(head_turn, ctx)
            tail_act = self._guess(*self.read(tail, after), after)
            if tail_act is None or tail_act.probability < (TAIL_SURE if pointing == "placed" else self.ask_llm_below) \
                    or ACTS[tail_act.act].refs != "last" or ACTS[tail_act.act].lists:
                continue
            sureness = min(lists, tail_act.probability)
            if best is None or sureness > best[0]:
                best = (sureness, head, Then(tail, tail_act.act))
        return best[1:] if best is not None else None

    def _pointing(self, reading: Reading) -> str:
        """How the words point at products: "described" ("the black coat on the rack", "those two"), "placed" (by
        place in a list: "the first one", "the cheapest"), "pronoun" ("it"), "" (not at all: a request names
        products indefinitely, "a red top", "linen shirts"). Only by place or pronoun can words point at what a
        search has just found."""
        positions = reading.positions.tokens
        found = [d for d in reading.pointing.descriptions or find_descriptions(
            list(reading.words), list(reading.mentions), self.analyzer.category_words)
            if not any(k in positions for k in range(d.start, d.end))]
        if any(d.pairs or d.words or not d.order for d in found):   # "the cheapest" is a place in any list
            return "described"
        if positions or found:
            return "placed"
        return "pronoun" if FOUND.search(reading.text) else ""

    def _guess(self, reading: Reading, turn: Understanding, ctx: Context) -> ActGuess | None:
        """The classifier's guess at the act of words read on their own (never the LLM's), None when they hold
        nothing a reader knows."""
        if turn.unread:
            return None
        vector = self.meaning(reading)
        return self.guess_act(reading, turn, ctx, vector, self.likeness(reading, vector))

    def _answered(self, reading: Reading, turn: Understanding, vector: np.ndarray) -> bool:
        """Whether the shop's knowledge table has facts that answer the words."""
        pairs = {(slot, v) for slot, values in turn.stated.values.items() for v in values}
        return bool(self.knowledge.find(vector, reading.text, pairs))

    def _fresh_request(self, reading: Reading, ctx: Context) -> SlotChanges | None:
        """"start over, a yellow skirt" / "never mind, show me coats": the request words after the
        restart, when there are any (after a weak "never mind", only for another garment)."""
        restart = RESET_STRONG.search(reading.text)
        if restart is None:
            restart = RESET_WEAK.search(reading.text)
            if restart is None:
                return None
        raw = reading.tokens.text
        tail = (raw if len(raw) == len(reading.text) else reading.text)[restart.end():]
        if not tail.strip(TAIL_PUNCT):
            return None
        tail_reading = self.analyzer.read(tail)
        changes = values.request_only(tail_reading, self.analyzer.category_words)
        if changes.is_empty():
            return None
        if restart.re is RESET_WEAK:
            asked = changes.values.get("category", (None,))[0]
            if asked is None or asked == ctx.request.category:
                return None
        return changes

    def _llm_first(self, text: str, turn: Understanding, ctx: Context) -> Understanding | None:
        proposal = self.extractor.extract(text, conversation_lines(ctx))
        if proposal is None or proposal.intent is None:
            return None
        return replace(assemble(merge(turn, proposal, self.analyzer, text), proposal.intent, ctx, 1.0, "llm"),
                       llm_asked=True)

    def _second_opinion(self, text: str, turn: Understanding, guess: ActGuess) -> tuple[Understanding, str, str]:
        started = time.perf_counter()
        proposal = self.extractor.extract(text)
        if proposal is None:
            log.info("llm gave nothing usable in %.2fs; the classifier answers", time.perf_counter() - started)
            return turn, guess.act, "learned"
        ranked = sorted(guess.probabilities, key=lambda a: -guess.probabilities[a])[:LLM_CHOICES]
        act = proposal.intent if proposal.intent in ranked else guess.act
        merged = merge(turn, proposal, self.analyzer, text)
        if _searches(act) and merged.changes.is_empty() and not _searches(guess.act):
            # a search needs something to search for: asked "which of these suits me?" with no context,
            # the model said search, and the list was shown again in place of an answer
            act = guess.act
        if act == guess.act and merged == turn:
            log.info("llm proposal held nothing the message supports (%.2fs); the classifier answers",
                     time.perf_counter() - started)
            return turn, act, "learned"
        return merged, act, "learned+llm"


__all__ = [
    "Context", "INTENTS", "Lexicon", "Measurements", "SlotChanges", "Understander", "Understanding",
]


def _coordinated(head: Reading, tail: Reading) -> bool:
    """Whether the join between two halves joins two values of one slot ("that black and white top"), not two
    clauses: the head ends on one, the tail starts on another."""
    last = [m.slot for m in head.mentions if m.end == len(head.words)]
    first = [m.slot for m in tail.mentions if m.start == 0]
    return bool(set(last) & set(first))


def _after(request: Understanding, ctx: Context) -> Context:
    """The context as a request (its words read) leaves it, as far as the act classifier reads it: products on
    screen, a request made (the garment it names, or the one before)."""
    asked = request.stated.values.get("category", ())
    made = SearchRequest(category=asked[0]) if asked else ctx.request
    return replace(ctx, shown_count=max(ctx.shown_count, 1), request=made)


def _searches(act: str) -> bool:
    """Whether the act searches: it updates the request, so it needs something to search for."""
    row = ACTS.get(act)
    return row is not None and row.updates == "request"
