"""Steps 4 to 6 of the render: put the warped garment into the photo (`compose`). Step 4 (`show`) finds what of
the garment shows, step 5 (`repaint`) repaints the old clothes it leaves showing, step 6 (`composite`) lays it in.

- what stays in front of the garment keeps its pixels (`in_front`): the face, hair and neck above
  the neckline, what a hand holds (a bag at the hip, `held_things`; the room fill leaves it too),
  arms and hands beside or across the torso below their sleeves; the slit of room a looser garment
  leaves between its side and an arm hanging against it is closed (`fit.arm_sides`);
- shading transfer (`shading`): the photo's light and folds under the garment (its colour blocks and
  prints left out), relative to their broad mean, multiply the garment colour (clamped, so the product
  colour stays true);
- a band of the old top left showing along the shoulders' outline above the new one, or in a
  strip beside its sides, takes the new garment's edge colour (`rim`);
- old sleeves or trouser legs a shorter new garment leaves showing are replaced by bare arms or
  legs in the shopper's skin tone, or the garment is shown over them and the result says so
  (`uncover_limbs`);
- old clothes a new bottom or dress leaves showing beside or between its legs are repainted
  from the room (`uncover`); an old collar, straps or shoulders above a more open neckline are
  painted as skin, coloured from the skin round them (`uncover_neck`); an old top hanging below
  a shorter new one is filled from what is around it (`uncover_torso`), a dress under a cropped top
  down to the waist and the skin there shaded as a torso (`bare_torso`);
- a top hangs round the torso (`round_body`): its hem an arc seen from the camera's height, its light
  falling off towards the torso's sides, and a soft shadow under its hem on what it lies on;
- the garment's outline is redrawn as one anti-aliased edge, specks cut off it dropped, and the
  colour beside it is the garment's own (`outline`); edges at hands and face are feathered; every
  pixel outside the final alpha (the garment and what was repainted) is left bit-identical
  (compositing happens at the input resolution).
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import cv2
import numpy as np

from tryon.shared.boxes import around, within
from tryon.compose.garment_layer import Layer, at_input
from tryon.compose.in_front import bared_arms_in_front, beyond_arms, islands_on_skin, protect_mask
from tryon.compose.below_hem import old_top_below, own_top_below
from tryon.compose.opening import own_top_shows
from tryon.compose.outline import redrawn, room_nearness, specks
from tryon.analysis.person import PersonAnalysis
from tryon.compose.rim import Frame, frame_hued, frame_neck, framed_rim, rim_frame
from tryon.compose.rim_hips import hip_sides
from tryon.compose.round_body import SHADOW_DARK, Fold, hang_round, hem_shadow, turn_shade
from tryon.analysis.skin import grain_strength, skin_tone
from tryon.fit.arm_sides import slits
from tryon.compose.garment_layer import Strip, apart, blend, split, strips_of
from tryon.repaint.uncover import Repaint, pasted_box, remove_uncovered
from tryon.repaint.lower_carried_up import carry_lower_up
from tryon.repaint.uncover_torso import remove_old_hem
from tryon.repaint.old_collar import not_cloth
from tryon.repaint.old_outline import fringe, fringe_fill, fringe_pieces, painted_skin, remove_fringe
from tryon.repaint.uncover_neck import bare_collar
from tryon.shared.steps import OnStep, unseen
from tryon.shared.threading_plan import Plan, Take
from tryon.fit.body_clip import kind_clip
from tryon.compose.shading import shading
from tryon.fit.warp import Warped
from tryon.repaint import uncover_limbs

SOFT_EDGE = 0.9   # px (working res): the garment's edge at hands and face is feathered by a blur this wide
SOFT_REACH = 5    # px OpenCV's float Gaussian kernels for SOFT_EDGE and OUTLINE_SMOOTH reach (9 wide), and the slope's a pixel more


def _hem_light(person: PersonAnalysis, alpha: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, Fold | None] | None:
    """Light factors (working res) of a top's hem: its soft shadow on what it lies on (the old clothes
    below it, not skin, not what stays in front) and its own fold over its box (`hem_shadow`); None without
    a hem."""
    solid = alpha > 0.5
    if not solid.any():
        return None
    return hem_shadow(solid, person.body & ~person.skin & ~keep, person.shoulder_width)


ShadowBoxes = tuple[tuple[slice, slice], tuple[slice, slice]]   # the box of the hem's shadow, at working and input res


def _shadow_boxes(under: np.ndarray, shape: tuple[int, int], work_shape: tuple[int, int]) -> ShadowBoxes | None:
    """Where the hem's shadow `under` (working res) darkens: its box at working res and the box of the photo
    (`shape`, input res) it is laid on; None where it darkens nothing."""
    dark = under < 1.0
    if not dark.any():
        return None
    box = around(dark, 0)
    (H, W), (h, w) = shape, work_shape
    y0, y1 = int(box[0].start * H / h), min(H, int(np.ceil(box[0].stop * H / h)))
    x0, x1 = int(box[1].start * W / w), min(W, int(np.ceil(box[1].stop * W / w)))
    return box, (slice(y0, y1), slice(x0, x1))


def _shadow_under_hem(out: np.ndarray, full_alpha: np.ndarray, under: np.ndarray, boxes: ShadowBoxes) -> None:
    """Darkens `out` (input res, as repainted) in place by the hem's shadow `under` (working res) in its
    `boxes` (`_shadow_boxes`), marked in `full_alpha` as changed."""
    small, box = boxes
    size = (box[1].stop - box[1].start, box[0].stop - box[0].start)
    f = cv2.resize(under[small], size, interpolation=cv2.INTER_LINEAR)
    out[box] = cv2.merge([cv2.multiply(c, f, dtype=cv2.CV_8U) for c in cv2.split(out[box].astype(np.float32))])
    np.maximum(full_alpha[box], np.clip((1.0 - f) / SHADOW_DARK, 0, 1), out=full_alpha[box])


class Shown(NamedTuple):
    """Step 4: what of the garment shows in the photo, at the working resolution."""
    warped: Warped                  # the warp, a top's planes bent round the torso
    keep: np.ndarray                # bool: what of the photo stays in front of the garment
    edge: np.ndarray                # bool: the band of old clothes the garment's edge is carried over (the rim)
    alpha: np.ndarray               # float32 0..1: the garment's alpha, what stays in front cut out, outline redrawn
    colours: Take[np.ndarray]       # the garment's colours (working res), the rim's carried over its edge


class Repainted(NamedTuple):
    """Step 5: the photo (input resolution) with the old clothes the garment leaves showing repainted. Step 6
    lays the garment into the same image and alpha, in place."""
    image: np.ndarray               # RGB uint8
    alpha: np.ndarray               # float32 0..1: how much of each pixel was repainted
    shown_over: tuple[str, ...]     # old clothing left under the garment where limbs could not be rebuilt
    fringe: np.ndarray | None       # working res: the old top's soft outline past the garment, filled in step 6


class Laid(NamedTuple):
    """Step 6's first piece: the garment's layer at the input resolution, ready to be blended in strips."""
    layer: Layer | None
    hem: tuple[np.ndarray, Fold | None] | None   # a top's hem: its shadow (working res) and its own fold
    strips: list[Strip]
    shadow: ShadowBoxes | None      # where the hem's shadow darkens the photo


class Composed(NamedTuple):
    """Step 6: the render."""
    image: np.ndarray              # the render, RGB uint8 at the input resolution
    alpha: np.ndarray              # 0..1 at input res: the garment and every repainted pixel
    work_alpha: np.ndarray         # the garment's alpha at working resolution
    shown_over: tuple[str, ...]    # old clothing left under the garment where limbs could not be rebuilt


def photo_reads(person: PersonAnalysis, kind: str, legs: bool) -> np.ndarray:
    """What only the photo decides that the rim and the repaints read (the shopper's skin tone; below the chin,
    what is never old cloth), then the `body_clip` of a garment of this kind (with legs of its own or not), read
    only once the garment's edge is found; once per photo: known before the garment is warped."""
    skin_tone(person)
    if kind != "lower":
        not_cloth(person)
    return kind_clip(person, kind, legs)


