"""A realistic stand-in for the 44k-row fashion `styles` CSV, generated deterministically.

The real file cannot ship with the project, but build speed depends on its shape: the
mix of article types, short display names ("Turtle Check Men Navy Blue Shirt") and no
description column. Frequencies follow the public dataset's rough proportions.

    .venv/bin/python -m bench.styles_catalog OUT.csv [--rows 44446] [--seed 13]
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

STYLES_ROWS = 44_446
SEED = 13
HEADER = ("id", "gender", "masterCategory", "subCategory", "articleType", "baseColour",
          "season", "year", "usage", "productDisplayName")
FIRST_ID = 1_163
ID_SPAN = 60_000
UNTITLED_SHARE = 0.0002
DESCRIPTOR_SHARE = 0.6


@dataclass(frozen=True)
class Article:
    """One articleType: where it sits in the hierarchy, how titles name it, who wears it."""

    master: str
    sub: str
    article: str
    noun: str
    weight: int
    genders: tuple[str, ...]


ADULTS = ("Men", "Women")
EVERYONE = ("Men", "Women", "Boys", "Girls", "Unisex")
WOMEN = ("Women", "Girls")
MEN = ("Men", "Boys")

ARTICLES = (
    Article("Apparel", "Topwear", "Tshirts", "T-shirt", 7067, EVERYONE),
    Article("Apparel", "Topwear", "Shirts", "Shirt", 3217, ("Men", "Women", "Boys")),
    Article("Apparel", "Topwear", "Kurtas", "Kurta", 1844, ADULTS),
    Article("Apparel", "Topwear", "Tops", "Top", 1762, WOMEN),
    Article("Apparel", "Topwear", "Sweatshirts", "Sweatshirt", 285, EVERYONE),
    Article("Apparel", "Topwear", "Sweaters", "Sweater", 277, EVERYONE),
    Article("Apparel", "Topwear", "Jackets", "Jacket", 258, EVERYONE),
    Article("Apparel", "Topwear", "Kurtis", "Kurti", 234, WOMEN),
    Article("Apparel", "Topwear", "Tunics", "Tunic", 229, WOMEN),
    Article("Apparel", "Topwear", "Blazers", "Blazer", 8, ADULTS),
    Article("Apparel", "Topwear", "Waistcoat", "Waistcoat", 15, MEN),
    Article("Apparel", "Bottomwear", "Jeans", "Jeans", 609, ADULTS),
    Article("Apparel", "Bottomwear", "Shorts", "Shorts", 547, EVERYONE),
    Article("Apparel", "Bottomwear", "Trousers", "Trousers", 530, ADULTS),
    Article("Apparel", "Bottomwear", "Track Pants", "Track Pants", 304, EVERYONE),
    Article("Apparel", "Bottomwear", "Leggings", "Leggings", 177, WOMEN),
    Article("Apparel", "Bottomwear", "Capris", "Capris", 175, WOMEN),
    Article("Apparel", "Bottomwear", "Skirts", "Skirt", 128, WOMEN),
    Article("Apparel", "Dress", "Dresses", "Dress", 464, WOMEN),
    Article("Apparel", "Saree", "Sarees", "Saree", 427, ("Women",)),
    Article("Apparel", "Innerwear", "Briefs", "Briefs", 849, ADULTS),
    Article("Apparel", "Innerwear", "Bra", "Bra", 477, ("Women",)),
    Article("Apparel", "Innerwear", "Innerwear Vests", "Innerwear Vest", 242, MEN),
    Article("Apparel", "Innerwear", "Trunk", "Trunk", 140, MEN),
    Article("Apparel", "Loungewear and Nightwear", "Nightdress", "Nightdress", 189, ("Women",)),
    Article("Apparel", "Loungewear and Nightwear", "Night suits", "Night Suit", 141, EVERYONE),
    Article("Apparel", "Loungewear and Nightwear", "Lounge Pants", "Lounge Pants", 61, ADULTS),
    Article("Apparel", "Apparel Set", "Kurta Sets", "Kurta Set", 51, ("Women", "Girls")),
    Article("Apparel", "Socks", "Socks", "Socks", 686, EVERYONE),
    Article("Footwear", "Shoes", "Casual Shoes", "Casual Shoes", 2845, EVERYONE),
    Article("Footwear", "Shoes", "Sports Shoes", "Sports Shoes", 2036, EVERYONE),
    Article("Footwear", "Shoes", "Heels", "Heels", 1323, ("Women",)),
    Article("Footwear", "Shoes", "Formal Shoes", "Formal Shoes", 637, ("Men",)),
    Article("Footwear", "Shoes", "Flats", "Flats", 500, ("Women", "Girls")),
    Article("Footwear", "Flip Flops", "Flip Flops", "Flip Flops", 916, EVERYONE),
    Article("Footwear", "Sandal", "Sandals", "Sandals", 897, EVERYONE),
    Article("Footwear", "Sandal", "Sports Sandals", "Sports Sandals", 87, ADULTS),
    Article("Accessories", "Watches", "Watches", "Watch", 2542, ("Men", "Women", "Unisex")),
    Article("Accessories", "Bags", "Handbags", "Handbag", 1759, ("Women",)),
    Article("Accessories", "Bags", "Backpacks", "Backpack", 724, ("Men", "Women", "Unisex")),
    Article("Accessories", "Bags", "Clutches", "Clutch", 290, ("Women",)),
    Article("Accessories", "Eyewear", "Sunglasses", "Sunglasses", 1073, ("Men", "Women", "Unisex")),
    Article("Accessories", "Wallets", "Wallets", "Wallet", 936, ADULTS),
    Article("Accessories", "Belts", "Belts", "Belt", 813, ADULTS),
    Article("Accessories", "Headwear", "Caps", "Cap", 283, ("Men", "Unisex")),
    Article("Accessories", "Ties", "Ties", "Tie", 263, ("Men",)),
    Article("Accessories", "Scarves", "Scarves", "Scarf", 118, ADULTS),
    Article("Accessories", "Jewellery", "Earrings", "Earrings", 416, ("Women",)),
    Article("Accessories", "Jewellery", "Necklace and Chains", "Necklace", 160, ("Women",)),
)

BRANDS = (
    "Nike", "Puma", "Adidas", "Reebok", "Turtle Check", "Peter England", "Wrangler", "Levis", "Lee",
    "United Colors of Benetton", "Jealous 21", "Fabindia", "Inkfruit", "Titan", "Fossil", "Skagen",
    "Fastrack", "Baggit", "Lino Perros", "Catwalk", "Carlton London", "Red Tape", "Woodland", "Lotto",
    "Arrow", "Allen Solly", "Van Heusen", "Jockey", "Playboy", "Tantra", "Mr.Men", "Doodle", "Gini and Jony",
    "Manchester United", "Kook N Keech", "ADIDAS", "Spykar", "Proline", "Flying Machine", "Locomotive",
    "Scullers", "Basics", "Wildcraft", "Ray-Ban", "Police", "Enroute", "Hidesign", "W", "Biba", "Avirate",
)
DESCRIPTORS = (
    "Solid", "Striped", "Checked", "Printed", "Graphic", "Slim Fit", "Regular Fit", "Casual", "Party",
    "Chain Reaction", "Sporty", "Classic", "Essential", "Polo", "Round Neck", "V-Neck", "Hooded",
    "Pack of 3", "Leather", "Denim", "Washed", "Embroidered", "Floral", "Logo", "Training", "Running",
)
COLOURS = (
    ("Black", 9728), ("White", 5538), ("Blue", 4923), ("Brown", 3494), ("Grey", 2741), ("Red", 2455),
    ("Green", 2116), ("Pink", 1862), ("Navy Blue", 1789), ("Purple", 1640), ("Silver", 1090),
    ("Yellow", 781), ("Beige", 749), ("Gold", 628), ("Maroon", 584), ("Orange", 546), ("Olive", 410),
    ("Multi", 394), ("Cream", 387), ("Steel", 315), ("Charcoal", 228), ("Peach", 185), ("Off White", 181),
    ("Skin", 170), ("Lavender", 164), ("Grey Melange", 146), ("Khaki", 139), ("Magenta", 131),
    ("Teal", 110), ("Tan", 101), ("Mustard", 100), ("Turquoise Blue", 69), ("Rust", 57), ("Coffee Brown", 46),
)
GENDER_WORDS = {"Men": ("Men", "Men", "Mens"), "Women": ("Women", "Women", "Womens"),
                "Boys": ("Boys",), "Girls": ("Girls",), "Unisex": ("Unisex",)}
SEASONS = (("Summer", 21), ("Fall", 11), ("Winter", 8), ("Spring", 3))
YEARS = tuple(range(2007, 2019))
YEAR_WEIGHTS = (1, 3, 5, 9, 30, 33, 8, 3, 2, 3, 2, 1)
USAGES = (("Casual", 34406), ("Sports", 4025), ("Ethnic", 3208), ("Formal", 2359), ("NA", 317),
          ("Smart Casual", 67), ("Party", 29), ("Travel", 26))


def styles_rows(count: int = STYLES_ROWS, seed: int = SEED) -> list[dict[str, str]]:
    """`count` rows in the styles layout; the same seed always gives the same rows."""
    rng = random.Random(seed)
    ids = rng.sample(range(FIRST_ID, FIRST_ID + ID_SPAN), count)
    articles = rng.choices(ARTICLES, weights=[a.weight for a in ARTICLES], k=count)
    colour_names, colour_weights = zip(*COLOURS)
    season_names, season_weights = zip(*SEASONS)
    usage_names, usage_weights = zip(*USAGES)
    rows = []
    for product_id, article in zip(ids, articles):
        gender = rng.choice(article.genders)
        colour = rng.choices(colour_names, weights=colour_weights)[0]
        rows.append({
            "id": str(product_id),
            "gender": gender,
            "masterCategory": article.master,
            "subCategory": article.sub,
            "articleType": article.article,
            "baseColour": colour,
            "season": rng.choices(season_names, weights=season_weights)[0],
            "year": str(rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]),
            "usage": rng.choices(usage_names, weights=usage_weights)[0],
            "productDisplayName": "" if rng.random() < UNTITLED_SHARE else _title(rng, article, gender, colour),
        })
    return rows


def _title(rng: random.Random, article: Article, gender: str, colour: str) -> str:
    """Brand, an optional descriptor, who it is for, the colour and the type, as shops write them."""
    words = [rng.choice(BRANDS), rng.choice(GENDER_WORDS[gender])]
    if rng.random() < DESCRIPTOR_SHARE:
        words.append(rng.choice(DESCRIPTORS))
    words += [colour, article.noun]
    return " ".join(words)


def write_styles_csv(path: Path, count: int = STYLES_ROWS, seed: int = SEED) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(styles_rows(count, seed))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=STYLES_ROWS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write_styles_csv(args.out, args.rows, args.seed)
    print(f"{args.rows} styles rows written to {args.out}")


if __name__ == "__main__":
    main()
