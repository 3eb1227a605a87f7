"""A bare torso for `uncover_torso` to paint where an old top hung below a shorter new one: its outline,
its skin shaded as a body is, and the midriff under a cropped top worn over a one-piece dress.

A bare torso's outline seen from the front, from the pose and the area painted as skin.

Skin painted over the old cloth between a cropped top's hem and the waist took the old cloth's outline
and its light was rounded to it: a loose dress's straight sides, the arms' inner edges, a board of one
width from the ribs down, as dark at its sides as a limb's outline. A torso's sides round the ribs are
where the arms hanging against it hide them (their centre lines, else the area's own sides), and it
narrows from there to its natural waist (the pose's) and widens again to the hips.

Bare skin painted over a torso (a midriff where old cloth was), shaded as a body is.

Skin of one colour across a midriff read as a flat painted band, and skin blended from the arms
beside it carried their shaded inner edges in as dark sides: the arms are not the torso's own skin.
So the colour is the torso's own bare skin where some meets the area (a midriff below an old tank),
else the arms' hue (by the elbows) at the face's lightness (the elbows hang in the shade of the torso's
sides: their own lightness painted a dull brown board beside a lit chest), and the light is the torso's:
its sides turn away and darken as a
limb's do (`limb_light.rounded`), its side towards the light is lighter as the shopper's bare
forearms' is in this photo (`limb_light.forearm_curve`, else the face's: `side_light`), the new
top's hem shades the skin just under it, the belly turns in under the waistband below it, and the
ribcage's lower edge, the belly under it, its centre line's groove and navel show (`torso_light.midriff_marks`).
The old cloth's broad light is carried onto the skin where it is plain (`uncover_neck.cloth_light`: held
to the skin's own contrast, from the cloth's inside, none over a print), as a chest's is: the folds and
the body's shade it shows. Where the paint meets the shopper's real skin (a midriff below an old tank),
it is shifted to that skin's own colour and light there, the shift fading into the paint, so no step is drawn.

The bare midriff under a cropped top worn over a one-piece dress.

A bandeau or a crop top over a dress ends above the waist; below its hem the dress still covered the
midriff. Worn, that is bare skin from the new hem down to the natural waist, where the dress's skirt
carries on and reads as a skirt. The dress's top half cannot be told from its skirt by colour (they
are one garment), so the waist comes from the pose (WAIST_DEPTH of the torso below the shoulders) and
the midriff's outline from the person mask between the arms.

Left as it is: a new hem at or below the waist; cloth on the midriff unlike the cloth on the thighs
(a top over trousers or a skirt: `uncover_torso` takes that top away down to the lower garment); a
midriff already bare; no thighs seen to compare with; no bare arms beside it to take its colour from.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d

from tryon.analysis.arms import arm_band
from tryon.analysis.body_frame import CAMERA_AT, TORSO_DEPTH, VIEW_DOWN, body_frame, waist_row
from tryon.analysis.limbs import arm_limbs, held, silhouette
from tryon.analysis.old_colours import colours, rows
from tryon.analysis.person import L_ELBOW, R_ELBOW, PersonAnalysis
from tryon.analysis.skin import SkinTone, lab_distance, side_light, skin_lab_near, skin_tone
from tryon.repaint.torso_light import midriff_marks
from tryon.repaint.limb_light import forearm_curve, rounded
from tryon.repaint.uncover_limbs import HAND_REACH
from tryon.repaint.uncover_neck import cloth_light, skin_colour, sleeveless
from tryon.shared.medians import masked_median
from tryon.shared.touching import pieces_touching

# share of shoulder width (the pose's shoulder joints) a torso's natural waist is across from the front, at
# most: a waist of about 27 cm under shoulder joints about 34 cm apart
WAIST_WIDTH = 0.8
# share of shoulder width an upper arm is across from the front: an arm whose centre line lies within that
# outside the area's side hangs against the torso, hiding its side
ARM_WIDTH = 0.25
# percentile of the area's rows' ends taken as its sides round the ribs: its outermost rows but for a few
# (a speck beside an arm); the median cut a fitted dress's side panels off where the body widens to the arms,
# and the room filled in there stood as a white strip down the torso's side
OUTER = 10


def _arm_lines(person: PersonAnalysis, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row in `rows`, the column of the pose's centre line (shoulder, elbow, wrist) of the arm on the
    image's left and of the one on its right, NaN on rows the arm does not span."""
    rows = rows.astype(np.float64)
    left = right = np.full(rows.shape, np.nan)
    for arm in arm_limbs(person):
        ys, xs = arm.joints[:3, 1], arm.joints[:3, 0]
        order = np.argsort(ys)
        at = np.interp(rows, ys[order], xs[order])
        at[(rows < ys.min()) | (rows > ys.max())] = np.nan
        if float(xs.mean()) < person.centre_x:
            left = at
        else:
            right = at
    return left, right


