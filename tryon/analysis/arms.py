"""The arms as the warp needs them: joints that a sleeve can follow, whether a sleeve runs past
the elbow, and where the arm's outline is.

The pose's elbow and wrist can be missing or point into the torso; the person mask cannot tell an
arm from the torso it hangs against, but the arm's outer outline is always against what is behind.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.boxes import around
from tryon.analysis.person import (L_ELBOW, L_INDEX, L_PINKY, L_SHOULDER, L_WRIST, R_ELBOW, R_INDEX, R_PINKY, R_SHOULDER,
                          R_WRIST, PersonAnalysis)
from tryon.shared.pixels import set_pixels

ARM_HALF = 0.14       # an upper arm's half-width as a share of shoulder width
ARM_HALF_RANGE = (0.08, 0.26)  # the half-width of an arm at a cuff, as a share of shoulder width, lies in here
MAX_BEND = 150.0      # degrees an elbow may bend (between upper arm and forearm) and be believed
ELBOW_REACH = 1.2     # a sleeve longer than this many upper-arm lengths runs on past the elbow
FOREARM_HALF = 0.11   # a forearm's half-width (hand included) as a share of shoulder width
HAND_PAST_WRIST = 0.45  # the hand ends this share of the forearm's length past the wrist joint
ARM_SAMPLES = 8       # points down each part of an arm where its outer outline is looked for
ALONG_PART = np.linspace(0.0, 1.0, ARM_SAMPLES)[:, None]  # where those points lie, as shares of the part's length
UPPER_ARM_FROM = 0.5  # share of the way from shoulder to elbow where the arm leaves the side of a top
MIN_VISIBILITY = 0.3        # pose visibility under which neither elbow nor wrist is believed
# each wrist's knuckle landmarks (index and little finger): the way the hand points from the wrist
HAND_POINTS = {L_WRIST: (L_INDEX, L_PINKY), R_WRIST: (R_INDEX, R_PINKY)}
SLEEVE_HEM_PCT = 2.0  # percentile of a sleeve's depth down its arm left out of its hem (stray pixels)
# a sleeve warped along the arm that ends past this share of the forearm is a long one, whatever the
# product's cuff was read as: the whole arm is in it (the body's map carries a balloon or ruffled
# cuff on past the sleeve's own layer, and a forearm kept in front there cut the cuff off); one ending
# above it is a half or three-quarter sleeve, the forearm below it in front of the top's body
LONG_CUFF_FROM = 0.5
# share of shoulder width: a bare arm's skin ends this far or more inside the body's outline only where the arm
# lies over something else (a hand hanging in front of jeans); nearer, the gap is the outline's soft edge,
# mixed with the room, which the skin test fails (as in_front's ARM_OUTLINE)
OVER_GAP = 0.04
# a real arm (or hand) is at most this many times its band's width across (limbs reads it of slim arms too,
# for where arms can be at all): the band is let out on its inner side to where a bare arm's skin ends within
# that, never where the skin runs on past it (a bare midriff, a top of the skin's colour). A curled hand seen
# side on is wider than the forearm's band, and the new top covered the side of it towards the body
ARM_MOST = 1.3
# px (working res): the band let out stops this short of where the skin ends. The garment's edge at a hand is
# feathered (compose's SOFT_EDGE, 0.9 px, reaching about two): feathered over the old top beside the arm
# rather than the arm's own skin, it showed as a pale or dark line along the arm
FEATHER_PX = 2


def arm_joints(person: PersonAnalysis, shoulder: np.ndarray, elbow_i: int, wrist_i: int, down: np.ndarray,
               outward: np.ndarray, sw: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shoulder, elbow, wrist; unreliable joints fall back to an arm hanging slightly outward, the
    upper arm never points into the torso (that would fold the sleeve over the body), and a wrist
    read folded back along the upper arm (a hand the pose model placed on the sleeve of a bulky
    jacket) is taken as unseen: no sleeve can follow that fold."""
    min_out = np.deg2rad(10.0)
    upper = 0.95 * sw
    el, wr = person.point(elbow_i), person.point(wrist_i)
    ve, vw = person.landmarks[elbow_i, 2], person.landmarks[wrist_i, 2]
    def clamp(v: np.ndarray) -> np.ndarray:
        n = float(np.linalg.norm(v))
        d = v / max(n, 1e-6)
        cos_d, sin_o = float(np.dot(d, down)), float(np.dot(d, outward))
        ang = np.arctan2(sin_o, cos_d)
        ang = float(np.clip(ang, min_out, np.deg2rad(80)))
        return (down * np.cos(ang) + outward * np.sin(ang)) * n
    if ve < 0.5:
        el = shoulder + clamp(down * upper + outward * 0.2 * upper)
    else:
        el = shoulder + clamp(el - shoulder)
    d = (el - shoulder) / max(1e-6, float(np.linalg.norm(el - shoulder)))
    fore = (wr - el) / max(1e-6, float(np.linalg.norm(wr - el)))
    if vw < 0.5 or float(np.dot(d, fore)) < np.cos(np.deg2rad(MAX_BEND)):
        wr = el + d * 0.85 * upper
    return shoulder, el, wr


