"""Take away the old clothes a new bottom or dress leaves uncovered, instead of letting them show, and
carry a full-length trouser leg's hem level across the leg.

Carry a full-length trouser leg's hem level across the leg, over the old cuff its curved hem leaves showing.

A trouser leg warped from the product photo ends in a hem that curves up at its sides (the photo's leg
rounds off there), while the body's leg, and the old trousers on it, carry on straight down to the
shoes. Under that curve the old trouser cuff showed, and painted out as the room (`uncover`) it left a
gap of background between the new hem and the shoes, the shoes' tops cut straight. A full-length leg
(its hem at or past the ankle joints) hangs level: down to its lowest row, the old clothes under its
curved hem are the new leg's.

Take away the old clothes a new bottom or dress leaves uncovered, instead of letting them show.

New trousers are narrower than an old skirt; new legs leave a gap where old legs touched. What
shows there is the old garment, half-visible beside the new one. Those pixels (on the person,
between the new waistband and hem, not the hands) are filled from the room around them (never
from the person: skin beside them is not what is behind them), the way the room would look with
the old garment gone. Beside a dress, old clothes
that carry on below its hem (trousers under it) are layering and stay whole, unless the legs below
the hem are rebuilt bare (`uncover_limbs`): then they go too.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.analysis.held_things import held_things
from tryon.analysis.limbs import (HAND_CLOSE, arm_limbs, arm_over_bottom, arms_at_most, below_armpits, silhouette,
                                  sleeves_over_bottom)
from tryon.analysis.person import L_ANKLE, L_HIP, L_KNEE, R_ANKLE, R_HIP, R_KNEE, PersonAnalysis
from tryon.fit.warp import Warped
from tryon.repaint.bare_legs import legs_below
from tryon.shared.beside import beside, results
from tryon.shared.boxes import around, as_laid, enlarged_in, enlarged_in_zeros
from tryon.shared.touching import pieces_touching
from tryon.shared.components import components, components_with_stats

def full_length_legs(person: PersonAnalysis, solid: np.ndarray, top: int = 0) -> list[tuple[np.ndarray, int]]:
    """Each leg of a garment (`solid`, a crop of the working frame starting at row `top`) below the knees whose
    hem reaches the ankle joints, as its pixels and its lowest row. Shorts and cropped legs end higher."""
    h = solid.shape[0]
    ankle_y = min(float(person.point(L_ANKLE)[1]), float(person.point(R_ANKLE)[1])) - top
    knee_y = max(float(person.point(L_KNEE)[1]), float(person.point(R_KNEE)[1])) - top
    low = solid.copy()
    low[:int(np.clip(knee_y, 0, h))] = False
    n, parts = components(low.astype(np.uint8), connectivity=8)
    legs = []
    for k in range(1, n):
        leg = parts == k
        hem = int(np.flatnonzero(leg.any(axis=1))[-1])
        if hem >= ankle_y:
            legs.append((leg, hem))
    return legs


def under_curved_hem(person: PersonAnalysis, solid: np.ndarray, free: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """In the crop `box` of the working frame: for each full-length leg of the garment (`solid`), the old
    clothes (`free`) in each column its hem rounds up over, between its lowest solid pixel and the leg's lowest row."""
    h, w = solid.shape
    out = np.zeros((h, w), bool)
    ys = np.arange(h)[:, None]
    for leg, hem in full_length_legs(person, solid, box[0].start):
        cols = np.flatnonzero(leg.any(axis=0))
        lowest = h - 1 - np.argmax(leg[::-1, cols], axis=0)
        # a rounded hem rises at most half the leg's width at its sides; columns whose garment ends higher are
        # the leg's flank (a flare's ragged side), with the old trousers beside it, not under its hem
        hemmed = lowest >= hem - cols.size / 2
        out[:, cols[hemmed]] |= (ys > lowest[None, hemmed]) & (ys <= hem) & free[:, cols[hemmed]]
    return out


