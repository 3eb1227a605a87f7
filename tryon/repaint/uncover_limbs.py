"""Bare arms and legs where the new garment is shorter than what the shopper wears.

A T-shirt over a long-sleeved top leaves the old sleeves showing below its own; a dress over
trousers leaves trouser legs below its hem (found by `old_on_limbs`). Those old sleeves and trouser
legs are replaced by the shopper's own limbs: a silhouette along the pose's joints (shoulder, elbow,
wrist; hip, knee, ankle), widths from body proportions, kept inside the old clothing's outline (a leg carried on from
the real shin or ankle below the old clothing, or down into the shoe: `bare_legs`); its colour the
shopper's own skin (`skin`), its light taken from the old clothing's broad shading and rounded
across the limb as bare skin in the photo is lit (`limb_light`), an arm turning into the real skin it
meets (`limb_skin.meet_real`), a leg in the real shin's or a bare
forearm's own skin where the photo shows one (`limb_skin.carry_shins`); the room filled in where the old clothing was
wider than the limb.

Where a limb cannot be rebuilt believably, the new garment is shown over the old clothing and the
result says so (`shown_over`): no skin seen to take the tone from, a hand hidden (the arm's end is
unknown), or plain old clothing of nearly the skin's colour (its outline cannot be told from skin). Printed
sleeves, trousers or an old skirt's printed or checked hem give way to limbs lit as modelled (the print's
shading is no light): its fine detail tells them from the limbs' skin.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from tryon.repaint.arm_fit import rebuilt_arms
from tryon.repaint.bare_legs import shin_curve
from tryon.shared.boxes import around, grown
from tryon.repaint.limb_light import LIGHT_GAIN, SKIN_READ_INSET_PX, across, elbow, forearm_curve, knee, limb_lit
from tryon.repaint.limb_skin import carry_shins, leg_alpha, meet_real
from tryon.analysis.body_frame import waist_row
from tryon.analysis.limbs import (Limb, along_limb, arm_limbs, arms_skin, below_armpits, limb_box, limbs_box,
                                  lowest_row, printed_sleeves, silhouette, smooth_skin)
from tryon.shared.medians import masked_median
from tryon.analysis.old_colours import OLD_NEAR, PATTERNED, SAME_AS_SKIN, fine_detail
from tryon.repaint.skin_texture import skin_texture
from tryon.repaint.old_on_limbs import OUTLINE_THICK, cloth_not_outline, leaves_shins, old_clothing, old_on_legs
from tryon.analysis.person import L_HIP, L_SHOULDER, L_WRIST, R_HIP, R_SHOULDER, R_WRIST, PersonAnalysis
from tryon.analysis.skin import SkinTone, skin_lab_near, lab_distance, lab_distances, skin_grain, skin_tone
from tryon.repaint.uncover import (EDGE_GROW_PX, INPAINT_RADIUS, OUTLINE_MASK, Repaint, edge_by_the_room,
                                   fill_from_surroundings, paste_layer, room_only)
from tryon.fit.warp import Warped
from tryon.repaint.shown_over import past_elbows, still_shown
from tryon.shared.components import components

MIN_OLD = 0.08          # old clothing under this share of the limbs' area is a cuff's edge: left alone
MIN_HAND = 25           # px of skin around a wrist that say the hand is seen, so the arm's end is known
HAND_REACH = 0.18       # share of shoulder width round the wrist where the hand is looked for
NECK_REACH = 0.35       # share of shoulder width round the shoulders' midpoint where the neck's skin is looked for
LIMB_CLOTH_LIGHT_SIGMA = 0.08      # share of shoulder width: the old clothing's light broader than this is kept
LIMB_FEATHER_PX = 1.2           # px (working res): the limb's edge blur, a real limb's soft edge against the room
ARM_FILL_REACH_PX = 3           # px (working res) round a rebuilt arm the room's fill does not draw on: its soft edge
# share of shoulder width: the body's outline is smoothed this much before it trims a limb narrower than
# its slim-adult shape (a tight sleeve): the segmentation's outline steps by a few px, which a painted
# limb took as its own edge and showed as a stair-stepped strip
LIMB_OUTLINE_SMOOTH = 0.025
MIN_OWN_SKIN = 150      # px of the limbs' own bare skin that give their colour (fewer: a strap's gap in a shoe)
# robust spreads (the skin's median absolute deviation, as a normal's sigma) past which a pixel is no longer
# the arm's own skin: the usual three-sigma outlier bound
OWN_SPREAD = 3.0


class _Group(NamedTuple):
    name: str              # "arms" or "legs"
    limbs: list[Limb]
    old: np.ndarray        # old clothing pixels to replace (working res)
    # per limb, how it is lit across (`limb_light.curve`) as bare skin in the photo shows, None: modelled
    curves: tuple = ()


def _groups(person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> list[_Group]:
    """Arms under a top or dress; legs under a skirt, a dress or shorts below its hem (old trousers or a long
    dress below new shorts were left as they were; trousers cover the legs: `leaves_shins`)."""
    h, w = alpha.shape
    out = []
    if warped.kind != "lower":
        arms = arm_limbs(person, past_frame=True)
        if arms:
            # rebuilt along the sleeves they follow; an arm running out of the photo (a selfie cut above the hands) is
            # never rebuilt, as no hand is seen: its old sleeve is only said to be shown over
            rebuilt = rebuilt_arms(person) if len(arm_limbs(person)) == len(arms) else arms
            # the sleeves are looked for down to the lower end of either arm: a rebuilt arm ending below the pose's
            # left its cuff's edge unpainted, white beside the hand
            last = lowest_row(arms + rebuilt)
            # a printed sleeve's pale flecks pass the colour test: no bare skin (`arms_skin`)
            old = cloth_not_outline(old_clothing(person, arms, alpha, 0, last + 1, arms_skin(person)),
                                    person.shoulder_width)
            arms = rebuilt
            # lit as the bare forearms show, where both do (else modelled: `rounded`)
            out.append(_Group("arms", arms, old, (forearm_curve(person),) * len(arms)))
    if warped.kind != "upper" and (not warped.legs or leaves_shins(person, alpha)):
        found = old_on_legs(person, alpha)
        if found is not None:
            legs, old = found
            # lit as the real shin below is, or, under trousers, as the bare forearms are
            curves = [shin_curve(person, leg, old) for leg in legs]
            out.append(_Group("legs", legs, old, tuple(forearm_curve(person) if c is None else c for c in curves)))
    k = max(3, int(OUTLINE_THICK * person.shoulder_width) | 1)
    thick = [cv2.morphologyEx(g.old.astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8)) for g in out]
    return [g for g, t in zip(out, thick) if int(t.sum()) >= MIN_OLD * silhouette(g.limbs, (h, w)).sum()]


def _hands_seen(person: PersonAnalysis) -> bool:
    """Both arms' ends are known: around each wrist the pose sees, skin (the hand) shows."""
    h, w = person.mask.shape
    for wrist in (L_WRIST, R_WRIST):
        if not person.visible(wrist):
            return False
        near = np.zeros((h, w), np.uint8)
        x, y = (int(round(v)) for v in person.point(wrist))
        cv2.circle(near, (x, y), max(2, int(HAND_REACH * person.shoulder_width)), 1, -1)
        if int((person.skin & (near > 0)).sum()) < MIN_HAND:
            return False
    return True


