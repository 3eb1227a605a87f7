"""Index build throughput against a raw MiniLM encode of the same texts, in one run, at two sizes.

For each size (default 4,000 and 44,446 rows of the generated styles CSV):
- raw encode: sentence-transformers' fp32 `encode` of the texts the index embeds (the packaged
  model as shipped, warm, its own length sorting), before and after the build so that a
  change in machine load shows;
- the build: `python -m catalog build` in a fresh process, as a shop runs it, so its
  start-up (imports, model load) counts: ingest, products.jsonl, encode, FAISS, files;
- time to first answer: a fresh `python -m catalog search ... --json` on the new catalog;
- the same build after one product changed (the embedding cache in the catalog directory).
Then retrieval agreement: fixed queries against the built index and against a flat index of
the raw fp32 vectors. Targets: build >= 0.8x raw at 4k rows and >= 300 products/s at 44k.

    .venv/bin/python -m bench.index_build [--rows 4000 44446]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.styles_catalog import STYLES_ROWS, write_styles_csv
from catalog.embedder import default_embedder
from catalog.index import VectorIndex, product_text
from catalog.ingest import ingest
from catalog.store import Catalog
from common.packaged_models import REPO_ROOT, minilm_path

SMALL_SHOP_ROWS = 4_000
TARGET_RATIO_SMALL = 0.8
TARGET_PER_S_LARGE = 300
TOP_K = 10
WARM_UP_TEXTS = 64
FIRST_QUERY = "navy blue shirt for men"
QUERIES = (
    "navy blue shirt for men", "black t-shirt", "white sneakers", "women's running shoes", "silver watch for women",
    "leather wallet", "black leather belt", "blue jeans", "men's formal shoes", "red dress for a party",
    "pink top", "grey sweatshirt", "track pants for sport", "girls dress", "boys t-shirt", "black handbag",
    "sunglasses", "backpack for travel", "flip flops", "brown sandals", "women's heels", "kurta for women",
    "ethnic wear", "printed t-shirt", "striped shirt", "checked shirt", "slim fit trousers", "denim shorts",
    "winter jacket", "wool sweater", "green jacket", "yellow top", "maroon kurta", "purple dress",
    "olive cargo shorts", "navy track pants", "white socks", "men's briefs", "sports bra", "casual shoes",
    "formal black shoes", "gold earrings", "necklace", "black cap", "silk tie", "scarf for women",
    "beige trousers", "off white shirt", "orange t-shirt", "leggings",
)


@dataclass(frozen=True)
class Timing:
    stage: str
    products: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.products / self.seconds


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run_cli(*args: str) -> None:
    """`python -m catalog ...` in a fresh process from the repo root, as a shop runs it."""
    completed = subprocess.run([sys.executable, "-m", "catalog", *args], cwd=REPO_ROOT, capture_output=True,
                               text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    if completed.returncode != 0:
        raise SystemExit(f"python -m catalog {' '.join(args)} failed:\n{completed.stderr}")


def build(source: Path, out: Path) -> None:
    run_cli("build", "--source", str(source), "--format", "styles", "--out", str(out))


def change_one_title(source: Path, changed: Path) -> str:
    """A copy of the CSV whose first product has a new title; returns that product's id."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["productDisplayName"] += " Limited Edition"
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows[0]["id"]


def top_ids(catalog: Catalog, index: VectorIndex, queries: np.ndarray) -> list[list[str]]:
    return [[catalog.rows[row].id for row in index.search(query, TOP_K)[1]] for query in queries]


def stored_vectors(index: VectorIndex) -> np.ndarray:
    return index.index.reconstruct_n(0, index.count)


def agreement(reference: list[list[str]], other: list[list[str]]) -> tuple[float, float]:
    """Mean overlap@k and the share of queries with the same first result."""
    overlap = np.mean([len(set(a) & set(b)) / TOP_K for a, b in zip(reference, other)])
    first = np.mean([a[:1] == b[:1] for a, b in zip(reference, other)])
    return float(overlap), float(first)


def raw_encoder():
    """sentence-transformers as shipped, fp32, on all cores: the reference a build is held to."""
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(minilm_path()), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        torch.set_num_threads(os.cpu_count() or 1)
        return model.encode(texts, batch_size=128, normalize_embeddings=True, show_progress_bar=False)

    return encode


def measure(rows: int, work: Path, raw_encode) -> None:
    source = write_styles_csv(work / f"styles-{rows}.csv", rows)
    ingest_s = timed(lambda: ingest(source, "styles"))
    texts = [product_text(p) for p in ingest(source, "styles").products]
    raw_encode(texts[:WARM_UP_TEXTS])
    raw: list[np.ndarray] = []
    raw_before_s = timed(lambda: raw.append(raw_encode(texts)))
    out = work / f"catalog-{rows}"
    build_s = timed(lambda: build(source, out))
    first_answer_s = timed(lambda: run_cli("search", FIRST_QUERY, "--catalog", str(out), "--json", "-k", "5"))
    raw_after_s = timed(lambda: raw_encode(texts))
    built = Catalog.open(out, default_embedder())
    changed_id = change_one_title(source, work / "changed.csv")
    rebuild_s = timed(lambda: build(work / "changed.csv", out))
    rebuilt = Catalog.open(out, default_embedder())

    count = len(texts)
    raw_s = (raw_before_s + raw_after_s) / 2
    timings = [Timing("raw MiniLM encode (sentence-transformers fp32, same texts), before", count, raw_before_s),
               Timing("`python -m catalog build` from the CSV, fresh process", count, build_s),
               Timing("raw MiniLM encode, after", count, raw_after_s),
               Timing("rebuild, one product changed, fresh process", count, rebuild_s),
               Timing("of which ingest alone (in process)", count, ingest_s)]
    print(f"## {count} products, {len(set(texts))} distinct texts, mean text {np.mean([len(t) for t in texts]):.0f} chars")
    print("stage | products | seconds | products/s")
    print("--- | --- | --- | ---")
    for timing in timings:
        print(f"{timing.stage} | {timing.products} | {timing.seconds:.1f} | {timing.rate:.0f}")
    target = (f"target >= {TARGET_RATIO_SMALL}x" if rows <= SMALL_SHOP_ROWS
              else f"target >= {TARGET_PER_S_LARGE}/s")
    print(f"build {raw_s / build_s:.2f}x raw encode (mean of before and after), {count / build_s:.0f}/s ({target}); "
          f"rebuild {raw_s / rebuild_s:.2f}x; first answer from the fresh catalog, new process: {first_answer_s:.1f} s")

    queries = default_embedder().encode(list(QUERIES))
    reference = top_ids(built, VectorIndex.build(raw[0]), queries)
    fresh = top_ids(built, built.index, queries)
    print()
    print(f"retrieval, {len(QUERIES)} queries, top-{TOP_K} | overlap@{TOP_K} | same top-1")
    print("--- | --- | ---")
    print("build vs raw fp32 vectors | {:.3f} | {:.3f}".format(*agreement(reference, fresh)))
    unchanged = [row for row, product in enumerate(built.rows) if product.id != changed_id]
    drift = np.abs(stored_vectors(built.index)[unchanged] - stored_vectors(rebuilt.index)[unchanged]).max()
    print(f"rebuild: {len(unchanged)} unchanged products, largest vector difference from the build {drift:.2g}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[SMALL_SHOP_ROWS, STYLES_ROWS],
                        help="sizes of the generated styles CSV to build")
    args = parser.parse_args()
    raw_encode = raw_encoder()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        for rows in args.rows:
            measure(rows, work, raw_encode)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
