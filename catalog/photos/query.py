"""What a shopper's photo of a garment shows, as a query: colours, pattern, kind, feature vector.

The kind of garment and its pattern are read by the shop's look heads (`catalog.photos.look_heads`)
from the photo's look. So the words always come from the shop's vocabulary, and a photo whose outline
looks like none of the shop's garments (a landscape, a cup of coffee) is told apart from a garment.

A photo that cannot be searched by says why (`problem`); the assistant turns that into a
question. Nothing here is worded for shoppers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from catalog.photos.bands import fabric_bands
from catalog.photos.colors import dominant_colours
from catalog.photos.features import (BLOCK_WEIGHTS, BLOCKS, HAND_DIM, GarmentCrop, crop_garment, keep_blocks, look_of,
                                     measured_blocks)
from catalog.photos.index import PhotoIndex, PhotoReading, photo_vectors
from catalog.photos.look import cut_out, look_inputs
from catalog.photos.light import in_neutral_light, light_gains
from catalog.photos.mask import GarmentMask, garment_mask, on_sweep, to_lab
from catalog.photos.regions import colour_regions
from catalog.schema import Product
from catalog.search import Filters

# "not_worn": a photo of someone in which the garment asked about cannot be cut out (the assistant finds that)
PhotoProblem = Literal["no_garment", "several", "too_small", "blurred", "not_worn"]

# A separated garment covering less of the frame than this, or running along more of its border,
# is not trusted as the garment (a white shirt on a white sweep, a room): the photo is then read
# by its look and the colours of the frame's centre alone.
MIN_COVERAGE = 0.03
MAX_BORDER_TOUCH = 0.5
# a print the pattern head is this sure of is a print even where its areas of colour read as sewn blocks (a portrait
# printed on a red tee: 0.99 graphic; sewn blocks, real or made from real solid shots, at most 0.83 graphic)
PRINT_SURE = 0.9
PRINTS = frozenset({"graphic", "floral"})
CENTRE_SHARE = 0.5            # the middle of the frame, as a share of each side, that an untrusted photo's colours come from
PIECES_JOINED = 1.5           # the sweep's garment is this much larger than the largest piece when it joins them
MIN_GARMENT_PX = 96           # the garment's long side in the shopper's pixels, below which details are lost
SHARPNESS_MIN = 1.6           # outline energy before / after a SHARPNESS_SIGMA blur; a blurred photo barely changes
SHARPNESS_SIGMA = 1.5
# Look cosine to the shop's nearest photo below which the photo shows nothing the shop sells (or no
# garment): real garment photos against the demo shop score 0.43 and up on the dev half, photos of
# a cup, a cat, a rocket, grass or a camera 0.41 and below.
LOOK_MATCH_MIN = 0.42
# A photo this close in look to one of the shop's photos shows that product (re-photographed demo
# products: 94% reach it and 99% of their nearest are the same kind); its kind is that product's.
SAME_PRODUCT_LOOK = 0.8
# An outline this close to a shop photo's is that shop's kind of garment: the nearest photos in
# outline and fabric vote (re-photographed shop garments match at 0.97 and above).
CATEGORY_SHAPE_MIN = 0.96
VOTE_MIN = 0.5                # share of those votes a kind needs to be named
VOTERS = 9                    # nearest product photos that vote on a close outline's kind
KIND_MIN_PROBABILITY = 0.3    # the kind head must be this sure before a kind is named (3 in 4 named right on dev)
COLOUR_BLOCKS = frozenset({"colour", "layout"})   # left out of a query when the shopper asks other colours
# how far below the best match (cosine) a product in the photo's main colour may be put first: a search's close
# calls differ by a few hundredths; the shop's own product photographed again stands 0.08 or more above the next
MAIN_COLOUR_MARGIN = 0.05


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


def describe_garment(picture: np.ndarray, photos: PhotoIndex, products: Sequence[Product],
                     worn: bool = False) -> GarmentPhoto:
    """Read an RGB photo with no person in it as a garment to search by, or say what is wrong with it. A `worn`
    garment, cut out of a photo of someone, has its pattern read by the look alone: what the cut keeps beside it
    (an open jacket's top, the trousers below) makes blocks no one sewed, and its ragged edge makes bands."""
    found = garment_mask(picture)
    trusted = found.pieces and found.coverage >= MIN_COVERAGE and found.border_touch <= MAX_BORDER_TOUCH
    crop = crop_garment(found) if trusted else None
    measured = measured_blocks(crop) if crop is not None else np.zeros(HAND_DIM, np.float32)
    garment = cut_out(found)
    vector = photo_vectors([PhotoReading(measured, look_inputs(found, garment))])[0]
    nearest_row, look_match = _closest(photos, vector, "look")
    if look_match < LOOK_MATCH_MIN:
        return GarmentPhoto(problem="no_garment")
    sweep = on_sweep(found) if crop is not None else None
    if crop is not None:
        if found.pieces > 1 and not _one_garment(found, sweep):
            return GarmentPhoto(problem="several")
        y0, y1, x0, x1 = found.box()
        if max(y1 - y0, x1 - x0) / found.scale < MIN_GARMENT_PX:
            return GarmentPhoto(problem="too_small")
        if sharpness(crop) < SHARPNESS_MIN:
            return GarmentPhoto(problem="blurred")
    whole = (sweep if sweep is not None else garment) if crop is not None else None
    return GarmentPhoto(
        colors=_colours(found, crop, sweep),
        pattern=_look_pattern(photos, vector) if worn else _pattern(picture, found, whole, photos, vector),
        category=_kind(photos, products, vector, (nearest_row, look_match)),
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


def main_colour_first(hits: Sequence[tuple[int, str, float]], products: Sequence[Product], seen: GarmentPhoto,
                      filters: Filters) -> list[tuple[int, str, float]]:
    """Nearest photos' (product row, colour, score), those within MAIN_COLOUR_MARGIN of the best that come in the
    garment's main colour first, each group in its own order: the look weighs a print as much as the cloth it is
    on, and a black tee with a white print came after white tees. A photo of one of the shop's own products stands
    far above the rest and stays first whatever colour is read. Where the shopper asked for colours ("like this but
    in blue"), those replace the main colour (`photo_query`) and what keeps the photo's likeness first is its
    pattern."""
    if not hits:
        return list(hits)
    near = hits[0][2] - MAIN_COLOUR_MARGIN
    if filters.color:
        unlike = (lambda product: product.pattern != seen.pattern) if seen.pattern else None
    else:
        unlike = (lambda product: seen.colors[0] not in product.colors) if seen.colors else None
    if unlike is None:
        return list(hits)
    # farther ones keep their order: a further page's larger pool ranks the first ones alike
    return sorted(hits, key=lambda hit: (hit[2] < near, hit[2] >= near and unlike(products[hit[0]])))


def _one_garment(found: GarmentMask, sweep: np.ndarray | None) -> bool:
    """Whether pieces that stand apart from the backdrop are one garment the sweep's model finds whole: the navy
    bands of a white Breton tee on a white sweep, which the backdrop's colours part."""
    return sweep is not None and not (found.mask & ~sweep).any() and sweep.sum() >= PIECES_JOINED * found.mask.sum()


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


def _closest(photos: PhotoIndex, vector: np.ndarray, block: str) -> tuple[int, float]:
    """The product row of the shop's photo nearest in one block, and that block's cosine to it."""
    hits = photos.nearest(keep_blocks(vector, frozenset({block})), None, 1)
    return (hits[0][0], hits[0][2] / BLOCK_WEIGHTS[block]) if hits else (-1, 0.0)


def _colours(found: GarmentMask, crop: GarmentCrop | None, sweep: np.ndarray | None) -> tuple[str, ...]:
    """The garment's colours, main first, in neutral light (`light`: read off the garment's surroundings, or the
    whole frame when the garment could not be cut out). They are read off the garment: on a plain sweep, the whole
    garment the sweep's model finds (`on_sweep`: a white tee is named white, not by its print); off the frame's
    centre when the garment could not be cut out."""
    if crop is None:
        centre = _centre(to_lab(in_neutral_light(found.rgb, light_gains(found.rgb))))
        lab, where = centre, np.ones(centre.shape[:2], bool)
    else:
        lab, where = _garment_pixels(found, crop, sweep, light_gains(found.rgb, found.mask))
    return tuple(name for name, _ in dominant_colours(lab, where))


def _garment_pixels(found: GarmentMask, crop: GarmentCrop, sweep: np.ndarray | None,
                    gains: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The garment in neutral light, as a Lab image and its pixels in it: off the sweep's model where it finds more of
    the garment."""
    inner = cv2.erode(sweep.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) if sweep is not None else None
    if inner is not None and inner.any():
        return to_lab(in_neutral_light(found.rgb, gains)), inner
    return to_lab(in_neutral_light(crop.rgb, gains)), crop.inner


def _pattern(picture: np.ndarray, found: GarmentMask, garment: np.ndarray | None, photos: PhotoIndex,
             vector: np.ndarray) -> str | None:
    """Stripes, checks and colour blocks as the garment's geometry shows them (fine bands in `bands`, bold ones and
    blocks in `regions`: the shop's photos teach them poorly or not at all); any other pattern as the shop's pattern
    head reads the look. `garment` is the whole garment (on a sweep, as its model finds it: a white tee's mask is
    otherwise its print alone), or None when it could not be cut out: fine bands are then read in the middle of the
    frame, and areas of colour never (the frame's own would be taken for the garment's)."""
    banded = fabric_bands(picture, garment if garment is not None else _centre_mask(found.mask.shape))
    if banded is not None:
        return banded
    areas = colour_regions(found.lab, garment) if garment is not None else None
    look, sure = _look_reading(photos, vector)
    if areas == "colour-block" and look in PRINTS and sure >= PRINT_SURE:
        return look   # a picture printed on the garment has large areas of colour too
    return areas or look


def _look_pattern(photos: PhotoIndex, vector: np.ndarray) -> str | None:
    return _look_reading(photos, vector)[0]


def _look_reading(photos: PhotoIndex, vector: np.ndarray) -> tuple[str | None, float]:
    """The shop's pattern head's reading of the look, and how sure it is."""
    return photos.patterns.read(look_of(vector)) if photos.patterns is not None else (None, 0.0)


def _centre(image: np.ndarray) -> np.ndarray:
    height, width = image.shape[:2]
    dy, dx = round(height * (1 - CENTRE_SHARE) / 2), round(width * (1 - CENTRE_SHARE) / 2)
    return image[dy:height - dy, dx:width - dx]


def _centre_mask(shape: tuple[int, ...]) -> np.ndarray:
    mask = np.zeros(shape[:2], bool)
    _centre(mask)[...] = True
    return mask


def _kind(photos: PhotoIndex, products: Sequence[Product], vector: np.ndarray,
          nearest_look: tuple[int, float]) -> str | None:
    """The kind the photo shows: the shop's own evidence where it is close (a photo of one of its
    products, an outline of one of its garments), else the kind head when it is sure enough."""
    row, look_match = nearest_look
    if look_match >= SAME_PRODUCT_LOOK:
        return products[row].category
    if _closest(photos, vector, "shape")[1] >= CATEGORY_SHAPE_MIN:
        hits = photos.nearest(keep_blocks(vector, frozenset({"shape", "texture"})), None, VOTERS)
        return _vote([products[hit].category for hit, _, _ in hits], VOTE_MIN)
    if photos.kinds is None:
        return None
    kind, probability = photos.kinds.read(look_of(vector))
    return kind if probability >= KIND_MIN_PROBABILITY else None


def _vote(values: Sequence[str | None], minimum: float = 0.0) -> str | None:
    """The most frequent value when it has at least `minimum` of the votes, nearest first on ties."""
    counted = [v for v in values if v]
    if not counted:
        return None
    best = max(dict.fromkeys(counted), key=counted.count)
    return best if counted.count(best) / len(values) >= minimum else None
