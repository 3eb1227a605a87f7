"""The garment's outline on real photos (../shared/tryon_dev, skipped cleanly when absent): one clean,
anti-aliased edge carried by the warp, not a fringe. The product's soft cut-out edge, stretched along a
sleeve's hem, read as a torn hem; the empty warp border (black) blended into the edge drew grey and dark
streaks along a light garment's sleeves; specks cut off the garment floated beside it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, dev_render, needs_dev_set
from tryon.compose.layering import compose
from tryon.garment.cutting import cut_out
from tryon.compose.outline import specks
from tryon.analysis.person import L_ELBOW, L_SHOULDER, R_ELBOW, R_SHOULDER, load_image
from tryon.repaint.uncover import OUTLINE_MASK
from tryon.fit.warp import warp

pytestmark = needs_dev_set

EDGE_WIDTH = 1.2   # px (working res) of partial alpha per px of outline: a pixel's anti-aliasing, and a little
DARKER = 12        # Lab lightness (0..255) a fringe pixel is darker than both the photo and the garment beside it
NEAR = 9           # px (input res): the box in which the garment beside an edge pixel is looked for
DARK_SHARE = 0.08  # share of the edge's pixels that may be darker than both (hair, a shadow beside the edge)
ROOM_MASK = 0.02   # person mask below this is the room
ROOM_BOX = 15      # px (working res): the room's lightness beside an outline pixel is its mean in this box
GHOST_SHARE = 0.15  # share of the outline beside rebuilt arms that may be darker than the room (hair hangs there)

PAIRS = [("person_00121_00.jpg", "upper_050181_1.jpg", "upper"),
         ("person_049447_0.jpg", "upper_049947_1.jpg", "upper"),
         ("person_01992_00.jpg", "upper_050191_1.jpg", "upper"),
         ("person_053514_0.jpg", "lower_051991_1.jpg", "lower"),
         ("person_model_6.png", "dress_053786_1.jpg", "full")]


def _composed(engine, person_file: str, garment_file: str, kind: str):
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    return rgb, compose(rgb, person, warp(person, cut_out(load_image(IMAGES / garment_file), kind)))


@pytest.mark.parametrize("person_file,garment_file,kind", PAIRS)
def test_the_outline_is_one_clean_edge(engine, person_file, garment_file, kind):
    """Partial alpha lay over two to three pixels for every pixel of outline (a fuzzy, torn-looking
    fringe where the warp stretched the product's soft edge); now about one."""
    _, (_, _, alpha, _) = _composed(engine, person_file, garment_file, kind)
    solid = alpha > 0.5
    outline = solid & ~(cv2.erode(solid.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)
    partial = (alpha > 0.05) & (alpha < 0.95)
    assert partial.sum() / outline.sum() < EDGE_WIDTH


@pytest.mark.parametrize("person_file,garment_file,kind", PAIRS)
def test_no_dark_fringe_round_the_garment(engine, person_file, garment_file, kind):
    """An eighth to over a third of the edge's pixels were darker than both the photo there and the
    garment beside them: the warp's empty black border, blended in, drew grey streaks along the sleeves."""
    rgb, (image, _, alpha, _) = _composed(engine, person_file, garment_file, kind)
    h, w = image.shape[:2]
    a = cv2.resize(alpha, (w, h), interpolation=cv2.INTER_LINEAR)
    lightness = [cv2.cvtColor(im, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32) for im in (image, rgb)]
    beside = cv2.erode(np.where(a > 0.99, lightness[0], 255).astype(np.float32), np.ones((NEAR, NEAR), np.uint8))
    edge = (a > 0.1) & (a < 0.9)
    dark = edge & (lightness[0] < np.minimum(lightness[1], beside) - DARKER)
    assert dark.sum() / edge.sum() < DARK_SHARE


@pytest.mark.parametrize("person_file", ["person_00055_00.jpg", "person_00121_00.jpg"])
@pytest.mark.parametrize("garment_file", ["upper_09256_00.jpg", "upper_050002_1.jpg"])
def test_no_ghost_of_an_old_sleeve_beside_the_arm_rebuilt_under_a_sleeveless_top(engine, person_file, garment_file):
    """Her dark purple sleeves are replaced by bare arms and the room. Their soft outline was filled again in
    the last step from the photo, where the sleeve's dark cloth beside it drew a grey line along where the
    sleeve had been (a fifth of the outline's pixels between shoulders and elbows darker than the room beside
    them; a tenth now, most of them her hair's). The other's black tee's outline, beside the shoulders painted
    bare under a sleeveless or cold-shoulder top, stayed where the collar's paint filled the room (24% and 23% of it;
    14% and 12% now)."""
    got = dev_render(engine, person_file, garment_file)
    person = got.person
    lightness = cv2.cvtColor(got.work, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    room = (person.mask < ROOM_MASK).astype(np.float32)
    box = (ROOM_BOX, ROOM_BOX)
    room_lightness = cv2.blur(lightness * room, box) / np.maximum(cv2.blur(room, box), 1e-6)
    outline = (person.mask > OUTLINE_MASK) & (person.mask <= 0.5) & ~person.skin & (got.done.work_alpha < 0.02)
    shoulders = int(min(person.point(L_SHOULDER)[1], person.point(R_SHOULDER)[1]))
    elbows = int(max(person.point(L_ELBOW)[1], person.point(R_ELBOW)[1]))
    outline[:shoulders], outline[elbows:] = False, False
    ghost = outline & (lightness < room_lightness - DARKER)
    assert ghost.sum() / outline.sum() < GHOST_SHARE, (int(ghost.sum()), int(outline.sum()))


def test_specks_go_and_pieces_seen_through_what_is_in_front_stay():
    """A small piece apart from the garment goes, with the pixel round it; one ringed by what stays in
    front (a bag's handle hole) stays where it lies on the body, and so does a piece as large as a
    sleeve cut off by a hand."""
    shape = np.zeros((200, 200), bool)
    shape[20:180, 20:120] = True          # the garment
    shape[30:33, 140:143] = True          # a speck beside it
    shape[100:160, 150:190] = True        # a sleeve cut off by a hand
    shape[60:64, 170:174] = True          # seen through a hole in a bag
    front = np.zeros_like(shape)
    front[55:69, 165:179] = True
    front[60:64, 170:174] = False
    body = np.ones_like(shape)
    gone = specks(shape, front, body, shoulder_width=100.0)
    assert gone[30:33, 140:143].all() and gone[29, 139] and not gone[20:180, 20:120].any()
    assert not gone[100:160, 150:190].any() and not gone[60:64, 170:174].any()
    # the same hole beside the body, between a hand's fingers: the room is seen through it, not garment
    body[:, 160:] = False
    assert specks(shape, front, body, shoulder_width=100.0)[60:64, 170:174].all()
