"""Index builds: texts that say each thing once, embeddings reused on rebuild, progress a log can hold.

Real ingest of generated styles rows and the shop samples, the real MiniLM model, real
FAISS and real files.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bench.styles_catalog import write_styles_csv
from catalog.embedder import CALIBRATION_TEXTS, MIN_AGREEMENT
from catalog.embedding_cache import CACHE_FILE
from catalog.index import VectorIndex, embed_texts, load_or_build, product_text
from catalog.ingest import ingest
from catalog.progress import Progress
from catalog.schema import Product
from catalog.store import PRODUCTS_FILE, read_products, write_catalog

ROOT = Path(__file__).resolve().parents[1]
SHOPS = ROOT / "tests" / "data" / "shops"
STYLES_ROWS = 80
QUERIES = ("navy blue shirt for men", "women's running shoes", "black leather wallet")


class CountingEncoder:
    """The real encoder, remembering every text it was asked to encode."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self.texts: list[str] = []

    def __call__(self, texts) -> np.ndarray:
        self.texts.extend(texts)
        return self.embedder.encode(texts)


@pytest.fixture(scope="module")
def styles_products(tmp_path_factory) -> list[Product]:
    source = write_styles_csv(tmp_path_factory.mktemp("styles") / "styles.csv", STYLES_ROWS)
    return ingest(source, "styles").products


def build(directory: Path, products: list[Product], embedder, model_name: str | None = None):
    """write_catalog then the index build, as `python -m catalog build` runs them; returns (index, encoder)."""
    write_catalog(directory, products)
    encoder = CountingEncoder(embedder)
    index, _ = load_or_build(directory, read_products(directory / PRODUCTS_FILE), encoder,
                             model_name or embedder.name, embedder.dimension)
    return index, encoder


def vectors(index: VectorIndex) -> np.ndarray:
    return index.index.reconstruct_n(0, index.count)


def retitled(products: list[Product], row: int) -> list[Product]:
    changed = list(products)
    changed[row] = changed[row].model_copy(update={"title": changed[row].title + " Limited Edition"})
    return changed


def sentences(text: str) -> list[str]:
    return [s.strip().lower() for s in re.split(r"[.!?]\s+", text) if s.strip()]


@pytest.mark.parametrize("source, fmt", [(SHOPS / "shopify_products.csv", "shopify"), (SHOPS / "shopify_de.csv", "shopify"),
                                         (SHOPS / "merchant_feed.tsv", "merchant"), (SHOPS / "merchant_feed.xml", "merchant")])
def test_shop_texts_say_each_sentence_once_and_keep_the_searched_words(source, fmt):
    for product in ingest(source, fmt).products:
        text = product_text(product)
        said = sentences(text)
        assert len(said) == len(set(said)), text
        assert text.count(product.title) == 1, text
        for word in (product.category, *product.colors):
            assert word.replace("-", " ").lower() in text.lower().replace("-", " "), (word, text)


def test_styles_text_names_the_title_once_with_type_season_and_colour(styles_products):
    for product in styles_products:
        text = product_text(product)
        assert text.count(product.title) == 1, text
        said = sentences(text)
        assert len(said) == len(set(said)), text
        subcategory = product.description.split(". ")[-1].split(",")[0].lower()
        assert subcategory in text.lower(), (subcategory, text)
        for colour in product.colors:
            assert colour.replace("-", " ") in text.lower(), (colour, text)


def test_a_colour_the_title_does_not_name_is_kept_and_one_it_does_is_not():
    maroon = Product(id="1", title="Roadster Women Maroon Top", category="top", colors=("burgundy",), gender="women")
    navy = Product(id="2", title="Turtle Check Men Navy Blue Shirts", category="shirt", colors=("navy",), gender="men",
                   description="Turtle Check Men Navy Blue Shirts. Topwear, Fall season.")
    assert "burgundy" in product_text(maroon)
    assert product_text(navy) == "Turtle Check Men Navy Blue Shirts. Topwear, Fall season."


