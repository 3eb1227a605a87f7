"""Ask the chat model for a JSON reading of one message; never trust, only propose.

Fast by construction, because it runs inside a shopper's turn:
- a short prompt (`prompts/extract.txt`, ~190 tokens) that asks only for the intent and
  the position pointed at, with one typical message per intent (values the 0.5B model
  copies from those examples are dropped by `merge`'s grounding); llama.cpp keeps the
  fixed system part cached;
- unconstrained decoding, streamed and stopped as soon as the first JSON object closes.
  llama.cpp's JSON grammar (`json_mode`) was measured ~25x slower per token with
  Qwen's 150k-token vocabulary on this 2-core machine, and every value is validated
  and grounded afterwards anyway;
- a tight token budget and timeout; output cut off by either is salvaged key by key
  (intent and ref come first), so a slow model still contributes what it managed;
- the call runs in a `BoundedWorker`, so the turn waits at most `timeout` even while
  llama.cpp evaluates the prompt (which it cannot interrupt); while one call is running,
  later turns use the rules alone.
Anything that goes wrong (backend error, timeout, prose, unknown keys or values) turns
into `None` or a smaller proposal; `merge` then keeps only what the message grounds.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, field

from catalog.vocabulary import LIST_SLOTS, SLOT_VALUES, canonical_value

from assistant.act_table import prompt_lists
from assistant.bounded import BoundedWorker
from assistant.llm.base import LLMError, Message
from assistant.prompts import load_prompt
from assistant.understanding.model import INTENTS

log = logging.getLogger(__name__)
PRIME_RETRY_S = 0.2   # the wait before the prompt's evaluation ahead is tried again on a busy model


@dataclass(frozen=True)
class Proposal:
    """What the LLM read, already restricted to known intents and canonical values."""

    intent: str | None = None
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    min_price: float | None = None
    max_price: float | None = None
    ref: int | None = None


class LLMExtractor:
    """One bounded LLM call per turn it is asked about: messages -> streamed text -> `Proposal`.

    `prompt` names the prompt pair: "extract" (the act and the position, for unsure turns) or
    "turn" (the whole turn with the conversation, for the LLM-first mode of a strong model).
    """

    def __init__(self, llm, *, timeout: float = 1.5, max_tokens: int = 40, prompt: str = "extract"):
        self.llm = llm
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.prompt = prompt
        self._worker = BoundedWorker(f"llm-{prompt}")

    def warm_up(self, wait: bool = False) -> None:
        """Evaluate the fixed system prompt once in the background, so the first shopper
        who needs the LLM does not pay for it (llama.cpp keeps the common prefix). `wait`
        blocks until it is done: the LLM-first mode reads every turn and must not start busy."""
        started = self._worker.start(self._prime)
        if wait and started is not None:
            started.result()

    def _prime(self) -> None:
        """Tried again while the model is busy (the advice primer starts beside it, a call may come first)."""
        try:
            while not self.llm.prime(self.messages("hello"), lambda: True):
                time.sleep(PRIME_RETRY_S)
        except LLMError as exc:
            log.info("llm extraction prompt not evaluated ahead (%s)", exc)

    def messages(self, text: str, context: str = "") -> list[Message]:
        system = load_prompt(self.prompt).substitute(prompt_lists()).strip()
        user = load_prompt(f"{self.prompt}_user").substitute(message=text.strip()[:300], context=context)
        return [Message("system", system), Message("user", user.strip())]

    def extract(self, text: str, context: str = "") -> Proposal | None:
        """The model's reading of `text`, or None when it is busy, slow, broken or unreadable."""
        proposal, missed = self._worker.run(lambda: self._call(text, context), self.timeout)
        if missed:
            log.info("llm extraction %s (budget %.1f s); the classifier answers", missed, self.timeout)
        return proposal

    def _call(self, text: str, context: str) -> Proposal | None:
        raw = ""
        pieces = None
        try:
            pieces = self.llm.stream(
                self.messages(text, context), max_tokens=self.max_tokens, temperature=0.0, timeout=self.timeout,
            )
            for piece in pieces:
                raw += piece
                if _object_closed(raw):
                    break
        except LLMError as exc:
            log.info("llm extraction stopped (%s); using the %d chars it gave", exc, len(raw))
        except Exception:  # noqa: BLE001 - a misbehaving backend must never break the shopper's turn
            log.exception("llm backend broke its contract (only LLMError may escape); the classifier answers")
            return None
        finally:
            if pieces is not None and hasattr(pieces, "close"):
                pieces.close()   # releases the model at once instead of generating to max_tokens
        return parse_proposal(raw)


def parse_proposal(raw: str) -> Proposal | None:
    """The first JSON object in `raw` (or what a cut-off one holds), reduced to canonical values."""
    data = _first_json_object(raw or "")
    if not isinstance(data, dict):
        data = _salvage(raw or "")
    if not data:
        return None
    intent = data.get("intent") if data.get("intent") in INTENTS else None
    values: dict[str, tuple[str, ...]] = {}
    for slot in SLOT_VALUES:
        canon = _canonical_list(slot, data.get(slot))
        if canon:
            values[slot] = canon if slot in LIST_SLOTS else canon[:1]
    exclude: dict[str, tuple[str, ...]] = {}
    if isinstance(data.get("exclude"), dict):
        for slot, raw_values in data["exclude"].items():
            if slot in SLOT_VALUES:
                canon = _canonical_list(slot, raw_values)
                if canon:
                    exclude[slot] = canon
    return Proposal(
        intent=intent, values=values, exclude=exclude, min_price=_price(data.get("min_price")),
        max_price=_price(data.get("max_price")), ref=_ref(data.get("ref")),
    )


def _canonical_list(slot: str, raw: object) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            canon = canonical_value(slot, item)
            if canon and canon not in out:
                out.append(canon)
    return tuple(out)


def _price(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)) and 0 < raw < 1e6:
        return float(raw)
    if isinstance(raw, str):
        m = re.fullmatch(r"\D*(\d+(?:\.\d+)?)\D*", raw.strip())
        return float(m.group(1)) if m else None
    return None


def _ref(raw: object) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int):
        return None
    return raw if raw == -1 or 0 < raw <= 50 else None


def _object_closed(text: str) -> bool:
    """True once the first top-level JSON object in `text` is complete (braces in strings ignored)."""
    return _object_end(text, text.find("{")) is not None


def _object_end(text: str, start: int) -> int | None:
    if start < 0:
        return None
    depth = 0
    in_string = escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return None


def _first_json_object(text: str) -> object:
    """The first balanced {...} parsed; a malformed one is salvaged pair by pair, never skipped."""
    start = text.find("{")
    end = _object_end(text, start)
    if end is None:
        return None
    try:
        return json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        return _salvage(text[start:end + 1])


_PAIR = re.compile(r'"(\w+)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|\[[^\]\[{}]*\])')


def _salvage(text: str) -> dict[str, object]:
    """Complete `"key": value` pairs of a JSON object cut off by the token budget or the timeout."""
    out: dict[str, object] = {}
    for m in _PAIR.finditer(text):
        try:
            out.setdefault(m.group(1), json.loads(m.group(2)))
        except json.JSONDecodeError:
            continue
    return out
