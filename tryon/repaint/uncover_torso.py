"""Take away the old top where it hangs below a shorter new one.

A cropped blouse over a long shirt, a T-shirt over a tunic: below the new top's hem the old top
still shows, a band of another colour between the new hem and the trousers or skirt. Worn, that
is the bare midriff or the room. Those pixels (on the person, below the new hem and above a
little past the hips, of the old top's own colour, in pieces touching the new hem) are painted as
skin below the new top's own width (the torso carries on under it, coloured from the skin around),
and filled from the room beside it, never from the old top itself.

An old top of nearly the lower garment's colour (a dress; where one ends and the other begins
cannot be told, and a black top over black trousers would eat the trousers) is taken away down to
the natural waist only (`midriff`), the skin within a torso's outline drawn in at the waist and the
room beside it (`waisted`). The skin is shaded as a torso (`torso_skin`) and given the grain
of the shopper's real skin beside it (`skin_texture`): enlarged from the working size, it was a smooth
band next to the pores and noise of the photo's own skin.

Left as it is: an old top of nearly the skin's colour (hands hang beside the hem); an old top printed
all over (its colour is no one colour), unless it is one garment with the skirt below (`midriff`).
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d, maximum_filter1d, minimum_filter1d

from tryon.shared.boxes import around, grown
from tryon.analysis.limbs import held
from tryon.repaint.bare_torso import ONE_GARMENT, midriff, torso_skin, waisted
from tryon.analysis.old_colours import OLD_NEAR, PATTERNED, SAME_AS_SKIN, colours, fine_detail, rows
from tryon.analysis.person import L_HIP, R_HIP, PersonAnalysis
from tryon.analysis.skin import lab_distance, lab_distances, skin_tone
from tryon.repaint.skin_texture import skin_texture
from tryon.repaint.uncover import EDGE_GROW_PX, INPAINT_RADIUS, Repaint, fill_from_surroundings, mixed, paste, room_only
from tryon.repaint.uncover_neck import SKIN_FEATHER_PX, SKIN_FEATHER_REACH_PX
from tryon.fit.warp import Warped
from tryon.shared.components import components_with_stats

HEM_REACH = 0.35     # share of shoulder width below the hips the old top may still hang
MIN_OLD_TOP_PIECE = 0.0003   # share of the image's pixels an old-top piece needs (less is a stray edge)
HIP_OUT = 0.3        # share of shoulder width beside each hip joint that is still the torso
HEM_TOUCH_PX = 3            # px (working res) a piece may be from the new hem and still hang from it
# share of shoulder width of real skin just under the old top's hem that its shadow darkens (about a
# hem's shadow's reach, `round_body.SHADOW_REACH`, and its blur): left, it drew a dark line across the
# painted midriff where it meets the skin below
OLD_SHADOW = 0.03
# share of shoulder width round the painted area the skin whose grain is read may lie: about the reach
# its colour is taken from (`uncover_neck.SKIN_SIGMA`); the arms beside a midriff are that far
GRAIN_REACH = 0.12
# share of shoulder width: notches narrower than this up into the painted midriff's lower edge are the old
# top's ragged hem over the waistband (its fringe, a belt loop under it), not the waistband's own line,
# which runs smooth across a torso; left, the skin met the trousers in a jagged edge
EVEN_SPAN = 0.1
# the room beside the painted torso is filled at 1/ROOM_SCALE of the working size: its crop reaches past the
# arms to the room and takes in the hidden person there, most of its cost; a backdrop beside a waist is smooth
ROOM_SCALE = 4


def _torso(person: PersonAnalysis) -> np.ndarray:
    """Columns of the torso at the hips: beside them hang the arms and what they hold."""
    h, w = person.mask.shape
    xs = sorted((float(person.point(L_HIP)[0]), float(person.point(R_HIP)[0])))
    out = np.zeros((h, w), bool)
    out[:, max(0, int(xs[0] - HIP_OUT * person.shoulder_width)):max(0, int(xs[1] + HIP_OUT * person.shoulder_width))] = True
    return out


def old_hem(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Old-top pixels (working res) below the new top's hem: of the old top's colour, not of the
    lower garment's, not the arms' skin, in pieces touching the new hem."""
    h, w = alpha.shape
    none = np.zeros((h, w), bool)
    garment = alpha > 0.5
    if not garment.any() or person.reach == "chest":
        return none
    old_lab, lower_lab, chest = colours(person, alpha, lab)
    if old_lab is None or fine_detail(lab, chest & (alpha > 0.5)) > PATTERNED:
        return none
    if lower_lab is not None and lab_distance(old_lab, lower_lab) < ONE_GARMENT:
        return none
    tone = skin_tone(person)
    if tone is None or lab_distance(old_lab, tone.lab) < SAME_AS_SKIN:
        return none
    hip_y = float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2
    lowest = int(np.flatnonzero(garment.any(axis=1)).max())
    band = rows(person, hem_row(garment) - HEM_TOUCH_PX, max(lowest, hip_y + HEM_REACH * person.shoulder_width) + 1)
    d = lab_distances(lab, old_lab)
    near = d < OLD_NEAR
    if lower_lab is not None:
        near &= d < lab_distances(lab, lower_lab)
    candidates = band & person.body & ~garment & near & _torso(person)
    # nearer the shopper's skin than the old top is bare skin the skin mask missed (a midriff in the old
    # hem's shade), which painted over left a step in the real skin below
    candidates[candidates] = d[candidates] < lab_distances(lab[candidates], tone.lab)
    old = runs_reaching(candidates, ~held(person))
    old = cv2.morphologyEx(old.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, parts, stats, _ = components_with_stats(old, connectivity=8)
    edge = cv2.dilate(garment.astype(np.uint8), np.ones((2 * HEM_TOUCH_PX + 1,) * 2, np.uint8)) > 0
    keep = np.bincount(parts[edge & (old > 0)], minlength=n) > 0
    keep &= stats[:, cv2.CC_STAT_AREA] >= MIN_OLD_TOP_PIECE * h * w
    keep[0] = False
    return keep[parts]


def runs_reaching(candidates: np.ndarray, free: np.ndarray) -> np.ndarray:
    """The row runs of `candidates` with a pixel in `free`. Round a hand hanging by the hip, a bag it
    holds may be of the old top's colour; the old top's hem is a band across the torso, so where it
    reaches into the hand's reach it does so along a row from the part of it no hand is near. A bag
    apart from that band is left; the hem's ends by the hands are not (a loose shirt's hem beside the
    hips stayed in two bands either side of a patch of painted midriff)."""
    starts = candidates.copy()
    starts[:, 1:] &= ~candidates[:, :-1]
    runs = np.cumsum(starts.ravel()).reshape(candidates.shape) * candidates
    seeded = np.bincount(runs[candidates & free], minlength=int(runs.max()) + 1) > 0
    seeded[0] = False
    return seeded[runs]


def hem_row(garment: np.ndarray) -> int:
    """The new top's hem: the median of its lowest row over the columns it spans (a tie or a
    point hanging lower at one side is not where the hem is)."""
    cols = garment.any(axis=0)
    return int(np.median(garment.shape[0] - 1 - np.argmax(garment[::-1, cols], axis=0)))


def torso_below(alpha: np.ndarray) -> np.ndarray:
    """The columns the new top spans at its hem, from the hem down: the torso carries on there,
    narrower than a loose top, so old cloth inside them is the midriff and beside them the room."""
    garment = alpha > 0.5
    hem = hem_row(garment)
    out = np.zeros(alpha.shape, bool)
    cols = np.flatnonzero(garment[max(0, hem - 2 * HEM_TOUCH_PX):hem + 1].any(axis=0))
    out[max(0, hem - 2 * HEM_TOUCH_PX):, int(cols.min()):int(cols.max()) + 1] = True
    return out


def remove_old_hem(out: np.ndarray, person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> Repaint | None:
    """Paints the old top below a new top's hem as midriff and room, in place in `out` (input res);
    None when there is none. The fill is drawn from the room alone (the new top, the old one and
    the person hidden), so nothing of the old top under the new one leaks in."""
    if warped.kind != "upper":
        return None
    lab = person.lab
    grow = np.ones((2 * EDGE_GROW_PX + 1,) * 2, np.uint8)
    old = old_hem(person, alpha, lab)
    torso = torso_below(alpha)
    dress = not old.any()
    if dress:  # one garment from the chest down (a dress): it goes down to the waist, all of it skin
        old = midriff(person, alpha, lab, hem_row(alpha > 0.5), HEM_TOUCH_PX)
    else:  # (a dress's midriff ends on a row, at the waist)
        old |= _even_bottom(person, old & torso, alpha) & torso
    if not old.any():
        return None
    old |= _old_shadow(person, old, alpha)
    if dress:  # skin within a torso's outline, drawn in at the waist; the loose dress's beyond it is room
        torso = (cv2.dilate(old.astype(np.uint8), grow) > 0) & person.body & waisted(person, old)
    region = (cv2.dilate(old.astype(np.uint8), grow) > 0) & (alpha < 0.5)
    hidden = region | (cv2.dilate((alpha > 0.02).astype(np.uint8), grow) > 0)
    box = around(region, 2 * INPAINT_RADIUS + 2)
    # the skin reaches past the area's edge: its blend is into real skin
    shape = (cv2.dilate((region & torso).astype(np.uint8), grow) > 0) & torso
    # the room beside a torso narrower than the old cloth, seen past the arms and hands (filled in the box
    # alone it took in the dress, the trousers, a hand), where the skin's feathered edge leaves it showing
    under_skin = cv2.erode(shape.astype(np.uint8), np.ones((2 * SKIN_FEATHER_REACH_PX + 1,) * 2, np.uint8)) > 0
    work = fill_from_surroundings(person.image, room_only(hidden, person.body), needed=region & ~under_skin,
                                  scale=ROOM_SCALE)
    skin = torso_skin(person, lab, skin_tone(person), box, shape, alpha > 0.5, hidden, old & shape)
    a = cv2.GaussianBlur(shape.astype(np.float32), (0, 0), SKIN_FEATHER_PX)[box]
    work[box] = mixed(work[box], skin, a)
    shown = np.maximum(cv2.GaussianBlur(region.astype(np.float32), (0, 0), SKIN_FEATHER_PX), region.astype(np.float32))
    painted = paste(out, work, shown, box)
    # the grain is read off real skin the paste left as it was, not the new top's edge
    outer, inner = grown(box, int(round(GRAIN_REACH * person.shoulder_width)), alpha.shape)
    seen = person.skin[outer] & person.body[outer] & (shown[outer] == 0) & (alpha[outer] < 0.02)
    share = np.zeros(seen.shape, np.float32)
    share[inner] = a * shown[box]
    skin_texture(out, person, seen, outer, share, painted)
    return painted


def _even_bottom(person: PersonAnalysis, skin: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The pixels (working res) that make the lower edge of the midriff to paint (`skin`) even: each
    column down to the smooth line through the lowest points round it (EVEN_SPAN), on the body, off the
    new top."""
    out = np.zeros_like(skin)
    if not skin.any():
        return out
    box = around(skin, 0)  # the line never runs below the lowest point
    span = skin[box]
    has = span.any(axis=0)
    lowest = np.where(has, span.shape[0] - 1 - np.argmax(span[::-1], axis=0), -1)
    size = max(1, int(round(EVEN_SPAN * person.shoulder_width)))
    even = minimum_filter1d(maximum_filter1d(lowest, size, mode="nearest"), size, mode="nearest")
    # and its steps between the tips sloped: a waistband's line has no corners
    even = np.rint(gaussian_filter1d(even.astype(np.float32), size / 2, mode="nearest"))
    rows = np.arange(span.shape[0])[:, None]
    out[box] = has[None, :] & (rows > lowest[None, :]) & (rows <= even[None, :])
    out[box] &= person.body[box] & (alpha[box] < 0.5)
    return out


def _old_shadow(person: PersonAnalysis, old: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The real skin (working res) within OLD_SHADOW under the old top `old`, off the new top: the old
    hem's shadow on it, painted over with the rest (its colour then taken from the skin below it)."""
    k = max(1, int(round(OLD_SHADOW * person.shoulder_width)))
    box = around(old, k)
    out = np.zeros_like(old)
    down = cv2.dilate(old[box].astype(np.uint8), np.ones((k + 1, 1), np.uint8), anchor=(0, k)) > 0
    out[box] = down & ~old[box] & person.skin[box] & person.body[box] & (alpha[box] < 0.5)
    return out
