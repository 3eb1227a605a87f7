"""The packaged all-MiniLM-L6-v2 run in plain torch, straight from its safetensors and tokenizer.json.

Why not sentence-transformers: importing it (with transformers, scikit-learn and scipy behind
it) costs 3.5 s in every process, more than encoding 2,000 products; a small shop's catalog
build and every app start paid that in full. The network is six standard BERT layers and a
mean over the tokens; tests/test_minilm.py holds it to sentence-transformers' own vectors.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer

WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"
TOKENIZER_FILE = "tokenizer.json"
SENTENCE_CONFIG_FILE = "sentence_bert_config.json"


def whole_words(directory: Path) -> frozenset[str]:
    """The words the model's vocabulary holds whole, not as pieces: some twenty thousand English words, a
    shopper's "ok" and "nah" among them, no keyboard mash ("asdf" is read as "as" and "##df")."""
    return frozenset(t for t in Tokenizer.from_file(str(directory / TOKENIZER_FILE)).get_vocab()
                     if t.isascii() and t.isalpha())


@dataclass(frozen=True)
class Shape:
    """What the weights alone do not say: from the model's config files."""

    hidden: int
    heads: int
    layers: int
    eps: float
    max_tokens: int
    pad_id: int

    @classmethod
    def read(cls, directory: Path) -> "Shape":
        config = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        sentence = json.loads((directory / SENTENCE_CONFIG_FILE).read_text(encoding="utf-8"))
        return cls(hidden=config["hidden_size"], heads=config["num_attention_heads"],
                   layers=config["num_hidden_layers"], eps=config["layer_norm_eps"],
                   max_tokens=sentence["max_seq_length"], pad_id=config.get("pad_token_id", 0))


class MiniLM:
    """Unit-length sentence vectors; `cast` gives a copy in another float type (bf16 for bulk work)."""

    def __init__(self, tokenizer: Tokenizer, weights: dict[str, torch.Tensor], shape: Shape) -> None:
        self._tokenizer = tokenizer
        self._w = weights
        self.shape = shape

    @classmethod
    def load(cls, directory: Path) -> "MiniLM":
        shape = Shape.read(directory)
        tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=shape.max_tokens)
        weights = load_file(str(directory / WEIGHTS_FILE))
        for layer in range(shape.layers):
            # one matrix product for query, key and value instead of three
            prefix = f"encoder.layer.{layer}.attention.self."
            for part in ("weight", "bias"):
                weights[f"{prefix}qkv.{part}"] = torch.cat(
                    [weights.pop(f"{prefix}{name}.{part}") for name in ("query", "key", "value")])
        return cls(tokenizer, weights, shape)

    def cast(self, dtype: torch.dtype) -> "MiniLM":
        return MiniLM(self._tokenizer, {name: value.to(dtype) if value.is_floating_point() else value
                                        for name, value in self._w.items()}, self.shape)

    @property
    def dtype(self) -> torch.dtype:
        return self._w["embeddings.word_embeddings.weight"].dtype

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """float32 rows of unit length, in the order of `texts`; batches hold texts of like length."""
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda row: -len(encodings[row].ids))
        vectors = torch.empty((len(texts), self.shape.hidden), dtype=torch.float32)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                rows = order[start:start + batch_size]
                ids, mask = self._padded([encodings[row].ids for row in rows])
                vectors[rows] = self._forward(ids, mask).float()
        # normalised in fp32: a bf16 norm is only good to about 1%
        vectors = vectors / vectors.norm(dim=1, keepdim=True).clamp_min(1e-12)
        return np.ascontiguousarray(vectors.numpy(), dtype=np.float32)

    def _padded(self, rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        width = max(len(row) for row in rows)
        ids = torch.full((len(rows), width), self.shape.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.bool)
        for position, row in enumerate(rows):
            ids[position, :len(row)] = torch.tensor(row, dtype=torch.long)
            mask[position, :len(row)] = True
        return ids, mask

    def _forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """BERT's encoder, then the mean of the real tokens' last hidden states."""
        w, shape = self._w, self.shape
        batch, length = ids.shape
        head_size = shape.hidden // shape.heads

        def norm(x: torch.Tensor, name: str) -> torch.Tensor:
            return F.layer_norm(x, (shape.hidden,), w[f"{name}.weight"], w[f"{name}.bias"], shape.eps)

        def dense(x: torch.Tensor, name: str) -> torch.Tensor:
            return F.linear(x, w[f"{name}.weight"], w[f"{name}.bias"])

        x = (F.embedding(ids, w["embeddings.word_embeddings.weight"])
             + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = norm(x, "embeddings.LayerNorm")
        attend = mask[:, None, None, :]
        for layer in range(shape.layers):
            prefix = f"encoder.layer.{layer}."
            qkv = dense(x, f"{prefix}attention.self.qkv").view(batch, length, 3, shape.heads, head_size)
            query, key, value = qkv.permute(2, 0, 3, 1, 4)
            context = F.scaled_dot_product_attention(query, key, value, attn_mask=attend)
            context = context.transpose(1, 2).reshape(batch, length, shape.hidden)
            x = norm(dense(context, f"{prefix}attention.output.dense") + x, f"{prefix}attention.output.LayerNorm")
            inner = F.gelu(dense(x, f"{prefix}intermediate.dense"))
            x = norm(dense(inner, f"{prefix}output.dense") + x, f"{prefix}output.LayerNorm")
        weights = mask.unsqueeze(-1).to(x.dtype)
        return (x * weights).sum(dim=1) / weights.sum(dim=1).clamp_min(1.0)
