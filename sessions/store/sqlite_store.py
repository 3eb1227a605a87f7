"""The embedded default: one SQLite file in the app's data folder, in WAL mode.

Each write replaces a whole row in one transaction, so a crash leaves the old record or the
new one, never a mix. Expired rows are deleted on read and by `sweep`, not only forgotten.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from pathlib import Path

from sessions.store.base import SessionRecord, StoreUnavailable, log, parse_or_drop

BUSY_TIMEOUT_S = 2.0
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, record TEXT NOT NULL, expires REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
)


class SqliteStore:
    def __init__(self, path: Path, ttl_s: float):
        self.path = Path(path)
        self.ttl_s = ttl_s
        self.label = f"sqlite:{self.path}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        self.path.chmod(0o600)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        for statement in SCHEMA:
            self._db.execute(statement)

    def _run(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise StoreUnavailable(f"session database {self.path}: {error}") from error

    def get(self, session_id: str) -> SessionRecord | None:
        rows = self._run("SELECT record, expires FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            return None
        raw, expires = rows[0]
        if expires <= time.time():
            self.delete(session_id)
            return None
        return parse_or_drop(self, session_id, raw)

    def put(self, session_id: str, record: SessionRecord) -> None:
        self._run("INSERT OR REPLACE INTO sessions (id, record, expires) VALUES (?, ?, ?)",
                  (session_id, record.to_json(), time.time() + self.ttl_s))

    def delete(self, session_id: str) -> None:
        self._run("DELETE FROM sessions WHERE id = ?", (session_id,))

    def sweep(self) -> int:
        """Delete every expired row; returns how many."""
        with self._lock:
            try:
                gone = self._db.execute("DELETE FROM sessions WHERE expires <= ?", (time.time(),)).rowcount
            except sqlite3.Error as error:
                raise StoreUnavailable(str(error)) from error
        if gone:
            log.info("deleted %d expired session record(s)", gone)
        return gone

    def secret(self) -> bytes:
        self._run("INSERT OR IGNORE INTO meta (key, value) VALUES ('secret', ?)", (secrets.token_bytes(32),))
        return bytes(self._run("SELECT value FROM meta WHERE key = 'secret'")[0][0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
