"""A garment's thin straps keep their own colour through the cut-out: on a drawn camisole, and on a real
slip dress's spaghetti straps (../shared/tryon_dev, skipped cleanly when absent), where they were drawn on
the wearer as grey and white bands, over an old white tank's straps read as those straps left showing."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import DEV, IMAGES
from tryon.analysis.person import load_image
from tryon.garment.cutting import cut_out
from tryon.garment.thin_parts import thin_parts

NAVY = np.array([35, 45, 90], np.float32)


def _camisole(strap_px: int) -> np.ndarray:
    """A navy camisole on a white sweep, 1000 px tall, its straps `strap_px` wide (thinner, shrunk to the
    cut-out's working size, than a pixel)."""
    photo = np.full((1000, 760, 3), 250, np.uint8)
    body = np.array([[250, 330], [510, 330], [540, 900], [220, 900]], np.int32)
    cv2.fillPoly(photo, [body], NAVY.tolist())
    for foot, top in (((270, 332), (300, 120)), ((490, 332), (460, 120))):
        cv2.line(photo, foot, top, NAVY.tolist(), strap_px, cv2.LINE_AA)
    return photo


def _lab_distance(rgb: np.ndarray, colour: np.ndarray) -> np.ndarray:
    lab = cv2.cvtColor(rgb.reshape(-1, 1, 3).astype(np.uint8), cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32)
    ref = cv2.cvtColor(colour.reshape(1, 1, 3).astype(np.uint8), cv2.COLOR_RGB2LAB).reshape(3).astype(np.float32)
    return np.linalg.norm(lab - ref, axis=1)


def test_a_drawn_camisoles_two_pixel_straps_are_navy_in_the_cut_out():
    cut = cut_out(_camisole(2), "upper")
    straps = thin_parts(cut.mask) & cut.mask
    assert straps[:300].sum() > 100, "both straps are in the cut-out and read as thin"
    assert np.median(_lab_distance(cut.rgb[straps], NAVY)) < 10


def test_the_garments_body_is_left_as_it_was():
    """Only thin parts are recoloured: the camisole's body, wider than its rim, keeps the photo's pixels."""
    photo = _camisole(2)
    cut = cut_out(photo, "upper")
    shrunk = cv2.resize(photo, cut.rgb.shape[1::-1], interpolation=cv2.INTER_AREA)
    inside = cv2.erode(cut.mask.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    assert np.array_equal(cut.rgb[inside], shrunk[inside])


@pytest.mark.skipif(not (DEV / "set.json").exists(), reason="no try-on dev set at ../shared/tryon_dev")
def test_a_slip_dresses_spaghetti_straps_keep_their_dark_colour():
    """Two px wide in the photo, half a working pixel: read there, they were 40% sweep white."""
    cut = cut_out(load_image(IMAGES / "dress_fitdit_11.jpg"), "full")
    straps = thin_parts(cut.mask) & cut.mask
    light = cv2.cvtColor(cut.rgb, cv2.COLOR_RGB2LAB)[..., 0][straps]
    assert straps.sum() > 100
    assert np.median(light) < 80, np.median(light)
