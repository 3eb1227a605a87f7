"""A new photo's faces and colour planes are made on the models' helper thread while the pose model
runs: the analysis must be the one the sequential steps give, and the helper must leave no work behind."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest
from skimage import data

from tryon.analysis.detect import MAX_FACE_PX, Models, _faces, _scaled, analyze
from tryon.analysis.person import to_working


@pytest.fixture(scope="module")
def models():
    m = Models()
    yield m
    m.close()


def test_pose_and_faces_match_the_models_run_one_after_the_other(models):
    work, _ = to_working(cv2.resize(data.astronaut(), (1024, 1024), interpolation=cv2.INTER_CUBIC))
    res, beside, pose_s = models.pose_and_faces(work)
    alone = models.pose.process(work)
    assert pose_s > 0
    assert res.pose_landmarks is not None
    got = np.array([(p.x, p.y) for p in res.pose_landmarks.landmark])
    want = np.array([(p.x, p.y) for p in alone.pose_landmarks.landmark])
    assert np.array_equal(got, want)
    fx, fy = beside.image.shape[1] / work.shape[1], beside.image.shape[0] / work.shape[0]   # a wide face: smaller
    assert beside.faces == [(score, _scaled(box, fx, fy)) for score, box in _faces(models, work)] and beside.faces


def test_analysis_reads_the_helpers_planes_as_its_own_would_be(models):
    person = analyze(data.astronaut(), models)
    # made on the helper, before the analysis existed: the same arrays the properties would make
    assert {"lab", "skin"} <= set(person._derived)
    fresh = dataclasses.replace(person, _derived={})   # every plane made by its property, after the pose
    assert np.array_equal(person.lab, fresh.lab)
    assert np.array_equal(person.skin, fresh.skin)
    assert np.array_equal(person.body, fresh.body)


def test_a_value_the_helper_is_making_is_waited_for_not_made_again(models):
    """The arms' bands are read ahead on the helper thread while the garment is warped; the render asking
    for one meanwhile must take the helper's, not make its own beside it."""
    import threading

    person = analyze(data.astronaut(), models)
    started, release, made = threading.Event(), threading.Event(), []

    def slow() -> str:
        made.append(threading.current_thread().name)
        started.set()
        release.wait(5)
        return "band"

    helper = threading.Thread(target=lambda: person.derived("slow", slow), name="helper")
    helper.start()
    assert started.wait(5)
    asked: list[str] = []
    render = threading.Thread(target=lambda: asked.append(person.derived("slow", slow)))
    render.start()
    render.join(0.2)
    assert render.is_alive()   # waiting for the helper's value
    release.set()
    helper.join(5)
    render.join(5)
    assert asked == ["band"] and made == ["helper"]


def test_a_person_wide_in_the_frame_is_worked_on_smaller_with_the_helpers_planes_made_at_that_size(models):
    """A close photo (the face 130 px across at the working size) is worked on where it spans MAX_FACE_PX:
    landmarks, mask, face and image all at that size, and the planes the helper made during the pose too."""
    big = cv2.resize(data.astronaut(), (1024, 1024), interpolation=cv2.INTER_CUBIC)
    work, scale = to_working(big)
    person = analyze(big, models)
    x0, y0, x1, y1 = person.face_box
    assert MAX_FACE_PX * 0.85 < x1 - x0 <= MAX_FACE_PX
    f = person.mask.shape[1] / work.shape[1]
    assert f < 0.9 and person.image.shape[:2] == person.mask.shape and person.scale == pytest.approx(scale * f)
    nose = person.point(0)
    assert x0 < nose[0] < x1 and y0 < nose[1] < y1
    fresh = dataclasses.replace(person, _derived={})
    assert {"lab", "skin"} <= set(person._derived) and np.array_equal(person.skin, fresh.skin)
