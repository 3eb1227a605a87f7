"""Sleeves and bodice on real photos (../shared/tryon_dev, skipped cleanly when absent) meet at their seam:
no slit of the photo (the old top, the armpit's shadow, the arm) shows between a sleeve and the bodice
beside it. A gingham blouse's and a bodysuit's long sleeves, each warped along its arm, parted from the
bodice in slits; over an old long-sleeved top, the arm rebuilt bare was kept in front of a short-sleeved
top's bodice up into the sleeve, a V of skin cut into the top at each armpit."""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.compose.layering import compose
from tryon.garment.cutting import cut_out
from tryon.analysis.person import L_ELBOW, L_SHOULDER, R_ELBOW, R_SHOULDER, load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set

ARM_WIDTH = 0.28     # share of shoulder width: an upper arm's width, the widest slit read as one
MOST_SLIT = 0.002    # share of the sleeves' own area a slit may show (a soft edge's pixel here and there)
MOST_CUT = 0.005     # share of the sleeves' area of the bodice beside them the render may leave out


def _slits(person, sleeve: np.ndarray, garment: np.ndarray) -> int:
    """Pixels of the person the garment leaves showing (`garment` its alpha) in runs of a row that a sleeve
    pixel ends on their outer side and a bodice pixel on their inner side, at most an arm's width long
    (read off the rows, not the engine's helpers)."""
    shown = garment > 0.5
    bodice = shown & ~sleeve
    centre = float(np.median(np.nonzero(bodice)[1]))
    most = ARM_WIDTH * person.shoulder_width
    count = 0
    for y in np.flatnonzero(sleeve.any(axis=1)):
        step = np.diff(shown[y].astype(np.int8))
        falls, rises = np.flatnonzero(step < 0), np.flatnonzero(step > 0)
        for a in falls:  # the run a+1..b is uncovered, between garment pixels a and b+1
            later = rises[rises > a]
            if not later.size or later[0] - a > most:
                continue
            b = int(later[0])
            outer, inner = (a, b + 1) if (a + b) / 2 < centre else (b + 1, a)
            if sleeve[y, outer] and bodice[y, inner]:
                count += int(person.body[y, a + 1:b + 1].sum())
    return count


@pytest.mark.parametrize("person_file, garment_file", [
    ("person_01992_00.jpg", "upper_09176_00.jpg"),   # arms hanging against the body
    ("person_049205_0.jpg", "upper_09176_00.jpg"),
    ("person_049447_0.jpg", "upper_10165_00.jpg"),   # a long-sleeved bodysuit
])
def test_long_sleeves_meet_the_bodice(engine, person_file, garment_file):
    """On the old code 1442, 227 and 510 px of the photo showed between sleeve and bodice here."""
    person = engine.analyze_person(load_image(IMAGES / person_file))
    warped = warp(person, cut_out(load_image(IMAGES / garment_file), "upper"))
    assert warped.long_sleeves
    sleeve = (warped.sleeve > 0.5) & (warped.alpha > 0.5)
    slits = _slits(person, sleeve, warped.alpha)
    assert slits <= MOST_SLIT * sleeve.sum(), (person_file, slits, int(sleeve.sum()))


def _bodice_left_out(person, warped, garment: np.ndarray) -> int:
    """Pixels of the warped bodice beside each sleeve, no farther down the upper arm than the sleeve
    reaches, that the render leaves out (`garment` its working alpha)."""
    h, w = garment.shape
    ys, xs = np.arange(h)[:, None], np.arange(w)[None, :]
    sleeve = (warped.sleeve > 0.5) & (warped.alpha > 0.5)
    bodice = (warped.alpha > 0.5) & ~sleeve
    centre = (person.point(L_SHOULDER)[0] + person.point(R_SHOULDER)[0]) / 2
    count = 0
    for s, e in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW)):
        sh, el = person.point(s), person.point(e)
        side = (xs - centre) * (sh[0] - centre) > 0
        axis = (el - sh) / np.linalg.norm(el - sh)
        depth = (xs - sh[0]) * axis[0] + (ys - sh[1]) * axis[1]
        hem = depth[sleeve & side].max()
        count += int((bodice & side & (depth <= hem) & (garment < 0.5)).sum())
    return count


def test_a_bare_arm_rebuilt_under_a_short_sleeve_stays_inside_it(engine):
    """The old top's long sleeves are rebuilt as bare arms, kept in front of the new top's body where
    they hang beside it; above the sleeve's hem that cut 221 px out of the bodice on the old code."""
    rgb = load_image(IMAGES / "person_00035_00.jpg")
    person = engine.analyze_person(rgb)
    warped = warp(person, cut_out(load_image(IMAGES / "upper_04469_00.jpg"), "upper"))
    assert not warped.long_sleeves
    garment = compose(rgb, person, warped).work_alpha
    sleeve = (warped.sleeve > 0.5) & (warped.alpha > 0.5)
    cut = _bodice_left_out(person, warped, garment)
    assert cut <= MOST_CUT * sleeve.sum(), (cut, int(sleeve.sum()))