INPAINT_RADIUS = 5    # px (working res) of surroundings each filled pixel draws on
INPAINT_SCALE = 2     # the fill is made this many times smaller than the working image
EDGE_GROW_PX = 2      # px (working res) a repainted area takes in round the old clothes (their soft edge)
SHOWN_WEIGHT = 1e-6   # the least alpha an enlarged pixel's colour is divided by (none shown: its colour is never laid)
# px past a Telea fill's radius its pixels' reads reach (the gradients at the pixels it reads, a pixel either side)
TELEA_MARGIN = 2
FILL_MARGIN = 4 * INPAINT_RADIUS  # px a crop for the fill reaches past the known pixels nearest what it must fill
# person-mask value above which a pixel is still the old clothes' soft outline, mixed with the room:
# a fill drawn from it carried a dark old garment's rim into the room as streaks beside new trouser
# legs, and left unpainted it stayed as dark ticks
OUTLINE_MASK = 0.05
SOFT_OUTLINE_PX = 4   # px (working res) that soft outline reaches past where the mask passes 0.5
# px (working res) along the new garment's edge where old clothes are taken however thin: the opening
# that drops stray specks dropped the last px or two of an old skirt beside a trouser leg, a dark line
EDGE_SLIVER = 2
# share of shoulder width a waistband's top edge may slope down from its highest point: columns of a
# bottom whose top is lower are a leg's side (a flare's widest columns are at its hem)
WAIST_SLOPE = 0.1
# share of a bottom's columns whose top rows lie at or above its waistband's top edge, at least: a button tab or
# belt loops standing up from the band are a few columns (the band's top edge was read at a tab's top, 15 working
# px above the rest of the band); a flared hem's widest columns start far lower, and are fewer than the rest
WAIST_TOP_SHARE = 0.25


class Repaint(NamedTuple):
    """Where `uncover` changed the photo beyond the garment: a box of the input-res photo and how
    much of each pixel in it (0..1). Kept to the box, so a small repaint costs no full-frame arrays."""

    box: tuple[slice, slice]
    alpha: np.ndarray


