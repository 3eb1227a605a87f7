"""What a hand holds in front of the body: a handbag, a clutch, a phone.

The person mask takes in what the shopper holds, so a new garment was drawn over a bag held at the hip,
and the room fill that paints out old clothes painted the rest of it out. A held thing is told from the
old clothes behind it by its outline, a step in colour all round it: split the person's cloth (not skin)
into the pieces such steps close in. The old garment runs on as one piece past a bag's reach of the
wrists (a skirt, a trouser leg, a top), while a held thing is closed in near the hand; its pieces (a
flap, a shaded side, a handle), joined across the outlines between them, touch the region round a wrist
(`held`) or hang below it. A seam, a fold's shadow or a check's lines close in pieces of the old clothes
near a hand too, so a group is taken as held only when it stands out past the outline of the old
clothes above it, which a thing held at the side hides and a piece of those clothes follows. What is
kept is the group with its outline, its skin-coloured parts and the handle joining it to the hand.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.limbs import HOLD_REACH, arm_skin, held, leg_limbs, round_wrists, silhouette
from tryon.analysis.person import L_WRIST, R_WRIST, PersonAnalysis
from tryon.analysis.skin import LAB_SCALE, lab_distances
from tryon.shared.boxes import around
from tryon.shared.medians import masked_median
from tryon.shared.components import components

# Lab units (LAB_SCALE) per px of the slightly blurred photo: an object's outline against cloth behind
# it changes colour faster than this; the cloth's own folds and shading change it by a third of that
OUTLINE_STEP = 3.0
OUTLINE_BLUR = 1.0   # px: sensor noise and weave are blurred out before colour steps are measured
# share of shoulder width from the wrist a held thing may reach: a bag hanging from its handle below
# the hand; old clothes run on past it
HELD_REACH = 1.0
# px (working res): a held thing's parts (flap, shaded side, handle) are joined across the outlines
# between them, which are this wide at most
HELD_OUTLINE_PX = 5
# share of shoulder width squared: a held thing shows at least one smooth face of a phone's size; the
# pieces a fold's shadow or a check's lines close in on old clothes near a hand are smaller
MIN_FACE = 0.02
# share of shoulder width below the region round the wrist a bag's handle lets it hang
HANDLE = 0.2
# share of shoulder width a held thing stands out past the outline of the old clothes above it (away
# from the body's centre line): a bag at the side hides the outline; a piece of the old clothes near a
# hand (a waistband, a pocket, a jacket's front) follows it, a hip standing out past the waist above it
# by a few hundredths
BUMP = 0.12
# share of shoulder width round a held thing the room beside it is read on; a "thing" whose colour is within
# ROOM_NEAR (Lab distance) of a share ROOM_SHARE of that room is the room seen through a gap (on the dev set: such a
# gap 0.52, and a piece of a pale check skirt by the hand 1.0; a white clutch against a white room 0.16)
ROOM_REACH = 0.25
ROOM_NEAR = 10.0
ROOM_SHARE = 0.35
# share of shoulder width: that outline is read on rows this far above the group's top and as many
# again, clear of the hand and the handle it holds
OUTLINE_BAND = 0.1


def held_things(person: PersonAnalysis) -> np.ndarray:
    """What the hands hold in front of the body (working res), outlines included (once per photo)."""
    return person.derived("held_things", lambda: _held_things(person))


def colour_steps(person: PersonAnalysis) -> np.ndarray:
    """Where the photo's colour changes faster than OUTLINE_STEP per px: outlines of things and prints."""
    lab = cv2.GaussianBlur(person.lab.astype(np.float32) * LAB_SCALE, (0, 0), OUTLINE_BLUR)
    # Sobel's 3x3 kernel weighs a one-pixel step 8 times over
    gx = cv2.Sobel(lab, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(lab, cv2.CV_32F, 0, 1, ksize=3) / 8
    return np.sqrt((gx * gx + gy * gy).sum(axis=2)) > OUTLINE_STEP


def _held_things(person: PersonAnalysis) -> np.ndarray:
    near_hand = held(person)
    nothing = np.zeros(person.mask.shape, bool)
    if not near_hand.any():
        return nothing
    steps = colour_steps(person)
    cloth = person.body & ~person.skin
    n, parts = components((cloth & ~steps).astype(np.uint8), connectivity=4)
    # a piece runs on past a bag's reach, or out of the frame (a photo cut off at the knees)
    reach = round_wrists(person, HELD_REACH)
    far = ~reach
    far[[0, -1]] = True
    far[:, [0, -1]] = True
    runs = np.bincount(parts[far], minlength=n) > 0
    runs[0] = False
    runs_on = runs[parts]
    closed_in = cloth & ~steps & ~runs_on
    if not closed_in.any():
        return nothing
    sw = person.shoulder_width
    face = np.bincount(parts[closed_in], minlength=n) >= MIN_FACE * sw ** 2
    # the pieces and the outlines between them, as far as the body's cloth goes (not into what runs on)
    joined = cv2.morphologyEx(closed_in.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((HELD_OUTLINE_PX,) * 2, np.uint8)) > 0
    joined &= cloth & (closed_in | steps)
    count, groups = components(joined.astype(np.uint8), connectivity=8)
    # the region round the wrist, carried down as far as a handle lets a bag hang
    drop = max(1, int(HANDLE * sw))
    hanging = cv2.dilate(near_hand.astype(np.uint8), np.ones((drop + 1, 1), np.uint8), anchor=(0, drop)) > 0
    ok = np.bincount(groups[hanging & joined], minlength=count) > 0
    ok &= np.bincount(groups[joined], weights=face[parts[joined]], minlength=count) > 0
    ok[0] = False
    for i in np.flatnonzero(ok):
        group = groups == i
        ok[i] = _stands_out(person, group, runs_on) and not _the_room(person, group)
    if not ok.any():
        return nothing
    # less its parts narrower than an outline (a strip of the old top between arm and body), and with its
    # outline and its skin-coloured parts within reach (a beige bag passes the skin test), the legs left
    # out, and what joins it to the hand (a handle: outlines and skin, not cloth) below the wrist, at most
    # a handle's length above it; nothing below it (the old clothes' outlines there are not the bag's).
    # The arm and hand are not the thing's: a long sleeve covers the arm, and what of them stays in front
    # is the arm's own rule
    kernel = np.ones((HELD_OUTLINE_PX,) * 2, np.uint8)
    grown = cv2.dilate(cv2.morphologyEx(ok[groups].astype(np.uint8), cv2.MORPH_OPEN, kernel), kernel) > 0
    if not grown.any():
        return nothing
    own = reach & person.skin & ~silhouette(leg_limbs(person), grown.shape)
    rows = np.flatnonzero(grown.any(axis=1))
    hanging[:max(0, rows[0] - drop)] = False
    hanging[rows[-1] + 1:] = False
    handle = hanging & _below_wrists(person) & (steps | person.skin)
    kept = person.body & ~runs_on & (grown | handle | own) & ~arm_skin(person)
    n, pieces = components(kept.astype(np.uint8), connectivity=8)
    joined = np.bincount(pieces[grown & kept], minlength=n) > 0
    joined[0] = False
    return joined[pieces]


def _below_wrists(person: PersonAnalysis) -> np.ndarray:
    """The rows below each wrist the pose sees, as wide as the region round it (`held`)."""
    out = np.zeros(person.mask.shape, bool)
    r = int(HOLD_REACH * person.shoulder_width)
    for wrist in (L_WRIST, R_WRIST):
        if person.visible(wrist):
            x, y = (int(round(v)) for v in person.point(wrist))
            out[max(0, y):, max(0, x - r):max(0, x + r + 1)] = True
    return out


def _the_room(person: PersonAnalysis, group: np.ndarray) -> bool:
    """Whether `group` is of a colour the room beside it (within ROOM_REACH) shows over a share ROOM_SHARE of it:
    the room seen through a gap between an arm and the body, which the person mask took in, closed in by the arm
    and the side near the hand as a held thing is. Kept in front of a new shirt, it showed the old top's edge round
    it. The room round a gap is of more than one colour (a wall, a sofa), so its share is read, not its median."""
    reach = max(1, int(ROOM_REACH * person.shoulder_width))
    box = around(group, reach)
    room = person.mask[box] <= 0.5
    if not room.any():
        return False
    lab = person.lab[box]
    near = lab_distances(lab[room], masked_median(lab, group[box])) < ROOM_NEAR
    return float(near.mean()) >= ROOM_SHARE


def _stands_out(person: PersonAnalysis, group: np.ndarray, runs_on: np.ndarray) -> bool:
    """Whether `group` reaches BUMP farther from the body's centre line than the old clothes that run on,
    on the rows OUTLINE_BAND above its top and as many again."""
    centre = person.centre_x
    band = max(1, int(OUTLINE_BAND * person.shoulder_width))
    ys, xs = np.nonzero(group)
    top = int(ys.min())
    cols = np.flatnonzero(runs_on[max(0, top - 2 * band):max(0, top - band)].any(axis=0))
    if cols.size == 0:
        return False
    past = float(xs.max() - cols.max()) if float(xs.mean()) > centre else float(cols.min() - xs.min())
    return past >= BUMP * person.shoulder_width
