"""Search by photo on real photos: the try-on dev set's product shots and people, as shoppers send them.

    .venv/bin/python -m bench.photo_search_real [--shared ../shared] [--seed 0]

Two measures, each on the dev half and the held-apart half of the photos (every other
photo of each group; thresholds are tuned on dev only):

1. **Against the demo shop** (drawn products): each real photo is searched as an upload is,
   a product shot as it is and "phone-photographed" (laid on a real surface, warm light,
   cropped, JPEG); a person as the chat searches a photo of someone ("find me this dress"):
   what they wear on the labelled part cut out by the try-on engine, then searched. A search holds at
   top-k when one of its first k products is a kind and colour the photo's labels allow
   (`bench/data/real_garment_photos.json`, labelled by eye). Also: how often the description
   names an allowed kind and colour.
2. **Finding the same product** among the demo shop plus the 53 real product shots added as
   products: each real shot phone-photographed, top-1 / top-3 for its own product.

Plus real photos that show no garment (scikit-image's coffee, cat, rocket...), which
should be told apart rather than answered with noise.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from skimage import data as skdata

from catalog.demo.shop import open_demo_catalog
from catalog.photos.query import GarmentPhoto
from catalog.schema import Product
from catalog.store import Catalog, write_catalog
from common.images import PHOTO_LIMITS, read_image_file
from tryon.engine import TryOnEngine
from tryon.analysis.worn import worn_garment

LABELS = Path(__file__).with_name("data") / "real_garment_photos.json"
TOP_K = 3
SURFACES = ("brick", "grass", "gravel", "coffee", "rocket")      # real photos to lay a garment on
NO_GARMENT = ("coffee", "chelsea", "rocket", "brick", "grass", "camera", "hubble_deep_field")


@dataclass(frozen=True)
class Labelled:
    file: str
    garments: tuple[dict, ...]
    held_apart: bool

    @property
    def person(self) -> bool:
        return Path(self.file).name.startswith("person_")

    def allows(self, product: Product) -> bool:
        return any(product.category in g["kinds"] and set(product.colors) & set(g["colors"]) for g in self.garments)

    def described_right(self, seen: GarmentPhoto) -> bool:
        return any(seen.category in g["kinds"] and bool(seen.colors) and seen.colors[0] in g["colors"]
                   for g in self.garments)

    @property
    def searched(self) -> dict:
        """The garment a search by this photo is about: a product shot's own, a person's first (top or dress)."""
        return self.garments[0]

    def reads(self, seen: GarmentPhoto) -> dict[str, bool | None]:
        """Each reading of the photo right or not, None where the labels leave it open: the kind, the main colour
        named first, the pattern."""
        g = self.searched
        return {"kind": seen.category in g["kinds"],
                "colour": (bool(seen.colors) and seen.colors[0] in g["main"]) if g.get("main") else None,
                "pattern": seen.pattern == g["pattern"] if g.get("pattern") else None}

    def alike(self, product: Product) -> bool | None:
        """Whether a product is of an allowed kind and colour and in the photo's pattern (None where it has none)."""
        pattern = self.searched.get("pattern")
        return (self.allows(product) and product.pattern == pattern) if pattern else None

    def carries_main(self, product: Product) -> bool | None:
        """Whether a product is in the photo's main colour (None where it has none)."""
        main = self.searched.get("main")
        return bool(set(product.colors) & set(main)) if main else None


def load_labels() -> list[Labelled]:
    listing = json.loads(LABELS.read_text())
    # every other photo of each group (product shots, people) is held apart
    groups: dict[bool, int] = {}
    out = []
    for photo in listing["photos"]:
        person = Path(photo["file"]).name.startswith("person_")
        groups[person] = groups.get(person, 0) + 1
        out.append(Labelled(photo["file"], tuple(photo["garments"]), groups[person] % 2 == 0))
    return out


