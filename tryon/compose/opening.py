"""The shopper's own top in an outer garment's opening.

A jacket, cardigan, blazer or coat is worn over a top: in its neckline (a blazer's V, a cardigan left open) the
top under it shows, as it would worn, and the old collar is not painted away as skin there (`layering.repaint`).
When it does show, the reply says the garment is shown over the shopper's own top.
"""

from __future__ import annotations

import numpy as np

from tryon.analysis.person import PersonAnalysis
from tryon.fit.warp import Warped

# share of the garment's own area that the shopper's top must show in its opening to be said: less is a
# collar's tip beside the neck
OWN_TOP_SHOWS = 0.01


def own_top_shows(person: PersonAnalysis, warped: Warped, covered: np.ndarray, keep: np.ndarray) -> bool:
    """Whether the shopper's own top shows in the opening of an outer garment (`warped.outer`): cloth on the
    body, not skin, not what stays in front (face, hair, hands), that nothing covers (`covered`: the garment and
    every repainted pixel, working res), between its shoulder seams and from their height down to its hem."""
    if not warped.outer or warped.shoulders is None:
        return False
    garment = covered & (warped.alpha > 0.5)
    rows = np.flatnonzero(garment.any(axis=1))
    if rows.size == 0:
        return False
    (x0, y0), (x1, y1) = sorted(warped.shoulders.tolist())
    band = (slice(int(min(y0, y1)), int(rows[-1]) + 1), slice(int(x0), int(x1) + 1))
    shows = person.body[band] & ~person.skin[band] & ~keep[band] & ~covered[band]
    return int(shows.sum()) > OWN_TOP_SHOWS * int(garment.sum())