def uncovered(person: PersonAnalysis, warped: Warped, alpha: np.ndarray, legs_bare: bool = False) -> np.ndarray:
    """Pixels (working res) of old clothing beside or between the new garment's legs."""
    h, w = alpha.shape
    if warped.kind == "upper":
        return np.zeros((h, w), bool)
    garment = alpha > 0.5
    rows = np.flatnonzero(garment.any(axis=1))
    if rows.size == 0:
        return np.zeros((h, w), bool)
    # a bottom starts at its waistband, column by column (beside it, at the height of the waistband's
    # nearest end): a waistband's top edge slopes, and above its lower corners the old top was painted
    # out as pale notches; a dress's own top half is beside arms and shoulders, not old clothes
    if warped.kind == "full":
        top = np.full(w, float((person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2))
    else:
        cols = np.flatnonzero(garment.any(axis=0))
        first = np.argmax(garment[:, cols], axis=0)
        # not a leg's side lower down; the band's top edge is where most columns start, not the top of a button
        # tab or belt loop standing up from it (from there, across the waist, the old top's hem was painted out)
        band_top = float(np.percentile(first, 100 * WAIST_TOP_SHARE))
        waist = first <= band_top + WAIST_SLOPE * person.shoulder_width
        top = np.interp(np.arange(w), cols[waist], first[waist])
    ys = np.arange(h)[:, None]
    band = (ys >= top[None, :]) & above_hems(person, warped, garment)
    # skin is tested only along the arms: between the waistband and the hem only hands are bare, and
    # elsewhere a print's pale or pink patches would pass for skin and stay behind as old garment.
    # Beside a bottom the arm is no wider than a real arm, and smooth (the band is wider, and beside it
    # an old dress of the skin's colour, or its pale checks, stayed); beside a dress, which covers the
    # torso's side itself, the arms' and hands' skin is kept whole (a hand's grip on a bag's handle)
    old = band & person.body & (alpha < 0.5) & ~in_front(person, warped)
    if warped.kind == "full":
        old |= _flare_above_hips(person, warped, alpha, old, int(np.ceil(top[0])))
    hem = int(rows.max()) + 1
    if warped.kind == "full" and not warped.legs and not legs_bare and not _to_the_ankles(person, hem):
        old &= ~_layered_under(old, person.body & (alpha < 0.5) & ~person.skin, hem)
    if warped.kind == "full" and not warped.legs:   # bare legs in a notch of an uneven hem stay legs
        old &= ~legs_below(person, hem)
    edge = cv2.dilate(garment.astype(np.uint8), np.ones((2 * EDGE_SLIVER + 1,) * 2, np.uint8)) > 0
    return (cv2.morphologyEx(old.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0) | (old & edge)


def in_front(person: PersonAnalysis, warped: Warped) -> np.ndarray:
    """What stays in front of the old clothes painted out (working res): the arms and hands, and what
    they hold (`held_things`)."""
    arm = arm_over_bottom(person) | sleeves_over_bottom(person) if warped.kind == "lower" else whole_hands(person)
    return arm | held_things(person)


def above_hems(person: PersonAnalysis, warped: Warped, garment: np.ndarray) -> np.ndarray:
    """Rows (working res) no lower than the garment's hem (`garment`: its solid pixels): under a full-length
    trouser leg, that leg's own hem; elsewhere the lowest hem. Below a leg's hem are the shoes, whose tops
    were painted out as the room down to the other leg's lower hem."""
    h, w = garment.shape
    bottom = np.full(w, int(np.flatnonzero(garment.any(axis=1))[-1]) if garment.any() else -1)
    if warped.legs:
        for leg, hem in full_length_legs(person, garment):
            cols = leg.any(axis=0)
            bottom[cols] = np.minimum(bottom[cols], hem)
    return np.arange(h)[:, None] <= bottom[None, :]


def whole_hands(person: PersonAnalysis) -> np.ndarray:
    """The arms' and hands' skin (working res) in the arm's band or where a real arm and hand can be
    (`arms_at_most`: the band is narrower than a hand), the creases between fingers closed (HAND_CLOSE):
    beside a dress, the band's skin alone left a hand's outer edge and the dark lines between its
    fingers to be painted from the room, light blocks and specks over the fingers (once per photo)."""
    return person.derived("whole_hands", lambda: _whole_hands(person))


def _whole_hands(person: PersonAnalysis) -> np.ndarray:
    where = arm_band(person) | arms_at_most(person)
    skin = (where & person.skin).astype(np.uint8)
    return (cv2.morphologyEx(skin, cv2.MORPH_CLOSE, np.ones((HAND_CLOSE, HAND_CLOSE), np.uint8)) > 0) & where


def _flare_above_hips(person: PersonAnalysis, warped: Warped, alpha: np.ndarray, old: np.ndarray,
                      hip_row: int) -> np.ndarray:
    """Old cloth beside a dress above the hips (`hip_row`), below the armpits and off the arms, that runs on
    down into the `old` clothes taken away below them: an old dress's or skirt's side flaring off the
    body, the room behind it as behind its part below the hips. Left, it stood as a panel of the old
    garment between the arm and the dress, down to the hip line and cut off there straight."""
    h, w = alpha.shape
    above = np.zeros((h, w), bool)
    rows = slice(0, max(0, min(h, hip_row)))
    above[rows] = (person.body & ~person.skin & (alpha < 0.5) & ~in_front(person, warped)
                   & below_armpits(person, (h, w)) & ~silhouette(arm_limbs(person), (h, w)))[rows]
    return pieces_touching(above | old, old) & above


def _to_the_ankles(person: PersonAnalysis, hem: int) -> bool:
    """Whether a dress's hem row (working res) is at the ankles or lower: no trouser under it shows below it,
    so none beside it is layering (beside a floor-length dress, a strip of old printed trousers ran down to
    the shoes)."""
    return hem >= min(float(person.point(L_ANKLE)[1]), float(person.point(R_ANKLE)[1]))


def _layered_under(old: np.ndarray, cloth: np.ndarray, hem: int) -> np.ndarray:
    """The pieces of `old` that carry on as cloth below the dress's hem row: trousers worn under it,
    a leg standing out beside a straight skirt. That garment shows below the hem anyway; painted
    out above it, a trouser leg began in a cut across it under the hem."""
    below = np.zeros_like(cloth)
    below[hem:] = cloth[hem:]
    return pieces_touching(old | below, below) & old


def remove_uncovered(out: np.ndarray, person: PersonAnalysis, warped: Warped, alpha: np.ndarray,
                     legs_gone: np.ndarray | None = None) -> Repaint | None:
    """Paints the uncovered old clothing over from the room around it, in place in `out` (the photo
    at input res), and says where (None when nothing was painted). `legs_gone`: trousers below a
    dress replaced by bare legs, so those beside it are no longer layering and go too, and the fill
    draws nothing from them.

    The new garment's own area is painted too (it is covered afterwards), so the fill is drawn
    from the background and skin at the outer edge, never from the old garment underneath."""
    region = uncovered(person, warped, alpha, legs_gone is not None)
    if not region.any():
        return None
    grow = np.ones((5, 5), np.uint8)  # the old garment's soft edge too
    outline = cv2.dilate(region.astype(np.uint8), np.ones((2 * SOFT_OUTLINE_PX + 1,) * 2, np.uint8)) > 0
    fringe = outline & (person.mask > OUTLINE_MASK) & ~person.body  # the outline alone, not a hand beside
    soft = cv2.dilate(fringe.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    # a px more: the paste's blend at input res; never onto a hand, a thin forearm or what a hand holds
    # beside it (the grown edge of the room seen between curled fingers covered them in a light block)
    region = ((cv2.dilate(region.astype(np.uint8), grow) > 0) | soft) & ~in_front(person, warped)
    if warped.legs:  # nor past a full-length leg's hem onto the shoes
        region &= above_hems(person, warped, alpha > 0.5)
    hidden = region | (cv2.dilate((alpha > 0.02).astype(np.uint8), grow) > 0)
    if legs_gone is not None:
        hidden |= cv2.dilate(legs_gone.astype(np.uint8), grow) > 0
    box = around(hidden, 2 * INPAINT_RADIUS + 2)
    filled = person.image.copy()
    filled[box] = fill_from_surroundings(person.image[box], room_only(hidden[box], person.mask[box] > OUTLINE_MASK),
                                         needed=region[box])
    # pasted round the old clothes alone: the rest of the box round the garment keeps its pixels
    return paste(out, filled, region.astype(np.float32), around(region, 2))


def edge_by_the_room(person: PersonAnalysis, old: np.ndarray) -> np.ndarray:
    """The old clothing's edge beside the room that `old` leaves out: within SOFT_OUTLINE_PX of it and of the room,
    on the person mask's outline, not skin (the corner of a flared sleeve past the arm's zone, the sleeve's soft
    outline), a px grown. Left out, it stayed beside a rebuilt arm or painted shoulder as a dark speck and a grey
    ghost of the sleeve, and the room's fill, drawn on it, came out grey."""
    reach = np.ones((2 * SOFT_OUTLINE_PX + 1,) * 2, np.uint8)
    near_old = cv2.dilate(old.astype(np.uint8), reach) > 0
    near_room = cv2.dilate((person.mask <= 0.5).astype(np.uint8), reach) > 0
    edge = near_old & near_room & (person.mask > OUTLINE_MASK) & ~person.skin
    return cv2.dilate(edge.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0


def room_only(hidden: np.ndarray, person: np.ndarray) -> np.ndarray:
    """`hidden` with the whole person hidden too, so the fill is drawn from the room alone: behind old
    clothes is the room, and bare legs or hands beside them bled in as a pink blob between new trouser
    legs. Left as it was when no room is in reach."""
    both = hidden | person
    return both if not both.all() else hidden


def paste(out: np.ndarray, work_rgb: np.ndarray, work_alpha: np.ndarray, box: tuple[slice, slice]) -> Repaint:
    """Blends `work_rgb` (working res) over `out` (input res) in place, by `work_alpha`, inside the
    working-res `box`; says which input pixels changed and how much. At the input resolution only
    the box changes, and a pixel whose alpha is 0 keeps its own value exactly."""
    H, W = out.shape[:2]
    h, w = work_alpha.shape
    if (H, W) == (h, w):
        a = work_alpha[box]
        out[box] = cv2.blendLinear(np.ascontiguousarray(out[box]), np.ascontiguousarray(work_rgb[box]), 1.0 - a, a)
        return Repaint(box, a.copy())
    big_box = pasted_box(box, (H, W), (h, w))
    alpha = work_alpha.astype(np.float32, copy=False)
    # nothing is pasted past the working frame's edge
    a = as_laid(enlarged_in_zeros(alpha, (H, W), big_box))
    out[big_box] = cv2.blendLinear(np.ascontiguousarray(out[big_box]), _enlarged_shown(work_rgb, alpha, (H, W), big_box),
                                   1.0 - a, a)
    return Repaint(big_box, a)


def _enlarged_shown(work_rgb: np.ndarray, work_alpha: np.ndarray, shape: tuple[int, int],
                    big_box: tuple[slice, slice]) -> np.ndarray:
    """`work_rgb` enlarged into `big_box` with each working pixel's colour weighed by its own (float32) alpha
    (premultiplied): a colour barely shown beside a shown one is not taken in with it. Enlarged as it was, the
    room's fill a hair outside an old collar's paint drew a light line along the paint's top across the neck."""
    premultiplied = cv2.multiply(work_rgb, cv2.merge([work_alpha] * 3), dtype=cv2.CV_32F)
    up = enlarged_in(premultiplied, shape, big_box)
    weight = cv2.merge([np.maximum(enlarged_in(work_alpha, shape, big_box), SHOWN_WEIGHT)] * 3)
    return cv2.divide(up, weight, dtype=cv2.CV_8U)


def paste_layer(out: np.ndarray, room: np.ndarray, layer: np.ndarray, layer_alpha: np.ndarray,
                region_alpha: np.ndarray, box: tuple[slice, slice]) -> Repaint:
    """`paste` of `layer` laid on `room` by `layer_alpha` (all working res), with the layer's edge made at the
    photo's resolution. A rebuilt limb's edge against the room is blurred at the working size as a real limb's is
    in a photo of that size; enlarged with it, it came out `scale` times softer at the photo's, a blurred halo
    beside the crisp hand it ends in. So the enlarged `layer_alpha` is steepened about its middle by the
    enlargement's scale: the edge keeps its place and is as many of the photo's px wide as it was working px."""
    H, W = out.shape[:2]
    h, w = layer_alpha.shape
    if (H, W) == (h, w):
        work = room.copy()
        work[box] = mixed(room[box], layer[box], layer_alpha[box])
        return paste(out, work, region_alpha, box)
    big_box = pasted_box(box, (H, W), (h, w))
    steep = min(H / h, W / w)
    a = enlarged_in_zeros(layer_alpha.astype(np.float32, copy=False), (H, W), big_box)
    a = np.clip((a - 0.5) * steep + 0.5, 0.0, 1.0)
    over = mixed(np.ascontiguousarray(enlarged_in(room, (H, W), big_box)),
                 np.ascontiguousarray(enlarged_in(layer, (H, W), big_box)), a)
    r = as_laid(enlarged_in_zeros(region_alpha.astype(np.float32, copy=False), (H, W), big_box))
    out[big_box] = cv2.blendLinear(np.ascontiguousarray(out[big_box]), over, 1.0 - r, r)
    return Repaint(big_box, r)


def _telea(rgb: np.ndarray, hidden: np.ndarray, radius: int) -> np.ndarray:
    """OpenCV's Telea inpainting of `rgb` where `hidden` (uint8) is set, made group by group on a crop round
    each: a filled pixel reads pixels within `radius` (and their neighbours) alone, so hidden pixels farther
    apart than that, and what lies beyond, take no part in each other's fill. The fill's cost grows with its
    image's area, and the strips of old outline round a large garment had a crop that was mostly neither. The
    groups are handed on (`beside`): a thread waiting for the fill makes those no other has started."""
    reach = radius + TELEA_MARGIN
    grown_by = cv2.dilate(hidden, np.ones((2 * reach + 1,) * 2, np.uint8))
    n, groups, stats, _ = components_with_stats(grown_by, connectivity=8)
    if n <= 2:
        return cv2.inpaint(rgb, hidden, radius, cv2.INPAINT_TELEA)

    def group(g: int) -> tuple[tuple[slice, slice], np.ndarray, np.ndarray]:
        x, y, w, h = stats[g, :4]
        crop = (slice(y, y + h), slice(x, x + w))
        mine = ((groups[crop] == g) & (hidden[crop] > 0)).view(np.uint8)
        return crop, mine, cv2.inpaint(np.ascontiguousarray(rgb[crop]), mine, radius, cv2.INPAINT_TELEA)
    out = rgb.copy()
    for crop, mine, filled in results([beside(lambda g=g: group(g)) for g in range(1, n)]):
        cv2.copyTo(filled, mine, out[crop])
    return out


def pasted_box(box: tuple[slice, slice], shape: tuple[int, int], work_shape: tuple[int, int]) -> tuple[slice, slice]:
    """The box of the photo (`shape`, input res) a `paste` inside the working-res `box` reads and writes: known
    before the paste, so what writes elsewhere may run beside it."""
    (H, W), (h, w) = shape, work_shape
    if (H, W) == (h, w):
        return box
    sy, sx = H / h, W / w
    return (slice(max(0, int((box[0].start - 1) * sy)), min(H, int((box[0].stop + 1) * sy) + 1)),
            slice(max(0, int((box[1].start - 1) * sx)), min(W, int((box[1].stop + 1) * sx) + 1)))


def mixed(under: np.ndarray, over: np.ndarray, share: np.ndarray) -> np.ndarray:
    """`under` (RGB, uint8) with `over` (RGB) laid on it by `share` (H x W), rounded down to uint8 after
    adding 0.5: made plane by plane (numpy is slow along a last axis of 3)."""
    rest = 1.0 - share
    return cv2.merge([(u * rest + o * share + 0.5).astype(np.uint8) for u, o in zip(cv2.split(under), cv2.split(over))])


def fill_from_surroundings(rgb: np.ndarray, hidden: np.ndarray, needed: np.ndarray | None = None,
                           scale: int = INPAINT_SCALE, radius: int = INPAINT_RADIUS) -> np.ndarray:
    """`rgb` with its hidden pixels filled from the unhidden ones around them (Telea inpainting).

    The fill is smooth, so it is made at 1/`scale` of the size (a coarse pixel is hidden when
    any of its pixels is, so nothing of the old garment leaks in) and enlarged: inpainting cost
    grows with the hidden area times the radius squared. Given `needed`, the only pixels the caller
    shows the fill at, it is made on a crop round them alone, wide enough to take in the unhidden
    pixels nearest each (FILL_MARGIN beyond them): a fill draws on what is near, and the hidden
    person round an old collar was most of its cost. Other hidden pixels are then left as they are.
    Each filled pixel draws on the surroundings within `radius` px (working res)."""
    if needed is None:
        return _fill(rgb, hidden, scale, radius)
    needed = needed & hidden
    out = rgb.copy()
    if not needed.any():
        return out
    to_known = cv2.distanceTransform(hidden.astype(np.uint8), cv2.DIST_L2, 3)
    ys, xs = around(needed, int(to_known[needed].max()) + FILL_MARGIN)
    # the crop starts on the coarse grid of the whole fill, so the coarse pixels are the same ones
    ys, xs = slice(ys.start - ys.start % scale, ys.stop), slice(xs.start - xs.start % scale, xs.stop)
    out[ys, xs] = _fill(rgb[ys, xs], hidden[ys, xs], scale, radius)
    return out


def _fill(rgb: np.ndarray, hidden: np.ndarray, scale: int, radius: int) -> np.ndarray:
    h, w = hidden.shape
    mask = hidden.astype(np.uint8)
    if scale == 1:  # made at full size: a resize to its own size is a copy
        small_rgb, small_hidden = np.ascontiguousarray(rgb), mask
    else:
        small = (max(1, w // scale), max(1, h // scale))
        small_rgb = cv2.resize(rgb, small, interpolation=cv2.INTER_AREA)
        small_hidden = (cv2.resize(hidden.astype(np.float32), small, interpolation=cv2.INTER_AREA) > 0).astype(np.uint8)
    coarse = _telea(small_rgb, small_hidden, max(1, round(radius / scale)))
    if scale != 1:
        coarse = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.copyTo(coarse, mask, rgb.copy())  # copied under the mask plane-wise, not along a last axis of 3
