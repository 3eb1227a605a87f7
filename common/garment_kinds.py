"""Which body region each canonical category covers: the one table the catalog and try-on share.

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
