"""A hole the segmenter opens in the person mask is closed when it shows the clothes round it and left
open when it shows the room (a real gap): read on a real photo's mask and colours."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from tryon.analysis.detect import Models, analyze
from tryon.analysis.mask_holes import close_false_holes


@pytest.fixture(scope="module")
def person():
    models = Models()
    try:
        yield analyze(data.astronaut(), models)
    finally:
        models.close()


def _torso_hole(person) -> tuple[slice, slice]:
    """A small square well inside the body, below the shoulders (the suit's chest)."""
    ys, xs = np.nonzero(person.mask > 0.5)
    cy, cx = int(np.percentile(ys, 75)), int(np.median(xs))
    return slice(cy - 6, cy + 6), slice(cx - 6, cx + 6)


def test_a_hole_showing_the_clothes_is_closed(person):
    hole = _torso_hole(person)
    mask = person.mask.copy()
    assert (mask[hole] > 0.5).all()
    mask[hole] = 0.0
    closed = close_false_holes(mask, person.lab)
    assert (closed[hole] == 1.0).all()
    untouched = np.ones(mask.shape, bool)
    untouched[hole] = False
    assert np.array_equal(closed[untouched], mask[untouched])


def test_a_hole_showing_the_room_stays_open(person):
    hole = _torso_hole(person)
    mask, lab = person.mask.copy(), person.lab.copy()
    mask[hole] = 0.0
    rows = hole[0]   # the room's own colour, beside the person in the same rows, shows there
    lab[hole] = np.median(lab[rows][person.mask[rows] <= 0.5], axis=0).astype(lab.dtype)
    assert (close_false_holes(mask, lab)[hole] == 0.0).all()
