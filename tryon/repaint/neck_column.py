"""The neck's own outline between the chin and the shoulders, for `uncover_neck` to paint skin inside.

Above the shoulders the body is the neck: its sides are the bare neck's outline, nearly upright, and
the shoulders begin where the body's outline turns out towards the arms. Old cloth in those rows past
the neck's bare skin, out to the room (a halter strap standing off the side of the neck), has the room
behind it, not skin: painted as skin it widened the neck by a block cut off square at the chin's row, a
step under the jaw. And what there is nearer the skin's colour than the old cloth's is the neck in
shadow (under a tilted jaw), not cloth: painted, its skin met the real jaw above the chin's row along
that straight line. Past the bare neck, what is not of the old cloth's colour (hair hanging behind the
neck that the hair test missed) is left as it is too.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import maximum_filter1d, minimum_filter1d

from tryon.shared.boxes import around
from tryon.shared.medians import masked_median
from tryon.repaint.old_collar import head_rows, not_cloth
from tryon.analysis.old_colours import OLD_NEAR
from tryon.analysis.person import L_SHOULDER, R_SHOULDER, PersonAnalysis
from tryon.shared.pixels import under
from tryon.analysis.skin import LAB_SCALE, MIN_SKIN_SAMPLE, lab_distances

# rows (share of shoulder width) over which the body's outline is followed to tell the neck's side from
# the shoulder's top: a few px, so one stray pixel of the outline does not end the neck
STEP = 0.03
# px the outline may move outwards per row down and still be the neck's side: a neck flares into the
# trapezius at up to about 45 degrees from upright; a shoulder's top runs within about 30 degrees of level
# (two px or more a row)
NECK_FLARE = 1.5
# share of shoulder width a run of rows with old cloth beside the bare neck must span to be something
# standing off the neck (a strap running up it); a shorter one is the old top's corner where the
# shoulder begins, its outline read a few rows late, and filled with the room it drew a notch there
NECK_STRAP = 0.1
# share of shoulder width below the neck's rows over which the old top's colour is read on the chest when little
# of it is left showing (`_worn_below`)
CHEST_ROWS = 0.4


def outline(person: PersonAnalysis, y0: int, y1: int, cx: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row from y0 to y1, the body's outermost column on the image's left and right of the body's
    run through column `cx` (that column itself off the body: -1 and the width). Hair hanging beside the
    neck is not the body: its outline ran on down past the shoulder's top, which was taken for neck."""
    rows = (person.mask[y0:y1] > 0.5) & ~not_cloth(person)[y0:y1]
    w = rows.shape[1]
    leftward, rightward = rows[:, cx::-1], rows[:, cx:]
    left = np.where(leftward.all(axis=1), 0, cx - np.argmin(leftward, axis=1) + 1)
    right = np.where(rightward.all(axis=1), w - 1, cx + np.argmin(rightward, axis=1) - 1)
    on = rows[:, cx]
    return np.where(on, left, -1), np.where(on, right, w)


def _neck_end(out: np.ndarray, step: int) -> int:
    """The number of rows down `out` (a side's outline, how far out it lies: larger is farther) before
    it first moves out faster than NECK_FLARE px a row over `step` rows: where the shoulder begins."""
    if len(out) <= step:
        return len(out)
    flare = (out[step:] - out[:-step]) > NECK_FLARE * step
    return int(np.argmax(flare)) if flare.any() else len(out)


def _long_runs(rows: np.ndarray, least: float) -> np.ndarray:
    """The rows in runs of consecutive True `rows` at least `least` long."""
    padded = np.concatenate([[0], rows.astype(np.int8), [0]])
    starts, stops = np.flatnonzero(np.diff(padded) == 1), np.flatnonzero(np.diff(padded) == -1)
    out = np.zeros(len(rows), bool)
    for a, b in zip(starts, stops):
        out[a:b] = (b - a) >= least
    return out


def _neck_rows(person: PersonAnalysis) -> tuple[int, int, np.ndarray, np.ndarray] | None:
    """The chin's row, the column between the shoulder joints, and each side's `outline` from the chin down to
    the shoulders' line; None where the chin or the shoulders are not known. Made once per photo: the neck's
    outline and the old collar's neck sides both read it."""
    def make() -> tuple[int, int, np.ndarray, np.ndarray] | None:
        h, w = person.mask.shape
        chin = int(head_rows(person)[:, 0].sum())
        ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
        y1 = int(min(h, max(ls[1], rs[1])))
        cx = int(np.clip(round((ls[0] + rs[0]) / 2), 0, w - 1))
        if chin == 0 or y1 <= chin:
            return None
        return (chin, cx, *outline(person, chin, y1, cx))
    return person.derived("neck_rows", make)


