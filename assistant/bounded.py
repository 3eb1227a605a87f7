"""Run a model call inside a shopper's turn without letting it hold the turn up.

llama.cpp checks its deadline only between tokens, so evaluating a prompt on a loaded
2-core machine ran up to 8 s past a 1.5 s timeout. `BoundedWorker` runs the call in its
own thread and the turn waits at most `timeout`; the call then finishes (and frees the
model) in the background. One call at a time: while one is running, later turns skip the
model instead of queueing behind it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

T = TypeVar("T")


class BoundedWorker:
    def __init__(self, name: str):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._running: Future | None = None
        self._guard = threading.Lock()

    def start(self, call: Callable[[], T]) -> Future | None:
        """Start `call` unless one is still running (then None)."""
        with self._guard:
            if self._running is not None and not self._running.done():
                return None
            self._running = self._pool.submit(call)
            return self._running

    def run(self, call: Callable[[], T], timeout: float) -> tuple[T | None, str | None]:
        """`call`'s result within `timeout`, or (None, why not: "busy" / "late")."""
        future = self.start(call)
        if future is None:
            return None, "busy"
        try:
            return future.result(timeout=timeout), None
        except FutureTimeout:
            return None, "late"
