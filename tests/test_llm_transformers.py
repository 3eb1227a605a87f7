"""The transformers backend on a real model: the embedded GGUF, dequantised by
transformers (`gguf_file=`). Loading takes ~40-80 s on 2 cores, so everything shares one
load and is marked slow."""

from __future__ import annotations

import json
import time

import pytest

from assistant.llm import LLMError, Message
from assistant.llm.transformers_backend import TransformersBackend

pytestmark = pytest.mark.slow

GREET = [Message("user", "Greet a shopper in one short sentence.")]


@pytest.fixture(scope="module")
def hf():
    backend = TransformersBackend()  # None: the embedded GGUF
    backend.load()
    return backend


def test_transformers_completes_and_streams_the_same_answer(hf):
    text = hf.complete(GREET, max_tokens=12)
    assert any(ch.isalpha() for ch in text)
    pieces = list(hf.stream(GREET, max_tokens=12))
    assert len(pieces) >= 2 and "".join(pieces) == text


def test_transformers_json_mode_checks_the_answer(hf):
    messages = [
        Message("system", 'Reply with only a JSON object like {"colour": "..."}.'),
        Message("user", "I want a red shirt."),
    ]
    assert isinstance(json.loads(hf.complete(messages, max_tokens=16, json_mode=True)), dict)


def test_transformers_timeout_stops_generation(hf):
    start = time.monotonic()
    with pytest.raises(LLMError, match="timed out"):
        hf.complete([Message("user", "Write a long story about shoes.")], max_tokens=200, timeout=0.5)
    assert time.monotonic() - start < 5
