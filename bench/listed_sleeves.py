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
from dataclasses import dataclass, field

import numpy as np

from catalog.demo.shop import open_shop
from catalog.store import Catalog, CatalogError
from common.garment_kinds import GARMENT_TYPES
from tryon.analysis.person import load_image
from tryon.errors import TryOnError
from tryon.garment.cutting import cut_out

SLEEVED = ("short", "long", "three-quarter")


@dataclass
class Tally:
    # per category: products, listed with sleeves, found with sleeves, listed but not found, found but not listed
    rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0, 0]))
    missed: list[str] = field(default_factory=list)   # each disagreement, said
    unread: list[str] = field(default_factory=list)   # photos the try-on could not read, and why
    times: list[float] = field(default_factory=list)  # each cut-out's seconds


def tally(catalog: Catalog) -> Tally:
    """Each sleeved-or-not product of the catalog cut out of its main photo, against its listing."""
    out = Tally()
    for product in catalog.rows:
        kind = GARMENT_TYPES.get(product.category)
        if kind not in ("upper", "full") or product.sleeve is None:
            continue
        path = catalog.image_path(product)
        if path is None:
            out.unread.append(f"{product.id} {product.category}: no product photo")
            continue
        t = time.perf_counter()
        try:
            cut = cut_out(load_image(path), kind)
        except TryOnError as error:  # a photo the try-on would refuse too: said, not counted
            out.unread.append(f"{product.id} {product.category}: {error.message}")
            continue
        out.times.append(time.perf_counter() - t)
        listed, found = product.sleeve in SLEEVED, cut.sleeve is not None
        row = out.rows[product.category]
        for k, counts in enumerate((True, listed, found, listed and not found, found and not listed)):
            row[k] += counts
        if listed != found:
            out.missed.append(f"{product.id} {product.category} listed {product.sleeve}, "
                              f"read {'sleeved' if found else 'sleeveless'}")
    return out


def report(t: Tally, show: int) -> None:
    widths = (8, 7, 6, 7, 6)
    print(f"{'category':<10} {'products':>8} {'listed':>7} {'found':>6} {'missed':>7} {'grown':>6}")
    for category in sorted(t.rows):
        print(f"{category:<10} " + " ".join(f"{v:>{w}}" for v, w in zip(t.rows[category], widths)))
    total = np.sum(list(t.rows.values()), axis=0) if t.rows else np.zeros(5, int)
    print(f"{'all':<10} " + " ".join(f"{v:>{w}}" for v, w in zip(total, widths)))
    if t.times:
        print(f"cut-out p50 {np.median(t.times):.3f} s, p95 {np.percentile(t.times, 95):.3f} s")
    for line in t.missed[:show]:
        print("  " + line)
    if t.unread:
        print(f"{len(t.unread)} product photos not read:")
        for line in t.unread[:show]:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", help="a catalog directory (products.jsonl and images); the demo shop if absent")
    parser.add_argument("--show", type=int, default=10, help="list this many disagreements")
    args = parser.parse_args(argv)
    try:
        catalog = open_shop(args.catalog)
    except CatalogError as error:
        print(f"can't read that catalog: {error}")
        return 2
    report(tally(catalog), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
