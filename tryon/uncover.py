"""Take away the old clothes a new bottom or dress leaves uncovered, instead of letting them show.

New trousers are narrower than an old skirt; new legs leave a gap where old legs touched. What
shows there is the old garment, half-visible beside the new one. Those pixels (on the person,
between the new waistband and hem, not the hands) are filled from the background
around them, the way the room would look with the old garment gone.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.compose import skin_mask
from tryon.person import L_ELBOW, L_HIP, L_WRIST, R_ELBOW, R_HIP, R_WRIST, PersonAnalysis
from tryon.warp import Warped

ARM_BAND = 0.3        # width of the forearm band kept as it is, as a share of shoulder width
INPAINT_RADIUS = 5


def uncovered(person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> np.ndarray:
    """Pixels (working res) of old clothing beside or between the new garment's legs."""
    h, w = alpha.shape
    if warped.kind == "upper":
        return np.zeros((h, w), bool)
    rows = np.flatnonzero((alpha > 0.5).any(axis=1))
    if rows.size == 0:
        return np.zeros((h, w), bool)
    # a bottom starts at its waistband; a dress's own top half is beside arms and shoulders, not old clothes
    hip_y = float((person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2) if warped.kind == "full" else 0.0
    y0, y1 = int(max(rows.min(), hip_y)), int(rows.max()) + 1
    band = np.zeros((h, w), bool)
    band[y0:y1] = True
    sw = float(np.linalg.norm(person.point(11) - person.point(12)))
    arms = np.zeros((h, w), np.uint8)
    for el, wr in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        a, b = person.point(el), person.point(wr)
        hand = b + (b - a) * 0.45
        cv2.line(arms, tuple(int(v) for v in a), tuple(int(v) for v in hand), 1, thickness=max(3, int(ARM_BAND * sw)))
    # skin is tested only along the arms: between the waistband and the hem only hands are bare, and
    # elsewhere a print's pale or pink patches would pass for skin and stay behind as old garment
    old = band & (person.mask > 0.5) & (alpha < 0.5) & ~((arms > 0) & skin_mask(person.image))
    return cv2.morphologyEx(old.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)).astype(bool)


def remove_uncovered(original: np.ndarray, person: PersonAnalysis, warped: Warped, alpha: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray | None]:
    """The photo (input res) with the uncovered old clothing painted over from the room around it,
    and where it was painted (float 0..1, input res; None when nothing was).

    The new garment's own area is painted too (it is covered afterwards), so the fill is drawn
    from the background and skin at the outer edge, never from the old garment underneath."""
    region = uncovered(person, warped, alpha)
    H, W = original.shape[:2]
    if not region.any():
        return original, None
    grow = np.ones((5, 5), np.uint8)  # the old garment's soft edge too
    region = cv2.dilate(region.astype(np.uint8), grow) > 0
    hidden = region | (cv2.dilate((alpha > 0.02).astype(np.uint8), grow) > 0)
    ys, xs = np.nonzero(hidden)
    m = 2 * INPAINT_RADIUS + 2  # inpaint only the box around the hidden pixels
    y0, y1 = max(0, ys.min() - m), min(alpha.shape[0], ys.max() + m + 1)
    x0, x1 = max(0, xs.min() - m), min(alpha.shape[1], xs.max() + m + 1)
    filled = person.image.copy()
    filled[y0:y1, x0:x1] = cv2.inpaint(np.ascontiguousarray(person.image[y0:y1, x0:x1]),
                                       hidden[y0:y1, x0:x1].astype(np.uint8), INPAINT_RADIUS, cv2.INPAINT_TELEA)
    if (H, W) != alpha.shape:
        filled = cv2.resize(filled, (W, H), interpolation=cv2.INTER_LINEAR)
        region = cv2.resize(region.astype(np.uint8), (W, H), interpolation=cv2.INTER_NEAREST) > 0
    out = original.copy()
    np.copyto(out, filled, where=region[..., None])
    return out, region.astype(np.float32)
