"""New trousers on real photos of people in other clothes (../shared/tryon_dev, skipped cleanly when
absent; people of the tune half): the trouser legs keep their own width past an old dress's hem, part
below the crotch, and nothing of the old clothes is left in a line beside them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.garment.keypoints import runs
from tryon.analysis.person import L_ANKLE, L_HIP, L_KNEE, R_ANKLE, R_HIP, R_KNEE, load_image
from tryon.fit.warp import warp

pytestmark = needs_dev_set


def _worn(engine, person_file: str, garment_file: str):
    """The person analysed, and the render and its alpha at the working size."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    result = engine.render(rgb, str(IMAGES / garment_file), "trousers", person=person)
    h, w = person.mask.shape
    return person, cv2.resize(result.image, (w, h), interpolation=cv2.INTER_AREA), cv2.resize(result.alpha, (w, h))


def _rows(person, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return (int(float(person.point(a[0])[1] + person.point(a[1])[1]) / 2),
            int(float(person.point(b[0])[1] + person.point(b[1])[1]) / 2))


@pytest.mark.parametrize("garment_file", ["lower_051991_1.jpg", "lower_051946_1.jpg"])
def test_trouser_legs_keep_their_width_past_an_old_dress_hem(engine, garment_file):
    """On a woman in a knee-length dress the trouser legs were sized from the person mask, which is
    the dress down to its hem and the bare legs below: as wide as the dress, then stepped in at its
    hem. Their width (pixels of the trousers' colour per row) just below the hem is now that just
    above it (before: .76 of it for both pairs; now .95 and 1.03)."""
    person, out, alpha = _worn(engine, "person_052964_0.jpg", garment_file)
    hip, ankle = _rows(person, (L_HIP, R_HIP), (L_ANKLE, R_ANKLE))
    wide = (person.mask > 0.5).sum(axis=1).astype(float)
    k = 4
    hem = hip + k + int(np.argmax([wide[y - k] - wide[y + k] for y in range(hip + k, ankle - k)]))  # the mask steps in
    lab = cv2.cvtColor(out, cv2.COLOR_RGB2LAB).astype(np.float32)
    colour = np.median(lab[alpha > 0.99], axis=0)
    trousers = (np.linalg.norm(lab - colour, axis=2) < 25).sum(axis=1).astype(float)
    assert trousers[hem + 2 * k] / trousers[hem - 2 * k] > 0.85


def test_no_line_of_the_old_black_trousers_beside_new_light_ones(engine):
    """Her black trousers are wider than the new pink jeans: the opening that drops stray specks from
    what is painted out dropped the last px or two beside the new legs too, and the fill drew on the
    old trousers' soft outline: a broken dark line down the legs. Below the top of the thighs nothing
    is as dark now but the shoes (before: 36 px at the working size; now 3)."""
    person, out, _ = _worn(engine, "person_051482_0.jpg", "lower_051946_1.jpg")
    hip, knee = _rows(person, (L_HIP, R_HIP), (L_KNEE, R_KNEE))
    _, ankle = _rows(person, (L_HIP, R_HIP), (L_ANKLE, R_ANKLE))
    dark = out.max(axis=2) < 110
    assert int(dark[hip + (knee - hip) // 3:ankle].sum()) < 15


@pytest.mark.parametrize("person_file", ["person_049205_0.jpg", "person_model_9.png"])
def test_trouser_legs_part_below_the_crotch_though_they_touch_in_the_product_photo(engine, person_file):
    """The paisley trousers' legs touch in the product photo down past the knees' height: both legs'
    inner edges were pinned to one seam, and worn they stayed one baggy block down to the knees. Cut
    open along the inseam, each leg follows its own: between mid-thigh and the knees the trousers are
    two legs in every row (before: 4 and 3 % of those rows)."""
    person = engine.analyze_person(load_image(IMAGES / person_file))
    worn = warp(person, engine.prepare(str(IMAGES / "lower_051473_1.jpg"), "trousers")).alpha > 0.5
    hip, knee = _rows(person, (L_HIP, R_HIP), (L_KNEE, R_KNEE))
    rows = range(hip + (knee - hip) // 2, knee)
    two = [len([r for r in runs(worn[y]) if r[1] - r[0] > 2]) >= 2 for y in rows]
    assert np.mean(two) > 0.9
