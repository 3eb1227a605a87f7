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

import os
from typing import Any

from .base import LLMBackend, LLMError, Message

__all__ = ["BACKENDS", "LLMBackend", "LLMError", "Message", "make_backend"]

BACKENDS = ("llama_cpp", "transformers", "openai", "none")

# option: (environment variable, its type, the one backend it belongs to or None for all)
_ENV_OPTIONS: dict[str, tuple[str, type, str | None]] = {
    "model": ("SHOP_LLM_MODEL", str, None),
    "timeout": ("SHOP_LLM_TIMEOUT", float, None),
    "base_url": ("SHOP_LLM_BASE_URL", str, "openai"),
    "api_key": ("SHOP_LLM_API_KEY", str, "openai"),
    "n_threads": ("SHOP_LLM_THREADS", int, "llama_cpp"),
}


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
    for option, (variable, kind, only_for) in _ENV_OPTIONS.items():
        value = os.environ.get(variable, "").strip()
        if value and option not in options and only_for in (None, chosen):
            options[option] = value if kind is str else _positive(variable, value, kind)
    if chosen == "llama_cpp":
        from .llama_cpp_backend import LlamaCppBackend

        return LlamaCppBackend(**options)
    if chosen == "transformers":
        from .transformers_backend import TransformersBackend

        return TransformersBackend(**options)
    if not options.get("base_url"):
        raise ValueError("the openai backend needs base_url= or SHOP_LLM_BASE_URL")
    from .openai_backend import OpenAIBackend

    return OpenAIBackend(**options)


def _positive(variable: str, value: str, kind: type) -> int | float:
    try:
        number = kind(value)
    except ValueError:
        raise ValueError(f"{variable} must be a positive {kind.__name__}, not {value!r}") from None
    if number <= 0:
        raise ValueError(f"{variable} must be a positive {kind.__name__}, not {value!r}")
    return number
