"""The session stores on real SQLite and a real redis-server: round trips, TTL, corrupt rows, outages."""

from __future__ import annotations

import logging
import sqlite3
import time

import pytest

from sessions.store import SessionRecord, StoreUnavailable, WriteThrough, open_store
from sessions.store.cookie import COOKIE, cookie_token, new_token, verified_id
from sessions.store.redis_store import PREFIX
from tests.redis_server import redis_server

pytestmark = pytest.mark.alone   # a dead store does not hold a turn past its deadline


@pytest.fixture(scope="module")
def redis():
    with redis_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "redis"])
def make_store(request, tmp_path):
    stores = []

    def make(ttl_s: float = 60.0):
        spec = f"sqlite:///{tmp_path / 'sessions.db'}" if request.param == "sqlite" else request.getfixturevalue("redis").url
        store = open_store(spec, tmp_path, ttl_s)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()


def record(revision: int = 1) -> SessionRecord:
    return SessionRecord((("assistant", "Hi!"), ("user", "a navy shirt, size L")),
                         {"format": 1, "state": {"lang": "en"}}, revision, last_active=1_700_000_000.5)


def corrupt(store, session_id: str, raw: str) -> None:
    if hasattr(store, "path"):
        with sqlite3.connect(store.path) as db:
            db.execute("UPDATE sessions SET record = ? WHERE id = ?", (raw, session_id))
    else:
        store._client.set(PREFIX + session_id, raw)


def stored(store, session_id: str) -> bool:
    if hasattr(store, "path"):
        with sqlite3.connect(store.path) as db:
            return db.execute("SELECT count(*) FROM sessions WHERE id = ?", (session_id,)).fetchone()[0] == 1
    return store._client.exists(PREFIX + session_id) == 1


def test_records_round_trip_and_end(make_store):
    store = make_store()
    store.put("abc", record(3))
    assert store.get("abc") == record(3)
    assert make_store().get("abc") == record(3)   # another process on the same store
    store.delete("abc")
    assert store.get("abc") is None and store.get("never-written") is None


def test_idle_sessions_are_deleted_in_the_store(make_store):
    store = make_store(ttl_s=0.3)
    store.put("old", record())
    time.sleep(0.5)
    if hasattr(store, "sweep"):
        assert store.sweep() == 1
    assert not stored(store, "old") and store.get("old") is None


@pytest.mark.parametrize("raw", ["", "{", "[]", '{"format": 1, "history": [["user"]], "state": {}, "revision": 1}',
                                 '{"format": 1, "history": [], "state": [], "revision": 1, "last_active": 0}'])
def test_a_corrupt_record_is_dropped_with_a_log_line(make_store, raw, caplog):
    store = make_store()
    store.put("bad", record())
    corrupt(store, "bad", raw)
    with caplog.at_level(logging.WARNING, logger="app.session_store"):
        assert store.get("bad") is None
    assert "dropped corrupt session record" in caplog.text
    assert not stored(store, "bad")   # dropped, not left to be half-read later


def test_every_process_on_a_store_shares_one_secret(make_store):
    assert make_store().secret() == make_store().secret() and len(make_store().secret()) == 32


def test_session_ids_are_random_and_only_this_stores_signature_is_accepted():
    secret, other = b"s" * 32, b"o" * 32
    tokens = {new_token(secret) for _ in range(100)}
    assert len(tokens) == 100
    token = next(iter(tokens))
    session_id = verified_id(secret, token)
    assert session_id and len(session_id) >= 32
    assert verified_id(other, token) is None
    tampered = ("A" if session_id[0] != "A" else "B") + token[1:]
    assert verified_id(secret, tampered) is None
    assert verified_id(secret, session_id) is None and verified_id(secret, None) is None
    assert cookie_token(f"theme=dark; {COOKIE}={token}") == token and cookie_token('bad"cookie') is None


def test_a_store_outage_keeps_writes_pending_and_writes_them_through_when_back(redis, tmp_path, caplog):
    store = WriteThrough(open_store(redis.url, tmp_path, 60), retry_every_s=0.2)
    try:
        assert store.put("s1", record(1))
        redis.stop()
        with caplog.at_level(logging.WARNING, logger="app.session_store"):
            started = time.monotonic()
            assert not store.put("s1", record(2))
            assert time.monotonic() - started < 2.0   # a dead store does not hold the turn
            assert not store.end("s2")
        assert "session store unavailable" in caplog.text
        assert store.get("s1") == record(2) and store.get("s2") is None and not store.healthy
        with pytest.raises(StoreUnavailable):
            store.get("s3")
        redis.start()
        deadline = time.monotonic() + 10
        while not store.healthy and time.monotonic() < deadline:
            time.sleep(0.1)
        assert store.healthy
        assert open_store(redis.url, tmp_path, 60).get("s1") == record(2)
    finally:
        store.close()


def test_a_locked_sqlite_file_is_an_outage_not_a_crash(tmp_path):
    path = tmp_path / "sessions.db"
    store = WriteThrough(open_store(f"sqlite:///{path}", tmp_path, 60), retry_every_s=0.2)
    blocker = sqlite3.connect(path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        assert not store.put("s1", record(1))
        blocker.execute("COMMIT")
        deadline = time.monotonic() + 10
        while not store.healthy and time.monotonic() < deadline:
            time.sleep(0.1)
        assert store.store.get("s1") == record(1)
    finally:
        blocker.close()
        store.close()
