"""Advice that answers: open shopper questions through the real manager, scored against the facts that answer them.

`bench/data/advice_questions.jsonl` holds questions we wrote the way real shoppers ask (`shared/eval/
real_utterances`, none copied), each with the facts of `assistant/knowledge/facts.jsonl` that answer it (none for
a question the shop cannot know). `tune` sets the table's thresholds; `heldout` was written with it and never
tuned on; `heldout2` was written later by someone who saw neither the others nor the facts' own questions, and is
the honest measure. For each question, in a
fresh chat (after a product's details when the question is about one), we count:

- answered right: a fact that answers it is given (or, about a product, its own facts settle it);
- answered wrong: facts are given, none of them one that answers it (for a question the table does not cover,
  any fact given is wrong);
- said it does not know: no fact given and no answer; right only for a question the table does not cover;
- apologised: "ask again in a moment", which a covered question must never get;

and the time from the message to the reply's first words, p50 / p95, idle and beside a busy loop on every core.

    python -m bench.advice_answers [--llm none|llama_cpp] [--busy] [--failures]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import time
from collections import Counter
from pathlib import Path

from assistant.manager import Assistant
from assistant.phrasebook import say

QUESTIONS = Path(__file__).with_name("data") / "advice_questions.jsonl"
# What a question about a product is asked after: a list and one product's details.
# First words later than this are printed with the failures (the goal is within a second).
SLOW_S = 1.0
BEFORE_PRODUCT = {"en": ("show me dresses", "tell me about the first one"), "zh": ("给我看看连衣裙", "第一件怎么样")}


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def first_words(session, text: str) -> tuple[object, str, float]:
    """The turn, its whole text and the seconds from sending to its first words."""
    started = time.perf_counter()
    turn = session.handle(text)
    pieces = turn.stream()
    first = next(pieces, "")
    took = time.perf_counter() - started
    return turn, first + "".join(pieces), took


def judge(question: dict, facts, turn, text: str) -> str:
    """answered right | answered wrong | don't know | apologised, from the facts whose words the reply gives."""
    lang = question["lang"]
    if say("advice_sorry", lang) in text:
        return "apologised"
    given = {fact.id for fact in facts if fact.text(lang) in text}
    if given:
        return "answered right" if question["covered"] and given & set(question["facts"]) else "answered wrong"
    if question.get("after") and question["covered"] and turn.action.kind == "advice" and turn.products \
            and say("advice_unavailable", lang) not in text:
        return "answered right"   # a product's own facts settled it
    return "don't know"


def splits(questions: list[dict]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q["split"] for q in questions))


def run(assistant: Assistant, questions: list[dict], failures: bool) -> dict[str, Counter | list]:
    results: dict[str, Counter] = {split: Counter() for split in splits(questions)}
    times: dict[str, list[float]] = {split: [] for split in splits(questions)}
    for question in questions:
        session = assistant.session()
        for line in BEFORE_PRODUCT[question["lang"]] if question.get("after") else ():
            session.handle(line)
        turn, text, took = first_words(session, question["text"])
        times[question["split"]].append(took)
        verdict = judge(question, assistant.knowledge.facts, turn, text)
        right = verdict == "answered right" or (verdict == "don't know" and not question["covered"])
        results[question["split"]][verdict] += 1
        results[question["split"]]["right"] += right
        results[question["split"]]["n"] += 1
        if failures and (not right or took > SLOW_S):
            print(f"{question['id']} [{question['split']}] {took:.2f}s {question['text']!r} -> {verdict}: {text[:160]!r}")
    return {**results, "times": times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm", default="none")
    parser.add_argument("--busy", action="store_true", help="also measure beside a busy loop on every core")
    parser.add_argument("--failures", action="store_true")
    args = parser.parse_args(argv)
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assistant = Assistant.create(llm=args.llm, tryon=False)
    try:
        assistant.session().handle("is linen cool in summer?")   # the table is embedded on the first question
        rows = [("idle", run(assistant, questions, args.failures))]
        if args.busy:
            stop = multiprocessing.Event()
            spinners = [multiprocessing.Process(target=_spin, args=(stop,)) for _ in range(multiprocessing.cpu_count())]
            for spinner in spinners:
                spinner.start()
            try:
                rows.append(("busy", run(assistant, questions, False)))
            finally:
                stop.set()
                for spinner in spinners:
                    spinner.join()
    finally:
        assistant.close()
    print(f"llm: {args.llm}")
    print(f"{'machine':8} {'split':8} {'n':>3} {'right':>6} {'answered right':>15} {'wrong':>6} {'dont know':>10} "
          f"{'apologised':>11} {'first words p50':>16} {'p95':>6}")
    for machine, result in rows:
        for split in splits(questions):
            times = sorted(result["times"][split])
            p50, p95 = statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            c = result[split]
            unknown = c["don't know"]
            print(f"{machine:8} {split:8} {c['n']:3d} {c['right']:6d} {c['answered right']:15d} {c['answered wrong']:6d} "
                  f"{unknown:10d} {c['apologised']:11d} {p50:15.2f}s {p95:5.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
