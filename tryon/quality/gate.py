"""The render's own quality check: is what we are about to show a garment worn, or a broken image?

Measured without ground truth on the engine's own intermediate results: the warp's Jacobian
(folds, flips, stretch, shear), garment pixels off the body (spill), how much of the body region
the garment should cover it does cover, and whether long sleeves lie across the body. Old sleeves
below new ones are no reason to refuse: they are replaced by bare arms, or the garment is shown
over them and the render says so (`uncover_limbs`). Thresholds live in one table; a failing render raises
RenderRefusedError whose message says which of these went wrong, in a shopper's words.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tryon.fit.body_clip import body_clip
from tryon.errors import RenderRefusedError
from tryon.fit.tps import MAX_FOLD, MAX_SHEAR, MAX_STRETCH
from tryon.fit.warp import Warped
from tryon.analysis.body_frame import waist_row
from tryon.analysis.person import L_HIP, L_KNEE, L_SHOULDER, R_HIP, R_KNEE, R_SHOULDER, PersonAnalysis

# Limits a render must stay within; each names the shopper-facing reason when broken.
LIMITS = {
    "fold": MAX_FOLD,        # share of the garment where the warp flips orientation
    "stretch": MAX_STRETCH,  # spread of the warp's local area change across the garment
    "shear": MAX_SHEAR,      # how much more the warp pulls the garment one way than the other
    "spill": 0.25,           # share of the warped garment that landed off the body and was cut away
    "coverage": 0.55,    # share of the body region the garment should cover that it covers
    # share of the torso a garment's long sleeves cover: an arm hanging against the body takes a strip at
    # its side (at most 0.12 on the dev photos); more is the product shot's body read as sleeve
    "sleeves_on_body": 0.2,
    # share of the torso down to the waist where the shopper's own top still shows round a top (not outerwear,
    # worn open over it): a bandeau over a cardigan kept for its long sleeves left 0.42 to 0.82 of it, a patch
    # on the old top; every other top on the dev sheet under 0.01
    "old_top_shows": 0.25,
}
# a top's coverage is measured down to its own hem, but at least this far (share of shoulder width) below
# the shoulders: the armpits, which even a bandeau reaches
CROP_MIN = 0.45
POSE_ADVICE = ("A photo standing straight, facing the camera, with your arms a little away from your body "
               "usually works.")
ADVICE = {"sleeves_on_body": "That comes from the product photo, so another photo of you would not change it.",
          "old_top_shows": "A photo of you in a fitted top, or with bare shoulders, would work."}
REASONS = {
    "fold": "the garment would fold over itself on your pose",
    "stretch": "the garment would be stretched out of shape on your pose",
    "shear": "the garment would be pulled askew on your pose",
    "spill": "too much of the garment would land beside you instead of on you",
    "coverage": "the garment would not cover the part of your body it is worn on",
    "sleeves_on_body": "I couldn't tell this garment's sleeves from its body, so its sleeves would lie across yours",
    "old_top_shows": "it covers far less of you than the top you're wearing, which would still show all round it",
}


@dataclass(frozen=True)
class Quality:
    fold: float
    stretch: float
    spill: float
    coverage: float
    shear: float = 1.0
    sleeves_on_body: float = 0.0
    old_top_shows: float = 0.0

    def failures(self) -> list[str]:
        return [k for k in ("fold", "stretch", "shear", "spill", "sleeves_on_body", "old_top_shows")
                if getattr(self, k) > LIMITS[k]] + (["coverage"] if self.coverage < LIMITS["coverage"] else [])


def target_region(person: PersonAnalysis, kind: str, hem_y: float | None = None) -> np.ndarray:
    """The body pixels (working res) a garment of this kind must cover: torso for tops, hips to
    knees for bottoms (the shortest bottom still reaches mid-thigh), both for dresses. `hem_y`: a
    top's own hem row, when it is cut short (a crop or bandeau top is worn above the hips: the
    torso below its hem is not where it is worn), though never above the bust."""
    h, w = person.mask.shape
    poly = np.zeros((h, w), np.uint8)
    ls, rs, lh, rh = (person.point(i) for i in (L_SHOULDER, R_SHOULDER, L_HIP, R_HIP))
    lk, rk = person.point(L_KNEE), person.point(R_KNEE)
    sw = person.shoulder_width
    down = np.array([0.0, 1.0])
    if kind in ("upper", "full"):
        top_l, top_r = ls + down * 0.35 * sw, rs + down * 0.35 * sw  # below the neckline
        shrink = 0.12  # stay off the arms hanging at the sides
        quad = [top_l + (top_r - top_l) * shrink, top_r + (top_l - top_r) * shrink,
                rh + (lh - rh) * shrink, lh + (rh - lh) * shrink]
        cv2.fillConvexPoly(poly, np.round(np.array(quad)).astype(np.int32), 1)
    if kind in ("lower", "full"):
        mid_l, mid_r = lh + (lk - lh) * 0.5, rh + (rk - rh) * 0.5
        quad = [lh, rh, mid_r, mid_l]
        cv2.fillConvexPoly(poly, np.round(np.array(quad)).astype(np.int32), 1)
    region = (poly > 0) & person.body
    if kind == "upper" and hem_y is not None:
        chest_y = float(person.point(L_SHOULDER)[1] + person.point(R_SHOULDER)[1]) / 2 + CROP_MIN * sw
        region[int(max(hem_y, chest_y)):] = False
    return region


def region_coverage(person: PersonAnalysis, kind: str, alpha: np.ndarray | None, hem_y: float | None = None) -> float:
    """Mean garment alpha over the target region (alpha at input res or working res)."""
    if alpha is None:
        return 0.0
    region = target_region(person, kind, hem_y)
    if not region.any():
        return 0.0
    h, w = region.shape
    a = alpha if alpha.shape == (h, w) else cv2.resize(alpha.astype(np.float32), (w, h), interpolation=cv2.INTER_AREA)
    return float(a[region].mean())


def spill_share(person: PersonAnalysis, warped: Warped) -> float:
    """Share of the warped garment that fell off the body and its allowed flare, and so was cut
    away: a garment that mostly lands on the person loses only its edges."""
    total = float(warped.alpha.sum())
    if total <= 0:
        return 0.0
    cut_away = 1.0 - body_clip(person, warped)
    np.multiply(warped.alpha, cut_away, out=cut_away)  # in place: one frame-sized table, not two
    return float(cut_away.sum() / total)


def sleeves_on_body(person: PersonAnalysis, warped: Warped) -> float:
    """Share of the torso that a garment's long sleeves, each drawn over the body, cover."""
    if not warped.long_sleeves:
        return 0.0
    region = target_region(person, "upper")
    return float((warped.sleeve[region] > 0.5).mean()) if region.any() else 0.0


