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
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from catalog.embedder import Embedder, default_embedder
from catalog.embedding_cache import carry_over
from catalog.index import INDEX_FILE, MANIFEST_FILE, Manifest, VectorIndex, load_or_build, load_valid, write_index
from catalog.photos.index import (IMAGE_FEATURES_FILE, PhotoIndex, load_or_build_photo_index, load_valid_photo_index,
                                  write_photo_index)
from catalog.photos.query import GarmentPhoto, describe_garment, main_colour_first, photo_query
from catalog.photos.mask import garment_mask, silhouette_above
from catalog.schema import Product
from catalog.search import VALUE_SLOTS, AttributeTable, Filters, Hit, SearchResult, explain_match, plan_mask
from common.packaged_models import file_sha256

log = logging.getLogger("catalog")

PRODUCTS_FILE = "products.jsonl"
# a search by photo ranks this many times the products it returns, so those in the photo's main colour come first
MAIN_COLOUR_POOL = 3
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
        carry_over(out_dir, staging)
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


class IndexFiles:
    """Watches the index files of a running catalog and repairs them from memory.

    A search is always answered from the index in memory, which matches the products in
    memory, so damage on disk can never give wrong results. It would make the next start
    slow or fail, though, so the files are looked at (at most every CHECK_EVERY_S, by their
    size and modification time) and rewritten when deleted or damaged. A products.jsonl
    replaced by a new build is left alone and reported: serving it needs a restart.
    """

    CHECK_EVERY_S = 5.0

    def __init__(self, directory: Path, index: VectorIndex, manifest: Manifest, photos: PhotoIndex | None = None):
        self.directory = directory
        self.index = index
        self.manifest = manifest
        self.photos = photos
        self._lock = threading.Lock()
        self._checked_at = time.monotonic()
        self._stamp = self._read_stamp()

    def _read_stamp(self) -> tuple:
        stamp = []
        for name in (PRODUCTS_FILE, INDEX_FILE, MANIFEST_FILE, IMAGE_FEATURES_FILE):
            try:
                info = (self.directory / name).stat()
                stamp.append((info.st_ino, info.st_size, info.st_mtime_ns))
            except OSError:
                stamp.append(None)
        return tuple(stamp)

    def check(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked_at < self.CHECK_EVERY_S:
            return
        if not self._lock.acquire(blocking=False):
            return
        try:
            self._checked_at = now
            stamp = self._read_stamp()
            if stamp != self._stamp:
                self._repair()
                self._stamp = self._read_stamp()
        finally:
            self._lock.release()

    def _repair(self) -> None:
        try:
            products = self.directory / PRODUCTS_FILE
            if not products.is_file() or file_sha256(products) != self.manifest.catalog_sha256:
                log.warning("the catalog in %s was changed or removed on disk; still serving the one loaded at start "
                            "(restart the app to serve the new one)", self.directory)
                return
            if load_valid(self.directory, self.manifest) is None:
                log.warning("index files in %s were damaged or deleted; rewriting them from memory", self.directory)
                write_index(self.directory, self.index, self.manifest)
            if self.photos is not None and load_valid_photo_index(self.directory, self.photos.manifest) is None:
                log.warning("image features in %s were damaged or deleted; rewriting them from memory", self.directory)
                write_photo_index(self.directory, self.photos)
        except OSError as error:
            log.error("cannot repair the index files in %s (%s); searches still use the index in memory",
                      self.directory, error)


class Catalog:
    """Products, their attribute bitsets and the vector index, searched together."""

    def __init__(self, directory: Path, products: Sequence[Product], index: VectorIndex, embedder: Embedder,
                 manifest: Manifest | None = None, photos: PhotoIndex | None = None):
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
        self.photos = photos
        self._files = IndexFiles(directory, index, manifest, photos) if manifest is not None else None

    @classmethod
    def open(
        cls,
        directory: Path | str,
        embedder: Embedder | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> "Catalog":
        """`progress(stage, done, total)` hears of long work: products indexed, product photos read."""
        directory = Path(directory)
        products = read_products(directory / PRODUCTS_FILE)
        embedder = embedder or default_embedder()

        def stage(name: str) -> Callable[[int, int], None] | None:
            return (lambda done, total: progress(name, done, total)) if progress else None

        index, manifest = load_or_build(directory, products, embedder.encode_bulk, embedder.name, embedder.dimension,
                                       stage("indexing products"))
        photos = load_or_build_photo_index(directory, products, stage("reading product photos"))
        return cls(directory, products, index, embedder, manifest, photos)

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
        if self._files is not None:
            self._files.check()
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

    def describe_photo(self, picture: np.ndarray, worn: bool = False) -> GarmentPhoto:
        """What a photo of a garment (no person in it, or `worn`: cut out of a photo of someone) shows, read against
        this shop's own photos."""
        return describe_garment(picture, self._photo_index(), self.rows, worn)

    def silhouette_above(self, picture: np.ndarray, box: tuple[float, float, float, float]) -> float:
        """How far a garment separated from the photo's backdrop goes on above a box of it, in box heights
        (`mask.silhouette_above`)."""
        return silhouette_above(garment_mask(picture), box)

    def search_by_photo(self, seen: GarmentPhoto, filters: Filters | None = None, k: int = 10,
                        offset: int = 0) -> SearchResult:
        """The `k` products whose photos look most like the garment, under the same hard filters as text search,
        after the first `offset` (a further page)."""
        if self._files is not None:
            self._files.check()
        filters = filters or Filters()
        if seen.category and not filters.category:   # the kind the photo shows is asked for, as a named one is
            filters = replace(filters, category=(seen.category,))
        mask, relaxed = plan_mask(self.table, filters)
        pool = self._photo_index().nearest(photo_query(seen, filters), mask, (offset + k) * MAIN_COLOUR_POOL)
        ranked = main_colour_first(pool, self.rows, seen, filters)[offset:offset + k]
        hits = tuple(Hit(self.rows[row], score, explain_match(self.rows[row], filters, relaxed))
                     for row, _, score in ranked)
        return SearchResult(hits=hits, relaxed=relaxed, total=int(np.count_nonzero(mask)))

    def _photo_index(self) -> PhotoIndex:
        if self.photos is None:
            raise CatalogError(f"the catalog in {self.directory} was opened without its image features")
        return self.photos
