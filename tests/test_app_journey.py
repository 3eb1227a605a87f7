"""A whole shopping journey in headless Debian Chromium with the real default LLM: a search, a
question about "the ... one", cheaper, an outfit, an advice question, another kind of garment,
the cart. Every reply is read; screenshots land in tests/artifacts/journey-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.app_server import running_app
from tests.test_app_browser import ARTIFACTS, CHROMIUM, FLAGS, open_app, send, wait_idle

pytestmark = pytest.mark.slow


# The advice reply is read for what it says: however busy the machine, the model's answer is waited for.
PATIENT = {"SHOP_ADVICE_WAIT_S": "120"}


@pytest.fixture(scope="module")
def page():
    with running_app(env=PATIENT) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context, page = open_app(browser, app.url)
        yield page
        context.close()
        browser.close()


def last_reply(page: Page) -> str:
    """The last text the assistant wrote (product galleries and renders are bubbles of their own)."""
    bots = page.locator("[data-testid='bot']")
    texts = [t for t in bots.all_inner_texts() if t.strip() and not t.startswith(("Products\n", "Try-on\n"))]
    return texts[-1] if texts else ""


def ask(page: Page, text: str, step: str, timeout: float = 120_000) -> str:
    before = page.locator("[data-testid='bot']").count()
    send(page, text)
    page.wait_for_function(f"() => document.querySelectorAll(\"[data-testid='bot']\").length > {before}", timeout=timeout)
    wait_idle(page, timeout)
    page.screenshot(path=str(ARTIFACTS / f"journey-{step}.png"), full_page=True)
    return last_reply(page)


def listed_titles(reply: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^\d+\. (.+?) — ", reply, re.MULTILINE)]


def test_a_shopper_journey_reads_right_end_to_end(page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = ask(page, "a navy shirt for work, size L, under $100", "1-search")
    titles = listed_titles(found)
    assert len(titles) >= 2, found

    details = ask(page, "how much is the second one, and what's it made of?", "2-details")
    assert titles[1] in details and "$" in details and not listed_titles(details)

    cheaper = ask(page, "something cheaper, in white", "3-cheaper")
    assert "white" in cheaper.lower() and ("Nothing matches" in cheaper or listed_titles(cheaper))

    outfit = ask(page, "what trousers would go with the first one?", "4-outfit")
    assert "trousers" in outfit.lower() and "Nothing was added to your cart" in outfit

    advice = ask(page, "is linen or cotton better for a hot outdoor wedding?", "5-advice")
    assert re.search(r"linen|cotton", advice, re.IGNORECASE) and not listed_titles(advice)

    dress = ask(page, "now show me a black dress for a party", "6-new-garment")
    assert "dress" in dress.lower() and "linen" not in dress.split("\n")[0].lower()

    added = ask(page, "I'll take the first one", "7-add")
    assert "cart" in added.lower()
    cart = ask(page, "what's in my cart?", "8-cart")
    assert "Total" in cart and listed_titles(dress)[0] in cart
    expect(page.get_by_text("Total", exact=False).last).to_be_visible()
