"""The real try-on development photos in ../shared/tryon_dev, shared by the try-on tests: where they
are, the mark that skips a module cleanly when they are absent, the set's files of a kind, and a
pair rendered stage by stage with the render at the working size the analysis' masks are at."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import cv2
import numpy as np
import pytest

from tryon.compose.layering import Composed, compose
from tryon.garment.cutting import cut_out
from tryon.analysis.person import PersonAnalysis, load_image
from tryon.fit.warp import Warped, warp

DEV = Path(__file__).resolve().parents[3] / "shared" / "tryon_dev"
IMAGES = DEV / "images"
needs_dev_set = pytest.mark.skipif(not (DEV / "set.json").exists(), reason="no try-on dev set at ../shared/tryon_dev")


def dev_files(kind: str) -> list[str]:
    """The dev set's files of a kind ("people": full-length photos; else a garment category); none
    without the dev set, so parametrized tests collect and skip."""
    if not (DEV / "set.json").exists():
        return []
    spec = json.loads((DEV / "set.json").read_text())
    if kind == "people":
        return [p["file"] for p in spec["people"] if p["view"] == "full length"]
    return [g["file"] for g in spec["garments"] if g["category"] == kind]


class DevRender(NamedTuple):
    person: PersonAnalysis
    warped: Warped
    done: Composed
    work: np.ndarray   # the render (RGB) shrunk to the working size of `person`'s masks


def dev_render(engine, person_file: str, garment_file: str, part: str = "upper") -> DevRender:
    """A dev pair rendered stage by stage (analysis, cut-out, warp, compose) by `engine`'s models."""
    rgb = load_image(IMAGES / person_file)
    person = engine.analyze_person(rgb)
    warped = warp(person, cut_out(load_image(IMAGES / garment_file), part))
    done = compose(rgb, person, warped)
    h, w = person.mask.shape
    return DevRender(person, warped, done, cv2.resize(done.image, (w, h), interpolation=cv2.INTER_AREA))
