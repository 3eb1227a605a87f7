"""Which pixels of an arm's band are the arm, not the old top it hangs against.

The band round the pose's arm line is an arm's width whatever the photo shows: on a body turned a
little, the far arm is seen narrower, and the band takes in the side of the old top; where that top is
skin-coloured (no face to narrow the skin test to this person) it stays in front of the new garment.
Row by row, the arm is what looks like the band's outer rim (against the background: surely arm, bare
or sleeved), and the old top what looks like the body just inside the band's inner edge. A band pixel
near the inside's colour and nearer it than the rim's is the old top, unless the skin test, narrowed to
this person's face, calls it skin (a forearm in shade against a beige top is still arm).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.arms import arm_band
from tryon.person import L_SHOULDER, R_SHOULDER, PersonAnalysis
from tryon.skin import lab_distances

RIM_PX = 3            # px of the band inside the outline against the background: the arm's own colour
INSIDE_PX = 0.06      # share of shoulder width: the strip of body just inside the band, the old top's colour there
ROWS = 0.05           # share of shoulder width: rows either side pooled for both colours
DISTINCT = 12.0       # Lab distance under which arm and old top cannot be told apart (the row is kept whole)
# a band pixel is the old top only within this Lab distance of the inside's colour: an arm's shaded
# inner side is darker than its lit rim, but no nearer the top's colour for that
TOP_NEAR = 18.0
SMOOTH_PX = 5         # a print's or check's fine detail averaged out before colours are compared
MIN_SAMPLE = 8        # px of rim or inside needed in a row's pool to trust its colour


def arm_in_front(person: PersonAnalysis, start: str) -> np.ndarray:
    """`arm_band(person, start)` less what looks like the old top rather than the arm (once per photo)."""
    return person.derived(("arm_in_front", start), lambda: _arm_in_front(person, start))


def _arm_in_front(person: PersonAnalysis, start: str) -> np.ndarray:
    band = arm_band(person, start)
    if not band.any():
        return band
    body = person.mask > 0.5
    sw = person.shoulder_width
    lab = cv2.blur(person.lab, (SMOOTH_PX, SMOOTH_PX))
    background = cv2.dilate((~body).astype(np.uint8), np.ones((2 * RIM_PX + 1,) * 2, np.uint8)) > 0
    centre = float(person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2
    strip, pool = max(2, int(INSIDE_PX * sw)), max(1, int(ROWS * sw))
    out = band.copy()
    # with a face the skin test is this person's own tone, and what it calls skin is arm
    sure_skin = person.skin if person.face_box is not None else np.zeros_like(band)
    n, labels = cv2.connectedComponents(band.astype(np.uint8))
    for i in range(1, n):
        arm = labels == i
        ys = np.flatnonzero(arm.any(axis=1))
        inward = 1 if float(np.nonzero(arm)[1].mean()) < centre else -1
        rim, inside = arm & body & background, np.zeros_like(arm)
        for y in ys:
            xs = np.flatnonzero(arm[y])
            edge = xs[-1] if inward > 0 else xs[0]
            lo, hi = sorted((edge + inward, edge + inward * strip))
            inside[y, max(0, lo):hi + 1] = body[y, max(0, lo):hi + 1] & ~band[y, max(0, lo):hi + 1]
        for y in ys:
            rows = slice(max(0, y - pool), y + pool + 1)
            rim_px, in_px = lab[rows][rim[rows]], lab[rows][inside[rows]]
            if len(rim_px) < MIN_SAMPLE or len(in_px) < MIN_SAMPLE:
                continue
            arm_colour, top = np.median(rim_px, axis=0), np.median(in_px, axis=0)
            if float(lab_distances(arm_colour[None].astype(np.uint8), top)[0]) < DISTINCT:
                continue
            xs = np.flatnonzero(arm[y] & body[y] & ~sure_skin[y])
            px = lab[y, xs][:, None]
            to_top = lab_distances(px, top)[:, 0]
            out[y, xs[(to_top < TOP_NEAR) & (to_top < lab_distances(px, arm_colour)[:, 0])]] = False
    return out
