"""Questions over the shown list ("which of these is the warmest?"), answered right with the product named.

    .venv/bin/python -m bench.list_questions [--cases FILE.jsonl] [--show]

Each case is a short conversation (its setup messages, then the question) in a fresh session, each
turn as `python -m assistant chat --json` prints it. The right answer is worked out from the catalog
facts of the products the list showed: the cheapest, the warmest (`suitability.warmth`), those in a
size, a fabric, a colour or for an occasion, or both products a "difference" asks about. A reply is
right when it names every right product and no other product of the list (none, when none fits,
and the reply answers).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.__main__ import _turn_json  # noqa: E402
from assistant.manager import Assistant  # noqa: E402
from assistant.suitability import warmth  # noqa: E402

# Actions that answer no question about the list (asking back, or no answer at all).
UNANSWERED = ("which_product", "smalltalk", "clarify", "more")
DEFAULT_CASES = Path(__file__).resolve().parent / "data" / "list_questions.jsonl"


def _value(product, fact: str, case: dict):
    """The product's standing on the fact asked: a number to rank, or whether it has the value."""
    if fact == "price":
        return product.price
    if fact == "warmth":
        return warmth(product)
    if fact == "rating":
        return None   # the catalog holds no ratings: the right answer says so and names nothing
    wanted = case.get("value")
    if fact == "size":
        return wanted in product.sizes_in_stock(())
    if fact == "material":
        return wanted in product.material
    if fact == "color":
        return wanted in product.colors
    if fact == "brand":
        return product.brand == wanted
    if fact == "under":
        return product.price is not None and product.price < wanted
    if fact == "occasion":
        return sum(o in product.occasion for o in wanted)
    raise ValueError(f"unknown fact {fact!r}")


def right_products(case: dict, shown: list) -> set[str]:
    """The ids the answer must name."""
    among = [shown[i - 1] for i in case.get("among", ()) if 0 < i <= len(shown)] or shown
    if case["fact"] == "difference":
        return {p.id for p in among}
    scored = [(p, _value(p, case["fact"], case)) for p in among]
    scored = [(p, v) for p, v in scored if v is not None]
    if not scored:
        return set()
    if "most" in case:
        best = (min if case["most"] == "low" else max)(v for _, v in scored)
    else:
        best = max(v for _, v in scored)
        if not best:
            return set()
    return {p.id for p, v in scored if v == best}


def run_case(assistant: Assistant, case: dict) -> dict:
    session = assistant.session()
    shown_ids: list[str] = []
    for text in case["setup"]:
        turn = _turn_json(session.handle(text))
        shown_ids = [p["id"] for p in turn["products"] if turn["action"] in ("search", "more")] or shown_ids
    answer = _turn_json(session.handle(case["ask"]))
    products = assistant.catalog.products
    shown = [products[i] for i in shown_ids]
    right = right_products(case, shown)
    named = {p.id for p in shown if p.title in answer["reply"]}
    answered = answer["action"] not in UNANSWERED
    ok = answered and named == right
    return {"ask": case["ask"], "fact": case["fact"], "action": answer["action"], "ok": ok,
            "right": sorted(right), "named": sorted(named), "reply": answer["reply"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--show", action="store_true", help="print every reply")
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    assistant = Assistant.create(llm="none", tryon=False)
    results = [run_case(assistant, case) for case in cases]
    for r in results:
        print(f"{'ok ' if r['ok'] else 'BAD'} {r['action']:<14} {r['fact']:<10} {r['ask']}")
        if args.show or not r["ok"]:
            print("    " + r["reply"].replace("\n", "\n    "))
    by_fact = Counter(r["fact"] for r in results)
    good = Counter(r["fact"] for r in results if r["ok"])
    print("\nfact        right / asked")
    for fact in sorted(by_fact):
        print(f"{fact:<11} {good[fact]:>5} / {by_fact[fact]}")
    total = sum(good.values())
    print(f"{'all':<11} {total:>5} / {len(results)}  ({total / len(results):.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