def torso_outline(person: PersonAnalysis, area: np.ndarray, rows: np.ndarray) -> tuple[float, np.ndarray] | None:
    """The torso's centre column and, per row in `rows`, its half-width (working res): round the ribs the
    outermost (OUTER) of the ends of `area`'s rows, each carried out to the centre line of an arm lying within
    ARM_WIDTH outside it; at the natural waist (`body_frame.WAIST_DEPTH` down the torso) no wider than
    WAIST_WIDTH; easing between as a cosine, from the waist back to the ribs' width at the hip joints' row
    below it and as far above it. None when `area` is empty."""
    seen = np.flatnonzero(area.any(axis=1))
    if seen.size == 0:
        return None
    w = area.shape[1]
    sw = person.shoulder_width
    left = np.argmax(area[seen], axis=1).astype(np.float64)
    right = (w - 1 - np.argmax(area[seen][:, ::-1], axis=1)).astype(np.float64)
    arm_l, arm_r = _arm_lines(person, seen)
    with np.errstate(invalid="ignore"):  # NaN: no arm on that row
        left = np.where((left - arm_l >= 0) & (left - arm_l <= ARM_WIDTH * sw), arm_l, left)
        right = np.where((arm_r - right >= 0) & (arm_r - right <= ARM_WIDTH * sw), arm_r, right)
    left, right = float(np.percentile(left, OUTER)), float(np.percentile(right, 100 - OUTER))
    ribs = max((right - left) / 2, 1.0)
    waist_half = min(ribs, WAIST_WIDTH * sw / 2)
    body = body_frame(person)
    waist = float(body.waist[1])
    reach = max(float(body.mid_h[1]) - waist, 1.0)
    off = np.clip(np.abs(rows.astype(np.float32) - waist) / reach, 0.0, 1.0)
    return (left + right) / 2, (ribs - (ribs - waist_half) * 0.5 * (1.0 + np.cos(np.pi * off))).astype(np.float32)


def waisted(person: PersonAnalysis, area: np.ndarray) -> np.ndarray:
    """The pixels (working res) inside the torso's outline (`torso_outline`) of `area`, a bared midriff:
    all of them on the rows above it."""
    h, w = area.shape
    out = np.ones((h, w), bool)
    rows = np.flatnonzero(area.any(axis=1))
    if rows.size == 0:
        return out
    below = np.arange(rows[0], h)
    centre, half = torso_outline(person, area, below)
    out[rows[0]:] = np.abs(np.arange(w, dtype=np.float32)[None, :] - centre) <= half[:, None] + 0.5
    return out


