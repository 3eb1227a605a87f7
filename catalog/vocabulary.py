"""The canonical attribute vocabulary shared by the catalog, the assistant and try-on.

Every attribute value that crosses a module boundary is one of these lower-case
words (sizes are upper case). Catalogs may add values a slot lacks (shoes, bags,
"mustard"); the synonym tables map what shoppers and shops write onto the
canonical words, in English and Chinese.
"""

from __future__ import annotations

import re
import unicodedata

from catalog.synonyms import SYNONYMS
from common.garment_kinds import GARMENT_TYPES, GarmentType  # shared with tryon/, which never imports catalog

CATEGORIES: tuple[str, ...] = (
    "t-shirt", "shirt", "blouse", "polo", "sweater", "hoodie", "cardigan", "jacket",
    "coat", "blazer", "dress", "skirt", "trousers", "jeans", "shorts", "jumpsuit",
)
COLORS: tuple[str, ...] = (
    "black", "white", "grey", "navy", "blue", "red", "burgundy", "pink", "orange",
    "yellow", "green", "olive", "beige", "brown", "purple", "teal",
)
SIZES: tuple[str, ...] = ("XS", "S", "M", "L", "XL", "XXL")
FITS: tuple[str, ...] = ("slim", "regular", "relaxed", "oversized")
MATERIALS: tuple[str, ...] = (
    "cotton", "linen", "wool", "denim", "leather", "silk", "polyester", "cashmere", "fleece",
)
PATTERNS: tuple[str, ...] = ("solid", "striped", "checked", "floral", "polka-dot", "graphic", "colour-block")
SLEEVES: tuple[str, ...] = ("short", "long", "sleeveless")
STYLES: tuple[str, ...] = (
    "casual", "formal", "sporty", "elegant", "streetwear", "vintage", "minimalist", "bohemian",
)
OCCASIONS: tuple[str, ...] = (
    "everyday", "work", "wedding", "party", "sport", "beach", "travel", "date",
)
GENDERS: tuple[str, ...] = ("men", "women", "unisex")
# Children's audiences and the gender each is filed under: "for boys" asks for boys' clothes, never men's.
CHILD_AUDIENCES: dict[str, str] = {"boys": "men", "girls": "women", "kids": "unisex"}
AUDIENCES: tuple[str, ...] = (*GENDERS, *CHILD_AUDIENCES)
# Who else a request for an audience is served by: unisex clothes fit men and women; kids' clothes fit boys and girls.
AUDIENCE_ALSO: dict[str, tuple[str, ...]] = {
    "men": ("unisex",), "women": ("unisex",), "boys": ("kids",), "girls": ("kids",), "kids": ("boys", "girls"),
}

# Broad words: the categories each covers, and the one that stands in (for try-on and size
# charts) for a garment known only to belong to the group, such as a shop's "Tops" or "Kurtas".
CATEGORY_GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "tops": (tuple(c for c, kind in GARMENT_TYPES.items() if kind == "upper"), "t-shirt"),
    "bottoms": (("trousers", "jeans", "shorts", "skirt"), "trousers"),
    "outerwear": (("jacket", "coat", "blazer"), "jacket"),
}
# Garments a shopper calls by one another's names: "the green shirt" of a list of T-shirts, "those trousers" of jeans,
# "the black jacket" of blazers. A skirt is never jeans, nor a sweater a shirt.
CALLED_ALIKE: tuple[frozenset[str], ...] = (
    frozenset({"t-shirt", "shirt", "blouse", "polo"}),
    frozenset({"trousers", "jeans"}),
    frozenset({"jacket", "coat", "blazer"}),
    frozenset({"sweater", "hoodie", "cardigan"}),
)
# Fine types: kinds of garment a shop may sell under their own name, each related to the
# canonical category (or broad group) that try-on and broad queries use, with the other
# words (English and Chinese) that name the same kind. Plurals are found by `inflections`.
FINE_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sweatshirt": ("sweater", ("crewneck sweatshirt",)),
    "turtleneck": ("sweater", ("roll neck", "高领毛衣")),
    "tank top": ("t-shirt", ("背心",)),
    "henley": ("t-shirt", ()),
    "crop top": ("t-shirt", ()),
    "overshirt": ("shirt", ()),
    "bomber": ("jacket", ("bomber jacket",)),
    "windbreaker": ("jacket", ("windcheater",)),
    "puffer": ("jacket", ("puffer jacket",)),
    "anorak": ("jacket", ()),
    "parka": ("coat", ()),
    "trench coat": ("coat", ("trench",)),
    "overcoat": ("coat", ()),
    "raincoat": ("coat", ()),
    "sundress": ("dress", ()),
    "gown": ("dress", ()),
    "track pants": ("trousers", ("trackpants", "运动裤")),
    "joggers": ("trousers", ("jogger pants", "jogging pants")),
    "sweatpants": ("trousers", ("卫裤",)),
    "leggings": ("trousers", ("打底裤",)),
    "chinos": ("trousers", ()),
    "cargo pants": ("trousers", ("cargo trousers", "工装裤")),
    "culottes": ("trousers", ()),
    "jeggings": ("jeans", ()),
    "bermudas": ("shorts", ("bermuda shorts",)),
    "skort": ("skirt", ()),
    "romper": ("jumpsuit", ("playsuit",)),
    "dungarees": ("jumpsuit", ("overalls",)),
}