def rebuildable(person: PersonAnalysis, group: _Group, tone: SkinTone | None, lab: np.ndarray,
                alpha: np.ndarray) -> bool:
    """Whether bare limbs can be painted believably in place of this old clothing. Printed sleeves, a printed
    trouser leg or old skirt are told from the limbs' bare skin by their fine detail (`arms_skin`, `legs_bare`),
    whatever their colour, and the limbs are lit as modelled (`printed`). Printed sleeves only under a garment
    (its working-res `alpha`) down to the waist: below a shorter one the printed top itself stays (it is no one
    colour to paint away, `uncover_torso`), worn under the new one, and so do its sleeves; bare arms beside its
    body read as a vest."""
    if tone is None or (group.name == "arms" and not _hands_seen(person)):
        return False
    if group.name == "arms" and printed_sleeves(person):
        return _to_the_waist(person, alpha)
    if group.name == "legs" and printed(person, group):
        return True
    cloth = masked_median(lab, group.old)
    return lab_distance(cloth, tone.lab) >= SAME_AS_SKIN and not printed(person, group)


def _to_the_waist(person: PersonAnalysis, alpha: np.ndarray) -> bool:
    """Whether the garment covers most of the torso's middle (between the hip joints) at the natural waist."""
    xs = sorted(float(person.point(i)[0]) for i in (L_HIP, R_HIP))
    y = int(np.clip(waist_row(person), 0, alpha.shape[0] - 1))
    middle = alpha[y, max(0, int(xs[0])):max(0, int(xs[1]) + 1)]
    return middle.size > 0 and float((middle >= 0.5).mean()) > 0.5


