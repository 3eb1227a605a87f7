"""The bare midriff under a cropped top worn over a one-piece dress.

A bandeau or a crop top over a dress ends above the waist; below its hem the dress still covered the
midriff. Worn, that is bare skin from the new hem down to the natural waist, where the dress's skirt
carries on and reads as a skirt. The dress's top half cannot be told from its skirt by colour (they
are one garment), so the waist comes from the pose (WAIST_DEPTH of the torso below the shoulders) and
the midriff's outline from the person mask between the arms.

Left as it is: a new hem at or below the waist; cloth on the midriff unlike the cloth on the thighs
(a top over trousers or a skirt: `uncover_hem` takes that top away down to the lower garment); a
midriff already bare; no thighs seen to compare with; no bare arms beside it to take its colour from.
"""

from __future__ import annotations

import cv2
import numpy as np

from tryon.analysis.arms import arm_band
from tryon.analysis.body_frame import CAMERA_AT, TORSO_DEPTH, VIEW_DOWN, body_frame
from tryon.analysis.limbs import arm_limbs, held, silhouette
from tryon.shared.medians import masked_median
from tryon.analysis.old_colours import colours, rows
from tryon.analysis.person import PersonAnalysis
from tryon.shared.touching import pieces_touching
from tryon.analysis.skin import lab_distance, skin_tone
from tryon.fit.targets import WAIST_DEPTH
from tryon.repaint.torso_skin import arms_skin
from tryon.repaint.uncover_neck import sleeveless

MIN_BARE = 0.05   # share of shoulder width the new hem must end above the waist: less is a hem at the waist
# share of the midriff that must be old cloth, not skin: less, it is bare already (a crop top worn there)
MIN_CLOTH = 0.3
# Lab distance under which the cloth on the midriff and on the thighs are one garment (a dress), or
# cannot be told apart (a black top over black trousers, which then read as high-waisted); a top over
# trousers of another colour is farther, and `uncover_hem` takes it away down to them
ONE_GARMENT = 20.0
MIN_SAMPLE = 40   # px of cloth on the midriff its colour needs to be trusted
SPECK = 5         # px (working res): skin in an arm's band narrower than this is a print's light specks, no arm


def waist_row(person: PersonAnalysis) -> float:
    """The natural waist's row: WAIST_DEPTH of the torso below the shoulders' midpoint, along the body."""
    body = body_frame(person)
    return float((body.mid_s + body.axis_dir * WAIST_DEPTH * body.torso_len)[1])


def midriff(person: PersonAnalysis, alpha: np.ndarray, lab: np.ndarray, hem: int, touch: int) -> np.ndarray:
    """The old dress (working res) between the new top's hem row `hem` and the natural waist, on the
    torso between the arms, in the pieces reaching within `touch` px of the new top; none unless the
    cloth there is the cloth on the thighs (one garment from the chest down)."""
    h, w = alpha.shape
    none = np.zeros((h, w), bool)
    garment = alpha > 0.5
    waist = waist_row(person)
    # the midriff's colour is the bare arms' beside it: with sleeves (a suit) only the face's is seen,
    # lit and made up unlike a body
    if (not garment.any() or person.reach == "chest" or hem > waist - MIN_BARE * person.shoulder_width
            or skin_tone(person) is None or arms_skin(person, lab) is None):
        return none
    # bare arms are their band inside their outer outline, so a dress's side of the skin's colour beside
    # them is not taken for them, and only its skin: the dress's cloth in it is the torso's side the arm
    # hangs against (kept, it stood as a dark strip between the arm and the bare midriff); sleeved ones,
    # of the dress's cloth, are where the pose puts them
    # (opened: specks of a light print passing for skin in the band are no arm)
    bare = (arm_band(person, "upper_arm") & person.skin).astype(np.uint8)
    arms = (cv2.morphologyEx(bare, cv2.MORPH_OPEN, np.ones((SPECK, SPECK), np.uint8)) > 0) | held(person)
    if not sleeveless(person):
        arms |= silhouette(arm_limbs(person), (h, w))
    torso = rows(person, hem - touch, waist + 1) & person.body & ~garment & ~arms
    edge = cv2.dilate(garment.astype(np.uint8), np.ones((2 * touch + 1,) * 2, np.uint8)) > 0
    torso = pieces_touching(torso, edge)
    cloth = torso & ~person.skin
    if int(cloth.sum()) < max(MIN_SAMPLE, MIN_CLOTH * int(torso.sum())):
        return none
    lower = colours(person, alpha, lab)[1]
    own = masked_median(lab, cloth)
    if lower is None or lab_distance(own, lower) >= ONE_GARMENT:
        return none
    return torso | (_waist_arc(person, torso, waist) & person.body & ~garment & ~arms)


def _waist_arc(person: PersonAnalysis, torso: np.ndarray, waist: float) -> np.ndarray:
    """The rows below the waist's row `waist` down to the waist seen as a ring round the torso (the
    skirt's top edge worn: its front lower than its sides, as `round_body.hang_round` bends a top's hem),
    over the columns of the midriff `torso`: cut along one row, it read as a sticker's straight edge."""
    out = np.zeros_like(torso)
    cols = np.flatnonzero(torso.any(axis=0))
    if cols.size == 0:
        return out
    frame = body_frame(person)
    below_camera = (waist - float(frame.mid_s[1])) / frame.torso_len - CAMERA_AT
    centre, half = (cols[0] + cols[-1]) / 2.0, max(1.0, (cols[-1] - cols[0]) / 2.0)
    xs = np.arange(cols[0], cols[-1] + 1, dtype=np.float32)
    drop = VIEW_DOWN * max(0.0, below_camera) * TORSO_DEPTH * np.clip(half - (xs - centre) ** 2 / half, 0, None)
    ys = np.arange(torso.shape[0], dtype=np.float32)[:, None]
    out[:, cols[0]:cols[-1] + 1] = (ys > waist) & (ys <= waist + drop[None, :])
    return out

