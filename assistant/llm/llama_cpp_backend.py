"""The default backend: a GGUF model run in-process by llama.cpp.

The embedded Qwen2.5-Coder-0.5B GGUF loads in under a second and needs no server, so
every install has a working LLM. A llama.cpp context is not thread-safe, and two generating at
once on 2 cores slow each other far more than twice (their threads spin at every layer): one
lock serialises generations, and waiting for it counts against the caller's timeout. Timeouts
and a close are checked between tokens, and between chunks of the prompt (`CALL_CHUNK`): one
llama.cpp evaluation cannot be interrupted, and a whole prompt's, on loaded cores, held a stopping
app for over two minutes.

A context keeps the tokens of its last prompt and reuses their common prefix, which is what
makes a warm call fast (`prime` puts a prompt's known beginning there ahead of the call).
Prompt families (extraction, advice, reply sentences) share no prefix, so each system prompt
(up to MAX_CONTEXTS) gets a context of its own: an extraction between two advice answers no
longer costs the next answer its prefix.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ._common import as_dicts, hold
from .base import Deadline, LLMBackend, LLMError, Message, fail
from .native_log import route_native_log

# Prompt families kept warm apart: the understanding's prompt (extraction or LLM-first turn) and
# the advice answer; any further family shares the first context. llama.cpp repacks the weights
# for this CPU per load, so each extra context costs a model's worth of memory (measured: +570 MB
# with the embedded 0.5B GGUF).
MAX_CONTEXTS = 2
# Tokens `prime` evaluates between its checks that no call is waiting for the model
# (about 0.1 s on 2 idle cores).
PRIME_CHUNK = 16
# Tokens of its own prompt a call evaluates between its checks of the deadline and a close: about
# 0.5 s on 2 idle cores, for 10% more evaluation time than the whole prompt at once (measured on a
# 320-token prompt: 2.5 s in chunks of 64, 2.3 s in one).
CALL_CHUNK = 64


class LlamaCppBackend(LLMBackend):
    name = "llama_cpp"

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        n_ctx: int = 2048,
        n_threads: int = 2,
        timeout: float | None = None,
    ):
        """`model` is a GGUF path; None means the GGUF shipped in the pip packages.

        Nothing is loaded here: building the app must not pay for a model it may not use.
        """
        self.model_path = Path(model) if model else None
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.default_timeout = timeout
        self._llama = None
        self._contexts: dict[str, object] = {}
        self._waiting = 0
        self._load_lock = threading.Lock()
        self._generate_lock = threading.Lock()
        self._count_lock = threading.Lock()

    def load(self):
        """The llama.cpp model, loaded on first use; also lets a caller pay the load up front."""
        with self._load_lock:
            self._check_open()
            if self._llama is None:
                self._llama = self._open()
            return self._llama

    def _release(self) -> None:
        """A load under way ends first and none starts after; then the call holding the model stops at
        its next token (prompt evaluation cannot be interrupted: it runs to its end, seconds at most),
        and only then are its contexts freed, so no thread is left inside llama.cpp when they are."""
        with self._load_lock, self._generate_lock:
            for llama in {self._llama, *self._contexts.values()} - {None}:   # the first context is the model's own
                llama.close()
            self._contexts.clear()
            self._llama = None

    def _open(self):
        path = self.model_path
        try:
            from llama_cpp import Llama

            from common.packaged_models import embedded_gguf_path

            route_native_log()
            path = path or embedded_gguf_path()
            return Llama(model_path=str(path), n_ctx=self.n_ctx, n_threads=self.n_threads, verbose=False)
        except Exception as exc:
            raise fail(self.name, f"cannot load the model {path or '(embedded)'}", exc) from exc

    def _context_for(self, messages: list[Message]):
        """The context kept for this system prompt: the first family uses the loaded model's own,
        the next ones (up to MAX_CONTEXTS) open another, any later one shares the first."""
        family = messages[0].content if messages and messages[0].role == "system" else ""
        first = self.load()
        with self._load_lock:
            self._check_open()
            if family not in self._contexts:
                self._contexts[family] = first if not self._contexts else (
                    self._open() if len(self._contexts) < MAX_CONTEXTS else first)
            return self._contexts[family]

    def prime(self, messages: list[Message], keep_going: Callable[[], bool]) -> bool:
        """Evaluate the prompt of `messages` as far as their last message's text goes, into the
        context a call beginning with them will use, so that call evaluates only the words it
        adds. A few tokens at a time, and only while `keep_going()` and no call is waiting for
        the model; what was evaluated stays for the next try. True once all of it is in."""
        llama = self._context_for(messages)
        if not self._generate_lock.acquire(blocking=False):
            return False
        try:
            self._check_open()
            return self._evaluate_prefix(llama, messages, PRIME_CHUNK, lambda: keep_going() and not self._waiting)
        except LLMError:
            raise
        except Exception as exc:
            raise fail(self.name, "priming the prompt failed", exc) from exc
        finally:
            self._generate_lock.release()

    def _evaluate_prefix(self, llama, messages: list[Message], chunk: int, keep_going: Callable[[], bool]) -> bool:
        """Evaluate what `llama` does not yet hold of the prompt of `messages` (as far as its last
        message's text goes), `chunk` tokens at a time, while `keep_going()` and the backend is open;
        True once all of it is in. The caller holds the model."""
        tokens = _prefix_tokens(llama, messages)
        kept = llama.input_ids[:llama.n_tokens].tolist()
        done = next((i for i, (a, b) in enumerate(zip(kept, tokens)) if a != b), min(len(kept), len(tokens)))
        llama.n_tokens = done
        while done < len(tokens) and keep_going() and not self.closing.is_set():
            llama.eval(tokens[done:done + chunk])
            done = llama.n_tokens
        return done >= len(tokens)

    def _waiters(self, change: int) -> None:
        with self._count_lock:
            self._waiting += change

    @contextlib.contextmanager
    def _holding(self, deadline: Deadline) -> Iterator[None]:
        """The model's lock within the call's budget; a call waiting for it stops `prime`."""
        self._waiters(1)
        waiting = True
        try:
            with hold(self._generate_lock, deadline, self.name):
                self._waiters(-1)
                waiting = False
                self._check_open()   # closed while this call waited: the model is gone
                yield
        finally:
            if waiting:
                self._waiters(-1)

    def _pieces(
        self,
        messages: list[Message],
        max_tokens: int,
        temperature: float,
        json_mode: bool,
        deadline: Deadline,
    ) -> Iterator[str]:
        """The model stays locked until the iterator is exhausted or closed."""
        llama = self._context_for(messages)
        with self._holding(deadline):
            try:
                if not self._evaluate_prefix(llama, messages, CALL_CHUNK, lambda: not deadline.expired()):
                    self._check_open()
                    raise fail(self.name, f"timed out after {deadline.seconds} s (reading the prompt)")
                chunks = llama.create_chat_completion(
                    as_dicts(messages),
                    max_tokens=max_tokens,
                    temperature=temperature,
                    response_format={"type": "json_object"} if json_mode else None,
                    stream=True,
                )
                for chunk in chunks:
                    if deadline.expired() or self.closing.is_set():
                        chunks.close()
                        self._check_open()
                        raise fail(self.name, f"timed out after {deadline.seconds} s")
                    choice = chunk["choices"][0]
                    piece = choice["delta"].get("content")
                    if piece:
                        yield piece
                    if json_mode and choice.get("finish_reason") == "length":
                        raise fail(self.name, f"JSON answer cut off at max_tokens={max_tokens}")
            except LLMError:
                raise
            except Exception as exc:
                raise fail(self.name, "generation failed", exc) from exc


def _prefix_tokens(llama, messages: list[Message]) -> list[int]:
    """The tokens a chat prompt of `messages` begins with, up to the end of the last message's
    text, as the model's chat template lays it out. The last one is left out: the words a call
    adds may merge with it into another token."""
    text = _chat_formatter(llama.metadata.get("tokenizer.chat_template", ""))(messages=as_dicts(messages)).prompt
    text = text[:text.rindex(messages[-1].content) + len(messages[-1].content)]
    return llama.tokenize(text.encode("utf-8"), add_bos=True, special=True)[:-1]


@functools.lru_cache(maxsize=4)
def _chat_formatter(template: str):
    """The model's chat template, compiled once: every call now lays out its prompt (`_prefix_tokens`), and
    compiling the template took 7 ms of each."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    return Jinja2ChatFormatter(template=template, eos_token="", bos_token="")
