"""Step 3 of the render: a thin-plate-spline warp that carries the garment onto the body.

The TPS (numpy) maps body pixels back to garment pixels from the keypoint pairs `targets`
finds; it is evaluated on a coarse grid and upsampled, then `cv2.remap` pulls the garment
across. Long sleeves are warped as their own layers along each arm and laid on top, grown over
the arm they leave showing (`covering`), and the person's pixels left showing between a sleeve and
the bodice are closed with the cloth (`sleeve_seams`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.shared.beside import beside, results
from tryon.shared.boxes import within
from tryon.garment.cutout import EDGE_BLEED, GarmentCutout
from tryon.garment.keypoints import ARMHOLES
from tryon.analysis.person import PersonAnalysis
from tryon.fit.sleeve_seams import fill_seams
from tryon.fit.cuffs import cut_at_hems
from tryon.garment.sleeves import under_sleeves
from tryon.fit.sleeve_warp import ARM_COVER, covering, frame_of, sleeve_layer, sleeves_mask
from tryon.fit.targets import body_targets
from tryon.fit.tps import content_box, fit_grid, landing_box, pixel_maps


@dataclass
class Warped:
    rgb: np.ndarray      # uint8 HxWx3 in person working frame
    alpha: np.ndarray    # float32 HxW
    sleeve: np.ndarray   # float32 HxW, 1 where the garment pixel is a sleeve
    neck_y: float        # neckline height (working px) for face/neck protection
    pairs: tuple[np.ndarray, np.ndarray]  # (garment points, body points) used
    fold: float = 0.0    # share of the garment whose mapping flips orientation (0 = one-to-one)
    stretch: float = 1.0  # spread of local area change across the garment (1 = uniform scale)
    shear: float = 1.0   # how much more the garment is pulled one way than the other (1 = shapes kept)
    legs: bool = False   # trousers, shorts, jumpsuit: the garment follows each leg
    kind: str = "upper"
    shoulders: np.ndarray | None = None  # (2, 2) body points of the shoulder seams, left then right (not bottoms)
    long_sleeves: bool = False  # the sleeves lie along the whole arm, each warped as its own layer
    armpits: np.ndarray | None = None  # (2, 2) body points of the armpits, left then right (tops and dresses)
    armholes: bool = False  # sleeveless with its armholes known (`keypoints.ARMHOLES`): they leave the arms' round bare
    strapped: bool = False  # sleeveless with open armholes: held up by straps or a halter's collar
    outer: bool = False     # outerwear: worn over the shopper's own top, which shows in its opening (`GarmentCutout.outer`)

    @property
    def sleeved(self) -> bool:
        """The garment has sleeves of its own on the arms (short or long)."""
        return bool((self.sleeve > 0.5).any())

    @property
    def cut_in(self) -> bool:
        """Sleeveless with broad shoulders whose armholes are cut in at their corners (not straps): the upper
        arms are bare beside it."""
        return self.armholes and not self.strapped


def body_planes(cut: GarmentCutout, layered: bool) -> tuple[np.ndarray, np.ndarray]:
    """The garment's body alpha (less its sleeves when they are `layered`: those come on top, each
    warped along its arm), and the planes the body map pulls across (that alpha, and the sleeve mask
    when it has pixels the body carries: layered sleeves mark themselves, and an empty plane pulled
    across is only the zeros `warp` starts from): the product's alone, made once."""
    def make() -> tuple[np.ndarray, np.ndarray]:
        # across a gap from a sleeve, reaching under its layer as far as the cut-out's colour was bled
        body_alpha = np.maximum(cut.alpha * ~sleeves_mask(cut), under_sleeves(cut, EDGE_BLEED)) if layered else cut.alpha
        if cut.sleeve is None or layered or not cut.sleeve.any():
            return body_alpha, np.ascontiguousarray(body_alpha, np.float32)
        return body_alpha, cv2.merge([body_alpha.astype(np.float32), cut.sleeve.astype(np.float32)])
    return cut.derived(("body_planes", layered), make)


def planes_box(cut: GarmentCutout, layered: bool) -> tuple[slice, slice]:
    """The `content_box` of the `body_planes`: the garment's box in the product shot, made once."""
    return cut.derived(("planes_box", layered), lambda: content_box(body_planes(cut, layered)[1]))


def photo_box(cut: GarmentCutout) -> tuple[slice, slice]:
    """The `content_box` of the product shot's colour, made once (nearly always the whole shot)."""
    return cut.derived("photo_box", lambda: content_box(cut.rgb))


def ready(cut: GarmentCutout) -> GarmentCutout:
    """`cut` with the warp's product-only parts made (its body planes, each sleeve's frame), so that
    a product cut out ahead of its first try-on is warped ahead too, as far as no person is needed."""
    photo_box(cut)
    planes_box(cut, False)
    if cut.sleeve is not None and cut.sleeve.any():
        planes_box(cut, True)
        for side in ("l", "r"):
            if f"cuff_{side}" in cut.points:
                frame_of(cut, side)
    return cut


