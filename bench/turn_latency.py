"""Turn latency of the dialogue manager over scripted conversations, rules only and with the LLM.

    .venv/bin/python -m bench.turn_latency [--dialogues FILE.jsonl] [--llm none llama_cpp] [--llm-replies]

Per turn: `turn` = message in -> products chosen and the grounded reply ready (what
`DialogueManager.handle` returns); `first words` = message in -> the first streamed piece
of the reply; `full reply` = message in -> the last piece (with `--llm-replies`, after the
optional LLM sentence). Also printed: how many turns asked the LLM; the latency of one
LLM extraction call, uncapped, over 20 messages (so the figure exists even though the
rules rarely need the LLM; a turn waits at most the extractor's timeout for it); and the
eval scores of each run. Other processes on the same cores slow llama.cpp sharply: the
load average is printed with every table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.eval import _percentile, _simulated_image, score  # noqa: E402
from assistant.manager import Assistant  # noqa: E402
from assistant.understanding.llm_extract import LLMExtractor  # noqa: E402

EXTRACT_CALLS = 20
# Open questions asked after a search: their answer streams from the LLM (first words matter).
SETUP_SEARCH = "a navy linen shirt for a summer wedding, size L, under $60"
ADVICE_QUESTIONS = (
    "is linen or cotton better for a hot outdoor wedding?",
    "is the first one ok for a job interview?",
    "what colour shoes go with navy chinos?",
    "should a wedding guest avoid wearing white?",
    "how should a linen shirt fit?",
    "what's more breathable, polyester or cotton?",
    "can I wear the second one with jeans?",
    "亚麻和棉哪个更适合夏天？",
)
DEFAULT_DIALOGUES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "nlu_dev.jsonl"


class CountingBackend:
    """Passes calls through to a backend and counts them (bench only)."""

    def __init__(self, backend):
        self.backend = backend
        self.name = backend.name
        self.calls = 0

    def complete(self, *args, **kwargs):
        self.calls += 1
        return self.backend.complete(*args, **kwargs)

    def stream(self, *args, **kwargs):
        self.calls += 1
        return self.backend.stream(*args, **kwargs)


def run(dialogues: list[dict], llm: str, llm_replies: bool) -> dict:
    assistant = Assistant.create(llm=llm, tryon=False, llm_replies=llm_replies)
    counter = None
    if assistant.llm is not None:
        assistant.llm.load()
        counter = CountingBackend(assistant.llm)
        assistant.understander.extractor.llm = counter
        if assistant.phraser is not None:
            assistant.phraser.llm = counter
    turns, firsts, fulls, predictions = [], [], [], []
    for dialogue in dialogues:
        session = assistant.session()
        out = []
        for spec in dialogue["turns"]:
            kind = spec.get("image")
            image = _simulated_image(kind) if kind else None
            started = time.perf_counter()
            turn = session.handle(spec.get("user", ""), image=image, image_kind=kind)
            turns.append(time.perf_counter() - started)
            pieces = turn.stream()
            next(pieces, None)
            firsts.append(time.perf_counter() - started)
            for _ in pieces:
                pass
            fulls.append(time.perf_counter() - started)
            out.append({"intent": turn.understanding.intent, "slots": turn.state.request.to_canonical(), "ref": turn.ref})
        predictions.append({"id": dialogue["id"], "turns": out})
    result = {"turn": turns, "first": firsts, "full": fulls, "scores": score(dialogues, predictions),
              "llm_calls": counter.calls if counter else 0}
    if assistant.llm is not None:
        # The model's own time per extraction, uncapped (a turn waits at most the extractor's
        # timeout for it); one warm-up call first, as a running shop has the prompt cached.
        extractor = LLMExtractor(assistant.llm, timeout=60)
        messages = [t["user"] for d in dialogues for t in d["turns"] if t.get("user", "").strip()][:EXTRACT_CALLS + 1]
        extractor.extract(messages.pop())
        calls = []
        for message in messages:
            started = time.perf_counter()
            extractor.extract(message)
            calls.append(time.perf_counter() - started)
        result["extract"] = calls
        result["advice_first"], result["advice_full"], result["advice_acts"] = advice_latency(assistant)
    return result


def advice_latency(assistant) -> tuple[list[float], list[float], int]:
    """First words and whole answer of advice questions asked after a search."""
    firsts, fulls, advised = [], [], 0
    for question in ADVICE_QUESTIONS:
        session = assistant.session()
        session.handle(SETUP_SEARCH)
        started = time.perf_counter()
        turn = session.handle(question)
        advised += turn.action.kind == "advice"
        pieces = (p for p in turn.stream() if p.strip())
        next(pieces, None)
        firsts.append(time.perf_counter() - started)
        for _ in pieces:
            pass
        fulls.append(time.perf_counter() - started)
    return firsts, fulls, advised


def ms(values: list[float], q: float) -> str:
    return f"{1000 * _percentile(values, q):.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogues", type=Path, default=DEFAULT_DIALOGUES)
    parser.add_argument("--llm", nargs="+", default=["none", "llama_cpp"])
    parser.add_argument("--llm-replies", action="store_true", help="let the LLM add its follow-up sentence")
    args = parser.parse_args(argv)
    dialogues = [json.loads(line) for line in args.dialogues.read_text(encoding="utf-8").splitlines() if line.strip()]
    n_turns = sum(len(d["turns"]) for d in dialogues)
    print(f"{args.dialogues.name}: {len(dialogues)} conversations, {n_turns} turns; {os.cpu_count()} cores; "
          f"llm replies {'on' if args.llm_replies else 'off'}\n")
    header = (f"{'llm':<10}{'turn p50/p95 ms':>17}{'first words p50/p95':>21}{'full reply p50/p95':>20}"
              f"{'llm calls':>11}{'extract call p50/p95':>22}{'load avg':>10}")
    print(header)
    print("-" * len(header))
    results = {}
    for llm in args.llm:
        result = results[llm] = run(dialogues, llm, args.llm_replies)
        extract = result.get("extract")
        extract_text = f"{ms(extract, .5)}/{ms(extract, .95)}" if extract else "-"
        print(f"{llm:<10}{ms(result['turn'], .5) + '/' + ms(result['turn'], .95):>17}"
              f"{ms(result['first'], .5) + '/' + ms(result['first'], .95):>21}"
              f"{ms(result['full'], .5) + '/' + ms(result['full'], .95):>20}"
              f"{result['llm_calls']:>11}{extract_text:>22}{os.getloadavg()[0]:>10.1f}")
    for llm, result in results.items():
        if "advice_first" in result:
            first, full = result["advice_first"], result["advice_full"]
            print(f"\nadvice questions ({llm}): {result['advice_acts']}/{len(ADVICE_QUESTIONS)} read as advice; "
                  f"first words p50/p95 {ms(first, .5)}/{ms(first, .95)} ms, whole answer {ms(full, .5)}/{ms(full, .95)} ms")
    print(f"\n{'llm':<10}{'lang':<6}{'turns':>6}{'intent':>8}{'slotF1':>8}{'exact':>7}{'ref':>7}")
    for llm, result in results.items():
        for lang in ("all", "en", "zh"):
            s = result["scores"][lang]
            ref = "-" if s["ref_accuracy"] is None else f"{s['ref_accuracy']:.3f}"
            print(f"{llm:<10}{lang:<6}{s['turns']:>6}{s['intent_accuracy']:>8.3f}{s['slot_f1']:>8.3f}"
                  f"{s['exact_state']:>7.3f}{ref:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
