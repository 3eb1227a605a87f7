"""A real shopper in headless Debian Chromium: search, upload a selfie, try on; sessions stay apart.

Screenshots of every step land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from skimage import data

from tests.app_server import ROOT, running_app

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SESSION_IMAGES = "img[src*='/sessions/']"   # the photo as kept and renders, served from the session's folder


@pytest.fixture(scope="module")
def app_url():
    with running_app("--llm", "none") as app:
        yield app.url


@pytest.fixture(scope="module")
def selfie(tmp_path_factory):
    path = tmp_path_factory.mktemp("photos") / "astronaut.jpg"
    Image.fromarray(data.astronaut()).save(path, quality=92)
    return path


def send(page: Page, text: str) -> None:
    box = page.locator("textarea").first
    box.fill(text)
    box.press("Enter")



def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Until the turn has finished streaming (the submit button is back)."""
    page.wait_for_function(
        "() => !document.querySelector('.generating, .pending') "
        "&& !Array.from(document.querySelectorAll('[data-testid=\"bot\"], .message.bot')).some(e => e.innerText.includes('Working on it'))",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def send_photo(page: Page, photo) -> None:
    """Attach a photo with 📎 and send it, as a shopper does; the assistant thanks for it."""
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.wait_for_timeout(500)
    page.locator("textarea").first.press("Enter")
    expect(page.get_by_text("Thanks for the photo", exact=False).last).to_be_visible(timeout=60_000)
    wait_idle(page)


def gallery_images(page: Page):
    return page.get_by_role("button", name=re.compile(r"^Thumbnail \d+ of \d+"))


def open_app(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("textarea", timeout=60_000)
    return context, page


def test_search_upload_and_try_on(browser, app_url, selfie):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context, page = open_app(browser, app_url)
    send(page, "a navy shirt for work, size L, under $100")
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert gallery_images(page).count() >= 3
    page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=True)

    send_photo(page, selfie)
    page.screenshot(path=str(ARTIFACTS / "2-upload.png"), full_page=True)

    send(page, "try the first one on me")
    expect(page.get_by_text("Try-on", exact=True).last).to_be_visible(timeout=120_000)
    render = page.get_by_role("log").locator("img").last
    expect(render).to_be_visible()
    size = render.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert min(size) >= 256, size
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / "3-try-on.png"), full_page=True)
    context.close()


def test_mobile_width_has_no_horizontal_overflow(browser, app_url):
    context, page = open_app(browser, app_url, width=390)
    send(page, "black jeans for women")
    wait_idle(page)
    expect(gallery_images(page).first).to_be_visible(timeout=30_000)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / "4-mobile.png"), full_page=True)
    assert overflow <= 1
    context.close()


def test_two_sessions_do_not_leak(browser, app_url, selfie):
    first, page_a = open_app(browser, app_url)
    second, page_b = open_app(browser, app_url)
    send(page_a, "red dress")
    wait_idle(page_a)
    send_photo(page_a, selfie)
    send(page_b, "show me my cart")
    wait_idle(page_b)
    send(page_b, "try the first one on me")
    wait_idle(page_b)
    text_b = page_b.locator("body").inner_text()
    assert "red" not in text_b.lower().split("try the first one on me")[-1]
    assert "photo" in text_b.lower().split("try the first one on me")[-1]
    page_b.screenshot(path=str(ARTIFACTS / "5-second-session.png"), full_page=True)
    first.close()
    second.close()


def test_markup_stays_text_and_forget_my_photo_takes_the_photo_back(browser, app_url, selfie):
    context, page = open_app(browser, app_url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    title = page.title()
    send(page, "<img src=x onerror=\"document.title='pwned';alert(1)\"> <b>bold</b> **stars** red dress")
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    log = page.get_by_role("log")
    expect(log.get_by_text("<b>bold</b> **stars**", exact=False)).to_be_visible()
    assert page.title() == title and not dialogs
    assert log.locator("b", has_text="bold").count() == 0

    send_photo(page, selfie)
    send(page, "try the first one on me")
    expect(page.get_by_text("Try-on", exact=True).last).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert log.locator(SESSION_IMAGES).count() == 2   # the photo as kept, and the render
    page.get_by_role("button", name=re.compile("Forget my photo")).click()
    expect(page.get_by_text("deleted your photo", exact=False).last).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert log.locator(SESSION_IMAGES).count() == 0
    expect(log.get_by_text("photo deleted").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "6-photo-forgotten.png"), full_page=True)
    context.close()


