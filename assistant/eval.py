"""Score the dialogue manager on scripted conversations (the format of shared/eval/README.md).

    python -m assistant.eval --dialogues FILE.jsonl --predictions OUT.jsonl [--catalog DIR] [--llm BACKEND]

Every conversation runs through the real `DialogueManager` (state carried across turns,
images simulated as uploads); one prediction line per conversation is written, and the
scores are printed: intent accuracy, slot P/R/F1, exact-state rate, ref accuracy,
per-slot F1, overall and for Chinese turns, and per-turn latency p50/p95.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from assistant.understanding.tokens import is_cjk

# ---- scoring -------------------------------------------------------------------------

def slot_pairs(slots: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(slot, key, value) pairs: one per list element, one per excluded value, prices as is."""
    pairs: list[tuple[str, str, Any]] = []
    for slot, value in slots.items():
        if slot == "exclude":
            for sub, vals in (value or {}).items():
                pairs.extend(("exclude", sub, v) for v in vals)
        elif isinstance(value, list):
            pairs.extend((slot, "", v) for v in value)
        else:
            pairs.append((slot, "", value))
    return pairs


def _value_matches(expected: Any, predicted: Any) -> bool:
    if isinstance(expected, dict):
        if not isinstance(predicted, (int, float)) or isinstance(predicted, bool):
            return False
        if "lt" in expected and not predicted < expected["lt"]:
            return False
        if "gt" in expected and not predicted > expected["gt"]:
            return False
        return True
    if isinstance(expected, (int, float)) and isinstance(predicted, (int, float)):
        return abs(float(expected) - float(predicted)) < 1e-6
    return expected == predicted


def match_slots(expected: dict[str, Any], predicted: dict[str, Any]) -> tuple[int, int, int, dict[str, list[int]]]:
    """True positives, predicted count, expected count, and per-slot [tp, pred, gold]."""
    gold = slot_pairs(expected)
    pred = slot_pairs(predicted)
    per_slot: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for slot, sub, _ in gold:
        per_slot[f"exclude.{sub}" if slot == "exclude" else slot][2] += 1
    for slot, sub, _ in pred:
        per_slot[f"exclude.{sub}" if slot == "exclude" else slot][1] += 1
    unmatched = list(pred)
    tp = 0
    for slot, sub, value in gold:
        for k, (pslot, psub, pvalue) in enumerate(unmatched):
            if pslot == slot and psub == sub and _value_matches(value, pvalue):
                tp += 1
                per_slot[f"exclude.{sub}" if slot == "exclude" else slot][0] += 1
                del unmatched[k]
                break
    return tp, len(pred), len(gold), dict(per_slot)


