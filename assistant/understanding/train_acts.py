"""Train the dialogue-act classifier and report its accuracy on held-apart real turns.

    python -m assistant.understanding.train_acts [--shared ../shared] [--report-only | --ablate]

Three sources: the scripted dev conversations, real crowd-written shopper turns labelled
by us (`data/real_turn_labels*.jsonl` hold ids and labels only; the texts are read from
`shared/eval/real_utterances` at training time and never stored in the repo), and our own
paraphrases (`data/paraphrases*.jsonl`). Real turns whose split is "heldout" are never
trained on; they measure the model. Fixed seed, full-batch L-BFGS: under a minute on CPU.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant import act_table
from assistant.knowledge.table import KnowledgeTable
from assistant.slots import SearchRequest
from assistant.understanding import ASK_LLM_BELOW, embed, read_turn, values
from assistant.understanding.act_features import FEATURES, turn_features
from assistant.understanding.acts import ACTS, DIMENSION, MODEL_PATH, ActClassifier, feature_vector
from assistant.understanding.asking import asked_likeness
from assistant.understanding.context import Context
from assistant.understanding.paraphrases import DATA, paraphrase_rows
from assistant.understanding.embedding_text import embedding_text
from assistant.understanding.lexicon import Lexicon
from assistant.understanding.reading import Reader
from assistant.understanding.tokens import is_cjk
from catalog.demo.shop import BRANDS
from common.softmax_regression import SEED, fit

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
L2 = 3e-5
# Real turns are the kind of text the product is judged on: they count more than ours.
SOURCE_WEIGHT = {"dev": 2.0, "paraphrase": 1.0, "real": 2.0}
# Stand-in request for a turn that follows an earlier request whose slots we do not know.
SOME_REQUEST = SearchRequest(occasion=("everyday",))
# Acts that only make sense with products on screen; the others are also seen without.
SHOWN_PER_LIST = 4
NEEDS_SHOWN = frozenset(kind for kind, act in act_table.ACTS.items() if act.with_list)


@dataclass(frozen=True)
class Example:
    text: str
    act: str
    shown: bool                  # products were on screen
    request: SearchRequest
    source: str
    pointed: bool = False        # an earlier turn pointed at a product
    last_action: str | None = None   # the last act on a product
    split: str = "train"
    lang: str = "en"
    key: tuple[str, int] | None = None   # a real turn's (conversation, turn)
    from_photo: bool = False     # the list on screen answers the shopper's garment photo


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        print(f"missing {path}: trained without it", file=sys.stderr)
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def dev_examples(shared: Path) -> list[Example]:
    return conversation_examples(shared / "eval" / "nlu_dev.jsonl")


def conversation_examples(path: Path, source: str = "dev") -> list[Example]:
    """Scripted turns with their real preceding state (slots, whether products were shown)."""
    out: list[Example] = []
    for dialogue in _jsonl(path):
        slots: dict = {}
        shown = pointed = False
        last_action = None
        for turn in dialogue["turns"]:
            intent = turn["expect"]["intent"]
            if not turn.get("image") and intent in ACTS:
                request = SearchRequest.from_canonical(_concrete(slots))
                out.append(Example(turn["user"], intent, shown, request, source, pointed=pointed,
                                   last_action=last_action, lang=_lang(turn["user"])))
            slots = turn["expect"].get("slots", slots)
            shown = shown or intent in ("search", "refine", "more")
            pointed = pointed or turn["expect"].get("ref") is not None
            last_action = intent if _points(intent) else last_action
    return out


def _points(intent: str) -> bool:
    """Whether the act is what "it" follows next, as the state update reads the table."""
    return intent in act_table.ACTS and act_table.ACTS[intent].updates == "pointer"


def _concrete(slots: dict) -> dict:
    """Relative prices ({"lt": 60}) as a number on the right side of the bound."""
    out = dict(slots)
    for key in ("min_price", "max_price"):
        bound = out.get(key)
        if isinstance(bound, dict):
            out[key] = bound["lt"] - 1 if "lt" in bound else bound["gt"] + 1
    return out


def real_examples(shared: Path, reader: Reader) -> list[Example]:
    """Our labels joined with the real texts by (conversation, turn). A later turn follows a request
    for the last garment the shopper's earlier turns named (as read by `reader`), so that asking
    again for the same garment refines it and another garment starts a new search."""
    folder = shared / "eval" / "real_utterances"
    texts: dict[tuple[str, int], str] = {}
    garments: dict[tuple[str, int], str | None] = {}
    for name in ("shopper_turns.jsonl", "labelled_sample.jsonl"):
        for conv in _jsonl(folder / name):
            garment = None
            for i, turn in enumerate(conv["turns"]):
                texts[(conv["id"], i)] = turn["user"]
                garments[(conv["id"], i)] = garment
                named = values.stated(reader.read(turn["user"]), reader.category_words).values.get("category")
                garment = named[0] if named else garment
    out: list[Example] = []
    seen: set[tuple[str, int]] = set()   # a turn labelled in two files counts once (the first file's label)
    for label in (row for path in sorted(DATA.glob("real_turn_labels*.jsonl")) for row in _jsonl(path)):
        key = (label["conv"], label["turn"])
        text = texts.get(key)
        if text is None or label["act"] not in ACTS or key in seen:
            continue
        seen.add(key)
        later = label["turn"] > 0
        request = replace(SOME_REQUEST, category=garments[key]) if later else SearchRequest()
        out.append(Example(text, label["act"], later, request, "real", split=label["split"], key=key))
    return out


def paraphrase_examples() -> list[Example]:
    """Our own sentences, seen with products on screen and, where that makes sense, without. A row
    may say what came before it (`after`: the last act on a product, which is then in focus; `shown`: "photo"
    when the list answers the shopper's garment photo, "none" when nothing is on screen yet: "black?" as a
    first message asks for something black, and with a list shown refines it)."""
    out: list[Example] = []
    for row in paraphrase_rows():
        act = row["act"]
        if act not in ACTS:
            continue
        lang = row.get("lang", "en")
        after = row.get("after")
        from_photo = row.get("shown") == "photo"
        if row.get("shown") != "none":
            out.append(Example(row["text"], act, True, SOME_REQUEST, "paraphrase", pointed=after is not None,
                               last_action=after, lang=lang, from_photo=from_photo))
        if act not in NEEDS_SHOWN and after is None and not from_photo:
            out.append(Example(row["text"], act, False, SearchRequest(), "paraphrase", lang=lang))
    return out


def _lang(text: str) -> str:
    return "zh" if is_cjk(text) else "en"


def shown_lists(count: int) -> list[tuple[frozenset[tuple[str, str]], ...]]:
    """What is on screen for each training turn that follows a list, as at serving time: the tags
    of SHOWN_PER_LIST demo products of one category (seeded), so a description in the text
    ("the black one", "皮的") points at a shown product in training exactly when it would live."""
    from assistant.state import shown_tags
    from catalog.demo.shop import generate_products

    by_category: dict[str, list] = defaultdict(list)
    for product, _ in generate_products():
        by_category[product.category].append(shown_tags(product))
    categories = sorted(by_category)
    rng = np.random.default_rng(SEED)
    lists = []
    for _ in range(count):
        pool = by_category[categories[rng.integers(len(categories))]]
        lists.append(tuple(pool[i] for i in rng.choice(len(pool), size=min(SHOWN_PER_LIST, len(pool)), replace=False)))
    return lists


def contexts(examples: list[Example]) -> list[Context]:
    """The conversation each example is read in: its request, and a shown list when it follows one."""
    return [Context(request=e.request, shown_count=len(shown), shown_tags=shown, last_ref=1 if e.pointed else None,
                    last_action=e.last_action, shown_from_photo=e.from_photo) if e.shown
            else Context(request=e.request) for e, shown in zip(examples, shown_lists(len(examples)))]


def featurize(examples: list[Example], reader: Reader, encode) -> np.ndarray:
    if not examples:
        return np.zeros((0, 0), dtype=np.float32)
    read = [(reading, read_turn(reading, values.stated(reading, reader.category_words)), ctx)
            for reading, ctx in ((reader.read(e.text, ctx), ctx) for e, ctx in zip(examples, contexts(examples)))]
    vectors = embed(encode, [embedding_text(reading.tokens, reader.lexicon) for reading, _, _ in read])
    likeness = asked_likeness(KnowledgeTable.load(encode), [reading for reading, _, _ in read], vectors)
    return np.stack([feature_vector(vector, turn_features(reading, turn, ctx, float(like)))
                     for vector, like, (reading, turn, ctx) in zip(vectors, likeness, read)])


def weights_for(examples: list[Example]) -> np.ndarray:
    """Source weight times inverse square-root frequency of the act within the turn's language,
    so rare acts are learned too, and Chinese turns (few, and embedded only by their attributes)
    are not outvoted by the many English ones."""
    counts = Counter((e.act, is_cjk(e.text)) for e in examples)
    return np.array([SOURCE_WEIGHT[e.source] / np.sqrt(counts[e.act, is_cjk(e.text)]) for e in examples],
                    dtype=np.float64)


def report(name: str, examples: list[Example], predicted: list[str]) -> dict:
    total = len(examples)
    if not total:
        return {}
    right = sum(p == e.act for p, e in zip(predicted, examples))
    print(f"{name:<28} n={total:<5} act accuracy {right / total:.3f}")
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p, e in zip(predicted, examples):
        per[e.act][1] += 1
        per[e.act][0] += p == e.act
    print("   per act recall: " + ", ".join(f"{a} {r}/{n}" for a, (r, n) in sorted(per.items())))
    return {"n": total, "accuracy": right / total}


def ablate(train: list[Example], x_train: np.ndarray, heldout: list[Example], x_held: np.ndarray) -> None:
    """Held-out accuracy without each named feature (its column zeroed, the model refit): a cue
    that costs nothing when gone is one the model does not need."""
    y = np.array([ACTS.index(e.act) for e in train])

    def accuracy(drop: str | None) -> float:
        kept_train, kept_held = x_train.copy(), x_held.copy()
        if drop is not None:
            column = DIMENSION + FEATURES.index(drop)
            kept_train[:, column] = kept_held[:, column] = 0.0
        model = ActClassifier(*fit(kept_train, y, weights_for(train), len(ACTS), L2), ACTS)
        return float(np.mean([model.decide(row).act == e.act for row, e in zip(kept_held, heldout)]))

    base = accuracy(None)
    print(f"all features: held-out real turns {base:.3f}")
    for name in FEATURES:
        print(f"  without {name:<26} {accuracy(name) - base:+.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--report-only", action="store_true", help="score the committed model, do not retrain")
    parser.add_argument("--ablate", action="store_true",
                        help="refit without each named feature in turn and print the held-out accuracy it is worth")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "nlu_dev.jsonl").exists():
        print(f"shared data not found at {args.shared}: training needs the dev set and the real turns", file=sys.stderr)
        return 2
    from catalog.embedder import default_embedder

    embedder = default_embedder()
    # our sentences name the demo shop's brands: read as a shop's own, as its brands are when serving
    reader = Reader(Lexicon.build({"brand": set(BRANDS)}))
    examples = dev_examples(args.shared) + real_examples(args.shared, reader) + paraphrase_examples()
    train = [e for e in examples if e.split == "train"]
    heldout = [e for e in examples if e.split == "heldout"]
    print(f"examples: {Counter(e.source for e in train)} train, {len(heldout)} held-out real turns")
    x_train = featurize(train, reader, embedder.encode)
    if args.ablate:
        ablate(train, x_train, heldout, featurize(heldout, reader, embedder.encode))
        return 0
    if args.report_only:
        model = ActClassifier.load(args.out)
    else:
        y = np.array([ACTS.index(e.act) for e in train])
        weights, bias = fit(x_train, y, weights_for(train), len(ACTS), L2)
        model = ActClassifier(weights, bias, ACTS, embedder.name)
    x_held = featurize(heldout, reader, embedder.encode)
    held_pred = [model.decide(row).act for row in x_held]
    train_pred = [model.decide(row).act for row in x_train]
    for source in SOURCE_WEIGHT:
        part = [(p, e) for p, e in zip(train_pred, train) if e.source == source]
        report(f"train/{source}", [e for _, e in part], [p for p, _ in part])
    scores = report("HELD-OUT real turns", heldout, held_pred)
    if heldout:
        unsure = float(np.mean([model.decide(row).probability < ASK_LLM_BELOW for row in x_held]))
        print(f"   unsure (the LLM would be asked): {100 * unsure:.1f}% of held-out turns")
        scores["unsure_share"] = unsure
    if not args.report_only:
        model.save(args.out, seed=SEED, heldout=scores, train_counts=dict(Counter(e.source for e in train)))
        print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
