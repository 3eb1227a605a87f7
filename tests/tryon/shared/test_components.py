"""Labelling an empty box: OpenCV's own call ends the process there; ours says it holds no pieces."""

from __future__ import annotations

import numpy as np

from tryon.shared.components import components, components_with_stats


def test_an_empty_box_has_no_pieces():
    for shape in ((0, 5), (5, 0), (0, 0)):
        n, labels = components(np.zeros(shape, np.uint8))
        assert n == 1 and labels.shape == shape
        n, labels, stats, centroids = components_with_stats(np.zeros(shape, np.uint8), connectivity=4)
        assert n == 1 and labels.shape == shape and stats.shape == (1, 5) and centroids.shape == (1, 2)


def test_pieces_are_opencvs_elsewhere():
    mask = np.zeros((6, 6), np.uint8)
    mask[0:2, 0:2] = 1
    mask[4:6, 4:6] = 1
    assert components(mask)[0] == 3
    assert components_with_stats(mask)[2][1:, 4].tolist() == [4, 4]
