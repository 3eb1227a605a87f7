"""A brand label sewn or printed inside the back neck of a product shot, seen through the neckline.

Worn, it is hidden, so it is painted over with the fabric round it (`neckline.neck_lining` cuts a label out
with a shaded lining; this one sits on an inside back of the front's own fabric, where no shade tells
the opening, and cut out alone it left a square notch in the collar). Where the neckline's outline is read
(`neck_outline`), the label is where the flood starts from (`label_patch`).
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.shared.components import components

LABEL_LIGHT = 1.6     # a label is at least this many times the front's usual lightness (its median), or as many times darker
LABEL_WIDTH = (0.08, 0.35)  # its width, as a share of the shoulder width
LABEL_TOP = 0.15       # it starts this close below the back collar's top (shoulder widths)
LABEL_CENTRED = 0.25   # its middle is this close to the garment's centre, as a share of its width
LABEL_SQUARE = 0.75    # share of its bounding box its filled outline covers: a label is a rectangle
LABEL_FRONT = 0.1      # the front lies at least this wide beside it on each side (shoulder widths)
LABEL_INPAINT = 3      # px round each label pixel the fabric painted over it is taken from
# px round the label its edge is blurred into the fabric: painted over with it, or a dark label's rim
# stayed as a grey outline of the label on a white collar
LABEL_RIM = 2


def neck_frame(points: dict[str, np.ndarray]) -> tuple[float, float, int] | None:
    """The shoulder seams' span, the neck's column and the back collar's top row; None when the seams lie too close
    together for a neckline to be read between them."""
    sl, sr, neck = points["shoulder_l"], points["shoulder_r"], points["neck"]
    sw = float(sr[0] - sl[0])
    return None if sw <= 4 else (sw, float(neck[0]), int(neck[1]))


def _apart(lum: np.ndarray, band: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pixels of `band` far lighter, and far darker, than its usual (median) lightness (LABEL_LIGHT times)."""
    usual = float(np.median(lum[band]))
    return (lum > LABEL_LIGHT * usual) & band, (lum * LABEL_LIGHT < usual) & band


def without_label(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """`rgb` with a label inside the back neck painted over with the fabric round it (as is, if none)."""
    label = neck_label(rgb, m, points)
    if not label.any():
        return rgb
    grown = cv2.dilate(label.astype(np.uint8), np.ones((2 * LABEL_RIM + 1,) * 2, np.uint8)) > 0
    out = cv2.inpaint(rgb, grown.astype(np.uint8), LABEL_INPAINT, cv2.INPAINT_TELEA)
    # the fabric beside the label, a label's width away, copied over it: the inpaint alone is a smooth
    # smear, a grey patch in a check's or print's neckline; the inpaint stays where neither side is fabric
    ys, xs = np.nonzero(grown)
    shift = int(xs.max() - xs.min()) + 1
    h, w = grown.shape
    for step in (-shift, shift):
        sx = xs + step
        ok = (sx >= 0) & (sx < w)
        ok[ok] = m[ys[ok], sx[ok]] & ~grown[ys[ok], sx[ok]]
        out[ys[ok], xs[ok]] = rgb[ys[ok], sx[ok]]
        ys, xs = ys[~ok], xs[~ok]
    return out


def neck_label(rgb: np.ndarray, m: np.ndarray, points: dict[str, np.ndarray]) -> np.ndarray:
    """The label's pixels (a filled rectangle much lighter or darker than the front, centred just below the
    collar's top, with the front on both sides), or none. Its own dark lettering is inside its
    outline; a print's light strokes are thin, off-centre or not rectangular."""
    none = np.zeros(m.shape, bool)
    frame = neck_frame(points)
    if frame is None:
        return none
    sw, cx, top = frame
    y1 = min(m.shape[0], int(top + (LABEL_TOP + LABEL_WIDTH[1]) * sw))
    lum = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    band = np.zeros(m.shape, bool)
    band[max(0, top):y1] = m[max(0, top):y1]
    if not band.any():
        return none
    # a light label on a dark front, or a dark one (a black woven label) on a light front
    outlines = []
    for apart in _apart(lum, band):
        closed = cv2.morphologyEx(apart.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
        outlines += cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0]
    label = np.zeros(m.shape, np.uint8)
    front = LABEL_FRONT * sw
    for c in outlines:
        x, y, w, h = cv2.boundingRect(c)
        filled = np.zeros(m.shape, np.uint8)
        cv2.drawContours(filled, [c], -1, 1, thickness=-1)
        row = np.flatnonzero(m[y + h // 2])
        if (LABEL_WIDTH[0] * sw <= w <= LABEL_WIDTH[1] * sw and h <= w and y <= top + LABEL_TOP * sw
                and abs(x + w / 2 - cx) <= LABEL_CENTRED * w and filled.sum() >= LABEL_SQUARE * w * h
                and row.size and x - row[0] >= front and row[-1] - (x + w) >= front):
            cv2.rectangle(label, (x, y), (x + w - 1, y + h - 1), 1, thickness=-1)
    return label.astype(bool)


def label_patch(lum: np.ndarray, m: np.ndarray, seed: np.ndarray, sw: float, k: int) -> np.ndarray:
    """The label sewn or printed on the inside back where the flood starts: strokes far lighter or darker than
    the fabric round them (LABEL_LIGHT), closed into one patch with the seed. A label's outline is a stronger
    edge than a white neckline's: flooded from inside it, the opening was the label alone."""
    ys, xs = np.nonzero(seed)
    reach = int(LABEL_WIDTH[1] * sw)
    band = np.zeros(m.shape, bool)
    band[ys.min():ys.max() + reach, max(0, xs.min() - reach // 2):xs.max() + reach // 2 + 1] = True
    band &= m
    lighter, darker = _apart(lum, band)
    strokes = lighter | darker
    closed = cv2.morphologyEx((strokes | seed).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    _, parts = components(closed, connectivity=8)
    touching = np.unique(parts[seed & (closed > 0)])
    label = np.isin(parts, touching[touching > 0])
    x, y, w, h = cv2.boundingRect(label.astype(np.uint8))
    cx = (xs.min() + xs.max()) / 2
    # a label is a small patch, wider than tall, centred under the collar (a print's flowers run on over the front)
    if (not (label & strokes).any() or w > LABEL_WIDTH[1] * sw or h > w
            or abs(x + w / 2 - cx) > LABEL_CENTRED * w):
        return np.zeros(m.shape, bool)
    # past its blurred outline: flooded from the outline itself, the label's own edge walled it in
    return (cv2.dilate(label.astype(np.uint8), np.ones((k, k), np.uint8)) > 0) & band
