"""Open questions and outfits: what goes with a product, and the LLM's grounded answer.

Outfits are planned from data, not generated: the complementary garment type comes from
the item's kind (a top wants a bottom, a dress a layer), the colours from a small harmony
table, and the reason line is built from those facts. Advice questions ("is linen or cotton
better for a hot wedding?") are answered by the LLM, streamed, from the facts of the
products in view only; it is told never to state a price, size or stock it was not given.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from catalog.schema import Product
from catalog.vocabulary import garment_type

from assistant.advice_check import (
    contradicts_facts, echoes_instructions, invents_figures, label_words, looks_like_prose, may_misquote, opening_known,
    unlabelled)
from assistant.llm.base import LLMError, Message
from assistant.phrasebook import say
from assistant.prompts import load_prompt

log = logging.getLogger(__name__)

NEUTRALS = ("black", "white", "grey", "navy", "beige")
# Colours that go with a colour: neutrals with everything; neutrals pair by contrast.
GOES_WITH: dict[str, tuple[str, ...]] = {
    "black": ("white", "grey", "beige", "red"), "white": ("navy", "black", "beige", "blue"),
    "grey": ("black", "white", "navy", "burgundy"), "navy": ("beige", "white", "grey", "brown"),
    "beige": ("navy", "white", "brown", "olive"), "brown": ("beige", "white", "navy", "olive"),
    "olive": ("beige", "white", "black", "brown"), "blue": ("white", "beige", "grey", "navy"),
}
# The garment that completes an outfit, by the kind of the item it goes with (first found wins).
COMPLEMENTS: dict[str, tuple[str, ...]] = {
    "upper": ("trousers", "jeans", "shorts", "skirt"),
    "lower": ("shirt", "t-shirt", "sweater", "blouse", "polo"),
    "full": ("jacket", "cardigan", "blazer", "coat"),
    "none": ("shirt", "trousers"),
}
# stands for the question where the prompt is cut before it (a message's text never holds it)
QUESTION_MARK = "\x00"
ADVICE_TOKENS = 140
ADVICE_TIMEOUT_S = 20.0
MAX_FACT_PRODUCTS = 6   # a whole page of results: "which of these" chooses among all of it
# The prompt asks for two sentences; a third is tolerated, anything past it is a ramble.
MAX_ADVICE_SENTENCES = 3
SENTENCE_END = re.compile(r"[.!?。！？](?=\s|$)|[。！？]")


@dataclass(frozen=True)
class OutfitPlan:
    category: str
    colors: tuple[str, ...]
    query: str
    item_color: str | None


def complement(item: Product, asked: str | None, categories: set[str] | frozenset[str]) -> OutfitPlan:
    """The garment type (asked, or implied by the item's kind) and the colours that go with the item."""
    return complement_of(item.category, item.colors[0] if item.colors else None, item.style[:1] + item.occasion[:1],
                         asked, categories)


def complement_of(category: str, color: str | None, looks: tuple[str, ...], asked: str | None,
                  categories: set[str] | frozenset[str]) -> OutfitPlan:
    """`complement` for a garment known by its kind, colour and looks (a style, an occasion) alone: one the
    shopper says they have ("my beige shorts")."""
    kind = garment_type(category)
    options = (asked,) if asked else tuple(c for c in COMPLEMENTS.get(kind, COMPLEMENTS["none"]) if not categories or c in categories)
    chosen = options[0] if options else COMPLEMENTS["none"][0]
    colors = GOES_WITH.get(color, NEUTRALS) if color else NEUTRALS
    style = " ".join(looks)
    query = f"{style} {' '.join(colors[:2])} {chosen}".strip()
    return OutfitPlan(chosen, tuple(c for c in colors if c != color), query, color)


def facts_lines(products: Sequence[Product]) -> list[str]:
    """Catalog facts the LLM may use, one line per product in view. No price: style advice does
    not need one, the product card beside the answer shows it, and a small model given "$36.99"
    was seen to say "$36"."""
    lines = []
    for i, p in enumerate(products[:MAX_FACT_PRODUCTS], 1):
        bits = [p.title, p.category, "/".join(p.colors), "/".join(p.material), p.fit or "", p.pattern or "",
                "/".join(p.style), "/".join(p.occasion)]
        lines.append(f"{i}. " + "; ".join(b for b in bits if b))
    return lines


def advice_messages(question: str, products: Sequence[Product], lang: str) -> list[Message]:
    """The system prompt, then the facts of the products in view, and the question last: what is
    known before the question is a prefix the backend can evaluate ahead (`advice_prefix`)."""
    system = load_prompt("advice").template.strip()
    facts = "\n".join(facts_lines(products)) or "(no products in view)"
    user = load_prompt("advice_user").substitute(
        question=question.strip()[:400], facts=facts, language="Chinese" if lang == "zh" else "English")
    return [Message("system", system), Message("user", user.strip())]


def advice_prefix(products: Sequence[Product]) -> list[Message]:
    """`advice_messages` for these products cut where the question begins."""
    system, user = advice_messages(QUESTION_MARK, products, "en")
    return [system, Message("user", user.content.split(QUESTION_MARK)[0])]


def _sentence_key(sentence: str) -> str:
    return "".join(ch for ch in sentence.lower() if ch.isalnum())


def without_loops(pieces: Iterable[str], max_sentences: int = MAX_ADVICE_SENTENCES) -> Iterator[str]:
    """A small model can fall into a loop, writing one sentence over and over. The first
    sentence streams as it comes (first words stay fast); each later one is held until it
    ends and shown only if it is new, and the answer ends at the first repeat or the cap."""
    seen: set[str] = set()
    held = ""
    for piece in pieces:
        streamed = len(held) if not seen else 0
        held += piece
        while (end := SENTENCE_END.search(held)) is not None:
            sentence, held = held[:end.end()], held[end.end():]
            key = _sentence_key(sentence)
            if seen and key in seen:
                return
            yield sentence[streamed:] if not seen else sentence
            seen.add(key)
            streamed = 0
            if len(seen) >= max_sentences:
                return
        if not seen and len(held) > streamed:
            yield held[streamed:]
    tail = _sentence_key(held)
    if seen and tail and not any(key.startswith(tail) for key in seen):
        yield held


def unanswered(settled: Sequence[str], lang: str, about_products: bool = False, rejected: bool = False) -> str:
    """Said where the model gives no answer: what the facts settle, else what would let the shop
    answer about the products in view (asking again would meet the same busy or failing model),
    else an apology: for a general question whose answer failed the checks (`rejected`), with what the shop
    can do instead (asked again, the model gives the same)."""
    if settled:
        return "\n".join(settled)
    return say("advice_narrow" if about_products else "advice_unsure" if rejected else "advice_sorry", lang)


def answer_stream(llm, question: str, products: Sequence[Product], lang: str,
                  settled: Sequence[str] = (), hold_first: bool = False) -> Callable[[], Iterator[str]]:
    """A factory for the streamed answer. The first sentence is shown word by word once its opening
    reads as prose and not as the instructions read back, up to where it names a product or states
    a figure (`may_misquote`); from there it is held until it ends and checked against the facts.
    Later sentences are checked whole. A sentence that fails is left out; a first one fails into an
    honest sentence: what the facts settle (`settled`) or the apology when nothing of it was shown,
    a retraction after its shown words. `hold_first`: the question chooses among the products shown
    ("which of these suits me?"), so the first sentence is the choice and is held whole: streamed, the
    bundled model's 'The product you are looking for is a "Relaxed' was shown before it failed the
    check, and taken back mid-word."""
    messages = advice_messages(question, products, lang)
    instructions = messages[0].content
    labels = label_words(instructions)
    in_view = products[:MAX_FACT_PRODUCTS]

    def opens_well(text: str) -> bool:
        # a label of the instructions' words before the first sentence is them read back too ("The recommendation
        # is: 'For the office, it is better for a wedding.'")
        if looks_like_prose(text) and not echoes_instructions(text, instructions) and unlabelled(text, labels) == text:
            return True
        log.info("advice answer was not prose, or read its instructions back; said sorry instead")
        return False

    def fits(sentence: str) -> bool:
        if contradicts_facts(sentence, in_view, question):
            log.info("advice sentence gave a product facts it does not have; left out")
            return False
        if invents_figures(sentence, messages[1].content, len(in_view)):
            log.info("advice sentence stated a figure it was not given; left out")
            return False
        return True

    def pieces() -> Iterator[str]:
        held, streamed, shown = "", "", False   # streamed: the first sentence's words already shown
        try:
            for piece in without_loops(llm.stream(messages, max_tokens=ADVICE_TOKENS, temperature=0.2,
                                                   timeout=ADVICE_TIMEOUT_S)):
                held += piece
                while True:
                    if shown and not streamed:   # a label the model put before a later sentence goes ("Reason: ...")
                        held = unlabelled(held, labels)
                    if (end := SENTENCE_END.search(held)) is None:
                        break
                    sentence, held = held[:end.end()], held[end.end():]
                    whole = streamed + sentence
                    if (shown or opens_well(whole)) and fits(whole):
                        shown, streamed = True, ""
                        yield sentence
                    elif not shown:
                        yield say("advice_retract", lang) if streamed else unanswered(settled, lang, bool(in_view), True)
                        return
                partial = streamed + held
                if not shown and held and not hold_first and opening_known(partial) and not may_misquote(partial, in_view):
                    if not streamed and not opens_well(partial):
                        yield unanswered(settled, lang, bool(in_view), True)
                        return
                    yield held
                    streamed, held = partial, ""
        except LLMError as exc:
            log.info("advice answer stopped: %s", exc)
        rest = streamed + held
        if held.strip() and (shown or opens_well(rest)) and fits(rest):
            yield held
        elif held.strip() and streamed:
            yield say("advice_retract", lang)
        elif not shown and not streamed:   # nothing came, or what came failed the checks
            yield unanswered(settled, lang, bool(in_view), bool(held.strip()))
    return pieces
