"""Shared fixtures: the real demo catalog (built once into the repo cache) and the real embedder."""

from __future__ import annotations

import pytest

from catalog.embedder import default_embedder


@pytest.fixture(scope="session")
def embedder():
    return default_embedder()


@pytest.fixture(scope="session")
def demo_catalog():
    from catalog.demo import open_demo_catalog

    return open_demo_catalog()
