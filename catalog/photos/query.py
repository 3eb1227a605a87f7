"""What a shopper's photo of a garment shows, as a query: colours, pattern, kind, feature vector.

The kind of garment and its pattern are read off the shop's own photos: the photo's
silhouette and fabric are compared with every product photo's, and the nearest ones vote
with their products' categories (the fabric and colour layout likewise for the pattern). So the words always
come from the shop's vocabulary, and a photo whose outline looks like none of the shop's
garments (a landscape, a cup of coffee) is told apart from a garment.

A photo that cannot be searched by says why (`problem`); the assistant turns that into a
question. Nothing here is worded for shoppers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from catalog.photos.colors import dominant_colours
from catalog.photos.features import BLOCK_WEIGHTS, BLOCKS, GarmentCrop, crop_garment, garment_vector, keep_blocks
from catalog.photos.index import PhotoIndex
from catalog.photos.mask import garment_mask
from catalog.schema import Product
from catalog.search import Filters

PhotoProblem = Literal["no_garment", "several", "too_small", "blurred"]

MIN_COVERAGE = 0.03           # a garment covering less of the frame is too small to read (or a speck)
MAX_BORDER_TOUCH = 0.5        # "foreground" along more of the border than this: no backdrop, no garment
MIN_GARMENT_PX = 96           # the garment's long side in the shopper's pixels, below which details are lost
SHARPNESS_MIN = 1.6           # outline energy before / after a SHARPNESS_SIGMA blur; a blurred photo barely changes
SHARPNESS_SIGMA = 1.5
SHAPE_MATCH_MIN = 0.7         # silhouette cosine to the nearest product photo, below which it is no garment
VOTERS = 9                    # nearest product photos that vote on category and pattern
VOTE_MIN = 0.5                # share of the votes a category needs to be named
# The outline must match a shop photo this closely before its kind is named: re-photographed shop
# garments match at 0.97 and above, other shops' product shots mostly below, where the vote picks a
# wrong kind (trousers read as a jumpsuit); those are described by colour and pattern alone.
CATEGORY_SHAPE_MIN = 0.96
COLOUR_BLOCKS = frozenset({"colour", "layout"})   # left out of a query when the shopper asks other colours


@dataclass(frozen=True)
class GarmentPhoto:
    """What a garment photo showed; `problem` says why it cannot be searched by, when it cannot."""

    problem: PhotoProblem | None = None
    colors: tuple[str, ...] = ()
    pattern: str | None = None
    category: str | None = None
    vector: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def usable(self) -> bool:
        return self.problem is None and self.vector is not None


def describe_garment(picture: np.ndarray, photos: PhotoIndex, products: Sequence[Product]) -> GarmentPhoto:
    """Read an RGB photo with no person in it as a garment to search by, or say what is wrong with it."""
    found = garment_mask(picture)
    crop = crop_garment(found) if found.pieces and found.border_touch <= MAX_BORDER_TOUCH else None
    if crop is None:
        return GarmentPhoto(problem="no_garment")
    vector = garment_vector(crop)
    shape_hits = photos.nearest(keep_blocks(vector, frozenset({"shape"})), None, 1)
    shape_match = shape_hits[0][2] / BLOCK_WEIGHTS["shape"] if shape_hits else 0.0
    if shape_match < SHAPE_MATCH_MIN:
        return GarmentPhoto(problem="no_garment")
    if found.pieces > 1:
        return GarmentPhoto(problem="several")
    y0, y1, x0, x1 = found.box()
    if max(y1 - y0, x1 - x0) / found.scale < MIN_GARMENT_PX or found.coverage < MIN_COVERAGE:
        return GarmentPhoto(problem="too_small")
    if sharpness(crop) < SHARPNESS_MIN:
        return GarmentPhoto(problem="blurred")
    kind_hits = photos.nearest(keep_blocks(vector, frozenset({"shape", "texture"})), None, VOTERS)
    texture_hits = photos.nearest(keep_blocks(vector, frozenset({"texture", "layout"})), None, VOTERS)
    colours = tuple(name for name, _ in dominant_colours(crop.lab[crop.inner]))
    return GarmentPhoto(
        colors=colours,
        pattern=_vote([products[row].pattern for row, _, _ in texture_hits], 0.0),
        category=_vote([products[row].category for row, _, _ in kind_hits], VOTE_MIN)
        if shape_match >= CATEGORY_SHAPE_MIN else None,
        vector=vector,
    )


def photo_query(seen: GarmentPhoto, filters: Filters) -> np.ndarray:
    """The vector to rank by. Colours the shopper asked for ("like this but in blue") replace the
    photo's, so the photo's colours stop counting and its shape and fabric decide."""
    if seen.vector is None:
        raise ValueError("a garment photo with a problem cannot be searched by")
    if filters.color and not set(filters.color) & set(seen.colors):
        return keep_blocks(seen.vector, frozenset(b.name for b in BLOCKS) - COLOUR_BLOCKS)
    return seen.vector


def sharpness(crop: GarmentCrop) -> float:
    """How much a slight blur takes from the garment's outline: near 1 when the photo is blurred already.
    The outline is the one edge every garment photo has, whatever the fabric; the ratio is contrast-free."""
    grey = crop.lab[..., 0]
    ring = np.ones((5, 5), np.uint8)
    mask = crop.mask.astype(np.uint8)
    band = (cv2.dilate(mask, ring) > 0) & ~(cv2.erode(mask, ring) > 0)
    before = _edge_energy(grey, band)
    after = _edge_energy(cv2.GaussianBlur(grey, (0, 0), SHARPNESS_SIGMA), band)
    return before / after if after > 0 else 0.0


def _edge_energy(grey: np.ndarray, where: np.ndarray) -> float:
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1)
    return float((gx * gx + gy * gy)[where].sum())


def _vote(values: Sequence[str | None], minimum: float) -> str | None:
    """The most frequent value when it has at least `minimum` of the votes, nearest first on ties."""
    counted = [v for v in values if v]
    if not counted:
        return None
    best = max(dict.fromkeys(counted), key=counted.count)
    return best if counted.count(best) / len(values) >= minimum else None
