"""A simple local round-robin balancer for the load soak: each turn goes to the next replica.

Gradio streams a turn's result over a second request (`queue/data`) that must reach the
replica that took the turn (`queue/join`), and an uploaded file lives on the replica that
received it. So the balancer is round-robin per turn, not per request: each shopper (by
session cookie) is sent to the next replica for each new Gradio session, its uploads go to
the replica its next turn will use, and a session's stream follows its join.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Iterator
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from sessions.store.cookie import COOKIE
from tests.app_server import free_port

HOP_HEADERS = {"host", "content-length", "transfer-encoding", "connection", "keep-alive"}


class RoundRobin:
    def __init__(self, upstreams: list[str]):
        self.upstreams = upstreams
        self._next = itertools.cycle(range(len(upstreams)))
        self._by_shopper: dict[str, int] = {}     # the replica a shopper's next turn goes to
        self._by_session: dict[str, int] = {}     # Gradio session hash -> replica that took its turn
        self._last: dict[str, int] = {}           # the replica of a shopper's last turn (its files are there)
        self._lock = threading.Lock()
        # No cookie jar: each shopper's own cookie passes through, never one shopper's to another.
        self._http = httpx.AsyncClient(timeout=None, cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])))

    def _pick(self, request: Request, body: bytes) -> int:
        shopper = request.cookies.get(COOKIE, "")
        session = request.query_params.get("session_hash") or request.path_params.get("rest", "").rsplit("/", 1)[-1]
        with self._lock:
            if request.url.path.endswith("/queue/join"):
                session = json.loads(body or b"{}").get("session_hash", "")
                if session not in self._by_session:
                    chosen = self._by_shopper.pop(shopper, None)
                    self._by_session[session] = chosen if chosen is not None else next(self._next)
                self._last[shopper] = self._by_session[session]
                return self._by_session[session]
            if session in self._by_session:
                return self._by_session[session]
            if request.url.path.endswith("/upload") and shopper:
                return self._by_shopper.setdefault(shopper, next(self._next))
            if "/file=" in request.url.path and shopper in self._last:
                return self._last[shopper]
            return next(self._next)

    async def handle(self, request: Request) -> StreamingResponse:
        body = await request.body()
        upstream = self.upstreams[self._pick(request, body)]
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        outgoing = self._http.build_request(request.method, upstream + request.url.path, params=request.query_params,
                                            headers=headers, content=body)
        response = await self._http.send(outgoing, stream=True)
        kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in HOP_HEADERS]
        return _Streamed(response, kept)


class _Streamed(StreamingResponse):
    def __init__(self, response: httpx.Response, headers: list[tuple[str, str]]):
        super().__init__(_until_closed(response), status_code=response.status_code)
        self.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        self._upstream = response

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self._upstream.aclose()


async def _until_closed(response: httpx.Response):
    """The upstream body; a replica that stops mid-stream (the end of a run) just ends it."""
    try:
        async for chunk in response.aiter_raw():
            yield chunk
    except httpx.HTTPError:
        return


@contextlib.contextmanager
def round_robin(upstreams: list[str]) -> Iterator[str]:
    """A balancer on a free loopback port over `upstreams` until the block ends; yields its URL."""
    balancer = RoundRobin(upstreams)
    app = Starlette(routes=[Route("/{rest:path}", balancer.handle, methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
