"""What shows just above a new bottom's waistband, on real photos (../shared/tryon_dev, skipped cleanly when
absent): the shopper's own top, as the photo shows it, down to the band.

The band's top edge was read at the top of a button tab standing up from it, and from there across the waist the
old top's hem was painted out as the room: a white stripe between a plaid cardigan and new jeans, his cuff cut
off with it (93% of the strip just above the band repainted on his photo, 12% on hers).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set

pytestmark = needs_dev_set

STRIP_ROWS = 8        # working px above the waistband's top edge (its columns' median top row) read
CHANGED = 30          # a pixel the render changed by more than this (any channel) is repainted
# share of the strip above the band the render may repaint: a few px of the old top's soft outline, at most
WAIST_KEPT = 0.08


@pytest.mark.parametrize("person_file,garment_file", [("person_fitdit_0179.jpg", "lower_051946_1.jpg"),
                                                      ("person_051482_0.jpg", "lower_051412_1.jpg")])
def test_the_top_above_a_new_waistband_is_left_as_the_photo_shows_it(engine, person_file, garment_file):
    got = dev_render(engine, person_file, garment_file, "lower")
    person, alpha = got.person, got.done.work_alpha
    garment = alpha > 0.5
    cols = np.flatnonzero(garment.any(axis=0))
    top = int(np.median(np.argmax(garment[:, cols], axis=0)))
    strip = np.zeros(garment.shape, bool)
    strip[top - STRIP_ROWS:top, cols.min():cols.max() + 1] = True
    strip &= person.body & (alpha < 0.02)
    changed = np.abs(got.work.astype(int) - person.image.astype(int)).max(axis=2) > CHANGED
    assert strip.sum() > 500 and float(changed[strip].mean()) <= WAIST_KEPT, float(changed[strip].mean())