# Attribute slots: name -> (canonical values, whether a product/request may hold several).
SLOT_VALUES: dict[str, tuple[str, ...]] = {
    "category": (*CATEGORIES, *CATEGORY_GROUPS),
    "color": COLORS,
    "size": SIZES,
    "fit": FITS,
    "material": MATERIALS,
    "pattern": PATTERNS,
    "sleeve": SLEEVES,
    "style": STYLES,
    "occasion": OCCASIONS,
    "gender": AUDIENCES,
}
LIST_SLOTS: frozenset[str] = frozenset({"color", "material", "pattern", "style", "occasion", "brand"})

# sRGB of each colour as a product photo shows it; used to draw demo garments and to
# judge colour fidelity of try-on renders.
COLOR_RGB: dict[str, tuple[int, int, int]] = {
    "black": (28, 28, 30),
    "white": (242, 242, 238),
    "grey": (138, 140, 142),
    "navy": (30, 42, 84),
    "blue": (52, 104, 196),
    "red": (192, 32, 40),
    "burgundy": (118, 26, 48),
    "pink": (236, 150, 178),
    "orange": (236, 124, 36),
    "yellow": (240, 204, 56),
    "green": (40, 140, 72),
    "olive": (110, 112, 52),
    "beige": (214, 194, 158),
    "brown": (110, 72, 44),
    "purple": (112, 60, 150),
    "teal": (24, 128, 128),
}

_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Lower-case, NFKC-fold (full-width digits and letters) and collapse white space."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", folded.replace("_", " ")).strip()


def canonical_value(slot: str, raw: str) -> str | None:
    """Map a shop's or shopper's word onto the canonical value of `slot`, or None."""
    key = normalize_text(raw)
    if not key:
        return None
    if slot == "size":
        return SIZES[SIZES.index(key.upper())] if key.upper() in SIZES else SYNONYMS["size"].get(key)
    values = SLOT_VALUES.get(slot, ())
    if key in values:
        return key
    return SYNONYMS.get(slot, {}).get(key)


def inflections(word: str) -> set[str]:
    """A word and its obvious singular/plural, so "shoe" finds "shoes" and "parkas" a "parka"."""
    forms = {word}
    if _CJK.search(word):
        return forms
    if word.endswith("es") and len(word) > 4:
        forms.add(word[:-2])
    if word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    else:
        forms.add(word + "s")
    return forms


def fine_type(word: str) -> str | None:
    """The fine type a shop's or shopper's word names ("Track Pants", "parkas", "运动裤"), or None."""
    key = normalize_text(word)
    return next((_FINE_TYPE_WORDS[form] for form in sorted(inflections(key), key=len, reverse=True)
                 if form in _FINE_TYPE_WORDS), None)


def stand_in(value: str) -> str:
    """The canonical category for a category value: itself, a fine type's relation, a group's stand-in."""
    value = FINE_TYPES[value][0] if value in FINE_TYPES else value
    return CATEGORY_GROUPS[value][1] if value in CATEGORY_GROUPS else value


def garment_type(category: str) -> GarmentType:
    """Which body region a category (or fine type, or broad word) covers; shop-only categories are not try-on-able."""
    return GARMENT_TYPES.get(stand_in(category), "none")


_CJK = re.compile(r"[\u3400-\u9fff]")
_FINE_TYPE_WORDS: dict[str, str] = {
    normalize_text(term): name for name, (_, words) in FINE_TYPES.items() for term in (name, *words)
}
