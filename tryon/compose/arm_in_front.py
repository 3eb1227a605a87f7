"""Which pixels of an arm's band stay in front of the garment as the arm: not the old top it hangs
against, and not what juts off its own line.

An arm kept in front of a garment runs along its own line: what juts sideways off it for only a
short way is the torso beside it, not the arm.

The arm kept in front is its band less what looks like the old top, and the skin test passes some of
that top (a white tank's side in warm light) or bare skin that is not the arm (a midriff beside a
hanging arm): those pieces stayed in front of the new garment as jagged notches of old cloth or skin
cut into its side. Opened with a line along each part of the arm (upper arm, forearm), only what runs
a while along that part stays, and thin slivers off its edge (its own outline's curves); the hand,
whose fingers may spread any way, is kept as it is.

Which pixels of an arm's band are the arm, not the old top it hangs against.

The band round the pose's arm line is an arm's width whatever the photo shows: on a body turned a
little, the far arm is seen narrower, and the band takes in the side of the old top; where that top is
skin-coloured (no face to narrow the skin test to this person) it stays in front of the new garment.
Row by row, the arm is what looks like the band's outer rim (against the background: surely arm, bare
or sleeved), read just past the blur's reach of the background (a white room blurred into the outline
made the arm's colour lighter than the arm, and its shaded inner side went behind the new garment as
the old top's), and the old top what looks like the body just inside the band's inner edge. A band pixel
near the inside's colour and nearer it than the rim's is the old top, unless the skin test, narrowed to
this person's face, calls it skin (a forearm in shade against a beige top is still arm). What the skin
test passes is the old top only by its hue: a pale or pink top's shaded side passes that test, but beside
the arm its hue is the top's (the inside's, where that is the chest's) and not the arm's own.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.analysis.old_colours import CHROMA, HUE_APART, chest_colour
from tryon.analysis.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST, PersonAnalysis
from tryon.analysis.skin import LAB_SCALE, lab_distances
from tryon.shared.boxes import around, within
from tryon.shared.morph import dilate, erode
from tryon.shared.pixels import last_in_rows, set_pixels
from tryon.shared.touching import pieces_touching
from tryon.shared.components import components_with_stats

# share of shoulder width: a piece of the kept arm shorter than this along the arm's line is not arm.
# A forearm is about 0.8 shoulder widths long and an upper arm as long, so the arm itself holds the
# line everywhere; a bare midriff beside a hanging arm is about a fifth of a shoulder width high
ALONG = 0.25
# share of shoulder width: what juts off the arm no thicker than this is the arm's own outline (the
# round of an elbow, a bicep), which the line along the arm's part shaves off; a midriff or the old
# top beside the arm juts out a good deal thicker
SLIVER = 0.01


def _line(direction: np.ndarray, length: int) -> np.ndarray:
    """A structuring element: a line `length` px long along `direction`, centred."""
    k = np.zeros((length, length), np.uint8)
    c = (length - 1) / 2
    d = direction / max(float(np.linalg.norm(direction)), 1e-6) * c
    cv2.line(k, (int(round(c - d[0])), int(round(c - d[1]))), (int(round(c + d[0])), int(round(c + d[1]))), 1)
    return k


def along_arms(person: PersonAnalysis, keep: np.ndarray) -> np.ndarray:
    """`keep` (the arms kept in front, working res) less what does not run along the arm's parts; the
    hands (`arm_band` from the wrist) as they are."""
    hands = arm_band(person, "wrist")
    rest = keep & ~hands
    if not rest.any():
        return keep
    length = max(3, int(ALONG * person.shoulder_width)) | 1
    thick = 2 * max(1, int(SLIVER * person.shoulder_width)) + 1
    centre = person.centre_x
    out = keep & hands
    # each arm's side read in the box round the rest alone: past it neither side has a pixel
    held = around(rest, 0)
    xs = np.arange(held[1].start, held[1].stop)[None, :]
    for sh_i, el_i, wr_i in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        sh, el, wr = person.point(sh_i), person.point(el_i), person.point(wr_i)
        side = rest[held] & ((xs - centre) * (sh[0] - centre) > 0)
        if not side.any():
            continue
        # each arm's own box, as wide as the line reaches (half its length): the openings' cost goes with its area
        box = _grown(around(side, 0), held, length // 2 + 1, keep.shape)
        part = np.zeros((box[0].stop - box[0].start, box[1].stop - box[1].start), np.uint8)
        part[within(held, box)] = side[within(box, held)]
        kept = np.zeros(part.shape, bool)
        for a, b in ((sh, el), (el, wr)):
            kept |= _opened(part, _line(b - a, length)) > 0
        off = (part > 0) & ~kept
        if off.any():
            core = _opened(off.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (thick, thick))) > 0
            kept |= off & ~core
        out[box] |= kept
    return out


def _opened(mask: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """`cv2.morphologyEx(mask, MORPH_OPEN, kernel)` (an erosion, then a dilation, each with its default border)
    made at a width OpenCV's vector code covers whole (`morph`): an arm's box is any width, and a line's
    opening over the pixels past its last 16 took as long again."""
    return dilate(erode(mask, kernel), kernel)


def _grown(part: tuple[slice, slice], box: tuple[slice, slice], margin: int, shape: tuple[int, int]
           ) -> tuple[slice, slice]:
    """`part` (a box inside `box`, in its coordinates) in the frame's, grown by `margin` and kept inside `shape`."""
    return tuple(slice(max(0, b.start + p.start - margin), min(n, b.start + p.stop + margin))
                 for p, b, n in zip(part, box, shape))


