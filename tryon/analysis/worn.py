"""The garment a person in a photo is wearing, cut out on white, so it can be searched by photo.

A shopper sends a photo of someone in a jacket they like ("find me this jacket"). The person
mask and the pose say where the body is; the garment of the part asked for is the person's
pixels in that part's band of the body (shoulders to hips for a top, hips to ankles for
bottoms, shoulders down for a dress) that are not skin, not face and not hair above the
shoulders. What is left is laid on white, as a product shot is.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.person import L_ANKLE, L_HIP, L_SHOULDER, R_ANKLE, R_HIP, R_SHOULDER, VISIBLE, PersonAnalysis

PAD_VALUE = 255
SWEEP_MARGIN = 0.1            # white margin around the garment, as a share of its size: a product shot's sweep
COLLAR_DROP = 0.15      # a top starts this share of shoulder width above the shoulder line (collars, hoods)
SLEEVE_REACH = 0.9         # the band runs this share of shoulder width beyond each shoulder (sleeves)
HIP_MARGIN = 0.0        # a top ends at the hip joints: lower, it would take in the waistband of what is below
MIN_GARMENT_SHARE = 0.02  # garment pixels below this share of the photo: nothing of that part to search by
HIPS_TO_SHOULDERS = 1.4  # shoulder width over hip-joint width, for a photo of the legs alone
CLEAN = 5               # px (working res): specks opened away, seams closed


def worn_garment(person: PersonAnalysis, part: str) -> np.ndarray | None:
    """The RGB cut-out (working resolution, on white) of what `person` wears on `part` ("upper",
    "lower" or "full"); None when the photo does not show that part of the body."""
    band = _band(person, part)
    if band is None:
        return None
    garment = band & person.body & ~person.skin
    if person.face_box is not None:
        x0, y0, x1, y1 = person.face_box
        garment[:max(0, y1), max(0, x0):max(0, x1)] = False
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (CLEAN, CLEAN))
    garment = cv2.morphologyEx(cv2.morphologyEx(garment.astype(np.uint8), cv2.MORPH_OPEN, kernel),
                               cv2.MORPH_CLOSE, kernel).astype(bool)
    if garment.mean() < MIN_GARMENT_SHARE:
        return None
    ys, xs = np.nonzero(garment)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    dy, dx = round((y1 - y0) * SWEEP_MARGIN), round((x1 - x0) * SWEEP_MARGIN)
    cut = np.full((y1 - y0 + 2 * dy, x1 - x0 + 2 * dx, 3), PAD_VALUE, np.uint8)
    inside = garment[y0:y1, x0:x1]
    cut[dy:dy + y1 - y0, dx:dx + x1 - x0][inside] = person.image[y0:y1, x0:x1][inside]
    return cut


def _band(person: PersonAnalysis, part: str) -> np.ndarray | None:
    """The rows and columns of the body where that part's garment sits, or None when unseen. A top
    or a dress needs the shoulders (a portrait cut off at the chest still shows most of a jacket);
    bottoms need the hips."""
    seen = {i for i in (L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, L_ANKLE, R_ANKLE) if person.landmarks[i, 2] >= VISIBLE}
    anchors = (L_HIP, R_HIP) if part == "lower" else (L_SHOULDER, R_SHOULDER)
    if not set(anchors) <= seen:
        return None
    height, width = person.mask.shape
    points = [person.point(i) for i in (L_SHOULDER, R_SHOULDER, L_HIP, R_HIP) if i in seen]
    span = person.shoulder_width if {L_SHOULDER, R_SHOULDER} <= seen else _hip_width(person)
    hips = [person.point(i)[1] for i in (L_HIP, R_HIP) if i in seen]
    if part == "lower":
        top = min(hips)
        ankles = [person.point(i)[1] for i in (L_ANKLE, R_ANKLE) if i in seen]
        bottom = max(ankles) if ankles else height
    else:
        top = min(person.point(i)[1] for i in anchors) - COLLAR_DROP * span
        bottom = max(hips) + HIP_MARGIN * span if part == "upper" and len(hips) == 2 else height
    left = min(p[0] for p in points) - SLEEVE_REACH * span
    right = max(p[0] for p in points) + SLEEVE_REACH * span
    band = np.zeros((height, width), bool)
    band[max(0, int(top)):min(height, int(bottom)), max(0, int(left)):min(width, int(right))] = True
    return band


def _hip_width(person: PersonAnalysis) -> float:
    return float(np.linalg.norm(person.point(L_HIP) - person.point(R_HIP))) * HIPS_TO_SHOULDERS
