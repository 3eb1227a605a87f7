"""Index build throughput on a 44k-row styles catalog against raw MiniLM `encode`, same texts, same run.

Rows: raw fp32 MiniLM encode of the texts the index embeds (the packaged model as
shipped, one call, its own length sorting), before and after the build so that a
change in machine load shows; `python -m catalog build` from the CSV
(ingest, products.jsonl, texts, embeddings, FAISS, files; its bulk encoder runs bf16 where a
calibration on the build's first texts finds it faster and in agreement with fp32); the same build after one
product changed (the embedding cache in the catalog directory); ingest alone, to show
its share. Then retrieval agreement: fixed queries against the built index and against
a flat index of the raw fp32 vectors. Target: build >= 200 products/s on 2 cores.

    .venv/bin/python -m bench.index_build [--rows 44446]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.styles_catalog import STYLES_ROWS, write_styles_csv
from catalog.__main__ import main as catalog_cli
from catalog.embedder import default_embedder
from catalog.index import VectorIndex, product_text
from catalog.ingest import ingest
from catalog.store import Catalog

TARGET_PER_S = 200
TOP_K = 10
WARM_UP_TEXTS = 64
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


def build(source: Path, out: Path) -> None:
    """The real command line, its summary table kept off the bench's output."""
    with contextlib.redirect_stdout(io.StringIO()):
        if catalog_cli(["build", "--source", str(source), "--format", "styles", "--out", str(out)]) != 0:
            raise SystemExit(f"catalog build of {source} failed")


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=STYLES_ROWS, help="rows of the generated styles CSV")
    args = parser.parse_args()
    embedder = default_embedder()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        source = write_styles_csv(work / "styles.csv", args.rows)
        ingest_s = timed(lambda: ingest(source, "styles"))
        texts = [product_text(p) for p in ingest(source, "styles").products]
        embedder.encode(texts[:WARM_UP_TEXTS])
        raw: list[np.ndarray] = []
        raw_before_s = timed(lambda: raw.append(embedder.encode(texts)))
        out = work / "catalog"
        build_s = timed(lambda: build(source, out))
        raw_after_s = timed(lambda: embedder.encode(texts))
        built = Catalog.open(out, embedder)
        changed_id = change_one_title(source, work / "changed.csv")
        rebuild_s = timed(lambda: build(work / "changed.csv", out))
        rebuilt = Catalog.open(out, embedder)

        count = len(texts)
        raw_s = (raw_before_s + raw_after_s) / 2
        timings = [Timing("raw MiniLM encode (fp32, same texts), before the build", count, raw_before_s),
                   Timing("catalog build from CSV (ingest+encode+FAISS+files)", count, build_s),
                   Timing("raw MiniLM encode (fp32, same texts), after the build", count, raw_after_s),
                   Timing("rebuild, one product changed", count, rebuild_s),
                   Timing("of which ingest alone", count, ingest_s)]
        print(f"{count} products, {len(set(texts))} distinct texts, mean text {np.mean([len(t) for t in texts]):.0f} chars")
        print("stage | products | seconds | products/s")
        print("--- | --- | --- | ---")
        for timing in timings:
            print(f"{timing.stage} | {timing.products} | {timing.seconds:.1f} | {timing.rate:.0f}")
        print(f"against raw encode (mean of before and after): build {raw_s / build_s:.2f}x, "
              f"rebuild {raw_s / rebuild_s:.2f}x; build {count / build_s:.0f}/s against a target of {TARGET_PER_S}/s")

        queries = embedder.encode(list(QUERIES))
        reference = top_ids(built, VectorIndex.build(raw[0]), queries)
        fresh = top_ids(built, built.index, queries)
        print()
        print(f"retrieval, {len(QUERIES)} queries, top-{TOP_K} | overlap@{TOP_K} | same top-1")
        print("--- | --- | ---")
        print("build vs raw fp32 vectors | {:.3f} | {:.3f}".format(*agreement(reference, fresh)))
        unchanged = [row for row, product in enumerate(built.rows) if product.id != changed_id]
        drift = np.abs(stored_vectors(built.index)[unchanged] - stored_vectors(rebuilt.index)[unchanged]).max()
        print(f"rebuild: {len(unchanged)} unchanged products, largest vector difference from the build {drift:.2g}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
