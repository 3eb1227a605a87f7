"""Bare arms under a sleeveless dress or a T-shirt on a real photo (../shared/tryon_dev, skipped
cleanly when absent): over a long-sleeved top, the rebuilt arms are skin, with none of the dress's
colour or print carried down them, round and grained like the shopper's own skin, not flat strips."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from catalog.demo.art import GarmentSpec, render_garment
from catalog.vocabulary import COLOR_RGB
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.limbs import silhouette
from tryon.analysis.person import L_ELBOW, L_HIP, L_SHOULDER, L_WRIST, R_ELBOW, R_HIP, R_SHOULDER, R_WRIST, load_image
from tryon.analysis.skin import skin_tone
from tryon.repaint.uncover_limbs import rebuilt_arms


BELOW_ARMPIT = 0.45   # share of shoulder width below the shoulder joints where the arm leaves the dress
ARM_INSET = 0.03      # share of shoulder width inside the arm's outline where measuring starts (its soft edge)
# Lab distance from the shopper's tone that 95% of a rebuilt arm's pixels stay within: real bare arms on the
# dev photos reach 22 to 48 (median 38) from their own tone, shaded round; a flat one-tone paint stayed under 22
SKIN_NEAR = 30.0
CLOTH_NEAR = 25.0     # Lab distance from the dress's colour that counts as a streak of it
# share a forearm's outer fifths are darker than its middle third, at least: real bare forearms on the dev
# photos are 3% to 28% darker (median 10%); a flat paint with a thin dark rim is 4.5%
ROUND_AT_LEAST = 0.06
GRAIN_KEPT = 0.33     # share of the face's fine grain (full res) a rebuilt arm shows at least
FOREARM_ROWS = np.linspace(0.25, 0.75, 9)  # where along elbow-to-wrist the forearm's cross-section is read

pytestmark = needs_dev_set


def _arm_band(person) -> np.ndarray:
    """The middle of both arms' old sleeves (working res), from below the armpits to the hips (below
    them the flared skirt hangs beside the hands)."""
    arms = silhouette(rebuilt_arms(person), person.mask.shape)
    r = max(1, int(ARM_INSET * person.shoulder_width))
    core = cv2.erode(arms.astype(np.uint8), np.ones((2 * r + 1,) * 2, np.uint8)) > 0
    top = int(max(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]) + BELOW_ARMPIT * person.shoulder_width)
    core[:top] = False
    core[int(min(person.point(L_HIP)[1], person.point(R_HIP)[1])):] = False
    return core & (person.mask > 0.5) & ~person.skin  # the old sleeves, not the hands


@pytest.mark.parametrize("color", ["purple", "black", "navy"])
def test_a_sleeveless_dress_leaves_bare_arms_without_its_colour(engine, color):
    """Over her long navy sleeves, the sleeveless dress's edge was carried down both arms: the
    columns beside its armholes have the skirt as their top, so the whole old sleeve read as a
    band above the garment, and purple and white streaks covered the rebuilt arms."""
    rgb = cv2.cvtColor(cv2.imread(str(IMAGES / "person_00035_00.jpg")), cv2.COLOR_BGR2RGB)
    person = engine.analyze_person(rgb)
    garment = render_garment(GarmentSpec("dress", color, pattern="polka-dot", sleeve="sleeveless"))
    result = engine.render(rgb, garment, "dress")
    band = _arm_band(person)
    assert band.sum() > 500
    small = cv2.resize(result.image, person.mask.shape[::-1], interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)[band]
    tone = skin_tone(person).lab
    dress = cv2.cvtColor(np.uint8([[COLOR_RGB[color]]]), cv2.COLOR_RGB2LAB).astype(np.float32)[0, 0]
    to_skin = np.linalg.norm(lab - tone, axis=1)
    to_dress = np.linalg.norm(lab - dress, axis=1)
    assert np.percentile(to_skin, 95) < SKIN_NEAR, color
    assert float((to_dress < CLOTH_NEAR).mean()) < 0.01, color


def _cross_sections(person, light: np.ndarray, arms: np.ndarray) -> tuple[list[float], list[float]]:
    """Lightness (full res) of each forearm's middle third and outer fifths, read across it along
    the normal to the elbow-to-wrist line, at FOREARM_ROWS."""
    scale = light.shape[0] / person.mask.shape[0]
    middle, outline = [], []
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        a, b = person.point(elbow) * scale, person.point(wrist) * scale
        d = (b - a) / np.linalg.norm(b - a)
        n = np.array([-d[1], d[0]])
        for t in FOREARM_ROWS:
            steps = np.arange(-0.2, 0.2, 0.002) * person.shoulder_width * scale
            pts = np.round(a + (b - a) * t + steps[:, None] * n).astype(int)
            on = arms[pts[:, 1], pts[:, 0]]
            if on.sum() < 10:
                continue
            run = light[pts[on, 1], pts[on, 0]]
            k = len(run)
            middle.append(float(run[k // 3:2 * k // 3].mean()))
            outline.append(float(np.r_[run[:k // 5], run[-(k // 5):]].mean()))
    return middle, outline


def test_rebuilt_forearms_are_round_and_grained_like_her_own_skin(engine):
    """Her navy long sleeves under a T-shirt become forearms: lighter along their middle than at their
    outline, as a round limb is lit, and with the fine grain her own face has (a smooth paint reads
    as a sticker beside real skin)."""
    rgb = load_image(IMAGES / "person_00035_00.jpg")
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / "upper_09166_00.jpg"), "t-shirt", person=person)
    assert result.landing.shown_over == ()
    H, W = result.image.shape[:2]
    light = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    old = cv2.resize(_arm_band(person).astype(np.uint8), (W, H), interpolation=cv2.INTER_NEAREST) > 0
    painted = cv2.resize((silhouette(rebuilt_arms(person), person.mask.shape) & (person.mask > 0.5)).astype(np.uint8),
                         (W, H), interpolation=cv2.INTER_NEAREST) > 0
    middle, outline = _cross_sections(person, light, painted)
    assert len(middle) >= 12
    assert np.median(np.subtract(middle, outline) / np.array(middle)) > ROUND_AT_LEAST, (middle, outline)
    fine = np.abs(light - cv2.GaussianBlur(light, (0, 0), 1.0))
    x0, y0, x1, y1 = (int(v / person.scale) for v in person.face_box)
    cheeks = fine[y0 + (y1 - y0) // 3:y1 - (y1 - y0) // 3, x0 + (x1 - x0) // 3:x1 - (x1 - x0) // 3]
    # painted at working resolution and enlarged, the grain softens: a third of the face's is kept (a smooth paint: an eighth)
    assert np.median(fine[old]) > GRAIN_KEPT * np.median(cheeks), (np.median(fine[old]), np.median(cheeks))
