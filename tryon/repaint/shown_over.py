"""What a render says it drew the new garment over: the old clothing a bare limb could not be rebuilt in place of, as
much of it as still shows once every repaint is made, worded as the shopper would name it."""

from __future__ import annotations

import numpy as np

from tryon.analysis.person import L_ELBOW, R_ELBOW, PersonAnalysis

# what the render says it drew the new garment over, per limb group ("arms", "legs") that could not be rebuilt
SHOWN_OVER = {"arms": "long_sleeves", "legs": "trousers"}
SHORT_SLEEVES = "top"   # old sleeves ending above the elbows are the shopper's own top's, shown over as that
# share of the old clothing a garment is shown over that must still show once every repaint is made for the
# render to be said to be shown over it
STILL_SHOWN = 0.25


def past_elbows(person: PersonAnalysis, name: str, old: np.ndarray) -> bool:
    """Whether a limb group's old clothing (`old`, working res) is sleeves reaching below the elbows."""
    elbows = max(person.point(L_ELBOW)[1], person.point(R_ELBOW)[1])
    return name == "arms" and bool(old[int(np.ceil(elbows)):].any())


def still_shown(person: PersonAnalysis, kept: list[tuple[str, np.ndarray]], covered: np.ndarray) -> tuple[str, ...]:
    """What the garment is still shown over, of the old clothing `kept` ((group name, pixels) a limb was not rebuilt
    in place of) once the render's repaints are made (`covered`: working res, the garment and every repainted
    pixel). Old clothing another repaint took away is not (a polo's striped short sleeves, no limb to rebuild, were
    painted as shoulders by `uncover_neck`, and the reply said the tee was shown over long sleeves the picture no
    longer had). Old sleeves are long past the elbows, else the shopper's own top's (a corset over a printed T-shirt
    was said to be shown over long sleeves)."""
    return tuple(SHOWN_OVER[name] if name != "arms" or past_elbows(person, name, old) else SHORT_SLEEVES
                 for name, old in kept if int((old & ~covered).sum()) > STILL_SHOWN * int(old.sum()))
