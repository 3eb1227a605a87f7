"""Filtered top-10 search latency at 10k, 100k and 1M products against plain FAISS, same run.

Vectors are synthetic but clustered like real embeddings (a mixture of directions), and
products carry attributes drawn from the canonical vocabulary, so filters have realistic
selectivity. Prints one table; nothing is asserted.

    .venv/bin/python -m bench.search_latency [--sizes 10000 100000 1000000] [--queries 300]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

import faiss
import numpy as np

from catalog.index import VectorIndex
from catalog.schema import Product, Variant
from catalog.search import Filters, plan_mask
from catalog.store import Catalog
from catalog.vocabulary import CATEGORIES, COLORS, FITS, MATERIALS, PATTERNS, SIZES

DIM = 384


def clustered_vectors(count: int, rng: np.random.Generator, clusters: int = 512) -> np.ndarray:
    centers = rng.standard_normal((clusters, DIM)).astype(np.float32)
    out = np.empty((count, DIM), dtype=np.float32)
    for start in range(0, count, 100_000):
        stop = min(count, start + 100_000)
        labels = rng.integers(0, clusters, stop - start)
        out[start:stop] = centers[labels] + 0.6 * rng.standard_normal((stop - start, DIM)).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def synthetic_products(count: int, seed: int = 0) -> list[Product]:
    """Unvalidated construction keeps 1M products affordable; values are canonical by construction."""
    rng = random.Random(seed)
    products = []
    for i in range(count):
        color = rng.choice(COLORS)
        sizes = rng.sample(SIZES, 3)
        variants = tuple(Variant.model_construct(color=color, size=s, stock=rng.choice((0, 3, 9)), sku=None, price=None)
                         for s in sizes)
        products.append(Product.model_construct(
            id=str(i), title="", description="", category=rng.choice(CATEGORIES), gender=rng.choice(("men", "women", "unisex")),
            colors=(color,), pattern=rng.choice(PATTERNS), material=(rng.choice(MATERIALS),), fit=rng.choice(FITS),
            sleeve=None, style=(), occasion=(), brand=None, price=float(rng.randint(10, 400)), currency="USD",
            variants=variants, size_chart={}, garment_type="upper", image=None, color_images={},
        ))
    return products


FILTER_CASES = {
    "no filter": lambda rng: Filters(),
    "broad (gender)": lambda rng: Filters(gender=(rng.choice(("men", "women")),)),
    "typical (cat+size+price)": lambda rng: Filters(category=(rng.choice(CATEGORIES),), size=rng.choice(SIZES), max_price=150.0),
    "narrow (cat+colour+size+price+excl)": lambda rng: Filters(
        category=(rng.choice(CATEGORIES),), color=(rng.choice(COLORS),), size=rng.choice(SIZES),
        max_price=200.0, exclude={"fit": ("slim",)}),
}


def percentile_ms(samples: list[float], q: float) -> float:
    return float(np.percentile(samples, q) * 1000)


def timed(call, repeats: int) -> list[float]:
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        call(i)
        samples.append(time.perf_counter() - start)
    return samples


def bench_size(count: int, queries: int) -> list[tuple]:
    rng = np.random.default_rng(count)
    vectors = clustered_vectors(count, rng)
    started = time.perf_counter()
    index = VectorIndex.build(vectors)
    build_s = time.perf_counter() - started
    products = synthetic_products(count)
    catalog = Catalog(Path("."), products, index, embedder=None)
    query_vectors = vectors[rng.integers(0, count, queries)] + 0.05 * rng.standard_normal((queries, DIM)).astype(np.float32)
    query_vectors /= np.linalg.norm(query_vectors, axis=1, keepdims=True)
    plain = timed(lambda i: index.index.search(query_vectors[i:i + 1], 10), queries)
    path = Path(f"/tmp/bench-index-{count}.faiss")
    index.save(path)
    index_mb = path.stat().st_size / 1e6
    path.unlink()
    table_mb = (sum(a.nbytes for a in catalog.table.bits.values()) + catalog.table.price_low.nbytes + catalog.table.price_high.nbytes
                + sum(a.nbytes for a in catalog.table.stock.values())) / 1e6
    if index.kind == "ivf":
        index_mb += (index.row_codes.codes.nbytes + index.row_codes.lists.nbytes) / 1e6
    rows = []
    for name, make in FILTER_CASES.items():
        case_rng = random.Random(7)
        filters = [make(case_rng) for _ in range(queries)]
        masks = [plan_mask(catalog.table, f)[0] for f in filters]
        selectors = [faiss.IDSelectorBitmap(np.packbits(m, bitorder="little")) for m in masks]

        def plain_filtered(i: int) -> None:
            if name == "no filter":
                index.index.search(query_vectors[i:i + 1], 10)
            elif index.kind == "flat":
                index.index.search(query_vectors[i:i + 1], 10, params=faiss.SearchParameters(sel=selectors[i]))
            else:
                exhaustive = faiss.SearchParametersIVF(sel=selectors[i], nprobe=index.index.nlist)
                index.index.search(query_vectors[i:i + 1], 10, params=exhaustive)

        baseline_sel = timed(plain_filtered, queries)
        ours = timed(lambda i: catalog.search_vector(query_vectors[i], filters[i], 10), queries)
        share = float(np.mean([m.mean() for m in masks]))
        rows.append((count, index.kind, name, share, percentile_ms(plain, 50), percentile_ms(baseline_sel, 50),
                     percentile_ms(ours, 50), percentile_ms(ours, 95),
                     np.median(ours) / np.median(plain), np.median(ours) / np.median(baseline_sel), build_s,
                     (index_mb + table_mb) * 1e6 / count))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    header = ("products", "index", "filter", "selected", "faiss p50", "faiss filtered p50", "ours p50", "ours p95",
              "ours/faiss", "ours/faiss filtered", "build s", "MB per 1M")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for count in args.sizes:
        for row in bench_size(count, args.queries):
            n, kind, name, share, plain50, sel50, ours50, ours95, ratio, sel_ratio, build_s, mb = row
            print(f"{n:,} | {kind} | {name} | {share:.1%} | {plain50:.2f} ms | {sel50:.2f} ms | {ours50:.2f} ms | "
                  f"{ours95:.2f} ms | {ratio:.2f}x | {sel_ratio:.2f}x | {build_s:.1f} | {mb:,.0f}", flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")


if __name__ == "__main__":
    main()