def _frame_reads(person: PersonAnalysis, warped: Warped, frame: Take[Frame | None]
                 ) -> tuple[np.ndarray, np.ndarray] | None:
    """What the photo decides that they read (the skin tone; below the chin, what is never old cloth), then in
    the rim's frame once `frame` is made its `frame_hued` and `frame_neck` (None without a frame)."""
    skin_tone(person)
    not_cloth(person)
    made = frame()
    return None if made is None else (frame_hued(person, warped, made), frame_neck(person, warped, made))


def show(person: PersonAnalysis, warped: Warped, plan: Plan) -> Shown:
    """Step 4: what stays in front of the garment (`in_front`), the band of old clothes its edge is carried over
    (`rim`, `rim_hips`), a top bent round the torso (`round_body`), and the garment's alpha (`_alpha`)."""
    if warped.kind != "lower":
        frame = plan("rim_frame", lambda: rim_frame(person, warped))
        reads = plan("frame_reads", lambda: _frame_reads(person, warped, frame))
    clip = plan("clip", lambda: photo_reads(person, warped.kind, warped.legs))
    bend = plan("bend", lambda: hang_round(person, (warped.alpha > 0.5) & (warped.sleeve < 0.5))
                ) if warped.kind == "upper" else None
    keep = protect_mask(person, warped)
    if warped.kind == "lower":
        edge, colour = hip_sides(person, warped, keep)
    else:
        past_arms = plan("beyond_arms", lambda: beyond_arms(person, warped, keep))
        edge, colour = framed_rim(person, warped, keep, frame(), lambda: reads()[0], lambda: reads()[1])
        edge = edge & ~past_arms()  # no old cloth shows past an arm hanging in front of the garment's side
    if bend is not None:  # worn round the torso, with the old clothes its edge covers: the hem an arc
        bent = bend()
        colours = plan("colours", lambda: bent([colour()])[0])
        a, s, e = bent([warped.alpha, warped.sleeve, edge.astype(np.float32)])
        warped, edge = replace(warped, alpha=a, sleeve=s), e > 0.5
    else:
        colours = plan("colours", colour)
    alpha = _alpha(person, warped, keep, edge, clip, plan)
    if warped.kind != "lower":  # the grain of skin painted over old cloth (once per photo), for step 5
        plan("skin_grain", lambda: grain_strength(person))
    return Shown(warped, keep, edge, alpha, colours)


