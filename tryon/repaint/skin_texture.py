"""The shopper's own skin texture laid over skin painted at the working resolution.

Painted skin is made at the working size and enlarged to the photo's: the grain drawn on it there
is smoothed away by the enlargement, and next to the photo's real skin (pores, fine mottling, the
camera's noise) a painted neckline had a third of its fine detail and read as a flat sticker. So
the detail of the shopper's bare skin near it that the working size cannot hold, read at the photo's
own resolution in a square of sure skin (no edge or shadow line in it), is laid over the paint as
the spectrum of a noise (`skin_texture`).
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

from tryon.shared.beside import beside, in_halves
from tryon.shared.boxes import BLUR_REACH_SIGMAS, around
from tryon.analysis.person import PersonAnalysis
from tryon.analysis.skin import GRAIN_EDGE, MIN_SKIN_SAMPLE, sample_region
from tryon.repaint.uncover import Repaint

PATCH_MIN = 12      # px (input res): a square of sure skin smaller than this holds too little texture to read
PATCH_MAX = 48      # px (input res): a larger square adds nothing to the grain read, and costs its square in time
# the texture's ratio to the local mean at most: a stray speck in the patch (a freckle, a hair) is no grain
TEXTURE_CAP = 0.08
# percentile of the sure-skin discs' fine detail the grain is read from: low, so stubble, a mole or a strand
# of hair (a few discs) is not read; not the least, which was a neck's smooth shade
TYPICAL_DETAIL = 25
# share of the shopper's sure skin's grain (cheeks, hands) the grain laid has at least: the body's bare skin
# has from about two thirds of it (a smooth chest) to all of it
GRAIN_FLOOR = 0.7
# px (input res): the grain is made on a square this wide and tiled (seamless: its noise is periodic);
# a random grain repeating every this many px shows no pattern, and costs a fraction of a whole box's
TILE = 128


def _enlarged(values: np.ndarray, box: tuple[slice, slice], big: tuple[slice, slice],
              scale: tuple[float, float]) -> np.ndarray:
    """`values` (working res over `box`) resampled onto the input-res `big` box as `uncover.paste`
    maps the working frame onto the photo (`scale`: input px per working px); 0 outside `box`."""
    sy, sx = scale
    to_work = np.float32([[1 / sx, 0, (big[1].start + 0.5) / sx - 0.5 - box[1].start],
                          [0, 1 / sy, (big[0].start + 0.5) / sy - 0.5 - box[0].start]])
    size = (big[1].stop - big[1].start, big[0].stop - big[0].start)
    return cv2.warpAffine(values, to_work, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def _laid(skin_share: np.ndarray, box: tuple[slice, slice], pasted: tuple[slice, slice],
          scale: tuple[float, float]) -> tuple[np.ndarray, tuple[slice, slice]]:
    """`skin_share` (working res over `box`) `_enlarged` onto the `pasted` box (input res), cropped to where
    it is above 0 (the paste's box takes in the room's fill too), and that crop's box (input res)."""
    share = _enlarged(skin_share.astype(np.float32), box, pasted, scale)
    x, y, w, h = cv2.boundingRect((share > 0).astype(np.uint8))
    return share[y:y + h, x:x + w], (slice(pasted[0].start + y, pasted[0].start + y + h),
                                     slice(pasted[1].start + x, pasted[1].start + x + w))


def _band(light: np.ndarray, scale: float) -> np.ndarray:
    """The detail of a lightness plane (input res) finer than a working pixel (`scale` input px): what
    the enlargement of paint made at the working size lacks."""
    return light - cv2.GaussianBlur(light, (0, 0), scale, borderType=cv2.BORDER_REFLECT)


