"""The LLM backends against the real embedded model: in-process through llama.cpp, and
behind a real llama.cpp OpenAI-compatible server started here. Nothing is mocked."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.llm import BACKENDS, LLMError, Message, make_backend
from assistant.llm.base import json_object_text
from assistant.llm.llama_cpp_backend import LlamaCppBackend, _prefix_tokens
from assistant.llm.openai_backend import OpenAIBackend
from common.packaged_models import embedded_gguf_path

pytestmark = pytest.mark.alone   # timeouts of a fraction of a second

EXTRACT = [
    Message(
        "system",
        'Extract what the shopper wants as a JSON object with keys "category", "colour", '
        '"size" and "max_price" (null when not said).',
    ),
    Message("user", "I need a black dress in size S, under 80 dollars"),
]
GREET = [Message("user", "Greet a shopper in one short sentence.")]
LONG = [Message("user", "Write a long story about a pair of red shoes.")]


@pytest.fixture(scope="module")
def gguf() -> Path:
    return embedded_gguf_path()


@pytest.fixture(scope="module")
def llama(gguf) -> LlamaCppBackend:
    backend = LlamaCppBackend(gguf)
    backend.load()
    return backend


def assert_extraction(text: str) -> None:
    value = json.loads(text)
    assert isinstance(value, dict)
    assert "black" in json.dumps(value).lower()


# --- llama_cpp, in-process ---------------------------------------------------------------


def test_llama_cpp_short_completion(llama):
    text = llama.complete(GREET, max_tokens=30)
    assert any(ch.isalpha() for ch in text)


def test_llama_cpp_json_mode_returns_parseable_json(llama):
    assert_extraction(llama.complete(EXTRACT, max_tokens=80, json_mode=True))


def test_llama_cpp_stream_pieces_join_to_the_full_answer(llama):
    pieces = list(llama.stream(GREET, max_tokens=30))
    assert len(pieces) >= 3
    assert "".join(pieces) == llama.complete(GREET, max_tokens=30)


def test_llama_cpp_timeout_raises_instead_of_returning_partial_text(llama):
    start = time.monotonic()
    with pytest.raises(LLMError, match="timed out"):
        llama.complete(LONG, max_tokens=200, timeout=0.2)
    assert time.monotonic() - start < 3
    with pytest.raises(LLMError, match="timed out"):
        for _ in llama.stream(LONG, max_tokens=200, timeout=0.3):
            pass


def test_llama_cpp_json_cut_off_by_max_tokens_is_an_error(llama):
    with pytest.raises(LLMError, match="cut off"):
        llama.complete(EXTRACT, max_tokens=4, json_mode=True)


def test_llama_cpp_waiting_for_a_busy_model_counts_against_the_timeout(llama):
    pieces = llama.stream(LONG, max_tokens=200)
    next(pieces)  # this stream now holds the model
    with pytest.raises(LLMError, match="busy"):
        llama.complete(GREET, max_tokens=5, timeout=0.3)
    pieces.close()
    assert llama.complete(GREET, max_tokens=5, timeout=30)


def test_llama_cpp_serialises_concurrent_callers(llama):
    answers: list[str] = []
    threads = [
        threading.Thread(target=lambda: answers.append(llama.complete(GREET, max_tokens=12, timeout=60)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 2 and answers[0] == answers[1]


def test_llama_cpp_keeps_each_system_prompt_warm_in_its_own_context(gguf):
    """An extraction between two advice answers must not cost the next answer its cached prompt:
    each system prompt keeps its tokens in a context of its own over the same weights."""
    advice = [Message("system", "You are the stylist of a clothing shop. Answer in one short sentence."),
              Message("user", "Is linen good for summer?")]
    extract = [Message("system", "Read the shopper's message and answer with JSON only."),
               Message("user", "black dress size S")]
    llama = LlamaCppBackend(gguf)
    llama.complete(advice, max_tokens=4)
    llama.complete(extract, max_tokens=4)
    advice_context, extract_context = llama._context_for(advice), llama._context_for(extract)
    assert advice_context is not extract_context
    system_tokens = advice_context.tokenize(advice[0].content.encode(), add_bos=False, special=False)
    kept = advice_context.input_ids[:advice_context.n_tokens].tolist()
    assert any(kept[i:i + len(system_tokens)] == system_tokens for i in range(len(kept)))


def _read_in_background(backend: LlamaCppBackend, messages: list[Message], max_tokens: int
                        ) -> tuple[threading.Thread, list[str], list[BaseException]]:
    """A thread reading `backend.stream(messages)`: the pieces it got so far, and the LLMError that ended it."""
    pieces: list[str] = []
    ended: list[BaseException] = []

    def read() -> None:
        try:
            for piece in backend.stream(messages, max_tokens=max_tokens):
                pieces.append(piece)
        except LLMError as exc:
            ended.append(exc)
    reader = threading.Thread(target=read)
    reader.start()
    return reader, pieces, ended


def _wait_for(items: list, seconds: float = 60) -> None:
    """Until `items` (filled by another thread) has one, or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while not items and time.monotonic() < deadline:
        time.sleep(0.01)


