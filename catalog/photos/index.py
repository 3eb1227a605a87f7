"""Image features of every product photo, computed once at index time and kept beside the text index.

One row per photo (a product with three colours has three), in `image_features.npz` with its
own manifest inside the same file, so vectors and manifest can never disagree, and with the
kind head learnt from them. The manifest ties the features to the exact products.jsonl, the
exact photo bytes and the feature recipe: anything that does not match, or does not load, is
rebuilt, as the text index is.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from catalog.atomic_write import write_atomically
from catalog.index import VectorIndex
from catalog.photos.features import FEATURE_DIM, LOOK, crop_garment, garment_vector, look_of, measured_blocks
from catalog.photos.look_heads import KIND_L2, PATTERN_L2, LookHead, fit_look_head
from catalog.photos.look import LookModel, cut_out, default_look_model, look_inputs, look_vectors
from catalog.photos.mask import garment_mask
from catalog.schema import Product
from common.images import PHOTO_LIMITS, ImageRejected, read_image_file
from common.packaged_models import file_sha256

log = logging.getLogger("catalog.photos")

IMAGE_FEATURES_FILE = "image_features.npz"
PHOTO_RECIPE_VERSION = 8
POOL_MIN_PHOTOS = 200         # below this, starting worker processes costs more than it saves
MAX_WORKERS = 4
HEADS = ("kind", "pattern")   # what the shop's photos teach to read off a look (`look_heads`)
LOOK_CHUNK = 64               # photos whose look inputs are held at once while the network runs


@dataclass(frozen=True)
class PhotoManifest:
    catalog_sha256: str
    images_sha256: str
    count: int
    dimension: int = FEATURE_DIM
    recipe_version: int = PHOTO_RECIPE_VERSION


@dataclass(frozen=True)
class ProductPhoto:
    """One product photo: its row in products.jsonl, the colour it shows ('' for the main photo) and its file."""

    row: int
    color: str
    path: str


@dataclass(frozen=True)
class PhotoIndex:
    """The feature vectors of the catalog's photos and which product (and colour) each shows."""

    vectors: np.ndarray          # (photos, FEATURE_DIM) float32, unit rows
    rows: np.ndarray             # (photos,) product row of each photo
    colors: tuple[str, ...]      # the colour each photo shows, '' when it is the main photo
    manifest: PhotoManifest
    index: VectorIndex
    kinds: LookHead | None       # the shop's kinds read from a look; None for a shop of one kind
    patterns: LookHead | None    # the shop's patterns read from a look; None for a shop of one pattern

    @classmethod
    def of(cls, vectors: np.ndarray, rows: np.ndarray, colors: Sequence[str], manifest: PhotoManifest,
           heads: dict[str, LookHead | None]) -> "PhotoIndex":
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, FEATURE_DIM)
        return cls(vectors, np.asarray(rows, np.int64), tuple(colors), manifest, VectorIndex.build(vectors),
                   heads["kind"], heads["pattern"])

    def heads(self) -> dict[str, LookHead | None]:
        """Each look head by its name in `HEADS`."""
        return {"kind": self.kinds, "pattern": self.patterns}

    def nearest(self, query: np.ndarray, products: np.ndarray | None, k: int) -> list[tuple[int, str, float]]:
        """The best photo of each of the `k` nearest products, as (product row, colour, score).

        `products` is a mask over product rows (None: all); a product counts once, by its closest photo.
        """
        allowed = None if products is None else products[self.rows]
        if allowed is not None and not allowed.any():
            return []
        scores, photos = self.index.search(query, k * self._photos_per_product(), allowed)
        best: dict[int, tuple[int, str, float]] = {}
        for score, photo in zip(scores, photos):
            row = int(self.rows[photo])
            if row not in best:
                best[row] = (row, self.colors[photo], float(score))
        return sorted(best.values(), key=lambda hit: -hit[2])[:k]

    def _photos_per_product(self) -> int:
        return int(np.bincount(self.rows).max()) if len(self.rows) else 1


def product_photos(products: Sequence[Product]) -> list[ProductPhoto]:
    """Every photo the catalog names: each colour's, then the main one when no colour uses it."""
    photos = []
    for row, product in enumerate(products):
        named = dict(product.color_images)
        for color, path in named.items():
            photos.append(ProductPhoto(row, color, path))
        if product.image and product.image not in named.values():
            photos.append(ProductPhoto(row, "", product.image))
    return photos


def images_digest(directory: Path, photos: Sequence[ProductPhoto]) -> str:
    """One sha256 over every photo's name and bytes (a missing photo counts as empty)."""
    digest = hashlib.sha256()
    for photo in photos:
        digest.update(photo.path.encode() + b"\0")
        path = directory / photo.path
        digest.update((file_sha256(path) if path.is_file() else "missing").encode())
    return digest.hexdigest()


def expected_photo_manifest(directory: Path, products: Sequence[Product]) -> PhotoManifest:
    photos = product_photos(products)
    return PhotoManifest(
        catalog_sha256=file_sha256(directory / "products.jsonl"),
        images_sha256=images_digest(directory, photos),
        count=len(products),
    )


@dataclass(frozen=True)
class PhotoReading:
    """A photo as far as it is read without the network: its measured blocks and the network's inputs."""

    measured: np.ndarray
    look_inputs: tuple[np.ndarray, np.ndarray]


def read_photo(picture: np.ndarray) -> PhotoReading | None:
    """An RGB photo's garment; None when no garment separates from the backdrop."""
    found = garment_mask(picture)
    crop = crop_garment(found)
    return PhotoReading(measured_blocks(crop), look_inputs(found, cut_out(found))) if crop is not None else None


