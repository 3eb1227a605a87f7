"""Keypoints of a cut-out garment: shoulders, neck, armpits, cuffs, hem, waist, legs and crotch.

Measured on the solid silhouette (holes filled) from its contour and row/column profiles, by
garment type: a top's torso is the narrowest run around the centre column, sleeves are what
lies outside it, legs are the separate runs at the hem.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.garment.along_body import readings
from tryon.garment.armholes import open_armholes
from tryon.garment.cutout import GarmentCutout
from tryon.garment.silhouette_rows import runs, spans
from tryon.shared.components import components_with_stats

RISE = 0.3       # waistband to crotch, as a share of waistband to hem, where the photo hides it
ARMHOLE = 0.9   # a sleeveless top's side inside this share of its torso half-width is its armhole
# a row of the torso band narrower than this share of the band's median width is no torso (a bodysuit
# narrowing to its crotch made the whole top read as narrow as its waist's lower end)
NOT_TORSO = 0.6
STRAP_REACH = 0.25  # share of a sleeveless top's length its straps or shoulders take up at most
STRAP_SKEW = 0.1   # share of its length one side of a sleeveless top may rise above the other and be a strap
MAX_RISE = 0.5   # a crotch found lower than this is legs touching, not the crotch
CENTRE_BAND = 0.25  # share of the torso half-width either side of the centre whose lowest edge is the hem
# a sleeve's opening is the outline facing away from its shoulder within this angle (cosine), at
# least this share of the sleeve's farthest reach from it, seen on the silhouette smoothed this much (px)
CUFF_FACING = np.cos(np.radians(35))
CUFF_FAR = 0.6
CUFF_OUT = 0.5   # share of the sleeve's reach out past the torso's side that its opening lies beyond
CUFF_SMOOTH = 2.0
# a piece of the silhouette outside the torso's columns is a sleeve when it reaches this share of the
# shoulder width past them: less is a shoulder's or hem's bulge
SLEEVE_OUT = 0.25
# a sleeve's armpit lies at most this far below its shoulder (share of shoulder width); none seen, it
# lies at the usual depth
ARMPIT_DEEPEST = 0.95
USUAL_ARMPIT = 0.55
# a broad-shouldered sleeveless top's shoulder line falls at most this many px per column (the product's slope
# from neck to shoulder); where its outline falls faster it is the armhole, and the corner between is the seam
SHOULDER_SLOPE = 2.0
# above its armpits a sleeveless top stands out past its torso's side by at most this share of its half-width
# (a shoulder's corner: 0.19 at most on the dev set); farther, sleeves the cut-out did not part from its body
# hang there (a peplum blouse's sheer ones reach 0.3), and no armhole corner is its seam
SLEEVE_OVERHANG = 0.25
HEM_CORNER_BAND = 0.1   # share of the length above the hem whose widest reach on each side is the hem's corner
# a dress's bodice, where its waist is looked for, reaches at most this many shoulder widths below its shoulders
# (the dev set's waists: 1.0 to 1.4, a slip dress's straps the narrowest shoulders); lower down, a narrowing is a
# mermaid skirt's knees, and read as the waist it squeezed a floor-length dress into a top ending at the hips. A
# t-shirt dress's waist, read from below its bodice, was a gathered skirt's top, a hand below its seam
WAIST_REACH = 2.0
ALONG_BODY = "along_body"  # the flag in `GarmentCutout.widths` of a top whose sleeves lie along its body
# the flag of a sleeveless top whose armholes are known (its straps, or its shoulders' corners): worn, they
# leave the arms bare
ARMHOLES = "armholes"
# a broad-shouldered sleeveless top's width across its topmost row, by its neck (`targets` sizes it by this too)
SHOULDER_LINE = "shoulder_line"


def _run_at(row: np.ndarray, x: int) -> tuple[int, int] | None:
    """The [start, end] of the run of True containing column x (or the nearest run)."""
    xs = np.flatnonzero(row)
    if xs.size == 0:
        return None
    if not row[x]:
        x = int(xs[np.argmin(np.abs(xs - x))])
    gaps_left = np.flatnonzero(~row[:x])
    gaps_right = np.flatnonzero(~row[x:])
    left = int(gaps_left[-1]) + 1 if gaps_left.size else 0
    right = x + int(gaps_right[0]) - 1 if gaps_right.size else row.size - 1
    return left, right


def side_at(mask: np.ndarray, y: float, cx: float, sgn: int) -> float | None:
    """The garment's side at row `y`: the left (sgn -1) or right end of the run through column `cx`."""
    yi = int(round(y))
    if not 0 <= yi < mask.shape[0]:
        return None
    run = _run_at(np.asarray(mask[yi], bool), int(np.clip(round(cx), 0, mask.shape[1] - 1)))
    return None if run is None else float(run[0] if sgn < 0 else run[1])