def _recorded_evals(context) -> list[int]:
    """The sizes of the token batches `context` evaluates from now on, as it evaluates them."""
    evaluated: list[int] = []
    evaluate = context.eval
    context.eval = lambda tokens: (evaluated.append(len(tokens)), evaluate(tokens))[1]
    return evaluated


def test_llama_cpp_close_stops_the_answer_under_way_then_frees_the_model(gguf):
    """`close` from another thread while a long answer streams: the reader gets LLMError at the next token,
    the contexts are freed once nothing holds the model, and later calls fail at once instead of reloading."""
    backend = LlamaCppBackend(gguf)
    reader, pieces, ended = _read_in_background(backend, LONG, 400)
    _wait_for(pieces)
    assert pieces, "the answer never began"
    backend.close()
    reader.join(timeout=10)
    assert not reader.is_alive() and ended and "closed" in str(ended[0])
    assert backend._llama is None and not backend._contexts
    began = time.monotonic()
    with pytest.raises(LLMError, match="closed"):
        backend.complete(GREET)
    assert time.monotonic() - began < 0.5


def test_llama_cpp_close_stops_a_long_prompt_being_read(gguf):
    """A close while a call is still reading its prompt ends the call within a chunk of it: the whole
    prompt read in one evaluation held a stopping app for minutes on loaded cores."""
    backend = LlamaCppBackend(gguf)
    question = [Message("user", "Which of these fabrics breathes best in a humid summer, and why? " * 80)]
    context = backend._context_for(question)
    prompt_tokens = len(_prefix_tokens(context, question))
    evaluated = _recorded_evals(context)
    reader, _, ended = _read_in_background(backend, question, 50)
    _wait_for(evaluated)
    backend.close()
    reader.join(timeout=60)
    assert not reader.is_alive() and ended and "closed" in str(ended[0])
    assert sum(evaluated) < prompt_tokens / 2, (sum(evaluated), prompt_tokens)


def test_the_extraction_prompt_is_evaluated_ahead_though_the_model_is_busy_when_the_app_starts(gguf):
    """The advice primer starts beside the extraction's warm-up and may hold the model first: the warm-up
    waits its turn rather than giving up, so the first shopper the LLM reads does not pay for the prompt."""
    from assistant.understanding.llm_extract import LLMExtractor

    backend = LlamaCppBackend(gguf)
    extractor = LLMExtractor(backend)
    messages = extractor.messages("hello")
    context = backend._context_for(messages)
    backend._generate_lock.acquire()
    threading.Timer(1.0, backend._generate_lock.release).start()
    extractor.warm_up(wait=True)
    assert context.n_tokens >= len(_prefix_tokens(context, messages))
    backend.close()


def test_llama_cpp_missing_model_is_a_logged_llm_error(tmp_path, caplog):
    backend = LlamaCppBackend(tmp_path / "missing.gguf")
    with caplog.at_level(logging.WARNING, logger="assistant.llm"):
        with pytest.raises(LLMError, match="cannot load"):
            backend.complete(GREET)
    assert any(record.name == "assistant.llm" for record in caplog.records)


def test_json_object_text_finds_the_object_in_prose():
    assert json_object_text("t", 'Sure:\n```json\n{"a": {"b": 1}}\n```') == '{"a": {"b": 1}}'
    assert json_object_text("t", 'bad {x} then {"ok": true}') == '{"ok": true}'
    with pytest.raises(LLMError):
        json_object_text("t", "no json [1, 2] here")


# --- openai, against a real llama.cpp server ---------------------------------------------