def read_photo_file(path: str) -> PhotoReading | None:
    """A photo file's garment; None when it cannot be read or shows no garment."""
    try:
        return read_photo(read_image_file(path, PHOTO_LIMITS).rgb)
    except ImageRejected:
        return None


def photo_vectors(readings: Sequence[PhotoReading], model: LookModel | None = None) -> np.ndarray:
    looks = look_vectors([reading.look_inputs for reading in readings], model)
    return np.stack([garment_vector(r.measured, look) for r, look in zip(readings, looks)]) if readings \
        else np.zeros((0, FEATURE_DIM), np.float32)


def build_photo_index(directory: Path, products: Sequence[Product], manifest: PhotoManifest,
                      progress: Callable[[int, int], None] | None = None) -> PhotoIndex:
    """Features of every product photo on disk: photos are read in worker processes while the
    network embeds them here, a chunk at a time, so memory stays bounded."""
    photos = [photo for photo in product_photos(products) if (directory / photo.path).is_file()]
    paths = [str(directory / photo.path) for photo in photos]
    model = default_look_model() if paths else None
    pool = ProcessPoolExecutor(max_workers=min(MAX_WORKERS, os.cpu_count() or 1)) \
        if len(paths) >= POOL_MIN_PHOTOS and (os.cpu_count() or 1) > 1 else None
    try:
        found = pool.map(read_photo_file, paths, chunksize=16) if pool else map(read_photo_file, paths)
        kept: list[ProductPhoto] = []
        vectors: list[np.ndarray] = []
        chunk: list[tuple[ProductPhoto, PhotoReading]] = []
        for done, (photo, reading) in enumerate(zip(photos, found), 1):
            if reading is not None:
                chunk.append((photo, reading))
            if len(chunk) == LOOK_CHUNK or (chunk and done == len(photos)):
                vectors.append(photo_vectors([r for _, r in chunk], model))
                kept.extend(p for p, _ in chunk)
                chunk = []
                if progress:
                    progress(done, len(photos))
    finally:
        if pool:
            pool.shutdown()
    skipped = len(product_photos(products)) - len(kept)
    if skipped:
        log.info("%d product photos in %s are missing, unreadable or show no garment; those are not searchable",
                 skipped, directory)
    matrix = np.concatenate(vectors) if vectors else np.zeros((0, FEATURE_DIM), np.float32)
    looks = look_of(matrix)
    heads = {"kind": fit_look_head(looks, [products[p.row].category for p in kept], KIND_L2),
             "pattern": fit_look_head(looks, [products[p.row].pattern for p in kept], PATTERN_L2)}
    return PhotoIndex.of(matrix, np.asarray([p.row for p in kept], np.int64), [p.color for p in kept], manifest, heads)


def write_photo_index(directory: Path, photos: PhotoIndex) -> None:
    def write(path: Path) -> None:
        heads = {f"{name}_{part}": value for name, head in photos.heads().items()
                 for part, value in _head_arrays(head).items()}
        with path.open("wb") as handle:
            np.savez(handle, vectors=photos.vectors, rows=photos.rows, colors=np.asarray(photos.colors, dtype=str),
                     manifest=np.asarray(json.dumps(asdict(photos.manifest), sort_keys=True)), **heads)

    write_atomically(directory / IMAGE_FEATURES_FILE, write)


def load_valid_photo_index(directory: Path, expected: PhotoManifest) -> PhotoIndex | None:
    """The stored features when they match `expected` and load whole; None (reason logged) otherwise."""
    path = directory / IMAGE_FEATURES_FILE
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            found = PhotoManifest(**json.loads(str(stored["manifest"])))
            if found != expected:
                log.info("image features in %s are stale", directory)
                return None
            vectors, rows, colors = stored["vectors"], stored["rows"], [str(c) for c in stored["colors"]]
            heads = {name: _stored_head(stored, name) for name in HEADS}
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("image features in %s are unreadable (%s)", directory, error)
        return None
    shape_ok = vectors.ndim == 2 and vectors.shape[1] == FEATURE_DIM and len(rows) == len(vectors) == len(colors)
    if not shape_ok or (len(rows) and (rows.min() < 0 or rows.max() >= expected.count)):
        log.warning("image features in %s do not match their manifest", directory)
        return None
    if any(head is not None and head.weights.shape != (len(head.classes), LOOK.stop - LOOK.start)
           for head in heads.values()):
        log.warning("a look head in %s does not match its classes", directory)
        return None
    return PhotoIndex.of(vectors, rows, colors, found, heads)


def _head_arrays(head: LookHead | None) -> dict[str, np.ndarray]:
    """A look head as the arrays it is stored as (empty ones for no head)."""
    return {"classes": np.asarray(head.classes if head else (), dtype=str),
            "weights": head.weights if head else np.zeros((0, LOOK.stop - LOOK.start), np.float32),
            "bias": head.bias if head else np.zeros(0, np.float32)}


def _stored_head(stored: Any, name: str) -> LookHead | None:
    """The look head stored under `name` (KeyError when the file predates it: the index is rebuilt)."""
    classes = tuple(str(c) for c in stored[f"{name}_classes"])
    return LookHead(classes, stored[f"{name}_weights"], stored[f"{name}_bias"]) if classes else None


def load_or_build_photo_index(directory: Path, products: Sequence[Product],
                              progress: Callable[[int, int], None] | None = None) -> PhotoIndex:
    """The catalog's photo features, rebuilt when missing, stale or unreadable."""
    expected = expected_photo_manifest(directory, products)
    photos = load_valid_photo_index(directory, expected)
    if photos is not None:
        return photos
    log.info("computing image features of the product photos in %s", directory)
    photos = build_photo_index(directory, products, expected, progress)
    write_photo_index(directory, photos)
    return photos
