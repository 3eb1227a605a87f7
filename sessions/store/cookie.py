"""The browser's session id: random, signed with the store's shared secret, in an HttpOnly cookie.

The id is `secrets.token_urlsafe` (192 bits) plus an HMAC, so a replica accepts only ids some
replica on the same store issued: a forged, tampered or foreign id is replaced with a fresh
one (a fresh, empty session), never resolved to anyone's record. The cookie is set by a small
ASGI middleware when the page loads, because Gradio's event handlers cannot set cookies.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie

COOKIE = "shop_session"
ID_BYTES = 24
SIGNATURE_CHARS = 32


def _signature(secret: bytes, session_id: str) -> str:
    return hmac.new(secret, session_id.encode(), hashlib.sha256).hexdigest()[:SIGNATURE_CHARS]


def new_token(secret: bytes) -> str:
    session_id = secrets.token_urlsafe(ID_BYTES)
    return f"{session_id}.{_signature(secret, session_id)}"


def verified_id(secret: bytes, token: str | None) -> str | None:
    """The session id a token carries, or None unless its signature is this store's."""
    if not token or token.count(".") != 1:
        return None
    session_id, signature = token.split(".")
    return session_id if hmac.compare_digest(signature, _signature(secret, session_id)) else None


def cookie_token(cookie_header: str | None) -> str | None:
    if not cookie_header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie_header)
    except Exception:  # noqa: BLE001 - a malformed Cookie header is the same as none
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


class SessionCookieMiddleware:
    """Gives a page load without a valid session cookie a new one (also visible to that request)."""

    def __init__(self, app, secret: bytes, page_paths: tuple[str, ...] = ("/",)):
        self.app = app
        self.secret = secret
        self.page_paths = page_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self.page_paths:
            return await self.app(scope, receive, send)
        headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
        cookie = ";".join(v.decode("latin-1") for k, v in scope["headers"] if k == b"cookie")
        if verified_id(self.secret, cookie_token(cookie)) is not None:
            return await self.app(scope, receive, send)
        token = new_token(self.secret)
        scope = {**scope, "headers": headers + [(b"cookie", f"{cookie};{COOKIE}={token}".strip(";").encode())]}
        set_cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax".encode()

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", set_cookie)]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)
