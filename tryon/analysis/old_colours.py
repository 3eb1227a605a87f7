"""The colours of the clothes a photo shows under a new top: the old top's, sampled across the chest
where the new top covers it, and the lower garment's, on the thighs below it.

Where old cloth of a skin-like hue (a pink or beige shirt's shaded side) passes the skin test, its
hue still tells it from the shopper's skin when the old top's hue and the skin's are apart.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import cv2
import numpy as np

from tryon.shared.medians import masked_median
from tryon.analysis.person import L_HIP, L_SHOULDER, R_HIP, R_SHOULDER, PersonAnalysis
from tryon.shared.pixels import under
from tryon.analysis.skin import lab_distance, lab_distances, skin_tone
from tryon.shared.components import components

CHEST_BAND = (0.35, 0.75)  # share of shoulders-to-hips where the old top's own colour is sampled
THIGH_BAND = (0.4, 0.9)    # share of shoulder width below the hips where the lower garment is sampled
MIN_COLOUR_SAMPLE_PX = 40      # px a colour sample needs to be trusted
PALETTE = 4                    # colours a lower garment's palette is read as (a print's, a weave's light and shade)
PALETTE_SHARE = 0.15           # share of its cloth a palette colour covers (less: a hand's shade, the room between)
OLD_NEAR = 18.0      # Lab distance under which a pixel is taken for an old garment's colour
# a palette colour's pixels spread (Lab standard deviation, L* a* b*) at least this much: JPEG noise, and the
# light of a waist not lit as the thighs are
SPREAD_FLOOR = np.float32([6.0, 2.0, 2.0])
LIKE_LOWER_SPREADS = 3.0   # spreads from a palette colour within which a pixel is of the lower garment's cloth
CHROMA = np.float32([0.0, 1.0, 1.0])   # Lab weights that leave lightness out: a*b* only
# a*b* distance from which the old top's hue and the skin's are told apart (light and shade aside)
HUE_APART = 8.0
# a pixel the skin test passes is the old top when its hue is nearer the top's than this share of
# its distance to the skin's: well inside the top's side, not a shaded or lit arm between the two
HUE_SHARE = 0.5
TROUSERS_HUE_MOSTLY = 0.5         # share of a piece of old cloth of the trousers' hue that makes it the trousers
# an arm whose silhouette beside the garment is at least this share old cloth wears a sleeve
SLEEVED = 0.5
SAME_AS_SKIN = 14.0     # Lab distance under which old clothing is too near skin to tell its outline from it
# median |fine detail| of the old clothing's lightness (0..255) above which it is printed all over:
# plain cloth with folds stays under 4 on the dev photos, a geometric print is well over 10
PATTERNED = 7.0
PATTERN_SIGMA = 2.0     # px: what is finer than this is print or weave, not light
# an old bottom's top read higher than this share of the torso (shoulder joints to hip joints) below the shoulders
# is a dress, a jumpsuit or a top of the bottom's colours, not a waistband
HIGHEST_WAISTBAND = 0.5
CENTRE_BAND = 0.1   # share of shoulder width either side of the body's centre line an old waistband is read on
OLD_ROW = 0.5       # share of a row's centre band in the old bottom's colours that makes the row that bottom's
# share of the torso above an old waistband that is bare skin (mostly) when the waistband shows: raised to it, a new
# bottom's waistband lay over a top whose hem it met (a cardigan's, beside its opening) in jagged tabs
BARE_ABOVE = 0.04


def _lab_median(lab: np.ndarray, where: np.ndarray) -> np.ndarray | None:
    return masked_median(lab, where) if np.count_nonzero(where) >= MIN_COLOUR_SAMPLE_PX else None


def rows(person: PersonAnalysis, y0: float, y1: float) -> np.ndarray:
    """The frame's rows from `y0` to `y1`, as a mask."""
    h, w = person.mask.shape
    out = np.zeros((h, w), bool)
    out[max(0, int(y0)):max(0, min(h, int(y1)))] = True
    return out


def _samples(person: PersonAnalysis) -> tuple[tuple[tuple[slice, slice], np.ndarray], ...]:
    """The chest's and the thighs' boxes, and in each the cloth on the person: what `colours` samples
    under a garment's alpha. Made once per photo: a render reads the old top's colour four times."""
    def make():
        h, w = person.mask.shape
        sh_y = float(person.point(L_SHOULDER)[1] + person.point(R_SHOULDER)[1]) / 2
        hip_y = float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2
        xs = sorted((float(person.point(L_SHOULDER)[0]), float(person.point(R_SHOULDER)[0])))
        sw = person.shoulder_width
        chest_rows = (sh_y + CHEST_BAND[0] * (hip_y - sh_y), sh_y + CHEST_BAND[1] * (hip_y - sh_y))
        thigh_rows = (hip_y + THIGH_BAND[0] * sw, hip_y + THIGH_BAND[1] * sw)
        # each sample read on its own rows and columns of the frame only
        chest_box = (slice(max(0, int(chest_rows[0])), max(0, min(h, int(chest_rows[1])))),
                     slice(max(0, int(xs[0])), max(0, min(w, int(xs[1]) + 1))))
        thigh_box = (slice(max(0, int(thigh_rows[0])), max(0, min(h, int(thigh_rows[1])))), slice(0, w))
        return tuple((b, (person.mask[b] > 0.5) & ~person.skin[b]) for b in (chest_box, thigh_box))
    return person.derived("old_colour_samples", make)


