"""Index files damaged, deleted or replaced while the catalog is serving: never a wrong result.

Real catalog files (a copy of the demo shop), the real embedder and real FAISS.
"""

from __future__ import annotations

import logging
import shutil

import pytest

from catalog import Catalog, Filters
from catalog.index import INDEX_FILE, MANIFEST_FILE, VectorIndex
from catalog.store import PRODUCTS_FILE

QUERIES = [("navy linen shirt", Filters(category=("shirt",))), ("warm winter coat", Filters(max_price=200.0)),
           ("black jeans", Filters(color=("black",), size="M"))]


@pytest.fixture
def serving(demo_catalog, embedder, tmp_path):
    directory = tmp_path / "shop"
    directory.mkdir()
    for name in (PRODUCTS_FILE, INDEX_FILE, MANIFEST_FILE):
        shutil.copy2(demo_catalog.directory / name, directory / name)
    return Catalog.open(directory, embedder)


def answers(catalog: Catalog) -> list[list[str]]:
    return [[hit.product.id for hit in catalog.search(query, filters, k=8).hits] for query, filters in QUERIES]


def settle(catalog: Catalog) -> None:
    catalog._files.check(force=True)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "deleted", "manifest deleted", "both deleted"])
def test_damaged_index_files_are_rewritten_from_memory(serving, embedder, damage, caplog):
    caplog.set_level(logging.INFO)
    before = answers(serving)
    index_path, manifest_path = serving.directory / INDEX_FILE, serving.directory / MANIFEST_FILE
    if damage == "garbage":
        index_path.write_bytes(b"\0not a faiss index" * 100)
    elif damage == "truncated":
        index_path.write_bytes(index_path.read_bytes()[:1000])
    if damage in ("deleted", "both deleted"):
        index_path.unlink()
    if damage in ("manifest deleted", "both deleted"):
        manifest_path.unlink()
    settle(serving)
    assert answers(serving) == before
    assert "rewriting them from memory" in caplog.text
    assert VectorIndex.load(index_path).count == len(serving)
    caplog.clear()
    reopened = Catalog.open(serving.directory, embedder)
    assert "building the vector index" not in caplog.text and answers(reopened) == before


def test_a_catalog_replaced_on_disk_is_reported_and_left_alone(serving, caplog):
    before = answers(serving)
    products = serving.directory / PRODUCTS_FILE
    lines = products.read_text().splitlines()
    products.write_text("\n".join(lines[: len(lines) // 2]) + "\n")
    index_bytes = (serving.directory / INDEX_FILE).read_bytes()
    settle(serving)
    assert answers(serving) == before
    assert "restart the app" in caplog.text
    assert (serving.directory / INDEX_FILE).read_bytes() == index_bytes


def test_untouched_files_are_not_reloaded(serving, caplog):
    caplog.set_level(logging.INFO)
    settle(serving)
    answers(serving)
    assert "index" not in caplog.text
