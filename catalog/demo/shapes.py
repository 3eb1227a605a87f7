"""Front-view construction drawings of garments: the one table of builders, by category.

The builders live by garment family (`tops`, `bottoms`), drawn from the shared vocabulary in
`geometry` and `top_parts`.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from catalog.demo import bottoms, tops
from catalog.demo.geometry import Drawing

BUILDERS: dict[str, Callable[[Drawing, str, np.random.Generator, int], None]] = {**tops.BUILDERS, **bottoms.BUILDERS}

DEFAULT_SLEEVE: dict[str, str] = {
    "t-shirt": "short", "shirt": "long", "blouse": "long", "polo": "short", "sweater": "long",
    "hoodie": "long", "cardigan": "long", "jacket": "long", "coat": "long", "blazer": "long",
    "dress": "sleeveless", "jumpsuit": "sleeveless",
}


def drawing(category: str, sleeve: str | None, rng: np.random.Generator, variant: int) -> Drawing:
    """The fitted construction drawing of one garment (sleeve ignored for bottoms)."""
    d = Drawing()
    BUILDERS[category](d, sleeve or DEFAULT_SLEEVE.get(category, "short"), rng, variant)
    return d.fitted()