def printed(person: PersonAnalysis, group: _Group) -> bool:
    """The group's old clothing is printed all over (`fine_detail` past PATTERNED): its lightness is the
    print's, not light. Read on a leg's cloth alone: the bare shin below an old hem, repainted with the
    leg (`hem_shadow`), is smooth and made a check's band under a dress read as plain."""
    cloth = group.old & ~smooth_skin(person) if group.name == "legs" else group.old
    return fine_detail(person.lab, cloth if cloth.any() else group.old) > PATTERNED


def _limb_colour(person: PersonAnalysis, group: _Group, tone: SkinTone, lab: np.ndarray,
                 box: tuple[slice, slice]) -> np.ndarray:
    """Lab colour per pixel of `box`: the shopper's tone, turning into the hand's own colour down the
    forearm towards each wrist whose hand is seen; limbs in their own bare skin's where some shows
    (`_own_skin`), each arm in its own (one lit, the other turned from the light: in both arms' colour, each
    met its real forearm at a step). An arm with no bare skin of its own turns into the neck's colour up
    the upper arm towards the shoulder: it meets the bare chest or collar painted from the skin round the
    neck, and in the face's tone it stood apart as a darker ball."""
    shape = (box[0].stop - box[0].start, box[1].stop - box[1].start)
    base, _ = _own_skin(person, group, lab, tone)
    out = np.broadcast_to(base, shape + (3,)).copy()
    if group.name != "arms":
        return out
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float32)[:, None]
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :]
    sw = person.shoulder_width
    neck_base = (person.point(L_SHOULDER) + person.point(R_SHOULDER)) / 2
    neck = skin_lab_near(person, lab, neck_base, NECK_REACH * sw)
    for limb in group.limbs:
        mine, own = _own_skin(person, group._replace(limbs=[limb]), lab, tone)
        if own:   # on its silhouette, grown by its feathered edge's reach
            arm = silhouette([limb._replace(halves=limb.halves + 2 * LIMB_FEATHER_PX + 1)], group.old.shape)[box]
            out[arm] += mine - base
        shoulder, elbow, wrist = limb.joints[0], limb.joints[1], limb.joints[2]
        ends = ((wrist, skin_lab_near(person, lab, wrist, HAND_REACH * sw)), (shoulder, None if own else neck))
        for end, colour in ends:
            if colour is None:
                continue
            bone = max(float(np.linalg.norm(end - elbow)), 1.0)
            near = np.clip(1.0 - np.hypot(xs - end[0], ys - end[1]) / bone, 0.0, 1.0)[..., None]
            out += near * (colour - (mine if own else base))
    return out


def _own_skin(person: PersonAnalysis, group: _Group, lab: np.ndarray, tone: SkinTone) -> tuple[np.ndarray, bool]:
    """The limbs' own skin colour where the old clothing leaves some bare (shins under a knee-length
    dress, ankles under cropped trousers, arms below a short sleeve), else the shopper's tone: the face
    is lit and made up unlike the limbs, and a thigh or upper arm painted in its colour met the real shin
    or forearm below it at a step of colour. Says too whether it is the limbs' own."""
    shape = group.old.shape
    box = limbs_box(group.limbs, shape)   # read on the limbs' box alone: called per arm, cheap
    seen = silhouette(group.limbs, shape)[box] & person.body[box] & ~group.old[box] & smooth_skin(person)[box]
    seen[:max(0, int(np.flatnonzero(group.old.any(axis=1))[0]) - box[0].start)] = False
    if group.name == "arms":
        seen &= _arms_own(group.limbs, shape)[box]
    if int(seen.sum()) < MIN_OWN_SKIN:
        return tone.lab.astype(np.float32), False
    return masked_median(lab[box], seen), True


