"""The render as numbered steps (`engine.render_on`, `compose.compose`), each step's typed result, the threading
plan's independence from what is drawn, and the stage sheet (`python -m tryon ... --stages DIR`), on real photos
with the real models: the astronaut, and the dev photos in ../shared/tryon_dev (skipped cleanly when absent)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

import tryon.shared.threading_plan
from catalog.demo.art import GarmentSpec, render_garment
from tests.tryon.dev_set import IMAGES, needs_dev_set
from tryon.__main__ import main
from tryon.compose.layering import Composed, Repainted, Shown
from tryon.garment.cutout import GarmentCutout
from tryon.engine import render_on
from tryon.errors import RenderRefusedError
from tryon.fit_notes import Landing
from tryon.garment.cutting import cut_out
from tryon.analysis.person import PersonAnalysis, load_image
from tryon.quality.gate import Quality
from tryon.stage_sheet import StageSheet
from tryon.shared.steps import STEPS
from tryon.fit.warp import Warped

TYPES = {1: PersonAnalysis, 2: GarmentCutout, 3: Warped, 4: Shown, 5: Repainted, 6: Composed, 7: Quality, 8: Landing}
JSON_KEYS = {"output", "timings", "load_s", "total_s", "warnings", "shown_over"}


class _Steps:
    """An `OnStep` that keeps each step's number and result, in the order told."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, object]] = []

    def __call__(self, step: int, result: object) -> None:
        self.seen.append((step, result))