def _worn_below(person: PersonAnalysis, top: int, cx: int) -> np.ndarray:
    """From row `top` down, the old top as the photo shows it across the chest (CHEST_ROWS below the neck, between
    the shoulder joints, under the new garment too): where a new top covers all but a shadow under the jaw, that
    shadow alone was the old cloth's colour, and nothing nearer the skin was told from it."""
    out = np.zeros((person.mask.shape[0] - top, person.mask.shape[1]), bool)
    half = int(round(abs(float(person.point(L_SHOULDER)[0] - person.point(R_SHOULDER)[0])) / 2))
    rows, cols = slice(0, int(round(CHEST_ROWS * person.shoulder_width))), slice(max(0, cx - half), cx + half + 1)
    out[rows, cols] = (person.body & ~person.skin)[top:][rows, cols]
    return out


def neck_outline(person: PersonAnalysis) -> np.ndarray:
    """The neck's sides as (x, y) points (working res): the body's outline on each side from the chin down
    to where that side's shoulder begins (`_neck_end`); the chin row's alone where the outline turns out at
    once, none where the chin or the shoulders are not known."""
    rows = _neck_rows(person)
    if rows is None:
        return np.zeros((0, 2), np.float64)
    w = person.mask.shape[1]
    chin, _, left, right = rows
    step = max(2, int(round(STEP * person.shoulder_width)))
    points = []
    for side, end in ((left, _neck_end(-left, step)), (right, _neck_end(right, step))):
        rows = np.arange(max(1, end))
        on = (side[rows] >= 0) & (side[rows] < w)
        points.append(np.stack([side[rows][on], chin + rows[on]], 1))
    return np.concatenate(points).astype(np.float64)


def neck_sides(person: PersonAnalysis, old: np.ndarray, cloth: np.ndarray, tone: np.ndarray,
               scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two masks (working res) in the neck's rows, each side's own (down to where its shoulder begins):
    the `old` pixels to be left as they are: nearer the skin's `tone` than the old `cloth`'s colour (Lab,
    distances weighted by `scale` times LAB_SCALE) and darker than it, the neck in shadow, or past the bare
    neck and not of the cloth's colour (OLD_NEAR); and the pixels past the neck's bare skin on each side,
    along a strap's length (NECK_STRAP): the room is behind them. Both empty where the chin or the
    shoulders are not known."""
    h, w = old.shape
    kept, beside = np.zeros((h, w), bool), np.zeros((h, w), bool)
    rows = _neck_rows(person)
    if rows is None:
        return kept, beside
    chin, cx, left, right = rows
    sw = person.shoulder_width
    step = max(2, int(round(STEP * sw)))
    ends = (_neck_end(-left, step), _neck_end(right, step))
    # the old cloth's colour read below the neck's rows when enough of it is there: a neck's shade joined to
    # a thin collar outweighed the collar, and as the cloth's colour nothing was told from it
    top = chin + max(ends)
    below = old[top:]  # the rows below the neck's, read in place
    if np.count_nonzero(below) < MIN_SKIN_SAMPLE:
        below = _worn_below(person, top, cx)
    if np.count_nonzero(below) >= MIN_SKIN_SAMPLE:
        crop = around(below, 0)
        cloth = masked_median(person.lab[top:][crop], below[crop])
    for side, end in enumerate(ends):
        if end == 0:
            continue
        rows = slice(chin, chin + end)
        box = (rows, slice(0, cx) if side == 0 else slice(cx + 1, w))  # this side's half of the rows
        n = box[1].stop - box[1].start
        if n <= 0:
            continue
        bare = person.skin[box] & (person.mask[box] > 0.5)
        seen = bare.any(axis=1)
        # the bare neck's outermost column in each row, on this side, the outermost within `step` rows: a band
        # of shadow under the jaw crosses the neck, and its rows' skin began far in (the room was filled in there)
        if side == 0:
            edge = minimum_filter1d(np.where(seen, np.argmax(bare, axis=1), n), 2 * step + 1, mode="nearest")
        else:
            edge = maximum_filter1d(np.where(seen, n - 1 - np.argmax(bare[:, ::-1], axis=1), -1), 2 * step + 1,
                                    mode="nearest")
        seen = (edge >= 0) & (edge < n)
        at = np.arange(n)[None, :]
        past = ((at < edge[:, None]) if side == 0 else (at > edge[:, None])) & seen[:, None]
        here = old[box]
        beside[box] = past & _long_runs((past & here).any(axis=1), NECK_STRAP * sw)[:, None]
        if here.any():
            lab = under(person.lab[box], here)
            # darker than the skin, too: the room's light grey glimpsed between hair and a shoulder is no shadow
            near = lab_distances(lab, tone, LAB_SCALE * scale) < lab_distances(lab, cloth, LAB_SCALE * scale)
            # past the bare neck, what is not of the old cloth's colour is no part of it: hair hanging behind
            # the neck that the hair test missed (a face the photo cuts off shows no hair to sample)
            foreign = past[here] & (lab_distances(lab, cloth) >= OLD_NEAR)
            kept[box][here] = (near & (lab[:, 0] < tone[0])) | foreign
    return kept, beside