@dataclass
class Tally:
    """Running counts for one group of turns (all, English, Chinese)."""

    turns: int = 0
    intent_ok: int = 0
    tp: int = 0
    pred: int = 0
    gold: int = 0
    exact: int = 0
    ref_total: int = 0
    ref_ok: int = 0
    per_slot: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, expect: dict[str, Any], got: dict[str, Any]) -> None:
        self.turns += 1
        self.intent_ok += expect.get("intent") == got.get("intent")
        tp, pred, gold, per_slot = match_slots(expect.get("slots", {}), got.get("slots", {}))
        self.tp += tp
        self.pred += pred
        self.gold += gold
        self.exact += tp == pred == gold
        for slot, counts in per_slot.items():
            for i in range(3):
                self.per_slot[slot][i] += counts[i]
        if "ref" in expect:
            self.ref_total += 1
            self.ref_ok += got.get("ref") == expect["ref"]

    def summary(self) -> dict[str, Any]:
        precision = self.tp / self.pred if self.pred else 1.0
        recall = self.tp / self.gold if self.gold else 1.0
        return {
            "turns": self.turns,
            "intent_accuracy": _ratio(self.intent_ok, self.turns),
            "slot_precision": round(precision, 4),
            "slot_recall": round(recall, 4),
            "slot_f1": round(_f1(precision, recall), 4),
            "exact_state": _ratio(self.exact, self.turns),
            "ref_accuracy": _ratio(self.ref_ok, self.ref_total),
            "ref_turns": self.ref_total,
            "per_slot_f1": {
                slot: round(_f1(c[0] / c[1] if c[1] else 1.0, c[0] / c[2] if c[2] else 1.0), 4)
                for slot, c in sorted(self.per_slot.items())
            },
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(dialogues: list[dict], predictions: list[dict]) -> dict[str, dict[str, Any]]:
    """Scores of predictions against dialogues, overall and split by turn language."""
    by_id = {p["id"]: p for p in predictions}
    groups = {"all": Tally(), "en": Tally(), "zh": Tally()}
    for dialogue in dialogues:
        turns = by_id.get(dialogue["id"], {}).get("turns", [])
        for i, turn in enumerate(dialogue["turns"]):
            got = turns[i] if i < len(turns) else {}
            lang = "zh" if is_cjk(turn.get("user", "")) else "en"
            groups["all"].add(turn["expect"], got)
            groups[lang].add(turn["expect"], got)
    return {name: tally.summary() for name, tally in groups.items()}


def failures(dialogues: list[dict], predictions: list[dict]) -> Iterable[str]:
    """One line per wrong turn, for reading what the understanding gets wrong."""
    by_id = {p["id"]: p for p in predictions}
    for dialogue in dialogues:
        turns = by_id.get(dialogue["id"], {}).get("turns", [])
        for i, turn in enumerate(dialogue["turns"]):
            got = turns[i] if i < len(turns) else {}
            exp = turn["expect"]
            tp, pred, gold, _ = match_slots(exp.get("slots", {}), got.get("slots", {}))
            problems = []
            if exp.get("intent") != got.get("intent"):
                problems.append(f"intent {got.get('intent')} != {exp.get('intent')}")
            if not tp == pred == gold:
                problems.append(f"slots {json.dumps(got.get('slots'), ensure_ascii=False)} != {json.dumps(exp.get('slots'), ensure_ascii=False)}")
            if "ref" in exp and got.get("ref") != exp["ref"]:
                problems.append(f"ref {got.get('ref')} != {exp['ref']}")
            if problems:
                yield f"{dialogue['id']}#{i + 1} {turn.get('user')!r}: " + "; ".join(problems)


# ---- running -------------------------------------------------------------------------

def run_dialogues(
    dialogues: list[dict], make_session: Callable[[], Any], simulated_image: Callable[[str], Any],
) -> tuple[list[dict], list[float]]:
    """Run each conversation through a fresh session; predictions and per-turn seconds."""
    predictions: list[dict] = []
    latencies: list[float] = []
    for dialogue in dialogues:
        session = make_session()
        out_turns = []
        for turn in dialogue["turns"]:
            kind = turn.get("image")
            image = simulated_image(kind) if kind else None
            started = time.perf_counter()
            result = session.handle(turn.get("user", ""), image=image, image_kind=kind)
            latencies.append(time.perf_counter() - started)
            out_turns.append({
                "intent": result.understanding.intent,
                "slots": result.state.request.to_canonical(),
                "ref": result.ref,
                "llm": result.understanding.llm_asked,
                "confidence": round(result.understanding.confidence, 4),
            })
        predictions.append({"id": dialogue["id"], "turns": out_turns})
    return predictions, latencies


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def llm_share(predictions: list[dict]) -> float:
    """The share of turns on which understanding asked the LLM."""
    turns = [t for p in predictions for t in p["turns"]]
    return sum(bool(t.get("llm")) for t in turns) / len(turns) if turns else 0.0


def format_report(scores: dict[str, dict[str, Any]], latencies: list[float], llm_asked: float | None = None) -> str:
    lines = []
    header = f"{'':6}{'turns':>6}{'intent':>8}{'slotP':>7}{'slotR':>7}{'slotF1':>8}{'exact':>7}{'ref':>7}"
    lines.append(header)
    for name in ("all", "en", "zh"):
        s = scores[name]
        if not s["turns"]:
            continue
        ref = "-" if s["ref_accuracy"] is None else f"{s['ref_accuracy']:.3f}"
        lines.append(
            f"{name:6}{s['turns']:>6}{s['intent_accuracy']:>8.3f}{s['slot_precision']:>7.3f}"
            f"{s['slot_recall']:>7.3f}{s['slot_f1']:>8.3f}{s['exact_state']:>7.3f}{ref:>7}"
        )
    lines.append("per-slot F1 (all / zh):")
    zh = scores["zh"]["per_slot_f1"]
    for slot, value in scores["all"]["per_slot_f1"].items():
        lines.append(f"  {slot:20} {value:.3f}" + (f" / {zh[slot]:.3f}" if slot in zh else ""))
    lines.append(
        f"latency per turn: p50 {1000 * _percentile(latencies, 0.5):.1f} ms, "
        f"p95 {1000 * _percentile(latencies, 0.95):.1f} ms"
    )
    if llm_asked is not None:
        lines.append(f"turns that asked the LLM: {100 * llm_asked:.1f}%")
    return "\n".join(lines)


def _simulated_image(kind: str):
    """A stand-in upload: a real photo of a person for selfies (try-on may run on it)."""
    from PIL import Image

    try:
        from skimage import data

        return Image.fromarray(data.astronaut()) if kind == "selfie" else Image.new("RGB", (256, 256), "white")
    except ImportError:
        return Image.new("RGB", (256, 256), "white")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dialogues", required=True, type=Path)
    parser.add_argument("--predictions", required=True, type=Path)
    parser.add_argument("--catalog", type=Path, default=None, help="catalog directory (default: the demo catalog)")
    parser.add_argument("--llm", default="llama_cpp", help="llama_cpp | transformers | openai | none")
    parser.add_argument("--understanding", choices=("learned", "llm_first"), default=None,
                        help="learned (default; the LLM when the classifier is unsure) or llm_first")
    parser.add_argument("--no-catalog", action="store_true", help="understanding and state only, no search")
    parser.add_argument("--failures", action="store_true", help="print every wrong turn")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON too")
    args = parser.parse_args(argv)

    from assistant.manager import Assistant

    dialogues = [json.loads(line) for line in args.dialogues.read_text(encoding="utf-8").splitlines() if line.strip()]
    assistant = Assistant.create(
        catalog_dir=args.catalog, llm=args.llm, use_catalog=not args.no_catalog, tryon=False,
        understanding=args.understanding,
    )
    print(f"catalog: {assistant.catalog_label}; llm: {assistant.llm_label}", file=sys.stderr)
    try:
        predictions, latencies = run_dialogues(dialogues, assistant.session, _simulated_image)
    finally:
        assistant.close()
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    with args.predictions.open("w", encoding="utf-8") as out:
        for prediction in predictions:
            out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
    scores = score(dialogues, predictions)
    if args.failures:
        for line in failures(dialogues, predictions):
            print(line)
    print(format_report(scores, latencies, llm_share(predictions)))
    if args.json:
        print(json.dumps({"scores": scores, "latency_p50": _percentile(latencies, 0.5),
                          "latency_p95": _percentile(latencies, 0.95), "llm_share": llm_share(predictions)},
                         ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
