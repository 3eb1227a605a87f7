"""Which body region each canonical category covers, and the layer it is worn in: the tables the catalog, the
assistant and try-on share.

It lives outside both packages so that `catalog/` and `tryon/` stay siblings that never
import each other; "none" means the category cannot be tried on.
"""

from __future__ import annotations

from typing import Literal

GarmentType = Literal["upper", "lower", "full", "none"]

GARMENT_TYPES: dict[str, GarmentType] = {
    "t-shirt": "upper", "shirt": "upper", "blouse": "upper", "polo": "upper",
    "sweater": "upper", "hoodie": "upper", "cardigan": "upper", "jacket": "upper",
    "coat": "upper", "blazer": "upper",
    "dress": "full", "jumpsuit": "full",
    "skirt": "lower", "trousers": "lower", "jeans": "lower", "shorts": "lower",
}

# Categories with a leg of their own per leg. Read off a product shot, a flared skirt's hem dipping at a fold
# showed two lobes on its last row and was drawn as a pair of trousers: a skirt or dress has one hem.
LEGGED = frozenset({"trousers", "jeans", "shorts", "jumpsuit"})

# How an outfit is put on, first to last: bottoms, a dress or jumpsuit, tops, then outerwear over them.
OUTERWEAR = frozenset({"cardigan", "jacket", "coat", "blazer"})
LAYER_ORDER = ("lower", "full", "upper", "outer")


def layer_of(category: str) -> str | None:
    """The layer a category is worn in (`LAYER_ORDER`), None for what cannot be tried on."""
    name = (category or "").strip().lower()
    kind = GARMENT_TYPES.get(name, "none")
    if kind == "none":
        return None
    return "outer" if name in OUTERWEAR else kind


def put_on_order(categories: list[str] | tuple[str, ...]) -> list[int]:
    """The garments' indices in the order they are put on (`LAYER_ORDER`); a category that cannot be tried on
    comes first, to be refused before anything is drawn."""
    def rank(i: int) -> int:
        layer = layer_of(categories[i])
        return -1 if layer is None else LAYER_ORDER.index(layer)
    return sorted(range(len(categories)), key=rank)


def worn_together(categories: list[str] | tuple[str, ...]) -> bool:
    """Whether these garments make one outfit: each in its own layer, and a dress with nothing but outerwear
    (two tops are tried one by one, a dress replaces both top and bottoms)."""
    layers = [layer_of(c) for c in categories]
    if len(layers) < 2 or None in layers or len(set(layers)) != len(layers):
        return False
    return "full" not in layers or set(layers) <= {"full", "outer"}
