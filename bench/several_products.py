"""Shopping for several products at once, end to end: scripted conversations through the real manager.

`bench/data/several_products.jsonl` holds conversations we wrote from how the real shopper turns of
`shared/eval/real_utterances` are phrased (none copied), each for one capability: set references ("the two
black ones", "1 and 3"), help me decide, outfits under one budget, the cart in bulk, undo, and "cheaper" that
keeps its price. Each checked turn says what must hold after it: the action run, how many products it took
in, the cart's lines, that the price asked for still holds, how many outfits and their totals. Run on the demo
shop with no LLM and no try-on, so the figures are the product's own rules and classifier.

    python -m bench.several_products [--failures]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assistant.manager import Assistant

CONVERSATIONS = Path(__file__).with_name("data") / "several_products.jsonl"


def _taken_in(turn) -> int:
    """How many products the turn acted on (a pick or a choice counts those it chose among)."""
    return len(turn.products)


def _price_kept(turn) -> bool:
    """Every product listed is within the price the shopper asked for (their budget, or "cheaper")."""
    state = turn.state
    cap = state.request.max_price if state.request.max_price is not None else state.soft_max_price
    return cap is not None and all(p.price is None or p.price <= cap for p in turn.products)


CHECKS = {
    "act": lambda turn, want: turn.action.kind == want,
    "products_at_least": lambda turn, want: _taken_in(turn) >= want,
    "cart_lines": lambda turn, want: len(turn.state.cart) == want,
    "max_price_kept": lambda turn, want: _price_kept(turn) == want,
    "outfits_at_least": lambda turn, want: len(turn.state.outfits) >= want,
    "outfit_total_at_most": lambda turn, want: bool(turn.state.outfits) and all(
        sum(turn.products[p - 1].price for p in group) <= want for group in turn.state.outfits),
}


def run(assistant: Assistant, conversation: dict) -> list[tuple[int, str, bool, str]]:
    """(turn index, check, held, the reply's first line) for every checked turn."""
    session = assistant.session()
    results = []
    for i, step in enumerate(conversation["turns"]):
        turn = session.handle(step["user"])
        for check, want in step.get("expect", {}).items():
            results.append((i, check, CHECKS[check](turn, want), f"{turn.action.kind}: {turn.text.splitlines()[0][:110]}"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print every check that did not hold")
    args = parser.parse_args(argv)
    assistant = Assistant.create(llm="none", tryon=False)
    conversations = [json.loads(line) for line in CONVERSATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_capability: dict[str, Counter] = {}
    for conversation in conversations:
        results = run(assistant, conversation)
        tally = by_capability.setdefault(conversation["capability"], Counter())
        tally["conversations"] += 1
        tally["held"] += all(held for _, _, held, _ in results)
        tally["checks"] += len(results)
        tally["checks held"] += sum(held for _, _, held, _ in results)
        if args.failures:
            for i, check, held, said in results:
                if not held:
                    print(f"{conversation['id']}#{i} {check}: {conversation['turns'][i]['user']!r} -> {said}")
    print(f"{'capability':14} {'conversations':>13} {'all held':>9} {'checks':>7} {'held':>6}")
    for capability, tally in sorted(by_capability.items()):
        print(f"{capability:14} {tally['conversations']:13d} {tally['held']:9d} {tally['checks']:7d} {tally['checks held']:6d}")
    total = sum(by_capability.values(), Counter())
    print(f"{'all':14} {total['conversations']:13d} {total['held']:9d} {total['checks']:7d} {total['checks held']:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
