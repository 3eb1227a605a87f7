"""What a garment's areas of colour make: sewn colour blocks, or bold stripes.

The garment's pixels are named by colour (`colors.colour_map`) and each colour covering a good share of it is cut
into its pieces. Bold stripes are many long, thin pieces of one colour lying the same way (a Breton tee's navy
bands: the white between them is one piece); their bands are too broad for the spectrum of a patch
(`bands`). Colour blocks are a few large pieces of clearly different colours meeting at sharp seams. Told apart
by the same geometry from what else has several colours: a print (colours in small scattered pieces) and light
across a plain garment (its lit and shaded sides are named apart sometimes, but they meet gradually, where sewn
blocks meet at a seam).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from catalog.photos.colors import MIN_SHARE, colour_map

Regions = Literal["striped", "colour-block"]

MIN_BLOCKS = 2
BLOCK_SHARE = 0.03            # of the garment: a colour's pieces smaller than this are print, trim or shadow
MAX_PIECES = 3                # per colour: a block and two sleeves
IN_PIECES = 0.6               # share of a block colour's pixels that lie in its large pieces (shade and trim take some)
MIN_APART = 40.0              # Lab distance between two blocks' colours (light and shade of one colour: 35 and less)
# across a seam the colour changes within a couple of pixels: along the pixels where two blocks touch, the median
# change per pixel is at least this share of the two blocks' difference (light across a plain garment spreads it
# over tens of pixels)
SEAM_STEEPNESS = 0.2
BAND_SHARE = 0.01             # of the garment: the smallest piece that counts as a band
BAND_ELONGATION = 3.0         # a band's length over its width
MIN_BANDS = 5
BANDS_ALIGNED = 0.8           # share of a colour's bands within BAND_TURN_DEG of their mean direction
BAND_TURN_DEG = 20.0
IN_BANDS = 0.5                # share of the colour's pixels its bands hold
SPECKLE = np.ones((3, 3), np.uint8)
SEAM = np.ones((3, 3), np.uint8)   # the pixels where two blocks touch: one on each side of the step
RIM = np.ones((5, 5), np.uint8)


@dataclass(frozen=True)
class ColourPieces:
    """One colour of a garment: its pixels, and its pieces (speckle removed) labelled with their areas."""

    pixels: np.ndarray
    labels: np.ndarray
    areas: np.ndarray          # per label; label 0 is not the colour

    def pieces(self, min_area: float) -> list[int]:
        return [label for label in range(1, len(self.areas)) if self.areas[label] >= min_area]


def colour_regions(lab: np.ndarray, garment: np.ndarray) -> Regions | None:
    """Bold stripes or colour blocks on a garment (a bool mask over a Lab image at working size), or None."""
    garment = cv2.erode(garment.astype(np.uint8), RIM).astype(bool)   # its outline is part backdrop
    area = int(garment.sum())
    if area == 0:
        return None
    colours = _colours(lab, garment, area)
    if any(_banded(colour, area) for colour in colours):
        return "striped"
    blocks = [block for colour in colours if (block := _block(colour, area)) is not None]
    if len(blocks) >= MIN_BLOCKS:
        steepness = _steepness(lab)
        if any(_sewn(lab, steepness, garment, first, second)
               for i, first in enumerate(blocks) for second in blocks[i + 1:]):
            return "colour-block"
    return None


def _colours(lab: np.ndarray, garment: np.ndarray, area: int) -> list[ColourPieces]:
    """The colours covering at least MIN_SHARE of the garment, cut into pieces."""
    names, named = colour_map(lab[garment])
    words = np.full(garment.shape, -1)
    words[garment] = named
    out = []
    for index in range(len(names)):
        pixels = words == index
        if pixels.sum() < MIN_SHARE * area:
            continue
        opened = cv2.morphologyEx(pixels.astype(np.uint8), cv2.MORPH_OPEN, SPECKLE)
        _, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
        out.append(ColourPieces(pixels, labels, stats[:, cv2.CC_STAT_AREA]))
    return out


def _banded(colour: ColourPieces, area: int) -> bool:
    """Whether the colour lies in MIN_BANDS or more long thin pieces, nearly all the same way."""
    directions, banded = [], 0
    for label in colour.pieces(BAND_SHARE * area):
        ys, xs = np.nonzero(colour.labels == label)
        _, (width, height), turn = cv2.minAreaRect(np.column_stack([xs, ys]).astype(np.float32))
        if min(width, height) >= 1 and max(width, height) / min(width, height) >= BAND_ELONGATION:
            directions.append((turn if width >= height else turn + 90.0) % 180.0)
            banded += int(colour.areas[label])
    if len(directions) < MIN_BANDS or banded < IN_BANDS * colour.pixels.sum():
        return False
    doubled = np.radians(np.asarray(directions) * 2.0)   # directions repeat every 180 degrees
    mean = np.degrees(np.arctan2(np.sin(doubled).mean(), np.cos(doubled).mean())) / 2.0
    apart = np.abs((np.asarray(directions) - mean + 90.0) % 180.0 - 90.0)
    return float(np.mean(apart <= BAND_TURN_DEG)) >= BANDS_ALIGNED


def _block(colour: ColourPieces, area: int) -> np.ndarray | None:
    """The colour's large pieces, when it lies in at most MAX_PIECES of them."""
    large = colour.pieces(BLOCK_SHARE * area)
    if not large or len(large) > MAX_PIECES:
        return None
    pieces = np.isin(colour.labels, large)
    return pieces if pieces.sum() >= IN_PIECES * colour.pixels.sum() else None


def _steepness(lab: np.ndarray) -> np.ndarray:
    """How fast the colour changes at each pixel, in Lab units per pixel."""
    change = np.zeros(lab.shape[:2], np.float32)
    for channel in range(3):
        gx = cv2.Sobel(lab[..., channel], cv2.CV_32F, 1, 0) / 8
        gy = cv2.Sobel(lab[..., channel], cv2.CV_32F, 0, 1) / 8
        change += gx * gx + gy * gy
    return np.sqrt(change)


def _sewn(lab: np.ndarray, steepness: np.ndarray, garment: np.ndarray, first: np.ndarray, second: np.ndarray) -> bool:
    """Two blocks clearly apart in colour that meet, on the garment, at a seam where the colour steps."""
    apart = float(np.linalg.norm(np.median(lab[first], axis=0) - np.median(lab[second], axis=0)))
    seam = (cv2.dilate(first.astype(np.uint8), SEAM) > 0) & (cv2.dilate(second.astype(np.uint8), SEAM) > 0) & garment
    if apart < MIN_APART or not seam.any():
        return False
    return float(np.median(steepness[seam])) >= SEAM_STEEPNESS * apart
