"""Arms rebuilt bare under a T-shirt on a real photo (../shared/tryon_dev, skipped cleanly when absent):
under long old sleeves the arm runs straight along the sleeve, with no stepped outline, down into the hand
with nothing of the cuff left beside it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.repaint.test_dev_bare_legs import _outline
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.compose.layering import compose
from tryon.garment.cutting import cut_out
from tryon.analysis.limbs import arm_limbs
from tryon.analysis.person import L_WRIST, R_WRIST, load_image
from tryon.repaint.uncover_limbs import plan
from tryon.fit.warp import warp

# px (working res) a rebuilt forearm's outer outline strays, at the 90th percentile, from the straight line
# fitted to it: clipped to the body's stepped outline it strayed 0.95 to 1.03 on these pairs; fitted to the
# sleeve, 0.46 to 0.55
STRAY = 0.8
WRIST_REACH = 0.15   # share of shoulder width round a wrist where the hand and the sleeve's end are
WHITE_LIGHT = 200    # Lab lightness (0..255) above which, at a grey's hue, a pixel is the old white sleeve
GREY_CHROMA = 6      # Lab a*, b* within this of neutral: white or grey, not skin

pytestmark = needs_dev_set


def _outer(lab: np.ndarray, room: np.ndarray, y: int, x: float, outward: int) -> float:
    """The outer end (away from the body) of the run of pixels unlike the room nearest `x` in row `y`."""
    a, b = _outline(lab, room, y, x)
    return float(b if outward > 0 else a)


@pytest.mark.parametrize("garment_file", ["upper_09166_00.jpg", "upper_050181_1.jpg"])
def test_arms_rebuilt_under_long_sleeves_run_straight(engine, garment_file):
    """Her long navy sleeves under a T-shirt: the forearms were painted clipped to the body's
    outline, which the segmentation steps by a few px, and showed as stepped strips."""
    rgb = load_image(IMAGES / "person_00035_00.jpg")
    person = engine.analyze_person(rgb)
    warped = warp(person, cut_out(load_image(IMAGES / garment_file), "upper"))
    assert plan(person, warped, warped.alpha).gone("arms") is not None
    h, w = person.mask.shape
    out = cv2.resize(compose(rgb, person, warped).image, (w, h), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(out, cv2.COLOR_RGB2LAB)
    room = np.median(person.lab[person.mask < 0.05].astype(np.float32), axis=0)
    centre = float(np.mean([arm.body_x for arm in arm_limbs(person)]))
    for arm in arm_limbs(person):
        elbow, wrist = arm.joints[1], arm.joints[2]
        ys = np.arange(int(elbow[1] + 0.2 * (wrist[1] - elbow[1])), int(elbow[1] + 0.8 * (wrist[1] - elbow[1])))
        xs = elbow[0] + (wrist[0] - elbow[0]) * (ys - elbow[1]) / (wrist[1] - elbow[1])
        outward = 1 if elbow[0] > centre else -1
        edge = np.array([_outer(lab, room, int(y), float(x), outward) for y, x in zip(ys, xs)])
        stray = np.abs(np.polyval(np.polyfit(ys, edge, 1), ys) - edge)
        assert np.percentile(stray, 90) <= STRAY


def test_long_sleeves_running_out_of_a_close_photo_are_said_to_be_shown_over(engine):
    """Her long navy sleeves, in a close photo cut above the hands (a selfie's framing): the T-shirt was drawn over
    them, the sleeves showing below its own, and the render said nothing of it; its own long sleeves cover them."""
    rgb = load_image(IMAGES / "person_00035_00.jpg")
    person = engine.analyze_person(rgb)
    hips = float(person.landmarks[[23, 24], 1].mean()) / person.scale
    elbows = float(person.landmarks[[13, 14], 1].max()) / person.scale
    close = np.ascontiguousarray(rgb[: int(elbows + 0.6 * (hips - elbows))])   # the wrists past its edge
    shown = engine.render(close, load_image(IMAGES / "upper_09166_00.jpg"), "t-shirt")
    assert shown.landing.shown_over == ("long_sleeves",)
    own = engine.render(close, load_image(IMAGES / "upper_049920_1.jpg"), "shirt")
    assert own.landing.shown_over == ()


def test_a_rebuilt_arm_leaves_no_cuff_by_the_hand(engine):
    """His hands are clasped in front of a white long-sleeved tee: the arm rebuilt along his left sleeve ends
    below the pose's wrist, under the hand, and the sleeves were looked for only down to the pose's line, so
    the cuff's lower edge was kept in front of the black tee unpainted, a white wedge beside the hand."""
    rgb = load_image(IMAGES / "person_fitdit_0223.jpg")
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / "upper_09164_00.jpg"), "t-shirt", person=person)
    h, w = person.mask.shape
    lab = cv2.cvtColor(cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    lab = lab.astype(np.float32)
    for wrist in (L_WRIST, R_WRIST):
        near = np.zeros((h, w), np.uint8)
        centre = tuple(int(round(v)) for v in person.point(wrist))
        cv2.circle(near, centre, int(WRIST_REACH * person.shoulder_width), 1, -1)
        white = (lab[..., 0] > WHITE_LIGHT) & (np.abs(lab[..., 1:] - 128) < GREY_CHROMA).all(axis=-1)
        assert int((white & (near > 0) & person.body).sum()) <= 3, wrist