# a top's hem stands off the body and shades the skin under it: this much darker at the hem, fading
# out over HEM_SHADE_REACH (share of shoulder width) below it; without it the skin met the hem as a
# sticker laid on the photo
HEM_SHADE = 0.12
HEM_SHADE_REACH = 0.05
# share of shoulder width over which the paint is shifted to the real skin's own colour where they meet:
# about the reach of that skin's shade carried over the seam (`uncover_neck.SEAM_SIGMA`)
REAL_SKIN_REACH = 0.05
# the belly turns in under the waistband of the garment below it: this much darker at the skin's lower edge,
# fading out over WAISTBAND_REACH (share of shoulder width) above it; without it the skin met the skirt or
# trousers along a hard cut as lit as the belly's front
WAISTBAND_SHADE = 0.1
WAISTBAND_REACH = 0.06
REAL_SKIN_LOOK = 2  # px (working res): the paint reaches this far over the real skin it meets (`uncover.EDGE_GROW_PX`)
SIDE_SOFT = 0.03  # share of shoulder width over which the torso's darkening at its sides is softened


def _across(person: PersonAnalysis, sides: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """Per pixel of `box`, where it lies across the torso whose area less the arms beside it is `sides`
    (working res): 0 in the middle, -1 and 1 at its sides on the image's left and right (the sin of a round
    section's surface angle), and past them (off it too). The sides are the torso's (`torso_outline`):
    a row cut short (by a waistband's curve, the hem's corner) is still on the same torso, and rounded on
    its own span it drew the area as a dark-rimmed lozenge; rounded on one width all the way down, a board
    with no waist; rounded to the arms' inner edges, where the torso still faces the camera (its side is
    behind the arm), its sides went as dark as a limb's outline beside the lit arms."""
    got = torso_outline(person, sides, np.arange(box[0].start, box[0].stop))
    if got is None:
        return np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.float32)
    centre, half = got
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :]
    return np.clip((xs - centre) / half[:, None], -1.0, 1.0)


def arms_skin(person: PersonAnalysis, lab: np.ndarray) -> np.ndarray | None:
    """Lab of the bare skin round the elbows (the arms hanging beside a midriff), None when neither
    elbow shows bare skin (sleeves)."""
    seen = [c for c in (skin_lab_near(person, lab, person.point(i), HAND_REACH * person.shoulder_width)
                        for i in (L_ELBOW, R_ELBOW)) if c is not None]
    return np.mean(seen, axis=0).astype(np.float32) if seen else None


