"""`python -m assistant chat` on a busy machine with a model that is late on every call.

The model (`late-endpoint`) is a real OpenAI-compatible HTTP endpoint started here that answers every request
(the model list, whole answers, streams) only after `LATE_S`, far past any turn's budget,
and ignores the client hanging up. Two busy-loop processes keep both cores loaded while the
real CLI runs in a subprocess with `--llm openai --llm-replies`, one message at a time, over
advice, searches, details, comparisons and small talk. Every message must get its one JSON
line, in order, each within `TURN_BOUND_S`, and the process must exit 0 without waiting for
the model.
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from assistant.bounded import pieces_within
from assistant.llm.base import LLMBackend
from assistant.manager import ADVICE_FIRST_S
from catalog.demo.shop import demo_catalog_dir
from tests.local_http import serving

pytestmark = pytest.mark.alone   # answers in time on busy cores

ROOT = Path(__file__).resolve().parent.parent
LATE_S = 5.0
# The understanding's budget for a model (1.5 s), an advice answer's for its first sentence, and
# 2.5 s for a turn's own work on two loaded cores.
TURN_BOUND_S = 1.5 + ADVICE_FIRST_S + 2.5
START_BOUND_S = 120.0
# Streamed turns on average: most wait once for the late model (1.5 s), some twice; the advice
# questions among them may each wait up to ADVICE_FIRST_S more for the answer to begin.
STREAMED_TURN_S = 2.0
ADVICE_QUESTIONS = 3
MESSAGES = [
    "hi there",
    "navy linen shirt, size L, under $60",
    "tell me about the first one",
    "is linen or cotton better for a hot wedding?",
    "compare the first and the second",
    "what goes with the first one?",
    "which of these is best for the office?",
    "thanks!",
    "show me black dresses",
    "what's the second one made of?",
    "would the first one suit a beach party?",
    "cheaper ones please",
    "compare the first two",
    "any advice on what to wear to a job interview?",
    "add the first one to my cart, size M",
    "what's in my cart?",
    "我想要一条红色的连衣裙",
    "这件适合婚礼吗？",
    "how are you today?",
    "start over",
]


class LateModel(BaseHTTPRequestHandler):
    """Answers like an OpenAI-compatible server, but only after `LATE_S`, whatever the client does."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        return None

    def do_GET(self) -> None:
        time.sleep(LATE_S)
        self._send("application/json", json.dumps({"data": [{"id": "late"}]}).encode())

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        time.sleep(LATE_S)
        if body.get("stream"):
            event = {"choices": [{"delta": {"content": "Linen breathes better."}, "finish_reason": "stop"}]}
            self._send("text/event-stream", f"data: {json.dumps(event)}\n\ndata: [DONE]\n\n".encode())
        else:
            answer = {"choices": [{"message": {"content": '{"intent": "search"}'}, "finish_reason": "stop"}]}
            self._send("application/json", json.dumps(answer).encode())

    def _send(self, kind: str, data: bytes) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:   # the client gave up long ago
            pass


@pytest.fixture()
def late_endpoint():
    with serving(LateModel) as url:
        yield url + "/v1"


