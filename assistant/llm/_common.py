"""Small pieces every backend needs: deadlines, logged errors, JSON checking.

Kept in one place so that every backend fails the same way: a caller that falls back to
rules on `LLMError` sees the same behaviour whichever backend is configured.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .base import LLMError, Message

logger = logging.getLogger("assistant.llm")


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


@contextmanager
def hold(lock: threading.Lock, deadline: Deadline, backend: str) -> Iterator[None]:
    """Take the model's lock within the call's budget: waiting for another turn counts too."""
    remaining = deadline.remaining()
    if not lock.acquire(timeout=-1 if remaining is None else remaining):
        raise fail(backend, f"model busy for the whole {deadline.seconds} s timeout")
    try:
        yield
    finally:
        lock.release()


def as_dicts(messages: list[Message]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


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
