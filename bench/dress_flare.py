"""Flare-true width of a dress render: is the skirt shown wider than the product is cut?

The product shot gives the skirt's own flare: its width at each height over its width at the hips.
Worn, the same skirt's width at that height over the wearer's hip width can be at most that (laid
flat a skirt is spread to its whole width, worn it hangs in folds), with the ease a garment has over
the body. A render within that envelope is the product's flare, however wide, never spill; what
stands outside it is over-wide, whatever the person mask says. Heights are matched through the
warp's own keypoint pairs (garment y -> body y, fitted on all pairs), so no proportion is assumed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tryon.analysis.body_frame import mask_half_width
from tryon.garment.cutout import GarmentCutout
from tryon.analysis.person import L_HIP, R_HIP, PersonAnalysis
from tryon.fit.targets import EASE

# the body's hip half-width as a share of the distance between the hip joints: the person mask over
# the hips, bounded to the range bare or fitted hips span on the dev people (1.0-1.3), so hands or a
# wide old skirt beside the hips are not read as hips
HIP_HALF = (1.0, 1.3)


@dataclass(frozen=True)
class FlareFit:
    """How a rendered skirt's width compares with the product's own proportions."""

    over_wide: float   # share of the rendered garment outside the product-proportional envelope
    ratio: float       # p90 over the skirt's rows of (render width / body hips) / (product width / product hips)


def _row_widths(mask: np.ndarray) -> np.ndarray:
    """Each row's extent (last - first + 1) of True; 0 for an empty row."""
    filled = mask.any(axis=1)
    first = mask.argmax(axis=1)
    last = mask.shape[1] - 1 - np.flip(mask, axis=1).argmax(axis=1)
    return np.where(filled, last - first + 1, 0).astype(float)


def _body_hip_width(person: PersonAnalysis) -> tuple[float, float]:
    """(hip row, the body's hip width) in working px."""
    lh, rh = person.point(L_HIP), person.point(R_HIP)
    mid, joints = (lh + rh) / 2, float(np.linalg.norm(lh - rh))
    half = mask_half_width(person.mask, float(mid[1]), float(mid[0])) or HIP_HALF[0] * joints
    return float(mid[1]), 2.0 * float(np.clip(half, HIP_HALF[0] * joints, HIP_HALF[1] * joints))


def flare_fit(person: PersonAnalysis, cut: GarmentCutout, shown: np.ndarray,
              pairs: tuple[np.ndarray, np.ndarray]) -> FlareFit:
    """`shown`: the garment's alpha as composed (working res); `pairs`: the warp's (garment, body) points."""
    src, dst = (np.asarray(p, float) for p in pairs)
    a, b = np.polyfit(src[:, 1], dst[:, 1], 1)  # body y = a * garment y + b
    hip_y, body_hip = _body_hip_width(person)
    rendered = shown > 0.5
    widths, product = _row_widths(rendered), _row_widths(cut.mask)
    g_hip = int(round((hip_y - b) / a))
    total = float(rendered.sum())
    if total == 0 or not 0 <= g_hip < product.size or product[g_hip] == 0:
        return FlareFit(0.0, 1.0)
    excess, ratios = 0.0, []
    for y in range(int(np.ceil(hip_y)), rendered.shape[0]):
        gy = int(round((y - b) / a))
        if widths[y] == 0 or not 0 <= gy < product.size or product[gy] == 0:
            continue
        allowed = EASE * body_hip * product[gy] / product[g_hip]
        excess += max(0.0, widths[y] - allowed)
        ratios.append(widths[y] / allowed * EASE)
    if not ratios:
        return FlareFit(0.0, 1.0)
    return FlareFit(excess / total, float(np.percentile(ratios, 90)))
