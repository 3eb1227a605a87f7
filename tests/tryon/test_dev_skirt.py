"""A skirt on real photos (../shared/tryon_dev, skipped cleanly when absent): a man in beige shorts, a woman in a
high-waisted red skirt.

The flared maxi skirt's hem dips at a fold, and its last row showed two lobes: read as two legs, it was drawn as a
pair of wide trousers with the room between his legs, and, scaled by its narrow waist, hung past his feet. His beige
shorts pass the skin test, and the neck kept in front of a garment ran down to the bottom's waistband: a white block
was painted over the skirt's waist. The category says what the outline cannot: a skirt has one hem. Her red skirt
rose above the new skirt's waistband, laid by the hip joints, in a red band under her crop top.
"""

from __future__ import annotations

import cv2
import numpy as np

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.old_colours import OLD_NEAR, lower_palette, old_waistband_y, palette_distances
from tryon.analysis.person import L_ANKLE, L_HIP, L_KNEE, R_ANKLE, R_HIP, R_KNEE, load_image
from tryon.compose.in_front import protect_mask
from tryon.engine import render_on
from tryon.fit.warp import warp

pytestmark = needs_dev_set

SKIRT = "lower_fitdit_0317.jpg"
PERSON = "person_fitdit_1.jpg"
ANKLE_SLACK = 0.05   # share of the hips-to-ankles height a hem may hang past the ankles (the feet's own height)


def test_a_skirt_is_read_with_one_hem_and_trousers_with_two_legs(engine):
    assert "leg_l" not in engine.prepare(IMAGES / SKIRT, "skirt").points
    assert "leg_l" in engine.prepare(IMAGES / "lower_051412_1.jpg", "trousers").points
    assert "leg_l" in engine.prepare(IMAGES / "lower_fitdit_7.jpg", "shorts").points


def test_a_skirt_hangs_across_the_legs_and_ends_by_the_ankles(engine):
    rgb = load_image(IMAGES / PERSON)
    person = engine.analyze_person(rgb)
    alpha = render_on(rgb, person, engine.prepare(IMAGES / SKIRT, "skirt")).garment
    hips = float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2
    ankles = float(person.point(L_ANKLE)[1] + person.point(R_ANKLE)[1]) / 2
    lowest = int(np.flatnonzero((alpha > 0.5).any(axis=1)).max())
    assert lowest <= ankles + ANKLE_SLACK * (ankles - hips), (lowest, ankles)
    # between the knees, where trouser legs leave the room, the skirt hangs
    knees = (person.point(L_KNEE) + person.point(R_KNEE)) / 2
    between = alpha[int(knees[1]) - 3:int(knees[1]) + 4, int(knees[0]) - 2:int(knees[0]) + 3]
    assert (between > 0.5).all(), between.round(2)


def test_nothing_of_the_waist_stays_in_front_of_a_bottom_between_the_arms(engine):
    person = engine.analyze_person(load_image(IMAGES / PERSON))
    keep = protect_mask(person, warp(person, engine.prepare(IMAGES / SKIRT, "skirt")))
    # the middle third between his hips, from below the chin to the hips: his hand in its pocket lies past it
    middle = (person.point(L_HIP) + person.point(R_HIP)) / 2
    third = abs(float(person.point(L_HIP)[0] - person.point(R_HIP)[0])) / 3
    below_chin = person.face_box[3] + 10
    assert not keep[below_chin:int(middle[1]), int(middle[0] - third):int(middle[0] + third)].any()


def test_a_bottom_over_a_high_waisted_one_covers_its_waistband(engine):
    rgb = load_image(IMAGES / "person_taylor.jpg")
    person = engine.analyze_person(rgb)
    top = old_waistband_y(person)
    hips = float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2
    assert top is not None and top < hips - 0.1 * person.shoulder_width, (top, hips)
    done = render_on(rgb, person, engine.prepare(IMAGES / SKIRT, "skirt"))
    h, w = person.mask.shape
    lab = cv2.cvtColor(cv2.resize(done.image, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    centre = int((person.point(L_HIP)[0] + person.point(R_HIP)[0]) / 2)
    band = (slice(int(top) - 5, int(hips)), slice(centre - 10, centre + 11))
    old = palette_distances(lab[band], lower_palette(person)) < OLD_NEAR
    assert old.mean() < 0.02, old.mean()   # her red skirt, none of it left above the new one
