"""Speed-ups of the render that must not change what it draws, on the real dev photos
(../shared/tryon_dev, skipped cleanly when absent): medians counted from histograms are numpy's
medians, the room in the mask's outline read on the unsure band alone is the whole frame's, a fill made group
by group is the whole photo's fill, and a
render whose stages run beside each other on the helper threads (the product photo read and keyed
while the person is analysed, the garment's colours carried over its edge and bent round the body
while its alpha is finished) is the render made one stage after another, byte for byte."""

from __future__ import annotations

from concurrent.futures import Future

import cv2
import numpy as np
import pytest
from skimage import data

import tryon.shared.beside
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.shared.medians import masked_median
from tryon.repaint.old_collar import OUTLINE_SURE, ROOM_NEAR_LAB, _room_in_outline
from tryon.analysis.person import load_image
from tryon.analysis.skin import lab_distances
from tryon.repaint.uncover import _telea

pytestmark = needs_dev_set

PEOPLE = ("person_00034_00.jpg", "person_049447_0.jpg", "person_taylor.jpg", "person_model_1.png")


def _analysed(engine, name: str):
    return engine.analyze_person(load_image(IMAGES / name))


@pytest.mark.parametrize("name", PEOPLE)
def test_masked_medians_are_numpys_medians(engine, name):
    person = _analysed(engine, name)
    lab = person.lab
    h, w = person.body.shape
    one, two = np.zeros((h, w), bool), np.zeros((h, w), bool)
    one[h // 2, w // 2] = True
    two[h // 2, w // 2:w // 2 + 2] = True
    box = (slice(h // 4, h // 2), slice(w // 4, 3 * w // 4))
    for image, where in ((lab, person.body), (lab, ~person.body), (lab, person.skin & person.body), (lab, one),
                         (lab, two), (lab[box], person.body[box]), (person.image, person.mask > 0.9)):
        assert np.array_equal(masked_median(image, where), np.median(image[where].astype(np.float32), axis=0))


def _room_whole_frame(person) -> np.ndarray:
    """The room in the mask's outline as it was read on the whole frame."""
    off = person.mask <= 0.5
    lab = person.lab
    like = lab_distances(lab, np.median(lab[off].astype(np.float32), axis=0)) < ROOM_NEAR_LAB
    like &= person.mask < OUTLINE_SURE
    _, parts = cv2.connectedComponents((like | off).astype(np.uint8), connectivity=8)
    room = np.zeros(parts.max() + 1, bool)
    room[np.unique(parts[off])] = True
    room[0] = False
    return room[parts] & like & ~off


@pytest.mark.parametrize("name", PEOPLE)
def test_the_room_in_the_outline_is_read_on_its_band_alone(engine, name):
    person = _analysed(engine, name)
    assert np.array_equal(_room_in_outline(person), _room_whole_frame(person))


class _InPlace:
    """An executor that runs each job at once on the caller's thread: the render one stage after another."""

    def submit(self, job):
        done: Future = Future()
        try:
            done.set_result(job())
        except BaseException as exc:  # noqa: BLE001 - handed back as the future's error, as a thread would
            done.set_exception(exc)
        return done


@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_00034_00.jpg", "upper_04469_00.jpg", "t-shirt"),      # an old collar painted as skin
    ("person_049205_0.jpg", "upper_09176_00.jpg", "shirt"),        # long sleeves warped along the arms
    ("person_049447_0.jpg", "dress_053290_1.jpg", "dress"),
    ("person_049205_0.jpg", "lower_051412_1.jpg", "trousers"),  # the colour carried beside the hips: no bend
])
def test_a_render_beside_the_helper_thread_is_the_render_one_stage_after_another(engine, monkeypatch, person_file,
                                                                                   garment_file, category):
    person, garment = load_image(IMAGES / person_file), load_image(IMAGES / garment_file)
    engine.forget(person)
    threaded = engine.render(person, garment, category)
    monkeypatch.setattr(tryon.shared.beside, "_HELPER", _InPlace())
    engine.forget(person)
    in_turn = engine.render(person, garment, category)
    assert np.array_equal(threaded.image, in_turn.image)
    assert np.array_equal(threaded.alpha, in_turn.alpha)


@pytest.mark.parametrize("radius", [1, 3, 5])
def test_a_fill_made_group_by_group_is_the_whole_frames_fill(radius):
    """Telea's fill on a crop round each group of hidden pixels (`uncover._telea`) is OpenCV's fill of the whole
    photo, byte for byte: strips of old outline apart, near each other, touching the photo's edge."""
    photo = np.ascontiguousarray(data.astronaut())
    hidden = np.zeros(photo.shape[:2], np.uint8)
    hidden[100:106, 40:300] = 1           # a long strip
    hidden[104:140, 296:300] = 1          # joined to it at a corner
    hidden[300:304, 200:420] = 1          # another, apart
    hidden[300 + 2 * radius + 3:300 + 2 * radius + 6, 200:260] = 1   # just past a fill's reach of it
    hidden[0:5, 480:512] = 1              # at the photo's edge
    assert np.array_equal(_telea(photo, hidden, radius), cv2.inpaint(photo, hidden, radius, cv2.INPAINT_TELEA))
