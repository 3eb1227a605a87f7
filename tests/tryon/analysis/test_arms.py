"""The arm geometry the sleeves follow: where an arm's outer outline is, and which pose joints to believe."""

from __future__ import annotations

import dataclasses

import numpy as np

from tryon.analysis.arms import MAX_BEND, arm_band, arm_joints, outline_reach
from tryon.analysis.person import L_ELBOW, L_WRIST
from tests.tryon.synthetic import mannequin


def _arm_beside_torso(gap: int) -> np.ndarray:
    """A torso (x < 100) and an arm (x from 100 + gap to 140 + gap) in a 200-wide mask."""
    mask = np.zeros((50, 200), np.float32)
    mask[:, :100] = 1.0
    mask[:, 100 + gap:140 + gap] = 1.0
    return mask


def test_the_outline_is_the_arm_s_outer_side_wherever_the_pose_line_runs():
    right = np.array([1.0, 0.0])
    touching, apart = _arm_beside_torso(0), _arm_beside_torso(6)
    assert outline_reach(touching, np.array([120.0, 25.0]), right, 60) == 20  # from the arm's middle
    assert outline_reach(apart, np.array([103.0, 25.0]), right, 60) == 43     # from the gap beside it
    assert outline_reach(apart, np.array([150.0, 25.0]), right, 60) == -4     # from just outside it


def test_no_outline_where_the_body_goes_on_past_the_limit_or_is_not_met():
    right = np.array([1.0, 0.0])
    assert outline_reach(_arm_beside_torso(0), np.array([20.0, 25.0]), right, 60) is None
    assert outline_reach(np.zeros((50, 200), np.float32), np.array([20.0, 25.0]), right, 60) is None


def _with_arm(elbow: tuple[float, float], wrist: tuple[float, float]):
    _, person = mannequin()
    landmarks = person.landmarks.copy()
    landmarks[L_ELBOW, :2], landmarks[L_WRIST, :2] = elbow, wrist
    return dataclasses.replace(person, landmarks=landmarks)


def test_a_wrist_read_folded_back_along_the_upper_arm_is_not_followed():
    down, outward = np.array([0.0, 1.0]), np.array([1.0, 0.0])
    shoulder = np.array([340.0, 205.0])
    sw = 160.0
    bent = _with_arm((365.0, 340.0), (300.0, 380.0))      # hand on the hip: bent, believed
    _, _, wrist = arm_joints(bent, shoulder, L_ELBOW, L_WRIST, down, outward, sw)
    assert np.allclose(wrist, (300.0, 380.0))
    folded = _with_arm((365.0, 340.0), (358.0, 260.0))    # wrist back up the upper arm
    _, elbow, wrist = arm_joints(folded, shoulder, L_ELBOW, L_WRIST, down, outward, sw)
    upper, fore = elbow - shoulder, wrist - elbow
    bend = np.degrees(np.arccos(np.dot(upper, fore) / np.linalg.norm(upper) / np.linalg.norm(fore)))
    assert bend < MAX_BEND and wrist[1] > elbow[1], "the forearm carries on down the arm"


def test_the_arm_band_lies_on_the_arm_when_the_pose_line_runs_beside_it():
    """A forearm drawn by the pose in the gap by the torso: a band round that line took in the
    torso's side, whose skin-coloured cloth then stayed in front of the new garment."""
    _, person = mannequin()
    landmarks = person.landmarks.copy()
    landmarks[[L_ELBOW, L_WRIST], 0] -= 25
    band = arm_band(dataclasses.replace(person, landmarks=landmarks), "elbow")
    rows = slice(360, 450)
    torso, arm = person.mask[rows, 200:340] > 0.5, person.mask[rows, 345:] > 0.5  # the other arm is left of 200
    assert not (band[rows, 200:340] & torso).any(), "no part of the torso's side"
    assert (band[rows, 345:] & arm).sum() > 0.9 * arm.sum(), "all of the forearm"
