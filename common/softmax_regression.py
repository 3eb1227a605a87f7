"""Weighted multinomial logistic regression with L2, fitted deterministically by L-BFGS.

The project's learned classifiers (dialogue acts over sentence embeddings, garment kinds
over image embeddings) are small linear heads on embeddings it already loads; this is the
one way they are fitted.
"""

from __future__ import annotations

import numpy as np

SEED = 1234
MAX_ITERATIONS = 300


def fit(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None, n_classes: int,
        l2: float) -> tuple[np.ndarray, np.ndarray]:
    """(weights (classes, features), bias (classes,)) minimising weighted cross-entropy + l2 * |W|^2."""
    import torch

    torch.manual_seed(SEED)
    xt = torch.from_numpy(np.ascontiguousarray(x, np.float32))
    yt = torch.from_numpy(np.asarray(y, np.int64))
    weight = np.ones(len(x), np.float32) if sample_weight is None else sample_weight / sample_weight.mean()
    wt = torch.from_numpy(np.asarray(weight, np.float32))
    weights = torch.zeros((n_classes, x.shape[1]), requires_grad=True)
    bias = torch.zeros(n_classes, requires_grad=True)
    optimizer = torch.optim.LBFGS([weights, bias], lr=1.0, max_iter=MAX_ITERATIONS, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        logits = xt @ weights.T + bias
        loss = (torch.nn.functional.cross_entropy(logits, yt, reduction="none") * wt).mean()
        loss = loss + l2 * (weights ** 2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    return weights.detach().numpy(), bias.detach().numpy()


def probabilities(x: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Softmax class probabilities of each row of `x`."""
    logits = np.atleast_2d(x) @ weights.T + bias
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)
