"""How a rebuilt limb is lit across its width, read from bare skin the photo shows.

A limb painted with a made-up rounding and the face's side light (often unknown: the face cut off
by the frame) looked like a flat tube. Bare skin of the same person under the same light shows how
a limb is lit here: a real shin below the old clothing, or the bare forearms. Its lightness across
the limb is fitted with a smooth curve (a tilt, the light's side, and a bend, the limb's roundness),
each held to what a lit rounded limb can show, and painted on the rebuilt limb.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.boxes import around
from tryon.analysis.limbs import Limb, arm_limbs, arm_skin, silhouette, smooth_skin
from tryon.analysis.person import PersonAnalysis
from tryon.analysis.skin import SIDE_LIGHT_MAX, side_light

MIN_SKIN_READ_PX = 60      # px of bare skin a curve is fitted to (fewer: a strap's gap, a sliver beside a hand)
# px the bare skin read keeps inside its outline: there it is mixed with the room (lighter or darker)
SKIN_READ_INSET_PX = 2
# how much darker a limb's outline is than its middle (a cylinder lit from the front): read across them as
# the sheet's people tuned on show their own bare forearms, whose outer fifths are 8% darker than their
# middle third (median; the held-out half's: 16%); 0.3 painted them at 4.5%, a flat strip
ROUNDING = 0.4
LIGHT_GAIN = 0.6        # share of the old clothing's broad lightness changes carried onto the skin
# the most a read curve may darken a limb's outline against its middle (share): more is the room's or
# the torso's shadow read with it; a bend the other way (edges lighter) is the room's light, not a limb's
BEND_MOST = 0.4
# a forearm's bare skin is read within this many slim forearms' width of the pose's line (a real arm is wider)
FOREARM_REACH = 1.3
# a kneecap, lit from the front, is this share lighter than the leg round it, and the hollow under it this
# share darker: about a fold's contrast on skin, enough to read as a knee, too little to read as a patch
KNEE_LIGHT = 0.05
KNEE_SHADE = 0.05
# (drop below the knee joint, half-width across, half-height) of each, in the knee's half-widths: the
# kneecap over the joint, about half the knee across; the hollow under it wider and flat
KNEECAP = (0.0, 0.5, 0.6)
UNDER_KNEECAP = (1.1, 0.8, 0.35)
# the inside of an elbow seen from the front: a shallow crease across the joint, and the forearm's muscle
# rounding out just below it, lit from the front; each about a fold's contrast on skin, as the knee's
CREASE_SHADE = 0.05
MUSCLE_LIGHT = 0.05
# (drop below the elbow joint, half-width across, half-height along) in the elbow's half-widths: the crease
# a thin line across most of the arm, the muscle a broad oval a forearm's width below it
ELBOW_CREASE = (0.0, 0.7, 0.25)
FOREARM_MUSCLE = (1.5, 0.6, 1.2)


def across(limbs: list[Limb], body: np.ndarray, origin: tuple[int, int]) -> np.ndarray:
    """Per pixel of `body` (a crop whose top-left is `origin` = (x, y) in the working frame), where it
    lies across its limb: 0 on the centre line, -1 and 1 at the outline on the image's left and right
    sides (a limb's cross-section, sin of the surface's angle)."""
    lines = np.full(body.shape, 255, np.uint8)
    for limb in limbs:
        pts = np.round(limb.joints - np.array(origin, np.float64)).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(lines, [pts], False, 0, 1)
    if lines.all():
        return np.zeros(body.shape, np.float32)
    from_centre, label = cv2.distanceTransformWithLabels(lines, cv2.DIST_L2, 3, labelType=cv2.DIST_LABEL_PIXEL)
    centre_x = np.flatnonzero(lines.ravel() == 0) % body.shape[1]  # labels count the centre pixels in raster order
    to_edge = cv2.distanceTransform(body.astype(np.uint8), cv2.DIST_L2, 3)
    side = np.sign(np.arange(body.shape[1])[None, :] - centre_x[label - 1])
    return side * np.clip(from_centre / np.maximum(from_centre + to_edge, 1e-3), 0.0, 1.0)


def curve(light: np.ndarray, pos: np.ndarray, seen: np.ndarray) -> np.ndarray | None:
    """(tilt, bend, reach) of the lightness of the `seen` pixels (eroded SKIN_READ_INSET_PX) against their place
    `pos` across the limb, as a share of the middle's: light(pos) = 1 + tilt * pos + bend * pos^2, read
    out to |pos| = reach. None when too few are seen."""
    seen = cv2.erode(seen.astype(np.uint8), np.ones((2 * SKIN_READ_INSET_PX + 1,) * 2, np.uint8)) > 0
    if int(seen.sum()) < MIN_SKIN_READ_PX:
        return None
    p, v = pos[seen].astype(np.float64), light[seen].astype(np.float64)
    mid, tilt, bend = np.linalg.lstsq(np.stack([np.ones_like(p), p, p * p], 1), v, rcond=None)[0]
    mid = max(float(mid), 1.0)
    return np.array([float(np.clip(tilt / mid, -SIDE_LIGHT_MAX, SIDE_LIGHT_MAX)),
                     float(np.clip(bend / mid, -BEND_MOST, 0.0)), float(np.percentile(np.abs(p), 95))])


def rounded(pos: np.ndarray) -> np.ndarray:
    """A limb's lightness share at `pos` across it (-1..1), lit from the front: darker to its outline."""
    return 1.0 - ROUNDING * (1.0 - np.sqrt(np.maximum(1.0 - pos ** 2, 0.0)))


