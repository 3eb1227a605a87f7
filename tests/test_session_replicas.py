"""Two app processes share one real redis-server: a shopper's turns alternate between them.

Headless Debian Chromium; cookies belong to the host, not the port, so one browser context
talking to both replicas is one shopper behind a round-robin balancer.
"""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from skimage import data

from assistant.state_codec import decode_state
from sessions.store import open_store
from tests.app_server import running_app
from tests.redis_server import redis_server
from tests.test_app_browser import ARTIFACTS, SESSION_IMAGES, send, send_photo, wait_idle


def turn(page: Page, text: str, expected: str) -> str:
    """Send a turn and wait for its own reply: a reply saying `expected` beyond those already in the
    chat (an earlier "to your cart" is there at once, and under load the next turn was sent while
    this one still ran)."""
    replies = page.get_by_role("log").get_by_text(expected, exact=False)
    before = replies.count()
    send(page, text)
    reply = replies.nth(before)
    expect(reply).to_be_visible(timeout=60_000)
    wait_idle(page)
    return reply.inner_text()


def cart_titles(page: Page) -> list[str]:
    text = turn(page, "what's in my cart?", "In your cart")
    return re.findall(r"× (.*?) \(", text)


def test_turns_alternate_between_two_replicas_and_survive_a_redis_outage(browser, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    selfie = tmp_path / "me.jpg"
    Image.fromarray(data.astronaut()).save(selfie, quality=92)
    with redis_server() as redis:
        args = ("--llm", "none", "--sessions", redis.url)
        with running_app(*args) as first, running_app(*args) as second:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            a, b = context.new_page(), context.new_page()
            a.goto(first.url)
            a.wait_for_selector("textarea", timeout=60_000)
            turn(a, "a navy shirt for work, size L, under $100", "navy")
            send_photo(a, selfie)
            turn(a, "add the first one to my cart", "to your cart")

            b.goto(second.url)   # the balancer sends the next turn to the other replica
            b.wait_for_selector("textarea", timeout=60_000)
            expect(b.get_by_role("log").get_by_text("a navy shirt for work", exact=False)).to_be_visible(timeout=30_000)
            turn(b, "add the second one to my cart", "to your cart")
            asked = turn(b, "try the first one on me", "send me a photo")
            assert "never stored" in asked and b.get_by_role("log").locator(SESSION_IMAGES).count() == 0

            assert len(cart_titles(a)) == 2   # back on the first replica: the other's turn is there
            whole = a.get_by_role("log").inner_text()
            assert "add the second one to my cart" in whole and "try the first one on me" in whole

            redis.stop()
            turn(a, "add the third one to my cart", "to your cart")   # the chat goes on in memory
            assert len(cart_titles(a)) == 3
            redis.start()
            store = open_store(redis.url, tmp_path, 60)
            for _ in range(100):
                records = [store.get(key.decode().split(":")[-1]) for key in store._client.keys("shop:session:*")]
                if any(r is not None and len(decode_state(r.state).cart) == 3 for r in records):
                    break
                a.wait_for_timeout(200)
            else:
                pytest.fail("the state written while Redis was down never caught up")

            b.reload()
            b.wait_for_selector("textarea", timeout=60_000)
            # the history comes in after the page: the turn written while Redis was down is in it
            expect(b.get_by_role("log").get_by_text("add the third one to my cart", exact=False)).to_be_visible(
                timeout=30_000)
            assert len(cart_titles(b)) == 3
            b.screenshot(path=str(ARTIFACTS / "8-second-replica.png"), full_page=True)
            context.close()
            logs = first.log.read_text()
            assert "session store unavailable" in logs and "is back" in logs

        photo = selfie.read_bytes()
        for key, value in redis.keys_and_values().items():
            assert b"\xff\xd8\xff" not in value and b"Exif" not in value and photo[2000:2064] not in value, key
            assert b"/sessions/" not in value and b"tryon-" not in value
