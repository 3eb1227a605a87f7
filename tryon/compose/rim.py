"""Carry a top's edge over the band of old clothes it leaves showing along the shoulders, sleeves and sides.

A worn top reaches the outline of the shoulders; a product shot's shoulder line, warped between
the pose joints and the neck, sags a little below it, and a band of the old garment shows above
the new one. Those pixels (old cloth: on the person, not skin, not the head, just above the new
garment, not inside its neck opening nor up an old collar's edge beside it: `rim_neck`) take the
new garment's own colour, carried up from its body. A sleeve or a cap shoulder covers the shoulder's
round up to the outline: bare skin left above its edge there is covered too (a strap's stays bare).
A long sleeve covers its whole arm, so old cloth beside it (a wide old sleeve standing off the arm, a
sliver between sleeve and body) is covered the same way, and so is a strip of a looser old top beside
the new one's sides when the whole strip lies within reach. Farther than RIM_REACH the old garment is
left as it is: that is no longer an edge.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import cv2
import numpy as np

from tryon.shared.beside import beside
from tryon.shared.boxes import around
from tryon.analysis.held_things import held_things
from tryon.analysis.limbs import Limb, arm_limbs, arms_skin, held, long_sleeves, silhouette, zone
from tryon.shared.morph import erode
from tryon.repaint.neck_arc import neck_opening
from tryon.analysis.old_colours import SLEEVED, lower_garment_hued, old_top_hued, trouser_pieces
from tryon.analysis.person import L_ELBOW, L_HIP, L_SHOULDER, R_ELBOW, R_HIP, R_SHOULDER, PersonAnalysis
from tryon.compose.rim_cloth import Rim, carried
from tryon.compose.rim_neck import spires
from tryon.compose.rim_sleeves import (armhole_gaps, armhole_slits, inside_below_hem, notches, sleeve_gap,
                                      sleeve_rows, worn_beneath)
from tryon.shared.pixels import first_in_columns, row_span
from tryon.compose.round_body import HEM_ROWS_SPAN
from tryon.fit.targets import SHOULDER_SEAM_OUT
from tryon.shared.touching import pieces_touching
from tryon.fit.warp import Warped

RIM_REACH = 0.12    # how far (share of shoulder width) the garment's edge may be carried over old clothes
# how much farther it may be carried over a piece closed in by the garment and the wearer: the wedge
# under a short sleeve between the new top's side and the arm. Closed in: its border with the room is
# at most ENCLOSED_OPEN of its border with the garment (`touching.pieces_touching`)
ENCLOSED_REACH = 2.0
SOLID = 0.98        # garment alpha taken as its own colour, not a blend with the empty warp border
# the edge is carried from the garment's body, this far (share of shoulder width) inside its outline:
# a strap or a tie is thinner than that, and smearing its colour around it reads as a stain
CORE_DEPTH = 0.03
SHOULDER_BAND = 0.5  # how far below its shoulder seams (share of shoulder width) a rim is looked for
# the person mask's confidence down to which the rim's band takes in the outline beside it: the segmenter's
# outline is soft, and a dark old top's own edge reads under 0.5 there, a dark line round the new top
OUTLINE = 0.3
RIM_OUTLINE_PX = 2      # px (working res) of that soft outline the band reaches across


class Frame(NamedTuple):
    """What of the rim the garment alone decides, in the box it is looked for in (`rim_frame`)."""
    box: tuple[slice, slice]
    sides_from: int             # the box's first row below the shoulders' band
    solid: np.ndarray           # the garment's own colour (bool)
    core: tuple[np.ndarray, np.ndarray, np.ndarray]   # `core_distances`
    bare: np.ndarray            # the sleeved arms' silhouettes when the garment leaves them bare (`arms_left_bare`)
    top: np.ndarray             # each column's first garment row, -1 where none
    within: np.ndarray          # each row's span of the garment (`row_span`)
    grown: np.ndarray           # the garment grown by a pixel
    near: tuple[np.ndarray, np.ndarray] | None  # beside long sleeves (else None): in reach of a sleeve's core, the body's
    capped: np.ndarray          # the box's columns on a side whose shoulder the garment caps (`_capped_sides`)
    inside: np.ndarray          # how far inside the body's outline each pixel lies (px; 0 off the body)
    armholes: tuple[slice, np.ndarray, np.ndarray] | None  # `armhole_gaps` between the sleeves and the body
    # what the strips beside the sides read (`_side_strips`): the garment's body less its sleeves, the room
    # grown by a pixel, the old sleeves' upper arms
    sides: tuple[np.ndarray, np.ndarray, np.ndarray]


def rim_frame(person: PersonAnalysis, warped: Warped) -> Frame | None:
    """The box a top's rim is looked for in and what the garment alone decides there; None where no rim
    is (a bottom, no shoulders, no solid garment). It reads nothing of what stays in front: the render
    makes it on the helper thread while `protect_mask` finds that (and then `frame_hued`, `frame_neck`)."""
    h, w = warped.alpha.shape
    solid_full = warped.alpha > SOLID
    if warped.kind == "lower" or warped.shoulders is None or not solid_full.any():
        return None
    sw = person.shoulder_width
    depth, reach = max(1.0, CORE_DEPTH * sw), max(2.0, RIM_REACH * sw)
    # the shoulders' band: from the garment's top edge less the reach, down past its shoulder seams
    y0 = max(0, int(np.flatnonzero(solid_full.any(axis=1))[0] - depth - reach) - 2)
    y1 = min(h, int(warped.shoulders[:, 1].max() + SHOULDER_BAND * sw))
    long_sleeves = warped.sleeve > SOLID if warped.long_sleeves else None
    y_sides = y1  # below the shoulders' band, the sides: down to the garment's last row
    y1 = max(y1, min(h, int(np.flatnonzero(solid_full.any(axis=1))[-1]) + 1))
    if long_sleeves is not None and long_sleeves.any():
        y1 = max(y1, min(h, int(np.flatnonzero(long_sleeves.any(axis=1))[-1] + reach) + 1))
    if y1 <= y0:
        return None
    # and only as far to each side as the reach: a piece of old cloth cut by the box's edge reaches
    # past it, so is left whole
    cols = np.flatnonzero(solid_full.any(axis=0))
    x0, x1 = max(0, int(cols[0] - depth - reach) - 3), min(w, int(cols[-1] + depth + reach) + 4)
    box = (slice(y0, y1), slice(x0, x1))
    solid = solid_full[box]
    # the distances to the garment's core, and beside long sleeves to each part's, handed on: a thread waiting
    # for the frame makes one while this one makes the rest
    cored = beside(lambda: core_distances(solid, depth))
    sleeve_part = long_sleeves[box] if long_sleeves is not None else None
    nearing = beside(lambda: tuple(
        cv2.distanceTransform((~core(part, depth)).astype(np.uint8), cv2.DIST_L2, 5) <= depth + reach
        for part in (sleeve_part, solid & ~sleeve_part))) if sleeve_part is not None else None
    sleeved = sleeved_arms(person, warped.alpha)
    bare = arms_left_bare(person, warped, sleeved)[box]
    top = np.where(solid.any(axis=0), first_in_columns(solid), -1)
    sleeves = solid & (warped.sleeve[box] > SOLID)
    within, grown = row_span(solid), cv2.dilate(solid.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    capped = _capped_sides(person, solid_full, np.arange(x0, x1) - person.centre_x)
    inside = cv2.distanceTransform(person.body[box].astype(np.uint8), cv2.DIST_L2, 5)
    armholes = armhole_gaps(sleeves, solid & ~sleeves, y_sides - y0) if sleeves.any() else None
    sides = (solid & ~(warped.sleeve[box] > 0.5),  # the old top shows in the gap under a short sleeve too
             cv2.dilate((person.mask[box] <= 0.5).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0,
             _upper_arms_zone(person, sleeved)[box])
    body, dist, labels = cored.result()
    if not body.any():
        return None
    return Frame(box, y_sides - y0, solid, (body, dist, labels), bare, top, within, grown,
                 nearing.result() if nearing is not None else None, capped, inside, armholes, sides)


def frame_hued(person: PersonAnalysis, warped: Warped, frame: Frame) -> np.ndarray:
    """Of the person beside the garment in its frame (what stays in front too: a test pixel by pixel, the rim
    takes its part), what passes the skin test with the old top's hue (`old_top_hued`)."""
    return old_top_hued(person, warped.alpha, frame.box, person.body[frame.box] & ~frame.solid & ~frame.bare)


