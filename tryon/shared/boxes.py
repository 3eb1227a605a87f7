"""The box round a mask's pixels (and such a box grown), which the repaints and the rim work inside instead of the
whole frame, an enlargement made inside a box alone (OpenCV's resize: an affine warp mapping pixel centres alike
took five to seven times as long), and an enlarged alpha as it is laid on the photo."""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import cv2
import numpy as np

FLOAT_EXACT = 2 ** 24  # a float holds every multiple of 1/m below this over m exactly
ENLARGE_LANES_PX = 16  # output px: the most a turn of OpenCV's vector loops in an enlargement works on
CROP_MARGIN = 16  # source px an enlarged crop reaches past what it is read for
BLUR_REACH_SIGMAS = 4  # OpenCV's float Gaussian kernel reaches no farther: a crop this much wider blurs alike
SHOWS = np.float32(1.0 / 255)  # an alpha under this (as float32) shows nothing: taken as 0
# the largest float32 under SHOWS: OpenCV's to-zero threshold keeps what is above its threshold, and an alpha
# of SHOWS itself shows
BELOW_SHOWS = float(np.nextafter(SHOWS, np.float32(0)))


def around(region: np.ndarray, margin: int) -> tuple[slice, slice]:
    """The bounding box of `region`'s non-zero pixels (at least one) grown by `margin`, kept inside the image.
    OpenCV's bounding box of a byte mask: numpy's `any` down the columns took twice as long, holding the GIL
    the helper threads wait for."""
    x, y, bw, bh = cv2.boundingRect(region.view(np.uint8) if region.dtype in (np.bool_, np.uint8)
                                    else (region != 0).view(np.uint8))
    if not bw:
        raise ValueError("around: the region has no pixel")
    h, w = region.shape
    return (slice(max(0, y - margin), min(h, y + bh + margin)), slice(max(0, x - margin), min(w, x + bw + margin)))


def grown(box: tuple[slice, slice], margin: int, shape: tuple[int, ...]) -> tuple[tuple[slice, slice],
                                                                               tuple[slice, slice]]:
    """`box` grown by `margin` px (kept inside `shape`), and where `box` lies in the grown crop: a blur
    reaching at most `margin` px, run on the crop, equals the whole image's blur inside `box` at a
    fraction of its cost (the broad skin-colour blurs were most of a render)."""
    outer = tuple(slice(max(0, s.start - margin), min(n, s.stop + margin)) for s, n in zip(box, shape[:2]))
    inner = tuple(slice(s.start - o.start, s.stop - o.start) for s, o in zip(box, outer))
    return outer, inner


def within(part: tuple[slice, slice], box: tuple[slice, slice]) -> tuple[slice, slice]:
    """The part of the frame's box `part` inside the frame's `box`, in `box`'s own coordinates (empty slices
    when none is)."""
    return tuple(slice(min(max(p.start, b.start), b.stop) - b.start, max(min(p.stop, b.stop), b.start) - b.start)
                 for p, b in zip(part, box))


def enlarged_in(image: np.ndarray, shape: tuple[int, int], box: tuple[slice, slice]) -> np.ndarray:
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
    and weights are the frame's. Its output starts on a multiple of ENLARGE_LANES_PX, so its pixels take the same turns
    of OpenCV's vector loops as the frame's, and ends CROP_MARGIN px past the taps the part reads (or at the
    frame's end), where its loops' last turns and its border clamp differ from the frame's."""
    step = 1.0 / (N / n)  # as OpenCV works it out
    exact = Fraction(step)
    if N <= n or exact != Fraction(n, N) or 2 * n * exact.denominator > FLOAT_EXACT:
        return None
    p, q = exact.numerator, exact.denominator
    unit = p * (ENLARGE_LANES_PX // gcd(q, ENLARGE_LANES_PX))  # source px whose output is a whole number of ENLARGE_LANES_PX
    first = int(np.floor((part.start + 0.5) * step - 0.5)) - CROP_MARGIN
    last = int(np.floor((part.stop - 0.5) * step - 0.5)) + 1 + CROP_MARGIN
    lo, hi = max(0, first) // unit * unit, min(n, -(-(last + 1) // p) * p)
    return slice(lo, hi), slice(lo // p * q, hi // p * q)


def enlarged_in_zeros(image: np.ndarray, shape: tuple[int, int], box: tuple[slice, slice]) -> np.ndarray:
    """`enlarged_in` of a single-plane float32 `image` with nothing (0) past its edge instead of its outermost
    pixel repeated: in the output pixels whose centres lie past the frame's outermost ones, the value is faded by
    the share of the frame's own pixel when blended with 0 beyond it (as an affine warp with a border of 0
    makes it)."""
    out = enlarged_in(image, shape, box)
    for axis, (n, N, span) in enumerate(zip(image.shape[:2], shape, box)):
        centres = (np.arange(span.start, span.stop) + 0.5) * (n / N) - 0.5   # in the image's pixels
        share = np.minimum(1.0 + centres, n - centres).astype(np.float32)
        past = np.flatnonzero(share < 1.0)
        if past.size:
            if axis == 0:
                out[past] *= np.maximum(share[past], 0.0)[:, None]
            else:
                out[:, past] *= np.maximum(share[past], 0.0)
    return out


def as_laid(alpha: np.ndarray) -> np.ndarray:
    """A float32 alpha as it is laid on the photo: at most 1, and 0 under SHOWS (so never negative). Two OpenCV
    thresholds, a tenth of numpy's clip and mask."""
    out = cv2.threshold(alpha, 1.0, 1.0, cv2.THRESH_TRUNC)[1]
    cv2.threshold(out, BELOW_SHOWS, 0.0, cv2.THRESH_TOZERO, dst=out)
    return out
