"""The learned dialogue-act classifier: MiniLM sentence embedding + context -> act.

A softmax regression over the sentence embedding the project already loads, the rule
layer's own reading of the turn (its act one-hot; whether it read constraints, and a
pointed product), three facts about the conversation (are products on screen, is there
a request, was one pointed at) and the message's script. The rules know values and
explicit commands; the embedding knows how people phrase a question about a shown
product, an advice question or an outfit request, which no regex list covers. Weights
are small and committed (`data/act_model.npz`); `python -m assistant.understanding.train_acts`
rebuilds them from the labelled data with a fixed seed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common.softmax_regression import probabilities

ACTS: tuple[str, ...] = (
    "search", "refine", "more", "details", "compare", "add_to_cart", "remove_from_cart",
    "view_cart", "try_on", "outfit", "advice", "size_help", "reset", "smalltalk",
)
# What the rule layer can answer (upload_photo comes from an attached image, not words).
RULE_INTENTS: tuple[str, ...] = ACTS + ("upload_photo",)
CONTEXT_FEATURES: tuple[str, ...] = (
    "products_shown", "has_request", "pointed_before", "chinese", "asks", "states_constraints", "names_garment",
    "new_garment", "points_at_product",
)
MODEL_PATH = Path(__file__).with_name("data") / "act_model.npz"
DIMENSION = 384   # all-MiniLM-L6-v2


@dataclass(frozen=True)
class TurnContext:
    """The conversation facts the classifier sees besides the words."""

    products_shown: bool = False
    has_request: bool = False
    pointed_before: bool = False
    chinese: bool = False   # MiniLM reads Chinese poorly: the model learns to lean on the rules there
    asks: bool = False      # a question ("?", or opening with a question word): not a stated preference
    states_constraints: bool = False   # the rules read attribute, price or size values in the words
    names_garment: bool = False        # ... among them a garment type
    new_garment: bool = False          # ... another than the one asked for so far (a new request)
    points_at_product: bool = False    # the rules read a position or a description of a shown product


@dataclass(frozen=True)
class ActGuess:
    act: str
    probability: float
    probabilities: dict[str, float]

    def runner_up(self) -> tuple[str, float]:
        ranked = sorted(self.probabilities.items(), key=lambda kv: -kv[1])
        return ranked[1] if len(ranked) > 1 else ranked[0]


def feature_vector(embedding: np.ndarray, rules_intent: str, context: TurnContext,
                   rules_strength: float = 1.0) -> np.ndarray:
    """One row of classifier input; the layout is shared by training and prediction. The rules'
    act is one-hot, scaled by how strong a cue they found (an explicit "add to my cart" against
    a guess from leftovers), so the model learns how far to trust each."""
    onehot = np.zeros(len(RULE_INTENTS), dtype=np.float32)
    if rules_intent in RULE_INTENTS:
        onehot[RULE_INTENTS.index(rules_intent)] = rules_strength
    ctx = np.array([float(getattr(context, name)) for name in CONTEXT_FEATURES], dtype=np.float32)
    return np.concatenate([np.asarray(embedding, dtype=np.float32).ravel(), onehot, ctx])


class ActClassifier:
    """Softmax regression; `predict` is a matrix product, well under a millisecond."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, acts: tuple[str, ...] = ACTS,
                 embedder_name: str = ""):
        if weights.shape[0] != len(acts) or bias.shape != (len(acts),):
            raise ValueError(f"act model shape {weights.shape} does not fit {len(acts)} acts")
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.acts = acts
        self.embedder_name = embedder_name

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "ActClassifier":
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(data["weights"], data["bias"], tuple(meta["acts"]), meta.get("embedder", ""))

    def save(self, path: Path = MODEL_PATH, **extra: object) -> None:
        meta = {"acts": list(self.acts), "embedder": self.embedder_name, "rule_intents": list(RULE_INTENTS),
                "context": list(CONTEXT_FEATURES), **extra}
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, weights=self.weights, bias=self.bias, meta=np.array(json.dumps(meta, sort_keys=True)))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Rows of act probabilities for rows of features."""
        return probabilities(features, self.weights, self.bias)

    def predict(self, embedding: np.ndarray, rules_intent: str, context: TurnContext,
                rules_strength: float = 1.0) -> ActGuess:
        probs = self.probabilities(feature_vector(embedding, rules_intent, context, rules_strength))[0]
        best = int(np.argmax(probs))
        return ActGuess(self.acts[best], float(probs[best]), {a: float(p) for a, p in zip(self.acts, probs)})
