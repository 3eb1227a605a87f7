"""The shopper's own skin tone, measured where the photo shows bare skin: the face's cheeks, the
hands, any bare arm or neck.

An arm or leg rebuilt where old sleeves or trousers were must look like this person's skin, not a
generic tone: the mean and spread (CIE Lab, OpenCV's 8-bit scale) come from their own pixels.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.shared.medians import masked_median
from tryon.analysis.person import PersonAnalysis, face_skin_box
from tryon.shared.pixels import under

MIN_SKIN_SAMPLE = 60    # px of sure skin needed to trust a tone (fewer: a few skin-coloured threads)
# the sure-skin sample drops its darkest and lightest share: shadow under the chin, a shine on a cheek
TRIM_SHARE = 10.0
# Lab L (0..255): the shading range allowed, at least so a flat-lit face still rounds an arm, at most so a
# pale garment that passed for skin in the sample does not swing a painted arm from dark to white
L_SPREAD = (6.0, 20.0)
GRAIN_SIGMA = 1.0        # px: lightness changes finer than this on the shopper's skin are its grain (pores, sensor noise)
GRAIN_EDGE = 2           # px: the grain sample keeps this far inside the sure skin's outline
GRAIN_SAMPLE = 4000      # px: a larger grain sample is read at an even stride
GRAIN_MAX = 4.0          # Lab L (0..255): grain above this is a print or hair in the sample, not skin
SIDE_LIGHT_MAX = 0.12    # the share a limb's lit side is lighter than its middle, at most (a face lit hard from one side)
LAB_SCALE = np.float32([100.0 / 255.0, 1.0, 1.0])   # 8-bit Lab to units: L from 0..255 to 0..100 like a and b
# Lab a-b distance from the shopper's tone past which a skin-coloured pixel is cloth: light moves skin's lightness far
# more than its hue. Bare arms on the dev photos lie within it but for 2% of their pixels; a beige T-shirt's sleeve
# on a darker-skinned man lies 17 away, and passed for his arm's skin, so its hems stayed under the new sleeves
TONE_CHROMA = 15.0
CHROMA = np.float32([0.0, 1.0, 1.0])
OFF_TONE_SPECK = 3     # px (working res): off-tone pieces narrower than this are specks on the skin (a painted nail)
# per seed, the longest run of its float32 standard normal draws made so far (`_normals`)
_NORMALS: dict[int, np.ndarray] = {}


class SkinTone(NamedTuple):
    """Lab (8-bit OpenCV scale) median and robust spread of the shopper's visible skin."""

    lab: np.ndarray      # (3,) float32
    spread: np.ndarray   # (3,) float32
    pixels: int


def _face_cheeks(person: PersonAnalysis) -> np.ndarray:
    """The face's own skin (`face_skin_box`: cheeks and nose, or the chin under a cut-off face), as a mask."""
    out = np.zeros(person.mask.shape, bool)
    box = face_skin_box(person.face_box, person.landmarks)
    if box is not None:
        out[box] = True
    return out


def sample_region(person: PersonAnalysis) -> np.ndarray:
    """Where this person's bare skin is surely seen: skin-coloured pixels on the body in the face's
    cheeks or the hands. Elsewhere a beige garment passes for skin. (Made once per photo.)"""
    return person.derived("skin_sample", lambda: (_face_cheeks(person) | arm_band(person, "wrist")) & person.skin
                          & person.body)


def skin_tone(person: PersonAnalysis) -> SkinTone | None:
    """The shopper's skin tone, or None when too little bare skin is seen to trust one (measured once per photo)."""
    return person.derived("skin_tone", lambda: _measure_tone(person))


def _measure_tone(person: PersonAnalysis) -> SkinTone | None:
    sample = sample_region(person)
    if np.count_nonzero(sample) < MIN_SKIN_SAMPLE:
        return None
    lab = under(person.lab, sample).astype(np.float32)
    lo, hi = np.percentile(lab[:, 0], (TRIM_SHARE, 100.0 - TRIM_SHARE))
    lab = lab[(lab[:, 0] >= lo) & (lab[:, 0] <= hi)]
    if len(lab) < MIN_SKIN_SAMPLE:
        return None
    centre = np.median(lab, axis=0)
    spread = 1.4826 * np.median(np.abs(lab - centre), axis=0)
    spread[0] = float(np.clip(spread[0], *L_SPREAD))
    return SkinTone(centre.astype(np.float32), spread.astype(np.float32), int(len(lab)))


