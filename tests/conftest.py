"""Shared fixtures: the real demo catalog (built once into the repo cache), the real embedder and one
try-on engine (its models load once per run)."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from catalog.embedder import default_embedder


@pytest.fixture(scope="session")
def embedder():
    return default_embedder()


@pytest.fixture(scope="session")
def demo_catalog():
    from catalog.demo.shop import open_demo_catalog

    return open_demo_catalog()


@pytest.fixture(scope="session")
def engine():
    from tryon import TryOnEngine

    e = TryOnEngine(max_cached_people=4)
    yield e
    e.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (never a downloaded browser), one per test module."""
    from tests.test_app_browser import CHROMIUM, FLAGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