def frame_neck(person: PersonAnalysis, warped: Warped, frame: Frame) -> np.ndarray:
    """The old clothes the garment's neckline leaves showing in its frame (`neck_opening`)."""
    return neck_opening(person, warped, frame.top, frame.box)


def rim(person: PersonAnalysis, warped: Warped, keep: np.ndarray) -> Rim:
    """The band of old clothes above the garment along the shoulders (beside long sleeves, in strips
    beside its sides), and the garment carried over it; `keep` is what stays in front of the
    garment (face, hands)."""
    frame = rim_frame(person, warped)
    return framed_rim(person, warped, keep, frame, lambda: frame_hued(person, warped, frame),
                      lambda: frame_neck(person, warped, frame))


def framed_rim(person: PersonAnalysis, warped: Warped, keep: np.ndarray, frame: Frame | None,
               hued_in: Callable[[], np.ndarray], neck_in: Callable[[], np.ndarray]) -> Rim:
    """`rim`, in the garment's `rim_frame` made already; `hued_in` and `neck_in` give its `frame_hued` and
    `frame_neck` (made on the helper thread: asked for only where they are read)."""
    none = Rim(np.zeros(keep.shape, bool), lambda: warped.rgb)
    if frame is None:
        return none
    sw = person.shoulder_width
    depth, reach = max(1.0, CORE_DEPTH * sw), max(2.0, RIM_REACH * sw)
    box, solid, (body, dist, labels), top, grown = frame.box, frame.solid, frame.core, frame.top, frame.grown
    y0, y1, x0 = box[0].start, box[0].stop, box[1].start
    y_sides = frame.sides_from + y0
    exposed = person.body[box] & ~keep[box] & ~solid & ~frame.bare
    trousers_hued = lower_garment_hued(person, warped.alpha)
    covered, cloth = exposed & (dist <= depth + reach), exposed & ~person.skin[box]
    # above the garment along the shoulders, beside a long sleeve, and in thin strips beside its sides
    # (_side_strips); below its hem the old garment is layering. By the neck an old collar shows
    # inside the new one, and where the garment lies on both sides in the row (a cold shoulder, the
    # gap under a strap) what is beneath shows, as each would
    ys = np.arange(y1 - y0, dtype=np.int32)[:, None]  # 32-bit: compared across the box, twice as fast
    within = frame.within
    by_armholes = _beside_armholes(person, warped, box, frame.capped, within)
    below_top = ys < top.astype(np.int32)[None, :]  # above the garment's top edge, column by column
    # past its shoulder seams, above or beside a sleeveless top's armhole is the arm: an old sleeve there is bare
    between = _between_seams(warped, box)
    seams = between[None, :] if warped.armholes else np.True_
    below_top &= seams
    # beside the sides, old cloth of a skin-like hue that passed the skin test is cloth too
    side_cloth = (cloth | (hued_in() & exposed)) & ~by_armholes

    def strips() -> np.ndarray:
        # beside the garment's body, not its sleeves
        torso, room, upper_arms = frame.sides
        # an armhole leaves the upper arm bare: an old sleeve's piece there is the arm's to rebuild, not an edge
        cloth_beside = side_cloth & ~upper_arms if warped.armholes else side_cloth
        out = _side_strips(cloth_beside, torso, dist, depth + reach, y_sides - y0, grown, room, upper_arms)
        notched = notches(cloth_beside & ~upper_arms & (warped.alpha[box] <= 0.5), torso, grown, y_sides - y0)
        out |= pieces_touching(notched, grown, too_far=dist > ENCLOSED_REACH * (depth + reach), room=room)
        if warped.kind == "upper":  # below a top's hem only a pocket closed in by what a hand holds is its edge
            out &= ~trouser_pieces(out, trousers_hued(box, out))
            hips = sorted(float(person.point(j)[0]) - x0 for j in (L_HIP, R_HIP))
            under = worn_beneath(out, torso, HEM_ROWS_SPAN * sw, (int(hips[0]), int(hips[1]) + 1))
            out = (out & ~under) | pieces_touching(under, _grown_by(held_things(person)[box], 1))
        return out
    side = beside(strips)  # on the helper thread while the band along the shoulders is found here
    old = np.zeros_like(solid)  # the rim along the shoulders joins it below, when the neckline is found
    if frame.near is not None:
        sleeve_part, (near_sleeve, near_body) = (warped.sleeve > SOLID)[box], frame.near
        # past the cuff, the trousers at the hip are no old cloth beside the sleeve (an old cuff below the new
        # one is): covered, they stood out from the top's side as a flat block
        centre_x = int(round(person.centre_x)) - x0
        past_cuff = near_sleeve & cloth & ~sleeve_rows(sleeve_part, centre_x)
        hips = inside_below_hem(sleeve_part, solid, centre_x, HEM_ROWS_SPAN * sw)
        near_sleeve = near_sleeve & ~trousers_hued(box, past_cuff) & ~hips
        # old cloth beside the sleeve, and anything, bare arm too, in the strip between it and the body:
        # a long sleeve covers the arm as far as the garment's body, and below the shoulders' band
        # the whole gap beside it between two parts of the garment in a row, however wide: it is arm
        # or torso, which the two cover
        gap = exposed & sleeve_gap(solid, solid & ~sleeve_part, y_sides - y0) & ~held(person)[box] & ~hips
        old |= (covered & near_sleeve & (~person.skin[box] | near_body)) | pieces_touching(gap, near_sleeve)
    if frame.armholes is not None:
        old |= exposed & armhole_slits(frame.armholes, cloth, depth + reach, depth)
    near_neck = neck_in()
    old |= covered & cloth & below_top & ~near_neck & ~within & ~by_armholes
    in_band, beyond = ys < y_sides - y0, dist > depth + reach
    outline = _shoulder_outline(cloth & covered & ~near_neck & ~within & ~by_armholes & seams, in_band, beyond, grown)
    # only the rim that touches the garment: not old cloth across a gap of bare skin
    band = pieces_touching(old, grown) | side.result() | outline
    above = below_top & in_band & ~near_neck
    band |= _bare_shoulders(person, frame, exposed, band, above, beyond)
    band &= ~spires(band, solid, top, between, near_neck, sw)
    if not band.any():
        return none
    soft = (person.mask[box] > OUTLINE) & ~person.body[box] & ~keep[box] & ~solid & ~person.skin[box]
    band |= soft & (cv2.dilate(band.astype(np.uint8), np.ones((2 * RIM_OUTLINE_PX + 1,) * 2, np.uint8)) > 0)
    return carried(warped, box, body, labels, band, sw)


