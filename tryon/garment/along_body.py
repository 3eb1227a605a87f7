"""The torso of a top whose long sleeves lie along its body in the product photo.

Laid flat with the sleeves down its sides, such a top's silhouette is one block from shoulder to
cuff: no gap under the arms, so the columns outside the torso's usual width show no sleeve. Read as
sleeveless, the sleeves were warped onto the torso as flaps beside the bodice and the arms were left
bare (a sweatshirt, a coat, a striped shirt). Each reading below finds where the torso ends on its own
evidence, and they are tried in turn (`readings`):

- the outline runs steadily outward from the shoulder corners, down the sleeves' outer edges, past
  mid-height; every sleeveless top's outline is cut in by an armhole or falls straight below it;
- the cuffs hang apart from the body below the middle: on each side a piece parted from the body's run
  through the centre, taller than wide (a hem's corner parted by a slit or a scallop is wider than tall);
  the cuffs' inner edges are the torso's sides there;
- the sleeves end above a longer body's hem (a coat): below the cuffs the outline steps in on both sides
  at one height, and what goes on down is the body alone;
- the sleeves end at the hem and their cuffs merge with it (or the cut lost them against a pale
  backdrop): the seam between sleeve and body shows as a straight shaded line down each side, a
  sleeve's width in from the outline, at mirrored distances.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

import cv2
import numpy as np

from tryon.garment.cutout import GarmentCutout
from tryon.garment.silhouette_rows import run_through, spans
from tryon.shared.components import components_with_stats

# the outline runs outward from the shoulder corners this much (share of the garment's width) down to an
# armpit's depth, and on past it to mid-height, never cut into by an armhole's notch this deep
ALONG_OUT = (0.1, 0.02)
ALONG_NOTCH = 0.02
# share of the garment's height from its top below which parted pieces are cuffs: higher up, the
# neck opening parts the shoulders and straps from the body
CUFF_FROM = 0.5
# a cuff's end above a longer body: over this share of the height the outline steps in by this share of the
# width, both sides within this share of the height of each other, and the body goes on below for this share (a
# shirt's curved tail goes on half of it below its sides' corners);
STEP_ROWS = 0.02
STEP_FROM = 0.6   # share of the height below which long sleeves end; higher, a step ends a cold shoulder's flutter
STEP_IN = 0.05
STEP_LEVEL = 0.04
STEP_BELOW = 0.1
# and the cuffs end at least this share of the width below the garment's top: sleeves hanging down its sides.
# Higher up, the step is the bottom of puffs standing out beside a bandeau (laid along the arms, they stood off
# them as wings)
STEP_DROP = 0.5
# a sleeve's seam along the body: looked for in these rows (share of the height: below the armpits, above
# ribbed cuffs and hem) and this band in from each side (share of the width); a clear valley (this many times
# the garment's own valley noise) in at least this share of its rows, straight (mean distance from its line
# this share of the width), within this angle of vertical, at least this share of the width in from the side,
# the narrower side's sleeve at least this share of the wider's
SEAM_ROWS = (0.3, 0.8)
SEAM_BAND = (0.04, 0.32)
SEAM_CLEAR = 2.0
SEAM_HOLD = 0.9
SEAM_STRAIGHT = 0.02
SEAM_TILT = 15.0
SEAM_SLEEVE = 0.08
SEAM_MATCH = 0.7
SEAM_SMOOTH = 0.006   # share of the width: shading is read smoothed this much
SEAM_SPAN = 0.015     # share of the width: a valley is darker than the shading this far either side


class Torso(NamedTuple):
    half_width: float                  # sleeves lie outside this far from the centre column
    out: float | None = None           # how far a sleeve reaches past it at least (None: keypoints' usual)
    pieces: np.ndarray | None = None   # sleeve pixels inside the torso's columns (bool, as the silhouette)
    bottom: int | None = None          # the first row below the sleeves' cuffs


def readings(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int) -> Iterator[Torso]:
    """Each reading's torso that finds one, in turn: the caller takes the first whose sleeves it then finds."""
    for read in (outline_outward, hanging_cuffs, stepped_cuffs, seam_lines):
        torso = read(cut, m, y0, H, cx)
        if torso is not None:
            yield torso


