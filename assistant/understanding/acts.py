"""Stage 4b: the learned dialogue-act classifier, the one place a turn's act is decided.

A softmax regression over the MiniLM sentence embedding the project already loads and the
turn's named facts (`act_features.FEATURES`: cue patterns, what the reading found, the
conversation). The embedding knows how people phrase a question about a shown product, an
advice question or an outfit request, which no cue list covers; the named facts carry
explicit commands and the screen. Weights are small and committed (`data/act_model.npz`);
`python -m assistant.understanding.train_acts` rebuilds them from the labelled data with a
fixed seed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.act_table import learned_acts
from assistant.understanding.act_features import FEATURES
from common.softmax_regression import probabilities

ACTS: tuple[str, ...] = learned_acts()
# One act, a request, in two variants: words that name no other garment than the current
# request's refine it; naming another may start a new search or ask for "one like that coat"
# (the classifier tells which); with no request yet, `assemble` makes it a search.
REQUEST_VARIANTS = ("search", "refine")
MODEL_PATH = Path(__file__).with_name("data") / "act_model.npz"
DIMENSION = 384   # all-MiniLM-L6-v2


@dataclass(frozen=True)
class ActGuess:
    act: str
    probability: float
    probabilities: dict[str, float]

    def runner_up(self) -> tuple[str, float]:
        ranked = sorted(self.probabilities.items(), key=lambda kv: -kv[1])
        return ranked[1] if len(ranked) > 1 else ranked[0]


def feature_vector(embedding: np.ndarray, features: Mapping[str, float]) -> np.ndarray:
    """One row of classifier input; the layout is shared by training and prediction."""
    named = np.array([features[name] for name in FEATURES], dtype=np.float32)
    return np.concatenate([np.asarray(embedding, dtype=np.float32).ravel(), named])


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
            if meta.get("features") != list(FEATURES):
                raise ValueError(f"{path} was trained on other features: retrain with "
                                 "python -m assistant.understanding.train_acts")
            return cls(data["weights"], data["bias"], tuple(meta["acts"]), meta.get("embedder", ""))

    def save(self, path: Path = MODEL_PATH, **extra: object) -> None:
        meta = {"acts": list(self.acts), "embedder": self.embedder_name, "features": list(FEATURES), **extra}
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, weights=self.weights, bias=self.bias, meta=np.array(json.dumps(meta, sort_keys=True)))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Rows of act probabilities for rows of features."""
        return probabilities(features, self.weights, self.bias)

    def predict(self, embedding: np.ndarray, features: Mapping[str, float]) -> ActGuess:
        return self.decide(feature_vector(embedding, features))

    def decide(self, row: np.ndarray) -> ActGuess:
        """The act of one feature row; a request's variant is read from the row's conversation facts."""
        probs = {a: float(p) for a, p in zip(self.acts, self.probabilities(row)[0])}
        named = dict(zip(FEATURES, np.asarray(row).ravel()[-len(FEATURES):]))
        if named["has_request"] and not named["new_garment"]:
            refine, search = REQUEST_VARIANTS[1], REQUEST_VARIANTS[0]
            probs[refine], probs[search] = probs[refine] + probs[search], 0.0
        act = max(probs, key=probs.get)
        return ActGuess(act, probs[act], probs)