def _half_runs_through(rows: np.ndarray, x: int) -> np.ndarray:
    """Half the length of the run of True through column x, for each row where m[y, x] is True
    (top to bottom): `_run_at` for a whole band of rows at once."""
    rows = rows[rows[:, x]]
    if not rows.size:
        return np.zeros(0)
    left_part, right_part = ~rows[:, :x][:, ::-1], ~rows[:, x:]
    to_left = np.where(left_part.any(axis=1), left_part.argmax(axis=1), x)  # True pixels left of x
    to_right = np.where(right_part.any(axis=1), right_part.argmax(axis=1), rows.shape[1] - x)
    return ((x + to_right - 1) - (x - to_left)) / 2.0


def keypoints(cut: GarmentCutout, m: np.ndarray) -> None:
    ys, xs = np.nonzero(m)
    y0, y1 = int(ys.min()), int(ys.max())
    H = y1 - y0 + 1
    cx = int(round(np.median(xs)))
    P = cut.points
    if cut.kind == "lower":
        _lower_points(cut, m, y0, y1, cx)
        return
    # torso half-width: narrowest run around the centre column in the middle band (sleeves only add width)
    band = (0.2, 0.4) if cut.kind == "full" else (0.35, 0.8)  # full: chest, above the waist and skirt/legs
    halfs = _half_runs_through(m[y0 + int(band[0] * H):y0 + int(band[1] * H)], cx)
    total_half = (xs.max() - xs.min()) / 2.0
    # rows much narrower than the band's usual are not torso: a bodysuit's crotch, a tie's knot
    halfs = halfs[halfs >= NOT_TORSO * np.median(halfs)] if halfs.size else halfs
    tw = float(np.percentile(halfs, 20)) if halfs.size else 0.3 * total_half
    top = np.where(m.any(axis=0), m.argmax(axis=0), 10 ** 6)  # top contour per column
    _sleeves(cut, m, top, cx, tw, y0, H)
    if cut.sleeve is None and cut.kind == "upper":  # long sleeves lying along the body, merged with it
        for torso in readings(cut, m, y0, H, cx):
            _sleeves(cut, m, top, cx, torso.half_width, y0, H, out=torso.out, bottom=torso.bottom)
            if cut.sleeve is not None:
                tw = torso.half_width
                cut.widths[ALONG_BODY] = 1.0
                if torso.pieces is not None:
                    cut.sleeve |= torso.pieces
                break
        else:
            _sleeves(cut, m, top, cx, tw, y0, H)
    sw = abs(P["shoulder_r"][0] - P["shoulder_l"][0])
    if cut.sleeve is None:  # sleeveless: shoulders are the strap tops, armpits where the side seam starts
        _sleeveless(cut, m, top, cx, tw, y0, H, sw)
    for side, sgn in (("l", -1), ("r", 1)):
        if f"armpit_{side}" not in P:  # one sleeve not found: mirror the other side's armpit height
            other = P.get("armpit_r" if side == "l" else "armpit_l")
            ay = other[1] if other is not None else P[f"shoulder_{side}"][1] + 0.45 * sw
            P[f"armpit_{side}"] = np.array([cx + sgn * tw, ay], float)
    if cut.kind == "full" and cut.legged:
        bottom_runs = runs(m[y1 - 2])
        wide = [r for r in bottom_runs if r[1] - r[0] > 0.05 * sw]
        first_run = _run_at(m[:, cx], y0 + int(0.3 * H))
        if len(wide) >= 2 and first_run and first_run[1] < y1 - 0.08 * H:
            _legs(cut, m, y1, wide[0], wide[-1], cx)
            _waist(cut, m, y0, H, cx, limit=int(P["crotch"][1]))
            return
    # the hem is the body's own lowest edge, around the centre: long sleeves, ties or straps hanging
    # lower beside it are not where the body ends
    cols = m[:, max(0, int(cx - CENTRE_BAND * tw)):int(cx + CENTRE_BAND * tw) + 1]
    yb = int(np.median(spans(cols[:, cols.any(axis=0)], axis=0)[1])) if cols.any() else y1
    hb = yb - y0 + 1
    hy = int(yb - 0.03 * hb)
    # hem corners: each side's widest reach in the band above the hem, of the runs through the centre
    # (a tiered or rounded hem curls in at its last rows, on one side more than the other), never the
    # cuffs beside it
    hem_runs = [_run_at(m[y], cx) for y in range(int(yb - HEM_CORNER_BAND * hb), hy + 1)]
    hem_runs = [rr for rr in hem_runs if rr]
    r = (min(a for a, _ in hem_runs), max(b for _, b in hem_runs)) if hem_runs else (cx - int(tw), cx + int(tw))
    if cut.kind == "upper":
        r = (min(r[0], int(cx - 0.95 * tw)), max(r[1], int(cx + 0.95 * tw)))
    hl, hr = r
    if (hr - hl) / 2.0 > 1.25 * tw and cut.kind == "upper":
        hl, hr = int(cx - 1.05 * tw), int(cx + 1.05 * tw)
    P["hem_l"] = np.array([hl, hy], float)
    P["hem_r"] = np.array([hr, hy], float)
    P["hem_c"] = np.array([cx, hy], float)
    if cut.kind == "full":
        shoulders = (P["shoulder_l"] + P["shoulder_r"]) / 2.0
        _waist(cut, m, y0, H, cx, limit=min(y0 + int(0.6 * H), int(shoulders[1] + WAIST_REACH * max(sw, 1.0))))