def core_distances(solid: np.ndarray, depth: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The garment's `core` and, per pixel, its distance to the core and the label of the core pixel
    nearest it (what `carried` reads its colour from)."""
    body = core(solid, depth)
    dist, labels = cv2.distanceTransformWithLabels((~body).astype(np.uint8), cv2.DIST_L2, 5,
                                                   labelType=cv2.DIST_LABEL_PIXEL)
    return body, dist, labels


def arms_left_bare(person: PersonAnalysis, warped: Warped, sleeved: list[Limb]) -> np.ndarray:
    """The silhouettes of sleeved arms when the garment has no sleeves: its armholes leave the arms
    bare, so an old sleeve there is an arm to rebuild (`uncover_limbs`), not an edge to carry the
    garment over (carried down the arm, its colour and print read as streaks on the skin). An arm
    already bare keeps the rim: old cloth on its silhouette is the old top's side or strap. `sleeved`:
    the arms that wear a sleeve (`sleeved_arms`)."""
    if warped.sleeved or not sleeved:
        return np.zeros(person.mask.shape, bool)
    return silhouette(sleeved, person.mask.shape)


def sleeved_arms(person: PersonAnalysis, alpha: np.ndarray) -> list[Limb]:
    """The arms that wear a sleeve: their silhouettes beside the garment (`alpha`) are mostly old cloth, or the
    shopper wears long sleeves (a slim arm's silhouette beside a printed one takes in as much room as its pale
    flecks and cloth)."""
    out = []
    for arm, shape, cloth in person.derived("arm_cloth", lambda: _arm_cloth(person)):
        beside = shape & (alpha < 0.5)
        if beside.any() and (long_sleeves(person) or float(cloth[beside].mean()) >= SLEEVED):
            out.append(arm)
    return out


def _arm_cloth(person: PersonAnalysis) -> list[tuple[Limb, np.ndarray, np.ndarray]]:
    """Each arm, its silhouette, and which of that is old cloth (once per photo): a printed sleeve's pale
    flecks too, which pass the colour test."""
    cloth = person.body & ~arms_skin(person)
    return [(arm, silhouette([arm], person.mask.shape), cloth) for arm in arm_limbs(person)]


def _shoulder_outline(cloth: np.ndarray, band_rows: np.ndarray, too_far: np.ndarray, grown: np.ndarray) -> np.ndarray:
    """Old cloth in the shoulders' band outside the garment's rows (not its neck opening), in pieces
    wholly within reach of it: the old top's outline left beside a new top's shoulders and short
    sleeves where its shoulders sloped wider (a dark line round the new one, a striped trim). Cut
    at the band's foot, an old sleeve hanging below it is left to `uncover_limbs`."""
    return pieces_touching(cloth & band_rows, grown, too_far=too_far)


def _bare_shoulders(person: PersonAnalysis, frame: Frame, exposed: np.ndarray, band: np.ndarray,
                    above: np.ndarray, too_far: np.ndarray) -> np.ndarray:
    """Bare skin `above` the edge of a garment that covers its shoulder past the joint (`Frame.capped`),
    in pieces wholly within reach of it (not `too_far`) and of the body's outline: the crescent a sleeve
    or cap shoulder leaves under the outline. Not beside a piece of hair, shadow or cloth reaching in
    from the outline that the skin parts from the garment (and the `band`): covered, the skin no longer
    would, and a shadow under the hair was taken for an old collar and painted over."""
    box, grown, outline = frame.box, frame.grown, frame.inside
    bare = exposed & person.skin[box] & frame.capped[None, :] & above
    if not bare.any():
        return bare
    # the pieces within reach of both; only those are asked whether a piece of other things lies beside them
    bare = pieces_touching(bare, grown, too_far=too_far | (outline > RIM_REACH * person.shoulder_width))
    if not bare.any():
        return bare
    # the outline's own pixels often fail the skin test (lit, or blended with the room): a thin line of them is no such piece
    rest = person.body[box] & ~person.skin[box] & ~frame.solid & ~band
    apart = pieces_touching(rest, rest & (outline > RIM_OUTLINE_PX + 1), too_far=grown | _grown_by(band, 1))
    return pieces_touching(bare, grown, too_far=_grown_by(apart, 1))


def _beside_armholes(person: PersonAnalysis, warped: Warped, box: tuple[slice, slice], capped: np.ndarray,
                     within: np.ndarray) -> np.ndarray:
    """Above each armpit of a sleeveless top whose armholes are known (`Warped.armholes`), what lies outside
    it in its row (`within`: its span there) on a side it leaves uncapped (`capped`: the box's columns on a
    side it caps, `_capped_sides`): beside a strap or an armhole the shoulder and the arm are bare, and old cloth
    there is an old strap or sleeve for `uncover_neck` to paint as skin, not an edge to carry the
    garment over (carried there, the new strap was lost in a band of its colour smeared out to the
    arm). Below the armpit the garment's side lies against the torso, and a strip beside it is its
    edge again."""
    out = np.zeros(within.shape, bool)
    if not warped.armholes or warped.armpits is None:
        return out
    dx = np.arange(box[1].start, box[1].stop) - person.centre_x
    uncapped = ~capped
    for (_, y), sgn in zip(warped.armpits, (-1, 1)):
        rows = slice(0, int(np.clip(round(float(y)) - box[0].start, 0, out.shape[0])))
        out[rows] |= ~within[rows] & (uncapped & (dx * sgn > 0))[None, :]
    return out


def _between_seams(warped: Warped, box: tuple[slice, slice]) -> np.ndarray:
    """The box's columns between the garment's shoulder seams."""
    xs = np.arange(box[1].start, box[1].stop)
    (x0, _), (x1, _) = sorted(warped.shoulders.tolist())
    return (xs >= x0) & (xs <= x1)


def _grown_by(mask: np.ndarray, px: int) -> np.ndarray:
    """`mask` grown by `px` pixels (a square)."""
    return cv2.dilate(mask.astype(np.uint8), np.ones((2 * px + 1,) * 2, np.uint8)) > 0


def _capped_sides(person: PersonAnalysis, solid: np.ndarray, dx: np.ndarray) -> np.ndarray:
    """Of the columns `dx` (px from the body's centre), those on a side whose shoulder the garment
    covers out past the joint, where a sleeve's seam sits (`solid`: the warped garment): a sleeve or a
    cap shoulder covers the shoulder's round up to the body's outline, and bare skin left above its
    edge there (the product's straight shoulder line sagging below the round) reads as a cut-out. A
    strap or a sleeveless armhole ends inside the joint: the skin beside it stays bare."""
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    out = (ls - rs) / max(float(np.linalg.norm(ls - rs)), 1e-6)
    h, w = solid.shape
    sides = np.zeros(dx.shape, bool)
    for joint, outward in ((ls, out), (rs, -out)):
        x, y = np.round(joint + outward * SHOULDER_SEAM_OUT * person.shoulder_width).astype(int)
        if 0 <= x < w and 0 <= y < h and solid[y, x]:
            sides |= dx * np.sign(outward[0]) > 0
    return sides


def _upper_arms_zone(person: PersonAnalysis, sleeved: list[Limb]) -> np.ndarray:
    """Where old sleeves' upper arms may be, down to the elbows: that arm is rebuilt or shown over
    (`uncover_limbs`), and beside it the old top's side under a short sleeve is a piece of its own."""
    h, w = person.mask.shape
    if not sleeved:
        return np.zeros((h, w), bool)
    out = zone(sleeved, (h, w))
    out[int(max(person.point(L_ELBOW)[1], person.point(R_ELBOW)[1])):] = False
    return out


def _side_strips(cloth: np.ndarray, torso: np.ndarray, dist: np.ndarray, reach: float, first_row: int,
                 grown: np.ndarray, room: np.ndarray, upper_arms: np.ndarray) -> np.ndarray:
    """Old cloth (`cloth`) beside the sides of the garment's body (`torso`), from `first_row` down, in
    pieces that touch the garment and lie wholly within `reach` of it: a looser old top showing in a
    strip between the new one and an arm, or under a short sleeve. A piece closed in by the garment
    and the wearer (little border with the `room`) is where the new top's own side lies under the
    arm, and is covered from ENCLOSED_REACH times as far; so is such a piece cut off from an old
    sleeve's upper arm (`upper_arms`). A piece reaching farther is left whole (an old sleeve, a long
    old coat): covering only its near part would leave the rest half-visible."""
    beside = cloth & torso.any(axis=1)[:, None] & ~row_span(torso)
    beside[:first_row] = False
    return (pieces_touching(beside, grown, too_far=dist > reach)
            | pieces_touching(beside & ~upper_arms, grown, too_far=dist > ENCLOSED_REACH * reach, room=room))


def core(solid: np.ndarray, depth: float) -> np.ndarray:
    """The garment's body: what is left of it `depth` px inside its outline (eroded round the garment
    alone: nothing is left past it, and the box round it reaches the rim's width farther)."""
    r = int(round(depth))
    out = np.zeros(solid.shape, bool)
    if solid.any():
        box = around(solid, r + 1)
        disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2)
        out[box] = erode(solid[box].astype(np.uint8), disc) > 0
    return out
