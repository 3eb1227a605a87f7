"""The stage sheet: a picture of each numbered step's result (`steps.STEPS`), written as the render makes it,
so a person can see at which step a bad render went wrong (`python -m tryon ... --stages DIR`).

Each picture is drawn from the step's own result, never from a second render: what the person mask, the cut-out,
the warp, the layering and the repaint were when the render read them. A refused render leaves the pictures of the
steps before the refusal, and the gate's verdict says which limits it broke.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import cv2
import numpy as np

from tryon.compose.layering import Composed, Repainted, Shown
from tryon.garment.cutout import GarmentCutout
from tryon.fit_notes import Landing
from tryon.analysis.person import PersonAnalysis
from tryon.quality.gate import LIMITS, REASONS, Quality
from tryon.shared.steps import STEPS
from tryon.fit.warp import Warped

# RGB colours of what each picture marks
BODY, SKIN, OUTLINE, BONES, JOINTS = (60, 110, 255), (255, 170, 40), (255, 255, 255), (0, 230, 120), (255, 40, 40)
SLEEVE, POINT = (255, 140, 0), (230, 0, 120)
TARGET, IN_FRONT, RIM, GARMENT_EDGE = (255, 230, 0), (0, 210, 90), (230, 0, 200), (0, 230, 255)
REPAINTED, FRINGE = (255, 220, 0), (255, 40, 40)
TINT = 0.45        # how much a marked region takes of its colour
CHECKER = 16       # px: the cut-out's checkerboard squares
MIN_LONG_SIDE = 900   # px: a picture smaller than this is enlarged, so its labels and lines read
# the pose's bones drawn over the person: shoulders, arms, torso, legs (mediapipe's landmark numbers)
BONE_PAIRS = ((11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (11, 23), (12, 24), (23, 24), (23, 25), (25, 27),
              (24, 26), (26, 28))


def _enlarged(rgb: np.ndarray) -> np.ndarray:
    """`rgb` enlarged by a whole factor until its long side reaches MIN_LONG_SIDE (nearest: its pixels stay sharp)."""
    factor = max(1, int(np.ceil(MIN_LONG_SIDE / max(rgb.shape[:2]))))
    return cv2.resize(rgb, None, fx=factor, fy=factor, interpolation=cv2.INTER_NEAREST) if factor > 1 else rgb.copy()


def _at(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A mask (any resolution) as a bool mask of the picture's size."""
    if mask.shape[:2] == shape[:2]:
        return mask.astype(bool)
    return cv2.resize(mask.astype(np.uint8), (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0


def _tint(img: np.ndarray, mask: np.ndarray, colour: tuple[int, int, int], share: float = TINT) -> None:
    where = _at(mask, img.shape)
    img[where] = (img[where] * (1 - share) + np.array(colour) * share).astype(np.uint8)


def _outline(img: np.ndarray, mask: np.ndarray, colour: tuple[int, int, int], width: int = 2) -> None:
    contours, _ = cv2.findContours(_at(mask, img.shape).astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    cv2.drawContours(img, contours, -1, (0, 0, 0), width + 2, cv2.LINE_AA)   # a dark halo: it reads on any colour
    cv2.drawContours(img, contours, -1, colour, width, cv2.LINE_AA)


def _dot(img: np.ndarray, xy: np.ndarray, colour: tuple[int, int, int], radius: int = 5) -> None:
    centre = tuple(int(round(v)) for v in xy)
    cv2.circle(img, centre, radius + 2, (0, 0, 0), -1, cv2.LINE_AA)
    cv2.circle(img, centre, radius, colour, -1, cv2.LINE_AA)


def _label(img: np.ndarray, text: str, xy: tuple[int, int], colour: tuple[int, int, int] = OUTLINE) -> None:
    cv2.putText(img, text, xy, cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 3, cv2.LINE_AA)
    cv2.putText(img, text, xy, cv2.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1, cv2.LINE_AA)


def _legend(img: np.ndarray, title: str, keys: list[tuple[str, tuple[int, int, int]]]) -> np.ndarray:
    """The picture under a white band naming the step and what each colour marks."""
    band = np.full((30 + 22 * len(keys), img.shape[1], 3), 255, np.uint8)
    cv2.putText(band, title, (8, 21), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 2, cv2.LINE_AA)
    for i, (text, colour) in enumerate(keys):
        y = 30 + 22 * i
        cv2.rectangle(band, (10, y + 4), (26, y + 18), colour, -1)
        cv2.rectangle(band, (10, y + 4), (26, y + 18), (0, 0, 0), 1)
        cv2.putText(band, text, (34, y + 16), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
    return np.vstack([band, img])


def person_picture(person: PersonAnalysis) -> np.ndarray:
    """Step 1: the person mask's sure half (the body) and the skin found on it tinted, the mask's outline, the
    pose's bones and joints and the face's box."""
    img = _enlarged(person.image)
    f = img.shape[0] / person.image.shape[0]
    _tint(img, person.body & ~person.skin, BODY)
    _tint(img, person.body & person.skin, SKIN)
    _outline(img, person.mask > 0.5, OUTLINE)
    for a, b in BONE_PAIRS:
        if min(person.landmarks[a, 2], person.landmarks[b, 2]) >= 0.5:
            cv2.line(img, tuple(int(v) for v in person.point(a) * f), tuple(int(v) for v in person.point(b) * f),
                     BONES, 3, cv2.LINE_AA)
    for i in {i for pair in BONE_PAIRS for i in pair}:
        if person.landmarks[i, 2] >= 0.5:
            _dot(img, person.point(i) * f, JOINTS, 4)
    if person.face_box is not None:
        x0, y0, x1, y1 = (int(v * f) for v in person.face_box)
        cv2.rectangle(img, (x0, y0), (x1, y1), SKIN, 2)
    return _legend(img, f"1 person ({person.coverage} body, reaches its {person.reach})",
                   [("body (the mask's sure half)", BODY), ("skin found on it (and the face's box)", SKIN),
                    ("the mask's outline", OUTLINE), ("pose: bones and joints", BONES)])


def _checkerboard(shape: tuple[int, int]) -> np.ndarray:
    ys, xs = np.indices(shape)
    light = ((ys // CHECKER + xs // CHECKER) % 2).astype(bool)
    return np.where(light[..., None], 235, 200).astype(np.uint8).repeat(3, axis=2)


def cutout_picture(cut: GarmentCutout) -> np.ndarray:
    """Step 2: the garment cut out, over a checkerboard (what it left out shows through), its sleeves outlined and
    its keypoints named."""
    board = _checkerboard(cut.alpha.shape)
    a = np.clip(cut.alpha, 0, 1)[..., None]
    img = _enlarged((cut.rgb * a + board * (1 - a)).astype(np.uint8))
    f = img.shape[0] / cut.alpha.shape[0]
    if cut.sleeve is not None and cut.sleeve.any():
        _outline(img, cut.sleeve, SLEEVE)
    for name, xy in cut.points.items():
        p = np.asarray(xy, np.float64) * f
        _dot(img, p, POINT)
        _label(img, name, (int(p[0]) + 7, int(p[1]) - 5))
    return _legend(img, f"2 cut-out ({cut.kind})", [("sleeves", SLEEVE), ("keypoints", POINT)])


def _photo(person: PersonAnalysis) -> np.ndarray:
    """The person's working image, paled: what is drawn over it reads."""
    return (person.image * 0.6 + 255 * 0.4).astype(np.uint8)


def warp_picture(person: PersonAnalysis, warped: Warped) -> np.ndarray:
    """Step 3: the warped garment over the paled photo (before anything is cut from it), its sleeves outlined, and
    the body points its keypoints were sent to."""
    a = np.clip(warped.alpha, 0, 1)[..., None]
    img = _enlarged((warped.rgb * a + _photo(person) * (1 - a)).astype(np.uint8))
    f = img.shape[0] / warped.alpha.shape[0]
    _outline(img, warped.sleeve > 0.5, SLEEVE)
    for xy in warped.pairs[1]:
        _dot(img, np.asarray(xy) * f, TARGET, 4)
    return _legend(img, f"3 warp (fold {warped.fold:.3f}, stretch {warped.stretch:.2f}, shear {warped.shear:.2f})",
                   [("sleeves", SLEEVE), ("where the garment's keypoints were sent", TARGET)])


def layering_picture(person: PersonAnalysis, shown: Shown) -> np.ndarray:
    """Step 4: the garment as it shows (its alpha) over the paled photo, what stays in front of it, and the band
    of old clothes its edge is carried over (the rim)."""
    a = np.clip(shown.alpha, 0, 1)[..., None]
    img = _enlarged((shown.warped.rgb * a + _photo(person) * (1 - a)).astype(np.uint8))
    _tint(img, shown.keep, IN_FRONT)
    _tint(img, shown.edge, RIM, 0.7)
    _outline(img, shown.alpha > 0.5, GARMENT_EDGE)
    return _legend(img, "4 layering", [("what stays in front of the garment", IN_FRONT),
                                       ("old clothes its edge is carried over (rim)", RIM),
                                       ("the garment's outline", GARMENT_EDGE)])


def repaint_picture(repainted: Repainted) -> np.ndarray:
    """Step 5: the photo with the old clothes repainted, before the garment is laid in: what was repainted
    outlined, and the old top's fringe (filled from the room as the garment is laid in, step 6)."""
    img = _enlarged(repainted.image)
    _outline(img, repainted.alpha > 0.1, REPAINTED)
    keys = [("repainted", REPAINTED)]
    if repainted.fringe is not None and repainted.fringe.any():
        _outline(img, repainted.fringe, FRINGE)
        keys.append(("old top's fringe (filled in step 6)", FRINGE))
    over = f", shown over {', '.join(repainted.shown_over)}" if repainted.shown_over else ""
    return _legend(img, f"5 repaint{over}", keys)


def composite_picture(composed: Composed) -> np.ndarray:
    """Step 6: the render."""
    return _legend(_enlarged(composed.image), "6 composite", [])


def gate_verdict(quality: Quality) -> dict:
    """Step 7: each measure against its limit, and what broke (the shopper's words)."""
    failures = quality.failures()
    return {"passed": not failures, "measures": asdict(quality), "limits": LIMITS,
            "failures": {k: REASONS[k] for k in failures}}


def fit_notes(landing: Landing) -> dict:
    """Step 8: where the hem and sleeves end on the wearer."""
    return asdict(landing)


class StageSheet:
    """An `OnStep` that writes each step's picture (PNG) or verdict (JSON) into `folder` as `N_name`, and keeps the
    names it wrote. `person`: the analysis steps 3 and 4 are drawn over, for a render that starts at step 3
    (`engine.render_on`); else step 1's."""

    def __init__(self, folder: Path, person: PersonAnalysis | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written: list[str] = []
        self._person = person

    def __call__(self, step: int, result: object) -> None:
        if step == 1:
            self._person = result
        drawn = self._drawn(step, result)
        name = f"{step}_{STEPS[step]}.{'json' if isinstance(drawn, dict) else 'png'}"
        if isinstance(drawn, dict):
            (self.folder / name).write_text(json.dumps(drawn, indent=1, default=float) + "\n")
        else:
            cv2.imwrite(str(self.folder / name), cv2.cvtColor(drawn, cv2.COLOR_RGB2BGR))
        self.written.append(name)

    def _drawn(self, step: int, result: object) -> np.ndarray | dict:
        if step in (3, 4):  # drawn over the person's photo of step 1
            return warp_picture(self._person, result) if step == 3 else layering_picture(self._person, result)
        return {1: person_picture, 2: cutout_picture, 5: repaint_picture, 6: composite_picture, 7: gate_verdict,
                8: fit_notes}[step](result)
