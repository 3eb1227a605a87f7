"""How much of a warped garment may show per pixel: on (a little beyond) the person, never out into the room.

Read by the layering (the garment's alpha) and by the quality gate (how much the clip cut away).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.person import L_HIP, R_HIP, PersonAnalysis
from tryon.fit.legs import trouser_room
from tryon.fit.warp import Warped
from tryon.shared.boxes import around
from tryon.shared.morph import dilate

FLARE_SLOPE = 0.3   # a skirt's side may stand off the legs by this much per unit of height below the hips
CLIP_MARGIN = 0.03  # share of shoulder width a garment may stand off the body's outline
CLIP_SOFT = 1.0     # px: the clip's edge is softened by a Gaussian this wide
# px: twice the 4 px OpenCV's float Gaussian kernel for CLIP_SOFT reaches (9 wide): blurred in the box this far
# round what may show, the box's mirrored border reads only zeros, and the clip is the same as the frame's
CLIP_REACH = 8


def body_clip(person: PersonAnalysis, warped: Warped) -> np.ndarray:
    """How much garment may show per pixel: on (a little beyond) the person, so sleeves never float
    over things beside the body and trouser legs follow the legs; below the hips a skirt or dress
    may flare, but only as far as a skirt hangs from the hips, never out into the room; trouser legs
    as far round each leg as they may ease out (`trouser_room`)."""
    return kind_clip(person, warped.kind, warped.legs)


def kind_clip(person: PersonAnalysis, kind: str, legs: bool) -> np.ndarray:
    """`body_clip` for a garment of this kind, with legs of its own or not (once per photo and shape)."""
    shape = "legs" if legs else "skirt" if kind != "upper" else "body"
    return person.derived(("body_clip", shape), lambda: _body_clip(person, shape))


def skirt_body(person: PersonAnalysis) -> np.ndarray:
    """The person mask (uint8) with the gap between the legs closed below the hips: what a skirt
    hanging straight down covers. Above the hips the gap between arm and waist stays open."""
    h = person.mask.shape[0]
    body = person.body.astype(np.uint8)
    hip_y = float((person.point(23)[1] + person.point(24)[1]) / 2)
    hip_w = float(np.linalg.norm(person.point(23) - person.point(24)))
    k = max(3, int(1.2 * hip_w) | 1)  # a skirt hangs across the gap between the legs
    closed = cv2.morphologyEx(body, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    top = int(np.clip(hip_y, 0, h))
    closed[:top] = body[:top]
    return closed


def _body_clip(person: PersonAnalysis, shape: str) -> np.ndarray:
    h, w = person.mask.shape
    sw = person.shoulder_width
    r = max(2, int(CLIP_MARGIN * sw))
    near = np.zeros((h, w), np.uint8)
    if person.body.any():  # dilated in the box round the body as far as it reaches: the same there as the frame's
        box, disc = around(person.body, r), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2)
        near[box] = dilate(person.body[box].astype(np.uint8), disc)
    if shape == "legs":
        near |= trouser_room(person).astype(np.uint8)
    if shape == "body":  # a top's hem hangs straight across the gap between the legs, not up into it
        hip_y, hip_x = (float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2,
                        sorted((float(person.point(L_HIP)[0]), float(person.point(R_HIP)[0]))))
        near[int(np.clip(hip_y, 0, h)):, int(np.clip(hip_x[0], 0, w)):int(np.clip(hip_x[1], 0, w)) + 1] = 1
    if shape == "skirt":
        hip_y = float((person.point(23)[1] + person.point(24)[1]) / 2)
        dist = cv2.distanceTransform((1 - skirt_body(person)).astype(np.uint8), cv2.DIST_L2, 3)
        below = np.clip(np.arange(h, dtype=np.float32) - hip_y, 0, None)[:, None]
        near = np.maximum(near, (dist <= r + FLARE_SLOPE * below).astype(np.uint8))
    out = np.zeros((h, w), np.float32)
    if near.any():  # blurred in the box round it, past which the blur is 0 (`CLIP_REACH`)
        box = around(near, CLIP_REACH)
        out[box] = cv2.GaussianBlur(near[box].astype(np.float32), (0, 0), CLIP_SOFT)
    return out
