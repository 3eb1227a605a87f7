"""What a render is said to be shown over is what still shows once every repaint is made (../shared/tryon_dev,
skipped cleanly when absent): four men in short-sleeved shirts or polos were told a new tee was shown over their
long sleeves, though their sleeves were painted as shoulders and arms; long sleeves whose arms cannot be rebuilt
(the hands hidden) still are, printed ones no longer; printed short sleeves kept (beside a tank, a bustier) are the
shopper's own top, worn under it. A printed old top left below a shorter new one is said too."""

from __future__ import annotations

import pytest

from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.analysis.person import load_image

pytestmark = needs_dev_set


@pytest.mark.parametrize("person_file,garment_file,over", [
    ("person_fitdit_0303.jpg", "upper_14673_00.jpg", ("top",)),   # a striped polo's short sleeves beside a tank
    ("person_fitdit_0279.jpg", "upper_09166_00.jpg", ()),              # a striped short-sleeved shirt
    ("person_fitdit_0220.jpg", "upper_09164_00.jpg", ("long_sleeves",)),   # a long-sleeved sweater
    ("person_fitdit_8.png", "upper_09163_00.jpg", ("long_sleeves",)),      # a cardigan's cuffs over the wrists
    ("person_fitdit_0179.jpg", "upper_09163_00.jpg", ()),   # a plaid cardigan's sleeves, told by their print
    # a cropped bustier over a printed T-shirt, whose short sleeves stay: said to be over long sleeves before
    ("person_fitdit_0274.jpg", "upper_14627_00.jpg", ("top",)),
])
def test_a_render_is_said_to_be_shown_over_what_still_shows(engine, person_file, garment_file, over):
    result = engine.render(load_image(IMAGES / person_file), str(IMAGES / garment_file), "t-shirt")
    assert result.landing.shown_over == over


@pytest.mark.parametrize("person_file,garment_file,over", [
    ("person_fitdit_0279.jpg", "upper_14627_00.jpg", ("top",)),     # a cropped bustier over a long striped shirt
    # a blouse over a polo, and over a long striped shirt (read between its bell sleeves' ends hanging past its hem):
    # the polo's navy rib and the shirt's hem band below it are painted over as the trousers carried up
    ("person_fitdit_0303.jpg", "upper_049947_1.jpg", ()),
    ("person_fitdit_0279.jpg", "upper_049947_1.jpg", ()),
    ("person_fitdit_0223.jpg", "upper_09164_00.jpg", ()),           # a tee over a long-sleeved one, its hem covered
])
def test_an_old_printed_top_below_a_shorter_new_one_is_said(engine, person_file, garment_file, over):
    """A printed old top left below a shorter new top, more of it than the trousers can be carried up over
    (`repaint.lower_carried_up`), is not painted away (it is no one colour): the render says it is shown over the
    shopper's own top (`compose.below_hem`), read against the trousers' own colours."""
    result = engine.render(load_image(IMAGES / person_file), str(IMAGES / garment_file), "blouse")
    assert "top" in result.landing.shown_over if over else "top" not in result.landing.shown_over
