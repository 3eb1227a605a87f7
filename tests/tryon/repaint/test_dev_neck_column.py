"""Skin painted above a more open neckline keeps to the neck's own outline, on real photos
(../shared/tryon_dev, skipped cleanly when absent): old cloth standing off the side of the neck (a halter
strap) is room behind, not neck, and the neck in shadow under a tilted jaw is the shopper's own skin."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.repaint.old_collar import head_rows
from tryon.analysis.skin import LAB_SCALE, lab_distances

pytestmark = needs_dev_set

ROOM_NEAR = 8.0     # Lab distance under which a pixel reads as the room's plain colour
NECK_ROWS = 0.12    # share of shoulder width below the chin measured: the neck, above the shoulders
UNDER_JAW = 0.05    # share of shoulder width below the chin where the jaw's shadow lies
# px (working res) under the jaw that may be repainted: the outline's stub; the line across the neck was 153
JAW_REPAINTED = 60
SHOULDER_ROWS = 0.25  # share of shoulder width below the chin measured for hair on the shoulder
HAIR_PAINTED = 90    # px (working res) of what is not skin, not under the garment, that may change there
CHANGED = 12        # RGB step past which a pixel was repainted (the render's shrinking to the working size moves less)


def _chin(person) -> int:
    return int(head_rows(person)[:, 0].sum())


@pytest.mark.parametrize("garment_file,part", [
    ("dress_052234_1.jpg", "full"),     # a square-necked dress over a white halter dress
    ("upper_048554_1.jpg", "upper"),    # a crew-neck T-shirt over it
])
def test_no_skin_is_painted_on_the_halter_strap_beside_her_neck(engine, garment_file, part):
    """Her halter strap runs up beside her neck to above the chin, the room behind it. Painted as skin, the
    neck was 14 px wider on that side (working res) and cut off square at the chin's row, a step under her
    jaw; filled with the room, what reads as body in those rows is her bare neck, a px or two of outline."""
    got = dev_render(engine, "person_053514_0.jpg", garment_file, part)
    person = got.person
    chin = _chin(person)
    rows = slice(chin + 2, chin + int(NECK_ROWS * person.shoulder_width))
    room = np.median(person.lab[person.mask <= 0.5].astype(np.float32), axis=0)
    lab = cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB)[rows]
    body = lab_distances(lab, room, LAB_SCALE) >= ROOM_NEAR
    neck = person.skin[rows] & (person.mask[rows] > 0.5)
    widths = body.sum(axis=1) - neck.sum(axis=1)
    assert float(np.median(widths)) <= 3


def _repainted(got, rows: slice) -> np.ndarray:
    """The pixels of `rows` the render changed from the photo (working res)."""
    return np.abs(got.work[rows].astype(np.int16) - got.person.image[rows].astype(np.int16)).max(axis=2) > CHANGED


@pytest.mark.parametrize("garment_file", [
    "upper_09305_00.jpg",      # a scoop-neck tee over her black T-shirt
    "upper_fitdit_0047.jpg",   # a high ruffled neck covering it whole
])
def test_the_neck_in_shadow_under_the_jaw_is_her_own(engine, garment_file):
    """Under her tilted jaw the neck is in shadow, too dark for the skin test, and joined to the black
    T-shirt's collar by the neck's dark outline: painted with it up to the chin's row, it met her jaw along
    a straight line (153 px repainted there, working res). Nearer her skin's colour than the cloth's, it is
    left as it was: what is repainted there is a short stub of that line at the neck's outline (52 px).
    Where a high ruffled neck covers her T-shirt whole (and the wide sleeves' notches are closed over it), no
    old cloth is left showing below the neck to read its colour from: the shadow was taken as the cloth's
    colour itself, nothing was told from it, and it was painted (250 px). Her T-shirt as the photo shows it
    across the chest is the cloth's colour."""
    got = dev_render(engine, "person_00121_00.jpg", garment_file, "upper")
    person = got.person
    chin = _chin(person)
    rows = slice(chin, chin + int(UNDER_JAW * person.shoulder_width))
    on = person.mask[rows] > 0.5
    assert int((_repainted(got, rows) & on).sum()) < JAW_REPAINTED


@pytest.mark.parametrize("garment_file,part", [("upper_049805_1.jpg", "upper"), ("dress_fitdit_10.jpg", "full")])
def test_hair_on_her_bare_shoulder_is_not_painted_when_the_new_top_covers_her_dress(engine, garment_file, part):
    """Her strapless dress leaves the neck and shoulders bare, and a new top covers its bodice whole: only her
    hair on the shoulder was left as 'old cloth' below the neck, its own colour taken as the cloth's, and it was
    painted over as a flat block of skin cut square against the room (135 and 149 px of what is not skin, working
    res); now about a strand's outline (50 and 68)."""
    got = dev_render(engine, "person_taylor.jpg", garment_file, part)
    person = got.person
    chin = _chin(person)
    rows = slice(chin, chin + int(SHOULDER_ROWS * person.shoulder_width))
    shown = (person.mask[rows] > 0.5) & ~person.skin[rows] & (got.done.work_alpha[rows] < 0.02)
    assert int((_repainted(got, rows) & shown).sum()) < HAIR_PAINTED