def lower_palette(person: PersonAnalysis) -> np.ndarray | None:
    """The lower garment's colours (Lab, up to PALETTE of them: a print's or a weave's several, each covering
    PALETTE_SHARE of it), read on its cloth across the thighs in the photo; None when too little of it is seen."""
    colours = lower_colours(person)
    return None if colours is None else colours.centres


class LowerColours(NamedTuple):
    """The lower garment's palette (`lower_palette`) and how far each colour's own pixels spread about it."""

    centres: np.ndarray    # Lab, one row per colour
    spreads: np.ndarray    # Lab standard deviations per colour, at least SPREAD_FLOOR


def lower_colours(person: PersonAnalysis) -> LowerColours | None:
    """The lower garment's palette with its spreads, read once per photo."""
    def make() -> LowerColours | None:
        box, on = _samples(person)[1]
        pixels = person.lab[box][on].astype(np.float32)
        if len(pixels) < MIN_COLOUR_SAMPLE_PX * PALETTE:
            return None
        stop = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
        cv2.setRNGSeed(0)
        _, labels, centres = cv2.kmeans(pixels, PALETTE, None, stop, 2, cv2.KMEANS_PP_CENTERS)
        labels = labels.ravel()
        kept = [k for k in range(PALETTE) if np.count_nonzero(labels == k) >= PALETTE_SHARE * len(labels)]
        spreads = [np.maximum(pixels[labels == k].std(axis=0), SPREAD_FLOOR) for k in kept]
        return LowerColours(centres[kept], np.float32(spreads))
    return person.derived("lower_colours", make)


def palette_distances(pixels: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Per 8-bit Lab pixel, its distance to the nearest of the `palette`'s colours (`lower_palette`'s)."""
    return np.min([lab_distances(pixels, colour) for colour in palette], axis=0)


def of_lower_cloth(pixels: np.ndarray, colours: LowerColours) -> np.ndarray:
    """Per 8-bit Lab pixel, whether it lies within LIKE_LOWER_SPREADS of one of the lower garment's colours, each
    measured in that colour's own spread. A fixed distance (OLD_NEAR) cannot tell two dark cloths apart: a navy
    polo's hem band over charcoal trousers is 8 Lab units from them, in b* alone four times the trousers' spread."""
    px = pixels.astype(np.float32)
    far = [np.sqrt((((px - c) / s) ** 2).sum(axis=-1)) for c, s in zip(colours.centres, colours.spreads)]
    return np.min(far, axis=0) < LIKE_LOWER_SPREADS


def _old_top(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray) -> np.ndarray | None:
    """The old top's colour: its cloth across the chest under the new top (None when too little is seen)."""
    box, on = _samples(person)[0]
    return _lab_median(lab[box], on & (alpha[box] > 0.5))


def colours(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray):
    """The old top's colour (under the new top, across the chest) and the lower garment's (on the
    thighs, below the new top); either None when too little of it is seen; and the chest's cloth."""
    (chest_box, on_chest), (thigh_box, on_thighs) = _samples(person)
    chest = np.zeros(person.mask.shape, bool)
    chest[chest_box] = on_chest
    return (_old_top(person, alpha, lab), _lab_median(lab[thigh_box], on_thighs & (alpha[thigh_box] < 0.5)), chest)


def chest_colour(person: PersonAnalysis) -> np.ndarray | None:
    """The old top's colour across the chest, whatever a new garment covers (None when too little of it is
    seen); once per photo."""
    def make() -> np.ndarray | None:
        box, on = _samples(person)[0]
        return _lab_median(person.lab[box], on)
    return person.derived("chest_colour", make)


def old_top_hued(person: PersonAnalysis, alpha: np.ndarray, box: tuple[slice, slice], where: np.ndarray) -> np.ndarray:
    """Of `where` (within `box`), the pixels the skin test passes whose hue is the old top's, not the
    shopper's skin (none when the two hues are too near to tell, or either is unknown)."""
    out = np.zeros(where.shape, bool)
    candidates = where & person.skin[box]
    if not candidates.any():
        return out
    old = _old_top(person, alpha, person.lab)
    tone = skin_tone(person)
    if old is None or tone is None or lab_distance(old * CHROMA, tone.lab * CHROMA) < HUE_APART:
        return out
    pixels = under(person.lab[box], candidates)
    to_old = lab_distances(pixels, old, CHROMA)
    out[candidates] = to_old < HUE_SHARE * lab_distances(pixels, tone.lab, CHROMA)
    return out


