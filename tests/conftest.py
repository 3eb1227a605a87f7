"""Shared fixtures: the real demo catalog (built once into the repo cache) and the real embedder."""

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


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (never a downloaded browser), one per test module."""
    from tests.test_app_browser import CHROMIUM, FLAGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
