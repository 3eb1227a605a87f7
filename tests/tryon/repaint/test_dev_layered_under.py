"""A top drawn over the shopper's old long sleeves, or a sleeveless one over old sleeves it leaves showing, is worn
over that old top, on real photos (../shared/tryon_dev, skipped cleanly when absent): its shoulders and collar are not
painted as skin. Painted, they stood as flat skin blocks above the black knit sleeves left below a blouse's, and a
bandeau's shoulders over a printed cardigan."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.tryon.dev_set import dev_render, needs_dev_set
from tryon.analysis.person import L_ELBOW, R_ELBOW
from tryon.repaint import uncover_limbs

pytestmark = needs_dev_set


def _painted_above_elbows(engine, person_file: str, garment_file: str) -> tuple[float, tuple[str, ...]]:
    """Share of the body above the elbows painted beside the garment (working res), and what it is shown over."""
    person, _, done, _ = dev_render(engine, person_file, garment_file)
    h, w = person.mask.shape
    painted = (cv2.resize(done.alpha, (w, h), interpolation=cv2.INTER_AREA) >= 0.5) & (done.work_alpha < 0.5)
    above = np.zeros((h, w), bool)
    above[:int(min(person.point(L_ELBOW)[1], person.point(R_ELBOW)[1]))] = True
    return float((painted & above & person.body).sum() / (above & person.body).sum()), done.shown_over


@pytest.mark.parametrize("person_file,garment_file", [("person_fitdit_8.png", "upper_049965_1.jpg"),
                                                      ("person_fitdit_0083.jpg", "upper_10297_00.jpg")])
def test_the_old_top_under_a_top_shown_over_its_long_sleeves_keeps_its_shoulders(engine, monkeypatch,
                                                                                  person_file, garment_file):
    layered, over = _painted_above_elbows(engine, person_file, garment_file)
    with monkeypatch.context() as m:
        m.setattr(uncover_limbs.Plan, "old_top_kept", lambda self, person, warped: False)
        painted, _ = _painted_above_elbows(engine, person_file, garment_file)
    assert "long_sleeves" in over
    assert layered < 0.03 and painted > 2 * layered + 0.05, (layered, painted)


@pytest.mark.parametrize("person_file,garment_file", [("person_fitdit_0279.jpg", "upper_14627_00.jpg"),
                                                      ("person_fitdit_0303.jpg", "upper_14673_00.jpg")])
def test_the_old_top_under_a_sleeveless_top_shown_over_its_short_sleeves_keeps_its_shoulders(
        engine, monkeypatch, person_file, garment_file):
    """A corset over a printed camp-collar shirt, a tank over a striped polo: the printed short sleeves are not rebuilt
    as arms (the new top stops above the waist, or no hand is seen), so the shirt is worn under it. Its shoulders and
    sleeves were painted as skin in the sleeves' shape, blocks with steps beside the straps."""
    layered, over = _painted_above_elbows(engine, person_file, garment_file)
    with monkeypatch.context() as m:
        m.setattr(uncover_limbs.Plan, "old_top_kept", lambda self, person, warped: False)
        painted, _ = _painted_above_elbows(engine, person_file, garment_file)
    assert over, over
    assert layered < 0.03 and painted > 2 * layered + 0.05, (layered, painted)
