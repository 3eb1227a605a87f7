"""A catalog directory on disk and the loaded, searchable catalog.

Layout: products.jsonl (one product per line, the readable source of truth), images/,
index.faiss and manifest.json. Catalogs are written into a temporary sibling directory
and swapped in whole, so a failed build never leaves half a catalog behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from catalog.embedder import Embedder, default_embedder
from catalog.index import VectorIndex, load_or_build
from catalog.schema import Product
from catalog.search import VALUE_SLOTS, AttributeTable, Filters, Hit, SearchResult, explain_match, plan_mask

log = logging.getLogger("catalog")

PRODUCTS_FILE = "products.jsonl"
IMAGES_DIR = "images"


class CatalogError(RuntimeError):
    """The catalog directory cannot be used; the message says why and what to run."""


def read_products(path: Path) -> list[Product]:
    if not path.is_file():
        raise CatalogError(f"no {PRODUCTS_FILE} in {path.parent}; build one with: python -m catalog build ...")
    products = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                products.append(Product.model_validate_json(line))
            except ValueError as error:
                raise CatalogError(f"{path}:{number}: not a valid product ({error})") from error
    return products


def write_catalog(
    out_dir: Path,
    products: Sequence[Product],
    write_images: Callable[[Path], None] | None = None,
) -> None:
    """Write products (and images, via the callback) to a temp dir, then swap it into place."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        (staging / IMAGES_DIR).mkdir()
        if write_images:
            write_images(staging)
        with (staging / PRODUCTS_FILE).open("w", encoding="utf-8") as handle:
            for product in products:
                handle.write(product.model_dump_json(exclude_defaults=True) + "\n")
        retired = None
        if out_dir.exists():
            retired = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            out_dir.rename(retired)
        staging.rename(out_dir)
        if retired:
            shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class Catalog:
    """Products, their attribute bitsets and the vector index, searched together."""

    def __init__(self, directory: Path, products: Sequence[Product], index: VectorIndex, embedder: Embedder):
        if index.count != len(products):
            raise CatalogError(f"index holds {index.count} vectors for {len(products)} products")
        self.directory = directory
        self.rows: tuple[Product, ...] = tuple(products)
        self.products: Mapping[str, Product] = {p.id: p for p in self.rows}
        if len(self.products) != len(self.rows):
            raise CatalogError(f"{directory / PRODUCTS_FILE} has duplicate product ids")
        self.index = index
        self.table = AttributeTable(self.rows)
        self._embedder = embedder

    @classmethod
    def open(
        cls,
        directory: Path | str,
        embedder: Embedder | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> "Catalog":
        directory = Path(directory)
        products = read_products(directory / PRODUCTS_FILE)
        embedder = embedder or default_embedder()
        index = load_or_build(directory, products, embedder.encode, embedder.name, embedder.dimension, progress)
        return cls(directory, products, index, embedder)

    def __len__(self) -> int:
        return len(self.rows)

    def vocabulary(self) -> dict[str, set[str]]:
        """The values present per attribute slot, so understanding can recognise a shop's own words."""
        vocab = {slot: set(self.table.codes[slot]) - {"\0unspecified"} for slot in VALUE_SLOTS}
        vocab["size"] = set(self.table.stock) | {s for p in self.rows for s in p.sizes}
        return vocab

    def image_path(self, product: Product, color: str | None = None) -> Path | None:
        name = product.image_for(color)
        if not name:
            return None
        path = self.directory / name
        return path if path.is_file() else None

    def embed_query(self, text: str) -> np.ndarray:
        return self._embedder.encode([text or "clothing"])[0]

    def search(self, query: str, filters: Filters | None = None, k: int = 10, offset: int = 0) -> SearchResult:
        """The best `k` products after `offset` that pass the filters, relaxing only when none do."""
        return self.search_vector(self.embed_query(query), filters, k, offset)

    def search_vector(
        self, vector: np.ndarray, filters: Filters | None = None, k: int = 10, offset: int = 0
    ) -> SearchResult:
        filters = filters or Filters()
        mask, relaxed = plan_mask(self.table, filters)
        total = int(np.count_nonzero(mask))
        everything = total == len(self.rows)
        scores, rows = self.index.search(vector, k + offset, None if everything else mask)
        hits = tuple(
            Hit(self.rows[row], float(score), explain_match(self.rows[row], filters, relaxed))
            for score, row in zip(scores[offset:], rows[offset:])
        )
        return SearchResult(hits=hits, relaxed=relaxed, total=total)