def outline_outward(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int) -> Torso | None:
    """The shoulders' half-width, where the outline runs steadily outward from the shoulder corners."""
    first, last = spans(m)
    width = float(last[y0:y0 + H].max() - first[y0:y0 + H].min() + 1)
    def at(f: float) -> int:
        return y0 + int(f * H)
    step = max(2, int(0.02 * H))
    halves = []
    for out, centre in ((-first.astype(float), -cx), (last.astype(float), cx)):  # outward, each side
        if out[at(0.24)] - out[at(0.03)] < ALONG_OUT[0] * width or out[at(0.45)] - out[at(0.24)] < ALONG_OUT[1] * width:
            return None
        prof = out[at(0.02):at(0.5) + 1]
        j = int(np.argmax(prof))
        chord = prof[0] + (prof[j] - prof[0]) * np.arange(j + 1) / max(j, 1)
        if float((chord - prof[:j + 1]).max()) > ALONG_NOTCH * width:
            return None
        # the shoulder corner: below the last stretch of the outline flatter than 45 degrees (the
        # shoulder line, or a collar's top) above the armpits' depth
        rows = np.arange(y0, at(0.24) - step)
        flat = rows[out[rows + step] - out[rows] > step]
        corner = int(flat[-1]) + step if flat.size else y0
        halves.append(out[corner] - centre)
    return Torso(float(np.mean(halves)))


def hanging_cuffs(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int) -> Torso | None:
    """The torso between both cuffs hanging apart from the body; each sleeve reaches out past it by its
    own width (which may be less than the usual reach), and its cuff is sleeve to its inner edge."""
    top = y0 + int(CUFF_FROM * H)
    rows = m[top:y0 + H]
    if not rows.size or not rows[:, cx].any():
        return None
    apart = rows & ~run_through(rows, cx) & rows[:, cx:cx + 1]  # only rows the body's centre runs through
    n, parts, stats, _ = components_with_stats(apart.astype(np.uint8), connectivity=8)
    halves, widths = [], []
    pieces = np.zeros_like(m)
    for sgn in (-1, 1):
        hung = [i for i in range(1, n)
                if (stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] / 2.0 - cx) * sgn > 0
                and stats[i, cv2.CC_STAT_HEIGHT] > stats[i, cv2.CC_STAT_WIDTH]]
        if not hung:
            return None
        piece = parts == max(hung, key=lambda i: stats[i, cv2.CC_STAT_AREA])
        pieces[top:y0 + H] |= piece
        first, last = spans(piece[piece.any(axis=1)])
        inner = last if sgn < 0 else first
        halves.append(float(np.median(np.abs(inner - cx))))
        widths.append(float(np.median(last - first + 1)))
    return Torso(float(np.mean(halves)), min(widths) / 2.0, pieces)


def stepped_cuffs(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int) -> Torso | None:
    """The body below the cuffs of sleeves ending above its hem: the outline steps in on both sides at one
    height, and each sleeve reaches out past the body by the step."""
    top = y0 + int(STEP_FROM * H)
    rows = m[top:y0 + H]
    if not rows.any(axis=1).all():
        return None
    first, last = spans(rows)  # the outline, whether a slit parts the sleeves from the body or not
    width = float(last.max() - first.min() + 1)
    k = max(2, int(STEP_ROWS * H))
    below = max(2, int(STEP_BELOW * H))
    steps, halves = [], []
    for outward, centre in ((-first.astype(float), -cx), (last.astype(float), cx)):
        inward = outward[:-k] - outward[k:]  # how far the outline comes in over the next k rows
        if inward.size <= below:
            return None
        j = int(np.argmax(inward[:inward.size - below]))
        if inward[j] < STEP_IN * width:
            return None
        steps.append((j + k, float(inward[j])))
        halves.append(float(np.median(outward[j + k:j + k + below])) - centre)
    ends = top + min(r for r, _ in steps)   # the higher cuff's end
    if abs(steps[0][0] - steps[1][0]) > STEP_LEVEL * H or ends - y0 < STEP_DROP * width:
        return None
    return Torso(float(np.mean(halves)), min(s for _, s in steps) / 2.0, bottom=ends)


