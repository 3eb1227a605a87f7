"""A garment cut out of its product photo: pixels, alpha, kind and keypoints, the one type the
cut-out (`cutting`), its measuring (`keypoints`) and the warp share."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

import cv2
import numpy as np

EDGE_BLEED = 2               # px (working res) of the cut-out's rim recoloured from inside the garment


@dataclass
class GarmentCutout:
    rgb: np.ndarray                 # working-resolution RGB of the product photo
    alpha: np.ndarray               # float32 0..1
    kind: str                       # "upper" | "full" | "lower"
    points: dict[str, np.ndarray] = field(default_factory=dict)   # name -> (x, y)
    widths: dict[str, float] = field(default_factory=dict)        # half widths (cuffs, legs)
    sleeve: np.ndarray | None = None  # bool mask of sleeve pixels (not torso)
    mask: np.ndarray | None = field(default=None, repr=False)  # bool silhouette (holes showing the backdrop kept)
    coat: bool = False              # listed as a coat: its hem may hang to the knees, lower than any other top's
    outer: bool = False             # outerwear (a jacket, cardigan, blazer, coat): worn over the shopper's own top
    legged: bool = True             # may have legs of its own (trousers, a jumpsuit); a skirt or dress has one hem
    # what the warp reads of the product shot alone, made once however many people it is tried on
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key: Any, make: Callable[[], Any]) -> Any:
        """`make()` the first time `key` is asked for, the same value after (callers must not write to it)."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    @cached_property
    def mean_rgb(self) -> tuple[float, float, float]:
        """The product colour: median of the silhouette's inside, its rim (mixed with the backdrop,
        recoloured by the bleed) left out. Only the benchmarks ask, so it is measured on demand."""
        inner = cv2.erode(self.mask.astype(np.uint8), np.ones((2 * EDGE_BLEED + 1,) * 2, np.uint8)).astype(bool)
        return tuple(float(v) for v in np.median(self.rgb[inner if inner.any() else self.mask], axis=0))