def torso_skin(person: PersonAnalysis, lab: np.ndarray, tone: SkinTone, box: tuple[slice, slice],
               shape: np.ndarray, garment: np.ndarray, away: np.ndarray, old: np.ndarray) -> np.ndarray:
    """RGB of bare skin inside `box` (working res) over the torso's `shape` there, below the new top
    `garment`: the torso's own bare skin round it carried over the seam (`skin_colour`; nothing from
    `away`, the cloth painted over, nor from the arms), else the arms' hue at the face's lightness; rounded
    across the torso, shaded under the hem, lit as the old cloth `old` was, matched to the real torso skin
    where it meets some."""
    sw = person.shoulder_width
    # the hue of the arms' skin, the lightness of the face's: a midriff faces the light as the face does,
    # and the elbows, hanging against the torso's sides in its shade, painted it darker and duller than
    # the shopper's own front (as `uncover_neck._body_tone` lights a chest)
    arms = arms_skin(person, lab)
    arms = tone if arms is None else tone._replace(lab=np.float32([tone.lab[0], *arms[1:]]))
    band = arm_band(person, "upper_arm")
    not_torso = away | band
    colour = skin_colour(person, lab, arms, box, not_torso)
    # the torso's sides are behind the arms hanging against it, and drawn in at the waist: a boxy top's hem
    # spans them, and rounded across that the midriff shown between the arms was its flat middle
    across = _across(person, shape & ~(band & person.skin), box)
    # its side towards the light as much lighter as the shopper's bare forearms' is in this photo, else
    # as the face's; rounded as modelled (a softly lit forearm's read roundness left a torso flat)
    fitted = forearm_curve(person)
    light = rounded(across) + (side_light(person) if fitted is None else float(fitted[0])) * across
    # a round section darkens steeply at its very side: softened as a body's turning outline is, or the
    # paint beyond the sides (a boxy old top's width) met it along a hard line
    soft = max(1.0, SIDE_SOFT * sw)
    light = cv2.GaussianBlur(light, (2 * int(np.ceil(3 * soft)) + 1, 1), soft, borderType=cv2.BORDER_REPLICATE)
    below = np.ones(shape.shape, np.uint8)
    below[garment] = 0
    under = cv2.distanceTransform(below, cv2.DIST_L2, 3)[box]
    light *= 1.0 - HEM_SHADE * np.exp(-under / max(1.0, HEM_SHADE_REACH * sw))
    if shape[box].any():  # the arms' colour is a rounded limb's on the whole: so is the torso's
        light /= float(light[shape[box]].mean())
    # past that mean, as the marks are: the belly's front keeps the arms' lightness, its lower edge darker
    seen = (person.skin & person.body & ~not_torso & ~garment)[box]
    light *= _waistband(shape[box], seen, max(1.0, WAISTBAND_REACH * sw))
    light *= 1.0 + midriff_marks(person, box)
    colour[..., 0] *= light
    if old.any():
        colour[..., 0] += cloth_light(person, lab, old, masked_median(lab, old), tone, box)
    _meet_real_skin(colour, lab[box], seen, shape[box], max(1.0, REAL_SKIN_REACH * sw))
    return cv2.cvtColor(np.clip(colour + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)


def _waistband(shape: np.ndarray, real: np.ndarray, reach: float) -> np.ndarray:
    """Per pixel, the share of light the skin `shape` keeps above its lower edge, WAISTBAND_SHADE less at
    it, fading over `reach` px up from it; none taken where the real skin `real` carries on under that edge
    (a midriff below an old tank: no waistband there, and its shade drew a step), eased over `reach` across
    (decided column by column, a few pixels of skin under a skirt's edge drew stripes)."""
    h = shape.shape[0]
    lowest = np.where(shape.any(axis=0), h - 1 - np.argmax(shape[::-1], axis=0), -1)
    cols = np.arange(shape.shape[1])
    skin_under = np.zeros(lowest.shape, bool)
    for step in range(REAL_SKIN_LOOK + 1):
        skin_under |= real[np.clip(lowest + step, 0, h - 1), cols]
    worn = gaussian_filter1d((~skin_under).astype(np.float32), reach, mode="nearest")
    up = (lowest[None, :] - np.arange(h)[:, None]).astype(np.float32)
    shade = np.where(up >= 0, np.exp(-np.maximum(up, 0.0) / reach), 0.0) * worn[None, :]
    return 1.0 - WAISTBAND_SHADE * shade


def _meet_real_skin(colour: np.ndarray, lab: np.ndarray, seen: np.ndarray, shape: np.ndarray, reach: float) -> None:
    """Shifts the painted Lab `colour` (in place) by how far it is off the real torso skin `seen` (in
    `lab`) along where the two meet, that shift fading into the paint over `reach` px: the paint's light,
    modelled, differs from the skin's own there, and drew a hard line where the two met."""
    if not seen.any() or not shape.any():
        return
    to_real = cv2.distanceTransform((~seen).astype(np.uint8), cv2.DIST_L2, 3)
    to_paint = cv2.distanceTransform((~shape).astype(np.uint8), cv2.DIST_L2, 3)
    rim = (seen & (to_paint <= 2 * reach)).astype(np.float32)
    if not rim.any():
        return
    off = lab.astype(np.float32) - colour
    num = cv2.GaussianBlur(off * rim[..., None], (0, 0), reach)
    den = cv2.GaussianBlur(rim, (0, 0), reach)
    fade = np.exp(-(to_real / reach) ** 2) * (den > 1e-3)  # whole at the seam, so no step is left there
    colour += num / np.maximum(den, 1e-3)[..., None] * fade[..., None]


MIN_BARE = 0.05   # share of shoulder width the new hem must end above the waist: less is a hem at the waist
# share of the midriff that must be old cloth, not skin: less, it is bare already (a crop top worn there)
MIN_CLOTH = 0.3
# Lab distance under which the cloth on the midriff and on the thighs are one garment (a dress), or
# cannot be told apart (a black top over black trousers, which then read as high-waisted); a top over
# trousers of another colour is farther, and `uncover_torso` takes it away down to them
ONE_GARMENT = 20.0
MIN_MIDRIFF_SAMPLE_PX = 40   # px of cloth on the midriff its colour needs to be trusted
PRINT_SPECK_PX = 5         # px (working res): skin in an arm's band narrower than this is a print's light specks, no arm


def midriff(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray, hem: int, touch: int) -> np.ndarray:
    """The old dress (working res) between the new top's hem row `hem` and the natural waist, on the
    torso between the arms, in the pieces reaching within `touch` px of the new top; none unless the
    cloth there is the cloth on the thighs (one garment from the chest down)."""
    h, w = alpha.shape
    none = np.zeros((h, w), bool)
    garment = alpha > 0.5
    waist = waist_row(person)
    # the midriff's colour is the bare arms' beside it: with sleeves (a suit) only the face's is seen,
    # lit and made up unlike a body
    if (not garment.any() or person.reach == "chest" or hem > waist - MIN_BARE * person.shoulder_width
            or skin_tone(person) is None or arms_skin(person, lab) is None):
        return none
    # bare arms are their band inside their outer outline, so a dress's side of the skin's colour beside
    # them is not taken for them, and only its skin: the dress's cloth in it is the torso's side the arm
    # hangs against (kept, it stood as a dark strip between the arm and the bare midriff); sleeved ones,
    # of the dress's cloth, are where the pose puts them
    # (opened: specks of a light print passing for skin in the band are no arm)
    bare = (arm_band(person, "upper_arm") & person.skin).astype(np.uint8)
    arms = (cv2.morphologyEx(bare, cv2.MORPH_OPEN, np.ones((PRINT_SPECK_PX, PRINT_SPECK_PX), np.uint8)) > 0) | held(person)
    if not sleeveless(person):
        arms |= silhouette(arm_limbs(person), (h, w))
    torso = rows(person, hem - touch, waist + 1) & person.body & ~garment & ~arms
    edge = cv2.dilate(garment.astype(np.uint8), np.ones((2 * touch + 1,) * 2, np.uint8)) > 0
    torso = pieces_touching(torso, edge)
    cloth = torso & ~person.skin
    if int(cloth.sum()) < max(MIN_MIDRIFF_SAMPLE_PX, MIN_CLOTH * int(torso.sum())):
        return none
    lower = colours(person, alpha, lab)[1]
    own = masked_median(lab, cloth)
    if lower is None or lab_distance(own, lower) >= ONE_GARMENT:
        return none
    return torso | (_waist_arc(person, torso, waist) & person.body & ~garment & ~arms)


def _waist_arc(person: PersonAnalysis, torso: np.ndarray, waist: float) -> np.ndarray:
    """The rows below the waist's row `waist` down to the waist seen as a ring round the torso (the
    skirt's top edge worn: its front lower than its sides, as `round_body.hang_round` bends a top's hem),
    over the columns of the midriff `torso`: cut along one row, it read as a sticker's straight edge."""
    out = np.zeros_like(torso)
    cols = np.flatnonzero(torso.any(axis=0))
    if cols.size == 0:
        return out
    frame = body_frame(person)
    below_camera = (waist - float(frame.mid_s[1])) / frame.torso_len - CAMERA_AT
    centre, half = (cols[0] + cols[-1]) / 2.0, max(1.0, (cols[-1] - cols[0]) / 2.0)
    xs = np.arange(cols[0], cols[-1] + 1, dtype=np.float32)
    drop = VIEW_DOWN * max(0.0, below_camera) * TORSO_DEPTH * np.clip(half - (xs - centre) ** 2 / half, 0, None)
    ys = np.arange(torso.shape[0], dtype=np.float32)[:, None]
    out[:, cols[0]:cols[-1] + 1] = (ys > waist) & (ys <= waist + drop[None, :])
    return out
