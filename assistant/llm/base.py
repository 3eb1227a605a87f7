"""The one interface every chat-model backend implements, and the one way each of them fails.

Callers never see a backend's own exceptions: anything that goes wrong (load failure,
timeout, HTTP error, garbage) surfaces as `LLMError`, logged once where it happens, so the
dialogue manager can fall back to its rules for that turn whichever backend is configured.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from assistant.bounded import abandoned

logger = logging.getLogger("assistant.llm")


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


class LLMError(RuntimeError):
    """The backend could not produce an answer this time."""


def fail(backend: str, problem: str, cause: BaseException | None = None) -> LLMError:
    """Log the failure once, where it happens, and return the error to raise.

    Callers only see `LLMError`; the log keeps the backend's own exception for whoever
    has to fix the setup.
    """
    detail = f": {type(cause).__name__}: {cause}" if cause is not None else ""
    logger.warning("%s backend: %s%s", backend, problem, detail)
    return LLMError(f"{backend}: {problem}")


class Deadline:
    """One time budget for a whole call: waiting for the model, prompt and every token."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._at = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        """Seconds left (never negative), or None when the call has no limit."""
        return None if self._at is None else max(0.0, self._at - time.monotonic())

    def expired(self) -> bool:
        return self._at is not None and time.monotonic() >= self._at


def json_object_text(backend: str, text: str) -> str:
    """The first JSON object in a model's answer, checked to parse.

    Grammar-constrained backends already return bare JSON; others (a plain HF model, an
    endpoint that ignores `response_format`) tend to wrap it in prose or code fences.
    """
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            _, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        return text[start:end]
    raise fail(backend, f"no JSON object in the answer ({len(text)} chars: {text[:80]!r})")


class LLMBackend:
    """The interface, its two calls written once: a backend supplies `_pieces` (the answer as it is
    generated, within one deadline) and may override `_answer` when it has a cheaper whole-answer call,
    and `_release` when it holds a model in this process."""

    name: str
    default_timeout: float | None = None

    @property
    def closing(self) -> threading.Event:
        """Set by `close`: every call under way stops at its next piece and no new one starts."""
        return self.__dict__.setdefault("_closing", threading.Event())

    def close(self) -> None:
        """Stop every call and free the model, in that order; calls made after it fail with `LLMError`.

        Whatever made the backend closes it before the process ends. Left to the interpreter's
        teardown, a llama.cpp model was freed under a call still running in a background thread (a
        late answer, the advice primer) and the process died of SIGSEGV after its last line."""
        self.closing.set()
        self._release()

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        json_mode: bool = False,
        timeout: float | None = None,
    ) -> str:
        """The whole answer; `json_mode` asks the backend to constrain output to a JSON object."""
        self._check_open()
        text = self._answer(messages, max_tokens, temperature, json_mode, self._deadline(timeout))
        return json_object_text(self.name, text) if json_mode else text

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        timeout: float | None = None,
    ) -> Iterator[str]:
        """Pieces as they come; an `LLMError` may still arrive after some pieces (a timeout).

        Closing the iterator early stops the generation, and so does its reader going away
        (`assistant.bounded.abandoned`): the answer ends with an `LLMError` at the next piece.
        """
        self._check_open()
        return self._while_read(self._pieces(messages, max_tokens, temperature, False, self._deadline(timeout)))

    def prime(self, messages: list[Message], keep_going: Callable[[], bool]) -> bool:
        """Get ready for a call whose prompt begins with `messages` (see `LlamaCppBackend.prime`);
        True once ready. A backend that keeps no prompt between calls has nothing to do."""
        return True

    def _while_read(self, pieces: Iterator[str]) -> Iterator[str]:
        """`pieces` until nobody reads them: a turn that stopped waiting for a late answer must
        not leave the model generating for nobody (measured with llama.cpp on loaded cores: a
        20-turn chat's later calls found the model busy 13 times before, 7 after)."""
        try:
            for piece in pieces:
                if abandoned():
                    raise fail(self.name, "the answer's reader gave up waiting; stopped")
                self._check_open()
                yield piece
        finally:
            pieces.close()

    def _check_open(self) -> None:
        if self.closing.is_set():
            raise LLMError(f"{self.name}: closed")

    def _release(self) -> None:
        """Free what the backend holds once no call uses it; nothing to do for one that holds no model."""

    def _answer(self, messages: list[Message], max_tokens: int, temperature: float, json_mode: bool,
                deadline: Deadline) -> str:
        return "".join(self._pieces(messages, max_tokens, temperature, json_mode, deadline))

    def _pieces(self, messages: list[Message], max_tokens: int, temperature: float, json_mode: bool,
                deadline: Deadline) -> Iterator[str]:
        raise NotImplementedError

    def _deadline(self, timeout: float | None) -> Deadline:
        return Deadline(self.default_timeout if timeout is None else timeout)
