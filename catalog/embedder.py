"""Sentence embeddings with the packaged all-MiniLM-L6-v2, CPU only, loaded once per process."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence

import numpy as np

from packaged_models import minilm_path

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_THREADS_FROM = 32


class Embedder:
    """Wraps SentenceTransformer so callers get unit-length float32 rows and never touch torch."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(minilm_path()), device="cpu")
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import torch

        with self._lock:
            # A short query on one thread takes ~20 ms; on two, OpenMP barriers can stall it
            # for hundreds of ms whenever the other core is busy (LLM, try-on, other users).
            torch.set_num_threads(1 if len(texts) < BATCH_THREADS_FROM else os.cpu_count() or 1)
            vectors = self._model.encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


@functools.lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide model: weights are read-only, so sharing them across sessions is safe."""
    return Embedder()
