"""Part of step 3 (the warp): each sleeve warped along its arm by a spline of its own, laid over the body layer.

One map for the whole top cannot put a sleeve on an arm that hangs against the body: the arm lies
over the torso's side, so the garment's body and its sleeve would both have to land on those
pixels, and the sleeve was pushed off the arm beside it. Here a sleeve is read in its own frame
(how far down its axis from the shoulder corner, how far across) and carried to the same frame
laid along the arm (shoulder seam, elbow, wrist), so it bends where the arm bends; its top shares
the shoulder seam with the body layer, and it is drawn over the body.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tryon.analysis.arms import ARM_HALF, arm_widths, outline_reaches
from tryon.shared.boxes import around
from tryon.garment.cutout import GarmentCutout
from tryon.shared.polyline import along
from tryon.shared.morph import dilate
from tryon.garment.sleeves import parted_body
from tryon.fit.tps import content_box, fit_grid, landing_box, pixel_maps

LATTICE = (6, 3)     # control points down and across a sleeve, below the pins along its seam
SEAM_PINS = 3
EDGE_PCT = 1.0       # percentile of the sleeve's pixels taken as its extent (stray pixels left out)
BEND = 0.12          # share of the sleeve's length over which its direction turns at the elbow
BAND_MARGIN = 0.1    # share of shoulder width the layer may reach beyond its pins
ARM_OUTLINE_REACH = 0.3      # share of shoulder width within which an arm's outer outline is looked for
# a sleeve laid flat shows half its girth; worn round an arm it shows its diameter, girth / pi
SLEEVE_WRAP = 2.0 / np.pi
OUTLINE_OFF = 0.05   # share of the sleeve's length a row's outline may lie off the straight fit of the others
SLEEVE_EASE = 0.03   # share of shoulder width a sleeve's outer edge stands off the arm's outline
SEAM_OVERLAP = 3     # garment px the two layers share along the seam between body and sleeve
# a sleeve reaching this share of the forearm's length past the elbow is a long one: it reaches the wrist (and
# is said to: `fit_notes`)
TO_WRIST = 0.8
# share of shoulder width by which a warped sleeve may fall short of the arm it is laid on: its pins
# hold it to the arm only in a few rows, and between them at a bent elbow the spline squeezes the
# bend's inner side (a notch) or leaves the arm's edge bare (a strip of skin along the sleeve)
ARM_COVER = 0.05
# share of shoulder width: a sleeve's cap spans at least an upper arm's width (2 ARM_HALF) across from its
# outer edge to the seam's armpit end
SEAM_CAP = 2 * ARM_HALF


@dataclass(frozen=True)
class ArmPath:
    """Where a sleeve goes on the body: the line from the shoulder seam down the arm, how far along it
    the sleeve ends, the garment-to-body scale of the garment's widths, and where the body layer put
    the armpit (the seam's other end)."""

    line: tuple[np.ndarray, ...]
    length: float
    width_scale: float
    armpit: np.ndarray


@dataclass(frozen=True)
class SleeveLayer:
    """One warped sleeve, kept to the box of the body it lands on."""

    box: tuple[slice, slice]
    rgb: np.ndarray      # uint8: the sleeve's colour where its alpha is not 0 (0 past where the sleeve lands)
    alpha: np.ndarray
    fold: float
    stretch: float


def _rot(v: np.ndarray, sense: float) -> np.ndarray:
    return sense * np.array([-v[1], v[0]])


def sleeves_mask(cut: GarmentCutout) -> np.ndarray:
    """The garment pixels drawn in the sleeves' layers: the sleeves grown a little, so the layers
    overlap along their seam with the body and take in the sleeves' soft edges, never across a gap into the
    body's side (`parted_body`); once per product."""
    size = 2 * SEAM_OVERLAP + 1
    return cut.derived("sleeves_mask", lambda: cv2.dilate(cut.sleeve.astype(np.uint8), np.ones((size, size), np.uint8))
                       .astype(bool) & ~parted_body(cut))


def side_mask(cut: GarmentCutout, sleeves: np.ndarray, side: str) -> np.ndarray:
    """This side's part of the sleeves' mask (`sleeves_mask`), which holds both."""
    cx = (cut.points["shoulder_l"][0] + cut.points["shoulder_r"][0]) / 2
    xs = np.arange(cut.alpha.shape[1])[None, :]
    return sleeves & (((xs - cx) < 0) if side == "l" else ((xs - cx) > 0))


@dataclass(frozen=True)
class SleeveFrame:
    """One sleeve of the product shot in its own frame: origin at the shoulder corner, axis to the
    cuff, across turned from it outward and up (so a sleeve held straight out in its product shot has
    its outer edge on top), and the lattice's rows read in it. The product's alone: made once."""

    alpha: np.ndarray    # float32: the garment's alpha on this sleeve's pixels
    axis: np.ndarray
    across: np.ndarray
    sense: float         # the turn from axis to across, which the body frame repeats from the arm
    length: float        # shoulder corner to cuff, garment px
    armpit_t: float      # the armpit's depth along the axis
    rows: tuple[tuple[float, float, float], ...]   # per lattice row: depth along the axis, inner and outer edge
    box: tuple[slice, slice]   # the `content_box` of `alpha`: past it the sleeve is not


def sleeve_frame(cut: GarmentCutout, sleeve: np.ndarray, side: str) -> SleeveFrame | None:
    """The frame of one sleeve (`sleeve` its pixels), or None when it has no pixels."""
    g = cut.points
    ys, xs = np.nonzero(sleeve)
    if ys.size == 0:
        return None
    sgn = -1.0 if side == "l" else 1.0
    gsh, gcuff = g[f"shoulder_{side}"], g[f"cuff_{side}"]
    glen = float(np.linalg.norm(gcuff - gsh))
    axis = (gcuff - gsh) / max(glen, 1e-6)
    sense = 1.0 if float(np.dot(_rot(axis, 1.0), np.array([sgn, -1.0]))) > 0 else -1.0
    across = _rot(axis, sense)
    rel = np.stack([xs - gsh[0], ys - gsh[1]], axis=1)
    t, u = rel @ axis, rel @ across
    t0, t1 = np.percentile(t, [EDGE_PCT, 100 - EDGE_PCT])
    half_row = (t1 - t0) / (2 * (LATTICE[0] - 1))
    rows = []
    for ti in np.linspace(t0, t1, LATTICE[0]):
        near = np.abs(t - ti) <= half_row
        if near.any():
            inner, outer = np.percentile(u[near], [EDGE_PCT, 100 - EDGE_PCT])
            rows.append((ti, inner, outer))
    alpha = (cut.alpha * sleeve).astype(np.float32)
    return SleeveFrame(alpha=alpha, axis=axis, across=across, sense=sense, length=glen,
                       armpit_t=float(np.dot(g[f"armpit_{side}"] - gsh, axis)), rows=tuple(rows), box=content_box(alpha))


def frame_of(cut: GarmentCutout, side: str) -> SleeveFrame | None:
    """`sleeve_frame` of one side of the sleeves' layers, once per product."""
    return cut.derived(("sleeve_frame", side), lambda: sleeve_frame(cut, side_mask(cut, sleeves_mask(cut), side), side))


def _outline_fit(found: list[tuple[float, float | None]], fallback: list[float]) -> np.ndarray:
    """The arm's outer outline down the sleeve: a straight fit of where it was found (row position,
    offset), followed outward by at most OUTLINE_OFF where the arm stands out past it (the shoulder's
    round, a wide old sleeve: a sleeve covers them), never inward (a hand or a bag beside the arm
    bends no notch into the new sleeve). The one row farthest off the fit is left out of it when it
    lies farther than OUTLINE_OFF. Where the outline was found in fewer than two rows, the sleeve
    keeps its own outer edge."""
    pts = np.array([(t, e) for t, e in found if e is not None], float)
    if len(pts) < 2:
        return np.array(fallback, float)
    tol = OUTLINE_OFF * np.ptp(pts[:, 0])
    fit = np.polyfit(pts[:, 0], pts[:, 1], 1)
    off = np.abs(np.polyval(fit, pts[:, 0]) - pts[:, 1])
    if len(pts) > 3 and off.max() > tol:
        fit = np.polyfit(*np.delete(pts, int(np.argmax(off)), axis=0).T, 1)
    line = np.polyval(fit, np.array([t for t, _ in found], float))
    return np.array([base + (float(np.clip(e - base, 0.0, tol)) if e is not None else 0.0)
                     for base, (_, e) in zip(line, found)])


def sleeve_pairs(cut: GarmentCutout, sleeve: np.ndarray, side: str, path: ArmPath, mask: np.ndarray, sw: float
                 ) -> tuple[np.ndarray, np.ndarray] | None:
    """Garment and body control points of one sleeve (`sleeve` its pixels, `mask` the person's), or
    None when it has no pixels (see `frame_pairs`)."""
    frame = sleeve_frame(cut, sleeve, side)
    return None if frame is None else frame_pairs(cut, frame, side, path, mask, sw)


def frame_pairs(cut: GarmentCutout, frame: SleeveFrame, side: str, path: ArmPath, mask: np.ndarray, sw: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """Garment and body control points of one sleeve read in its `frame`.

    The body frame turns the same way from the arm's direction as the garment's from the sleeve's
    axis, so the map keeps orientation. Below the shoulder the sleeve's outer edge is laid along the
    arm's outer outline, the one side of an arm the photo always shows against what is behind it;
    the rest of the sleeve keeps its own width inward from there, over the torso's side where the
    arm hangs against it."""
    g = cut.points
    gsh, axis, across, sense = g[f"shoulder_{side}"], frame.axis, frame.across, frame.sense
    k = path.length / max(frame.length, 1e-6)
    ku = path.width_scale * SLEEVE_WRAP
    step = BEND * path.length
    line = list(path.line)
    # the seam from shoulder to armpit is where the body layer left it; above the armpit's depth only
    # the sleeve's outer edge is pinned (the rest of those rows is the seam's side of the cap)
    ta = frame.armpit_t
    rows = []
    for ti, inner, outer in frame.rows:
        at, _ = along(line, ti * k)
        ahead, behind = along(line, ti * k + step)[0], along(line, ti * k - step)[0]
        rows.append((ti, at, _rot((ahead - behind) / max(float(np.linalg.norm(ahead - behind)), 1e-6), sense),
                     inner, outer))
    # the arm's outline and width read on every row at once (each row's reads are its own)
    ats, ns = np.array([r[1] for r in rows]).reshape(-1, 2), np.array([r[2] for r in rows]).reshape(-1, 2)
    found = outline_reaches(mask, ats, ns, ARM_OUTLINE_REACH * sw)
    out_at = _outline_fit([(r[0], None if np.isnan(e) else float(e)) for r, e in zip(rows, found)],
                          [r[4] * ku for r in rows]) + SLEEVE_EASE * sw
    seam_g = (gsh, g[f"armpit_{side}"])
    armpit = _seam_end(frame, rows, out_at, path.armpit, mask, sw)
    src, dst = [seam_g[0], seam_g[1], sum(seam_g) / 2], [line[0], armpit, (line[0] + armpit) / 2]
    # an arm held apart from the body shows its own width: the sleeve is at least that wide
    widths = arm_widths(mask, ats + ns * (out_at - SLEEVE_EASE * sw)[:, None], -ns, ARM_OUTLINE_REACH * sw)
    for (ti, at, n, inner, outer), edge_at, arm in zip(rows, out_at, widths):
        arm = None if np.isnan(arm) else float(arm)
        ku_row = max(ku, (arm + 2 * SLEEVE_EASE * sw) / max(outer - inner, 1e-6)) if arm else ku
        for ui in np.linspace(inner, outer, LATTICE[1])[0 if ti >= ta else -1:]:
            src.append(gsh + axis * ti + across * ui)
            dst.append(at + n * (edge_at - (outer - ui) * ku_row))
    return np.array(src, float), np.array(dst, float)


def _seam_end(frame: SleeveFrame, rows: list, out_at: np.ndarray, armpit: np.ndarray, mask: np.ndarray,
              sw: float) -> np.ndarray:
    """The seam's armpit end on the body: where the body layer put the armpit (`armpit`), unless that lies
    off the body (`mask`, the person's), past a slim arm hanging against it: then an upper arm's width
    (SEAM_CAP) in from the sleeve's outer edge (`out_at`, per lattice row) at the armpit's depth. Pinned
    off the body, the sleeve's cap was squeezed to a strip along the arm's outline, and below it the
    sleeve's full width bulged in over the torso as a blob."""
    h, w = mask.shape
    x, y = int(round(float(armpit[0]))), int(round(float(armpit[1])))
    if len(rows) < 2 or not (0 <= x < w and 0 <= y < h) or mask[y, x] > 0.5:
        return armpit
    ts = [r[0] for r in rows]
    i = int(np.clip(np.searchsorted(ts, frame.armpit_t), 1, len(rows) - 1))
    (t0, at0, n0, *_), (t1, at1, n1, *_) = rows[i - 1], rows[i]
    f = float(np.clip((frame.armpit_t - t0) / max(t1 - t0, 1e-6), 0.0, 1.0))
    n = n0 + (n1 - n0) * f
    n = n / max(float(np.linalg.norm(n)), 1e-6)
    most = out_at[i - 1] + (out_at[i] - out_at[i - 1]) * f - SEAM_CAP * sw
    off = float(np.dot(armpit - (at0 + (at1 - at0) * f), n))
    return armpit if off <= most else armpit - n * (off - most)


def _band(shape: tuple[int, int], dst: np.ndarray, margin: float) -> tuple[np.ndarray, tuple[slice, slice]]:
    """The body pixels a sleeve may land on, around its pins (a spline may bring far pixels back into
    the sleeve too, where nothing pins it), and their box."""
    h, w = shape
    hull = cv2.convexHull(np.round(dst).astype(np.int32))
    r = int(margin)
    x0, y0 = np.maximum(hull.min(axis=(0, 1)) - r - 1, 0)
    x1, y1 = np.minimum(hull.max(axis=(0, 1)) + r + 2, (w, h))
    band = np.zeros((max(0, y1 - y0), max(0, x1 - x0)), np.uint8)
    local = hull - np.array([x0, y0], np.int32)
    cv2.fillConvexPoly(band, local, 1)
    cv2.polylines(band, [local], True, 1, thickness=2 * r + 1)  # the hull grown by the margin
    return band.astype(np.float32), (slice(int(y0), int(y1)), slice(int(x0), int(x1)))


def sleeve_layer(cut: GarmentCutout, side: str, path: ArmPath, mask: np.ndarray, sw: float, step: int
                 ) -> SleeveLayer | None:
    """One sleeve of the sleeves' layers (`sleeves_mask`) warped onto its arm at working resolution
    (`mask` the person's); None when the garment has no such sleeve. The spline is evaluated on a
    grid of `step` px over the sleeve's box only."""
    frame = frame_of(cut, side)
    if frame is None:
        return None
    src, dst = frame_pairs(cut, frame, side, path, mask, sw)
    band, box = _band(mask.shape, dst, BAND_MARGIN * sw)
    bh, bw = band.shape
    if bh == 0 or bw == 0:
        return None
    gh, gw = bh // step + 2, bw // step + 2
    on_grid = band[np.minimum(np.arange(gh) * step, bh - 1)][:, np.minimum(np.arange(gw) * step, bw - 1)] > 0
    alpha = frame.alpha
    mapped, fold, stretch, _ = fit_grid(src, dst, alpha, (box[1].start, box[0].start), (gh, gw), step, region=on_grid,
                                     measure_shear=False)
    # pulled across the part of the band the sleeve lands on alone: elsewhere its alpha is 0, and its colour,
    # left 0 there, is read only where its alpha is not (`covering`, and the sleeve laid over the body)
    on = landing_box(mapped, step, frame.box, (bh, bw))
    m1, m2 = pixel_maps(mapped, step, (bh, bw), on)
    rgb, a = np.zeros((bh, bw, 3), np.uint8), np.zeros((bh, bw), np.float32)
    cv2.remap(cut.rgb, m1, m2, cv2.INTER_LINEAR, dst=rgb[on], borderMode=cv2.BORDER_CONSTANT, borderValue=0)  # in place
    cv2.remap(alpha, m1, m2, cv2.INTER_LINEAR, dst=a[on], borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return SleeveLayer(box=box, rgb=rgb, alpha=np.clip(a, 0, 1) * band, fold=fold, stretch=stretch)


def covering(alpha: np.ndarray, rgb: np.ndarray, arm: np.ndarray, reach: int) -> np.ndarray:
    """`alpha` of a warped sleeve grown over the pixels of `arm` (the arm's, that nothing else of the
    garment covers) within `reach` px of it, `rgb` filled there in place with the sleeve's own colour
    round them: worn, a sleeve wraps its arm from seam to cuff, and arm showing through a notch or
    along an edge of it is a gap the warp left, not the arm."""
    solid = (alpha > 0.5).astype(np.uint8)
    size = (2 * reach + 1,) * 2
    bare = arm & (solid == 0)
    if not bare.any():
        return alpha
    # the sleeve grown round the bare arm alone: the kernel reaches `reach` px, so there it is the whole box's
    near = around(bare, reach)
    gap = np.zeros_like(bare)
    gap[near] = (dilate(solid[near], cv2.getStructuringElement(cv2.MORPH_ELLIPSE, size)) > 0) & bare[near]
    if not gap.any():
        return alpha
    # every gap pixel has sleeve pixels within the box: the mean of theirs is its colour, summed over the
    # gaps' own box grown by that reach alone
    box = around(gap, reach)
    num = cv2.boxFilter(rgb[box] * solid[box][..., None], cv2.CV_32F, size, normalize=False)
    den = cv2.boxFilter(solid[box], cv2.CV_32F, size, normalize=False)
    in_box = gap[box]
    rgb[box][in_box] = np.clip(num[in_box] / den[in_box, None] + 0.5, 0, 255).astype(np.uint8)
    out = alpha.copy()
    out[gap] = 1.0
    return out
