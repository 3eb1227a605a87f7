"""Packaged weights are found and verified; damage is a clear error naming the fix."""

from __future__ import annotations

import hashlib

import pytest

from common import packaged_models
from common.packaged_models import PackagedModelError, assemble_verified


def test_minilm_is_found_in_its_package():
    path = packaged_models.minilm_path()
    assert (path / "config.json").is_file()


def test_embedded_gguf_assembles_and_verifies():
    path = packaged_models.embedded_gguf_path()
    assert path.stat().st_size == packaged_models.GGUF_SIZE
    with path.open("rb") as handle:
        assert handle.read(4) == b"GGUF"


def test_corrupt_parts_are_refused_with_the_repair_command(tmp_path):
    parts = []
    for i, data in enumerate((b"abc", b"def")):
        part = tmp_path / f"part{i}.bin"
        part.write_bytes(data)
        parts.append(part)
    good = hashlib.sha256(b"abcdef").hexdigest()
    assemble_verified(parts, tmp_path / "ok.gguf", 6, good, "demo_pkg")
    assert (tmp_path / "ok.gguf").read_bytes() == b"abcdef"
    parts[1].write_bytes(b"dXf")
    with pytest.raises(PackagedModelError) as error:
        assemble_verified(parts, tmp_path / "bad.gguf", 6, good, "demo_pkg")
    assert "demo-pkg" in str(error.value) and "make setup" in str(error.value)
    assert not (tmp_path / "bad.gguf").exists() and not list(tmp_path.glob("*.partial"))


def test_missing_package_names_package_and_fix(monkeypatch):
    monkeypatch.setattr(packaged_models, "GGUF_PARTS", ("no_such_model_part1",))
    monkeypatch.setenv("SHOP_CACHE_DIR", "/tmp/shop-missing-package-test")
    with pytest.raises(PackagedModelError) as error:
        packaged_models.embedded_gguf_path()
    assert "no-such-model-part1" in str(error.value) and "pip install -r requirements.txt" in str(error.value)