@pytest.fixture(scope="module")
def astronaut_files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("astronaut")
    person, garment = folder / "astronaut.png", folder / "tshirt.png"
    cv2.imwrite(str(person), cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
    cv2.imwrite(str(garment), cv2.cvtColor(render_garment(GarmentSpec("t-shirt", "red")), cv2.COLOR_RGB2BGR))
    return person, garment


def test_each_step_gives_its_typed_result_in_order(engine):
    rgb = data.astronaut()
    steps = _Steps()
    result = engine.render(rgb, render_garment(GarmentSpec("t-shirt", "navy")), "t-shirt", on_step=steps)
    assert [n for n, _ in steps.seen] == list(STEPS)
    for n, made in steps.seen:
        assert isinstance(made, TYPES[n]), (n, type(made))
    got = dict(steps.seen)
    person, shown, repainted, composed = got[1], got[4], got[5], got[6]
    work = person.mask.shape
    assert got[3].alpha.shape == work and shown.alpha.shape == work and shown.keep.shape == work
    assert shown.keep.dtype == bool and shown.edge.dtype == bool and shown.colours().shape == work + (3,)
    assert repainted.image.shape == rgb.shape and repainted.alpha.shape == rgb.shape[:2]
    # the render is step 6's image, and where its hem lands step 8's
    assert np.array_equal(result.image, composed.image) and result.landing == got[8]
    assert not got[7].failures()


def test_telling_the_steps_changes_no_pixel(engine):
    rgb = data.astronaut()
    garment = render_garment(GarmentSpec("dress", "green"))
    person = engine.analyze_person(rgb)
    cut = engine.prepare(garment, "dress")
    told = render_on(rgb, person, cut, on_step=_Steps())
    untold = render_on(rgb, person, cut)
    assert np.array_equal(told.image, untold.image) and np.array_equal(told.alpha, untold.alpha)


@needs_dev_set
@pytest.mark.parametrize("person_file,garment_file,category", [
    ("person_00034_00.jpg", "upper_04469_00.jpg", "t-shirt"),      # an old collar painted as skin, its fringe
    ("person_049205_0.jpg", "upper_09176_00.jpg", "shirt"),        # long sleeves warped along the arms
    ("person_049447_0.jpg", "dress_053290_1.jpg", "dress"),
    ("person_049205_0.jpg", "lower_051412_1.jpg", "trousers"),
])
def test_the_render_with_no_piece_on_a_helper_is_the_threaded_render(engine, monkeypatch, person_file, garment_file,
                                                                      category):
    """Every piece made where a step first takes it, none ahead on a helper thread: the steps read nothing a later
    piece writes, so the threading plan decides only when each is made, never what is drawn."""
    person, garment = load_image(IMAGES / person_file), load_image(IMAGES / garment_file)
    engine.forget(person)
    threaded = engine.render(person, garment, category)
    monkeypatch.setattr(tryon.shared.threading_plan, "ON_HELPER", {})
    engine.forget(person)
    in_turn = engine.render(person, garment, category)
    assert np.array_equal(threaded.image, in_turn.image)
    assert np.array_equal(threaded.alpha, in_turn.alpha)


def test_the_stage_sheet_of_a_render(tmp_path, capsys, astronaut_files):
    person, garment = astronaut_files
    out, stages = tmp_path / "out.png", tmp_path / "stages"
    assert main([str(person), str(garment), "--category", "t-shirt", "-o", str(out), "--json",
                 "--stages", str(stages)]) == 0
    said = json.loads(capsys.readouterr().out)
    names = [f"{n}_{name}.{'json' if n >= 7 else 'png'}" for n, name in STEPS.items()]
    assert set(said) == JSON_KEYS | {"stages"}
    assert said["stages"] == [str(stages / name) for name in names]
    render = cv2.imread(str(out))
    for name in names[:6]:
        picture = cv2.imread(str(stages / name))
        assert picture is not None and picture.shape[1] >= render.shape[1], name
    # the composite's picture is the render, enlarged, under its legend
    composite = cv2.imread(str(stages / "6_composite.png"))
    factor = composite.shape[1] // render.shape[1]
    assert np.array_equal(composite[-render.shape[0] * factor::factor, ::factor], render)
    verdict = json.loads((stages / "7_gate.json").read_text())
    assert verdict["passed"] and verdict["failures"] == {}
    assert set(verdict["measures"]) == set(verdict["limits"])
    assert set(json.loads((stages / "8_fit_notes.json").read_text())) == {"hem", "sleeves", "shown_over"}


def test_without_stages_the_json_is_as_before(tmp_path, capsys, astronaut_files):
    person, garment = astronaut_files
    assert main([str(person), str(garment), "--category", "t-shirt", "-o", str(tmp_path / "out.png"), "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == JSON_KEYS


def test_a_refused_photo_leaves_the_steps_before_the_refusal(tmp_path, capsys, astronaut_files):
    """The astronaut's photo ends above the knees: trousers are refused once the person is analysed, and only the
    person's picture is written."""
    person, garment = astronaut_files
    stages = tmp_path / "stages"
    assert main([str(person), str(garment), "--category", "trousers", "-o", str(tmp_path / "out.png"),
                 "--stages", str(stages)]) == 2
    assert json.loads(capsys.readouterr().out)["error"] == "person_cut_off"
    assert sorted(p.name for p in stages.iterdir()) == ["1_person.png"]
    assert not (tmp_path / "out.png").exists()


def _mirrored(name: str) -> str:
    """A keypoint's name on the garment's other side (`shoulder_l` for `shoulder_r`)."""
    side = {"_l": "_r", "_r": "_l"}.get(name[-2:])
    return name[:-2] + side if side else name


def test_a_render_the_gate_refuses_leaves_its_steps_and_its_verdict(engine, tmp_path):
    """A cut-out whose keypoints are named for the wrong sides sends the garment's left onto the body's right: the
    warp folds it over itself and the gate refuses. The steps up to the gate are drawn, and its verdict names the
    fold; the fit notes (after the gate) are not written."""
    rgb = data.astronaut()
    person = engine.analyze_person(rgb)
    cut = cut_out(render_garment(GarmentSpec("t-shirt", "navy")), "upper")
    crossed = replace(cut, points={_mirrored(n): p for n, p in cut.points.items()},
                      widths={_mirrored(n): w for n, w in cut.widths.items()}, _derived={})
    sheet = StageSheet(tmp_path, person)
    with pytest.raises(RenderRefusedError, match="fold over itself"):
        render_on(rgb, person, crossed, on_step=sheet)
    assert sheet.written == ["3_warp.png", "4_layering.png", "5_repaint.png", "6_composite.png", "7_gate.json"]
    verdict = json.loads((tmp_path / "7_gate.json").read_text())
    assert not verdict["passed"] and "fold" in verdict["failures"]
    assert verdict["measures"]["fold"] > verdict["limits"]["fold"]