def phone_photo(shot: np.ndarray, rng: random.Random) -> np.ndarray:
    """A product shot (RGB, plain light backdrop) as a shopper's phone photo of the garment: on a
    real textured surface, turned, under warm light, one side cropped, saved as a JPEG."""
    border = np.concatenate([shot[:4].reshape(-1, 3), shot[-4:].reshape(-1, 3),
                             shot[:, :4].reshape(-1, 3), shot[:, -4:].reshape(-1, 3)]).astype(np.float32)
    backdrop = np.median(border, axis=0)
    distance = np.linalg.norm(shot.astype(np.float32) - backdrop, axis=2)
    alpha = cv2.GaussianBlur(np.clip((distance - 10.0) / 12.0, 0.0, 1.0), (0, 0), 1.0)[..., None]
    height, width = shot.shape[:2]
    surface = getattr(skdata, rng.choice(SURFACES))()
    surface = surface if surface.ndim == 3 else np.repeat(surface[..., None], 3, axis=2)
    ground = cv2.resize(surface[..., :3], (width, height), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-10, 10), rng.uniform(0.8, 0.95))
    garment = cv2.warpAffine(shot.astype(np.float32), turn, (width, height))
    cover = cv2.warpAffine(alpha, turn, (width, height))[..., None]
    photo = ground * (1 - cover) + garment * cover
    warm = np.array([rng.uniform(1.0, 1.12), 1.0, rng.uniform(0.8, 0.95)], np.float32)
    photo = np.clip(photo * warm * rng.uniform(0.85, 1.05), 0, 255).astype(np.uint8)
    cut = rng.uniform(0.0, 0.12)
    side = rng.choice(("top", "bottom", "left", "right"))
    if side in ("top", "bottom"):
        rows = int(cut * height)
        photo = photo[rows:] if side == "top" else photo[:height - rows]
    else:
        cols = int(cut * width)
        photo = photo[:, cols:] if side == "left" else photo[:, :width - cols]
    ok, jpeg = cv2.imencode(".jpg", photo[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, rng.randint(60, 85)])
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR)[..., ::-1]


def read(shared: Path, file: str) -> np.ndarray:
    return read_image_file(shared / "tryon_dev" / file, PHOTO_LIMITS).rgb


def worn(engine: TryOnEngine, photo: Labelled, picture: np.ndarray) -> np.ndarray:
    """What the person wears on the labelled garment's part, as the chat cuts it out (the whole
    photo when the engine finds nothing to cut)."""
    part = "full" if photo.garments[0]["kinds"] == ["dress"] else "upper"
    cut = worn_garment(engine.analyze_person(picture), part)
    return cut if cut is not None else picture


def against_demo(catalog: Catalog, photos: list[Labelled], shared: Path, rng: random.Random) -> dict[str, dict]:
    """Per (half, kind of query): searches, top-1 / top-k holds, described right, not usable, ms."""
    tally: dict[str, dict] = {}
    engine = TryOnEngine(max_cached_people=0)
    for photo in photos:
        picture = read(shared, photo.file)
        queries = [("worn by a person", worn(engine, photo, picture))] if photo.person else \
            [("product shot", picture), ("phone photo of it", phone_photo(picture, rng))]
        for name, query in queries:
            row = tally.setdefault(f"{'held apart' if photo.held_apart else 'dev'} | {name}",
                                   {"n": 0, "top1": 0, "topk": 0, "described": 0, "unusable": 0, "ms": [],
                                    "kind": [], "colour": [], "pattern": [], "first_main": [], "alike": []})
            started = time.perf_counter()
            seen = catalog.describe_photo(query, worn=photo.person)
            hits = catalog.search_by_photo(seen, k=TOP_K).hits if seen.usable else ()
            row["ms"].append(1000 * (time.perf_counter() - started))
            row["n"] += 1
            row["unusable"] += not seen.usable
            row["top1"] += bool(hits) and photo.allows(hits[0].product)
            row["topk"] += any(photo.allows(hit.product) for hit in hits)
            row["described"] += seen.usable and photo.described_right(seen)
            for reading, right in photo.reads(seen).items():
                if right is not None:
                    row[reading].append(right)
            if photo.searched.get("pattern"):
                row["alike"].append(any(photo.alike(hit.product) for hit in hits))
            main = photo.carries_main(hits[0].product) if hits else None
            if main is not None:
                row["first_main"].append(main)
    return tally


def real_shot_products(template: Product, photos: list[Labelled], shared: Path) -> tuple[list[Product], dict[str, Path]]:
    """Each real product shot (no person) as a product of its own, id `REAL-nnn` in the photos'
    order, and the file each product image is copied from."""
    products, sources = [], {}
    for number, photo in enumerate(p for p in photos if not p.person):
        garment = photo.garments[0]
        product_id = f"REAL-{number:03d}"
        image = f"images/{product_id}.jpg"
        color = garment["colors"][0]
        products.append(template.model_copy(update=dict(
            id=product_id, title=f"{color} {garment['kinds'][0]} ({Path(photo.file).name})",
            category=garment["kinds"][0], colors=(color,), pattern=garment["pattern"], image=image,
            variants=tuple(v.model_copy(update={"color": color}) for v in template.variants),
            color_images={color: image})))
        sources[image] = shared / "tryon_dev" / photo.file
    return products, sources


