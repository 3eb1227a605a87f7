"""How real shopper turns that name several products at once are acted on: on each of them, or on one.

Every real turn labelled in `assistant/understanding/data/real_turn_labels_sets.jsonl` whose act is about
shown products (details, compare, add to cart, try-on, decide) is read as the chat would read it: after a
request for the garment the conversation is about, with the screen its words imply (six products: those its
descriptions name, carrying the values they name, so "the two black coats" has two black coats to point at,
then demo products of that garment), first as a fresh list, then after a turn that named two of its products.
The action is decided as the manager decides it. A turn labelled as naming a set is acted on right when the
action takes in two or more products; one naming one product, when it takes exactly one, asks which, or
answers a question for each product its description fits on that screen (as it should: "what brand is the
beige one?" of two beige coats answers for both). Figures per split (held-apart conversations are never
trained on).

    python -m bench.set_references [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from assistant.act_table import ACTS
from assistant.actions import decide
from assistant.choosing import among
from assistant.state import DialogueState, Shown, apply_understanding, shown_tags
from assistant.understanding import Understander
from assistant.understanding.references import find_descriptions
from assistant.understanding.train_acts import DATA, DEFAULT_SHARED, real_examples
from catalog.demo.shop import generate_products

LABELS = DATA / "real_turn_labels_sets.jsonl"
# Acts whose action is about shown products: a set is acted on each, one on one.
ABOUT_PRODUCTS = frozenset({"details", "compare", "add_to_cart", "try_on", "decide"})
SCREEN = 6
PER_VALUE = 2
SEED = 7
# What the conversation had named before the turn: nothing, or two products ("them" then means those two).
BEFORE: dict[str, tuple[int, ...]] = {"a fresh list": (), "a turn that named #1 and #2": (1, 2)}


def screen(text: str, category: str | None, understander: Understander, by_category: dict, rng) -> tuple[Shown, ...]:
    """Six products on screen: for each product description in the words ("the grey and black one", "the two
    black coats"), as many as it names carrying its values (and the garment asked about), then demo products
    of the garment."""
    pool = by_category.get(category) or by_category[sorted(by_category)[rng.integers(len(by_category))]]
    words = [t.text for t in understander.analyzer.read(text).tokens.tokens]
    mentions = understander.lexicon.find(words)
    garment = {("category", category)} if category else set()
    described: list[frozenset] = []
    for description in find_descriptions(words, mentions, understander.analyzer.category_words):
        if description.pairs:
            count = description.count or (PER_VALUE if description.many or description.plural else 1)
            described += [frozenset(description.pairs | garment)] * count
    filler = [shown_tags(pool[i]) for i in rng.permutation(len(pool))[:max(0, SCREEN - len(described))]]
    items = (described + filler)[:max(SCREEN, len(described))]
    order = rng.permutation(len(items))
    return tuple(Shown(f"p{k}", i, 10.0 + k, items[k]) for i, k in enumerate(order, 1))


def taken_in(state: DialogueState, understander: Understander, text: str) -> tuple[str, int, bool]:
    """The action for the turn, how many shown products it takes in (0: it asks which), and whether it
    answers a question for each product a description fits (as it should: "what brand is the beige one?" of
    two beige coats answers for both)."""
    u = understander.understand(text, state.context())
    after = apply_understanding(state, u)
    action = decide(after, u, focus=state.last_refs)
    if action.kind in ("choose", "decide"):
        return action.kind, len(among(after, u, ())), False
    return action.kind, len(action.refs), bool(u.ambiguous) and ACTS[action.kind].answers_each


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    understander = Understander()
    by_category: dict[str, list] = defaultdict(list)
    for product, _ in generate_products():
        by_category[product.category].append(product)
    examples = {e.key: e for e in real_examples(args.shared, understander.analyzer)}
    rng = np.random.default_rng(SEED)
    scores: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in (json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()):
        example = examples.get((row["conv"], row["turn"]))
        if example is None or row["act"] not in ABOUT_PRODUCTS or row["points"] not in ("set", "one"):
            continue
        shown = screen(example.text, example.request.category, understander, by_category, rng)
        for before, last_refs in BEFORE.items():
            state = DialogueState(request=example.request, shown=shown, last_refs=last_refs)
            kind, count, for_each = taken_in(state, understander, example.text)
            right = count >= 2 if row["points"] == "set" else count <= 1 or for_each
            tally = scores[before, row["split"], row["points"]]
            tally["right" if right else "wrong"] += 1
            tally[f"took {min(count, 2)}{'+' if count >= 2 else ''}"] += 1
    print(f"{'before the turn':34} {'split':8} {'names':6} {'turns':>6} {'right':>7}   taken in (0 = asked which)")
    for (before, split, points), counts in sorted(scores.items()):
        total = counts["right"] + counts["wrong"]
        taken = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()) if k.startswith("took"))
        print(f"{before:34} {split:8} {points:6} {total:6d} {counts['right'] / total:7.3f}   {taken}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