def warp(person: PersonAnalysis, cut: GarmentCutout, grid_step: int = 8) -> Warped:
    src, dst, arm_paths = body_targets(person, cut)
    # each long sleeve is warped along its arm apart from the body: each on a helper thread of its own meanwhile
    sleeves = [beside(lambda side=side, path=path: sleeve_layer(cut, side, path, person.mask, person.shoulder_width,
                                                                grid_step))
               for side, path in arm_paths.items()]
    h, w = person.mask.shape
    gh, gw = (h + grid_step - 1) // grid_step + 1, (w + grid_step - 1) // grid_step + 1
    body_alpha, planes = body_planes(cut, bool(arm_paths))
    mapped, fold, stretch, shear = fit_grid(src, dst, body_alpha, (0, 0), (gh, gw), grid_step)
    # the product shot is pulled across the box it lands on (its colour, all of the shot), and the garment's
    # planes across the part of that box where the garment lands: elsewhere they are zeros
    box = landing_box(mapped, grid_step, photo_box(cut), (h, w))
    m1, m2 = pixel_maps(mapped, grid_step, (h, w), box)
    rgb, alpha, sleeve = np.zeros((h, w, 3), np.uint8), np.zeros((h, w), np.float32), np.zeros((h, w), np.float32)
    # pulled straight into the frame's box (OpenCV writes into the view), no copy of the box made
    cv2.remap(cut.rgb, m1, m2, cv2.INTER_LINEAR, dst=rgb[box], borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    on = within(landing_box(mapped, grid_step, planes_box(cut, bool(arm_paths)), (h, w)), box)
    if on[0].stop > on[0].start and on[1].stop > on[1].start:
        at = tuple(slice(b.start + o.start, b.start + o.stop) for o, b in zip(on, box))
        if planes.ndim == 2:  # the alpha alone: no sleeve carried by the body
            cv2.remap(planes, m1[on], m2[on], cv2.INTER_LINEAR, dst=alpha[at], borderMode=cv2.BORDER_CONSTANT,
                      borderValue=0)
        else:  # each plane copied straight into its frame's box
            both = cv2.remap(planes, m1[on], m2[on], cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
            cv2.mixChannels([both], [alpha[at], sleeve[at]], [0, 0, 1, 1])
            _to_unit(sleeve[at])
        _to_unit(alpha[at])
    # the pixels a sleeve is grown over where the warp left its arm showing: bare skin (not the clothes
    # beside the arm), not the hand
    hands = arm_band(person, "wrist") if sleeves else None
    reach = max(1, int(ARM_COVER * person.shoulder_width))
    for layer in results(sleeves):
        if layer is None:
            continue
        box = layer.box
        arms = person.body[box] & person.skin[box] & ~hands[box]  # read in the layer's box alone
        a = covering(layer.alpha, layer.rgb, arms & (alpha[box] < 0.5), reach)
        under = alpha[box] * (1 - a)
        total = a + under
        norm = np.maximum(total, 1e-6)
        rgb[box] = cv2.merge([((s * a + b * under) / norm + 0.5).astype(np.uint8)  # plane by plane: numpy is slow
                              for s, b in zip(cv2.split(layer.rgb), cv2.split(rgb[box]))])  # along a last axis of 3
        alpha[box], sleeve[box] = total, np.maximum(sleeve[box], a)
        # a sleeve is narrowed across on purpose (worn round an arm, part of it is out of sight): its
        # shear is not a print pulled out of shape, so only its folds and stretch join the body's
        fold, stretch = max(fold, layer.fold), max(stretch, layer.stretch)
    if cut.kind != "lower":
        cut_at_hems(cut.points, cut.widths, src, dst, alpha, sleeve, set(arm_paths))
        fill_seams(person, rgb, alpha, sleeve, bool(arm_paths))
    neck_y = float(dst[0][1])  # lower body: the waistband
    if "neck" in cut.points:
        # the last source point at the garment's neck, all pairs tested at once
        at_neck = np.flatnonzero(np.isclose(src, cut.points["neck"]).all(axis=1))
        if at_neck.size:
            neck_y = float(dst[at_neck[-1]][1])
    shoulders = np.array(dst[:2], float) if cut.kind != "lower" else None  # body_targets pins the seams first
    return Warped(rgb=rgb, alpha=alpha, sleeve=sleeve, neck_y=neck_y, pairs=(src, dst),
                  fold=fold, stretch=stretch, shear=shear, legs="leg_l" in cut.points, kind=cut.kind,
                  shoulders=shoulders, long_sleeves=bool(arm_paths), armpits=_armpits(cut.points, src, dst),
                  armholes=ARMHOLES in cut.widths, strapped="straps" in cut.widths, outer=cut.outer)


def _to_unit(plane: np.ndarray) -> None:
    """`plane` (float32) clipped to 0..1 in place: OpenCV's min and max, several times faster than numpy's clip
    on a box of the frame, and the same values."""
    cv2.min(plane, 1.0, dst=plane)
    cv2.max(plane, 0.0, dst=plane)


def _armpits(points: dict[str, np.ndarray], src: np.ndarray, dst: np.ndarray) -> np.ndarray | None:
    """Where the garment's armpits landed (left, right), or None (a bottom, or one not pinned)."""
    found = []
    for side in ("l", "r"):
        at = np.flatnonzero(np.isclose(src, points[f"armpit_{side}"]).all(axis=1)) if f"armpit_{side}" in points else ()
        if not len(at):
            return None
        found.append(dst[at[0]])
    return np.array(found, float)