def _alpha(person: PersonAnalysis, warped: Warped, keep: np.ndarray, edge: np.ndarray, clip: Take[np.ndarray],
           plan: Plan) -> np.ndarray:
    """The garment's alpha (working res): the warp's on the body (`clip`) and over the rim, less what stays in
    front (arms it leaves bare in front join `keep`, which is final after), the slit beside an arm shut, islands on
    skin and specks cut off, its outline redrawn and feathered at hands and face."""
    alpha = np.zeros(keep.shape, np.float32)
    shows = (warped.alpha > 0.02) | edge
    if not shows.any():
        return alpha
    # made round the garment alone, as far as the blurs reach: the same there as the whole frame's
    box = around(shows, SOFT_REACH)
    room = person.mask[box] <= 0.5
    sw = person.shoulder_width
    near = plan("room_nearness", lambda: room_nearness(room, warped.sleeve[box] > 0.5, sw))
    alpha[box] = np.maximum(warped.alpha[box] * clip()[box], edge[box])
    alpha[keep] = 0.0
    front = bared_arms_in_front(person, warped, alpha)
    if front is not None:
        keep |= front
        alpha[front] = 0.0
    soft = plan("soft_edge", lambda: cv2.GaussianBlur((~keep[box]).astype(np.float32), (0, 0), SOFT_EDGE))
    if warped.kind != "lower":  # the slit of room between the side and an arm hanging against it
        shut = slits(alpha[box], warped.alpha[box], keep[box], person.mask[box] > 0.5, sw)
        alpha[box][shut] = warped.alpha[box][shut]
    bare = person.skin[box] | room
    alpha[box][islands_on_skin(alpha[box] > 0.5, bare)] = 0.0
    alpha[box][islands_on_skin(alpha[box] > 0.02, bare)] = 0.0  # and the soft edge left round them
    gone = specks(alpha[box] > 0.5, keep[box], person.body[box], sw)
    a = redrawn(np.where(gone, 0.0, alpha[box]), near(), sw)
    # rounded where a sleeve faces the room, a strip joined on by a pixel's neck (a tie by an arm) parts from it
    a[specks(a > 0.5, keep[box], person.body[box], sw)] = 0.0
    alpha[box] = np.minimum(a, soft())
    return alpha


