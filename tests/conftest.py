"""Shared fixtures: the real demo catalog (built once into the repo cache), the real embedder, one
try-on engine (its models load once per run), and both cores kept busy."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import sync_playwright

from catalog.embedder import default_embedder


@pytest.fixture(scope="session")
def embedder():
    return default_embedder()


@pytest.fixture()
def busy_cores():
    """Both cores kept busy by other work, as on the shared machine."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    yield
    for loop in loops:
        loop.kill()
        loop.wait()


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