def lit(fitted: np.ndarray, pos: np.ndarray, rounded) -> np.ndarray:
    """Lightness share per pixel at `pos` across the limb (-1..1) from a `curve`; past the reach it was
    read to (the outline, where the skin test fails on pixels mixed with the room) the curve's last
    value darkened on as the modelled rounding `rounded` (a function of `pos`) darkens from there: cut
    over to the model's own value, the outline stood out as a dark rim along a stepped line."""
    tilt, bend, reach = fitted
    inside = np.clip(pos, -reach, reach)
    got = 1.0 + tilt * inside + bend * inside * inside
    return (got * rounded(pos) / rounded(inside)).astype(np.float32)


def limb_lit(person: PersonAnalysis, fitted: np.ndarray | None, pos: np.ndarray) -> np.ndarray:
    """Lightness share per pixel at `pos` across a limb: as the `fitted` curve of bare skin in the photo lights it,
    else modelled (`rounded`, its side towards the face's light lighter)."""
    return rounded(pos) + side_light(person) * pos if fitted is None else lit(fitted, pos, rounded)


def forearm_curve(person: PersonAnalysis) -> np.ndarray | None:
    """The bare forearms' `curve`, both arms' averaged (each arm's side against the torso is in its
    shadow; averaged, what is left is the light's side and a limb's roundness in this photo), or None
    unless both show bare (once per photo). A leg rebuilt under trousers, with no shin of its own to
    read, is lit as the arms are."""
    return person.derived("forearm_curve", lambda: _forearm_curve(person))


def _forearm_curve(person: PersonAnalysis) -> np.ndarray | None:
    bare = arm_skin(person) & smooth_skin(person) & person.body
    h, w = bare.shape
    read = []
    for arm in arm_limbs(person):
        forearm = arm._replace(joints=arm.joints[1:3], halves=arm.halves[1:3] * FOREARM_REACH)
        seen = silhouette([forearm], (h, w)) & bare
        if not seen.any():
            continue
        box = around(seen, 0)
        pos = across([forearm], bare[box], (box[1].start, box[0].start))
        got = curve(person.lab[box][..., 0], pos, seen[box])
        if got is not None:
            read.append(got)
    if len(read) < 2:   # one arm's curve is its side against the torso's shadow as much as the light
        return None
    return np.mean(np.array(read), axis=0)


def knee(leg: Limb, box: tuple[slice, slice]) -> np.ndarray:
    """Lightness share to add inside `box` round a leg's knee (its second joint): the kneecap standing
    out lighter, the hollow under it darker. Without them a rebuilt leg was a tube from hip to ankle."""
    return oval_marks(leg.joints[1], np.array([0.0, 1.0]), float(leg.halves[1]), box,
                  ((KNEECAP, KNEE_LIGHT), (UNDER_KNEECAP, -KNEE_SHADE)))


def elbow(arm: Limb, box: tuple[slice, slice]) -> np.ndarray:
    """Lightness share to add inside `box` round an arm's elbow (its second joint), in the forearm's
    frame: the crease across the inside of the elbow darker, the forearm's muscle below it lighter.
    Without them a rebuilt arm was a strip of one shade from shoulder to wrist."""
    down = arm.joints[2] - arm.joints[1]
    return oval_marks(arm.joints[1], down / max(float(np.linalg.norm(down)), 1e-6), float(arm.halves[1]), box,
                  ((ELBOW_CREASE, -CREASE_SHADE), (FOREARM_MUSCLE, MUSCLE_LIGHT)))


def oval_marks(joint: np.ndarray, down: np.ndarray, half: float, box: tuple[slice, slice], marks) -> np.ndarray:
    """Sum of soft ovals round a joint, each ((drop down the limb, half-width across, half-height along),
    in the joint's half-widths; gain), `down` the limb's unit direction below the joint."""
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float32)[:, None] - np.float32(joint[1])
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :] - np.float32(joint[0])
    along = xs * np.float32(down[0]) + ys * np.float32(down[1])
    across = xs * np.float32(-down[1]) + ys * np.float32(down[0])
    half = max(half, 1.0)
    out = np.zeros((ys.shape[0], xs.shape[1]), np.float32)
    for (dy, sx, sy), gain in marks:
        out += gain * np.exp(-0.5 * ((across / (sx * half)) ** 2 + ((along - dy * half) / (sy * half)) ** 2))
    return out
