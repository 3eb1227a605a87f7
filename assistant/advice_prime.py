"""Keeps the advice prompt's beginning evaluated for the products a shopper is looking at.

An advice answer's first words wait for the model to read its whole prompt: the instructions
and the facts of the products in view (a page of six is ~230 tokens, 1.5 s on 2 idle cores,
4 s on loaded ones) before the question's own few tokens. All but the question is known when
a turn ends, so it is evaluated then, in the background, and only between turns: once no turn
has run for QUIET_S (while the shopper reads; messages sent back to back get the cores to
themselves), until a turn starts or a call waits for the model; it resumes where it stopped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from catalog.schema import Product

from assistant.advice import advice_prefix
from assistant.llm.base import LLMError, Message

log = logging.getLogger(__name__)

# How long to wait before trying again when the model was busy answering.
RETRY_S = 0.2
# How long after a turn the primer waits before using the cores (a turn measured 30-150 ms on
# loaded cores: a shopper's next message comes later than this, a script's does not).
QUIET_S = 0.3


class AdvicePrimer:
    """One per assistant: the latest products wanted wins, and any turn pauses the work."""

    def __init__(self, llm):
        self._llm = llm
        self._changed = threading.Condition()
        self._wanted: list[Message] | None = None
        self._turns = 0
        self._turn_ended = 0.0
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="advice-primer", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop priming (the model's own check stops a prime under way within a chunk) and wait for the
        thread, so nothing of it is left running when the model is freed."""
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        self._thread.join()

    def want(self, products: Sequence[Product]) -> None:
        """Evaluate the prompt an advice question about `products` would begin with."""
        with self._changed:
            self._wanted = advice_prefix(products)
            self._changed.notify_all()

    @contextmanager
    def turn(self) -> Iterator[None]:
        """While a turn runs, the primer leaves the cores to it."""
        with self._changed:
            self._turns += 1
        try:
            yield
        finally:
            with self._changed:
                self._turns -= 1
                self._turn_ended = time.monotonic()
                self._changed.notify_all()

    def idle(self, timeout: float | None = None) -> bool:
        """Whether the wanted prompt is in (waiting up to `timeout` seconds for it)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._wanted is None, timeout)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._stopped or (self._wanted is not None and not self._turns))
                if self._stopped:
                    return
                quiet = QUIET_S - (time.monotonic() - self._turn_ended)
                if quiet > 0:
                    self._changed.wait(quiet)
                    continue
                messages = self._wanted
            try:
                done = self._llm.prime(
                    messages, lambda: not self._turns and self._wanted is messages and not self._stopped)
            except LLMError as exc:
                log.info("priming the advice prompt failed: %s", exc)
                done = True
            with self._changed:
                if done and self._wanted is messages:
                    self._wanted = None
                    self._changed.notify_all()
                elif not done:
                    self._changed.wait(RETRY_S)
