"""Any Hugging Face causal LM, on a GPU when there is one.

This is the backend for shops that run their own model with transformers. It also loads
the embedded GGUF (`gguf_file=`, dequantised; needs the `gguf` and `accelerate`
packages), which is slow on CPU (40-80 s load, ~7 tok/s) and mostly proves the path.
Without a grammar, `json_mode` cannot constrain decoding: the answer's first JSON object
is extracted and checked instead. Generation runs in a worker thread feeding a
`TextIteratorStreamer`, so a timeout or an abandoned stream stops it between tokens.
"""

from __future__ import annotations

import importlib.util
import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import torch
from transformers import (AutoModelForCausalLM, AutoTokenizer, StoppingCriteria, StoppingCriteriaList,
                          TextIteratorStreamer)

from ._common import as_dicts, hold
from .base import Deadline, LLMBackend, Message, fail


class _Stop(StoppingCriteria):
    """Ends generation at the deadline, when the consumer has gone, or when the backend closes."""

    def __init__(self, deadline: Deadline, closing: threading.Event):
        self.deadline = deadline
        self.cancelled = threading.Event()
        self.closing = closing
        self.timed_out = False

    def __call__(self, input_ids: torch.LongTensor, scores, **kwargs) -> torch.BoolTensor:
        self.timed_out = self.timed_out or self.deadline.expired()
        done = self.timed_out or self.cancelled.is_set() or self.closing.is_set()
        return torch.full((input_ids.shape[0],), done, dtype=torch.bool, device=input_ids.device)


class TransformersBackend(LLMBackend):
    name = "transformers"

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        gguf_file: str | None = None,
        device: str | None = None,
        timeout: float | None = None,
    ):
        """`model`: a model directory, a hub id, or a .gguf file; None means the embedded GGUF.

        `device` defaults to CUDA when available, else CPU. Nothing is loaded here.
        """
        self.model = str(model) if model else None
        self.gguf_file = gguf_file
        self.device = device
        self.default_timeout = timeout
        self._loaded: tuple | None = None
        self._load_lock = threading.Lock()
        self._generate_lock = threading.Lock()

    def load(self):
        """(tokenizer, model), loaded on first use; also lets a caller pay the load up front."""
        with self._load_lock:
            self._check_open()
            if self._loaded is None:
                source, gguf_file = self._source()
                if gguf_file:
                    missing = [p for p in ("gguf", "accelerate") if importlib.util.find_spec(p) is None]
                    if missing:
                        raise fail(self.name, f"loading a GGUF needs: pip install {' '.join(missing)}")
                try:
                    device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
                    # Half precision only where it is fast; on CPU float32 is the safe speed.
                    dtype = "auto" if device.startswith("cuda") else torch.float32
                    extra = {"gguf_file": gguf_file} if gguf_file else {}
                    tokenizer = AutoTokenizer.from_pretrained(source, **extra)
                    model = AutoModelForCausalLM.from_pretrained(source, dtype=dtype, **extra)
                    self._loaded = (tokenizer, model.to(device).eval())
                except Exception as exc:
                    where = f"{source} / {gguf_file}" if gguf_file else source
                    raise fail(self.name, f"cannot load the model {where}", exc) from exc
            return self._loaded

    def _release(self) -> None:
        """Once the generation under way has stopped (at its next token) and its thread is joined."""
        with self._load_lock, self._generate_lock:
            self._loaded = None

    def _source(self) -> tuple[str, str | None]:
        if self.model is None:
            try:
                from common.packaged_models import embedded_gguf_path

                path = embedded_gguf_path()
            except Exception as exc:
                raise fail(self.name, "the embedded GGUF is unavailable", exc) from exc
            return str(path.parent), path.name
        if self.gguf_file is None and self.model.endswith(".gguf"):
            path = Path(self.model)
            return str(path.parent), path.name
        return self.model, self.gguf_file

    def _pieces(
        self, messages: list[Message], max_tokens: int, temperature: float, json_mode: bool, deadline: Deadline
    ) -> Iterator[str]:
        """Without a grammar, `json_mode` only changes what `complete` checks, not the decoding."""
        tokenizer, model = self.load()
        with hold(self._generate_lock, deadline, self.name):
            self._check_open()
            try:
                inputs = tokenizer.apply_chat_template(
                    as_dicts(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True
                ).to(model.device)
            except Exception as exc:
                raise fail(self.name, "cannot apply the chat template", exc) from exc
            streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
            stop = _Stop(deadline, self.closing)
            sampling = {"do_sample": temperature > 0}
            if temperature > 0:
                sampling["temperature"] = temperature
            pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
            kwargs = dict(
                **inputs,
                **sampling,
                max_new_tokens=max_tokens,
                streamer=streamer,
                stopping_criteria=StoppingCriteriaList([stop]),
                pad_token_id=pad,
            )
            errors: list[BaseException] = []
            worker = threading.Thread(target=_run, args=(model, kwargs, streamer, errors), daemon=True)
            worker.start()
            try:
                while True:
                    streamer.timeout = deadline.remaining()
                    try:
                        piece = next(streamer)
                    except StopIteration:
                        break
                    except queue.Empty:
                        raise fail(self.name, f"timed out after {deadline.seconds} s") from None
                    if piece:
                        yield piece
                if errors:
                    raise fail(self.name, "generation failed", errors[0]) from errors[0]
                if stop.timed_out:
                    raise fail(self.name, f"timed out after {deadline.seconds} s")
                self._check_open()   # an answer cut short by `close` is not whole
            finally:
                stop.cancelled.set()
                worker.join()


def _run(model, kwargs: dict, streamer: TextIteratorStreamer, errors: list[BaseException]) -> None:
    """The worker: a failure must still end the stream, or the consumer would wait forever."""
    try:
        with torch.inference_mode():
            model.generate(**kwargs)
    except Exception as exc:
        errors.append(exc)
        streamer.end()
