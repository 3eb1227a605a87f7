"""The link between a replica's in-memory chat sessions and the session store.

Each turn starts by asking the store for the browser's session: a newer record (another
replica's turn, or a restart) replaces what this replica remembers, an absent one after a
write means the session ended elsewhere. Each turn ends by writing the session through.
The photo, its analysis and renders never reach the store (the state codec drops the key,
and only text messages are kept).
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import replace

from assistant.state_codec import CodecError, decode_state, encode_state
from sessions.chat import ChatSession
from sessions.store import SessionRecord, StoreUnavailable, WriteThrough
from sessions.store.cookie import cookie_token, verified_id

log = logging.getLogger("app.shared_sessions")


class SharedSessions:
    def __init__(self, store: WriteThrough, secret: bytes, new_session: Callable[[], ChatSession]):
        self.store = store
        self.secret = secret
        self.new_session = new_session
        # This replica's live session per browser id, so a reload here keeps the photo held in memory.
        self._live: weakref.WeakValueDictionary[str, ChatSession] = weakref.WeakValueDictionary()

    def session_id(self, cookie_header: str | None) -> str | None:
        """The browser's verified session id, or None for a client without a valid cookie."""
        return verified_id(self.secret, cookie_token(cookie_header))

    def current(self, session_id: str, local: ChatSession | None) -> ChatSession:
        """The session this turn runs on: the store's newest version, else this replica's."""
        if local is None or local.closed or local.session_id != session_id:
            local = self._live.get(session_id)
            local = local if local is not None and not local.closed else None
        started = time.perf_counter()
        try:
            record = self.store.get(session_id)
        except StoreUnavailable:
            return local or self._fresh(session_id)
        finally:
            log.debug("store read %.1f ms", 1000 * (time.perf_counter() - started))
        if record is None:
            if local is not None and local.revision > 0:
                local.close()   # ended in another tab or replica, or expired in the store
                return self._fresh(session_id)
            return local or self._fresh(session_id)
        if local is not None and local.revision >= record.revision:
            return local
        return self._restored(session_id, record, local) or self._fresh(session_id)

    def save(self, session: ChatSession) -> None:
        """Write the session through (or leave it pending while the store is away)."""
        if session.session_id is None or session.closed:
            return
        session.revision += 1
        record = SessionRecord(
            history=tuple((m["role"], m["content"]) for m in session.history
                          if isinstance(m.get("content"), str) and m.get("role") in ("user", "assistant")),
            state=encode_state(session.manager.state), revision=session.revision, last_active=time.time())
        self.store.put(session.session_id, record)

    def end(self, session: ChatSession | None, session_id: str | None) -> None:
        """Start over / forget me: the record goes everywhere, the photo and files here."""
        if session is not None:
            session.close()
        if session_id is not None:
            self.store.end(session_id)

    def _fresh(self, session_id: str) -> ChatSession:
        session = self.new_session()
        session.session_id = session_id
        self._live[session_id] = session
        return session

    def _restored(self, session_id: str, record: SessionRecord, local: ChatSession | None) -> ChatSession | None:
        try:
            state = decode_state(record.state)
        except CodecError as error:
            log.warning("dropped unreadable session state %s…: %s", session_id[:6], error)
            self.store.end(session_id)
            return None
        if local is not None:   # same replica, another replica wrote since: keep the photo held here
            local.manager.state = replace(state, photo=local.manager.state.photo,
                                          photo_not_kept=state.photo_not_kept and local.manager.photo is None)
            local.history[:] = [{"role": role, "content": text} for role, text in record.history]
            local.revision = record.revision
            return local
        session = self._fresh(session_id)
        session.manager.state = state
        session.history[:] = [{"role": role, "content": text} for role, text in record.history]
        session.revision = record.revision
        return session
