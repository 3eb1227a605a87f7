"""Whether a top read as sleeveless is held up by straps or a halter's collar: its armholes are open.

A top with no sleeve found may still have short sleeves lying along its body, a sleeve hanging beside
it, or a tank's broad shoulders: those lie across the shoulders to their round, and their top row is
no strap to set inside the shoulders (set there, a blouse's shoulders were cut bare and a muscle
tank's rose up the neck in two points).
"""

from __future__ import annotations

import numpy as np

# share of the box between a strap's top and its armpit (outer side) the backdrop fills at least where
# the armhole is open: a camisole's or a halter's leaves nearly half of it or more; short sleeves, a sleeve
# hanging beside the body or a tank's broad shoulder fill all but a quarter of it
ARMHOLE_OPEN = 0.35


def open_armholes(m: np.ndarray, points: dict[str, np.ndarray]) -> bool:
    """Whether both armholes of a sleeveless top are open on the silhouette `m`: the backdrop fills at
    least ARMHOLE_OPEN of the box between each strap top and its armpit, on the outer side. A strap or a
    halter's collar leaves it open down to the armpit; a top read as sleeveless whose short sleeves or
    shoulder line fill it (a blouse's, a wrap bodysuit's) is no strapped top."""
    for side, sgn in (("l", -1), ("r", 1)):
        strap, pit = points[f"shoulder_{side}"], points[f"armpit_{side}"]
        x0, x1 = sorted((int(round(strap[0])), int(round(pit[0]))))
        box = m[int(strap[1]):int(pit[1]) + 1, x0:x1 + 1]
        if (strap[0] - pit[0]) * sgn >= 0 or box.size == 0 or 1.0 - float(box.mean()) < ARMHOLE_OPEN:
            return False
    return True
