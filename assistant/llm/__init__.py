"""Chat-model backends behind one interface (`base.LLMBackend`), chosen by configuration.

`make_backend("none")` returns None rather than an object that always fails: "no LLM" is
a normal way to run the shop, so the dialogue manager checks `llm is None` and skips
building prompts at all, while `LLMError` stays reserved for real failures of a
configured model (which are logged on logger "assistant.llm").

Environment (an explicit argument wins over it):
  SHOP_LLM           llama_cpp (default) | transformers | openai | none
  SHOP_LLM_MODEL     GGUF path (llama_cpp), model dir / hub id / .gguf (transformers),
                     model name (openai; default: the endpoint's first model)
  SHOP_LLM_BASE_URL  openai only, e.g. http://127.0.0.1:8000/v1
  SHOP_LLM_API_KEY   openai only, optional
  SHOP_LLM_TIMEOUT   default seconds per call when the caller passes none
  SHOP_LLM_THREADS   llama_cpp only (default 2). llama.cpp's threads wait for each other
                     at every layer: when other work (try-on) keeps the cores busy, 2 threads
                     can fall to ~2 tok/s where 1 thread decoded at ~12-20 (measure with
                     bench/llm_latency.py --threads N)

Backend modules are imported only when chosen, so llama_cpp users never import torch.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Any

from .base import LLMBackend, LLMError, Message

__all__ = ["BACKENDS", "LLMBackend", "LLMError", "Message", "make_backend"]


@dataclass(frozen=True)
class BackendEntry:
    """How one backend is built: its class (imported only when chosen), the options it alone
    reads from the environment, and the ones it cannot run without."""

    module: str
    cls: str
    env: dict[str, tuple[str, type]] = field(default_factory=dict)
    needs: tuple[str, ...] = ()


# options every backend reads from the environment: option -> (variable, type)
COMMON_ENV: dict[str, tuple[str, type]] = {
    "model": ("SHOP_LLM_MODEL", str),
    "timeout": ("SHOP_LLM_TIMEOUT", float),
}
REGISTRY: dict[str, BackendEntry] = {
    "llama_cpp": BackendEntry(".llama_cpp_backend", "LlamaCppBackend", {"n_threads": ("SHOP_LLM_THREADS", int)}),
    "transformers": BackendEntry(".transformers_backend", "TransformersBackend"),
    "openai": BackendEntry(".openai_backend", "OpenAIBackend",
                    {"base_url": ("SHOP_LLM_BASE_URL", str), "api_key": ("SHOP_LLM_API_KEY", str)}, ("base_url",)),
}
BACKENDS = (*REGISTRY, "none")


def make_backend(name: str | None = None, **options: Any) -> LLMBackend | None:
    """The configured backend, not yet loaded (the first call loads it), or None for "none".

    Raises ValueError for an unknown name or unusable settings, so a misconfiguration
    stops the app at start rather than degrading every turn.
    """
    chosen = (name or os.environ.get("SHOP_LLM") or "llama_cpp").strip().lower().replace("-", "_")
    if chosen not in BACKENDS:
        raise ValueError(f"unknown LLM backend {chosen!r}; valid: {', '.join(BACKENDS)}")
    if chosen == "none":
        return None
    entry = REGISTRY[chosen]
    env = {**COMMON_ENV, **entry.env}
    for option, (variable, kind) in env.items():
        value = os.environ.get(variable, "").strip()
        if value and option not in options:
            options[option] = value if kind is str else _positive(variable, value, kind)
    for option in entry.needs:
        if not options.get(option):
            raise ValueError(f"the {chosen} backend needs {option}= or {env[option][0]}")
    backend = getattr(importlib.import_module(entry.module, __name__), entry.cls)
    return backend(**options)


def _positive(variable: str, value: str, kind: type) -> int | float:
    try:
        number = kind(value)
    except ValueError:
        raise ValueError(f"{variable} must be a positive {kind.__name__}, not {value!r}") from None
    if number <= 0:
        raise ValueError(f"{variable} must be a positive {kind.__name__}, not {value!r}")
    return number
