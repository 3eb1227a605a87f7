"""The vector side of the catalog: text to embed, the FAISS index, its manifest, persistence.

Row i of the index is line i of products.jsonl. The manifest ties the index to the exact
catalog bytes and embedding recipe it was built from; anything that does not match, or
does not load, is rebuilt rather than half-used.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from catalog.schema import Product
from packaged_models import file_sha256

log = logging.getLogger("catalog.index")
# One query at a time is one thread: OpenMP fan-out on a single query only adds barrier
# waits (tens of ms on a busy 2-core machine); concurrency comes from serving sessions.
# Builds switch to every core for training and adding.
faiss.omp_set_num_threads(1)

INDEX_FILE = "index.faiss"
MANIFEST_FILE = "manifest.json"
RECIPE_VERSION = 1
FLAT_LIMIT = 50_000
IVF_BASE_NPROBE = 16
# Up to this many selected rows, scoring them directly beats any index scan and is exact.
SUBSET_EXACT_MAX = 30_000


def product_text(product: Product) -> str:
    """What a product is, in the words a shopper would search with."""
    parts = [product.title, product.category.replace("-", " ")]
    if product.colors:
        parts.append(" ".join(product.colors))
    if product.pattern:
        parts.append(product.pattern.replace("-", " "))
    if product.material:
        parts.append(" ".join(product.material))
    if product.fit:
        parts.append(f"{product.fit} fit")
    if product.sleeve:
        parts.append(f"{product.sleeve} sleeve" if product.sleeve != "sleeveless" else "sleeveless")
    if product.gender:
        parts.append({"men": "men's", "women": "women's"}.get(product.gender, product.gender))
    parts.extend(product.style)
    parts.extend(product.occasion)
    if product.description:
        parts.append(product.description)
    return ". ".join(parts)


@dataclass(frozen=True)
class Manifest:
    model: str
    dimension: int
    count: int
    catalog_sha256: str
    kind: str
    recipe_version: int = RECIPE_VERSION

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)

    @classmethod
    def read(cls, path: Path) -> "Manifest | None":
        try:
            return cls(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None


class VectorIndex:
    """Inner-product search over unit vectors, exact for small catalogs and IVF-SQ8 for large.

    Filtering is a bitmap over rows. A selective filter scores its few rows directly;
    a broad one searches the index with the bitmap as selector, and for IVF probes more
    lists as the filter narrows, so about as many selected rows are scored as an
    unfiltered search scores and a filter never returns fewer matches than exist.
    """

    def __init__(self, index: faiss.Index):
        self.index = index
        self.kind = "ivf" if isinstance(index, faiss.IndexIVF) else "flat"
        self._nlist = index.nlist if self.kind == "ivf" else 1
        if self.kind == "ivf":
            index.nprobe = min(IVF_BASE_NPROBE, self._nlist)
            self.row_codes = _ivf_row_codes(index)

    @property
    def count(self) -> int:
        return self.index.ntotal

    @property
    def dimension(self) -> int:
        return self.index.d

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str | None = None) -> "VectorIndex":
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        try:
            return cls(cls._train_and_add(vectors, kind))
        finally:
            faiss.omp_set_num_threads(1)

    @staticmethod
    def _train_and_add(vectors: np.ndarray, kind: str | None) -> faiss.Index:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        count, dim = vectors.shape
        kind = kind or ("flat" if count <= FLAT_LIMIT else "ivf")
        if kind == "flat":
            index: faiss.Index = faiss.IndexFlatIP(dim)
        else:
            nlist = max(16, int(2 * math.sqrt(count)))
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFScalarQuantizer(
                quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
            sample = vectors
            if count > nlist * 64:
                rows = np.random.default_rng(0).choice(count, nlist * 64, replace=False)
                sample = vectors[np.sort(rows)]
            index.train(sample)
        index.add(vectors)
        return index

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        return cls(faiss.read_index(str(path)))

    def search(self, query: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, rows) for one query vector, among rows where `mask` is true."""
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        k = min(k, self.count)
        if k <= 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        if mask is None:
            scores, rows = self.index.search(query, k)
            return _trim(scores[0], rows[0])
        selected = int(np.count_nonzero(mask))
        if selected == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        k = min(k, selected)
        if selected <= SUBSET_EXACT_MAX and (self.kind == "ivf" or selected * 8 <= self.count):
            return self._exact_subset(query[0], np.flatnonzero(mask), k)
        selector = faiss.IDSelectorBitmap(np.packbits(mask, bitorder="little"))
        if self.kind == "flat":
            scores, rows = self.index.search(query, k, params=faiss.SearchParameters(sel=selector))
            return _trim(scores[0], rows[0])
        share = selected / self.count
        nprobe = min(self._nlist, math.ceil(IVF_BASE_NPROBE / share))
        scores, rows = _trim(*(r[0] for r in self.index.search(query, k, params=faiss.SearchParametersIVF(sel=selector, nprobe=nprobe))))
        if len(rows) < k and nprobe < self._nlist:
            full = faiss.SearchParametersIVF(sel=selector, nprobe=self._nlist)
            scores, rows = _trim(*(r[0] for r in self.index.search(query, k, params=full)))
        return scores, rows

    def _exact_subset(self, query: np.ndarray, rows: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Score just the selected rows: exact for flat, the same SQ8 values IVF would score."""
        if self.kind == "flat":
            matrix = faiss.rev_swig_ptr(self.index.get_xb(), self.count * self.dimension)
            scores = matrix.reshape(self.count, self.dimension)[rows] @ query
        else:
            scores = self.row_codes.scores(query, rows)
        top = np.argpartition(-scores, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
        order = top[np.argsort(-scores[top], kind="stable")]
        return scores[order].astype(np.float32), rows[order].astype(np.int64)


@dataclass(frozen=True)
class _RowCodes:
    """IVF-SQ8 codes laid out by row, to score a small selected subset without a list scan.

    With residual encoding a vector is centroid[list] + vmin + (code + 0.5) / 255 * vdiff,
    so its inner product with q splits into a per-list term and a code term.
    """

    codes: np.ndarray
    lists: np.ndarray
    centroids: np.ndarray
    vmin: np.ndarray
    step: np.ndarray

    def scores(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        offset = self.centroids @ query + float((self.vmin + 0.5 * self.step) @ query)
        return self.codes[rows].astype(np.float32) @ (self.step * query) + offset[self.lists[rows]]


def _ivf_row_codes(index: faiss.IndexIVFScalarQuantizer) -> _RowCodes:
    count, dim = index.ntotal, index.d
    codes = np.empty((count, index.code_size), dtype=np.uint8)
    lists = np.empty(count, dtype=np.int32)
    invlists = index.invlists
    for number in range(index.nlist):
        size = invlists.list_size(number)
        if size:
            ids = faiss.rev_swig_ptr(invlists.get_ids(number), size)
            codes[ids] = faiss.rev_swig_ptr(invlists.get_codes(number), size * index.code_size).reshape(size, -1)
            lists[ids] = number
    trained = faiss.vector_to_array(index.sq.trained)
    centroids = index.quantizer.reconstruct_n(0, index.nlist)
    return _RowCodes(codes, lists, centroids, trained[:dim], trained[dim:] / 255.0)


def _trim(scores: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = rows >= 0
    return scores[keep], rows[keep]


def expected_manifest(directory: Path, products: Sequence[Product], model_name: str, dimension: int) -> Manifest:
    """What the manifest of an up-to-date index for these products must say."""
    return Manifest(
        model=model_name,
        dimension=dimension,
        count=len(products),
        catalog_sha256=file_sha256(directory / "products.jsonl"),
        kind="flat" if len(products) <= FLAT_LIMIT else "ivf",
    )


def load_valid(directory: Path, expected: Manifest) -> VectorIndex | None:
    """The index on disk when it matches `expected` and loads whole; None (with the reason logged) otherwise."""
    index_path = directory / INDEX_FILE
    found = Manifest.read(directory / MANIFEST_FILE)
    if found != expected or not index_path.is_file():
        if found is not None and found.catalog_sha256 != expected.catalog_sha256:
            log.info("catalog in %s changed since its index was built", directory)
        return None
    try:
        index = VectorIndex.load(index_path)
    except RuntimeError as error:
        log.warning("index in %s is unreadable (%s)", directory, error)
        return None
    if index.count == expected.count and index.dimension == expected.dimension and index.kind == expected.kind:
        return index
    log.warning("index in %s does not match its manifest", directory)
    return None


def write_index(directory: Path, index: VectorIndex, manifest: Manifest) -> None:
    _write_atomically(directory / INDEX_FILE, index.save)
    _write_atomically(directory / MANIFEST_FILE, lambda path: path.write_text(manifest.to_json()))


def load_or_build(
    directory: Path,
    products: Sequence[Product],
    encode: Callable[[Sequence[str]], np.ndarray],
    model_name: str,
    dimension: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[VectorIndex, Manifest]:
    """The catalog's index, rebuilt when missing, stale, mismatched or unreadable."""
    expected = expected_manifest(directory, products, model_name, dimension)
    index = load_valid(directory, expected)
    if index is not None:
        return index, expected
    log.info("building the vector index for %d products in %s", len(products), directory)
    index = VectorIndex.build(embed_products(products, encode, progress), expected.kind)
    write_index(directory, index, expected)
    return index, expected


def embed_products(
    products: Sequence[Product],
    encode: Callable[[Sequence[str]], np.ndarray],
    progress: Callable[[int, int], None] | None = None,
    batch: int = 512,
) -> np.ndarray:
    texts = [product_text(product) for product in products]
    chunks = []
    if progress:
        progress(0, len(texts))
    for start in range(0, len(texts), batch):
        chunks.append(encode(texts[start:start + batch]))
        if progress:
            progress(min(start + batch, len(texts)), len(texts))
    return np.concatenate(chunks) if chunks else encode([])


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        write(Path(temp))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
