"""A store that never stops a conversation: failures are logged and retried, the chat goes on.

When the store is down or too slow, the session lives on in the replica's memory; the newest
record of each session waits here and a background thread writes it through once the store
answers again (a pending "end" deletes instead).
"""

from __future__ import annotations

import threading
import time

from sessions.store.base import SessionRecord, SessionStore, StoreUnavailable, log

RETRY_EVERY_S = 1.0
SWEEP_EVERY_S = 60.0
ENDED = None   # a pending deletion


class WriteThrough:
    def __init__(self, store: SessionStore, retry_every_s: float = RETRY_EVERY_S):
        self.store = store
        self._pending: dict[str, SessionRecord | None] = {}
        self._lock = threading.Lock()
        self._down = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(retry_every_s,), name="session-store", daemon=True)
        self._thread.start()

    @property
    def healthy(self) -> bool:
        return not self._down and not self._pending

    def get(self, session_id: str) -> SessionRecord | None:
        """The session's newest record (a pending one first); raises StoreUnavailable when unknown here."""
        with self._lock:
            if session_id in self._pending:
                return self._pending[session_id]
        return self._call(self.store.get, session_id)

    def put(self, session_id: str, record: SessionRecord) -> bool:
        """True when written now; False when it waits for the store to come back."""
        return self._write(session_id, record)

    def end(self, session_id: str) -> bool:
        return self._write(session_id, ENDED)

    def _write(self, session_id: str, record: SessionRecord | None) -> bool:
        with self._lock:
            self._pending.pop(session_id, None)
        try:
            self._apply(session_id, record)
            return True
        except StoreUnavailable:
            with self._lock:
                self._pending[session_id] = record
            return False

    def _apply(self, session_id: str, record: SessionRecord | None) -> None:
        if record is ENDED:
            self._call(self.store.delete, session_id)
        else:
            self._call(self.store.put, session_id, record)

    def _call(self, method, *args):
        try:
            result = method(*args)
        except StoreUnavailable as error:
            if not self._down:
                log.warning("session store unavailable, keeping sessions in memory until it is back: %s", error)
            self._down = True
            raise
        if self._down:
            self._down = False
            log.warning("session store %s is back", self.store.label)
        return result

    def flush(self) -> int:
        """Write every pending record through; returns how many are still waiting."""
        with self._lock:
            pending = list(self._pending.items())
        for session_id, record in pending:
            try:
                self._apply(session_id, record)
            except StoreUnavailable:
                break
            with self._lock:
                if self._pending.get(session_id, record) is record:
                    self._pending.pop(session_id, None)
        written = len(pending) - len(self._pending)
        if written > 0:
            log.info("wrote %d pending session record(s) through", written)
        return len(self._pending)

    def _run(self, retry_every_s: float) -> None:
        last_sweep = time.monotonic()
        while not self._stop.wait(retry_every_s):
            try:
                if self._pending:
                    self.flush()
                sweep = getattr(self.store, "sweep", None)
                if sweep is not None and time.monotonic() - last_sweep > SWEEP_EVERY_S:
                    last_sweep = time.monotonic()
                    sweep()
            except StoreUnavailable:
                continue
            except Exception:  # noqa: BLE001 - the writer must outlive any one bad record
                log.exception("session store writer failed")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.flush()
        self.store.close()
