"""Sentence embeddings with the packaged all-MiniLM-L6-v2, CPU only, loaded once per process."""

from __future__ import annotations

import copy
import functools
import logging
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from common.packaged_models import minilm_path

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_THREADS_FROM = 32
# Bulk encoding (an index build) may run a bfloat16 copy of the model: on CPUs with native
# bf16 it is about twice as fast. It is chosen by measuring, on the build's own first texts,
# that it is faster here and that every vector agrees with its fp32 twin.
CALIBRATION_TEXTS = 128
MIN_SPEED_UP = 1.2      # bf16 must be at least this much faster than fp32 on the calibration texts
MIN_AGREEMENT = 0.99    # worst cosine between a bf16 vector and its fp32 twin on the calibration texts


class Embedder:
    """Wraps SentenceTransformer so callers get unit-length float32 rows and never touch torch."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(minilm_path()), device="cpu")
        self._bulk_model: Any = None
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        """Queries and classifier features: always the fp32 model they were trained and tuned on."""
        with self._lock:
            return self._run(self._model, texts, batch_size)

    def encode_bulk(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        """Catalog texts for an index: the faster model of the two once calibrated on these texts."""
        with self._lock:
            if self._bulk_model is not None or len(texts) < CALIBRATION_TEXTS:
                return self._run(self._bulk_model or self._model, texts, batch_size)
            self._bulk_model, head = self._calibrated_bulk_model(list(texts[:CALIBRATION_TEXTS]))
            return np.concatenate([head, self._run(self._bulk_model, texts[CALIBRATION_TEXTS:], batch_size)])

    def _calibrated_bulk_model(self, sample: list[str]) -> tuple[Any, np.ndarray]:
        """The model bulk encoding uses from now on, and its vectors of `sample` (encoded once)."""
        import torch

        half = copy.deepcopy(self._model).to(torch.bfloat16)
        self._run(half, sample[:8])
        self._run(self._model, sample[:8])
        started = time.perf_counter()
        full_vectors = self._run(self._model, sample)
        full_s = time.perf_counter() - started
        started = time.perf_counter()
        half_vectors = self._run(half, sample)
        half_s = time.perf_counter() - started
        agreement = float((full_vectors * half_vectors).sum(axis=1).min())
        faster = full_s / max(half_s, 1e-9)
        chosen = faster >= MIN_SPEED_UP and agreement >= MIN_AGREEMENT
        log.info("bulk encoding in %s: bf16 %.2fx the speed of fp32, worst agreement %.4f",
                 "bf16" if chosen else "fp32", faster, agreement)
        return (half, half_vectors) if chosen else (self._model, full_vectors)

    def _run(self, model: Any, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import torch

        # A short query on one thread takes ~20 ms; on two, OpenMP barriers can stall it
        # for hundreds of ms whenever the other core is busy (LLM, try-on, other users).
        torch.set_num_threads(1 if len(texts) < BATCH_THREADS_FROM else os.cpu_count() or 1)
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_tensor=True,
            show_progress_bar=False,
        )
        # normalised again in fp32: a bf16 norm is only good to about 1%
        vectors = vectors.float()
        vectors = vectors / vectors.norm(dim=1, keepdim=True).clamp_min(1e-12)
        return np.ascontiguousarray(vectors.numpy(), dtype=np.float32)


@functools.lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide model: weights are read-only, so sharing them across sessions is safe."""
    return Embedder()
