"""Helpers the local backends share: taking the model's lock within a call's budget, and
messages in the dict shape their chat APIs take."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .base import Deadline, Message, fail


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