def test_messages_sent_while_a_try_on_renders_are_answered_after_it_in_order(browser, app_url, selfie):
    """"add it in size M" sent while the try-on still rendered was wiped from the box and never answered: the first
    turn's update that cleared the box could land after the next message was typed, and a second send while one ran
    was dropped. Two messages sent during the render are each answered, in turn, each reply under its message."""
    context, page = open_app(browser, app_url)
    send(page, "show me sleeveless dresses")
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    send_photo(page, selfie)
    send(page, "try the first one on me")
    page.wait_for_timeout(200)
    send(page, "add it to my cart in size M")
    page.wait_for_timeout(200)
    send(page, "what's in my cart?")
    expect(page.get_by_text("Try-on", exact=True).last).to_be_visible(timeout=120_000)
    expect(page.get_by_text("Your cart has 1 item(s)", exact=False).last).to_be_visible(timeout=60_000)
    wait_idle(page)
    said = page.locator("[data-testid='user'], [data-testid='bot']").all_inner_texts()
    added = next(k for k, text in enumerate(said) if "add it to my cart in size M" in text)
    asked = next(k for k, text in enumerate(said) if "what's in my cart?" in text)
    assert any("Try-on" in text for text in said[:added]), said
    assert any("to your cart" in text for text in said[added:asked]), said
    page.screenshot(path=str(ARTIFACTS / "7-sent-while-rendering.png"), full_page=True)
    context.close()


SLOW_TAKE_JS = """
const send = window.fetch;
window.fetch = async (...args) => {
    if (String(args[0]).includes('/run/predict')) await new Promise(done => setTimeout(done, 1500));
    return send(...args);
};
"""


def test_a_message_sent_while_the_last_one_is_still_being_taken_is_not_dropped(browser, app_url):
    """Under CI load the third of three quick messages was never shown: taking a message into the session (outside
    the queue) ran once at a time, so a message sent while the one before was still on its way was skipped. Here the
    server is slow to take each message (held 1.5 s in the page), and each of three sent 200 ms apart is shown and
    answered, in order."""
    context, page = open_app(browser, app_url)
    page.add_init_script(SLOW_TAKE_JS)
    page.reload()
    page.wait_for_selector("textarea", timeout=60_000)
    messages = ("show me sleeveless dresses", "add the first one to my cart in size M", "what's in my cart?")
    for text in messages:
        send(page, text)
        page.wait_for_timeout(200)
    expect(page.get_by_text("Your cart has 1 item(s)", exact=False).last).to_be_visible(timeout=120_000)
    expect(page.get_by_text(messages[-1], exact=True).last).to_be_visible(timeout=60_000)
    wait_idle(page)
    said = page.locator("[data-testid='user'], [data-testid='bot']").all_inner_texts()
    where = [next(k for k, text in enumerate(said) if message in text) for message in messages]
    assert where == sorted(where), said
    assert any("to your cart" in text for text in said[where[1]:where[2]]), said
    assert "In your cart:\n- 1 ×" in " ".join(said[where[2]:]), said
    context.close()


def test_decide_then_an_outfit_under_a_budget_goes_in_the_cart_whole_and_the_cart_empties(browser, app_url):
    context, page = open_app(browser, app_url)
    send(page, "show me summer dresses")
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    send(page, "help me decide between the first two, it's for a beach holiday")
    wait_idle(page)
    expect(page.get_by_text("I'd go for #", exact=False).last).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "6-decide.png"), full_page=True)
    send(page, "I need a shirt and trousers for work, 150 for both")
    expect(page.get_by_text("Outfit 1 —", exact=False).last).to_be_visible(timeout=60_000)
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / "7-outfits.png"), full_page=True)
    send(page, "add the first outfit")
    wait_idle(page)
    expect(page.get_by_text("Your cart has 2 item(s)", exact=False).last).to_be_visible()
    send(page, "empty my cart")
    wait_idle(page)
    expect(page.get_by_text("(0 item(s) left)", exact=False).last).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "8-cart-emptied.png"), full_page=True)
    context.close()