def _valleys(rgb: np.ndarray, m: np.ndarray, width: float) -> np.ndarray:
    """How much darker each pixel is than the shading a little way either side of it, in units of the
    garment's own spread of that measure (a knit's texture or a print sets a high one), 0 off the garment."""
    light = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    light = cv2.GaussianBlur(light, (0, 0), max(1.0, SEAM_SMOOTH * width))
    k = max(2, int(SEAM_SPAN * width))
    depth = (np.roll(light, k, 1) + np.roll(light, -k, 1)) / 2 - light
    inner = cv2.erode(m.astype(np.uint8), np.ones((3, 2 * k + 3), np.uint8)).astype(bool)
    if not inner.any():
        return np.zeros_like(depth)
    spread = 1.4826 * float(np.median(np.abs(depth[inner]))) + 0.5  # robust sd, a floor for flat colour
    return np.where(inner, depth / spread, 0.0)


def _darkest_path(cost: np.ndarray) -> np.ndarray:
    """Per row, the column of the top-to-bottom path through `cost` with the greatest sum, moving at most
    one column a row."""
    n, w = cost.shape
    acc, back = cost[0].copy(), np.zeros((n, w), int)
    for i in range(1, n):
        moves = np.stack([np.r_[-np.inf, acc[:-1]], acc, np.r_[acc[1:], -np.inf]])
        j = moves.argmax(axis=0)
        acc, back[i] = moves[j, np.arange(w)] + cost[i], j - 1
    x = np.zeros(n, int)
    x[-1] = int(acc.argmax())
    for i in range(n - 1, 0, -1):
        x[i - 1] = x[i] + back[i, x[i]]
    return x


def seam_lines(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int) -> Torso | None:
    """The torso between the seams where sleeves meet the body, seen as a straight shaded line down each
    side; each sleeve reaches out past it by half its width."""
    first, last = spans(m)
    rows = np.arange(y0 + int(SEAM_ROWS[0] * H), y0 + int(SEAM_ROWS[1] * H))
    filled = m[rows].any(axis=1)
    if rows.size < 10 or not filled.all():
        return None
    xl, xr = int(first[rows].min()), int(last[rows].max())
    width = float(xr - xl + 1)
    depth = _valleys(cut.rgb, m, width)
    lo, hi = int(SEAM_BAND[0] * width), int(SEAM_BAND[1] * width)
    halves, sleeves = [], []
    for sgn, side in ((-1, first[rows]), (1, last[rows])):
        a, b = (xl + lo, xl + hi) if sgn < 0 else (xr - hi, xr - lo)
        path = _darkest_path(np.clip(depth[rows, a:b], -SEAM_CLEAR, 2 * SEAM_CLEAR)) + a
        if (depth[rows, path] >= SEAM_CLEAR).mean() < SEAM_HOLD:
            return None
        slope, icpt = np.polyfit(rows, path, 1)
        line = slope * rows + icpt
        if np.abs(line - path).mean() > SEAM_STRAIGHT * width or np.degrees(np.arctan(abs(slope))) > SEAM_TILT:
            return None
        sleeve = float(np.median(np.abs(path - side)))
        if sleeve < SEAM_SLEEVE * width:
            return None
        sleeves.append(sleeve)
        halves.append(abs(float(line[rows.size // 2]) - cx))
    if min(sleeves) < SEAM_MATCH * max(sleeves):
        return None
    return Torso(float(np.mean(halves)), min(sleeves) / 2.0)
