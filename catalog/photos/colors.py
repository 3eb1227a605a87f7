"""A garment's dominant colours, named in the catalog's canonical colour words.

The garment's pixels are clustered first, so shading and folds average out within a
cluster, and each cluster's centre is then named by the nearest canonical colour in Lab.
A colour covering only a sliver (a trim, a button, the shadow under a collar) is not named.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from catalog.vocabulary import COLOR_RGB

CLUSTERS = 6
SAMPLE = 4000                 # pixels clustered; more only costs time
MIN_SHARE = 0.12              # a colour must cover this share of the garment to be named
MAX_COLOURS = 3


@lru_cache(maxsize=1)
def _canonical_lab() -> tuple[tuple[str, ...], np.ndarray]:
    names = tuple(COLOR_RGB)
    rgb = np.asarray([COLOR_RGB[name] for name in names], np.float32).reshape(1, -1, 3) / 255.0
    return names, cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).reshape(-1, 3)


def dominant_colours(lab_pixels: np.ndarray) -> tuple[tuple[str, float], ...]:
    """(colour, share of the garment) for the colours that cover it, largest first."""
    pixels = np.ascontiguousarray(lab_pixels.reshape(-1, 3), dtype=np.float32)
    if len(pixels) == 0:
        return ()
    if len(pixels) > SAMPLE:
        pixels = pixels[np.random.default_rng(0).choice(len(pixels), SAMPLE, replace=False)]
    clusters = min(CLUSTERS, len(pixels))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(0)
    _, labels, centres = cv2.kmeans(pixels, clusters, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    shares = np.bincount(labels.ravel(), minlength=clusters) / len(labels)
    names, canonical = _canonical_lab()
    nearest = np.argmin(np.linalg.norm(centres[:, None, :] - canonical[None, :, :], axis=2), axis=1)
    named: dict[str, float] = {}
    for cluster, share in enumerate(shares):
        name = names[nearest[cluster]]
        named[name] = named.get(name, 0.0) + float(share)
    ranked = sorted(named.items(), key=lambda item: -item[1])
    return tuple((name, share) for name, share in ranked if share >= MIN_SHARE)[:MAX_COLOURS]