def repaint(original: np.ndarray, person: PersonAnalysis, shown: Shown, plan: Plan) -> Repainted:
    """Step 5: the old clothes the garment leaves showing, repainted: bottoms and dresses' (`uncover`), bare
    limbs under shorter sleeves and legs (`uncover_limbs`), an old collar as skin (`uncover_neck`; not under outerwear,
    whose opening shows the top worn under it: `opening`), an old top
    below a shorter one (`uncover_torso`), or its band as the trousers carried up (`lower_carried_up`), and the old
    top's soft outline past the garment found (`old_outline`)."""
    warped, alpha = shown.warped, shown.alpha
    out = original.copy()
    full_alpha = np.zeros(out.shape[:2], np.float32)
    limbs = uncover_limbs.plan(person, warped, alpha)
    # in this order, each painting over what the one before left in `out`; outerwear is worn over the shopper's
    # top, which shows in its opening, and so is a top shown over the old top's sleeves (`old_top_kept`): no old
    # collar is painted away under either
    uncovered = remove_uncovered(out, person, warped, alpha, limbs.gone("legs"))
    rebuilt = uncover_limbs.rebuild(out, person, limbs, alpha)
    collar = None if warped.outer or limbs.old_top_kept(person, warped) else bare_collar(out, person, warped, alpha,
                                                                                          limbs.gone("arms"))
    for done in (uncovered, rebuilt, collar):
        _mark(full_alpha, done)
    # the fringe reads the photo in the painted collar's box alone, copied before the old hem is painted (and
    # is found again should the hem paint there)
    collar_seen = out[collar.box].copy() if collar is not None else None
    old_hem = plan("old_hem", lambda: remove_old_hem(out, person, warped, alpha))

    # the old sleeves' edges the rebuilt arms repainted from the room are not filled again from the photo, where
    # the sleeve's dark cloth beside them drew a grey ghost of it
    limbs_painted = _at_work(rebuilt, out.shape[:2], alpha.shape)

    def fringe_by(seen: np.ndarray | None) -> np.ndarray:   # the old top's soft outline past the garment's edge
        painted = painted_skin(collar, person, original, seen, alpha.shape)
        return fringe(person, alpha >= 0.5, painted, shown.keep) & ~limbs_painted

    region = fringe_by(collar_seen) if warped.kind != "lower" else None
    hem = old_hem()
    _mark(full_alpha, hem)
    if hem is not None and collar is not None and not apart(collar.box, [hem.box]):
        region = fringe_by(out[collar.box])
    covered = _covered(alpha, full_alpha)
    below = old_top_below(person, warped, alpha, covered, shown.keep)
    carried = None if below is None else carry_lower_up(out, person, below.top, below.rows, alpha, shown.keep,
                                                         covered & (alpha < 0.5))
    if carried is not None:   # the band is painted: none of the old top is left below the hem
        _mark(full_alpha, carried)
        covered, below = _covered(alpha, full_alpha), None
    own_top = own_top_shows(person, warped, covered, shown.keep) or own_top_below(person, below)
    over = tuple(dict.fromkeys(limbs.still_shown(person, covered) + (("top",) if own_top else ())))
    return Repainted(out, full_alpha, over, region)


def _covered(alpha: np.ndarray, full_alpha: np.ndarray) -> np.ndarray:
    """Where the garment (working res) or a repaint (`full_alpha`, input res) covers most of a working-res pixel."""
    h, w = alpha.shape
    return (alpha >= 0.5) | (cv2.resize(full_alpha, (w, h), interpolation=cv2.INTER_AREA) > 0.5)


def _at_work(done: Repaint | None, shape: tuple[int, int], work_shape: tuple[int, int]) -> np.ndarray:
    """Where a repaint (input res, `shape`) covers most of a working-res pixel, as a mask of `work_shape`."""
    if done is None:
        return np.zeros(work_shape, bool)
    painted = np.zeros(shape, np.float32)
    _mark(painted, done)
    return cv2.resize(painted, work_shape[::-1], interpolation=cv2.INTER_AREA) > 0.5