# px: the band's outline against the background, and the ring just past the blur's reach of the background
# inside it, whose colour is the arm's own
ARM_RIM_PX = 3
INSIDE_PX = 0.06      # share of shoulder width: the strip of body just inside the band, the old top's colour there
ROWS = 0.05           # share of shoulder width: rows either side pooled for both colours
ARM_TOP_DISTINCT_LAB = 12.0       # Lab distance under which arm and old top cannot be told apart (the row is kept whole)
# a band pixel is the old top only within this Lab distance of the inside's colour: an arm's shaded
# inner side is darker than its lit rim, but no nearer the top's colour for that
TOP_NEAR = 18.0
# a pixel of the band's inner half that the skin test passes is still the old top when its hue (a*b*: light
# and shade aside) is this many times nearer the inside's than the arm's own skin's (the band's outer half,
# off its outline), the two hues at least HUE_APART apart: a pale or pink top's shaded side passes the skin
# test, and the arm's lit side is as light as it, but its hue stays the top's
SKIN_TOP_SHARE = 0.5
# arm and old top are told apart too when the arm's colour lies this many spreads of the top's colours
# (round their mean) from the top's, as the skin test's SKIN_SIGMAS: a beige check dress of nearly a
# light arm's colour, but even once its check is blurred, has few pixels nearer the arm's colour than its own
APART_SPREADS = 3.0
SMOOTH_PX = 5         # a print's or check's fine detail averaged out before colours are compared
MIN_ROW_SAMPLE_PX = 8        # px of rim or inside needed in a row's pool to trust its colour


def arm_in_front(person: PersonAnalysis, start: str) -> np.ndarray:
    """`arm_band(person, start)` less what looks like the old top rather than the arm (once per photo)."""
    return person.derived(("arm_in_front", start), lambda: _arm_in_front(person, start))


