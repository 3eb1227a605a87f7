"""Where shoppers' sessions outlive a process: SQLite by default, Redis for several replicas."""

from __future__ import annotations

from pathlib import Path

from sessions.store.base import CorruptRecord, SessionRecord, SessionStore, StoreUnavailable
from sessions.store.write_through import WriteThrough

__all__ = ["CorruptRecord", "SessionRecord", "SessionStore", "StoreUnavailable", "WriteThrough", "open_store"]


def open_store(spec: str, default_dir: Path, ttl_s: float) -> SessionStore:
    """`sqlite` (the data folder), `sqlite:///path/file.db` or `redis://host:port/db`."""
    if spec.startswith(("redis://", "rediss://", "unix://")):
        from sessions.store.redis_store import RedisStore

        return RedisStore(spec, ttl_s)
    from sessions.store.sqlite_store import SqliteStore

    if spec == "sqlite":
        return SqliteStore(default_dir / "sessions.sqlite3", ttl_s)
    if spec.startswith("sqlite:///"):
        return SqliteStore(Path(spec.removeprefix("sqlite:///")).expanduser(), ttl_s)
    raise ValueError(f"unknown session store {spec!r}: use sqlite, sqlite:///path/to/file.db or redis://host:port/0")
