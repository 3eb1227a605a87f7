"""The whole shopper journey over real HTTP, through gradio_client, against the real app."""

from __future__ import annotations

import re

import pytest
from gradio_client import Client, handle_file
from PIL import Image
from skimage import data

from tests.app_server import running_app


@pytest.fixture(scope="module")
def app_url():
    with running_app("--llm", "none") as app:
        yield app.url


@pytest.fixture
def client(app_url):
    """A fresh browser session: its own dialogue, cart and photo on the server."""
    return Client(app_url, verbose=False, download_files=False)


def texts(history: list[dict]) -> list[str]:
    out = []
    for message in history:
        for part in message["content"]:
            if part.get("type") == "text":
                out.append(part["text"])
    return out


def components(history: list[dict], kind: str) -> list[dict]:
    return [part for message in history for part in message["content"] if part.get("component") == kind]


def say(client: Client, text: str, files: list | None = None) -> list:
    """Send one message; the server keeps the session's transcript and returns all of it."""
    result = client.predict({"text": text, "files": files or []}, api_name="/chat")
    return result[0]


def test_a_whole_conversation(client, tmp_path):
    history = say(client, "I'm looking for a men's jacket, size M")
    first_reply = texts(history)[-1]
    assert "1." in first_reply and "$" in first_reply
    galleries = components(history, "gallery")
    assert galleries and len(galleries[-1]["value"]) >= 3
    assert galleries[-1]["value"][0]["caption"].startswith("1. ")

    before = len(history)
    history = say(client, "under 200, in black")
    refine_reply = texts(history[before:])[-1]
    prices = [float(p.replace(",", "")) for p in re.findall(r"\$([\d,]+(?:\.\d\d)?)", refine_reply)]
    assert prices and all(price <= 200 for price in prices)
    captions = [item["caption"] for item in components(history[before:], "gallery")[-1]["value"]]
    second_title = captions[1].split(". ", 1)[1].split(" — ")[0]

    before = len(history)
    history = say(client, "tell me more about the second one")
    details = texts(history[before:])[-1]
    assert second_title in details

    selfie = tmp_path / "me.jpg"
    Image.fromarray(data.astronaut()).save(selfie, quality=92)
    before = len(history)
    history = say(client, "", [handle_file(str(selfie))])
    assert "photo" in " ".join(texts(history[before:])).lower()

    before = len(history)
    history = say(client, "try the second one on me")
    renders = components(history[before:], "image")
    assert renders, texts(history[before:])

    before = len(history)
    history = say(client, "add it to my cart")
    assert "cart" in texts(history[before:])[-1].lower()
    history = say(client, "what's in my cart?")
    assert "1" in texts(history)[-1]


def test_nonsense_and_empty_messages_keep_the_session(client):
    history = say(client, "asdkjh qwe ???")
    assert texts(history)[-1]
    history = say(client, "red dress")
    assert components(history, "gallery")


def test_a_search_and_a_try_on_in_one_message_show_the_list_then_the_render(client, tmp_path):
    """"show me … and try the first one on me" with a selfie: the list found, then the first of it on the shopper."""
    say(client, "black jeans for women under 100")
    selfie = tmp_path / "me.jpg"
    Image.fromarray(data.astronaut()).save(selfie, quality=92)
    before = len(say(client, "thanks"))
    history = say(client, "show me a short sleeve dress and try the first one on me", [handle_file(str(selfie))])
    parts = [(part.get("component") or part.get("type"), part) for message in history[before:]
             for part in message["content"]]
    kinds = [kind for kind, _ in parts if kind != "file"]
    assert kinds[-5:] == ["text", "gallery", "text", "gallery", "image"], kinds
    listed, found, worn, tried = [part for kind, part in parts if kind in ("text", "gallery")][-4:]
    assert "short-sleeve dress" in listed["text"] and len(found["value"]) > 1
    first = found["value"][0]["caption"].split(". ", 1)[1].split(" — ")[0]
    assert first in worn["text"] and "on you" in worn["text"] and len(tried["value"]) == 1