def _arms_own(arms: list[Limb], shape: tuple[int, int]) -> np.ndarray:
    """Where an arm's own skin is (working res): past the shoulder's round (the neck, hair over the
    shoulder) and above the wrist (the hand)."""
    out = np.zeros(shape, bool)
    for limb in arms:
        box = limb_box(limb, shape)
        along = along_limb(limb, box)
        wrist = float(np.linalg.norm(np.diff(limb.joints[:3], axis=0), axis=1).sum())
        out[box] |= (along > limb.halves[0]) & (along < wrist)
    return out


def _like_own(lab: np.ndarray, own: np.ndarray, tone: SkinTone) -> np.ndarray:
    """Per pixel of `lab`, whether its colour lies within OWN_SPREAD of the skin's robust spread of the
    arm's own colour `own` in every channel: the arm's skin, not the pale edge of old cloth or reddish
    hair over the shoulder that pass the skin test."""
    return (np.abs(lab.astype(np.float32) - own) <= OWN_SPREAD * tone.spread).all(axis=-1)


def skin_layer(person: PersonAnalysis, group: _Group, tone: SkinTone, lab: np.ndarray,
               body: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """RGB of bare skin inside `box` over the limbs' silhouette `body` (working res): the shopper's
    tone (the hand's down the forearm), lit as the old clothing was (its broad light, relative to its
    own mean, at the skin's own contrast), rounded as a limb is (darker towards its outline, its side
    towards the light lighter, as the face is lit) and with the grain of the shopper's skin."""
    light = lab[..., 0].astype(np.float32)
    weight = group.old.astype(np.float32)
    if group.name == "arms":   # a sleeve's outline is mixed with the room: lit so, the arm's outline was lighter
        inside = cv2.erode(group.old.astype(np.uint8), np.ones((2 * SKIN_READ_INSET_PX + 1,) * 2, np.uint8))
        weight = inside.astype(np.float32) if inside.any() else weight
    sigma = max(1.0, LIMB_CLOTH_LIGHT_SIGMA * person.shoulder_width)
    broad = cv2.GaussianBlur(light * weight, (0, 0), sigma) / np.maximum(cv2.GaussianBlur(weight, (0, 0), sigma), 1e-3)
    values = light[group.old]
    rel = (broad[box] - float(values.mean())) / max(float(values.std()), 1.0)
    if printed(person, group):   # the print is no light to carry onto the skin: lit as modelled
        rel = np.zeros_like(rel)
    # the distances across a limb reach its half-width: on a crop that much wider, they are the whole frame's
    outer, inner = grown(box, int(max(float(limb.halves.max()) for limb in group.limbs)) + 2, body.shape)
    pos = across(group.limbs, body[outer], (outer[1].start, outer[0].start))[inner]
    rounding = limb_lit(person, None, pos)
    for limb, fitted in zip(group.limbs, group.curves):
        if fitted is not None:   # lit as the real shin below, or the bare forearms, show
            mine = silhouette([limb], body.shape)[box]
            rounding[mine] = limb_lit(person, fitted, pos[mine])
    for limb in group.limbs:
        rounding *= 1.0 + (knee(limb, box) if group.name == "legs" else elbow(limb, box))
    out = _limb_colour(person, group, tone, lab, box)
    out[..., 0] = (out[..., 0] + LIGHT_GAIN * tone.spread[0] * np.clip(rel, -2.0, 2.0)) * rounding
    # legs carry on the real shin below the old clothing (its own grain with it), or meet a bare ankle's colour
    own = carry_shins(person, group.limbs, group.old, out, pos, box) if group.name == "legs" else None
    out[..., 0] += skin_grain(person, rel.shape) * (1.0 if own is None else ~own)
    return cv2.cvtColor(np.clip(out + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)


def _room_beside_legs(person: PersonAnalysis, groups: list[_Group], hidden: np.ndarray) -> np.ndarray:
    """`hidden`, and, from the top of the old trouser legs down, the whole person (`room_only`): beside
    them is the room, and the shins and shoes below bled into its fill as skin-coloured and grey smears
    round the rebuilt legs."""
    legs = [g.old for g in groups if g.name == "legs"]
    if not legs:
        return hidden
    below = np.zeros(hidden.shape, bool)
    below[int(np.flatnonzero(legs[0].any(axis=1))[0]):] = True
    return room_only(hidden, below & (person.mask > OUTLINE_MASK))


def _room_beside_arms(groups: list[_Group], bodies: list[np.ndarray], hidden: np.ndarray) -> np.ndarray:
    """`hidden`, and the rebuilt arms with their feathered edge's reach: beside them is the room, and the real
    forearm below a short sleeve bled into its fill as a skin-coloured ghost of the arm's outline beside it."""
    arms = [body for g, body in zip(groups, bodies) if g.name == "arms"]
    if not arms:
        return hidden
    reach = np.ones((2 * ARM_FILL_REACH_PX + 1,) * 2, np.uint8)
    return hidden | (cv2.dilate(np.logical_or.reduce(arms).astype(np.uint8), reach) > 0)


def smooth_body(person: PersonAnalysis) -> np.ndarray:
    """The body's outline without the segmentation's steps: its mask blurred and cut at half."""
    sigma = max(1.0, LIMB_OUTLINE_SMOOTH * person.shoulder_width)
    return cv2.GaussianBlur(person.body.astype(np.float32), (0, 0), sigma) > 0.5


def _covered(person: PersonAnalysis, group: _Group, body: np.ndarray) -> np.ndarray:
    """The rebuilt arms' own pixels (`body`) of the old clothing's colour (not the photo's bare skin, nor
    jeans by the hand), below the armpits, down to where their old clothing ends along them
    (the piece of it nearest the arm's top: a pocket by the hand is no sleeve): the limb lies over them
    (the old top's side beside its sleeve, the sleeve's thin outline). Painted only where the old
    clothing was, a limb ended at that clothing's outline, a staircase of working pixels, not its own."""
    out = np.zeros(body.shape, bool)
    cloth = masked_median(person.lab, group.old)
    armpits = below_armpits(person, body.shape)
    for limb in group.limbs:
        box = limb_box(limb, body.shape)
        # above the armpits the shoulders' tops are the collar's (`uncover_neck`)
        like = (lab_distances(person.lab[box], cloth) < OLD_NEAR) & armpits[box]
        mine = silhouette([limb], body.shape)[box] & body[box] & like
        on = group.old[box] & mine
        if not on.any():
            continue
        along = along_limb(limb, box)
        n, parts = components(on.astype(np.uint8), connectivity=8)
        first, last = np.full(n, np.inf, np.float32), np.full(n, -np.inf, np.float32)
        np.minimum.at(first, parts[on], along[on])
        np.maximum.at(last, parts[on], along[on])
        top = 1 + int(np.argmin(first[1:]))
        out[box] |= mine & ~person.skin[box] & (along <= last[top])
    return out


def _paint(out: np.ndarray, person: PersonAnalysis, groups: list[_Group], tone: SkinTone, lab: np.ndarray,
           alpha: np.ndarray) -> Repaint:
    """Replaces the groups' old clothing in `out` (input res): the room where it was, skin over the
    limbs' silhouette. The fill is drawn from outside the old clothing and the new garment."""
    old = np.zeros(alpha.shape, bool)
    clip = smooth_body(person)
    # arms follow their sleeves' outline already: clipped to the body's, they took its steps
    bodies = [silhouette(g.limbs, alpha.shape, eased=True) & (clip if g.name == "legs" else True) for g in groups]
    for g, body in zip(groups, bodies):
        old |= g.old
        if g.name == "arms":   # an arm ends at its own outline, not at the old sleeve's
            old |= _covered(person, g, body)
    grow = np.ones((2 * EDGE_GROW_PX + 1,) * 2, np.uint8)
    region = (cv2.dilate(old.astype(np.uint8), grow) > 0) | edge_by_the_room(person, old)
    hidden = region | (cv2.dilate((alpha > 0.02).astype(np.uint8), grow) > 0)
    box = around(region, 2 * INPAINT_RADIUS + 2)
    room = person.image.copy()
    room[box] = fill_from_surroundings(person.image[box], _room_beside_arms(groups, bodies,
                                                                           _room_beside_legs(person, groups, hidden))[box])
    # the real bare skin a rebuilt arm meets: outside all that is repainted or under the new garment
    real = smooth_skin(person)[box] & person.body[box] & ~hidden[box]
    layer, limbs_alpha = np.zeros_like(room), np.zeros(alpha.shape, np.float32)
    for g, body in zip(groups, bodies):
        skin = skin_layer(person, g, tone, lab, body, box)
        if g.name == "arms":   # the paint turns into the real arm (or shoulder) where it meets it: no seam
            skin = meet_real(skin, lab[box], region[box] & body[box], _arm_met(person, g, tone, lab, body, box, real),
                             person.shoulder_width)
        a = (leg_alpha(g.limbs, clip) if g.name == "legs"
             else cv2.GaussianBlur(body.astype(np.float32), (0, 0), LIMB_FEATHER_PX))[box]
        mine = a >= limbs_alpha[box]
        layer[box][mine] = skin[mine]
        limbs_alpha[box] = np.maximum(limbs_alpha[box], a)
    soft = np.maximum(cv2.GaussianBlur(region.astype(np.float32), (0, 0), LIMB_FEATHER_PX), region.astype(np.float32))
    painted = paste_layer(out, room, layer, limbs_alpha, soft, box)
    # the grain is read off real skin the paste left as it was, not the new garment's edge
    seen = person.skin[box] & person.body[box] & (soft[box] == 0) & (alpha[box] < 0.02)
    skin_texture(out, person, seen, box, limbs_alpha[box] * soft[box], painted)
    return painted


def _arm_met(person: PersonAnalysis, group: _Group, tone: SkinTone, lab: np.ndarray, body: np.ndarray,
             box: tuple[slice, slice], real: np.ndarray) -> np.ndarray:
    """Of the `real` bare skin in `box`, what a rebuilt arm's paint is turned into: the arm's own skin
    (`_arms_own`, in its own colour). Met with the neck's shaded skin and hair at the shoulder, or a
    sleeve's pale edge, the paint took their shade across the whole upper arm."""
    out = np.zeros(real.shape, bool)
    for limb in group.limbs:
        own, _ = _own_skin(person, group._replace(limbs=[limb]), lab, tone)
        out |= silhouette([limb], body.shape)[box] & _like_own(lab[box], own, tone)
    return out & real & _arms_own(group.limbs, body.shape)[box]


class Plan(NamedTuple):
    """Which limbs are rebuilt bare (their old clothing and the skin tone to paint them in), and
    what old clothing the garment is shown over instead."""

    bare: list[_Group]
    tone: SkinTone | None
    over: list[_Group]                  # the old clothing the garment is shown over instead

    def gone(self, name: str) -> np.ndarray | None:
        """The old sleeve ("arms") or trouser ("legs") pixels replaced by bare limbs, if any."""
        done = [g.old for g in self.bare if g.name == name]
        return done[0] if done else None

    def old_top_kept(self, person: PersonAnalysis, warped: Warped) -> bool:
        """Whether the old top is worn under the garment, its shoulders and collar no skin to paint: the garment is
        shown over old sleeves reaching below the elbows, or over old sleeves it has none of its own to cover (a
        corset or a tank over a printed short-sleeved shirt). Painted, the shoulders read as skin blocks above the
        old long sleeves, and as skin blocks the old short sleeves' shape beside the straps. Old short sleeves
        showing below the garment's own are painted as shoulders still: the arms below them are the shopper's own
        skin."""
        return any(past_elbows(person, g.name, g.old) or g.name == "arms" and not warped.sleeved for g in self.over)

    def still_shown(self, person: PersonAnalysis, covered: np.ndarray) -> tuple[str, ...]:
        """What the garment is still shown over once the render's repaints are made (`shown_over.still_shown`)."""
        return still_shown(person, [(g.name, g.old) for g in self.over], covered)


def plan(person: PersonAnalysis, warped: Warped, alpha: np.ndarray) -> Plan:
    """What old clothing the new garment (its working-res `alpha`) leaves on the arms and legs, and
    which of it can be replaced by bare limbs."""
    groups = _groups(person, warped, alpha)
    if not groups:
        return Plan([], None, [])
    tone = skin_tone(person)
    lab = person.lab
    bare = [g for g in groups if rebuildable(person, g, tone, lab, alpha)]
    return Plan(bare, tone, [g for g in groups if g.name not in {b.name for b in bare}])


def rebuild(out: np.ndarray, person: PersonAnalysis, limbs: Plan, alpha: np.ndarray) -> Repaint | None:
    """Paints the planned bare limbs in place in `out` (input res); None when there are none."""
    if not limbs.bare or limbs.tone is None:
        return None
    return _paint(out, person, limbs.bare, limbs.tone, person.lab, alpha)
