"""The plain-torch MiniLM gives sentence-transformers' own vectors, so the index and the
classifiers trained on them see no change; it only loads faster."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from catalog.embedder import DIMENSION
from catalog.minilm import MiniLM
from common.packaged_models import minilm_path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = (
    "a navy linen shirt for a summer wedding, size L, under $60, nothing slim",
    "Turtle Check Men Navy Blue Shirt",
    "有没有黑色的连衣裙？",
    "can I wear it with sneakers?? 👟",
    "",
    "x",
    "Ünïcödé café crème — naïve résumé",
    "striped " * 400,        # longer than the model's 256 tokens: cut the same way
    "the black one",
)


@pytest.fixture(scope="module")
def model() -> MiniLM:
    return MiniLM.load(minilm_path())


@pytest.fixture(scope="module")
def reference():
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(minilm_path()), device="cpu")


def test_vectors_match_sentence_transformers_in_any_batch(model, reference):
    expected = reference.encode(list(TEXTS), batch_size=4, normalize_embeddings=True)
    for batch_size in (1, 3, 128):
        got = model.encode(TEXTS, batch_size)
        assert got.shape == (len(TEXTS), DIMENSION) and got.dtype == np.float32
        assert float((got * expected).sum(axis=1).min()) > 0.99999


def test_a_bf16_copy_stays_close_and_unit_length(model):
    import torch

    full = model.encode(TEXTS, 8)
    half = model.cast(torch.bfloat16).encode(TEXTS, 8)
    assert np.allclose(np.linalg.norm(half, axis=1), 1.0, atol=1e-5)
    assert float((full * half).sum(axis=1).min()) > 0.99


def test_the_catalog_command_never_imports_sentence_transformers_or_transformers(tmp_path):
    """Their imports cost seconds per process; a build or a search must not pay them."""
    probe = ("import sys, runpy; sys.argv = ['catalog', 'search', 'navy shirt', '--json', '-k', '1'];"
             "\ntry:\n    runpy.run_module('catalog', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('LOADED', sorted(m for m in ('transformers', 'sentence_transformers', 'sklearn') if m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    assert "LOADED []" in completed.stdout, completed.stdout[-2000:]
