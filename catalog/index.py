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
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from catalog.atomic_write import write_atomically
from catalog.embedding_cache import CACHE_FILE, EmbeddingCache, read_cache, text_key
from catalog.schema import Product
from common.packaged_models import file_sha256

log = logging.getLogger("catalog.index")
# One query at a time is one thread: OpenMP fan-out on a single query only adds barrier
# waits (tens of ms on a busy 2-core machine); concurrency comes from serving sessions.
# Builds switch to every core for training and adding.
faiss.omp_set_num_threads(1)

INDEX_FILE = "index.faiss"
MANIFEST_FILE = "manifest.json"
# 2: product_text says each word once (styles descriptions no longer repeat the title).
RECIPE_VERSION = 2
FLAT_LIMIT = 50_000
IVF_BASE_NPROBE = 16
# Up to this many selected rows, scoring them directly beats any index scan and is exact.
SUBSET_EXACT_MAX = 30_000
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Words this short keep a final "s" when repeats are told apart (bus, gas).
_STEM_MIN = 3
# Texts per encode call: the unit of progress, large enough for the encoder's own batching.
ENCODE_CHUNK = 1024


def product_text(product: Product) -> str:
    """What a product is, in the words a shopper would search with, each said once.

    Sources repeat themselves (a description opening with the title, a category or colour
    the title already names); repeats only lengthen the text, which costs encode time
    in proportion, so a part or description sentence adding no new word is left out.
    """
    parts = [product.title, product.category.replace("-", " ")]
    parts.append(product.own_type.replace("-", " "))
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
    sentences = _SENTENCE_END.split(product.description.strip())
    fresh = _says_something_new(parts + sentences)
    kept = [part for part, keep in zip(parts, fresh) if keep]
    told = " ".join(sentence for sentence, keep in zip(sentences, fresh[len(parts):]) if keep)
    return ". ".join(kept + [told] if told else kept)


def _says_something_new(texts: Sequence[str]) -> list[bool]:
    """For each text, whether it has a word none of the texts before it had."""
    seen: set[str] = set()
    fresh = []
    for text in texts:
        words = {_fold(word) for word in _WORD.findall(_POSSESSIVE.sub("", text.lower()))}
        fresh.append(not words <= seen)
        seen |= words
    return fresh


def _fold(word: str) -> str:
    """A plural's singular, near enough for telling repeats: shirts, dresses, watches, jeans."""
    if len(word) <= _STEM_MIN or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1]


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
    write_atomically(directory / INDEX_FILE, index.save)
    write_atomically(directory / MANIFEST_FILE, lambda path: path.write_text(manifest.to_json()))


def load_or_build(
    directory: Path,
    products: Sequence[Product],
    encode: Callable[[Sequence[str]], np.ndarray],
    model_name: str,
    dimension: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[VectorIndex, Manifest]:
    """The catalog's index, rebuilt when missing, stale, mismatched or unreadable.

    A rebuild encodes only texts the embedding cache beside the index does not hold,
    then rewrites the cache with exactly this catalog's texts.
    """
    expected = expected_manifest(directory, products, model_name, dimension)
    index = load_valid(directory, expected)
    if index is not None:
        return index, expected
    log.info("building the vector index for %d products in %s", len(products), directory)
    recipe = embedding_recipe(model_name, dimension)
    texts = [product_text(product) for product in products]
    known = read_cache(directory / CACHE_FILE, recipe, dimension)
    vectors = embed_texts(texts, encode, progress, known)
    index = VectorIndex.build(vectors, expected.kind)
    write_index(directory, index, expected)
    fresh = EmbeddingCache.of(recipe, [text_key(text) for text in texts], vectors)
    write_atomically(directory / CACHE_FILE, fresh.save)
    return index, expected


def embedding_recipe(model_name: str, dimension: int) -> str:
    """What a cached vector depends on besides its text."""
    return f"{model_name}/{dimension}/text-recipe-{RECIPE_VERSION}"


def embed_products(
    products: Sequence[Product],
    encode: Callable[[Sequence[str]], np.ndarray],
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    return embed_texts([product_text(product) for product in products], encode, progress)


def embed_texts(
    texts: Sequence[str],
    encode: Callable[[Sequence[str]], np.ndarray],
    progress: Callable[[int, int], None] | None = None,
    known: EmbeddingCache | None = None,
) -> np.ndarray:
    """One vector per text: cached ones reused, each distinct new text encoded once.

    New texts go to the encoder longest first, so each batch pads to about its own
    length rather than the catalog's longest; progress counts products.
    """
    keys = [text_key(text) for text in texts]
    cached = known.rows_of(keys) if known is not None else np.full(len(texts), -1, np.int64)
    missing: dict[bytes, list[int]] = {}
    for row in np.flatnonzero(cached < 0):
        missing.setdefault(keys[row], []).append(int(row))
    todo = sorted(missing.values(), key=lambda rows: -len(texts[rows[0]]))
    done = len(texts) - int(np.count_nonzero(cached < 0))
    if progress:
        progress(done, len(texts))
    chunks = []
    for start in range(0, len(todo), ENCODE_CHUNK):
        group = todo[start:start + ENCODE_CHUNK]
        chunks.append(encode([texts[rows[0]] for rows in group]))
        done += sum(len(rows) for rows in group)
        if progress:
            progress(done, len(texts))
    encoded = np.concatenate(chunks) if chunks else encode([])
    vectors = np.empty((len(texts), encoded.shape[1]), np.float32)
    hits = np.flatnonzero(cached >= 0)
    if len(hits):
        vectors[hits] = known.vectors[cached[hits]]
    for rows, vector in zip(todo, encoded):
        vectors[rows] = vector
    return vectors
