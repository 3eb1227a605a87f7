"""The shared store for several replicas: Redis, each record one key with the idle TTL on it.

SET replaces a record atomically and restarts its expiry, so Redis itself deletes idle sessions.
Timeouts are short: a slow store must not hold a shopper's turn (the caller falls back to memory).
"""

from __future__ import annotations

import secrets

import redis

from sessions.store.base import SessionRecord, StoreUnavailable, parse_or_drop

PREFIX = "shop:session:"
SECRET_KEY = "shop:secret"
TIMEOUT_S = 0.5


class RedisStore:
    def __init__(self, url: str, ttl_s: float):
        self.ttl_s = ttl_s
        self.label = url.split("@")[-1]
        self._client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S,
                                            retry_on_timeout=False)

    def _call(self, method: str, *args, **kwargs):
        try:
            return getattr(self._client, method)(*args, **kwargs)
        except redis.RedisError as error:
            raise StoreUnavailable(f"redis {self.label}: {error}") from error

    def get(self, session_id: str) -> SessionRecord | None:
        return parse_or_drop(self, session_id, self._call("get", PREFIX + session_id))

    def put(self, session_id: str, record: SessionRecord) -> None:
        self._call("set", PREFIX + session_id, record.to_json(), px=int(self.ttl_s * 1000))

    def delete(self, session_id: str) -> None:
        self._call("delete", PREFIX + session_id)

    def secret(self) -> bytes:
        self._call("set", SECRET_KEY, secrets.token_bytes(32), nx=True)
        return self._call("get", SECRET_KEY)

    def close(self) -> None:
        self._client.close()
