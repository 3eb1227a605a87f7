"""Rebuilt limbs at the photo's own size, on a real photo (../shared/tryon_dev, skipped cleanly when absent).

Painted at the working size and enlarged, a rebuilt arm's edge against the room came out as soft as the
enlargement made it, a blurred halo beside the crisp hand it ends in, and its skin as smooth as a working pixel:
a flat strip. Its edge is now laid at the photo's size (`uncover.paste_layer`) and the shopper's skin grain over it.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.limbs import silhouette
from tryon.repaint.uncover_limbs import plan

pytestmark = needs_dev_set

# px (the photo's) of a rebuilt limb's edge against the room between a fifth and four fifths of the way from the
# skin's lightness to the room's, median over the rows, at most: enlarged from the working size, 6 for his arms
# and 3 for his legs on this pair; laid at the photo's size, 3 and 1
EDGE_PX = {"arms": 4, "legs": 2}
# Lab L (0..255): the spread of a rebuilt arm's fine detail (its lightness less its 1.5 px blur), inside it, at
# least: enlarged from the working size 1.1 on this pair, with the shopper's grain laid on it 1.7 (on his real
# skin the detail's median size is 1.4)
GRAIN = 1.4
EDGE_READ = 10       # px (the photo's) each side of the limb's outline a row's edge is read over
EDGE_CONTRAST = 40   # Lab L between skin and room that makes a row's edge readable (not a skin-coloured wall)


@pytest.fixture(scope="module")
def rebuilt(engine):
    got = dev_render(engine, "person_fitdit_0223.jpg", "dress_053290_1.jpg", "full")
    person, (h, w) = got.person, got.person.mask.shape
    groups = {g.name: g for g in plan(person, got.warped, got.done.work_alpha).bare}
    image = got.done.image
    H, W = image.shape[:2]

    def at_photo(mask: np.ndarray) -> np.ndarray:
        return cv2.resize(mask.astype(np.uint8), (W, H), interpolation=cv2.INTER_NEAREST) > 0

    light = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    out = {}
    for name, group in groups.items():
        shape = at_photo(silhouette(group.limbs, (h, w), eased=True))
        old = at_photo(group.old & (got.done.work_alpha <= 0.02))
        out[name] = (shape, old)
    return light, out


@pytest.mark.parametrize("limb", ["arms", "legs"])
def test_a_rebuilt_limbs_edge_against_the_room_is_as_crisp_as_the_photos(rebuilt, limb):
    light, groups = rebuilt
    assert limb in groups, "his long sleeves and trousers are rebuilt bare under the short-sleeved dress"
    shape, old = groups[limb]
    widths = []
    for y in range(0, light.shape[0], 3):
        for x in np.flatnonzero(np.diff(shape[y].astype(np.int8))):
            lo, hi = x - EDGE_READ, x + EDGE_READ + 1
            if lo < 0 or hi > light.shape[1] or not old[y, x - 3:x + 4].any():
                continue
            row = light[y, lo:hi]
            dark, bright = np.percentile(row, 5), np.percentile(row, 95)
            if bright - dark >= EDGE_CONTRAST:
                widths.append(int(((row > dark + 0.2 * (bright - dark)) & (row < dark + 0.8 * (bright - dark))).sum()))
    assert len(widths) > 50 and np.median(widths) <= EDGE_PX[limb], (len(widths), np.median(widths))


def test_a_rebuilt_arm_has_the_shoppers_skin_grain(rebuilt):
    light, groups = rebuilt
    shape, old = groups["arms"]
    inside = cv2.erode((shape & old).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    detail = light - cv2.GaussianBlur(light, (0, 0), 1.5)
    assert inside.sum() > 500 and float(detail[inside].std()) >= GRAIN, float(detail[inside].std())
