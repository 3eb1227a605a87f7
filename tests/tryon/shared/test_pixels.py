"""The faster listings, draws and enlargements the render uses give numpy's and OpenCV's own answers, bit for bit."""

import cv2
import numpy as np
import pytest

from tryon.analysis.arms import skin_reaches
from tryon.shared.boxes import around, enlarged_in
from tryon.shared.pixels import set_pixels, under
from tryon.analysis.skin import _normals


def test_a_mask_s_pixels_are_numpy_s_own_in_numpy_s_order():
    rng = np.random.default_rng(1)
    image = rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)
    mask = rng.random((60, 80)) < 0.3
    for box in ((slice(None), slice(None)), (slice(5, 50), slice(None)), (slice(7, 41), slice(9, 70))):
        assert np.array_equal(under(image[box], mask[box]), image[box][mask[box]])
        assert all(np.array_equal(a, b) for a, b in zip(set_pixels(mask[box]), np.nonzero(mask[box])))
    assert under(image, np.zeros((60, 80), bool)).shape == (0, 3)


def test_the_grain_s_draws_are_the_seeded_generator_s_whatever_was_drawn_before():
    for shape in ((3, 4), (200, 150), (10, 10), (300, 320)):
        drawn = _normals(0, shape[0] * shape[1]).reshape(shape)
        assert np.array_equal(drawn, np.random.default_rng(0).standard_normal(shape, dtype=np.float32))


def test_skin_read_with_a_limit_each_is_skin_read_with_each_limit_alone():
    rng = np.random.default_rng(2)
    skin = rng.random((120, 120)) < 0.8
    starts = rng.uniform(10, 110, (24, 2))
    outward = rng.normal(size=(24, 2))
    outward /= np.linalg.norm(outward, axis=1)[:, None]
    limits = rng.uniform(1, 40, 24)
    each = [skin_reaches(skin, starts[i:i + 1], outward[i], limits[i], 3)[0] for i in range(24)]
    assert np.array_equal(skin_reaches(skin, starts, outward, limits, 3), np.array(each), equal_nan=True)


def test_an_enlargement_made_in_a_box_alone_is_the_whole_frame_s_there():
    rng = np.random.default_rng(3)
    # dyadic scales (made on a crop) and others (made whole), float, double and 8-bit, boxes anywhere up to the edges
    for small, big in (((64, 64), (1024, 1024)), ((640, 480), (1024, 768)), ((200, 120), (1600, 960)),
                       ((64, 48), (1000, 750)), ((160, 200), (256, 320))):
        for image in (rng.random(small, np.float32), rng.random(small), rng.integers(0, 256, (*small, 3), dtype=np.uint8)):
            whole = cv2.resize(image, big[::-1], interpolation=cv2.INTER_LINEAR)
            for _ in range(40):
                (y0, y1), (x0, x1) = (sorted(rng.choice(n + 1, 2, replace=False)) for n in big)
                box = (slice(y0, y1), slice(x0, x1))
                assert np.array_equal(enlarged_in(image, big, box), whole[box])


def test_the_box_round_a_mask_is_the_box_of_its_rows_and_columns_that_hold_a_pixel():
    rng = np.random.default_rng(5)
    # bool, byte and float masks, sparse and dense, views into larger ones, margins clipped at the edges
    for _ in range(300):
        h, w = rng.integers(1, 200, 2)
        mask = rng.random((h + 4, w + 5)) < rng.choice([0.001, 0.02, 0.6])
        mask = mask[2:2 + h, 3:3 + w]
        if not mask.any():
            with pytest.raises(ValueError):
                around(mask, 1)
            continue
        ys, xs = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        for margin in (0, 4):
            box = (slice(max(0, ys[0] - margin), min(h, ys[-1] + margin + 1)),
                   slice(max(0, xs[0] - margin), min(w, xs[-1] + margin + 1)))
            for m in (mask, mask.astype(np.uint8) * 7, mask.astype(np.float32)):
                assert around(m, margin) == box
