"""A shopper's cart and conversation outlive a SIGKILLed app (SQLite store); the photo does not.

Real app processes, real SQLite, headless Debian Chromium. Screenshots land in tests/artifacts/.
"""

from __future__ import annotations

import re
import sqlite3

from PIL import Image
from playwright.sync_api import expect
from skimage import data

from tests.app_server import free_port, running_app
from tests.test_app_browser import ARTIFACTS, SESSION_IMAGES, open_app, send, send_photo, wait_idle

def stored_bytes(db) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def test_cart_and_conversation_survive_a_sigkill_and_the_photo_does_not(browser, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "sessions.db"
    selfie = tmp_path / "me.jpg"
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    Image.fromarray(data.astronaut()).save(selfie, quality=92, exif=exif)
    port = free_port()
    args = ("--llm", "none", "--sessions", f"sqlite:///{db}")
    with running_app(*args, port=port) as app:
        context, page = open_app(browser, app.url)
        other, stranger = open_app(browser, app.url)   # a second browser: never sees the first one's session
        send(page, "a navy shirt for work, size L, under $100")
        wait_idle(page)
        send_photo(page, selfie)
        send(page, "add the first one to my cart")
        expect(page.get_by_text("to your cart", exact=False).last).to_be_visible(timeout=60_000)
        wait_idle(page)
        added = page.get_by_text(re.compile(r"^Added .* to your cart")).last.inner_text()
        title = re.match(r"Added (.*) \(", added).group(1)
        assert page.get_by_role("log").locator(SESSION_IMAGES).count() == 1   # the photo, shown back
        app.process.kill()   # SIGKILL: no clean-up runs
        app.process.wait()

    with running_app(*args, port=port) as app:
        page.reload()
        page.wait_for_selector("textarea", timeout=60_000)
        log = page.get_by_role("log")
        expect(log.get_by_text("a navy shirt for work", exact=False)).to_be_visible(timeout=30_000)
        expect(log.get_by_text(added, exact=False)).to_be_visible()
        assert log.locator(SESSION_IMAGES).count() == 0
        send(page, "what's in my cart?")
        expect(log.get_by_text("In your cart", exact=False).last).to_be_visible(timeout=60_000)
        wait_idle(page)
        assert title in log.get_by_text("In your cart", exact=False).last.inner_text()
        send(page, "try the first one on me")
        expect(log.get_by_text("never stored", exact=False).last).to_be_visible(timeout=60_000)
        wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "7-restored-after-sigkill.png"), full_page=True)

        stranger.reload()
        stranger.wait_for_selector("textarea", timeout=60_000)
        send(stranger, "what's in my cart?")
        expect(stranger.get_by_text("cart is empty", exact=False).last).to_be_visible(timeout=60_000)
        assert "navy shirt" not in stranger.get_by_role("log").inner_text()

        page.get_by_role("button", name=re.compile("Forget me")).click()
        expect(log.get_by_text("deleted your conversation", exact=False)).to_be_visible(timeout=30_000)
        wait_idle(page)
        page.reload()
        page.wait_for_selector("textarea", timeout=60_000)
        page.wait_for_timeout(1000)
        assert "navy shirt" not in page.get_by_role("log").inner_text()
        context.close()
        other.close()

    stored = stored_bytes(db)
    photo = selfie.read_bytes()
    assert b"\xff\xd8\xff" not in stored and b"Exif" not in stored and b"CameraMaker" not in stored
    assert photo[2000:2064] not in stored and b"/sessions/" not in stored and b"tryon-" not in stored
    with sqlite3.connect(db) as connection:
        rows = [r for (r,) in connection.execute("SELECT record FROM sessions")]
    assert all("navy shirt" not in r for r in rows)   # "Forget me" deleted it
