"""Where a rendered garment lands on the wearer: its hem against their hips, knees and ankles, its
sleeves' ends along their arms.

"How does it look on me?" deserves more than the picture again, and an opinion of the shopper's
looks is not ours to give; where the garment ends on their own body is measured, and what old
clothing it is drawn over where bare arms or legs could not be painted in its place. Only what the
photo shows is said: no hem line below the frame, no sleeve on an arm the pose model did not see.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tryon.analysis.arms import ARM_HALF
from tryon.analysis.person import (L_ANKLE, L_ELBOW, L_HIP, L_KNEE, L_SHOULDER, L_WRIST, R_ANKLE, R_ELBOW, R_HIP, R_KNEE,
                          R_SHOULDER, R_WRIST, PersonAnalysis)
from tryon.fit.sleeve_warp import TO_WRIST
from tryon.fit.warp import Warped

# the hem's band around the body's centre line (share of shoulder width): the body's own lowest
# edge, not a tie or a long sleeve hanging beside it
HEM_CENTRE_BAND = 0.2
# where a hem counts as at a joint: within this share of the stretch to the next joint up or down
AT_JOINT = 0.2
# a hem above this share of the thigh's length ends just below the hips, below it at mid-thigh
MID_THIGH = 0.5
# a sleeve ends "at the elbow" within this share of the upper arm's length either side of it
AT_ELBOW = 0.15
# the share of a sleeve's pixels taken as its end (a stray pixel is not where it ends)
SLEEVE_END = 95.0
HEM_LEVELS = ("above_hips", "hips", "below_hips", "thighs", "knees", "calves", "ankles")
SLEEVE_LEVELS = ("above_elbows", "elbows", "forearms", "wrists")


@dataclass(frozen=True)
class Landing:
    hem: str | None = None       # one of HEM_LEVELS, or None where the photo cannot tell
    sleeves: str | None = None   # one of SLEEVE_LEVELS, or None: sleeveless, or arms not seen
    # old clothing the garment is drawn over: "long_sleeves", "trousers" where bare limbs could not be rebuilt
    # (repaint.shown_over; short sleeves are the "top"), "top" in an outer garment's opening (compose.opening)
    shown_over: tuple[str, ...] = ()


def _mid(person: PersonAnalysis, left: int, right: int) -> float | None:
    if not (person.visible(left) and person.visible(right)):
        return None
    return float(person.point(left)[1] + person.point(right)[1]) / 2


def hem_level(hem_y: float, person: PersonAnalysis) -> str | None:
    """The hem's height in words of the body, from the joints the photo shows."""
    shoulders, hips = _mid(person, L_SHOULDER, R_SHOULDER), _mid(person, L_HIP, R_HIP)
    knees, ankles = _mid(person, L_KNEE, R_KNEE), _mid(person, L_ANKLE, R_ANKLE)
    if shoulders is None or hips is None:
        return None
    if hem_y < hips - AT_JOINT * (hips - shoulders):
        return "above_hips"
    if knees is None:
        return "hips" if hem_y <= hips + AT_JOINT * (hips - shoulders) else None
    thigh = knees - hips
    if hem_y <= hips + AT_JOINT * thigh:
        return "hips"
    if hem_y < hips + MID_THIGH * thigh:
        return "below_hips"
    if hem_y < knees - AT_JOINT * thigh:
        return "thighs"
    if ankles is None:
        return "knees" if hem_y <= knees + AT_JOINT * thigh else None
    shin = ankles - knees
    if hem_y <= knees + AT_JOINT * shin:
        return "knees"
    return "calves" if hem_y < ankles - AT_JOINT * shin else "ankles"


def _sleeve_end(sleeve: np.ndarray, shoulder: np.ndarray, elbow: np.ndarray, wrist: np.ndarray,
                sw: float) -> float | None:
    """How far down its arm a sleeve reaches: 0 at the shoulder, 1 at the elbow, 2 at the wrist. Only
    the sleeve on the arm counts: a short sleeve's inner corner hangs lower beside the body."""
    ys, xs = np.nonzero(sleeve)
    if ys.size == 0:
        return None
    pts = np.stack([xs, ys], axis=1).astype(float)
    reach = np.full(len(pts), -1.0)
    for start, end, base in ((shoulder, elbow, 0.0), (elbow, wrist, 1.0)):
        seg = end - start
        length2 = float(seg @ seg)
        if length2 < 1.0:
            continue
        t = np.clip((pts - start) @ seg / length2, 0.0, 1.0)
        off = np.linalg.norm(pts - (start + t[:, None] * seg), axis=1)
        reach = np.where(off <= ARM_HALF * sw, np.maximum(reach, base + t), reach)
    on = reach[reach >= 0]
    return float(np.percentile(on, SLEEVE_END)) if on.size else None


def sleeve_level(end: float) -> str:
    if end < 1.0 - AT_ELBOW:
        return "above_elbows"
    if end <= 1.0 + AT_ELBOW:
        return "elbows"
    return "forearms" if end < 1.0 + TO_WRIST else "wrists"


def landing(person: PersonAnalysis, warped: Warped, shown_over: tuple[str, ...] = ()) -> Landing:
    """Where the warped garment's hem and sleeves end on this person (working pixels), and what old
    clothing it is shown over."""
    sw = person.shoulder_width
    solid = warped.alpha > 0.5
    centre = person.centre_x
    band = solid[:, max(0, int(centre - HEM_CENTRE_BAND * sw)):int(centre + HEM_CENTRE_BAND * sw) + 1]
    rows = np.flatnonzero(band.any(axis=1))
    hem = None
    if rows.size and not warped.legs and rows[-1] < solid.shape[0] - 2:  # a hem at the frame's edge is unseen
        hem = hem_level(float(rows[-1]), person)
    ends = []
    sleeve = solid & (warped.sleeve > 0.5)
    for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        if sleeve.any() and all(person.visible(i) for i in (shoulder, elbow, wrist)):
            end = _sleeve_end(sleeve, person.point(shoulder), person.point(elbow), person.point(wrist), sw)
            if end is not None:
                ends.append(end)
    return Landing(hem=hem, sleeves=sleeve_level(max(ends)) if ends else None, shown_over=shown_over)
