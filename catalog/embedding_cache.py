"""Embeddings of texts already encoded, kept beside the index so a rebuild encodes only what changed.

Rows are keyed by a digest of the embedded text; the file names the recipe (model,
dimension, text recipe) its vectors were made with. A file that is missing, does not
load whole (the zip's CRCs catch damaged bytes) or was made another way counts as empty,
so the worst a bad file costs is a full re-encode, never a wrong vector.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger("catalog.index")

CACHE_FILE = "embeddings.npz"
KEY_BYTES = 16


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


@dataclass(frozen=True)
class EmbeddingCache:
    """Vectors by text digest, all made by one recipe."""

    recipe: str
    keys: np.ndarray      # (n, KEY_BYTES) uint8
    vectors: np.ndarray   # (n, dimension) float32

    @classmethod
    def empty(cls, recipe: str, dimension: int) -> "EmbeddingCache":
        return cls(recipe, np.zeros((0, KEY_BYTES), np.uint8), np.zeros((0, dimension), np.float32))

    @classmethod
    def of(cls, recipe: str, keys: Sequence[bytes], vectors: np.ndarray) -> "EmbeddingCache":
        table = np.frombuffer(b"".join(keys), np.uint8).reshape(len(keys), KEY_BYTES)
        return cls(recipe, table, np.ascontiguousarray(vectors, np.float32))

    def rows_of(self, keys: Sequence[bytes]) -> np.ndarray:
        """Row of each key in this cache, -1 where it has none."""
        where = {key.tobytes(): row for row, key in enumerate(self.keys)}
        return np.fromiter((where.get(key, -1) for key in keys), np.int64, len(keys))

    def save(self, path: Path) -> None:
        with path.open("wb") as handle:
            np.savez(handle, recipe=np.array(self.recipe), keys=self.keys, vectors=self.vectors)


def carry_over(old_catalog: Path, new_catalog: Path) -> None:
    """Hand the old catalog's cache to the one replacing it, so its build skips unchanged products."""
    source = old_catalog / CACHE_FILE
    if not source.is_file():
        return
    try:
        os.link(source, new_catalog / CACHE_FILE)
    except OSError as error:
        log.info("embedding cache %s not carried over (%s); the new catalog encodes every product", source, error)


def read_cache(path: Path, recipe: str, dimension: int) -> EmbeddingCache:
    """The cache at `path` when it loads whole and was made by `recipe`; empty otherwise."""
    empty = EmbeddingCache.empty(recipe, dimension)
    if not path.is_file():
        return empty
    try:
        with np.load(path, allow_pickle=False) as data:
            found = EmbeddingCache(str(data["recipe"]), data["keys"], data["vectors"])
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
        log.warning("embedding cache %s is unreadable (%s); encoding every product", path, error)
        return empty
    if found.recipe != recipe:
        log.info("embedding cache %s was made by %s; encoding every product", path, found.recipe)
        return empty
    if (found.keys.dtype != np.uint8 or found.keys.shape[1:] != (KEY_BYTES,) or found.vectors.dtype != np.float32
            or found.vectors.shape != (len(found.keys), dimension)):
        log.warning("embedding cache %s does not hold what its recipe says; encoding every product", path)
        return empty
    return found
