"""The faster listings and draws the render uses give numpy's own answers, bit for bit."""

import numpy as np

from tryon.arms import skin_reaches
from tryon.pixels import set_pixels, under
from tryon.skin import _normals


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