class LlamaServer:
    """`python -m llama_cpp.server` on a free loopback port, restartable on the same port."""

    def __init__(self, model: Path, log: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.model, self.log = model, log
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.process: subprocess.Popen | None = None

    def start(self, ready_within: float = 90.0) -> None:
        command = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(self.model),
            "--host", "127.0.0.1", "--port", str(self.port), "--n_threads", "2", "--n_ctx", "2048",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/models", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"llama_cpp.server not ready in {ready_within} s: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture(scope="module")
def server(gguf, tmp_path_factory):
    server = LlamaServer(gguf, tmp_path_factory.mktemp("llama_server") / "server.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def remote(server):
    backend = OpenAIBackend(server.url, timeout=120, cooldown=1.0)
    yield backend
    backend.close()


def test_openai_complete_and_model_discovery(remote):
    assert any(ch.isalpha() for ch in remote.complete(GREET, max_tokens=30))
    assert remote.model.endswith(".gguf")  # the server's only model, found via /models


def test_openai_json_mode(remote):
    assert_extraction(remote.complete(EXTRACT, max_tokens=80, json_mode=True))


def test_openai_stream_pieces_join_to_the_full_answer(remote):
    pieces = list(remote.stream(GREET, max_tokens=30))
    assert len(pieces) >= 3
    assert "".join(pieces) == remote.complete(GREET, max_tokens=30)


def test_openai_timeout(remote):
    start = time.monotonic()
    with pytest.raises(LLMError, match="timed out"):
        for _ in remote.stream(LONG, max_tokens=200, timeout=0.5):
            pass
    assert time.monotonic() - start < 3


def test_openai_http_error_is_an_llm_error(server):
    backend = OpenAIBackend(server.url + "/no-such-api", model="x", timeout=10)
    with pytest.raises(LLMError, match="HTTP 404"):
        backend.complete(GREET, max_tokens=5)
    backend.close()


def test_openai_endpoint_down_then_back(server, remote):
    assert remote.complete(GREET, max_tokens=5)  # a pooled keep-alive connection exists
    server.stop()
    start = time.monotonic()
    with pytest.raises(LLMError, match="cannot reach"):
        remote.complete(GREET, max_tokens=5, timeout=10)
    assert time.monotonic() - start < 3  # retries with backoff, bounded
    start = time.monotonic()
    with pytest.raises(LLMError, match="unreachable"):
        remote.complete(GREET, max_tokens=5)  # cooldown: fails without touching the network
    assert time.monotonic() - start < 0.1
    server.start()
    time.sleep(remote.cooldown)
    assert any(ch.isalpha() for ch in remote.complete(GREET, max_tokens=30))


# --- none, and choosing a backend --------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch):
    for variable in ("SHOP_LLM", "SHOP_LLM_MODEL", "SHOP_LLM_BASE_URL", "SHOP_LLM_API_KEY", "SHOP_LLM_TIMEOUT",
                     "SHOP_LLM_THREADS"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_none_means_no_backend(clean_env):
    assert make_backend("none") is None
    clean_env.setenv("SHOP_LLM", "none")
    assert make_backend() is None


def test_default_is_the_embedded_llama_cpp_model_not_yet_loaded(clean_env):
    backend = make_backend()
    assert isinstance(backend, LlamaCppBackend)
    assert backend.model_path is None and backend._llama is None


def test_env_configures_the_openai_backend(clean_env):
    clean_env.setenv("SHOP_LLM", "openai")
    clean_env.setenv("SHOP_LLM_BASE_URL", "http://127.0.0.1:9/v1/")
    clean_env.setenv("SHOP_LLM_MODEL", "qwen")
    clean_env.setenv("SHOP_LLM_API_KEY", "secret")
    clean_env.setenv("SHOP_LLM_TIMEOUT", "7.5")
    backend = make_backend()
    assert isinstance(backend, OpenAIBackend)
    assert (backend.base_url, backend.model, backend.default_timeout) == ("http://127.0.0.1:9/v1", "qwen", 7.5)
    assert backend._client.headers["Authorization"] == "Bearer secret"
    assert make_backend(model="other").model == "other"  # an argument wins over the env
    backend.close()


def test_argument_wins_over_env_and_settings_stay_with_their_backend(clean_env, gguf):
    clean_env.setenv("SHOP_LLM", "openai")
    clean_env.setenv("SHOP_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    clean_env.setenv("SHOP_LLM_MODEL", str(gguf))
    clean_env.setenv("SHOP_LLM_THREADS", "1")
    backend = make_backend("llama-cpp")
    assert isinstance(backend, LlamaCppBackend)
    assert (backend.model_path, backend.n_threads) == (gguf, 1)
    assert make_backend("openai").model == str(gguf)  # SHOP_LLM_THREADS is not the server's


def test_bad_configuration_fails_at_start(clean_env):
    with pytest.raises(ValueError) as error:
        make_backend("gpt5")
    assert all(name in str(error.value) for name in BACKENDS)
    with pytest.raises(ValueError, match="SHOP_LLM_BASE_URL"):
        make_backend("openai")
    clean_env.setenv("SHOP_LLM_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="SHOP_LLM_TIMEOUT"):
        make_backend("llama_cpp")
    clean_env.delenv("SHOP_LLM_TIMEOUT")
    clean_env.setenv("SHOP_LLM_THREADS", "0")
    with pytest.raises(ValueError, match="SHOP_LLM_THREADS"):
        make_backend("llama_cpp")


def test_transformers_is_chosen_lazily(clean_env, tmp_path):
    clean_env.setenv("SHOP_LLM", "transformers")
    clean_env.setenv("SHOP_LLM_MODEL", str(tmp_path))
    backend = make_backend()
    assert backend.name == "transformers"
    with pytest.raises(LLMError, match="cannot load"):
        backend.complete(GREET)  # an empty directory is no model



def test_llama_cpp_prime_leaves_a_call_only_its_own_words_to_evaluate(gguf):
    """The advice prompt up to the question is evaluated ahead; the answer then reads only the question."""
    from assistant.advice import advice_messages, advice_prefix

    llama = LlamaCppBackend(gguf)
    prefix = advice_prefix(())
    assert llama.prime(prefix, lambda: True)
    context = llama._context_for(prefix)
    evaluated = _recorded_evals(context)
    question = "can I wear it with sneakers?"
    llama.complete(advice_messages(question, (), "en"), max_tokens=1)
    assert 0 < evaluated[0] <= len(context.tokenize(f"{question}\nAnswer in English:".encode())) + 8