def _mark(full_alpha: np.ndarray, done: Repaint | None) -> None:
    """A repaint's alpha marked in the render's (input res), where it is more."""
    if done is not None:
        np.maximum(full_alpha[done.box], done.alpha, out=full_alpha[done.box])


def lay_out(original: np.ndarray, person: PersonAnalysis, shown: Shown) -> Laid:
    """Step 6's first piece: the garment's layer at the input resolution in the photo's light (a top's light
    turned with the torso and folded at its hem), the strips it is blended in and where its hem's shadow falls.
    It reads only what step 4 made, the garment and the photo: nothing step 5 writes."""
    warped, alpha, edge = shown.warped, shown.alpha, shown.edge
    hem = _hem_light(person, alpha, shown.keep) if warped.kind == "upper" else None

    def shade(crop: tuple[slice, slice]) -> np.ndarray:
        # only the old clothes carry folds to copy: not the room beside the body, not bare arms
        light = shading(person.image, ((warped.alpha > 0.5) | edge) & person.body & ~person.skin, crop)
        if warped.kind == "upper":  # a top is worn round the torso: its light turns with it, its hem folds
            light *= turn_shade(((warped.alpha > 0.5) & (warped.sleeve < 0.5)) | edge, person.shoulder_width)[crop]
            if hem is not None and hem[1] is not None:  # the fold, 1 outside its box
                part, fold = hem[1]
                light[within(part, crop)] *= fold[within(crop, part)]
        return light

    own = (warped.alpha >= 0.5) | edge  # where the colour is the garment's
    layer = at_input(original.shape[:2], alpha, shown.colours(), own, shade)
    return Laid(layer, hem, strips_of(layer) if layer is not None else [],
                _shadow_boxes(hem[0], original.shape[:2], alpha.shape) if hem is not None else None)


def composite(person: PersonAnalysis, shown: Shown, repainted: Repainted, laid: Take[Laid], plan: Plan) -> Composed:
    """Step 6: the old top's fringe filled from the room, a top's hem's shadow cast, and the garment's layer
    blended in, each over what the one before left where they meet (elsewhere in any order: the layer's strips
    apart from the others are blended while the fringe is filled)."""
    out, full_alpha, region = repainted.image, repainted.alpha, repainted.fringe
    H, W = out.shape[:2]
    filling = plan("fringe_fill", lambda: fringe_fill(person, region)) if region is not None and region.any() else None
    pieces = fringe_pieces(region) if filling is not None else []
    busy = [pasted_box(piece, (H, W), shown.alpha.shape) for piece in pieces]
    layer, hem, strips, shadow = laid()
    if shadow is not None and apart(shadow[1], busy):
        _shadow_under_hem(out, full_alpha, hem[0], shadow)
        shadow = None
    elif shadow is not None:
        busy.append(shadow[1])
    now, later = split(strips, busy)
    blend(out, full_alpha, layer, now)
    for done in remove_fringe(out, region, pieces, filling) if filling is not None else []:
        _mark(full_alpha, done)
    if shadow is not None:
        _shadow_under_hem(out, full_alpha, hem[0], shadow)
    blend(out, full_alpha, layer, later)
    return Composed(out, full_alpha, shown.alpha, repainted.shown_over)


def compose(original: np.ndarray, person: PersonAnalysis, warped: Warped, plan: Plan | None = None,
            on_step: OnStep | None = None) -> Composed:
    """Steps 4 to 6 of the render (`engine.render_on`): the rendered photo, its alpha, the garment's working-res
    alpha and what it is shown over. `plan`: the render's (`threading_plan`); `on_step`: told each step's result."""
    plan = plan or Plan()
    seen = on_step or unseen
    shown = show(person, warped, plan)                           # 4. what of the garment shows
    seen(4, shown)
    laid = plan("layer", lambda: lay_out(original, person, shown))
    repainted = repaint(original, person, shown, plan)           # 5. the old clothes repainted
    seen(5, repainted)
    composed = composite(person, shown, repainted, laid, plan)   # 6. the garment laid in
    seen(6, composed)
    return composed
