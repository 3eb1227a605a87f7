"""Sentence embeddings with the packaged all-MiniLM-L6-v2, CPU only, loaded once per process."""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence

import numpy as np
import torch

from catalog.minilm import MiniLM, whole_words
from common.packaged_models import minilm_path

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_THREADS_FROM = 32
# Bulk encoding (an index build) may run a bfloat16 copy of the model: on CPUs with native
# bf16 it is about twice as fast. It is chosen by measuring, on the build's own first texts,
# that it is faster here and that every vector agrees with its fp32 twin.
CALIBRATION_TEXTS = 128
RACE_TEXTS = 16         # the texts bf16 races fp32 on, before any is checked for agreement
WARM_UP_TEXTS = 2       # encoded once by each model before the race: the first call pays for allocations
MIN_SPEED_UP = 1.2      # bf16 must be at least this much faster than fp32 on the race texts
MIN_AGREEMENT = 0.99    # worst cosine between a bf16 vector and its fp32 twin on the calibration texts


class Embedder:
    """Unit-length float32 rows from the packaged MiniLM, so callers never touch torch."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self) -> None:
        self._model = MiniLM.load(minilm_path())
        self._bulk_model: MiniLM | None = None
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

    def _calibrated_bulk_model(self, sample: list[str]) -> tuple[MiniLM, np.ndarray]:
        """The model bulk encoding uses from now on, and its vectors of `sample` (encoded once).

        bf16 first races fp32 on a few texts: where it is slower (no native bf16, about 5x slower on this
        machine) the check stops there instead of encoding the whole sample in it. Speed is compared in this
        process's CPU time, not wall time: other work on the machine slows both runs unevenly and would
        otherwise decide the race."""
        half = self._model.cast(torch.bfloat16)
        race = sample[:RACE_TEXTS]
        self._run(half, race[:WARM_UP_TEXTS])
        self._run(self._model, race[:WARM_UP_TEXTS])
        faster = _cpu_seconds(self._run, self._model, race) / max(_cpu_seconds(self._run, half, race), 1e-9)
        full_vectors = self._run(self._model, sample)
        half_vectors = self._run(half, sample) if faster >= MIN_SPEED_UP else None
        agreement = float((full_vectors * half_vectors).sum(axis=1).min()) if half_vectors is not None else None
        chosen = agreement is not None and agreement >= MIN_AGREEMENT
        log.info("bulk encoding in %s: bf16 %.2fx the speed of fp32 in CPU time, worst agreement %s",
                 "bf16" if chosen else "fp32", faster, "unchecked" if agreement is None else f"{agreement:.4f}")
        return (half, half_vectors) if chosen else (self._model, full_vectors)

    def _run(self, model: MiniLM, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # A short query on one thread takes ~20 ms; on two, OpenMP barriers can stall it
        # for hundreds of ms whenever the other core is busy (LLM, try-on, other users).
        torch.set_num_threads(1 if len(texts) < BATCH_THREADS_FROM else os.cpu_count() or 1)
        return model.encode(texts, batch_size)


def _cpu_seconds(run: Callable[[MiniLM, Sequence[str]], np.ndarray], model: MiniLM, texts: Sequence[str]) -> float:
    started = time.process_time()
    run(model, texts)
    return time.process_time() - started


@functools.cache
def vocabulary() -> frozenset[str]:
    """The packaged model's whole words (`whole_words`), read once per process."""
    return whole_words(minilm_path())


@functools.lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide model: weights are read-only, so sharing them across sessions is safe."""
    return Embedder()
