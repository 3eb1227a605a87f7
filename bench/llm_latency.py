"""How fast the default llama_cpp backend answers the two calls the assistant makes most:
a short JSON slot extraction and a short reply. Decides which timeouts are realistic.

    .venv/bin/python bench/llm_latency.py [--runs 5] [--model PATH] [--threads 2]

First-token latency is measured through `stream()` (what a shopper waits before text
appears); `json_mode` goes through `complete()` because only it takes the JSON grammar.
Tokens are counted with the model's own tokenizer. With other processes busy on the same
cores, llama.cpp slows down sharply: the load average is printed with the table.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from llama_cpp import Llama  # noqa: E402

from assistant.llm import Message  # noqa: E402
from assistant.llm.llama_cpp_backend import LlamaCppBackend  # noqa: E402
from common.packaged_models import embedded_gguf_path  # noqa: E402

EXTRACT_SYSTEM = Message(
    "system",
    'Extract what the shopper wants as a JSON object with keys "category", "colour", '
    '"size", "max_price" and "exclude" (null when not said).',
)
EXTRACT_USERS = [
    "I'm looking for a slim navy shirt in size M, not linen, under 40 dollars",
    "Do you have a black midi dress in S for a wedding? Nothing over 120.",
    "need warm winter boots, size 42, brown or dark green, no suede",
    "a loose white cotton t-shirt for men, L, cheap",
    "red party skirt size XS under 60 please, not sequined",
    "something casual in grey for the office, size 40, max 80 euros",
]
REPLY_SYSTEM = Message("system", "You are a friendly shop assistant. Answer in one or two short sentences.")
REPLY_USERS = [
    "Which of the two jackets is warmer for winter?",
    "Is the linen shirt good for hot weather?",
    "Can I wash the wool sweater in a machine?",
    "What goes well with the navy chinos?",
    "Is the black dress too formal for a dinner with friends?",
    "Do the running shoes run small?",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def timed_stream(backend: LlamaCppBackend, messages: list[Message]) -> tuple[float, float, str]:
    start = time.perf_counter()
    first = None
    pieces = []
    for piece in backend.stream(messages, max_tokens=96, timeout=120):
        first = first if first is not None else time.perf_counter() - start
        pieces.append(piece)
    return first or 0.0, time.perf_counter() - start, "".join(pieces)


def timed_json(backend: LlamaCppBackend, messages: list[Message]) -> tuple[float, float, str]:
    start = time.perf_counter()
    text = backend.complete(messages, max_tokens=96, json_mode=True, timeout=120)
    return math.nan, time.perf_counter() - start, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--model", type=Path, default=None, help="GGUF path (default: the embedded model)")
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads (n_threads)")
    args = parser.parse_args()

    model = args.model or embedded_gguf_path()
    start = time.perf_counter()
    backend = LlamaCppBackend(model, n_threads=args.threads)
    backend.load()
    load = time.perf_counter() - start
    vocab = Llama(model_path=str(model), vocab_only=True, verbose=False)

    cases = [
        ("extraction", "stream", EXTRACT_SYSTEM, EXTRACT_USERS, timed_stream),
        ("extraction", "json_mode", EXTRACT_SYSTEM, EXTRACT_USERS, timed_json),
        ("reply", "stream", REPLY_SYSTEM, REPLY_USERS, timed_stream),
    ]
    print(f"model {model.name}  threads {args.threads}  load {load:.2f} s  runs {args.runs} (+1 warm-up)  "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    header = (
        f"{'prompt':<11}{'mode':<10}{'tokens':>7}"
        f"{'first tok p50/p95 s':>22}{'total p50/p95 s':>19}{'tok/s p50/p5':>15}"
    )
    print(header)
    print("-" * len(header))
    for label, mode, system, users, run in cases:
        # Warm-up caches the system prompt, as in a live session; each run then has a new
        # user message, so first-token latency includes evaluating it.
        run(backend, [system, Message("user", users[-1])])
        firsts, totals, rates, counts = [], [], [], []
        for i in range(args.runs):
            first, total, text = run(backend, [system, Message("user", users[i % (len(users) - 1)])])
            tokens = len(vocab.tokenize(text.encode("utf-8"), add_bos=False))
            firsts.append(first)
            totals.append(total)
            counts.append(tokens)
            # Decode speed: tokens after the first, over the time after it (whole call for JSON).
            rates.append((tokens - 1) / (total - first) if mode == "stream" else tokens / total)
        first_cell = f"{percentile(firsts, .5):.2f} / {percentile(firsts, .95):.2f}" if mode == "stream" else "-"
        print(f"{label:<11}{mode:<10}{round(sum(counts) / len(counts)):>7}{first_cell:>22}"
              f"{percentile(totals, .5):>10.2f} / {percentile(totals, .95):.2f}"
              f"{percentile(rates, .5):>8.1f} / {percentile(rates, .05):.1f}")
    print(f"\n(p5 of tok/s is the slow tail; load average now {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
