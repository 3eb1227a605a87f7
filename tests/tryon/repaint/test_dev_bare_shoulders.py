"""Bare shoulders painted where a new top leaves more of them than the old one, on real photos
(../shared/tryon_dev, skipped cleanly when absent): they are round (the skin darkens towards the body's
outline, as real shoulders turn away from the camera there) and outlined as bare shoulders are (sloping
from the neck over each shoulder's round, not the old T-shirt's square shoulders)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.shared.boxes import around
from tryon.analysis.limbs import ARM_HALVES, arm_limbs, silhouette
from tryon.shared.medians import masked_median
from tryon.repaint.neck_column import neck_outline, neck_sides
from tryon.repaint.old_collar import head_rows, old_collar
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, PersonAnalysis, load_image
from tryon.analysis.skin import lab_distances, skin_tone
from tryon.repaint.uncover_neck import TONE_SCALE
from tryon.fit.warp import warp

pytestmark = needs_dev_set

RIM = (2, 0.03)        # px, share of shoulder width: the painted skin along the body's outline (past its blend)
INNER = (0.13, 0.2)    # shares of shoulder width from the outline: the skin a shoulder's round inside it
CHANGED = 12           # Lab step (any channel) past which the render changed a pixel of the photo


def _render(engine, person_file: str, garment_file: str, category: str) -> tuple[PersonAnalysis, np.ndarray,
                                                                                 np.ndarray]:
    """The person, the render's Lab at the working size, and the warped garment's alpha."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    garment = str(IMAGES / garment_file)
    alpha = warp(person, engine.prepare(garment, category)).alpha
    out = engine.render(rgb, garment, category, person=person).image
    h, w = person.mask.shape
    lab = cv2.cvtColor(cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB)
    return person, lab, alpha


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_00121_00.jpg", "upper_09305_00.jpg", "t-shirt"),   # a wide scoop over a black crew-neck tee
    ("person_model_6.png", "upper_050002_1.jpg", "blouse"),     # a cold-shoulder top over a white tank top
])
def test_painted_shoulders_darken_towards_the_body_outline(engine, person_file, garment_file, category):
    """Lit only across the chest, the painted shoulders were as light at the room as a shoulder's round
    inside (13% lighter, and 2% darker): a flat patch cut out along the old top's outline. Turning away
    from the camera there, they are at least 3% darker."""
    person, lab, alpha = _render(engine, person_file, garment_file, category)
    painted = old_collar(person, alpha, person.lab)
    near = around(painted, 0)
    cloth = masked_median(person.lab[near], painted[near])
    kept, off_neck = neck_sides(person, painted, cloth, skin_tone(person).lab, TONE_SCALE)
    painted &= ~kept & ~off_neck
    sw = person.shoulder_width
    to_room = cv2.distanceTransform((person.mask > 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    rim = painted & (to_room >= RIM[0]) & (to_room <= RIM[1] * sw)
    inner = painted & (to_room >= INNER[0] * sw) & (to_room <= INNER[1] * sw)
    assert rim.sum() > 100 and inner.sum() > 500
    light = lab[..., 0].astype(np.float32)
    assert float(light[rim].mean()) < 0.97 * float(light[inner].mean())


def _above_shoulders(person: PersonAnalysis) -> np.ndarray:
    """Between the chin and the shoulder joints, outside the hull of the neck's sides and each shoulder's
    round (an upper arm's half-width about its joint) and outside the arms: above the line a bare shoulder's
    outline takes from the neck."""
    h, w = person.mask.shape
    ring = np.linspace(0.0, 2 * np.pi, 32, endpoint=False)
    points = [neck_outline(person)]
    for i in (L_SHOULDER, R_SHOULDER):
        joint, r = person.point(i), ARM_HALVES[0] * person.shoulder_width
        points.append(np.stack([joint[0] + r * np.cos(ring), joint[1] + r * np.sin(ring)], 1))
    hull = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(hull, cv2.convexHull(np.round(np.concatenate(points)).astype(np.int32)), 1)
    out = (hull == 0) & ~silhouette(arm_limbs(person), (h, w)) & ~head_rows(person)
    out[int(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1])):] = False
    return out


@pytest.mark.parametrize("garment_file", ["upper_04743_00.jpg", "upper_050191_1.jpg"])
def test_painted_skin_slopes_from_the_neck_over_the_shoulders(engine, garment_file):
    """Two wide-necked tees over his white crew-neck tee: the old tee's square shoulders, standing above the
    line from his neck over each shoulder's round, were painted as skin (77 and 66 px): a skin-coloured
    yoke with square corners. Bare, that is the room."""
    person, lab, alpha = _render(engine, "person_049205_0.jpg", garment_file, "t-shirt")
    old_tee = _above_shoulders(person) & (person.mask > 0.5) & ~person.skin & (alpha < 0.5)
    assert old_tee.sum() > 100
    room = masked_median(person.lab, person.mask <= 0.5)
    skin_like = lab_distances(lab, skin_tone(person).lab) < lab_distances(lab, room)
    changed = np.abs(lab.astype(np.int16) - person.lab.astype(np.int16)).max(axis=2) > CHANGED
    assert int((old_tee & skin_like & changed).sum()) < 10
