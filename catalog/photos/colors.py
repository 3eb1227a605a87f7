"""A garment's colours as a shopper names them, in the catalog's canonical colour words.

The garment's pixels are clustered first, so shading and folds average out within a cluster, and each
cluster's centre is then named. Names are read the way people name colours: first whether there is a
colour at all (a white shirt in shade is grey-ish, not blue), then by hue before lightness and strength,
so a light blue dress is blue and a faded red is red, where the nearest canonical colour by plain Lab
distance made both grey. The largest cluster is the garment's main colour, named first: its print covers
less of it. A colour covering only a sliver (a trim, a button, the shadow under a collar) is not named.
On the real dev shots this names the main colour first 0.83 of the time (0.50 by plain Lab distance).
A colour that is a blend of two others where they meet (the grey along a black and white shirt's fine stripes, the
pink where red meets white) is theirs: a person sees two colours there, not three.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import cv2
import numpy as np

from catalog.vocabulary import COLOR_RGB

CLUSTERS = 6
SAMPLE = 4000                 # pixels clustered; more only costs time
MIN_SHARE = 0.12              # a colour must cover this share of the garment to be named
MAX_COLOURS = 3
NEUTRALS = frozenset({"black", "grey", "white"})
# a cluster is a neutral (named by its lightness alone) below this Lab chroma, or below this chroma per unit
# of lightness: a white's faint cast and a grey's stay under both; a navy nearly black keeps its blue
NEUTRAL_CHROMA = 8.0
NEUTRAL_SATURATION = 0.15
# between a colour and a canonical one: degrees of hue, plus these per unit of lightness and of chroma apart
# (tuned on the real dev shots, bench.photo_search_real: any weight of lightness from 0.7 to 1.5 names the same)
LIGHTNESS_PER_DEGREE = 1.0
CHROMA_PER_DEGREE = 0.3
# a colour is a blend of two others when its mean lies on the Lab segment between theirs (within BLEND_OFF, not
# near either end: BLEND_ENDS of the way) and most of its pixels (BLEND_NEAR) have both within BLEND_REACH pixels:
# fine black and white stripes make grey edges and shade; a grey tee's black and white print leaves most grey alone
BLEND_OFF = 8.0
BLEND_ENDS = 0.15
BLEND_NEAR = 0.5
BLEND_REACH = 3.0


@lru_cache(maxsize=1)
def _canonical_lch() -> tuple[tuple[str, ...], np.ndarray]:
    names = tuple(COLOR_RGB)
    rgb = np.asarray([COLOR_RGB[name] for name in names], np.float32).reshape(1, -1, 3) / 255.0
    return names, lch(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).reshape(-1, 3))


def lch(lab: np.ndarray) -> np.ndarray:
    """Lab rows as lightness, chroma and hue angle (degrees)."""
    lab = np.asarray(lab, np.float32).reshape(-1, 3)
    return np.stack([lab[:, 0], np.hypot(lab[:, 1], lab[:, 2]),
                     np.degrees(np.arctan2(lab[:, 2], lab[:, 1])) % 360], axis=1)


def colour_name(lab: np.ndarray) -> str:
    """The canonical colour word for one Lab colour."""
    (light, chroma, hue), = lch(lab)
    names, canonical = _canonical_lch()
    neutral = np.array([name in NEUTRALS for name in names])
    if chroma < NEUTRAL_CHROMA or chroma < NEUTRAL_SATURATION * light:
        apart = np.where(neutral, np.abs(canonical[:, 0] - light), np.inf)
    else:
        hue_apart = np.abs((canonical[:, 2] - hue + 180) % 360 - 180)
        apart = np.where(neutral, np.inf, hue_apart + LIGHTNESS_PER_DEGREE * np.abs(canonical[:, 0] - light)
                         + CHROMA_PER_DEGREE * np.abs(canonical[:, 1] - chroma))
    return names[int(np.argmin(apart))]


def dominant_colours(lab: np.ndarray, where: np.ndarray) -> tuple[tuple[str, float], ...]:
    """(colour, share of the garment) for the colours that cover it, largest first: `lab` is an image and `where`
    the garment's pixels in it."""
    pixels = lab[where]
    names, named = colour_map(pixels)
    if not names:
        return ()
    named = _unblended(pixels, names, named, where)
    shares = np.bincount(named, minlength=len(names)) / len(named)
    ranked = sorted(zip(names, shares.tolist()), key=lambda item: -item[1])
    return tuple((name, share) for name, share in ranked if share >= MIN_SHARE)[:MAX_COLOURS]


def colour_map(lab_pixels: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    """The colour words the pixels fall into, and each pixel's word (an index into them): the pixels are clustered
    on a sample, each cluster's centre is named, and every pixel takes the name of its nearest centre."""
    pixels = np.ascontiguousarray(lab_pixels.reshape(-1, 3), dtype=np.float32)
    if len(pixels) == 0:
        return (), np.zeros(0, np.int64)
    sample = pixels[np.random.default_rng(0).choice(len(pixels), SAMPLE, replace=False)] \
        if len(pixels) > SAMPLE else pixels
    clusters = min(CLUSTERS, len(sample))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(0)
    _, _, centres = cv2.kmeans(sample, clusters, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    centre_names = [colour_name(centre) for centre in centres]
    names = tuple(dict.fromkeys(centre_names))
    nearest = np.argmin(((pixels[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    return names, np.array([names.index(name) for name in centre_names])[nearest]


def _unblended(pixels: np.ndarray, names: tuple[str, ...], named: np.ndarray, where: np.ndarray) -> np.ndarray:
    """Each pixel's colour, with the pixels of a blend of two other colours given to the nearer of the two. The two
    are colours of their own: a blend of a blend (navy into the grey between navy and white) goes to the colours
    that are no blend."""
    label = np.full(where.shape, -1, np.int64)
    label[where] = named
    means = np.array([pixels[named == k].mean(axis=0) if np.any(named == k) else np.full(3, np.nan)
                      for k in range(len(names))])
    apart = [cv2.distanceTransform((label != k).astype(np.uint8), cv2.DIST_L2, 3)[where] for k in range(len(names))]
    everyone = range(len(names))
    blends = [k for k in everyone if _blended_of(k, means, named, apart, everyone) is not None]
    own = [k for k in everyone if k not in blends]
    out = named.copy()
    for k in blends:
        ends = _blended_of(k, means, named, apart, own)
        if ends is not None:
            mine = named == k
            to_ends = ((pixels[mine, None, :] - means[list(ends)][None]) ** 2).sum(axis=2)
            out[mine] = np.array(ends)[np.argmin(to_ends, axis=1)]
    return out


def _blended_of(k: int, means: np.ndarray, named: np.ndarray, apart: list[np.ndarray],
                among: Sequence[int]) -> tuple[int, int] | None:
    """The two colours `among` the others that colour `k` blends, if it is a blend of two."""
    mine = named == k
    for i, a in enumerate(among):
        for b in among[i + 1:]:
            if k in (a, b) or np.isnan(means[[a, b, k]]).any():
                continue
            span = means[b] - means[a]
            along = float(np.dot(means[k] - means[a], span) / max(float(np.dot(span, span)), 1e-6))
            off = float(np.linalg.norm(means[a] + along * span - means[k]))
            near = np.maximum(apart[a][mine], apart[b][mine]) <= BLEND_REACH
            if BLEND_ENDS <= along <= 1 - BLEND_ENDS and off <= BLEND_OFF and near.mean() >= BLEND_NEAR:
                return a, b
    return None
