"""Sleeves the try-on reads on each product photo, against the sleeves the shop lists.

A top read as sleeveless is warped onto the torso with its sleeves as flaps beside the bodice and the
arms left bare; one read as sleeved where the shop lists it sleeveless grows sleeves. Every top, dress and
jumpsuit of a catalog (the demo shop unless --catalog DIR) is cut out of its main photo as the try-on does,
and the table counts, per category, the products listed with sleeves, those found with sleeves, both kinds
of disagreement, and the cut's time.

    .venv/bin/python -m bench.listed_sleeves [--catalog DIR] [--show N]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from catalog.demo.shop import open_demo_catalog
from catalog.store import Catalog
from common.garment_kinds import GARMENT_TYPES
from tryon.analysis.person import load_image
from tryon.garment.cutting import cut_out

SLEEVED = ("short", "long", "three-quarter")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", help="a catalog directory (products.jsonl and images); the demo shop if absent")
    parser.add_argument("--show", type=int, default=10, help="list this many disagreements")
    args = parser.parse_args(argv)
    catalog = Catalog.open(Path(args.catalog)) if args.catalog else open_demo_catalog()
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # products, listed, found, missed, grown
    missed, times = [], []
    for product in catalog.rows:
        kind = GARMENT_TYPES.get(product.category)
        path = catalog.image_path(product)
        if kind not in ("upper", "full") or product.sleeve is None or path is None:
            continue
        t = time.perf_counter()
        cut = cut_out(load_image(path), kind)
        times.append(time.perf_counter() - t)
        listed, found = product.sleeve in SLEEVED, cut.sleeve is not None
        row = rows[product.category]
        row[0] += 1
        row[1] += listed
        row[2] += found
        row[3] += listed and not found
        row[4] += found and not listed
        if listed != found:
            missed.append(f"{product.id} {product.category} listed {product.sleeve}, read {'sleeved' if found else 'sleeveless'}")
    print(f"{'category':<10} {'products':>8} {'listed':>7} {'found':>6} {'missed':>7} {'grown':>6}")
    for category in sorted(rows):
        print(f"{category:<10} " + " ".join(f"{v:>{w}}" for v, w in zip(rows[category], (8, 7, 6, 7, 6))))
    total = np.sum(list(rows.values()), axis=0) if rows else np.zeros(5, int)
    print(f"{'all':<10} " + " ".join(f"{v:>{w}}" for v, w in zip(total, (8, 7, 6, 7, 6))))
    if times:
        print(f"cut-out p50 {np.median(times):.3f} s, p95 {np.percentile(times, 95):.3f} s")
    for line in missed[:args.show]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
