"""Armpits of sleeved dresses on real product photos (../shared/tryon_dev, skipped cleanly when absent): a
bodice whose sides (lace side panels) stand wider than its waist keeps its armpits at the top of the gap
under each sleeve, not at the usual depth up on the sleeve, where the warp pinned the sleeve's underside
to the wearer's armpits and it hung down both sides in loose strips."""

from __future__ import annotations

import numpy as np

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.engine import load_garment
from tryon.garment.cutting import cut_out

pytestmark = needs_dev_set

LACE = "dress_053290_1.jpg"   # short sleeves set deep into a bodice with contrasting lace side panels
GAP_MARGIN = 0.15             # share of the shoulder seams' span an armpit may lie off the top of its gap


def _gap_top(mask: np.ndarray, sleeve: np.ndarray, cx: int, sgn: int) -> int:
    """The first row below which, all the way down the sleeve, the backdrop shows between it and the
    body's run through the centre column (read off the rows, not the engine's helpers)."""
    apart = []
    for y in range(mask.shape[0]):
        row = mask[y]
        gaps = np.flatnonzero(~row[:cx][::-1]) if sgn < 0 else np.flatnonzero(~row[cx:])
        if not gaps.size:
            apart.append(False)
            continue
        edge = cx - 1 - int(gaps[0]) if sgn < 0 else cx + int(gaps[0])  # first backdrop pixel past the body
        apart.append(bool(sleeve[y, :edge].any() if sgn < 0 else sleeve[y, edge:].any()))
    apart = np.array(apart)
    last = int(np.flatnonzero(apart)[-1])
    joined = np.flatnonzero(~apart[:last])
    return int(joined[-1]) + 1


def test_armpits_of_a_bodice_with_side_panels_are_at_the_gap_under_the_sleeves():
    """The dress's waist is narrower than its bodice under the sleeves, so the column just outside the
    measured torso ran on down the side panels and both armpits were put at the usual depth, 37 and 48 px
    (0.32 and 0.42 of the shoulder seams' span) above the gaps under the sleeves on the old code."""
    cut = cut_out(load_garment(str(IMAGES / LACE)), "full")
    P = cut.points
    span = float(P["shoulder_r"][0] - P["shoulder_l"][0])
    cx = int(round(P["neck"][0]))
    for side, sgn in (("l", -1), ("r", 1)):
        top = _gap_top(cut.mask, cut.sleeve, cx, sgn)
        assert abs(P[f"armpit_{side}"][1] - top) <= GAP_MARGIN * span, (side, P[f"armpit_{side}"], top)
