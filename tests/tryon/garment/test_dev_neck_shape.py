"""The shape of a product's neck opening, on real photos (../shared/tryon_dev, skipped cleanly when
absent): the opening cut from the product shot is the neckline's, symmetric about its middle, not
the neckline with a dark print patch of the front joined to one side (worn, a square-cornered skin
patch with a vertical side where the product has a V)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.garment.cutting import cut_out
from tryon.analysis.person import load_image

pytestmark = needs_dev_set


def _mirror_iou(region: np.ndarray) -> float:
    """The IoU of `region` with its mirror image about the column (in half pixels) that fits it best."""
    ys, xs = np.nonzero(region)
    best = 0.0
    for twice_mid in range(2 * int(xs.min()), 2 * int(xs.max()) + 1):
        mirror = np.zeros_like(region)
        xm = twice_mid - xs
        ok = (xm >= 0) & (xm < region.shape[1])
        mirror[ys[ok], xm[ok]] = True
        best = max(best, float((mirror & region).sum() / (mirror | region).sum()))
    return best


@pytest.mark.parametrize("garment_file,kind", [
    ("upper_09263_00.jpg", "upper"),   # a split V-neck whose dark inside back touches the front's black print
    ("dress_053290_1.jpg", "full"),    # a crew neck showing its dark lace back and zip
])
def test_the_cut_neck_opening_is_symmetric(garment_file, kind):
    cut = cut_out(load_image(IMAGES / garment_file), kind)
    opening = cut.mask & (cut.alpha < 0.5)
    assert opening.any()
    assert _mirror_iou(opening) > 0.9


def _dark_in_rows(photo: np.ndarray, cut, rows: slice, darkest: float = 100) -> np.ndarray:
    """The product photo's dark pixels (a label's border and lettering, a print's black) in `rows` of the garment's
    mask: read on the photo, as the cut's own colours have the label painted over."""
    lum = cv2.resize(photo, cut.mask.shape[::-1], interpolation=cv2.INTER_AREA).astype(np.float32).mean(axis=2)
    out = np.zeros(cut.mask.shape, bool)
    out[rows] = (lum[rows] < darkest) & cut.mask[rows]
    return out


def test_a_white_tees_inside_back_with_its_label_is_cut_out():
    """A white tee's inside back is the front's own white: no shade or colour step told the opening, the label sewn
    there was drawn on the shopper's chest and the back collar stood under the chin. Flooded from the label, the
    neckline's faint outline bounds it."""
    photo = load_image(IMAGES / "upper_09166_00.jpg")
    cut = cut_out(photo, "upper")
    opening = cut.mask & (cut.alpha < 0.5)
    assert opening.any() and _mirror_iou(opening) > 0.9
    rows = np.flatnonzero(cut.mask.any(axis=1))
    label = _dark_in_rows(photo, cut, slice(rows[0], rows[0] + (rows[-1] - rows[0]) // 6))
    assert label.sum() > 50 and (label & opening).sum() > 0.9 * label.sum()


def test_a_flood_from_a_label_that_runs_to_the_print_below_cuts_nothing():
    """Under a white tee's faint neckline, a flood from its printed label ran on to the top of the print below
    (a cartoon's ears) and cut them off with the opening: a front that is not plain all round it is no neckline."""
    photo = load_image(IMAGES / "upper_04743_00.jpg")
    cut = cut_out(photo, "upper")
    rows = np.flatnonzero(cut.mask.any(axis=1))
    top = rows[0] + (rows[-1] - rows[0]) // 12
    printed = _dark_in_rows(photo, cut, slice(top, rows[0] + (rows[-1] - rows[0]) // 2))
    assert printed.sum() > 500 and (printed & (cut.alpha < 0.5)).sum() < 0.01 * printed.sum()


@pytest.mark.parametrize("garment_file,label_lightness", [
    ("upper_050191_1.jpg", (0, 60)),      # a green crew-neck tee, a black label on its inside back
    ("upper_09163_00.jpg", (0, 60)),      # a pale shirt, its collar's dark inside band seen between the collar's sides
    ("upper_09164_00.jpg", (150, 256)),   # a black crew-neck tee, a white label on its inside back
    ("upper_048554_1.jpg", (0, 60)),      # a white printed tee, a black label on its inside back
])
def test_an_inside_back_of_the_fronts_fabric_is_cut_at_the_front_necklines_edge(garment_file, label_lightness):
    """Neither shade nor a flooded outline told these openings: worn, the back collar band and its label stood in
    front of the throat up to the chin. The front neckline's edge, an arc across which the lit front meets the
    inside back's shade, bounds the opening, and the label or dark band inside it goes with it, cut with the
    neckline's round outline (a label cut alone left a square notch in the worn neckline)."""
    photo = load_image(IMAGES / garment_file)
    cut = cut_out(photo, "upper")
    opening = cut.mask & (cut.alpha < 0.5)
    assert opening.any() and _mirror_iou(opening) > 0.8
    rows = np.flatnonzero(cut.mask.any(axis=1))
    top_rows = slice(rows[0], rows[0] + (rows[-1] - rows[0]) // 6)
    lum = cv2.resize(photo, cut.mask.shape[::-1], interpolation=cv2.INTER_AREA).astype(np.float32).mean(axis=2)
    label = np.zeros(cut.mask.shape, bool)
    label[top_rows] = (lum[top_rows] >= label_lightness[0]) & (lum[top_rows] < label_lightness[1]) & cut.mask[top_rows]
    cols = np.flatnonzero(cut.mask.any(axis=0))
    label[:, :cols[0] + 2 * cols.size // 5] = label[:, cols[0] + 3 * cols.size // 5:] = False  # the neck's fifth
    assert label.sum() > 30 and (label & opening).sum() > 0.8 * label.sum()
    widths = opening.sum(axis=1)[np.flatnonzero(opening.any(axis=1))]
    assert widths[-1] < 0.5 * widths.max()  # it closes to its dip, as a neckline does


@pytest.mark.parametrize("garment_file", [
    "upper_09290_00.jpg",   # a gathered mock neck: its standing front, no inside back seen
    "upper_04743_00.jpg",   # a tee whose top edge at the neck dips below its shoulders: the front's own neckline
])
def test_a_front_with_no_back_seen_above_it_keeps_its_neck(garment_file):
    cut = cut_out(load_image(IMAGES / garment_file), "upper")
    assert not (cut.mask & (cut.alpha < 0.5)).any()


@pytest.mark.parametrize("garment_file", [
    "upper_09236_00.jpg",   # a red crew neck tee whose dark inside back shows through its neckline
    "upper_09176_00.jpg",   # a checked shirt's collar
])
def test_the_back_collars_thin_corners_go_with_the_cut_opening(garment_file):
    """The corners of the back band beside the cut inside back stood as thin spikes above the shoulder seams, and
    worn they rose beside the shopper's neck: what is left of the garment there is as thick as an opening is."""
    cut = cut_out(load_image(IMAGES / garment_file), "upper")
    sl, sr = cut.points["shoulder_l"], cut.points["shoulder_r"]
    span = float(sr[0] - sl[0])
    opening = cut.mask & (cut.alpha < 0.5)
    assert opening.any()
    kept = (cut.alpha >= 0.5).astype(np.uint8)
    k = max(3, int(0.04 * span) | 1)
    thin = (kept > 0) & (cv2.morphologyEx(kept, cv2.MORPH_OPEN, np.ones((k, k), np.uint8)) == 0)
    thin[int(max(sl[1], sr[1])):] = False
    near = cv2.dilate(opening.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert int((thin & near).sum()) <= 0.0005 * span ** 2, int((thin & near).sum())
