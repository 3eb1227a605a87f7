"""What of the photo stays in front of the garment: the face, the hair hanging beside it and the neck
above the neckline; what a hand holds; arms and hands beside or across the torso below the sleeves
drawn on them (`arm_in_front`, less what juts off the arm's line for only a short way, `along_arms`);
sleeved arms rebuilt bare; the pieces of the garment an arm in front cuts off onto bare skin; and what
lies past an arm in front at the body's outline (`beyond_arms`), where no old cloth shows.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

from tryon.compose.arm_in_front import along_arms, arm_in_front
from tryon.analysis.arms import arm_band, under_sleeves
from tryon.shared.boxes import around
from tryon.garment.cutout import GarmentCutout
from tryon.analysis.held_things import held_things
from tryon.analysis.old_colours import OLD_NEAR, lower_palette, palette_distances
from tryon.analysis.skin import lab_distances, skin_tone
from tryon.analysis.limbs import (Limb, arm_limbs, arm_over_bottom, arms_skin, lowest_row, silhouette,
                                  sleeves_over_bottom, smooth_skin)
from tryon.repaint.old_collar import HEAD_HALF, mouth_chin_y
from tryon.analysis.person import EARS, L_HIP, R_HIP, PersonAnalysis, chin_foot_y
from tryon.compose.rim import sleeved_arms
from tryon.repaint.arm_fit import rebuilt_arms
from tryon.repaint.uncover_limbs import plan
from tryon.fit.warp import Warped
from tryon.shared.components import components

# share of shoulder width: an arm kept in front is the body's outline where the room begins this near past
# it (the segmenter's soft edge and the outline's pixels mixed with the room, which the skin test fails)
ARM_OUTLINE = 0.04
CLOSE_PX = 5      # px: the gaps in an arm kept in front (a crease or highlight the skin test fails) closed
BROW = 0.25       # share of the face box's height from its top down to the brows: hair beside the face reaches it


def _hanging(cloth: np.ndarray, top_rows: int) -> np.ndarray:
    """The pieces of `cloth` (the head box above the chin, less skin) that reach its first `top_rows`
    rows: hair, hanging from the head beside the face. A dark jacket's lapels beside a bowed head's
    beard rise from below and stop short of the brows: they are the old top's, not the head's."""
    n, parts = components(cloth.astype(np.uint8), connectivity=8)
    hair = np.zeros(n, bool)
    hair[parts[:max(0, top_rows)]] = True
    hair[0] = False
    return hair[parts]


def protect_mask(person: PersonAnalysis, warped: Warped) -> np.ndarray:
    """Pixels (working res) where the original photo stays in front of the garment."""
    h, w = person.mask.shape
    body = person.body
    keep = np.zeros((h, w), bool)
    skin = person.skin
    if person.face_box is not None:
        x0, y0, x1, y1 = person.face_box
        fw, fh = x1 - x0, y1 - y0
        # head: the face box grown to take in hair, chin and ears
        hx0, hx1 = int(max(0, x0 - 0.25 * fw)), int(min(w, x1 + 0.25 * fw))
        hy0, hy1 = int(max(0, y0 - 0.6 * fh)), int(min(h, y1 + 0.08 * fh))
        head = (slice(hy0, hy1), slice(hx0, hx1))
        keep[head] |= skin[head]
        # cloth is head (hair) only down to the chin: below it, a collar or a jacket's lapels beside the
        # face stayed in front of the new top in a rectangle
        chin = mouth_chin_y(person)
        above_chin = (slice(hy0, max(hy0, hy1 if chin is None else min(hy1, int(chin)))), slice(hx0, hx1))
        keep[above_chin] |= _hanging(body[above_chin] & ~skin[above_chin], int(y0 + BROW * fh) - hy0) | skin[above_chin]
        # the face itself: the ellipse in its box (the box's lower corners beside the jaw are the collar's)
        cv2.ellipse(keep.view(np.uint8), (((x0 + x1) / 2, (y0 + y1) / 2), (fw, fh), 0), 1, -1)  # drawn in as 1s: True
        # neck: skin below the chin down to the neckline, within the face's width. A bottom has none: down to
        # its waistband, beige shorts read as skin there were kept in front and painted out as a white block
        ny1 = int(np.clip(warped.neck_y, hy1, h)) if warped.kind != "lower" else hy1
        nx0, nx1 = int(max(0, x0 - 0.1 * fw)), int(min(w, x1 + 0.1 * fw))
        neck = (slice(hy1 - 2 if hy1 > 2 else 0, ny1), slice(nx0, nx1))
        keep[neck] |= skin[neck] & body[neck]
    else:
        keep |= _face_cut_off(person)
    # arms and hands in front of the torso. Beside sleeves that were found, the garment's body is the
    # torso's side, which an arm hanging there is in front of from the armpit down, below the hem of
    # the sleeve drawn on it (`_below_sleeves`; where from: `_start`)
    sleeve = warped.sleeve > 0.5

    def arm(start: str) -> np.ndarray:
        return _arm_along(person, start) if warped.kind != "lower" else arm_in_front(person, start) & body & skin

    arm_keep = _below_sleeves(person, warped, arm) & ~sleeve
    if arm_keep.any():
        arm_keep = _with_smooth_skin(_closed(arm_keep & arms_skin(person)), smooth_skin(person))
    if warped.kind == "full":
        arm_keep &= ~_old_bottom_by_hands(person, arm_keep)
    if warped.kind == "lower":
        # over the hips the arm is what `uncover` leaves as arm: the rest of the band (an old skirt's
        # pale checks beside the hand, the gaps closed between them) was kept out of the new bottom and
        # then painted out as the room, pale notches by the hand
        arm_keep &= arm_over_bottom(person)
        # and the fingertips of a hand hanging open, past the band's curled hand, stay in front too
        arm_keep |= arm_over_bottom(person) & ~arm_band(person, _arm_front_from(warped)) & body & ~sleeve
        arm_keep |= sleeves_over_bottom(person)
    keep |= arm_keep
    # a bag or phone in a hand stays in front of any garment
    keep |= held_things(person)
    return keep


def _face_cut_off(person: PersonAnalysis) -> np.ndarray:
    """A face the photo cuts off above the eyes (no face box): its skin on the body above the chin's foot
    (`chin_foot_y`, by the face's own height), across the head (HEAD_HALF either side of the ears' midpoint: the
    nose of a head turned aside lies off its centre, and its far cheek was left out). With no box nothing of it
    was kept, and a neckline's corner pinned up the outline of a chin turned over the shoulder, or a polo's
    collar behind a bowed head, was drawn over the chin and jaw. (The old collar is painted from the higher
    `mouth_chin_y` down: a collar stands up beside the jaw, above the chin's foot.)"""
    keep = np.zeros(person.mask.shape, bool)
    chin = chin_foot_y(person.landmarks)
    if chin is None:
        return keep
    x, half = float(np.mean([person.point(i)[0] for i in EARS])), HEAD_HALF * person.shoulder_width
    head = (slice(0, max(0, int(np.ceil(chin)))), slice(max(0, int(x - half)), max(0, int(x + half) + 1)))
    keep[head] = person.skin[head] & person.body[head]
    return keep


def _old_bottom_by_hands(person: PersonAnalysis, arm_keep: np.ndarray) -> np.ndarray:
    """Pixels of `arm_keep` below the hips, outside the hand's own outline over a bottom (`arm_over_bottom`),
    of the old bottom's colours (its palette, read on the thighs): a dress's skirt hangs where that bottom
    was, and the old skirt's edge round a hand in its pocket stayed in front of it as a sliver (a yellow
    skirt's passes the skin test). Both, since the outline alone leaves out a curled hand's pale thumb and
    nails; and nearer the old colours than the shopper's skin tone, since a beige skirt is as near a thumb."""
    out = np.zeros_like(arm_keep)
    hips = max(0, int(min(person.point(L_HIP)[1], person.point(R_HIP)[1])))
    if not arm_keep[hips:].any():
        return out
    palette, tone = lower_palette(person), skin_tone(person)
    where = arm_keep[hips:] & ~arm_over_bottom(person)[hips:]
    if palette is None or tone is None or not where.any():
        return out
    pixels = person.lab[hips:][where]
    to_old = palette_distances(pixels, palette)
    out[hips:][where] = (to_old < OLD_NEAR) & (to_old < lab_distances(pixels, tone.lab))
    return out


def beyond_arms(person: PersonAnalysis, warped: Warped, keep: np.ndarray) -> np.ndarray:
    """Pixels (working res) farther from the body's centre line, in their row, than an arm kept in front of
    the garment (`keep` on the arm's band) where that arm is the body's outline (the room begins within
    ARM_OUTLINE past it): the arm's own soft outline, and the room. A top's side lies behind an arm hanging
    against it: that outline, read as old cloth beside the side and covered in the garment's colour, floated
    in a strip outside the arm. Beside the hand out of a long sleeve, the old cloth is the old sleeve's cuff,
    which the new sleeve's covers."""
    arms = keep & arm_band(person, _arm_front_from(warped))
    if warped.long_sleeves:
        arms &= ~arm_band(person, "wrist")
    out = np.zeros_like(arms)
    if not arms.any():
        return out
    rows = around(arms, 0)[0]
    w = arms.shape[1]
    centre = person.centre_x
    xs = np.arange(w)
    part, room = arms[rows], person.mask[rows] <= 0.5
    reach = ARM_OUTLINE * person.shoulder_width
    # per row, the last of the arm right of the centre line and the first left of it, and the room past them
    right = _last(part & (xs > centre), -1)
    left = _first(part & (xs < centre), w)
    right_room = _first(room & (xs > right), w)
    left_room = _last(room & (xs < left), -1)
    out[rows] = (((right >= 0) & (right_room - right <= reach) & (xs > right))
                 | ((left < w) & (left - left_room <= reach) & (xs < left)))
    return out


def _closed(kept: np.ndarray) -> np.ndarray:
    """`kept` closed by a CLOSE_PX square, worked out in the box round it as far as the closing reaches (its
    dilation's and then its erosion's): the same there as over the whole frame, and nothing is set past it."""
    box = around(kept, 2 * CLOSE_PX)
    out = np.zeros_like(kept)
    out[box] = cv2.morphologyEx(kept[box].astype(np.uint8), cv2.MORPH_CLOSE, np.ones((CLOSE_PX,) * 2, np.uint8)) > 0
    return out


def _first(where: np.ndarray, none: int) -> np.ndarray:
    """Per row of `where`, the column of its first set pixel (`none` in a row without one), as a column."""
    return np.where(where.any(axis=1), np.argmax(where, axis=1), none)[:, None]


def _last(where: np.ndarray, none: int) -> np.ndarray:
    """Per row of `where`, the column of its last set pixel (`none` in a row without one), as a column."""
    return np.where(where.any(axis=1), where.shape[1] - 1 - np.argmax(where[:, ::-1], axis=1), none)[:, None]


def _with_smooth_skin(kept: np.ndarray, smooth: np.ndarray) -> np.ndarray:
    """The pieces of `kept` with some `smooth` skin in them. An old print's pink or pale pieces beside a
    hand pass the skin test and lie in the arm's band, but carry the print's fine detail throughout: kept
    in front, they showed as flecks of the old trousers on the new dress by the hand. (A hand's own
    fingers, rings and painted nails, are detailed too, but joined to its smooth skin.)"""
    box = around(kept, 0)   # the pieces lie inside the box round them: labelled there alone
    n, parts = components(kept[box].astype(np.uint8), connectivity=8)
    has = np.bincount(parts[kept[box] & smooth[box]], minlength=n) > 0
    has[0] = False
    out = np.zeros_like(kept)
    out[box] = has[parts]
    return out


def _arm_front_from(warped: Warped) -> str:
    """Where an arm starts to lie in front of this garment (`arm_band`'s start)."""
    return _start(warped.sleeved)


def _start(sleeved: bool) -> str:
    """Beside sleeves an arm is in front from the upper arm; a top read as sleeveless may have flutter or
    cap sleeves read as body, which lie on the upper arm, so there only from the elbow."""
    return "upper_arm" if sleeved else "elbow"


def arms_read_ahead(person: PersonAnalysis, cut: GarmentCutout) -> None:
    """Which of the arms' bands are arm (`arm_in_front`, once per photo; from where a top's or dress's sleeves
    leave them in front, as it keeps them, `_arm_along`), for the starts the garment's sleeves will call for,
    and the smooth skin they are kept by, made while the garment is warped: on a new photo they are a good
    part of what `protect_mask` does, and they read only the photo. A long sleeve ends at a cuff."""
    start = _start(cut.sleeve is not None and bool(cut.sleeve.any()))
    (arm_in_front if cut.kind == "lower" else _arm_along)(person, start)
    if any(name.startswith("cuff_") for name in cut.points):  # kept along the arm only when the sleeve is long
        arm_in_front(person, "wrist")
    smooth_skin(person)


def _arm_along(person: PersonAnalysis, start: str) -> np.ndarray:
    """What of the arm's band from `start` is arm in front of a top or dress (once per photo): `arm_in_front` on
    the body's skin, less the pieces of the torso's side that passed for arm and notched the garment's sides
    (`along_arms`: dropped before the sleeves cut the arm across, not along it)."""
    return person.derived(("arm_along", start),
                          lambda: along_arms(person, arm_in_front(person, start) & person.body & person.skin))


def _below_sleeves(person: PersonAnalysis, warped: Warped, arm: Callable[[str], np.ndarray]) -> np.ndarray:
    """`arm(start)` (an arm's band from `start`, or what of it is arm) where the arm lies in front of this
    garment: from `_arm_front_from`, less what lies above the hem of the sleeve drawn on it. A long
    sleeve's hem is where it was drawn down the forearm (a half sleeve read as long ended high, and the
    top's body covered the forearm below it), and the hand from the wrist is in front as ever (beside a
    cuff's far corner, a hand on the hip bent in from its forearm lies no farther down that line)."""
    out = arm(_arm_front_from(warped)) & ~under_sleeves(person, warped.sleeve > 0.5, warped.long_sleeves)
    return out | arm("wrist") if warped.long_sleeves else out


def bared_arms_in_front(person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> np.ndarray | None:
    """Sleeved arms rebuilt bare, where they lie in front of the garment's body (working res), or None
    when no arm is rebuilt. `protect_mask` keeps only skin in front, and a sleeve is cloth: a wide
    top's body covered the forearm hanging beside it, and the rebuilt arm stopped where the top
    began. The arm's band is taken whole (not judged by colour row by row, which left stripes), below the
    hems of short sleeves (above them a notch cut the bodice beside the sleeve)."""
    # beside cut-in armholes a short sleeve rebuilt bare is arm too, however much forearm shows; elsewhere the
    # cheaper test first: most arms are bare
    arms = arm_limbs(person) if warped.cut_in else sleeved_arms(person, alpha)
    if not arms or (gone := plan(person, warped, alpha).gone("arms")) is None:
        return None
    if warped.cut_in:
        # below its armpits and between them the top's side lies behind the arms: from the upper arm down, not
        # from the elbow (its side stood out over a rebuilt upper arm in a wedge); above them, or out past them,
        # a ruffle or a cap lying on the arm stays
        arms = [arm for arm in arms if (silhouette([arm], alpha.shape) & gone).any()]
        band = arm_band(person, "upper_arm").copy()
        if warped.armpits is not None:
            (x0, _), (x1, _) = sorted(warped.armpits.tolist())
            band[:int(warped.armpits[:, 1].min())] = False
            band[:, :int(np.floor(x0))] = False
            band[:, int(np.ceil(x1)) + 1:] = False
    else:
        band = _below_sleeves(person, warped, lambda start: arm_band(person, start))
        # the arms as they are rebuilt, along their sleeves (`rebuilt_arms`): kept in front on the pose's line, the
        # garment's hole past a rebuilt arm narrower than it was filled as the room, a white gap beside the arm
        arms = [bare for arm, bare in zip(arm_limbs(person), rebuilt_arms(person)) if _same(arm, arms)]
        # no lower than the old sleeves are looked for (`uncover_limbs`): a cuff's edge below, kept in front
        # and never painted, showed as a white blob by the hand
        band[lowest_row(arms) + 1:] = False
    band &= silhouette(arms, alpha.shape)
    return band & person.body & ~arms_skin(person) & ~(warped.sleeve > 0.5)


def _same(arm: Limb, arms: list[Limb]) -> bool:
    """Whether `arm` is one of `arms` (limbs hold arrays: compared by their joints)."""
    return any(np.array_equal(arm.joints, other.joints) for other in arms)


# a piece of the garment cut off from the rest by what stays in front, lying mostly (this share) on bare
# skin or off the body, is the garment drawn over an arm's outer edge past the arm kept in front of it
ISLAND_SKIN = 0.5


def islands_on_skin(shown: np.ndarray, skin: np.ndarray) -> np.ndarray:
    """The pieces of the garment apart from its largest that lie mostly on `skin` (the photo's bare skin
    and the room round the body: a piece off the rest never floats there). An arm
    hanging against a top wider than the waist is kept in front by its band round the pose's arm line,
    which can miss the arm's outer edge: the top's side showed there in a strip past the arm, and a crop
    top's hanging tie in bits beside it. Worn, the arm hides what lies behind it, all of it."""
    # a plain labelling, the pieces' areas counted from it: their sizes and boxes took four times as long
    n, parts = components(shown.view(np.uint8), connectivity=8)
    if n <= 2:
        return np.zeros_like(shown)
    areas = np.bincount(parts.ravel(), minlength=n)
    on_skin = np.bincount(parts[skin & shown], minlength=n) >= ISLAND_SKIN * areas
    on_skin[0] = False
    on_skin[1 + int(np.argmax(areas[1:]))] = False
    if not on_skin.any():  # most often none: no frame of labels looked up
        return np.zeros_like(shown)
    return np.take(on_skin, parts)  # the same gather, about twice as fast as indexing with the labels