def lower_garment_hued(person: PersonAnalysis, alpha: np.ndarray
                       ) -> Callable[[tuple[slice, slice], np.ndarray], np.ndarray]:
    """A test of pixels under a new garment (`alpha`): of `where` (within `box`), those whose hue is nearer
    the lower garment's (on the thighs) than the old top's (across the chest), the trousers or skirt, not the
    old top; none when either colour is unknown, or the two hues are too near to tell apart (a navy top over
    navy jeans). Hue alone: a weave's light and shade (denim's) part its pixels when lightness counts. The
    colours are read once, at the first test with pixels to test."""
    read: list[tuple[np.ndarray | None, np.ndarray | None]] = []

    def test(box: tuple[slice, slice], where: np.ndarray) -> np.ndarray:
        out = np.zeros(where.shape, bool)
        if not where.any():
            return out
        if not read:
            read.append(colours(person, alpha, person.lab)[:2])
        old, lower = read[0]
        if old is None or lower is None or lab_distance(old * CHROMA, lower * CHROMA) < HUE_APART:
            return out
        pixels = under(person.lab[box], where)
        out[where] = lab_distances(pixels, lower, CHROMA) < lab_distances(pixels, old, CHROMA)
        return out
    return test


def trouser_pieces(strips: np.ndarray, hued: np.ndarray) -> np.ndarray:
    """The pieces of `strips` mostly of the lower garment's hue (`hued`, `lower_garment_hued`): the trousers
    at the hips beside a top are what it is worn over, no strip of a looser old top. Closed in by its side,
    a cuff and the forearm, they were covered as a flat block with a dead-straight foot at the hem. Read
    piece by piece: the two hues may be near (lavender and pale denim), and in the shade a piece's pixels part."""
    if not hued.any():  # none of the lower garment's hue (the most common answer): no piece is it
        return np.zeros_like(strips)
    n, parts = components(strips.astype(np.uint8), connectivity=8)
    if n < 2:
        return np.zeros_like(strips)
    hued = np.bincount(parts[hued], minlength=n)
    mostly = hued > TROUSERS_HUE_MOSTLY * np.bincount(parts[strips], minlength=n)
    mostly[0] = False
    return np.take(mostly, parts)  # the same gather, about twice as fast as indexing with the labels


def fine_detail(lab: np.ndarray, region: np.ndarray) -> float:
    """Median |lightness minus its blur| over `region`: a print's or weave's strength."""
    light = lab[..., 0].astype(np.float32)
    return float(np.median(np.abs(light - cv2.GaussianBlur(light, (0, 0), PATTERN_SIGMA))[region]))


def old_waistband_y(person: PersonAnalysis) -> float | None:
    """The top row of the old bottom on the body's centre line, read up from the hip joints while its rows are of the
    bottom's colours (`lower_palette`); None when it reaches past HIGHEST_WAISTBAND or nothing of it is there. A new
    bottom's waistband laid lower than a high-waisted old one's left a band of the old skirt showing above it. Read
    only under a bare midriff: under a top, the top's hem lies over the waistband (once per photo)."""
    return person.derived("old_waistband_y", lambda: _old_waistband_y(person))


def _old_waistband_y(person: PersonAnalysis) -> float | None:
    palette = lower_palette(person)
    if palette is None:
        return None
    hips = (person.point(L_HIP) + person.point(R_HIP)) / 2
    shoulders_y = float(person.point(L_SHOULDER)[1] + person.point(R_SHOULDER)[1]) / 2
    highest = int(max(0.0, shoulders_y + HIGHEST_WAISTBAND * (float(hips[1]) - shoulders_y)))
    lowest = int(min(float(hips[1]), person.mask.shape[0] - 1))
    reach = CENTRE_BAND * person.shoulder_width
    cols = slice(max(0, int(hips[0] - reach)), max(0, int(hips[0] + reach) + 1))
    if lowest <= highest or cols.start >= cols.stop:
        return None
    band = (slice(highest, lowest + 1), cols)
    cloth = (person.mask[band] > 0.5) & ~person.skin[band]
    old = (cloth & (palette_distances(person.lab[band], palette) < OLD_NEAR)).mean(axis=1) >= OLD_ROW
    if not old[-1] or old.all():
        return None
    top = highest + len(old) - int(np.argmin(old[::-1]))
    above = person.skin[max(0, top - max(1, int(BARE_ABOVE * (float(hips[1]) - shoulders_y)))):top, cols]
    return float(top) if above.mean() >= OLD_ROW else None
