"""The body's frame from the pose (its axes, shoulder width, torso length) and its widths from the
person mask: the measures every garment keypoint's target is set from."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tryon.analysis.person import L_HIP, L_SHOULDER, R_HIP, R_SHOULDER, PersonAnalysis

# a torso's cross-section is about this deep (front to back) for its width
TORSO_DEPTH = 0.7
# a camera at chest height: this share of the torso (shoulder joints to hip joints) below the shoulders
CAMERA_AT = 0.35
# sine of the angle the camera looks down at the hip joints' height (growing from 0 at its own height):
# the front of a level ring round the torso there hangs below its sides by this share of its half-depth
VIEW_DOWN = 0.3
# the natural waist lies this share of the torso (shoulder joints to hip joints) below the shoulder joints
WAIST_DEPTH = 0.62


def mask_half_width(mask: np.ndarray, y: float, cx: float) -> float | None:
    """Half the width of the mask's run through (cx, y) in that row; None off the mask."""
    yi = int(round(y))
    if not 0 <= yi < mask.shape[0]:
        return None
    half = float(row_half_widths(mask, yi, yi + 1, cx)[0])
    return None if np.isnan(half) else half


def row_half_widths(mask: np.ndarray, y0: int, y1: int, cx: float) -> np.ndarray:
    """`mask_half_width` through column cx for each row from y0 to y1 (NaN off the mask), all rows at
    once: a loop over rows was a render's slowest way to find a neck."""
    w = mask.shape[1]
    rows = mask[max(0, y0):max(0, y1)] > 0.5
    xi = int(np.clip(round(cx), 0, w - 1))
    leftward, rightward = rows[:, xi::-1], rows[:, xi:]
    left = np.where(leftward.all(axis=1), 0, xi - np.argmin(leftward, axis=1))
    right = np.where(rightward.all(axis=1), w - 1, xi + np.argmin(rightward, axis=1))
    return np.where(rows[:, xi], (right - left) / 2.0, np.nan)


@dataclass(frozen=True)
class BodyFrame:
    """The body's frame from the pose (image-left is the person's right)."""

    ls: np.ndarray
    rs: np.ndarray
    lh: np.ndarray
    rh: np.ndarray
    ux: np.ndarray         # across the shoulders, image-left to image-right
    down: np.ndarray       # square to it, downwards
    sw: float              # shoulder width
    mid_s: np.ndarray
    mid_h: np.ndarray
    torso_len: float
    axis_dir: np.ndarray   # down the torso

    @property
    def waist(self) -> np.ndarray:
        """The natural waist on the torso's axis: WAIST_DEPTH of the torso below the shoulders' midpoint."""
        return self.mid_s + self.axis_dir * WAIST_DEPTH * self.torso_len


def body_frame(person: PersonAnalysis) -> BodyFrame:
    ls, rs = person.point(R_SHOULDER), person.point(L_SHOULDER)
    lh, rh = person.point(R_HIP), person.point(L_HIP)
    across = rs - ls
    sw = float(np.linalg.norm(across))
    ux = across / max(sw, 1e-6)
    down = np.array([-ux[1], ux[0]])
    if down[1] < 0:
        down = -down
    mid_s = (ls + rs) / 2
    mid_h = (lh + rh) / 2
    torso_len = float(np.linalg.norm(mid_h - mid_s))
    if torso_len < 0.8 * sw:  # implausible hip estimate
        torso_len = 1.5 * sw
    axis_dir = (mid_h - mid_s) / max(1e-6, float(np.linalg.norm(mid_h - mid_s)))
    if axis_dir[1] < 0.5:
        axis_dir = down
    return BodyFrame(ls, rs, lh, rh, ux, down, sw, mid_s, mid_h, torso_len, axis_dir)


def waist_row(person: PersonAnalysis) -> float:
    """The natural waist's row (`BodyFrame.waist`)."""
    return float(body_frame(person).waist[1])


def shoulder_lift(mask: np.ndarray, joint: np.ndarray, down: np.ndarray, sw: float) -> float:
    """How far above a shoulder joint the seam goes: to just inside the body's silhouette top over
    the joint.

    The pose landmark is the joint centre, well below the shoulder's top surface (by up to a
    fifth of the shoulder width on square-shouldered jackets); a seam pinned to the joint leaves
    a band of the old garment showing above the new one. The lift is measured over the joint, not
    at the seam: out there the shoulder has already rounded down towards the arm, and a seam
    pinned to that lower outline leaves the top of the shoulder bare above a sleeved top."""
    h, w = mask.shape
    inset = 0.04 * sw
    steps = np.arange(0.0, 0.3 * sw, 1.0)
    x, y = (joint[None, :] - down[None, :] * steps[:, None]).T  # every step up at once
    on = (0 <= x) & (x < w) & (0 <= y) & (y < h)
    on[on] = mask[y[on].astype(int), x[on].astype(int)] >= 0.5
    off = np.flatnonzero(~on)
    last = (off[0] if off.size else steps.size) - 1  # the last step still on the body, before the first off it
    top = float(steps[last]) if last >= 0 else 0.0
    return max(0.04 * sw, top - inset)