def _patch(out: np.ndarray, seen: np.ndarray, box: tuple[slice, slice], half_min: float,
           scale: tuple[float, float]) -> tuple[int, int, float] | None:
    """The centre (row, col of the working-res `box`) and radius (working px) of a disc of sure skin
    `seen` at least `half_min` px round whose lightness in `out` (input res) has the least detail finer
    than a working pixel: skin's own grain, not the stubble under a chin, a mole or a strand of hair,
    which as grain drew a hairy chest; None when no disc fits."""
    inside = cv2.distanceTransform(np.pad(seen, 1).astype(np.uint8), cv2.DIST_L2, 5)[1:-1, 1:-1]
    fits = inside >= half_min
    if not fits.any():
        return None
    sy, sx = scale
    crop = out[int(box[0].start * sy):int(box[0].stop * sy), int(box[1].start * sx):int(box[1].stop * sx)]
    size = 2 * int(np.ceil(half_min)) + 1
    # its energy per working pixel, summed over a disc's square: only as far right and down as the last disc's
    # square reaches (the box filter's sums run from the top left, so the cells before them are all kept)
    ys, xs = np.flatnonzero(fits.any(axis=1)), np.flatnonzero(fits.any(axis=0))
    fits = fits[:min(fits.shape[0], int(ys[-1]) + size // 2 + 1), :min(fits.shape[1], int(xs[-1]) + size // 2 + 1)]
    energy = cv2.boxFilter(_energy(crop, seen.shape, fits.shape, min(sy, sx)), -1, (size, size))
    # not the very smoothest disc: a neck in soft shade under the jaw has less grain than the lit chest painted
    # (picked, the paint read as a smooth sticker); a low share of the way up the discs' detail still
    # leaves out stubble, moles and strands of hair, which are a few of them
    typical = np.percentile(energy[fits], TYPICAL_DETAIL)
    energy = np.where(fits, np.abs(energy - typical), np.inf)
    y, x = np.unravel_index(int(np.argmin(energy)), energy.shape)
    return int(y), int(x), float(inside[y, x])


def _energy(crop: np.ndarray, shape: tuple[int, int], cells: tuple[int, int], scale: float) -> np.ndarray:
    """The `_band` detail's square of the photo's `crop` (input res) area-resized to `shape` (working res),
    for its leading `cells` (rows, columns) alone: the resize's scale is the whole crop's, and those cells'
    areas, with the blur's reach past them, are all read from the crop (the rest of it was most of the cost)."""
    H, W = crop.shape[:2]
    h, w = shape
    fy, fx = h / H, w / W  # as the resize to `shape` takes them
    # the input rows and columns those cells take in, with two to spare, and the blur's reach past them
    Y, X = min(H, int(np.ceil(cells[0] * H / h)) + 2), min(W, int(np.ceil(cells[1] * W / w)) + 2)
    if round(W / w) * w == W:  # whole input px to a cell: the resize's fast path sums a row's last cells apart
        X = W
    reach = int(np.ceil(BLUR_REACH_SIGMAS * scale)) + 2
    light = cv2.cvtColor(np.ascontiguousarray(crop[:Y + reach, :X + reach]), cv2.COLOR_RGB2GRAY).astype(np.float32)
    fine = _band(light, scale)[:Y, :X]
    return cv2.resize(fine * fine, None, fx=fx, fy=fy, interpolation=cv2.INTER_AREA)[:cells[0], :cells[1]]


def _relative(light: np.ndarray, scale: float) -> np.ndarray:
    """The detail of a lightness plane finer than a working pixel as a share of its local mean."""
    band = _band(light, scale)
    return np.clip(band / np.maximum(light - band, 1.0), -TEXTURE_CAP, TEXTURE_CAP)


def sure_grain(person: PersonAnalysis, photo: np.ndarray) -> float | None:
    """`_sure_grain` of the photo (input res) as the render has it so far; None when it is no larger than
    the working size (no grain is laid then). `bare_collar` has it read on a helper thread while the paint's
    colour is made on the other, and waits for it before its paste writes the photo."""
    H, W = photo.shape[:2]
    scale = (H / person.mask.shape[0], W / person.mask.shape[1])
    return _sure_grain(person, photo, scale) if min(scale) > 1.0 else None


def _sure_grain(person: PersonAnalysis, photo: np.ndarray, scale: tuple[float, float]) -> float | None:
    """The spread (robust) of `_relative` detail on the shopper's sure skin (`skin.sample_region`: the
    cheeks, the hands) in the photo (input res), GRAIN_EDGE working px inside its outline; None when
    too little is seen. Read once per photo: the face and hands are never painted over."""
    def measure() -> float | None:
        region = sample_region(person)
        if not region.any():
            return None
        # eroded on a crop round it with a px of room to spare: the erosion reaches GRAIN_EDGE
        near = around(region, GRAIN_EDGE + 1)
        sure = cv2.erode(region[near].astype(np.uint8), np.ones((2 * GRAIN_EDGE + 1,) * 2, np.uint8))
        if cv2.countNonZero(sure) < MIN_SKIN_SAMPLE:
            return None
        x, y, w, h = cv2.boundingRect(sure)
        sure = sure[y:y + h, x:x + w]
        x, y = x + near[1].start, y + near[0].start
        sy, sx = scale
        crop = photo[int(y * sy):int((y + h) * sy), int(x * sx):int((x + w) * sx)]
        fine = np.concatenate(list(_pieces_detail(crop, sure, min(sy, sx))))
        return float(1.4826 * np.median(np.abs(fine - np.median(fine))))
    return person.derived("sure_grain_input", measure)


def _pieces_detail(crop: np.ndarray, sure: np.ndarray, scale: float):
    """`_relative` detail of the photo's `crop` (input res) at the pixels of `sure` (working res, resized
    over the crop), band by band: the cheeks and the hands lie far apart in the crop, and the blur of
    the room between them was most of the read. Each band of rows with sure skin (apart from the next by
    more than twice the blur's reach) is read on its own crop, as far past it as the blur reaches: the
    same values as the whole crop's."""
    reach = int(np.ceil(BLUR_REACH_SIGMAS * scale)) + 2  # input px
    gap = int(np.ceil(reach / scale)) + 1  # working px
    H, W = crop.shape[:2]
    h, w = sure.shape
    on = cv2.resize(sure, (W, H), interpolation=cv2.INTER_NEAREST) > 0
    ys = np.flatnonzero(sure.any(axis=1))
    for rows in np.split(ys, np.flatnonzero(np.diff(ys) > 2 * gap) + 1):
        xs = np.flatnonzero(sure[rows[0]:rows[-1] + 1].any(axis=0))
        y0, y1 = max(0, int(rows[0]) - gap), min(h, int(rows[-1]) + 1 + gap)
        x0, x1 = max(0, int(xs[0]) - gap), min(w, int(xs[-1]) + 1 + gap)
        # the input rows and columns the resize maps onto these, and no others' sure pixels
        box = (slice(int(y0 * H / h), min(H, int(np.ceil(y1 * H / h)))),
               slice(int(x0 * W / w), min(W, int(np.ceil(x1 * W / w)))))
        light = cv2.cvtColor(np.ascontiguousarray(crop[box]), cv2.COLOR_RGB2GRAY).astype(np.float32)
        yield _relative(light, scale)[on[box]]


@cache
def _white_noise() -> tuple[np.ndarray, np.ndarray]:
    """The spectrum of a TILE-px square of seeded white noise, and each of its frequencies (cycles per
    px): the same for every render, so made once."""
    g = np.fft.fftfreq(TILE)
    return (np.fft.fft2(np.random.default_rng(0).standard_normal((TILE, TILE))),
            np.hypot(g[:, None], g[None, :]))


def _grain_tile(detail: np.ndarray, lowest: float) -> np.ndarray:
    """A TILE-px square of seamless (periodic) noise with the power spectrum of `detail` (a square of
    skin's fine lightness detail) above the frequency `lowest` (cycles per px), averaged round each
    frequency: the same spread and fineness of grain, the same in every direction. Unaveraged, the
    neck's tendons and the photo's 8-px JPEG blocks drew streaks and a cross-hatch over the chest."""
    n = detail.shape[0]
    window = np.outer(np.hanning(n), np.hanning(n)).astype(np.float32)
    power = np.abs(np.fft.fft2(detail * window)) ** 2 / max(float((window * window).sum()), 1e-6)
    f = np.fft.fftfreq(n)
    bins = np.rint(np.hypot(f[:, None], f[None, :]) * n).astype(int).ravel()
    radial = np.bincount(bins, power.ravel()) / np.maximum(np.bincount(bins), 1)
    noise, freq = _white_noise()
    wanted = np.where(freq >= lowest, np.interp(freq * n, np.arange(radial.size), radial), 0.0)
    return np.real(np.fft.ifft2(noise * np.sqrt(wanted))).astype(np.float32)


def skin_texture(out: np.ndarray, person: PersonAnalysis, seen: np.ndarray, box: tuple[slice, slice],
                 skin_share: np.ndarray, painted: Repaint) -> None:
    """Lays grain like that of the bare skin `seen` (a mask of the working-res `box`, real skin
    untouched in `out`) over the painted skin, in place in `out` (input res) inside `painted`'s box,
    as much as each pixel is painted skin (`skin_share`, working res over `box`): noise with the
    fine detail of a square of that skin as its spectrum (`_grain_tile`), not the square copied,
    which repeated its marks (a hair, a pore) as a wallpaper."""
    H, W = out.shape[:2]
    sy, sx = H / person.mask.shape[0], W / person.mask.shape[1]
    scale = min(sy, sx)
    if scale <= 1.0:  # a photo no larger than the working size: the paint has the skin's grain already
        return
    found = _patch(out, seen, box, np.sqrt(2.0) * (PATCH_MIN / 2 + 1) / scale, (sy, sx))
    if found is None:
        return
    y, x, radius = found
    # the largest square inside that disc, at the photo's resolution, at most PATCH_MAX across
    half = min(int((radius - 1.0) / np.sqrt(2.0) * scale), PATCH_MAX // 2)
    cy, cx = int((box[0].start + y + 0.5) * sy), int((box[1].start + x + 0.5) * sx)
    patch = out[cy - half:cy + half + 1, cx - half:cx + half + 1]
    if patch.shape[0] != patch.shape[1] or patch.shape[0] < PATCH_MIN:  # at the photo's edge
        return
    # where the grain is laid and how much, made on the helper thread meanwhile: it reads only the share
    spread_over = beside(lambda: _laid(skin_share, box, painted.box, (sy, sx)))
    light = cv2.cvtColor(np.ascontiguousarray(patch), cv2.COLOR_RGB2GRAY).astype(np.float32)
    # the paint, made at the working size, has all of the skin's detail coarser than a working pixel (its
    # light, its grain there): what the enlargement took is the detail past the working size's Nyquist
    detail = _relative(light, scale)
    detail -= float(detail.mean())
    # no grainier than the shopper's sure skin (cheeks, hands): hair beside a shoulder passes for skin, and
    # its strands drew a sandy grain on the paint; and no less than GRAIN_FLOOR of it: a disc in the neck's
    # soft shade drew a smooth sticker, and which disc is picked turns on a few pixels passing for skin
    sure, spread = sure_grain(person, out), float(detail.std())
    if sure is not None and spread > 0:
        detail *= float(np.clip(spread, GRAIN_FLOOR * sure, sure)) / spread
    tile = _grain_tile(detail, 0.5 / scale)
    share, big = spread_over.result()
    h, w = share.shape
    grain = np.tile(tile, (-(-h // TILE), -(-w // TILE)))[:h, :w]
    # laid on the box's upper and lower rows at once: their pixels are apart
    photo = out[big]
    in_halves(h, lambda rows: _grained(photo[rows], grain[rows], share[rows]))


def _grained(photo: np.ndarray, grain: np.ndarray, share: np.ndarray) -> None:
    """`photo` (input res) times 1 + `grain` by `share`, in place."""
    if photo.size:
        photo[:] = cv2.convertScaleAbs(cv2.multiply(photo.astype(np.float32), cv2.merge([1.0 + grain * share] * 3)))