def _waist(cut: GarmentCutout, m: np.ndarray, y0: int, H: int, cx: int, limit: int) -> None:
    """The narrowest torso run between the bust and `limit`, the bust being the widest run in the
    upper half of the stretch below the armpits. Just under an armpit found high on a sleeveless
    bodice, the armhole's curve is still widening, and its narrow top read as the waist left the
    bodice's sides unpinned, free to bulge out over the arms."""
    P = cut.points
    ya = int(max(P["armpit_l"][1], P["armpit_r"][1]))
    found = [(y, rr) for y in range(ya + 2, max(ya + 3, limit)) if (rr := _run_at(m[y], cx))]
    if not found:
        return
    widths = [rr[1] - rr[0] for _, rr in found]
    bust = int(np.argmax(widths[:max(1, len(widths) // 2)]))
    y, (left, right) = found[bust + int(np.argmin(widths[bust:]))]
    P["waist_l"] = np.array([left, y], float)
    P["waist_r"] = np.array([right, y], float)


def _sleeveless(cut: GarmentCutout, m: np.ndarray, top: np.ndarray, cx: int, tw: float, y0: int, H: int,
                sw: float) -> None:
    """A sleeveless top's shoulders and armpits: the strap tops, or a broad shoulder line's outer corners where
    its armholes are known (`ARMHOLES`), and where the side seam starts below the armhole."""
    P = cut.points
    # each side's top; one standing far above the other is a hanger loop or a tie, not a strap
    side_tops = [int(np.argmax(m[:, :cx].any(axis=1))), int(np.argmax(m[:, cx:].any(axis=1)))]
    start = max(side_tops) if max(side_tops) - min(side_tops) > STRAP_SKEW * H else y0
    inset = max(2, int(0.02 * H))  # rows below a strap's or shoulder's top where it is read
    ys_ = start + inset
    row = np.flatnonzero(m[ys_])
    if row.size:
        P["shoulder_l"] = np.array([row.min(), ys_], float)
        P["shoulder_r"] = np.array([row.max(), ys_], float)
    # the armpit is where the side comes back out below the armhole's curve in (a strap or a
    # square shoulder above it may stand as wide as the body); no armhole seen: the usual depth
    band = m[ys_:y0 + int(0.6 * H)]
    filled = band.any(axis=1)
    first, last = spans(band)
    left, right = np.where(filled, cx - first, 0), np.where(filled, last - cx, 0)
    reach = np.minimum(left, right)
    start = int(np.argmax(reach[:max(1, int(STRAP_REACH * H))]))  # a strap's or shoulder's widest
    reach = reach[start:]
    below_armhole = np.flatnonzero((reach >= 0.95 * tw) & (np.cumsum(reach < ARMHOLE * tw) > 0))
    ya = ys_ + start + int(below_armhole[0]) if below_armhole.size else P["shoulder_l"][1] + 0.45 * sw
    for side, sgn in (("l", -1), ("r", 1)):
        P[f"armpit_{side}"] = np.array([cx + sgn * tw, ya], float)
    cut.widths["sleeveless"] = 1.0
    above = slice(0, max(1, int(ya) - ys_))
    overhang = max(int(left[above].max()), int(right[above].max())) - tw
    if open_armholes(m, P):  # held up by straps or a halter's collar, not broad shoulders
        cut.widths["straps"] = cut.widths[ARMHOLES] = 1.0
    elif overhang <= SLEEVE_OVERHANG * tw:  # farther out, its sleeves hang there: its shoulders run into them
        cut.widths[SHOULDER_LINE] = float(P["shoulder_r"][0] - P["shoulder_l"][0])
        for side, sgn in (("l", -1), ("r", 1)):
            P[f"shoulder_{side}"] = _shoulder_corner(top, P[f"shoulder_{side}"], sgn, y0 + STRAP_REACH * H, inset)
        cut.widths[ARMHOLES] = 1.0


def _shoulder_corner(top: np.ndarray, start: np.ndarray, sgn: int, lowest: float, below: int) -> np.ndarray:
    """A broad-shouldered sleeveless top's shoulder seam: its shoulder line (`top`, each column's first row)
    followed out from `start` to where the armhole falls away, no lower than `lowest`, `below` px under the
    line. The ends of its topmost row sit by the neck where the shoulders slope: pinned at the wearer's joints
    there, the rest of the shoulder stood out over the arms like a cap sleeve."""
    x = int(round(start[0]))
    while 0 <= x + sgn < top.size and top[x + sgn] < lowest and top[x + sgn] - top[x] <= SHOULDER_SLOPE:
        x += sgn
    return np.array([x, min(float(top[x]) + below, lowest)], float) if top[x] < lowest else start


def _legs(cut: GarmentCutout, m: np.ndarray, y1: int, left: tuple[int, int], right: tuple[int, int], cx: int) -> None:
    """Each leg's hem (its middle and half-width) and the crotch. A hem's width is the median over the
    band above it (HEM_CORNER_BAND of the length): a flare's or cuff's last rows curl in to a few px, and a
    hem read there pinned a leg's end a tenth of its width onto the ankle, folding the leg above it."""
    P = cut.points
    hy = y1 - 2
    y0 = int(np.flatnonzero(m.any(axis=1))[0])
    band = range(max(y0, hy - int(HEM_CORNER_BAND * (hy - y0))), hy + 1)
    for side, bottom in (("l", left), ("r", right)):
        found = [_run_at(m[y], int((bottom[0] + bottom[1]) / 2)) for y in band]
        ends = np.array([r for r in found if r is not None], float)
        a, b = np.median(ends, axis=0) if ends.size else bottom
        P[f"leg_{side}"] = np.array([(a + b) / 2.0, hy], float)
        cut.widths[f"leg_{side}"] = (b - a) / 2.0
    # crotch: bottom of the first run down the centre column
    top_rows = np.flatnonzero(m[:, cx])
    run = _run_at(m[:, cx], int(top_rows.min()) + 1) if top_rows.size else None
    top = float(top_rows.min()) if top_rows.size else 0.0
    crotch = float(run[1]) if run else top + RISE * (hy - top)
    if crotch - top > MAX_RISE * (hy - top):  # legs touching in the photo hide the crotch: usual rise
        crotch = top + RISE * (hy - top)
    P["crotch"] = np.array([cx, crotch], float)


def _lower_points(cut: GarmentCutout, m: np.ndarray, y0: int, y1: int, cx: int) -> None:
    P = cut.points
    wy = y0 + max(3, int(0.04 * (y1 - y0)))  # below belt loops and notches
    row = np.flatnonzero(m[wy])
    r = (int(row.min()), int(row.max())) if row.size else (cx - 10, cx + 10)
    P["waist_l"] = np.array([r[0], wy], float)
    P["waist_r"] = np.array([r[1], wy], float)
    bottom_runs = [rr for rr in runs(m[y1 - 2]) if rr[1] - rr[0] > 3]
    if len(bottom_runs) >= 2 and cut.legged:
        _legs(cut, m, y1, bottom_runs[0], bottom_runs[-1], cx)
    else:
        rr = _run_at(m[y1 - 2], cx) or r
        P["hem_l"] = np.array([rr[0], y1 - 2], float)
        P["hem_r"] = np.array([rr[1], y1 - 2], float)
        P["hem_c"] = np.array([cx, y1 - 2], float)


def _sleeves(cut: GarmentCutout, m: np.ndarray, top: np.ndarray, cx: int, tw: float, y0: int, H: int,
             out: float | None = None, bottom: int | None = None) -> None:
    """Shoulders on the top contour at the torso's sides, the neck, and each sleeve found outside the
    torso's columns (its cuff, width and armpit), above row `bottom` when given, and reaching past them by
    at least `out` px (SLEEVE_OUT of the shoulder width unless given); `cut.sleeve` stays None when there
    is none."""
    P = cut.points
    for side, sgn in (("l", -1), ("r", 1)):
        sx = int(np.clip(cx + sgn * tw, 0, m.shape[1] - 1))
        sy = int(top[sx]) if top[sx] < 10 ** 6 else y0
        P[f"shoulder_{side}"] = np.array([sx, sy], float)
    sw = abs(P["shoulder_r"][0] - P["shoulder_l"][0])
    out = SLEEVE_OUT * sw if out is None else out
    # neck: top centre (front neckline dip is where the central column's top is)
    neck_cols = top[max(0, cx - 2):cx + 3]
    P["neck"] = np.array([cx, float(np.min(neck_cols))], float)
    # sleeves: the region outside the torso columns, per side
    yy = np.arange(m.shape[0])[:, None]
    xx = np.arange(m.shape[1])[None, :]
    unseen: list[str] = []  # sides whose armpit is put at the usual depth
    for side, sgn in (("l", -1), ("r", 1)):
        S = P[f"shoulder_{side}"]
        reach = 0.55 if cut.kind == "full" else 1.0  # on a dress or jumpsuit, lower down is skirt or legs
        lowest = y0 + reach * H if bottom is None else min(y0 + reach * H, bottom)
        outside = (m & ((xx - cx) * sgn > tw + 2) & (yy < lowest)).astype(np.uint8)
        nl, lab, st, _ = components_with_stats(outside, connectivity=8)
        keep = [i for i in range(1, nl) if st[i, cv2.CC_STAT_TOP] < S[1] + 0.15 * sw + 3  # starts at the shoulder
                and st[i, cv2.CC_STAT_AREA] >= 0.02 * m.sum()
                and ((st[i, cv2.CC_STAT_LEFT] if sgn < 0 else st[i, cv2.CC_STAT_LEFT] + st[i, cv2.CC_STAT_WIDTH])
                     - cx) * sgn > tw + out]
        if not keep:
            continue
        outside = np.isin(lab, keep)
        cut.sleeve = outside if cut.sleeve is None else (cut.sleeve | outside)
        P[f"cuff_{side}"], cut.widths[f"cuff_{side}"] = _cuff(m, outside, S, cx + sgn * tw, sgn)
        # armpit: where the sleeve's lower edge meets the torso side
        col = int(np.clip(cx + sgn * (tw + 3), 0, m.shape[1] - 1))
        run = _run_at(m[:, col], int(S[1]) + 2)
        ay = run[1] if run else S[1] + 0.5 * sw
        if ay - S[1] > ARMPIT_DEEPEST * sw:
            # the column runs on down the body's side: the sleeve lies against it, or (a dress) the torso's
            # width was read down to a fitted waist, narrower than the bodice's sides under the sleeves
            # (side panels): there the armpit is the top of the gap between sleeve and body. None seen
            # within an armpit's depth: the usual depth
            apex = _gap_apex(m, outside, cx) if cut.kind == "full" else None
            ay = apex if apex is not None and apex - S[1] <= ARMPIT_DEEPEST * sw else None
            if ay is not None:  # below it, the body's side out past the torso's columns is body, not sleeve
                cut.sleeve[ay:] &= ~(outside[ay:] & _runs_through(m[ay:], cx))
        if ay is None:
            unseen.append(side)
            ay = S[1] + USUAL_ARMPIT * sw
        ay = float(np.clip(ay, S[1] + 0.25 * sw, S[1] + ARMPIT_DEEPEST * sw))
        P[f"armpit_{side}"] = np.array([cx + sgn * tw, ay], float)
    # a dress is near symmetric: an armpit not seen on one side is as deep as the one seen on the other
    # (the usual depth beside a measured one tilted the bodice between them)
    if cut.kind == "full" and len(unseen) == 1 and all(f"armpit_{side}" in P for side in "lr"):
        other = "r" if unseen[0] == "l" else "l"
        P[f"armpit_{unseen[0]}"][1] = P[f"armpit_{other}"][1]


def _runs_through(rows: np.ndarray, x: int) -> np.ndarray:
    """Each row's run of True through column x (the nearest run where x is False), as a mask."""
    out = np.zeros_like(rows, dtype=bool)
    for i, row in enumerate(rows):
        run = _run_at(row, x)
        if run is not None:
            out[i, run[0]:run[1] + 1] = True
    return out


def _gap_apex(m: np.ndarray, sleeve: np.ndarray, cx: int) -> int | None:
    """The top of the gap under a sleeve: the first row of the last stretch of rows in which part of
    `sleeve` lies apart from the body's run through column `cx` (backdrop between them), or None. A
    stretch higher up is a notch between a puffed sleeve's top and the shoulder, not the armpit."""
    rows = np.flatnonzero(sleeve.any(axis=1))
    if not rows.size:
        return None
    top = int(rows[0])
    apart = (sleeve[top:rows[-1] + 1] & ~_runs_through(m[top:rows[-1] + 1], cx)).any(axis=1)
    found = np.flatnonzero(apart)
    if not found.size:
        return None
    joined = np.flatnonzero(~apart[:found[-1]])
    return top + (int(joined[-1]) + 1 if joined.size else 0)


def _cuff(m: np.ndarray, sleeve: np.ndarray, shoulder: np.ndarray, root_x: float, sgn: int
          ) -> tuple[np.ndarray, float]:
    """A sleeve's opening: its middle and half-width.

    The opening is the sleeve's outline well out from the torso's side (`root_x`), far from the
    shoulder and facing away from it. The farthest pixel alone is not it: a short sleeve laid flat
    ends in a slanted edge whose inner corner, at the armpit, lies farther from the shoulder than
    its outer one, and the opening shrank to that corner (a sleeve a few pixels wide, stretched down
    the arm); on a tee that narrows to its waist, the strip of body side outside the waist's width
    reaches farther down still."""
    smooth = cv2.GaussianBlur(m.astype(np.float32), (0, 0), CUFF_SMOOTH)
    gy, gx = np.gradient(smooth)
    edge = sleeve & (cv2.erode(m.astype(np.uint8), np.ones((3, 3), np.uint8)) == 0)
    ey, ex = np.nonzero(edge)
    out = (ex - root_x) * sgn
    keep = out >= CUFF_OUT * out.max()
    ey, ex = ey[keep], ex[keep]
    rx, ry = ex - shoulder[0], ey - shoulder[1]
    d = np.hypot(rx, ry)
    nx, ny = -gx[ey, ex], -gy[ey, ex]
    facing = (nx * rx + ny * ry) / np.maximum(np.hypot(nx, ny) * d, 1e-6) >= CUFF_FACING
    facing[np.argmax(d)] = True
    far = facing & (d >= CUFF_FAR * d[facing].max())
    pts = np.stack([ex[far], ey[far]], axis=1).astype(float)
    mid = pts.mean(axis=0)
    if len(pts) < 2:
        return mid, 3.0
    # across the opening: its points' main direction
    _, _, vt = np.linalg.svd(pts - mid, full_matrices=False)
    proj = (pts - mid) @ vt[0]
    return mid + vt[0] * float(proj.max() + proj.min()) / 2, max(3.0, float(proj.max() - proj.min()) / 2)
