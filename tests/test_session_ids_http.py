"""Session ids over real HTTP: the page sets an HttpOnly cookie; forged, tampered or foreign ids
get a fresh, empty session; the same id reaches the same cart from a new connection."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client

from sessions.store.cookie import COOKIE, new_token
from tests.app_server import running_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "sessions.db"
    with running_app("--llm", "none", "--sessions", f"sqlite:///{db}") as running:
        yield running


def page_cookie(url: str, sent: str | None = None) -> tuple[str | None, str]:
    response = httpx.get(url, headers={"Cookie": f"{COOKIE}={sent}"} if sent else {})
    return response.headers.get("set-cookie"), response.text


def say(url: str, token: str, text: str) -> str:
    history = Client(url, verbose=False, headers={"Cookie": f"{COOKIE}={token}"}).predict(
        {"text": text, "files": []}, api_name="/chat")[0]
    return [p["text"] for m in history for p in m["content"] if p.get("type") == "text"][-1]


def test_the_page_sets_a_random_httponly_cookie_and_keeps_a_valid_one(app):
    first, _ = page_cookie(app.url)
    second, _ = page_cookie(app.url)
    assert first and second and "HttpOnly" in first and "SameSite=Lax" in first
    token = first.split(";")[0].split("=", 1)[1]
    assert token != second.split(";")[0].split("=", 1)[1]
    assert page_cookie(app.url, token)[0] is None   # a valid id is kept across reloads


def test_forged_tampered_and_foreign_ids_get_an_empty_session(app):
    token = page_cookie(app.url)[0].split(";")[0].split("=", 1)[1]
    say(app.url, token, "a navy shirt for work, size L")
    assert "Added" in say(app.url, token, "add the first one to my cart")
    assert "In your cart" in say(app.url, token, "what's in my cart?")   # a new connection, same id
    session_id, signature = token.split(".")
    tampered = f"{session_id}.{signature[:-1]}{'0' if signature[-1] != '0' else '1'}"
    foreign = new_token(b"another shop's secret".ljust(32, b"!"))
    renamed = f"{session_id[:-1]}{'x' if session_id[-1] != 'x' else 'y'}.{signature}"   # always another id
    for forged in (tampered, session_id, foreign, renamed):
        assert page_cookie(app.url, forged)[0] is not None   # replaced with a fresh id
        assert "cart is empty" in say(app.url, forged, "what's in my cart?")