def _row_windows(h: int, pool: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row of `h`, the first of the rows within `pool` either side, and the one past the last."""
    rows = np.arange(h)
    return np.clip(rows - pool, 0, h), np.clip(rows + pool + 1, 0, h)


def _pooled_rows(lab: np.ndarray, where: np.ndarray, windows: tuple[np.ndarray, np.ndarray]
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the mean Lab (8-bit levels, as float32 `lab`) of `where`'s pixels within its rows' `windows`
    (`_row_windows`), and how many there are. A row's sums are whole numbers below 2**24, exact in float32 in
    any order (a matrix product a row: far faster than a sum along a last axis of 3); their running sums are not."""
    lo, hi = windows
    weight = where.astype(np.float32)
    counts = np.concatenate([[0], np.cumsum(weight.sum(axis=1), dtype=np.float64)])
    row_sums = np.matmul(weight[:, None, :], lab)[:, 0, :]
    sums = np.concatenate([np.zeros((1, 3)), np.cumsum(row_sums, axis=0, dtype=np.float64)])
    n = counts[hi] - counts[lo]
    return (sums[hi] - sums[lo]) / np.maximum(n, 1)[:, None], n


def _pooled_spread(lab: np.ndarray, where: np.ndarray, windows: tuple[np.ndarray, np.ndarray],
                   mean: np.ndarray) -> np.ndarray:
    """Per row, the root mean square Lab distance (`LAB_SCALE`) of `where`'s pixels within its rows' `windows`
    from their pooled `mean` (`_pooled_rows`'), 0 where there are none."""
    h = where.shape[0]
    lo, hi = windows
    ys, xs = set_pixels(where)
    squares = ((lab[ys, xs].astype(np.float64) * LAB_SCALE) ** 2).sum(axis=1)
    counts = np.concatenate([[0.0], np.cumsum(np.bincount(ys, minlength=h))])
    sums = np.concatenate([[0.0], np.cumsum(np.bincount(ys, weights=squares, minlength=h))])
    mean_square = (sums[hi] - sums[lo]) / np.maximum(counts[hi] - counts[lo], 1)
    return np.sqrt(np.maximum(mean_square - ((mean * LAB_SCALE) ** 2).sum(axis=1), 0.0))


def _taken(planes: list[np.ndarray], at: np.ndarray) -> list[np.ndarray]:
    """The pixels `at` (flat indices into a crop's 8-bit Lab `planes`), plane by plane as float32: read once
    for every colour they are measured from (`_distances`)."""
    return [plane.take(at).astype(np.float32) for plane in planes]


def _distances(values: list[np.ndarray], rows: np.ndarray, colours: np.ndarray) -> np.ndarray:
    """At pixels of `values` (`_taken`, in rows `rows`), `lab_distances` from their row's colour in `colours`,
    in the float32 steps it takes: worked out at the pixels read alone, not over the whole crop."""
    l, a, b = ((value - colour[rows]) * scale for value, colour, scale
               in zip(values, colours.astype(np.float32).T, LAB_SCALE))
    l *= l
    a *= a
    b *= b
    return np.sqrt(l + a + b)


def _arm_in_front(person: PersonAnalysis, start: str) -> np.ndarray:
    band = arm_band(person, start)
    if not band.any():
        return band
    h, w = band.shape
    sw = person.shoulder_width
    strip, pool = max(2, int(INSIDE_PX * sw)), max(1, int(ROWS * sw))
    # every colour read below lies within `pool` rows and `strip` columns of the band: the blur and the
    # background's rim are made on that crop grown by their own reach, which gives them unchanged there
    span_y, span_x = around(band, 0)
    reach = max(SMOOTH_PX, 2 * ARM_RIM_PX + 1)
    crop = (slice(max(0, span_y.start - pool - reach), min(h, span_y.stop + pool + reach)),
            slice(max(0, span_x.start - strip - reach), min(w, span_x.stop + strip + reach)))
    oy, ox = crop[0].start, crop[1].start
    body = person.body[crop]
    lab = cv2.blur(person.lab[crop], (SMOOTH_PX, SMOOTH_PX))
    room = (~body).astype(np.uint8)
    background = cv2.dilate(room, np.ones((2 * ARM_RIM_PX + 1,) * 2, np.uint8)) > 0
    # the arm's own colour: ARM_RIM_PX in from the outline, past the blur's reach of the room
    blurred = cv2.dilate(room, np.ones((2 * (SMOOTH_PX // 2) + 1,) * 2, np.uint8)) > 0
    rim = (cv2.dilate(room, np.ones((2 * (SMOOTH_PX // 2 + ARM_RIM_PX) + 1,) * 2, np.uint8)) > 0) & ~blurred
    centre = person.centre_x - ox
    out = band.copy()
    # with a face the skin test is this person's own tone, and what it calls skin is arm
    sure_skin = person.skin[crop] if person.face_box is not None else np.zeros_like(body)
    in_band = band[crop]
    chest = chest_colour(person) if person.face_box is not None else None
    n, labels, stats, _ = components_with_stats(in_band.view(np.uint8))
    ch, cw = in_band.shape
    for i in range(1, n):
        x, y0, bw, bh, _ = stats[i]
        # the arm and the strip beside it, and the rows pooled above and below it
        r, c = slice(max(0, y0 - pool), min(ch, y0 + bh + pool)), slice(max(0, x - strip), min(cw, x + bw + strip))
        arm, on = labels[r, c] == i, body[r, c]
        rows = arm.any(axis=1)
        cols = np.arange(c.start, c.stop)
        first, last = c.start + np.argmax(arm, axis=1), c.start + last_in_rows(arm)
        mid = (first + last)[:, None] / 2
        if x + bw / 2 < centre:  # the torso is to its right
            inside = (cols > last[:, None]) & (cols <= last[:, None] + strip)
            outer = cols[None, :] < mid
        else:
            inside = (cols < first[:, None]) & (cols >= first[:, None] - strip)
            outer = cols[None, :] > mid
        inside &= rows[:, None] & on & ~in_band[r, c]
        sub = lab[r, c]
        sub_f = sub.astype(np.float32)  # read by every pool below
        windows = _row_windows(len(rows), pool)
        arm_on = arm & on
        arm_colour, n_rim = _pooled_rows(sub_f, arm_on & rim[r, c], windows)
        top, n_in = _pooled_rows(sub_f, inside, windows)
        apart = np.linalg.norm((arm_colour.astype(np.float32) - top.astype(np.float32)) * LAB_SCALE, axis=1)
        sampled, told = rows & (n_rim >= MIN_ROW_SAMPLE_PX) & (n_in >= MIN_ROW_SAMPLE_PX), apart >= ARM_TOP_DISTINCT_LAB
        if (sampled & ~told).any():  # the top's spread is read only where their distance alone tells nothing
            told |= apart >= APART_SPREADS * _pooled_spread(sub, inside, windows, top)
        judged = sampled & told
        # the band's outer outline against the room is the arm's edge, whatever the room blurred into it
        looked_at = arm_on & ~(outer & background[r, c]) & ~sure_skin[r, c] & judged[:, None]
        planes = cv2.split(sub)
        at = np.flatnonzero(looked_at)
        at_rows = at // looked_at.shape[1]
        values = _taken(planes, at)
        to_top = _distances(values, at_rows, top)
        # of those near the top's colour, the ones nearer it than the arm's (measured at those alone)
        near = np.flatnonzero(to_top < TOP_NEAR)
        at = at[near][to_top[near] < _distances([v[near] for v in values], at_rows[near], arm_colour)]
        at = np.concatenate([at, _top_passing_as_skin(sub, sub_f, planes, arm_on, sure_skin[r, c], outer,
                                                      background[r, c], inside, (top, n_in), windows, chest)])
        ys, xs = np.divmod(at, looked_at.shape[1])
        out[oy + r.start + ys, ox + c.start + xs] = False
    return out


def _top_passing_as_skin(lab: np.ndarray, lab_f: np.ndarray, planes: list[np.ndarray], arm: np.ndarray,
                         skin: np.ndarray, outer: np.ndarray, outline: np.ndarray, inside: np.ndarray,
                         pooled: tuple[np.ndarray, np.ndarray], windows: tuple[np.ndarray, np.ndarray],
                         chest: np.ndarray | None) -> np.ndarray:
    """Of an arm's band (`arm`, over a crop's `lab`, also as float32 `lab_f` and as 8-bit `planes`), the
    pixels the skin test passes (`skin`) that are the old top beside it, as flat indices into the crop: in
    the band's inner half, of the hue of what lies just `inside` rather than the arm's own skin (its `outer`
    half, off the `outline`), in pieces that reach the inside (`pooled`: the inside's colour and pixel count
    per row, as `_pooled_rows` reads them over the rows' `windows`). A pale or pink top's side passes the
    skin test, and an arm's lit side can be as light, but not of the top's hue. The inside is the top only in
    rows where its hue is the `chest`'s (the old top's): a band narrower than the arm has the arm's own far
    side for its inside."""
    none = np.zeros(0, np.int64)
    if chest is None:
        return none
    top, n_top = pooled
    told = (n_top >= MIN_ROW_SAMPLE_PX) & (np.linalg.norm((top - chest)[:, 1:], axis=1) < HUE_APART)
    if not told.any():  # the arm's own skin is pooled only where the inside can be the top
        return none
    own, n_own = _pooled_rows(lab_f, arm & outer & ~outline & skin, windows)
    told &= (n_own >= MIN_ROW_SAMPLE_PX) & (lab_distances(own, top, CHROMA) >= HUE_APART)
    # listed in those rows alone, in the crop's order
    at = np.flatnonzero(arm & skin & ~outer & told[:, None])
    py, px = np.divmod(at, arm.shape[1])
    pixels = lab[py, px]
    is_top = ((_distances(_taken(planes, at), py, top) < TOP_NEAR)
              & (lab_distances(pixels, top[py], CHROMA) < SKIN_TOP_SHARE * lab_distances(pixels, own[py], CHROMA)))
    if not is_top.any():
        return none
    found = np.zeros(arm.shape, bool)
    found[py[is_top], px[is_top]] = True
    edge = cv2.dilate(inside.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return np.flatnonzero(pieces_touching(found, edge))
