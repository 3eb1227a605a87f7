"""Search by photo: how often a re-photographed demo product finds itself in the top 1 and top 3.

    .venv/bin/python -m bench.photo_search [--products 300] [--seed 0] [--shared ../shared]

Each sampled product's photo (one of its colours) is "re-photographed": keyed off the demo's
plain sweep, scaled, turned a few degrees, laid on another background (a plain wall, a
gradient, a wood-grain table or a rumpled bed sheet), relit and saved as a JPEG. It is then
described and searched exactly as a shopper's upload is (`Catalog.describe_photo`,
`Catalog.search_by_photo`). Baselines from the same run and queries: the colour histogram
alone, and chance. Also printed: how often the description got the category, the pattern
and the main colour right, and (with --shared) what the real product shots of the try-on
dev set are described as.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import cv2
import numpy as np

from catalog.demo.shop import open_demo_catalog
from catalog.photos.features import keep_blocks
from catalog.store import Catalog
from common.images import PHOTO_LIMITS, read_image_file

BACKDROP_RGB = np.array((222.0, 223.0, 227.0), np.float32)   # catalog.demo.art's sweep
KEY_NEAR, KEY_FAR = 8.0, 18.0          # RGB distance from the sweep: all backdrop / all garment
BACKGROUNDS = ("plain", "gradient", "wood", "sheet")


def rephotograph(photo: np.ndarray, rng: random.Random) -> np.ndarray:
    """A demo product photo (RGB) as a shopper might photograph the garment: another size, angle,
    surface, light and JPEG; RGB out."""
    distance = np.linalg.norm(photo.astype(np.float32) - BACKDROP_RGB, axis=2)
    alpha = np.clip((distance - KEY_NEAR) / (KEY_FAR - KEY_NEAR), 0.0, 1.0)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 1.0)[..., None]
    height, width = photo.shape[:2]
    canvas_h, canvas_w = int(height * rng.uniform(1.05, 1.35)), int(width * rng.uniform(1.0, 1.3))
    angle, scale = rng.uniform(-8.0, 8.0), rng.uniform(0.8, 1.0)
    shift = (rng.uniform(-0.04, 0.04) * canvas_w + (canvas_w - width) / 2,
             rng.uniform(-0.04, 0.04) * canvas_h + (canvas_h - height) / 2)
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, scale)
    turn[:, 2] += shift
    garment = cv2.warpAffine(photo.astype(np.float32), turn, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR)
    cover = cv2.warpAffine(alpha, turn, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR)[..., None]
    ground = background(rng.choice(BACKGROUNDS), (canvas_h, canvas_w), rng)
    shot = ground * (1.0 - cover) + garment * cover
    shot = shot * rng.uniform(0.88, 1.1) + rng.uniform(-10.0, 10.0)
    long_side = rng.randint(360, 900)
    factor = long_side / max(canvas_h, canvas_w)
    shot = cv2.resize(np.clip(shot, 0, 255).astype(np.uint8), (round(canvas_w * factor), round(canvas_h * factor)),
                      interpolation=cv2.INTER_AREA)
    ok, jpeg = cv2.imencode(".jpg", shot, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 85)])
    return cv2.imdecode(jpeg, cv2.IMREAD_UNCHANGED)


def background(kind: str, shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A surface to lay the garment on, float32 RGB."""
    height, width = shape
    base = np.array([rng.uniform(60, 235) for _ in range(3)], np.float32)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    if kind == "plain":
        plane = np.ones((height, width), np.float32)
    elif kind == "gradient":
        plane = 0.8 + 0.4 * (ys / height * rng.uniform(0.3, 1.0) + xs / width * rng.uniform(0.0, 0.5))
    elif kind == "wood":
        grain = np.sin(ys / rng.uniform(6, 14) + 3 * np.sin(xs / rng.uniform(40, 90)))
        plane = 0.92 + 0.08 * grain
    else:
        noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 1, (height // 16 + 2, width // 16 + 2))
        folds = cv2.resize(noise.astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
        plane = 0.9 + 0.06 * folds
    return np.clip(plane[..., None] * base, 0, 255)


def run(catalog: Catalog, products: int, seed: int) -> dict:
    rng = random.Random(seed)
    rows = rng.sample(range(len(catalog.rows)), min(products, len(catalog.rows)))
    tally = {"full": [0, 0], "colour only": [0, 0]}
    described = {"category": 0, "pattern": 0, "main colour": 0}
    problems: dict[str, int] = {}
    seconds = []
    for row in rows:
        product = catalog.rows[row]
        color = rng.choice(product.colors) if product.colors else None
        query = rephotograph(read_image_file(catalog.image_path(product, color), PHOTO_LIMITS).rgb, rng)
        started = time.perf_counter()
        seen = catalog.describe_photo(query)
        if not seen.usable:
            seconds.append(time.perf_counter() - started)
            problems[seen.problem] = problems.get(seen.problem, 0) + 1
            continue
        found = [hit.product.id for hit in catalog.search_by_photo(seen, k=3).hits]
        seconds.append(time.perf_counter() - started)
        by_colour = catalog.photos.nearest(keep_blocks(seen.vector, frozenset({"colour"})), None, 3)
        ranked = [catalog.rows[r].id for r, _, _ in by_colour]
        for name, ids in (("full", found), ("colour only", ranked)):
            tally[name][0] += bool(ids) and ids[0] == product.id
            tally[name][1] += product.id in ids
        described["category"] += seen.category == product.category
        described["pattern"] += seen.pattern == product.pattern
        described["main colour"] += bool(seen.colors) and seen.colors[0] == color
    count = len(rows)
    return {
        "queries": count, "catalog_products": len(catalog.rows),
        "top1": {name: hits[0] / count for name, hits in tally.items()},
        "top3": {name: hits[1] / count for name, hits in tally.items()},
        "chance_top3": 3 / len(catalog.rows),
        "described_right": {name: value / count for name, value in described.items()},
        "not_usable": problems,
        "ms_per_query_p50": 1000 * float(np.median(seconds)),
    }


def shared_shots(catalog: Catalog, shared: Path) -> list[tuple[str, str, str]]:
    """(file, labelled category, what the photo was described as) for the dev set's product shots."""
    listing = json.loads((shared / "tryon_dev" / "set.json").read_text())
    out = []
    for garment in listing["garments"]:
        seen = catalog.describe_photo(read_image_file(shared / "tryon_dev" / garment["file"], PHOTO_LIMITS).rgb)
        said = seen.problem or f"{'/'.join(seen.colors)} {seen.pattern} {seen.category}"
        out.append((Path(garment["file"]).name, garment["category"], said))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder holding tryon_dev/")
    args = parser.parse_args()
    catalog = open_demo_catalog()
    result = run(catalog, args.products, args.seed)
    print(f"{result['queries']} re-photographed demo products, searched among {result['catalog_products']}")
    print(f"{'ranking':<28}{'top-1':>8}{'top-3':>8}")
    for name in ("full", "colour only"):
        label = "photo search" if name == "full" else "baseline: colour histogram"
        print(f"{label:<28}{result['top1'][name]:>8.1%}{result['top3'][name]:>8.1%}")
    print(f"{'baseline: chance':<28}{1 / result['catalog_products']:>8.1%}{result['chance_top3']:>8.1%}")
    print("described right: " + ", ".join(f"{k} {v:.0%}" for k, v in result["described_right"].items()))
    print(f"not usable: {result['not_usable'] or 'none'}; median {result['ms_per_query_p50']:.0f} ms per query")
    if args.shared:
        print("\nthe try-on dev set's product shots, as described:")
        for name, category, said in shared_shots(catalog, args.shared):
            print(f"  {name:<24}{category:<10}{said}")


if __name__ == "__main__":
    main()