def toned_skin(person: PersonAnalysis) -> np.ndarray:
    """Skin-coloured pixels of the shopper's own skin's hue (within TONE_CHROMA of `skin_tone`), all of them when
    no tone is measured (once per photo). The skin test alone measures the face's hue with a spread wide enough for
    arms lit unlike it, and a beige top's hue passes it."""
    def make() -> np.ndarray:
        tone = skin_tone(person)
        if tone is None:
            return person.skin
        off = person.skin.copy()
        off[off] = lab_distances(under(person.lab, off), tone.lab, CHROMA) > TONE_CHROMA
        # a painted nail, a lip's edge, a ring's glint: specks of another hue on the skin, not cloth
        off = cv2.morphologyEx(off.view(np.uint8), cv2.MORPH_OPEN, np.ones((OFF_TONE_SPECK,) * 2, np.uint8)) > 0
        return person.skin & ~off
    return person.derived("toned_skin", make)


def lab_distance(lab_a: np.ndarray, lab_b: np.ndarray) -> float:
    """Euclidean distance of two Lab colours (8-bit scale, L rescaled to 0..100 like a and b's units)."""
    d = (np.asarray(lab_a, np.float32) - np.asarray(lab_b, np.float32)) * LAB_SCALE
    return float(np.linalg.norm(d))


def _grain_strength(person: PersonAnalysis) -> float:
    """Measured inside the sure skin only, away from its outline: within the blur's reach of an edge
    (a finger against the room, a nostril) the fine detail is the edge, and on a small figure's hands
    that was most of the sample, read as grain at its cap and painted as sand."""
    pad = int(np.ceil(4 * GRAIN_SIGMA)) + 1  # the blur reaches no farther: a crop round the sample blurs alike
    # eroded on a crop a margin wider than the sample: the same as on the whole frame
    region = sample_region(person).astype(np.uint8)
    x, y, bw, bh = cv2.boundingRect(region)
    h, w = region.shape
    m = max(pad, GRAIN_EDGE + 1)
    box = (slice(max(0, y - m), min(h, y + bh + m)), slice(max(0, x - m), min(w, x + bw + m)))
    return grain_of(person.lab[box][..., 0], region[box] > 0) or 0.0  # the photo's Lab, converted once