def test_a_rebuild_encodes_only_the_changed_product_and_matches_a_fresh_build(styles_products, embedder, tmp_path):
    first, encoder = build(tmp_path / "shop", styles_products, embedder)
    assert len(encoder.texts) == len({product_text(p) for p in styles_products})
    changed = retitled(styles_products, 7)
    again, encoder = build(tmp_path / "shop", changed, embedder)
    assert encoder.texts == [product_text(changed[7])]
    fresh, _ = build(tmp_path / "fresh", changed, embedder)
    assert np.allclose(vectors(again), vectors(fresh), atol=1e-5)
    unchanged = [row for row in range(len(changed)) if row != 7]
    assert np.array_equal(vectors(again)[unchanged], vectors(first)[unchanged])
    queries = embedder.encode(list(QUERIES))
    for query in queries:
        assert list(again.search(query, 10)[1]) == list(fresh.search(query, 10)[1])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped byte", "deleted", "other recipe"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(styles_products, embedder, tmp_path, damage):
    first, _ = build(tmp_path / "shop", styles_products, embedder)
    cache = tmp_path / "shop" / CACHE_FILE
    data = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(b"\0not an npz" * 100)
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "flipped byte":
        middle = len(data) // 2
        cache.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
    elif damage == "deleted":
        cache.unlink()
    again, encoder = build(tmp_path / "shop", styles_products, embedder,
                           model_name="another-model" if damage == "other recipe" else None)
    assert len(encoder.texts) == len({product_text(p) for p in styles_products})
    assert np.allclose(vectors(again), vectors(first), atol=1e-5)
    _, encoder = build(tmp_path / "shop", retitled(styles_products, 3), embedder,
                       model_name="another-model" if damage == "other recipe" else None)
    assert len(encoder.texts) == 1


def test_equal_texts_are_encoded_once_and_share_a_vector(embedder):
    encoder = CountingEncoder(embedder)
    texts = ["Navy linen shirt", "Black wool coat", "Navy linen shirt", "Red summer dress with a long hem"]
    result = embed_texts(texts, encoder)
    assert sorted(encoder.texts) == sorted(set(texts))
    assert encoder.texts[0] == max(texts, key=len)
    assert np.array_equal(result[0], result[2])
    assert np.allclose(result, embedder.encode(texts), atol=1e-5)


def test_progress_written_to_a_file_is_a_few_plain_lines():
    stream = io.StringIO()
    progress = Progress(stream)
    total = 44_446
    for done in range(0, total + 1, 1_024):
        progress("indexing products", done, total)
    progress("indexing products", total, total)
    progress("drawing product photos", 0, 10)
    progress("drawing product photos", 10, 10)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert len(lines) == 7
    assert lines[0] == "indexing products: 0/44446"
    assert [int(line.split(": ")[1].split("/")[0]) for line in lines[1:4]] == [11_264, 22_528, 33_792]
    assert lines[4].startswith("indexing products: 44446/44446 (100%) in ")
    assert lines[5] == "drawing product photos: 0/10" and lines[6].startswith("drawing product photos: 10/10 (100%)")


def test_catalog_build_logged_to_a_file_stays_short(tmp_path):
    source = write_styles_csv(tmp_path / "styles.csv", 600)
    log = tmp_path / "build.log"
    with log.open("w") as stderr:
        completed = subprocess.run([sys.executable, "-m", "catalog", "build", "--source", str(source), "--format",
                                    "styles", "--out", str(tmp_path / "shop")], cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=stderr, timeout=600)
    text = log.read_text()
    assert completed.returncode == 0, text
    assert "\r" not in text
    progress_lines = [line for line in text.splitlines() if line.startswith("indexing products")]
    assert progress_lines[0] == "indexing products: 0/600" and "600/600 (100%)" in progress_lines[-1]
    assert len(progress_lines) <= 5, text


def test_bulk_encoding_agrees_with_the_query_encoder_and_finds_the_same_products(embedder, tmp_path):
    """The bulk path may run another precision (bf16 where the CPU is faster at it); its vectors
    must still be unit length, agree with fp32 ones, and rank the same products first."""
    products = ingest(write_styles_csv(tmp_path / "styles.csv", 3 * CALIBRATION_TEXTS), "styles").products
    texts = sorted({product_text(p) for p in products})
    assert len(texts) >= CALIBRATION_TEXTS
    bulk = embedder.encode_bulk(texts)
    full = embedder.encode(texts)
    assert bulk.dtype == np.float32 and bulk.shape == full.shape
    assert np.allclose(np.linalg.norm(bulk, axis=1), 1.0, atol=1e-4)
    assert float((bulk * full).sum(axis=1).min()) >= MIN_AGREEMENT
    queries = embedder.encode(list(QUERIES))
    bulk_index, full_index = VectorIndex.build(bulk), VectorIndex.build(full)
    for query in queries:
        assert bulk_index.search(query, 1)[1][0] == full_index.search(query, 1)[1][0]
