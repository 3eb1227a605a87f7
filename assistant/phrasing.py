"""One optional LLM sentence after the grounded reply, kept only when it passes a grounding check.

Why this shape: the facts (names, prices, colours, sizes) always come from the template
and are streamed first, so the shopper's first words never wait for a model; the LLM
may then add one short natural follow-up sentence. A 0.5B model invents details, so the
sentence is dropped unless it names no number, price, size, colour, material, category or
capitalised name that the facts of this turn do not contain, is in the reply language, and
fits one short sentence. The call runs in a `BoundedWorker`, so the end of the reply waits
at most `timeout`. With `--llm none` there is no sentence at all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.bounded import BoundedWorker
from assistant.llm.base import LLMError, Message
from assistant.phrasebook import Lang
from assistant.prompts import load_prompt
from assistant.understanding.phrases import COMMON_WORDS
from assistant.understanding.reading import Reader
from assistant.understanding.tokens import cjk_count, is_cjk

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"\d|[$€£¥]|[零一二两三四五六七八九十百千万]+\s*(?:元|块|美元|码|号)")
_SIZE = re.compile(r"\b(?:XXS|XS|S|M|L|XL|XXL|XXXL|\d?XL)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
_WORD = re.compile(r"[A-Za-z]+")
MAX_WORDS = 22
MAX_CJK = 40


@dataclass(frozen=True)
class Facts:
    """What this turn's reply may talk about: attribute values and the words of product titles."""

    pairs: frozenset[tuple[str, str]] = frozenset()
    words: frozenset[str] = frozenset()

    @classmethod
    def of(cls, products: Iterable, request_pairs: Iterable[tuple[str, str]] = ()) -> "Facts":
        pairs = set(request_pairs)
        words: set[str] = set()
        for product in products:
            for slot in ("category", "color", "gender", "fit", "material", "pattern", "sleeve", "style", "occasion"):
                pairs.update((slot, v) for v in product.values(slot))
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", product.title))
        return cls(frozenset(pairs), frozenset(words))


def grounded(sentence: str, facts: Facts, analyzer: Reader, lang: Lang) -> bool:
    """True when the sentence adds no fact of its own (see the module docstring)."""
    text = sentence.strip()
    if not text or _NUMBER.search(text) or _SIZE.search(text):
        return False
    if lang == "zh" and (not is_cjk(text) or cjk_count(text) > MAX_CJK):
        return False
    if lang == "en" and (is_cjk(text) or len(text.split()) > MAX_WORDS):
        return False
    for mention in analyzer.mentions(text):
        if (mention.slot, mention.value) not in facts.pairs:
            return False
    words = _WORD.findall(text)
    names = {w.lower() for w in words[1:] if w[0].isupper()}
    if words and words[0].lower() not in COMMON_WORDS:   # "Zara has similar ones."
        names.add(words[0].lower())
    return names - {"i", "hi"} <= facts.words


def first_sentence(text: str) -> str:
    """The model's first sentence, without quotes or a label it may have added."""
    text = text.strip().strip('"“”「」').strip()
    text = re.sub(r"^(?:assistant|your sentence|sentence)\s*[:：]\s*", "", text, flags=re.I)
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0].strip().strip('"“”「」') if parts else ""


class Phraser:
    """Asks the LLM for the optional follow-up sentence; returns it only when grounded."""

    def __init__(self, llm, analyzer: Reader, *, timeout: float = 1.5, max_tokens: int = 32):
        self.llm = llm
        self.analyzer = analyzer
        self.timeout = timeout
        self.max_tokens = max_tokens
        self._worker = BoundedWorker("llm-phrase")

    def messages(self, message: str, shown: str, lang: Lang) -> list[Message]:
        system = load_prompt("reply_sentence").substitute(language="Chinese" if lang == "zh" else "English")
        user = load_prompt("reply_sentence_user").substitute(message=message.strip()[:300] or "(photo)", shown=shown)
        return [Message("system", system.strip()), Message("user", user.strip())]

    def sentence(self, message: str, shown: str, facts: Facts, lang: Lang) -> str | None:
        candidate, missed = self._worker.run(lambda: self._generate(message, shown, lang), self.timeout)
        if missed or candidate is None:
            log.info("reply sentence dropped (%s)", missed or "no answer")
            return None
        if grounded(candidate, facts, self.analyzer, lang):
            return candidate
        log.info("reply sentence not grounded, dropped: %r", candidate)
        return None

    def _generate(self, message: str, shown: str, lang: Lang) -> str | None:
        raw = ""
        pieces = None
        try:
            pieces = self.llm.stream(self.messages(message, shown, lang), max_tokens=self.max_tokens,
                                     temperature=0.0, timeout=self.timeout)
            for piece in pieces:
                raw += piece
                if _SENTENCE_END.search(raw.strip()[1:]):
                    break
        except LLMError as exc:
            log.info("reply sentence dropped: %s", exc)
            return None
        except Exception:  # noqa: BLE001 - the grounded reply stands without the sentence
            log.exception("llm backend broke its contract (only LLMError may escape)")
            return None
        finally:
            if pieces is not None and hasattr(pieces, "close"):
                pieces.close()
        return first_sentence(raw)
