"""A top's edge between its shoulder seams on the body: a wide neck opening's corners and the edge half way to the
neck lifted onto the shoulders' top. Laid flat, a top's edge runs nearly level from seam to collar; carried onto
the body by the garment's one similarity (`Sim`), it stood below sloping shoulders."""

from __future__ import annotations

from typing import Callable

import numpy as np

from tryon.analysis.body_frame import BodyFrame, shoulder_lift
from tryon.analysis.person import PersonAnalysis
from tryon.fit.target_pairs import Pairs
from tryon.garment.cutout import GarmentCutout

Sim = Callable[[np.ndarray], np.ndarray]   # garment point -> body point, keeping the garment's proportions

OPENING_RISE = 0.15   # share of shoulder width a wide neck opening's corners rise at most onto the shoulders
LIFT_SPREAD = 0.05    # the two shoulder seams' lifts above their joints differ by at most this share of shoulder width
# the point of a top's edge this share of the way from each shoulder seam to the neck, pinned onto the shoulder's
# top: laid flat, the edge runs nearly level from seam to collar; worn, it rises with the shoulders to the neck
MID_SHOULDER = 0.5
# the steepest a shoulder's top rises from its seam towards the neck (tan of about 22 degrees): where the body's
# outline rises faster there, it is hair lying on the shoulder (one test of hair's colour misses fair hair)
SHOULDER_SLOPE = 0.4


def alike(lift_l: float, lift_r: float, sw: float) -> tuple[float, float]:
    """Two lifts above the shoulders held within LIFT_SPREAD of each other, the higher one lowered: a body is near
    symmetric, and a lift much higher than the other is over hair, a collar or a raised shoulder (it tilted the
    garment)."""
    return min(lift_l, lift_r + LIFT_SPREAD * sw), min(lift_r, lift_l + LIFT_SPREAD * sw)


def opening_rise(person: PersonAnalysis, sim: Sim, body: BodyFrame, pairs: Pairs) -> float:
    """Pins a wide neck opening's top corners onto the body's outline above them (flat, a top edge
    runs straight from seam to seam; worn, it rises with the shoulders to the neck: on the seams'
    line a wide neck sat low, baring a band of old top); their mean rise, for the neckline."""
    if "neck_corner_l" not in pairs.g:
        return 0.0
    rises = []
    for side in ("l", "r"):
        corner = sim(pairs.g[f"neck_corner_{side}"])
        rise = min(shoulder_lift(person.mask, corner, body.down, body.sw), OPENING_RISE * body.sw)
        pairs.add(f"neck_corner_{side}", corner - body.down * rise)
        rises.append(rise)
    return float(np.mean(rises))


def shoulder_tops(person: PersonAnalysis, cut: GarmentCutout, sim: Sim, body: BodyFrame, pairs: Pairs) -> None:
    """Pins the top edge between each shoulder seam and the neck (MID_SHOULDER) onto the shoulder's top above it
    (hair falling on it is not the shoulder), as far as a wide opening's corners may rise, the two sides alike
    within LIFT_SPREAD. Carried level from the seams, a tee's edge stood below sloping shoulders, square as a
    box, and the old top between it and the neck was painted out as a wide block of skin. An edge already above
    the body (over the neck), or dipping below its seam into a neckline, is left."""
    g, down, sw, ux, mask = pairs.g, body.down, body.sw, body.ux, person.mask
    edges, lifts = [], []
    for side in "lr":
        x = float(g[f"shoulder_{side}"][0] + MID_SHOULDER * (g["neck"][0] - g[f"shoulder_{side}"][0]))
        column = cut.mask[:, int(round(x))]
        edge = np.array([x, float(np.argmax(column))])
        on = sim(edge)
        col, row = int(round(on[0])), int(round(on[1]))
        inside = 0 <= row < mask.shape[0] and 0 <= col < mask.shape[1] and mask[row, col] >= 0.5
        # below its seam there, the edge is a wide neckline's, which stays where the product has it
        if not column.any() or not inside or edge[1] > g[f"shoulder_{side}"][1]:
            return
        edges.append(edge)
        seam = pairs.target(f"shoulder_{side}")
        slope = float(np.dot(on - seam, down)) + SHOULDER_SLOPE * abs(float(np.dot(on - seam, ux)))
        lifts.append(max(0.0, min(shoulder_lift(mask, on, down, sw), OPENING_RISE * sw, slope)))
    for edge, lift in zip(edges, alike(*lifts, sw)):
        pairs.pin(edge, sim(edge) - down * lift)
