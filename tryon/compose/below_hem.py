"""The shopper's own top left showing below a shorter new top.

An old top of one colour hanging below the new hem is painted away (`repaint.uncover_torso`); a printed one is not
(its colour is no one colour), and a striped polo was left below a shorter blouse with nothing said. It is told
from the lower garment by the lower garment's own colours and their spread, read on the thighs
(`old_colours.of_lower_cloth`): going down from the new hem, rows of uncovered cloth whose colours are mostly not the
lower garment's, before it begins, are the old top's. A band of them the trousers can be carried up over is painted
so (`repaint.lower_carried_up`); more of them than a hem's width left, and the render says it is shown over the
shopper's own top.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from tryon.analysis.old_colours import lower_colours, of_lower_cloth
from tryon.analysis.person import L_HIP, R_HIP, PersonAnalysis
from tryon.fit.warp import Warped

TORSO_IN = 0.15     # share of shoulder width beside each hip joint read (the middle of the torso: no arm, no hand)
# share of a row's open part (not the garment, not what stays in front) its cloth must fill to be read
CLOTH_ROW = 0.5
OPEN_ROW = 0.3      # share of those columns a row's open part must take to be read (wide sleeves hang over the rest)
LIKE_LOWER = 0.5    # share of a row's cloth of the lower garment's colours (`of_lower_cloth`) that is that garment
# rows of the lower garment's colours, one under another, where it begins (fewer: a shaded row of the old top's band)
LOWER_BEGINS = 3
OLD_BELOW = 0.06    # share of shoulder width of the old top's rows below the hem that is said (less: a hem's shadow)


class OldBelow(NamedTuple):
    """The old top's rows below a new top's hem, read in the middle of the torso."""

    top: int      # the first row below the new top's hem
    rows: int     # how many rows down from it are the old top's, before the lower garment begins
    cols: slice   # the torso's columns they were read on


def old_top_below(person: PersonAnalysis, warped: Warped, alpha: np.ndarray, covered: np.ndarray,
                  keep: np.ndarray) -> OldBelow | None:
    """The shopper's own top's rows below a new top's hem (`alpha`: the garment's, working res; `covered`: the garment
    and every repainted pixel), in the middle of the torso, before the lower garment begins: read between a long wide
    sleeve's ends hanging beside the hips, too. None when no lower garment is seen to tell it from."""
    colours = lower_colours(person) if warped.kind == "upper" and person.reach != "chest" else None
    if colours is None:
        return None
    xs = sorted((float(person.point(L_HIP)[0]), float(person.point(R_HIP)[0])))
    sw = person.shoulder_width
    cols = slice(max(0, int(xs[0] - TORSO_IN * sw)), max(0, int(xs[1] + TORSO_IN * sw)))
    # the body's hem as drawn (the warp's may reach lower: a bodysuit's legs, clipped at the hips); a sleeve may hang
    # lower
    drawn = ((alpha >= 0.5) & (warped.sleeve <= 0.5))[:, cols]
    # ...and so may the body beside a sleeve's seam: the hem is read in the columns no sleeve hangs in
    sleeveless = ~(warped.sleeve[:, cols] > 0.5).any(axis=0)
    on_rows = np.flatnonzero((drawn[:, sleeveless] if sleeveless.any() else drawn).any(axis=1))
    if on_rows.size == 0:
        return None
    free = (~keep & ~covered)[:, cols]
    cloth = free & (person.body & ~person.skin)[:, cols]
    width = cloth.shape[1]
    top = int(on_rows[-1]) + 1
    end = top   # the row after the old top's last: the lower garment's rows begin there
    for y in range(top, cloth.shape[0]):
        row = cloth[y]
        if free[y].sum() < OPEN_ROW * width or row.sum() < CLOTH_ROW * free[y].sum() or y - end == LOWER_BEGINS:
            break
        if of_lower_cloth(person.lab[y, cols][row], colours).mean() < LIKE_LOWER:
            end = y + 1
    return OldBelow(top, end - top, cols)


def own_top_below(person: PersonAnalysis, below: OldBelow | None) -> bool:
    """Whether the shopper's own top shows below a new top's hem (`old_top_below`), more of it than a hem's shadow."""
    return below is not None and below.rows > OLD_BELOW * person.shoulder_width
