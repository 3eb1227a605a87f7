"""Pieces of the old top round a new one's neck and shoulders on real photos (../shared/tryon_dev, skipped
cleanly when absent): a pink collar's shaded side that passes the skin test is still old cloth, and a
dark old tee's soft outline past the new top's edge and the painted collar is filled from the room."""

from __future__ import annotations

import cv2
import numpy as np

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.compose import layering as compose
from tryon.repaint import old_collar, uncover_neck

pytestmark = needs_dev_set

DARK = 100   # Lab L (0..255): a black tee's outline blended with a light room stays darker than this
NEAR = 8     # px (working res) from the new garment the old tee's outline is looked for


def test_a_pink_collar_that_passes_for_skin_is_painted_over(engine, monkeypatch):
    """Her pink shirt's collar, in shade, passes the skin test: it stood as pink fragments above the new
    tee's neckband. Its hue is the shirt's, not her skin's, so it is taken in with the old collar."""
    person, _, done, _ = dev_render(engine, "person_00034_00.jpg", "upper_050105_1.jpg")
    found = int(old_collar.old_collar(person, done.work_alpha, person.lab).sum())
    monkeypatch.setattr(old_collar, "old_top_hued", lambda person, alpha, box, where: np.zeros(where.shape, bool))
    skin_only = int(old_collar.old_collar(person, done.work_alpha, person.lab).sum())
    assert found > skin_only + 100, (found, skin_only)


def _dark_outline(engine, person_file: str, garment_file: str) -> int:
    """Dark px (working res) of the render on the person mask's soft outline below the chin, within NEAR
    px of the new garment (not her earrings)."""
    person, _, done, work = dev_render(engine, person_file, garment_file)
    soft = (person.mask > 0.05) & (person.mask <= 0.5) & ~old_collar.head_rows(person)
    near = cv2.dilate((done.work_alpha >= 0.5).astype(np.uint8), np.ones((2 * NEAR + 1,) * 2, np.uint8)) > 0
    return int((soft & near & (cv2.cvtColor(work, cv2.COLOR_RGB2LAB)[..., 0] < DARK)).sum())


def test_a_dark_old_tees_soft_outline_is_filled_from_the_room(engine, monkeypatch):
    """Her black tee's outline, on the segmenter's soft edge, stayed as black corners at the new blouse's
    sleeves and ticks at the back of the painted neck: filled from the room (where the collar is painted,
    or after, along the garment's edge), few dark pixels are left."""
    for garment in ("upper_049940_1.jpg", "upper_04743_00.jpg"):
        filled = _dark_outline(engine, "person_00121_00.jpg", garment)
        with monkeypatch.context() as m:
            m.setattr(compose, "fringe", lambda person, solid, painted, keep: np.zeros(solid.shape, bool))
            m.setattr(uncover_neck, "edge_by_the_room", lambda person, old: np.zeros(old.shape, bool))
            left = _dark_outline(engine, "person_00121_00.jpg", garment)
        assert filled < 0.5 * left and left > 10, (garment, filled, left)