def _chat(endpoint: str, *extra: str, llm: str = "openai") -> subprocess.Popen:
    env = {**os.environ, "SHOP_LLM_BASE_URL": endpoint, "PYTHONUNBUFFERED": "1"}
    env.pop("SHOP_LLM_MODEL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "chat", "--catalog", str(demo_catalog_dir()), "--llm", llm,
         "--no-tryon", "--llm-replies", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def _lines(stream) -> queue.Queue:
    """Lines from a pipe as they come, read in a thread so waiting for one can time out."""
    got: queue.Queue = queue.Queue()

    def read() -> None:
        for line in stream:
            got.put(line)
        got.put(None)
    threading.Thread(target=read, daemon=True).start()
    return got


@pytest.mark.slow
@pytest.mark.parametrize("llm", ["openai", "llama_cpp"], ids=["late-endpoint", "llama-cpp"])
def test_chat_json_answers_every_message_in_time_with_a_late_model_on_busy_cores(
        demo_catalog, late_endpoint, busy_cores, llm):
    """`llama-cpp` is the embedded model itself, late because the cores are busy (its first
    advice sentence took 4.6 s here); it also checks the exit, which once died of SIGSEGV
    (llama.cpp freed under a call still running in the background)."""
    chat = _chat(late_endpoint, "--json", llm=llm)
    errors = _lines(chat.stderr)
    lines = _lines(chat.stdout)
    seconds: list[float] = []
    try:
        for i, message in enumerate(MESSAGES):
            began = time.monotonic()
            chat.stdin.write(message + "\n")
            chat.stdin.flush()
            line = lines.get(timeout=START_BOUND_S if i == 0 else 60)
            seconds.append(time.monotonic() - began)
            assert line is not None, f"no line for {message!r}"
            turn = json.loads(line)
            assert turn["reply"], message
        chat.stdin.close()
        assert chat.wait(timeout=TURN_BOUND_S) == 0
        assert lines.get(timeout=5) is None, "a line nobody asked for"
    finally:
        chat.kill()
        chat.wait()
        log = "".join(iter(lambda: errors.get(timeout=5) or "", ""))
    print(f"per-turn seconds: p50 {statistics.median(seconds[1:]):.2f} max {max(seconds[1:]):.2f}; "
          f"first (with start-up) {seconds[0]:.2f}; all {[round(s, 2) for s in seconds]}")
    assert max(seconds[1:]) <= TURN_BOUND_S, (seconds, log[-3000:])
    assert "Traceback" not in log, log[-3000:]


@pytest.mark.slow
def test_streamed_chat_ends_in_time_with_a_late_model_on_busy_cores(demo_catalog, late_endpoint, busy_cores):
    """The reply text streamed as it comes: once started, the whole chat takes at most
    `STREAMED_TURN_S` a turn on average (before the advice bound it took ~2.5 s a turn)."""
    chat = _chat(late_endpoint)
    lines = _lines(chat.stdout)
    chat.stdin.write(MESSAGES[0] + "\n")
    chat.stdin.flush()
    assert lines.get(timeout=START_BOUND_S) is not None
    began = time.monotonic()
    chat.stdin.write("\n".join(MESSAGES[1:]) + "\n")
    chat.stdin.close()
    try:
        code = chat.wait(timeout=60 + STREAMED_TURN_S * len(MESSAGES) + ADVICE_QUESTIONS * ADVICE_FIRST_S)
    finally:
        chat.kill()
    took = time.monotonic() - began
    log = chat.stderr.read()
    print(f"streamed chat of {len(MESSAGES) - 1} messages after the first: {took:.1f} s")
    assert code == 0, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert took <= STREAMED_TURN_S * (len(MESSAGES) - 1) + ADVICE_QUESTIONS * ADVICE_FIRST_S, log[-3000:]


class Dripping(LLMBackend):
    """`count` pieces, one every 0.2 s; notes when its generation ends."""

    name = "dripping"

    def __init__(self, count: int):
        self.count = count
        self.ended = threading.Event()

    def _pieces(self, messages, max_tokens, temperature, json_mode, deadline):
        try:
            for _ in range(self.count):
                time.sleep(0.2)
                yield "word "
        finally:
            self.ended.set()


def test_a_stream_given_up_on_stops_generating_at_its_next_piece():
    model = Dripping(50)
    began = time.monotonic()
    assert list(pieces_within(lambda: model.stream([]), first_s=0.05, gap_s=0.05, name="test")) == []
    assert time.monotonic() - began < 0.2
    assert model.ended.wait(timeout=1.0), "the model went on generating for nobody"


def test_a_stream_that_comes_in_time_is_read_whole():
    model = Dripping(5)
    pieces = list(pieces_within(lambda: model.stream([]), first_s=1.0, gap_s=1.0, name="test"))
    assert pieces == ["word "] * 5 and model.ended.is_set()
