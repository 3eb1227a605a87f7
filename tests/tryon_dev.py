"""The real try-on development photos in ../shared/tryon_dev, shared by the try-on tests: where they
are, the mark that skips a module cleanly when they are absent, and the set's files of a kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "shared" / "tryon_dev"
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
