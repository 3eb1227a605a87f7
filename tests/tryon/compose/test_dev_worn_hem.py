"""A top worn round the torso on real photos (../shared/tryon_dev, skipped cleanly when absent), not pasted
on flat: its hem curves round the body (its middle hangs lower than its sides across the hips), it casts a
soft shadow on what it lies on, and its light falls off towards the torso's sides."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.person import L_HIP, R_HIP

pytestmark = needs_dev_set

PAIRS = [("person_049205_0.jpg", "upper_09176_00.jpg"), ("person_model_9.png", "upper_09163_00.jpg"),
         ("person_00121_00.jpg", "upper_09305_00.jpg")]


def _render(engine, person_file: str, garment_file: str):
    r = dev_render(engine, person_file, garment_file)
    out = cv2.cvtColor(r.work, cv2.COLOR_RGB2LAB)
    return r.person, r.done.work_alpha > 0.5, out[..., 0].astype(np.float32)


def _hem(person, solid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The columns across the hips (a little past the hip joints) and the garment's lowest row in each."""
    sw = person.shoulder_width
    xs = sorted((float(person.point(L_HIP)[0]), float(person.point(R_HIP)[0])))
    cols = np.arange(int(xs[0] - 0.3 * sw), int(xs[1] + 0.3 * sw) + 1)
    cols = cols[solid[:, cols].any(axis=0)]
    return cols, solid.shape[0] - 1 - np.argmax(solid[::-1, cols], axis=0)


@pytest.mark.parametrize("person_file,garment_file", PAIRS)
def test_a_tops_hem_curves_round_the_torso_and_shades_what_is_under_it(engine, person_file, garment_file):
    """The hem was one dead-straight row across the hips, a sticker's edge: now its middle fifth hangs lower
    than its outer fifths by 2.5% of the shoulders' width at least (it was level); just below its middle the
    trousers or skirt are darker than in the photo (they were as light), the hem's soft shadow."""
    person, solid, out = _render(engine, person_file, garment_file)
    cols, lowest = _hem(person, solid)
    n = cols.size
    middle = float(np.median(lowest[2 * n // 5:3 * n // 5]))
    sides = float(np.median(np.r_[lowest[:n // 5], lowest[-(n // 5):]]))
    assert middle - sides > 0.025 * person.shoulder_width, (middle, sides)
    photo = person.lab[..., 0].astype(np.float32)
    under = [photo[y + k, x] - out[y + k, x] for x, y in zip(cols[2 * n // 5:3 * n // 5], lowest[2 * n // 5:3 * n // 5])
             for k in (2, 3) if y + k < photo.shape[0]]
    assert float(np.median(under)) > 6.0, np.median(under)


def test_a_plain_tops_light_falls_off_towards_the_torsos_sides(engine):
    """Across the white tee's waist, its outer fifths are darker than its middle fifth (they were as light or lighter):
    the cloth turns away from the light round the body."""
    person, solid, out = _render(engine, "person_00035_00.jpg", "upper_09166_00.jpg")
    cols, lowest = _hem(person, solid)
    y = int(np.median(lowest) - 0.3 * person.shoulder_width)
    row = np.flatnonzero(solid[y])
    n = row.size
    light = out[y, row]
    middle = float(np.median(light[2 * n // 5:3 * n // 5]))
    sides = float(np.median(np.r_[light[n // 20:n // 5], light[-(n // 5):-(n // 20)]]))
    assert sides < middle - 3.0, (sides, middle)
