"""Outfit try-on speed: `python -m bench.outfit_latency [--runs 3] [--shared ../shared]`.

A top and trousers in one render (`tryon.outfit`) against a render of the top alone, on the same full-length
photos in the same run, interleaved so load from other processes hits both alike. Two cases: product photos
cut ahead (as the chat does for the products on screen once the shopper has given a photo) and nothing
cached (the command line). Target: the outfit of two <= 1.8x the top alone.

Photos: the full-length people of the try-on dev set (real), with its tops and trousers; without the dev set,
the demo shop's drawn products on the drawn mannequin the try-on tests use (a check of the code path only).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

from catalog.demo.art import GarmentSpec, render_garment
from tryon import TryOnEngine
from tryon.analysis.person import load_image
from tryon.outfit import Piece

TARGET = 1.8


def _dev_cases(shared: Path, count: int) -> list[tuple[np.ndarray, Piece, Piece]] | None:
    root = shared / "tryon_dev"
    if not (root / "set.json").exists():
        return None
    specs = [json.loads((root / name).read_text()) for name in ("set.json", "set_more.json") if (root / name).exists()]
    people = [p["file"] for spec in specs for p in spec["people"] if p["view"] == "full length"]
    people = people[::max(1, len(people) // count)][:count]   # spread over both files' photos and sizes
    garments = [g for spec in specs for g in spec["garments"]]
    tops = [g for g in garments if g["category"] in ("t-shirt", "blouse", "shirt")]
    trousers = [g for g in garments if g["category"] in ("trousers", "jeans")]
    return [(load_image(root / person), _piece(root, tops[i % len(tops)]), _piece(root, trousers[i % len(trousers)]))
            for i, person in enumerate(people)]


def _piece(root: Path, garment: dict) -> Piece:
    return Piece(load_image(root / garment["file"]), garment["category"])


def _drawn_cases() -> list[tuple[np.ndarray, Piece, Piece]]:
    from tests.tryon.synthetic import mannequin
    photo, _ = mannequin(900, 520)
    return [(photo, Piece(render_garment(GarmentSpec("t-shirt", colour)), "t-shirt"),
             Piece(render_garment(GarmentSpec("trousers", "navy")), "trousers")) for colour in ("red", "white")]


def _timed(job) -> float:
    t = time.perf_counter()
    job()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--people", type=int, default=8)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args()
    cases = _dev_cases(args.shared, args.people)
    source = "dev set full-length people, real tops and trousers"
    if cases is None:
        cases, source = _drawn_cases(), "drawn mannequin and demo products (no dev set)"

    ahead = TryOnEngine(max_cached_people=0)            # product photos cut ahead, the person analysed each time
    ahead.warm_up()
    for _, top, bottom in cases:
        for piece in (top, bottom):
            ahead.prepare(piece.garment_image, piece.category)
    cold = TryOnEngine(max_cached_people=0, max_cached_garments=0)   # nothing cached: the command line
    cold.warm_up()
    times: dict[str, list[float]] = {"top_ahead": [], "outfit_ahead": [], "top_cold": [], "outfit_cold": []}
    drawn = refused = 0
    for _ in range(args.runs):
        for photo, top, bottom in cases:
            times["top_ahead"].append(_timed(lambda: ahead.render(photo, top.garment_image, top.category)))
            outcome: list = []
            times["outfit_ahead"].append(_timed(lambda: outcome.append(ahead.render_outfit(photo, [top, bottom]))))
            drawn += sum(p.rendered for p in outcome[0].pieces)
            refused += sum(not p.rendered for p in outcome[0].pieces)
            times["top_cold"].append(_timed(lambda: cold.render(photo, top.garment_image, top.category)))
            times["outfit_cold"].append(_timed(lambda: cold.render_outfit(photo, [top, bottom])))

    p50 = {name: statistics.median(values) for name, values in times.items()}
    print(f"photos: {source}; {len(cases)} people x {args.runs} runs; pieces drawn {drawn}, refused {refused}")
    print(f"{'case':<34}{'top alone p50':>14}{'outfit p50':>12}{'ratio':>8}  target <= {TARGET}x")
    for case, label in (("ahead", "product photos cut ahead (chat)"), ("cold", "nothing cached (command line)")):
        top, outfit = p50[f"top_{case}"], p50[f"outfit_{case}"]
        print(f"{label:<34}{top:13.3f}s{outfit:11.3f}s{outfit / top:7.2f}x")
    ahead.close()
    cold.close()


if __name__ == "__main__":
    main()