def with_real_products(demo: Catalog, photos: list[Labelled], shared: Path, work: Path) -> tuple[Catalog, dict]:
    """The demo shop plus each real product shot as a product of its own; id by file."""
    real, sources = real_shot_products(demo.rows[0], photos, shared)
    ids = {photo.file: product.id for product, photo in zip(real, (p for p in photos if not p.person))}

    def copy_images(staging: Path) -> None:
        for product in demo.rows:
            for relative in {product.image, *product.color_images.values()} - {None}:
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(demo.directory / relative, target)
        for image, source in sources.items():
            shutil.copyfile(source, staging / image)

    write_catalog(work, list(demo.rows) + real, copy_images)
    return Catalog.open(work), ids


def same_product(catalog: Catalog, ids: dict[str, str], photos: list[Labelled], shared: Path,
                 rng: random.Random) -> dict[str, list[int]]:
    tally: dict[str, list[int]] = {}
    for photo in photos:
        if photo.file not in ids:
            continue
        seen = catalog.describe_photo(phone_photo(read(shared, photo.file), rng))
        found = [hit.product.id for hit in catalog.search_by_photo(seen, k=TOP_K).hits] if seen.usable else []
        row = tally.setdefault("held apart" if photo.held_apart else "dev", [0, 0, 0])
        row[0] += 1
        row[1] += found[:1] == [ids[photo.file]]
        row[2] += ids[photo.file] in found
    return tally


def no_garment(catalog: Catalog) -> list[tuple[str, str]]:
    out = []
    for name in NO_GARMENT:
        picture = getattr(skdata, name)()
        picture = picture if picture.ndim == 3 else np.repeat(picture[..., None], 3, axis=2)
        seen = catalog.describe_photo(np.ascontiguousarray(picture[..., :3]))
        out.append((name, seen.problem or f"searched as {'/'.join(seen.colors)} {seen.category}"))
    return out


def _share(rights: list[bool]) -> str:
    """"0.60 of 15": the share right and of how many photos it is read."""
    return f"{sum(rights) / len(rights):.2f} of {len(rights)}" if rights else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    photos = load_labels()
    demo = open_demo_catalog()
    print(f"## Real photos against the demo shop ({len(demo.rows)} drawn products): a top-{TOP_K} holds when a "
          "product of an allowed kind and colour is in it")
    print("Read right, each apart: the kind; the main colour named first (of photos whose garment has one); the "
          "pattern (of photos whose pattern is plain to see); the first result in the main colour; and a top-"
          f"{TOP_K} product of an allowed kind and colour in the photo's pattern too.")
    print(f"half | query | photos | top-1 | top-{TOP_K} | described right | kind right | colour right | "
          f"pattern right | first in main colour | top-{TOP_K} in its pattern too | not usable | ms p50")
    print("--- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | ---")
    for name, row in sorted(against_demo(demo, photos, args.shared, random.Random(args.seed)).items()):
        n = row["n"]
        shares = " | ".join(_share(row[reading]) for reading in ("kind", "colour", "pattern", "first_main", "alike"))
        print(f"{name} | {n} | {row['top1'] / n:.2f} | {row['topk'] / n:.2f} | {row['described'] / n:.2f} | "
              f"{shares} | {row['unusable']} | {np.median(row['ms']):.0f}")
    work = Path(tempfile.mkdtemp(prefix="bench-photo-real-"))
    try:
        mixed, ids = with_real_products(demo, photos, args.shared, work / "shop")
        print(f"\n## The same product among {len(mixed.rows)} (demo + {len(ids)} real shots), phone-photographed")
        print("half | queries | top-1 | top-3")
        print("--- | --- | --- | ---")
        for name, (n, top1, top3) in sorted(same_product(mixed, ids, photos, args.shared,
                                                          random.Random(args.seed + 1)).items()):
            print(f"{name} | {n} | {top1 / n:.2f} | {top3 / n:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n## Real photos with no garment in them")
    for name, said in no_garment(demo):
        print(f"- {name}: {said}")


if __name__ == "__main__":
    main()