def reaches_elbow(g: dict[str, np.ndarray], side: str, sv: float, arm: tuple[np.ndarray, ...],
                  seam: np.ndarray) -> bool:
    """Whether a sleeve, scaled to this body, runs on past the elbow."""
    glen = float(np.linalg.norm(g[f"cuff_{side}"] - g[f"shoulder_{side}"]))
    return glen * sv > ELBOW_REACH * float(np.linalg.norm(arm[1] - seam))


def inside_arm(arm: tuple[np.ndarray, np.ndarray, np.ndarray], centre: np.ndarray, outward: np.ndarray,
               sw: float) -> float:
    """How far out from the body's centre line the upper arm's inner edge is, at the height of
    `centre`: an arm hanging against the body lies over the torso's side, and a sleeve must lie on
    that arm, not be pushed off it beside a torso drawn as wide as body and arm together."""
    shoulder, elbow, _ = arm
    span = float(elbow[1] - shoulder[1])
    f = float(np.clip((centre[1] - shoulder[1]) / span, 0.0, 1.0)) if abs(span) > 1e-6 else 0.0
    on_arm = shoulder + (elbow - shoulder) * f
    return float(np.dot(on_arm - centre, outward)) - ARM_HALF * sw


def _on_body(mask: np.ndarray, start: np.ndarray, direction: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Whether each point `start + direction * r` is on the body (off the frame is off it); for many
    starts (`start` of shape (n, 2)), a row of them per start, along one `direction` or one each ((n, 2))."""
    h, w = mask.shape
    x, y = start[..., 0, None] + direction[..., 0, None] * r, start[..., 1, None] + direction[..., 1, None] * r
    inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
    # every point looked up at a pixel of the frame (a point inside it at its own: clipping moves none of
    # those), then those off the frame dropped; one flat look-up, not four gathers of the points inside
    with np.errstate(invalid="ignore"):  # a point at no number (NaN) is off the frame too
        at = np.clip(y, 0, h - 1).astype(np.intp) * w + np.clip(x, 0, w - 1).astype(np.intp)
    on = (np.take(mask, at, mode="clip") > 0.5) & inside
    return on.reshape(r.shape) if start.ndim == 1 else on


def outline_reach(mask: np.ndarray, start: np.ndarray, outward: np.ndarray, limit: float) -> float | None:
    """How far from `start` along `outward` the body's outer outline is: the last step off the body
    past which it stays off within `limit` (looked for from half that inward, as the arm's line from
    the pose may run beside the arm). None when the body goes on past the limit (the arm lies over
    something) or is not met at all."""
    reach = outline_reaches(mask, start[None], outward, limit)[0]
    return None if np.isnan(reach) else float(reach)


def outline_reaches(mask: np.ndarray, starts: np.ndarray, outward: np.ndarray, limit: float) -> np.ndarray:
    """`outline_reach` from each of `starts` (n, 2) along `outward` (one direction, or one each), NaN where
    it is None: an arm's lines sampled all at once."""
    r = np.arange(-0.5 * limit, limit, 1.0)
    on = _on_body(mask, starts, outward, r)
    last = r.size - 1 - np.argmax(on[:, ::-1], axis=1)
    met = on.any(axis=1) & ~on[:, -1]
    return np.where(met, r[last] + 1.0, np.nan)


def skin_reaches(skin: np.ndarray, starts: np.ndarray, outward: np.ndarray, limit: float | np.ndarray,
                 gap: int) -> np.ndarray:
    """From each of `starts` (n, 2) on `skin`, how far along `outward` (one direction, or one each) its skin
    runs on: the first step off it past which `gap` px in a row are off (a crease or a highlight the skin test
    fails is narrower); NaN where the start is off skin or the skin runs on past `limit` (one for all, or one
    each: each start's steps are the first of the longest's, and its runs are those wholly within its own)."""
    limits = np.broadcast_to(np.asarray(limit, np.float64), (len(starts),))
    r = np.arange(0.0, float(limits.max()), 1.0) if len(starts) else np.zeros(0)
    if r.size <= gap:
        return np.full(len(starts), np.nan)
    on = _on_body(skin, starts, outward, r)
    off = np.concatenate([np.zeros((len(starts), 1)), np.cumsum(~on, axis=1)], axis=1)
    runs = (off[:, gap:] - off[:, :-gap]) >= gap   # the `gap` px from each step on are all off
    if np.ndim(limit):  # as many steps as arange(0, limit) makes
        runs &= np.arange(runs.shape[1]) <= (np.ceil(limits) - gap)[:, None]
    first = np.argmax(runs, axis=1)
    return np.where(on[:, 0] & runs.any(axis=1), r[first], np.nan)


def arm_width(mask: np.ndarray, outline: np.ndarray, inward: np.ndarray, limit: float) -> float | None:
    """How wide the arm is from a point on its outer outline, when a gap between it and the body
    shows its inner side within `limit`; None when it lies against the body (or the point is off it)."""
    width = arm_widths(mask, outline[None], inward[None], limit)[0]
    return None if np.isnan(width) else float(width)


def arm_widths(mask: np.ndarray, outlines: np.ndarray, inwards: np.ndarray, limit: float) -> np.ndarray:
    """`arm_width` from each of `outlines` (n, 2) along its own of `inwards` (n, 2), NaN where it is None:
    a sleeve's rows read all at once."""
    r = np.arange(1.0, limit, 1.0)
    if not r.size:
        return np.full(len(outlines), np.nan)
    on = _on_body(mask, outlines, inwards, r)
    # the first step off the body past the first on it
    past = ~on & (np.arange(r.size) >= np.argmax(on, axis=1)[:, None])
    met = on.any(axis=1) & past.any(axis=1)
    return np.where(met, r[np.argmax(past, axis=1)], np.nan)


def skin_pieces(person: PersonAnalysis) -> np.ndarray:
    """The body's skin in pieces at least 3 px tall (working res, once per photo), where an arm's skin is
    read to end: the dark line of a fold along an old top's hem passes the skin test too, and a hand's skin
    ran on along it. Not 3 px wide too: a far arm seen edge on can be narrower."""
    return person.derived("skin_pieces", lambda: cv2.morphologyEx((person.skin & person.body).astype(np.uint8),
                                                                   cv2.MORPH_OPEN, np.ones((3, 1), np.uint8)) > 0)


def arm_band(person: PersonAnalysis, start: str = "elbow", past_wrist: float = HAND_PAST_WRIST) -> np.ndarray:
    """Pixels (working res) of the band where each arm lies down to the fingertips, from `start`:
    "upper_arm" (its middle, about where a top's armpit is), "elbow" or "wrist" (the hand alone):
    what stays in front of a garment, or is kept from being painted over. The hand ends `past_wrist`
    of the forearm's length past the wrist joint.

    The band follows the pose's line, moved to lie an arm's half-width inside the arm's outer
    outline wherever that outline is against the background: the pose line can run off the arm's
    middle, and a band round it then takes in the side of the torso the arm hangs against (a pink
    shirt there passes for skin, and shows through the new garment). Where the line is on bare skin
    (as the face's skin test reads it) that ends well inside the body's outline, the arm hangs over
    something else (a hand in front of jeans) and its outline is where its skin ends: moved to the
    jeans' outline, the band left the hand's far side to the new top, which cut across it."""
    return person.derived(("arm_band", start, past_wrist), lambda: _arm_band(person, start, past_wrist))


def _arm_band(person: PersonAnalysis, start: str, past_wrist: float) -> np.ndarray:
    band = np.zeros(person.mask.shape, np.uint8)
    parts = _band_parts(person, start, past_wrist)
    if not parts:
        return band > 0
    sw = person.shoulder_width
    skin, gap = skin_pieces(person), max(2, int(round(OVER_GAP * sw)))
    # every part's line read at once (the band is drawn in 1s: in what order its parts are drawn is no matter)
    on_lines = np.concatenate([on_line for on_line, _, _ in parts])
    across = np.repeat([across for _, across, _ in parts], ARM_SAMPLES, axis=0)
    half = np.repeat([half for _, _, half in parts], ARM_SAMPLES)
    reach = outline_reaches(person.mask, on_lines, across, 2 * ARM_HALF_RANGE[1] * sw)
    # the skin's end is the arm's outline only where the skin test is this person's own (their face seen): the
    # generic test fails a far arm's shaded side, and the band moved in off it
    if person.face_box is not None:
        bare = skin_reaches(skin, on_lines, across, 2 * ARM_HALF_RANGE[1] * sw, gap)
        reach = np.where(bare < reach - gap, bare, reach)  # NaN either way compares False: the body's kept
    line = np.where(np.isnan(reach)[:, None], on_lines, on_lines + across * (reach - half)[:, None])
    pts = np.round(line).astype(np.int32).reshape(len(parts), ARM_SAMPLES, 1, 2)
    for i, (_, _, part_half) in enumerate(parts):
        cv2.polylines(band, [pts[i]], False, 1, thickness=max(3, int(round(2 * part_half))))
    _let_out(band, skin, on_lines, across, np.where(np.isnan(reach), half, reach), half, gap)
    return band > 0


def _band_parts(person: PersonAnalysis, start: str, past_wrist: float
                ) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """The parts of both arms `arm_band` draws from `start`: per part, ARM_SAMPLES points along the pose's
    line, the way across it away from the body's centre line, and the arm's half-width there."""
    sw = person.shoulder_width
    centre_x = person.centre_x
    out = []
    for sh_i, el_i, wr_i in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        if person.landmarks[wr_i, 2] < MIN_VISIBILITY and person.landmarks[el_i, 2] < MIN_VISIBILITY:
            continue
        sh, el, wr = person.point(sh_i), person.point(el_i), person.point(wr_i)
        hand = _hand_end(person, el, wr, HAND_POINTS[wr_i], past_wrist)
        parts = {"upper_arm": [(sh + (el - sh) * UPPER_ARM_FROM, el, ARM_HALF), (el, wr, FOREARM_HALF),
                               (wr, hand, FOREARM_HALF)],
                 "elbow": [(el, wr, FOREARM_HALF), (wr, hand, FOREARM_HALF)],
                 "wrist": [(wr, hand, FOREARM_HALF)]}[start]
        for a, b, half_share in parts:
            along = b - a
            across = np.array([-along[1], along[0]]) / max(float(np.linalg.norm(along)), 1e-6)
            if across[0] * (float(a[0] + b[0]) / 2 - centre_x) < 0:
                across = -across  # away from the body's centre line
            out.append((a + along * ALONG_PART, across, max(1.5, half_share * sw)))
    return out


def _let_out(band: np.ndarray, skin: np.ndarray, on_line: np.ndarray, across: np.ndarray, outer: np.ndarray,
             half: np.ndarray, gap: int) -> None:
    """Draws onto `band` what lies past its inner edge (`outer` - 2 `half` along `across` from each point
    `on_line`, `outer` its outer edge; all per point, ARM_SAMPLES points a part) where the bare skin the
    line is on ends within ARM_MOST times the band's width of its outer edge: the rest of a wide arm or
    hand, towards the body."""
    most = 2 * half * ARM_MOST - outer   # how far in from the line the widest arm reaches
    parts = (most > 0).reshape(-1, ARM_SAMPLES).any(axis=1)
    if not parts.any():
        return
    # each part's skin read as far as its widest arm reaches
    rows = np.repeat(parts, ARM_SAMPLES)
    limit = np.repeat(most.reshape(-1, ARM_SAMPLES).max(axis=1) + 1.0, ARM_SAMPLES)
    inward = np.full(len(on_line), np.nan)
    inward[rows] = skin_reaches(skin, on_line[rows], -across[rows], limit[rows], gap)
    edge = outer - 2 * half              # the band's inner edge, along `across` from the line
    ends = -np.nan_to_num(inward) + FEATHER_PX
    ends = np.where(~np.isnan(inward) & (inward <= most) & (ends < edge), ends, edge)
    for p in np.flatnonzero((ends < edge).reshape(-1, ARM_SAMPLES).any(axis=1)):
        for i in range(p * ARM_SAMPLES, (p + 1) * ARM_SAMPLES - 1):
            if ends[i] < edge[i] or ends[i + 1] < edge[i + 1]:
                quad = [on_line[i] + across[i] * edge[i], on_line[i + 1] + across[i + 1] * edge[i + 1],
                        on_line[i + 1] + across[i + 1] * ends[i + 1], on_line[i] + across[i] * ends[i]]
                cv2.fillConvexPoly(band, np.round(quad).astype(np.int32), 1)


def _hand_end(person: PersonAnalysis, elbow: np.ndarray, wrist: np.ndarray, knuckles: tuple[int, int],
              past_wrist: float) -> np.ndarray:
    """Where the hand ends: `past_wrist` of the forearm's length from the wrist, towards the hand's own
    knuckle landmarks (index and little finger) where the pose saw them, else on along the forearm. A
    hand on the hip bends in from its forearm: carried on along the forearm, its band missed the
    fingers spread over the waist, and the new top covered them to a stub."""
    forearm = wrist - elbow
    seen = [person.point(i) for i in knuckles if person.landmarks[i, 2] >= MIN_VISIBILITY]
    towards = np.mean(seen, axis=0) - wrist if seen else forearm
    norm = float(np.linalg.norm(towards))
    if norm < 1e-6:
        towards, norm = forearm, float(np.linalg.norm(forearm))
    return wrist + towards / max(norm, 1e-6) * float(np.linalg.norm(forearm)) * past_wrist


def under_sleeves(person: PersonAnalysis, sleeve: np.ndarray, long: bool = False) -> np.ndarray:
    """Pixels (working res) of each arm's band that lie above the hem of the sleeve on it (`sleeve` the
    warped sleeves' pixels; `long`: sleeves warped along the whole arm): a sleeve wraps its arm down to
    its hem, so no part of the arm is in front of the garment there. A puff sleeve warped a little off
    the arm left the arm's inner side kept in front, a strip of skin between sleeve and bodice."""
    band = arm_band(person, "upper_arm")
    out = np.zeros_like(band)
    if band.any():
        box = around(band, 0)
        out[box] = band[box] & above_hems(person, sleeve, box, long)
    return out


def above_hems(person: PersonAnalysis, sleeve: np.ndarray, box: tuple[slice, slice] | None = None,
               long: bool = False) -> np.ndarray:
    """Pixels (working res) on each sleeved arm's side of the body that lie no farther down its arm
    than the hem of the sleeve on it (`sleeve` the warped sleeves' pixels, all of them read), in `box`
    of the frame (all of it when None). A short sleeve's hem is looked for down the upper arm; a `long`
    one's on down the forearm, as far as it was drawn: a half sleeve warped as long ends by the elbow,
    and the forearm below it hangs in front of the top's body (`LONG_CUFF_FROM`)."""
    h, w = sleeve.shape
    box = box or (slice(0, h), slice(0, w))
    out = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), bool)
    if not sleeve.any():
        return out
    # listed inside the box round them (a frame's worth of pixels cost more to list), in the frame's order
    held = around(sleeve, 0)
    sy, sx = set_pixels(sleeve[held])
    sy, sx = (sy + held[0].start).astype(np.float64), (sx + held[1].start).astype(np.float64)
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float64)[:, None]
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float64)[None, :]
    centre_x = person.centre_x
    for sh_i, el_i, wr_i in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        sh, el = person.point(sh_i), person.point(el_i)
        on = (sx - centre_x) * (sh[0] - centre_x) > 0
        if not on.any():
            continue
        upper = max(float(np.linalg.norm(el - sh)), 1e-6)
        axis = (el - sh) / upper
        fore = person.point(wr_i) - el
        forearm = max(float(np.linalg.norm(fore)), 1e-6)
        fore = fore / forearm

        def depth(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            """How far down the arm: along the upper arm, and for a `long` sleeve on down the forearm."""
            d = (x - sh[0]) * axis[0] + (y - sh[1]) * axis[1]
            return np.where(d <= upper, d, upper + (x - el[0]) * fore[0] + (y - el[1]) * fore[1]) if long else d

        drawn = depth(sx[on], sy[on])
        if long:  # warped along the arm as one piece, a sleeve's cuff is its farthest pixel
            hem = float(drawn.max())
            if hem > upper + LONG_CUFF_FROM * forearm:  # a long sleeve: the whole arm is in it
                hem = np.inf
        else:  # a sleeve not warped along the arm ends by the elbow: past it, what the body's map carried
            # there is no sleeve round the forearm, and a hand on the hip stays in front
            hem = min(float(np.percentile(drawn, 100 - SLEEVE_HEM_PCT)), upper)
        side = (xs - centre_x) * (sh[0] - centre_x) > 0
        if np.isinf(hem):
            out |= side
            continue
        # the arm's side of the centre line is a run of columns: its depths are worked out there alone
        cols = np.flatnonzero(side[0])
        if cols.size:
            run = slice(int(cols[0]), int(cols[-1]) + 1)
            out[:, run] |= depth(xs[:, run], ys) <= hem
    return out
