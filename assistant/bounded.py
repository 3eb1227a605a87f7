"""Run a model call inside a shopper's turn without letting it hold the turn up.

llama.cpp checks its deadline only between tokens, so evaluating a prompt on a loaded
2-core machine ran up to 8 s past a 1.5 s timeout, and an HTTP endpoint can be late by any
amount. `BoundedWorker` runs a whole call in its own thread and the turn waits at most
`timeout`; `pieces_within` does the same for a stream the turn shows piece by piece. The
late call then finishes (and frees the model) in the background. One call at a time per
worker: while one is running, later turns skip the model instead of queueing behind it.

The threads are daemons: a call that never returns holds neither a turn nor the process's
exit (a pool's worker thread is joined at exit, so `chat` would wait for the model after
its last line).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
_END = object()
_reader = threading.local()   # in a `pieces_within` thread: the event set when its reader has gone


def abandoned() -> bool:
    """True in a thread whose stream nobody reads any more (`pieces_within` stopped waiting for
    it): a model generating there should stop at its next token and free the model for the next
    call, instead of generating on to its own deadline."""
    gone = getattr(_reader, "gone", None)
    return gone is not None and gone.is_set()


def in_background(call: Callable[[], T], name: str) -> Future:
    """`call` run in a daemon thread; its result (or exception) arrives in the future."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(call())
        except BaseException as exc:  # noqa: BLE001 - handed to whoever reads the future
            future.set_exception(exc)
    threading.Thread(target=run, name=name, daemon=True).start()
    return future


class BoundedWorker:
    def __init__(self, name: str):
        self._name = name
        self._running: Future | None = None
        self._guard = threading.Lock()

    def start(self, call: Callable[[], T]) -> Future | None:
        """Start `call` unless one is still running (then None)."""
        with self._guard:
            if self._running is not None and not self._running.done():
                return None
            self._running = in_background(call, self._name)
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


def pieces_within(make: Callable[[], Iterable[str]], first_s: float, gap_s: float, name: str) -> Iterator[str]:
    """The pieces of the stream `make()` returns, for as long as they come in time: the first
    within `first_s`, each later one within `gap_s` of the one before.

    The stream runs in a daemon thread, because a late model blocks inside a call (a prompt
    being evaluated, a socket read) where no deadline of its own is checked. A late stream
    ends here, with what came in time; the thread closes it when it next gets control. A
    stream that fails ends too: the failure is logged, the turn goes on.
    """
    handoff: queue.Queue = queue.Queue()
    stop = threading.Event()

    def produce() -> None:
        _reader.gone = stop
        stream = None
        try:
            stream = iter(make())
            for piece in stream:
                if stop.is_set():
                    break
                handoff.put(piece)
        except Exception:  # noqa: BLE001 - the turn's reply stands without the rest
            log.exception("%s: the stream failed; it ends here", name)
        finally:
            if stream is not None and hasattr(stream, "close"):
                stream.close()
            handoff.put(_END)

    threading.Thread(target=produce, name=name, daemon=True).start()
    wait = first_s
    try:
        while True:
            try:
                piece = handoff.get(timeout=wait)
            except queue.Empty:
                log.info("%s: no piece within %.1f s; the stream ends here", name, wait)
                return
            if piece is _END:
                return
            yield piece
            wait = gap_s
    finally:
        stop.set()
