"""The embedded demo shop: a deterministic catalog of clothes with drawn product photos.

Same seed, same catalog, byte for byte, on any machine: no downloads. The attribute
combinations follow how real shops stock clothes (jeans are denim, sweaters are knits,
dresses are women's), so search, try-on and the dialogue have something real to chew on.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2

from catalog.demo.art import GarmentSpec, render_garment
from catalog.schema import Measure, Product, SizeChartRow, Variant
from catalog.store import IMAGES_DIR, Catalog, write_catalog
from catalog.vocabulary import CATEGORIES, COLORS, SIZES, garment_type
from common.one_at_a_time import one_at_a_time
from common.packaged_models import cache_dir

DEMO_SEED = 7
DEMO_VERSION = 4
PER_CATEGORY = 48
IMAGE_SIZE = 768
VERSION_FILE = "demo_version"


@dataclass(frozen=True)
class CategoryProfile:
    noun: str
    genders: tuple[str, ...]
    materials: tuple[str, ...]
    patterns: tuple[str, ...]
    sleeves: tuple[str | None, ...]
    fits: tuple[str, ...]
    styles: tuple[str, ...]
    price: tuple[float, float]
    colors: tuple[str, ...] = COLORS


PROFILES: dict[str, CategoryProfile] = {
    "t-shirt": CategoryProfile("T-Shirt", ("men", "women", "unisex"), ("cotton", "cotton", "linen", "polyester"),
                               ("solid", "solid", "striped", "graphic"), ("short", "short", "sleeveless"),
                               ("slim", "regular", "relaxed", "oversized"), ("casual", "streetwear", "minimalist", "sporty"), (12, 45)),
    "shirt": CategoryProfile("Shirt", ("men", "women"), ("cotton", "cotton", "linen", "denim", "silk", "polyester"),
                             ("solid", "solid", "striped", "checked"), ("long", "long", "short"),
                             ("slim", "regular", "relaxed"), ("casual", "formal", "minimalist", "vintage"), (28, 95)),
    "blouse": CategoryProfile("Blouse", ("women",), ("silk", "cotton", "linen", "polyester"),
                              ("solid", "solid", "floral", "polka-dot", "striped"), ("long", "short", "sleeveless"),
                              ("slim", "regular", "relaxed"), ("elegant", "formal", "bohemian", "casual"), (30, 120)),
    "polo": CategoryProfile("Polo Shirt", ("men", "women", "unisex"), ("cotton", "cotton", "polyester"),
                            ("solid", "solid", "striped"), ("short", "short", "long"),
                            ("slim", "regular", "relaxed"), ("casual", "sporty", "minimalist"), (22, 70)),
    "sweater": CategoryProfile("Sweater", ("men", "women", "unisex"), ("wool", "cashmere", "cotton", "wool"),
                               ("solid", "solid", "striped", "checked"), ("long",),
                               ("slim", "regular", "relaxed", "oversized"), ("casual", "minimalist", "vintage", "elegant"), (35, 220)),
    "hoodie": CategoryProfile("Hoodie", ("men", "women", "unisex"), ("cotton", "fleece", "polyester"),
                              ("solid", "solid", "graphic"), ("long",),
                              ("regular", "relaxed", "oversized"), ("streetwear", "casual", "sporty"), (30, 90)),
    "cardigan": CategoryProfile("Cardigan", ("women", "men", "unisex"), ("wool", "cashmere", "cotton"),
                                ("solid", "solid", "striped"), ("long",),
                                ("slim", "regular", "relaxed", "oversized"), ("casual", "vintage", "minimalist", "elegant"), (35, 200)),
    "jacket": CategoryProfile("Jacket", ("men", "women", "unisex"), ("leather", "denim", "cotton", "polyester", "wool"),
                              ("solid", "solid", "checked"), ("long",),
                              ("slim", "regular", "relaxed", "oversized"), ("casual", "streetwear", "vintage", "sporty"), (55, 320)),
    "coat": CategoryProfile("Coat", ("men", "women"), ("wool", "cashmere", "polyester", "wool"),
                            ("solid", "solid", "checked"), ("long",),
                            ("slim", "regular", "relaxed", "oversized"), ("elegant", "formal", "minimalist", "casual"), (90, 480)),
    "blazer": CategoryProfile("Blazer", ("men", "women"), ("wool", "linen", "cotton", "polyester"),
                              ("solid", "solid", "checked", "striped"), ("long",),
                              ("slim", "regular", "relaxed"), ("formal", "elegant", "minimalist"), (70, 300)),
    "dress": CategoryProfile("Dress", ("women",), ("cotton", "linen", "silk", "polyester"),
                             ("solid", "floral", "polka-dot", "striped", "floral"), ("sleeveless", "short", "long"),
                             ("slim", "regular", "relaxed"), ("elegant", "casual", "bohemian", "formal", "vintage"), (35, 260)),
    "skirt": CategoryProfile("Skirt", ("women",), ("cotton", "wool", "leather", "denim", "polyester", "silk"),
                             ("solid", "solid", "checked", "floral", "polka-dot"), (None,),
                             ("slim", "regular", "relaxed"), ("casual", "elegant", "vintage", "formal", "bohemian"), (25, 150)),
    "trousers": CategoryProfile("Trousers", ("men", "women", "unisex"), ("cotton", "wool", "linen", "polyester"),
                                ("solid", "solid", "checked", "striped"), (None,),
                                ("slim", "regular", "relaxed"), ("formal", "casual", "minimalist", "elegant"), (35, 160)),
    "jeans": CategoryProfile("Jeans", ("men", "women", "unisex"), ("denim",), ("solid",), (None,),
                             ("slim", "regular", "relaxed"), ("casual", "streetwear", "vintage"), (40, 140),
                             colors=("blue", "blue", "navy", "black", "grey", "white", "beige", "olive", "brown",
                                     "red", "green", "pink", "burgundy", "teal", "purple", "yellow", "orange")),
    "shorts": CategoryProfile("Shorts", ("men", "women", "unisex"), ("cotton", "denim", "linen", "polyester"),
                              ("solid", "solid", "checked", "striped"), (None,),
                              ("slim", "regular", "relaxed"), ("casual", "sporty", "streetwear"), (18, 70)),
    "jumpsuit": CategoryProfile("Jumpsuit", ("women",), ("cotton", "linen", "polyester", "silk"),
                                ("solid", "solid", "floral", "striped"), ("sleeveless", "short", "long"),
                                ("regular", "relaxed", "slim"), ("casual", "elegant", "bohemian", "streetwear"), (45, 190)),
}

COLOR_WEIGHT = {"black": 4, "white": 4, "navy": 4, "grey": 3, "blue": 3, "beige": 3}
BRANDS = (
    "Harbor & Pine", "Northwind", "Lumen Studio", "Atelier Mora", "Kestrel", "Field Theory",
    "Saltmarsh", "Copper Lane", "Oda", "Wren & Wool", "Bluecrest", "Marlow Row",
)
MATERIAL_PRICE = {"cashmere": 1.9, "silk": 1.6, "leather": 2.0, "wool": 1.35, "linen": 1.15,
                  "denim": 1.05, "cotton": 1.0, "fleece": 0.95, "polyester": 0.8}
STYLE_OCCASIONS = {
    "casual": ("everyday", "travel", "date"), "formal": ("work", "wedding"), "sporty": ("sport", "everyday"),
    "elegant": ("wedding", "party", "date"), "streetwear": ("everyday", "party"), "vintage": ("everyday", "date"),
    "minimalist": ("work", "everyday", "travel"), "bohemian": ("beach", "travel", "wedding"),
}
MATERIAL_OCCASIONS = {"linen": ("beach", "travel", "wedding"), "fleece": ("sport", "travel"),
                      "silk": ("party", "wedding", "date")}
MATERIAL_PHRASES = {
    "cotton": "soft, breathable cotton that gets better with every wash",
    "linen": "airy linen with a natural slub that keeps you cool on hot days",
    "wool": "warm wool that breathes and keeps its shape",
    "denim": "sturdy denim with a soft hand and classic contrast stitching",
    "leather": "supple leather that wears in beautifully over the years",
    "silk": "fluid silk with a gentle sheen that drapes beautifully",
    "polyester": "easy-care polyester that resists creases and dries fast",
    "cashmere": "light, very soft cashmere that is warm without bulk",
    "fleece": "cosy brushed fleece that traps warmth",
}
FIT_PHRASES = {"slim": "a slim cut that sits close to the body", "regular": "a classic regular fit",
               "relaxed": "a relaxed, easy fit with room to move", "oversized": "an oversized, dropped-shoulder fit"}
PATTERN_WORDS = {"solid": "", "striped": "Striped", "checked": "Check", "floral": "Floral",
                 "polka-dot": "Polka-Dot", "graphic": "Graphic"}
OCCASION_PHRASES = {"everyday": "everyday wear", "work": "the office", "wedding": "weddings",
                    "party": "parties", "sport": "sport and the gym", "beach": "the beach and holidays",
                    "travel": "travel", "date": "a date night"}

# Body measurements (cm) per size for a regular fit: chest, waist, hip, height.
_WOMEN = {"XS": (78, 62, 86, 155), "S": (84, 68, 92, 160), "M": (90, 74, 98, 165),
          "L": (97, 81, 105, 170), "XL": (104, 89, 112, 174), "XXL": (112, 97, 120, 178)}
_MEN = {"XS": (84, 70, 86, 163), "S": (90, 76, 92, 170), "M": (97, 83, 98, 176),
        "L": (104, 91, 104, 181), "XL": (112, 99, 111, 186), "XXL": (120, 108, 118, 190)}


def size_chart(gender: str, garment: str) -> dict[str, SizeChartRow]:
    """The body measurements each size is cut for; tops list chest, bottoms waist and hip."""
    base = _WOMEN if gender == "women" else _MEN
    chart = {}
    for size, (chest, waist, hip, height) in base.items():
        def span(center: float, half: float = 3.0) -> Measure:
            return Measure(low=center - half, high=center + half)
        chart[size] = SizeChartRow(
            chest=span(chest) if garment in ("upper", "full") else None,
            waist=span(waist),
            hip=span(hip) if garment in ("lower", "full") else None,
            height=span(height, 5.0),
        )
    return chart


def generate_products(seed: int = DEMO_SEED, per_category: int = PER_CATEGORY) -> list[tuple[Product, dict[str, GarmentSpec]]]:
    """Products with the garment spec to draw for each of their colours."""
    rng = random.Random(seed)
    out = []
    number = 0
    for category in CATEGORIES:
        profile = PROFILES[category]
        for i in range(per_category):
            number += 1
            out.append(_product(rng, number, category, profile, i))
    return out


def _product(rng: random.Random, number: int, category: str, profile: CategoryProfile, turn: int) -> tuple[Product, dict[str, GarmentSpec]]:
    # The first pass over a category walks every colour so all sixteen appear; after that,
    # colours come as shops stock them, the neutrals far more often than orange or teal.
    if turn < len(profile.colors):
        primary = profile.colors[turn]
    else:
        primary = rng.choices(profile.colors, weights=[COLOR_WEIGHT.get(c, 1) for c in profile.colors])[0]
    colors = [primary]
    if rng.random() < 0.3:
        extra = [c for c in profile.colors if c != primary]
        colors += rng.sample(sorted(set(extra)), rng.choice((1, 2)))
    gender = rng.choice(profile.genders)
    material = rng.choice(profile.materials)
    pattern = rng.choice(profile.patterns)
    sleeve = rng.choice(profile.sleeves)
    fit = rng.choice(profile.fits)
    styles = rng.sample(profile.styles, rng.choice((1, 1, 2)))
    occasions = _occasions(rng, styles, material, category)
    brand = rng.choice(BRANDS)
    low, high = profile.price
    price = round(rng.uniform(low, high) * MATERIAL_PRICE[material]) - 0.01
    price = max(price, 9.99)
    accent = "white" if primary not in ("white", "beige", "yellow", "pink") else rng.choice(("navy", "black", "red", "green"))
    variants = []
    for color in colors:
        for size in SIZES:
            stock = 0 if rng.random() < 0.18 else rng.randint(1, 25)
            variants.append(Variant(color=color, size=size, stock=stock, sku=f"DM{number:04d}-{color[:3].upper()}-{size}"))
    product_id = f"DM-{number:04d}"
    images = {color: f"{IMAGES_DIR}/{product_id}-{color}.jpg" for color in colors}
    product = Product(
        id=product_id,
        title=_title(brand, gender, fit, colors, pattern, material, profile.noun, sleeve, category),
        description=_description(rng, category, fit, material, pattern, colors, sleeve, occasions),
        category=category, gender=gender, colors=tuple(colors), pattern=pattern, material=(material,),
        fit=fit, sleeve=sleeve, style=tuple(styles), occasion=tuple(occasions), brand=brand,
        price=price, currency="USD", variants=tuple(variants), size_chart=size_chart(gender, garment_type(category)),
        image=images[primary], color_images=images,
    )
    specs = {
        color: GarmentSpec(category=category, color=color, pattern=pattern, sleeve=sleeve,
                           material=material, accent=accent if color == primary else _accent_for(color),
                           seed=number)
        for color in colors
    }
    return product, specs


def _accent_for(color: str) -> str:
    return "navy" if color in ("white", "beige", "yellow", "pink") else "white"


def _occasions(rng: random.Random, styles: list[str], material: str, category: str) -> list[str]:
    pool: list[str] = []
    for style in styles:
        pool.extend(STYLE_OCCASIONS[style])
    pool.extend(MATERIAL_OCCASIONS.get(material, ()))
    if category in ("shorts", "t-shirt") or (category == "dress" and material in ("linen", "cotton")):
        pool.append("beach")
    if category == "blazer":
        pool.append("work")
    unique = sorted(set(pool))
    return rng.sample(unique, min(len(unique), rng.choice((1, 2, 3))))


def _title(brand: str, gender: str, fit: str, colors: list[str], pattern: str, material: str,
           noun: str, sleeve: str | None, category: str) -> str:
    who = {"men": "Men's", "women": "Women's", "unisex": "Unisex"}[gender]
    words = [brand, who]
    if fit in ("slim", "relaxed", "oversized"):
        words.append(fit.capitalize())
    if len(colors) == 1:
        words.append(colors[0].capitalize())
    if PATTERN_WORDS[pattern]:
        words.append(PATTERN_WORDS[pattern])
    if not (category == "jeans" and material == "denim"):
        words.append(material.capitalize())
    if sleeve == "short" and category in ("shirt", "blouse", "dress", "jumpsuit"):
        words.append("Short-Sleeve")
    if sleeve == "sleeveless" and category != "jumpsuit":
        words.append("Sleeveless")
    if sleeve == "long" and category in ("t-shirt", "polo"):
        words.append("Long-Sleeve")
    words.append("Tank Top" if category == "t-shirt" and sleeve == "sleeveless" else noun)
    return " ".join(words)


def _description(rng: random.Random, category: str, fit: str, material: str, pattern: str,
                 colors: list[str], sleeve: str | None, occasions: list[str]) -> str:
    noun = PROFILES[category].noun.lower()
    pattern_text = "" if pattern == "solid" else f"{PATTERN_WORDS[pattern].lower()} "
    colour_text = colors[0] if len(colors) == 1 else ", ".join(colors[:-1]) + f" or {colors[-1]}"
    sentences = [
        f"A {pattern_text}{noun} in {colour_text}, made from {MATERIAL_PHRASES[material]}.",
        f"It has {FIT_PHRASES[fit]}" + (f" and {sleeve} sleeves." if sleeve in ("short", "long") else "." if sleeve is None else ", sleeveless."),
        f"Made for {_and_list([OCCASION_PHRASES[o] for o in occasions])}.",
        rng.choice((
            "Machine wash cold, hang to dry.", "Gentle machine wash at 30°C.",
            "Dry clean recommended.", "Hand wash or dry clean.",
        )) if material not in ("leather",) else "Wipe clean; condition the leather twice a year.",
    ]
    return " ".join(sentences)


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _render_to(path: Path, spec: GarmentSpec) -> None:
    image = render_garment(spec, IMAGE_SIZE)
    if not cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 90]):
        raise OSError(f"could not write {path}")


def build_demo_catalog(
    out_dir: Path,
    seed: int = DEMO_SEED,
    per_category: int = PER_CATEGORY,
    progress: Callable[[int, int], None] | None = None,
) -> list[Product]:
    """Generate the demo products and draw every colour's photo into `out_dir`."""
    items = generate_products(seed, per_category)
    products = [product for product, _ in items]
    jobs = [(product.color_images[color], spec) for product, specs in items for color, spec in specs.items()]

    def write_images(staging: Path) -> None:
        workers = max(1, min(4, os.cpu_count() or 1))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_render_to, staging / relative, spec) for relative, spec in jobs]
            for done, future in enumerate(futures, start=1):
                future.result()
                if progress:
                    progress(done, len(futures))
        (staging / VERSION_FILE).write_text(f"{DEMO_VERSION}:{seed}:{per_category}")

    write_catalog(out_dir, products, write_images)
    return products


def demo_catalog_dir() -> Path:
    return cache_dir() / "catalogs" / "demo"


def open_demo_catalog(progress: Callable[[str, int, int], None] | None = None) -> Catalog:
    """The demo catalog, generated on first use and reused after (regenerated if the recipe changed)."""
    directory = demo_catalog_dir()
    marker = directory / VERSION_FILE
    expected = f"{DEMO_VERSION}:{DEMO_SEED}:{PER_CATEGORY}"
    with one_at_a_time(directory.with_name(directory.name + ".lock")):   # its index is built on first open too
        if not (marker.is_file() and marker.read_text() == expected):
            build_demo_catalog(directory,
                               progress=(lambda d, t: progress("drawing product photos", d, t)) if progress else None)
        return Catalog.open(directory, progress=progress)


def open_shop(directory: str | Path | None = None,
              progress: Callable[[str, int, int], None] | None = None) -> Catalog:
    """The shop a command is pointed at (a catalog directory), or the demo shop when it names none."""
    return Catalog.open(Path(directory), progress=progress) if directory else open_demo_catalog(progress)
