"""What a session store keeps for one shopper, and the small interface every store implements.

A record is one JSON document written atomically: the transcript's text, the dialogue state
(through `assistant.state_codec`, which never lets the photo key through), a revision and the
last activity time. Anything that does not parse as a whole is corrupt: the store drops it and
logs, it is never half-read.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger("app.session_store")
RECORD_FORMAT = 1
ROLES = ("user", "assistant")


class StoreUnavailable(RuntimeError):
    """The store could not be reached or answered too slowly; the caller keeps the session in memory."""


class CorruptRecord(ValueError):
    """A stored record that does not parse as a whole."""


@dataclass(frozen=True)
class SessionRecord:
    """One shopper's stored session. `state` is the codec's JSON data, opaque here."""

    history: tuple[tuple[str, str], ...]   # (role, text) messages as shown, text only
    state: dict[str, Any]
    revision: int = 0
    last_active: float = field(default_factory=time.time)

    def to_json(self) -> str:
        return json.dumps({"format": RECORD_FORMAT, "history": [list(m) for m in self.history], "state": self.state,
                           "revision": self.revision, "last_active": self.last_active},
                          ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> "SessionRecord":
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
                raise CorruptRecord("unknown record format")
            history = tuple((str(role), str(content)) for role, content in data["history"] if role in ROLES)
            if not isinstance(data["state"], dict) or not isinstance(data["revision"], int):
                raise CorruptRecord("state or revision of the wrong type")
            return cls(history, data["state"], data["revision"], float(data["last_active"]))
        except CorruptRecord:
            raise
        except (TypeError, ValueError, KeyError) as error:
            raise CorruptRecord(f"unreadable record: {error}") from error


class SessionStore(Protocol):
    """Records by session id, deleted by the store itself after `ttl_s` without a write."""

    ttl_s: float
    label: str

    def get(self, session_id: str) -> SessionRecord | None:
        """The record, or None when absent, expired or corrupt (then dropped). Raises StoreUnavailable."""

    def put(self, session_id: str, record: SessionRecord) -> None:
        """Write the whole record atomically and restart its TTL. Raises StoreUnavailable."""

    def delete(self, session_id: str) -> None:
        """End the session everywhere. Raises StoreUnavailable."""

    def secret(self) -> bytes:
        """A random key shared by every process on this store, created on first use (signs session ids)."""

    def close(self) -> None:
        """Release connections."""


def parse_or_drop(store: SessionStore, session_id: str, raw: str | bytes | None) -> SessionRecord | None:
    """A stored record, or None after dropping (and logging) one that is corrupt."""
    if raw is None:
        return None
    try:
        return SessionRecord.from_json(raw)
    except CorruptRecord as error:
        log.warning("dropped corrupt session record %s…: %s", session_id[:6], error)
        store.delete(session_id)
        return None
