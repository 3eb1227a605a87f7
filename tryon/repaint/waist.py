"""A bare torso's outline seen from the front, from the pose and the area painted as skin.

Skin painted over the old cloth between a cropped top's hem and the waist took the old cloth's outline
and its light was rounded to it: a loose dress's straight sides, the arms' inner edges, a board of one
width from the ribs down, as dark at its sides as a limb's outline. A torso's sides round the ribs are
where the arms hanging against it hide them (their centre lines, else the area's own sides), and it
narrows from there to its natural waist (the pose's) and widens again to the hips.
"""

from __future__ import annotations

import numpy as np

from tryon.analysis.body_frame import body_frame
from tryon.analysis.limbs import arm_limbs
from tryon.analysis.person import PersonAnalysis
from tryon.fit.targets import WAIST_DEPTH

# share of shoulder width (the pose's shoulder joints) a torso's natural waist is across from the front, at
# most: a waist of about 27 cm under shoulder joints about 34 cm apart
WAIST_WIDTH = 0.8
# share of shoulder width an upper arm is across from the front: an arm whose centre line lies within that
# outside the area's side hangs against the torso, hiding its side
ARM_WIDTH = 0.25
# percentile of the area's rows' ends taken as its sides round the ribs: its outermost rows but for a few
# (a speck beside an arm); the median cut a fitted dress's side panels off where the body widens to the arms,
# and the room filled in there stood as a white strip down the torso's side
OUTER = 10


def _arm_lines(person: PersonAnalysis, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row in `rows`, the column of the pose's centre line (shoulder, elbow, wrist) of the arm on the
    image's left and of the one on its right, NaN on rows the arm does not span."""
    rows = rows.astype(np.float64)
    left = right = np.full(rows.shape, np.nan)
    for arm in arm_limbs(person):
        ys, xs = arm.joints[:3, 1], arm.joints[:3, 0]
        order = np.argsort(ys)
        at = np.interp(rows, ys[order], xs[order])
        at[(rows < ys.min()) | (rows > ys.max())] = np.nan
        if float(xs.mean()) < person.centre_x:
            left = at
        else:
            right = at
    return left, right


def torso_outline(person: PersonAnalysis, area: np.ndarray, rows: np.ndarray) -> tuple[float, np.ndarray] | None:
    """The torso's centre column and, per row in `rows`, its half-width (working res): round the ribs the
    outermost (OUTER) of the ends of `area`'s rows, each carried out to the centre line of an arm lying within
    ARM_WIDTH outside it; at the natural waist (`targets.WAIST_DEPTH` down the torso) no wider than
    WAIST_WIDTH; easing between as a cosine, from the waist back to the ribs' width at the hip joints' row
    below it and as far above it. None when `area` is empty."""
    seen = np.flatnonzero(area.any(axis=1))
    if seen.size == 0:
        return None
    w = area.shape[1]
    sw = person.shoulder_width
    left = np.argmax(area[seen], axis=1).astype(np.float64)
    right = (w - 1 - np.argmax(area[seen][:, ::-1], axis=1)).astype(np.float64)
    arm_l, arm_r = _arm_lines(person, seen)
    with np.errstate(invalid="ignore"):  # NaN: no arm on that row
        left = np.where((left - arm_l >= 0) & (left - arm_l <= ARM_WIDTH * sw), arm_l, left)
        right = np.where((arm_r - right >= 0) & (arm_r - right <= ARM_WIDTH * sw), arm_r, right)
    left, right = float(np.percentile(left, OUTER)), float(np.percentile(right, 100 - OUTER))
    ribs = max((right - left) / 2, 1.0)
    waist_half = min(ribs, WAIST_WIDTH * sw / 2)
    body = body_frame(person)
    waist = float((body.mid_s + body.axis_dir * WAIST_DEPTH * body.torso_len)[1])
    reach = max(float(body.mid_h[1]) - waist, 1.0)
    off = np.clip(np.abs(rows.astype(np.float32) - waist) / reach, 0.0, 1.0)
    return (left + right) / 2, (ribs - (ribs - waist_half) * 0.5 * (1.0 + np.cos(np.pi * off))).astype(np.float32)


def waisted(person: PersonAnalysis, area: np.ndarray) -> np.ndarray:
    """The pixels (working res) inside the torso's outline (`torso_outline`) of `area`, a bared midriff:
    all of them on the rows above it."""
    h, w = area.shape
    out = np.ones((h, w), bool)
    rows = np.flatnonzero(area.any(axis=1))
    if rows.size == 0:
        return out
    below = np.arange(rows[0], h)
    centre, half = torso_outline(person, area, below)
    out[rows[0]:] = np.abs(np.arange(w, dtype=np.float32)[None, :] - centre) <= half[:, None] + 0.5
    return out