def old_top_shows(person: PersonAnalysis, warped: Warped, covered: np.ndarray) -> float:
    """Share of the torso (`target_region`) down to the natural waist that is still the shopper's own cloth round a
    top: not skin, nor under the garment or a repaint (`covered`, input or working res). Outerwear is worn open over
    it; a dress or a bottom is judged by its own coverage."""
    if warped.kind != "upper" or warped.outer:
        return 0.0
    region = target_region(person, "upper")
    region[int(waist_row(person)):] = False
    if not region.any():
        return 0.0
    h, w = region.shape
    near = covered if covered.shape == (h, w) else cv2.resize(covered.astype(np.float32), (w, h),
                                                                interpolation=cv2.INTER_AREA)
    return float((region & ~person.skin & (near <= 0.5)).sum()) / float(region.sum())


def hem_row(warped: Warped) -> float | None:
    """The lowest row (working res) of the warped garment's body down the torso's middle: where a
    top's hem lands as its own proportions put it."""
    body = (warped.alpha > 0.5) & (warped.sleeve < 0.5)
    rows = np.flatnonzero(body.any(axis=1))
    return float(rows.max()) if rows.size else None


def warp_reads(person: PersonAnalysis, warped: Warped) -> tuple[float, float]:
    """What the gate reads of the warp alone (`spill_share`, `sleeves_on_body`): the render has them made on a
    helper thread while it composes."""
    return spill_share(person, warped), sleeves_on_body(person, warped)


def measure(person: PersonAnalysis, warped: Warped, alpha: np.ndarray, covered: np.ndarray,
            of_warp: tuple[float, float] | None = None) -> Quality:
    """`alpha` the composited garment alpha at working resolution; `covered` the garment and every repainted
    pixel (input res); `of_warp` the warp's `warp_reads` when made already."""
    spill, on_body = of_warp or warp_reads(person, warped)
    return Quality(fold=warped.fold, stretch=warped.stretch, shear=warped.shear, spill=spill,
                   coverage=region_coverage(person, warped.kind, alpha, hem_row(warped)), sleeves_on_body=on_body,
                   old_top_shows=old_top_shows(person, warped, covered))


def check(quality: Quality) -> None:
    """RenderRefusedError naming what is wrong, when a limit is broken."""
    bad = quality.failures()
    if bad:
        reasons = "; ".join(REASONS[k] for k in bad)
        advice = " ".join(dict.fromkeys(ADVICE.get(k, POSE_ADVICE) for k in bad))
        raise RenderRefusedError(f"I won't show this one: {reasons}. {advice}")
