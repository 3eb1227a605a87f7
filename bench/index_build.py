"""Index build throughput against raw MiniLM `encode` throughput, same texts, same run.

The build is everything `python -m catalog build` does after ingest: product text, the
embeddings, the FAISS index and its files. Target: build >= 0.8x raw encode.

    .venv/bin/python -m bench.index_build [--copies 4]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from catalog.demo import open_demo_catalog
from catalog.embedder import default_embedder
from catalog.index import product_text
from catalog.store import Catalog, write_catalog


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4, help="how many times to repeat the demo products")
    args = parser.parse_args()
    demo = open_demo_catalog()
    products = [p.model_copy(update={"id": f"{p.id}-{i}"}) for i in range(args.copies) for p in demo.rows]
    embedder = default_embedder()
    embedder.encode([product_text(p) for p in products[:64]])

    texts = [product_text(p) for p in products]
    started = time.perf_counter()
    embedder.encode(texts)
    raw_s = time.perf_counter() - started

    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        write_catalog(work / "catalog", products)
        started = time.perf_counter()
        Catalog.open(work / "catalog", embedder)
        build_s = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)

    raw_rate = len(products) / raw_s
    build_rate = len(products) / build_s
    print("stage | products | seconds | products/s")
    print("--- | --- | --- | ---")
    print(f"raw MiniLM encode | {len(products)} | {raw_s:.2f} | {raw_rate:.0f}")
    print(f"index build (text+encode+FAISS+files) | {len(products)} | {build_s:.2f} | {build_rate:.0f}")
    print(f"build / raw = {build_rate / raw_rate:.2f}x (target >= 0.8x)")


if __name__ == "__main__":
    main()
