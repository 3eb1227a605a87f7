"""The render's numbered steps (`engine.render_on`), and the hook a caller is told each step's result by, as the
stage sheet (`stage_sheet`) is drawn."""

from __future__ import annotations

from typing import Callable

# step: what it makes (its result's type)
STEPS: dict[int, str] = {
    1: "person",      # the person analysed: pose, masks, skin (`analysis.person.PersonAnalysis`)
    2: "cutout",      # the garment cut out of its product photo, with keypoints (`garment.cutout.GarmentCutout`)
    3: "warp",        # the garment warped onto the body (`fit.warp.Warped`)
    4: "layering",    # what of the garment shows: what stays in front, the rim, its alpha (`compose.layering.Shown`)
    5: "repaint",     # the old clothes it leaves showing repainted (`compose.layering.Repainted`)
    6: "composite",   # the garment laid into the photo (`compose.layering.Composed`)
    7: "gate",        # the quality gate's measures (`quality.gate.Quality`)
    8: "fit_notes",   # where its hem and sleeves end on the wearer (`fit_notes.Landing`)
}
OnStep = Callable[[int, object], None]   # told each step's number and result as the render makes it


def unseen(step: int, result: object) -> None:
    """The `OnStep` of a render no one looks into."""