def grain_of(light: np.ndarray, skin: np.ndarray) -> float | None:
    """The fine grain (Lab L) of the `skin` pixels of a lightness plane, read GRAIN_EDGE px inside their
    outline (nearer, the fine detail is the edge); None when too few are left to say."""
    sample = cv2.erode(skin.astype(np.uint8), np.ones((2 * GRAIN_EDGE + 1,) * 2, np.uint8)) > 0
    if np.count_nonzero(sample) < MIN_SKIN_SAMPLE:
        return None
    light = light.astype(np.float32)
    fine = (light - cv2.GaussianBlur(light, (0, 0), GRAIN_SIGMA))[sample]
    fine = fine[::max(1, len(fine) // GRAIN_SAMPLE)]  # a spread's median needs no more: a chest's skin is tens of thousands
    return min(GRAIN_MAX, 1.4826 * float(np.median(np.abs(fine - np.median(fine)))))


def grain_strength(person: PersonAnalysis) -> float:
    """The fine grain (Lab L spread) of the shopper's own sure skin (`_grain_strength`), measured once per photo."""
    return person.derived("skin_grain", lambda: _grain_strength(person))


def skin_grain(person: PersonAnalysis, shape: tuple[int, int], seed: int = 0, near: float | None = None) -> np.ndarray:
    """Lightness noise (Lab L, mean 0) as strong as the fine grain of the shopper's own sure skin:
    painted skin without it reads as a smooth sticker beside real skin. Seeded, so a render repeats;
    the strength is measured once per photo. `near`: the grain of the skin beside what is painted,
    when known: a face's pores and make-up are coarser than a smooth chest's, which painted at the
    face's grain read as sand next to it."""
    strength = grain_strength(person)
    if near is not None:
        strength = min(strength, near)
    return _normals(seed, shape[0] * shape[1]).reshape(shape) * np.float32(strength)


def _normals(seed: int, n: int) -> np.ndarray:
    """The first `n` float32 standard normal draws of `seed`'s generator (read-only). They are drawn in
    order, the same whatever is drawn after them, so a run is drawn once per process and sliced:
    drawing a chest's worth was about a millisecond of every paint."""
    run = _NORMALS.get(seed)
    if run is None or run.size < n:
        run = np.random.default_rng(seed).standard_normal(max(n, 0 if run is None else 2 * run.size),
                                                          dtype=np.float32)
        run.flags.writeable = False
        _NORMALS[seed] = run
    return run[:n]


def _side_light(person: PersonAnalysis) -> float:
    cheeks = _face_cheeks(person) & person.skin & person.body
    if person.face_box is None or np.count_nonzero(cheeks) < MIN_SKIN_SAMPLE:  # the chin alone has no two sides
        return 0.0
    x0, y0, x1, y1 = person.face_box
    mid = (x0 + x1) // 2
    face = (slice(max(0, y0), max(0, y1)), slice(max(0, x0), max(0, x1)))
    light = person.lab[face][..., 0].astype(np.float32)
    left, right = cheeks[face].copy(), cheeks[face].copy()
    left[:, mid - face[1].start:], right[:, :mid - face[1].start] = False, False
    if not left.any() or not right.any():
        return 0.0
    l_left, l_right = float(np.median(light[left])), float(np.median(light[right]))
    return float(np.clip((l_right - l_left) / max(l_left + l_right, 1.0), -SIDE_LIGHT_MAX, SIDE_LIGHT_MAX))


def side_light(person: PersonAnalysis) -> float:
    """How much lighter the face's right-hand half (in the image) is than its left, as a share of
    its lightness (negative: lit from the left): the light's side, which a rounded limb shows too."""
    return person.derived("side_light", lambda: _side_light(person))


def skin_lab_near(person: PersonAnalysis, lab: np.ndarray, point: np.ndarray, reach: float) -> np.ndarray | None:
    """The median Lab (of the photo's `lab`) of the skin within `reach` px of a point (a wrist: the hand;
    the shoulders' midpoint: the neck), or None when too little is seen: a forearm's colour is its
    hand's more than the face's, an upper arm's its neck's."""
    r = max(2, int(reach))
    x, y = int(round(point[0])), int(round(point[1]))
    h, w = person.mask.shape
    box = (slice(max(0, y - r), max(0, min(h, y + r + 1))), slice(max(0, x - r), max(0, min(w, x + r + 1))))
    near = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.uint8)
    cv2.circle(near, (x - box[1].start, y - box[0].start), r, 1, -1)
    seen = (near > 0) & person.skin[box] & person.body[box]
    if np.count_nonzero(seen) < MIN_SKIN_SAMPLE:
        return None
    return masked_median(lab[box], seen)


def lab_distances(pixels: np.ndarray, colour: np.ndarray, scale: np.ndarray = LAB_SCALE) -> np.ndarray:
    """Per pixel, `lab_distance` of 8-bit Lab pixels (any shape ending in 3) from a colour (each channel
    weighted by `scale`), or from each its own colour (`colour` shaped as `pixels`). One colour: each
    channel's squared term is looked up in a table of its 256 levels (numpy is slow along a last axis of
    3, so the planes are split apart in one pass); own colours take the same float32 steps."""
    if pixels.size == 0:
        return np.zeros(pixels.shape[:-1], np.float32)
    if np.ndim(colour) > 1:
        d = (pixels.astype(np.float32) - np.asarray(colour, np.float32)) * scale
        d *= d
        return np.sqrt(d[..., 0] + d[..., 1] + d[..., 2])
    levels = np.arange(256, dtype=np.float32)[:, None]
    terms = ((levels - np.asarray(colour, np.float32)) * scale) ** 2
    planes = cv2.split(np.ascontiguousarray(pixels).reshape(-1, 1, 3))
    l, a, b = (cv2.LUT(plane, np.ascontiguousarray(terms[:, i])) for i, plane in enumerate(planes))
    return np.sqrt(l + a + b).reshape(pixels.shape[:-1])
