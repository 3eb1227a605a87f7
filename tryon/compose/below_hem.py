"""The shopper's own top left showing below a shorter new top.

An old top of one colour hanging below the new hem is painted away (`repaint.uncover_torso`); a printed one is not
(its colour is no one colour), and a striped polo was left below a shorter blouse with nothing said. It is told
from the lower garment by the lower garment's own palette, read on the thighs (`old_colours.lower_palette`):
going down from the new hem, rows of uncovered cloth whose colours are mostly not the lower garment's, before it
begins, are the old top's. More of them than a hem's width, and the render says it is shown over the shopper's
own top.
"""

from __future__ import annotations

import numpy as np

from tryon.analysis.old_colours import OLD_NEAR, lower_palette, palette_distances
from tryon.analysis.person import L_HIP, R_HIP, PersonAnalysis
from tryon.fit.warp import Warped

TORSO_IN = 0.15     # share of shoulder width beside each hip joint read (the middle of the torso: no arm, no hand)
CLOTH_ROW = 0.5     # share of a row's open part (not the garment, not what stays in front) its cloth must fill to be read
OPEN_ROW = 0.3      # share of those columns a row's open part must take to be read (wide sleeves hang over the rest)
LIKE_LOWER = 0.5    # share of a row's cloth within OLD_NEAR of the lower garment's palette that is the lower garment
OLD_BELOW = 0.06    # share of shoulder width of the old top's rows below the hem that is said (less: a hem's shadow)


def own_top_below(person: PersonAnalysis, warped: Warped, covered: np.ndarray, keep: np.ndarray) -> bool:
    """Whether the shopper's own top shows below a new top's hem (`covered`: working res, the garment and every
    repainted pixel), in the middle of the torso, before the lower garment begins: read between a long wide
    sleeve's ends hanging beside the hips, too."""
    palette = lower_palette(person) if warped.kind == "upper" and person.reach != "chest" else None
    if palette is None:
        return False
    xs = sorted((float(person.point(L_HIP)[0]), float(person.point(R_HIP)[0])))
    sw = person.shoulder_width
    cols = slice(max(0, int(xs[0] - TORSO_IN * sw)), max(0, int(xs[1] + TORSO_IN * sw)))
    drawn = ((warped.alpha > 0.5) & (warped.sleeve <= 0.5))[:, cols]   # the body's hem: a sleeve may hang lower
    on_rows = np.flatnonzero(drawn.any(axis=1))
    if on_rows.size == 0:
        return False
    free = (~keep & ~covered)[:, cols]
    cloth = free & (person.body & ~person.skin)[:, cols]
    width = cloth.shape[1]
    old_rows = 0
    for y in range(int(on_rows[-1]) + 1, cloth.shape[0]):
        row = cloth[y]
        if free[y].sum() < OPEN_ROW * width or row.sum() < CLOTH_ROW * free[y].sum():
            break
        near = palette_distances(person.lab[y, cols][row], palette) < OLD_NEAR
        if near.mean() >= LIKE_LOWER:
            break
        old_rows += 1
    return old_rows > OLD_BELOW * sw
