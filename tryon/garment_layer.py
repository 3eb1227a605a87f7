"""The garment's layer at the input resolution (`at_input`): the warped garment in the photo's light,
and its alpha, enlarged over the garment's box.

It reads only the working-res alpha, the garment's colours and the photo's light, and the repaints
of what the garment leaves showing (old collars, sleeves, hems) write only the output photo: the
render makes it on the helper thread (`tryon.beside`) while it repaints.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Callable, NamedTuple

import cv2
import numpy as np

from tryon.boxes import within
from tryon.outline import filled_past_edge

MARGIN = 3   # px (working res) round the garment its layer is coloured in: the enlargement reads a pixel past it
SHOWS = np.float32(1.0 / 255)  # an alpha under this (as float32) shows nothing: taken as 0
# the largest float32 under SHOWS: OpenCV's to-zero threshold keeps what is above its threshold, and an alpha
# of SHOWS itself shows
BELOW_SHOWS = float(np.nextafter(SHOWS, np.float32(0)))
FLOAT_EXACT = 2 ** 24  # a float holds every multiple of 1/m below this over m exactly
LANES = 16       # output px: the most a turn of OpenCV's vector loops in an enlargement works on
CROP_MARGIN = 16  # source px an enlarged crop reaches past what it is read for


class Layer(NamedTuple):
    box: tuple[slice, slice]   # the garment's box at the input resolution
    alpha: np.ndarray          # float32 0..1 over `box`, 0 where under 1/255
    rgb: np.ndarray            # uint8 over `box`: the garment in the photo's light


def at_input(shape: tuple[int, int], alpha: np.ndarray, garment_rgb: np.ndarray, own: np.ndarray,
             shade: Callable[[], np.ndarray]) -> Layer | None:
    """The garment (working-res `garment_rgb` times the `shade()` of the photo's light, made only when
    some garment shows; past `own`, where its colour is the garment's, that colour carried out) and
    its `alpha`, enlarged to the input photo's `shape` (H, W) over the garment's box; None when no
    pixel of it shows."""
    H, W = shape
    h, w = alpha.shape
    shows = alpha >= SHOWS
    ys, xs = np.flatnonzero(shows.any(axis=1)), np.flatnonzero(shows.any(axis=0))
    if ys.size == 0:
        return None
    light = shade()
    # the garment layer only where the garment is (working-res crop with a margin), channel by channel
    # (numpy is slow along a last axis of 3)
    crop = (slice(max(0, int(ys[0]) - MARGIN), min(h, int(ys[-1]) + MARGIN + 1)),
            slice(max(0, int(xs[0]) - MARGIN), min(w, int(xs[-1]) + MARGIN + 1)))
    layer = np.zeros((h, w, 3), np.uint8)
    layer[crop] = cv2.merge([cv2.multiply(c, light[crop], dtype=cv2.CV_8U)
                             for c in cv2.split(filled_past_edge(garment_rgb[crop], own[crop]))])
    # work only inside the garment's bounding box (in input pixels)
    sy, sx = H / h, W / w
    y0, y1 = max(0, int((ys[0] - 1) * sy)), min(H, int((ys[-1] + 2) * sy) + 1)
    x0, x1 = max(0, int((xs[0] - 1) * sx)), min(W, int((xs[-1] + 2) * sx) + 1)
    box = (slice(y0, y1), slice(x0, x1))
    if (H, W) != (h, w):
        a_box = _faded_past_frame(_enlarged(alpha, shape, box), (h, w), shape, box)
        l_box = _enlarged(layer, shape, box)
    else:
        a_box, l_box = alpha[box], layer[box]
    # at most 1, and 0 under SHOWS (so never negative): two OpenCV thresholds, a tenth of numpy's clip and mask
    a_box = cv2.threshold(a_box, 1.0, 1.0, cv2.THRESH_TRUNC)[1]
    cv2.threshold(a_box, BELOW_SHOWS, 0.0, cv2.THRESH_TOZERO, dst=a_box)
    return Layer(box, a_box, np.ascontiguousarray(l_box))


def _enlarged(image: np.ndarray, shape: tuple[int, int], box: tuple[slice, slice]) -> np.ndarray:
    """`image` enlarged (bilinear) to `shape` (H, W), inside `box` alone: the same pixels as the whole
    enlargement's, made from a crop of `image` round the box when the scale lets a crop map its pixels as the
    whole frame does (`_crop_span`), most of the frame's cost spared (the garment's box is often half of it)."""
    spans = [_crop_span(n, N, part) for n, N, part in zip(image.shape[:2], shape, box)]
    if None in spans:
        return cv2.resize(image, shape[::-1], interpolation=cv2.INTER_LINEAR)[box]
    (src_y, dst_y), (src_x, dst_x) = spans
    big = cv2.resize(image[src_y, src_x], (dst_x.stop - dst_x.start, dst_y.stop - dst_y.start),
                     interpolation=cv2.INTER_LINEAR)
    return big[within(box, (dst_y, dst_x))]


def _crop_span(n: int, N: int, part: slice) -> tuple[slice, slice] | None:
    """Along one axis enlarged from `n` to `N` px, a crop of the source round `part` of the output and the
    output span it enlarges to, or None when no crop maps alike. OpenCV places output pixel `d` at source
    `(d + 0.5) * n / N - 0.5` (a double, then a float): a crop whose ends are whole multiples of the scale's
    step (N / n reduced to q / p: p source px to q output px) has the very scale, and its positions are the
    frame's shifted by whole pixels when those are exact (n / N a double, every position a float): its taps
    and weights are the frame's. Its output starts on a multiple of LANES, so its pixels take the same turns
    of OpenCV's vector loops as the frame's, and ends CROP_MARGIN px past the taps the part reads (or at the
    frame's end), where its loops' last turns and its border clamp differ from the frame's."""
    step = 1.0 / (N / n)  # as OpenCV works it out
    exact = Fraction(step)
    if N <= n or exact != Fraction(n, N) or 2 * n * exact.denominator > FLOAT_EXACT:
        return None
    p, q = exact.numerator, exact.denominator
    unit = p * (LANES // gcd(q, LANES))  # source px whose output is a whole number of LANES
    first = int(np.floor((part.start + 0.5) * step - 0.5)) - CROP_MARGIN
    last = int(np.floor((part.stop - 0.5) * step - 0.5)) + 1 + CROP_MARGIN
    lo, hi = max(0, first) // unit * unit, min(n, -(-(last + 1) // p) * p)
    return slice(lo, hi), slice(lo // p * q, hi // p * q)


def _faded_past_frame(a_box: np.ndarray, work: tuple[int, int], shape: tuple[int, int],
                      box: tuple[slice, slice]) -> np.ndarray:
    """`a_box` (the alpha enlarged to the input's `shape` (H, W) from the `work` (h, w) frame, cut to `box`)
    faded, in its input pixels whose centres lie past the frame's outermost ones, by the share of the frame's
    own pixel when blended with nothing beyond it: the garment at the photo's edge shows a little of the photo
    under it, as it did when enlarged with a border of 0. (OpenCV's resize repeats the outermost pixel there, and
    maps pixel centres as that warp did, in a fifth of its time.)"""
    for axis, (n, N, span) in enumerate(zip(work, shape, box)):
        centres = (np.arange(span.start, span.stop) + 0.5) * (n / N) - 0.5   # in working pixels
        share = np.minimum(1.0 + centres, n - centres).astype(np.float32)
        past = np.flatnonzero(share < 1.0)
        if past.size:
            if axis == 0:
                a_box[past] *= np.maximum(share[past], 0.0)[:, None]
            else:
                a_box[:, past] *= np.maximum(share[past], 0.0)
    return a_box
