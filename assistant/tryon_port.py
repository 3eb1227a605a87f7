"""The assistant's side of virtual try-on: the engine interface it relies on, and nothing more.

The engine (package `tryon`) offers `TryOnEngine().analyze_person(image) -> PersonAnalysis`
(`.coverage` "upper" or "full", `.supports(garment_type)`) and
`.render(person_image, garment_image_path, category) -> TryOnResult` (`.image` an RGB
array), raising `TryOnError` with a `.message` a shopper can read. When the package is
absent, `load_engine()` returns None and the assistant says plainly that try-on is not
available: it never shows a fake image.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)


class PersonAnalysis(Protocol):
    coverage: str

    def supports(self, garment_type: str) -> bool: ...


class TryOnEngine(Protocol):
    def analyze_person(self, image: np.ndarray) -> PersonAnalysis: ...

    def render(self, person_image: np.ndarray, garment_image_path: Path, category: str) -> Any: ...

    def forget(self, person_image: np.ndarray) -> None: ...


def load_engine() -> TryOnEngine | None:
    """The try-on engine when the `tryon` package provides one (its models load in the
    background, so the first selfie does not wait for them); the chat works without it."""
    try:
        from tryon import TryOnEngine as Engine  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - any import problem just disables try-on
        log.info("try-on unavailable: %s", exc)
        return None
    engine = Engine()
    warm_up = getattr(engine, "warm_up", None)
    if callable(warm_up):
        threading.Thread(target=_quietly, args=(warm_up,), name="tryon-warm-up", daemon=True).start()
    return engine


def _quietly(call) -> None:
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the first real use reports the problem to the shopper
        log.warning("try-on warm-up failed: %r", exc)


def to_rgb_array(image: Any) -> np.ndarray | None:
    """An upload (file path, PIL image or array) as an RGB uint8 array; None when unreadable."""
    try:
        if isinstance(image, (str, Path)):
            from PIL import Image

            with Image.open(image) as opened:
                return np.asarray(opened.convert("RGB"))
        if hasattr(image, "convert"):
            return np.asarray(image.convert("RGB"))
        if isinstance(image, np.ndarray) and image.ndim == 3 and image.shape[2] in (3, 4) and image.size:
            return np.ascontiguousarray(image[:, :, :3].astype(np.uint8, copy=False))
    except (OSError, ValueError) as exc:
        log.info("unreadable upload: %s", exc)
    return None


@dataclass(frozen=True)
class PhotoCheck:
    """What a photo can be used for: a coverage ("upper"/"full") or the engine's human message."""

    analysis: PersonAnalysis | None = None
    error: str | None = None
    code: str | None = None

    @property
    def coverage(self) -> str | None:
        return self.analysis.coverage if self.analysis is not None else None


def _human(exc: Exception) -> tuple[str, str]:
    message = getattr(exc, "message", None)
    code = getattr(exc, "code", None)
    if isinstance(message, str) and isinstance(code, str):
        return message, code
    log.warning("try-on engine failed: %r", exc)
    return "something went wrong on my side while reading the photo.", "internal"


def check_photo(engine: TryOnEngine, image: np.ndarray) -> PhotoCheck:
    """Analyse the person once, at upload, so the reply can say what the photo is good for."""
    try:
        return PhotoCheck(analysis=engine.analyze_person(image))
    except Exception as exc:  # noqa: BLE001 - TryOnError carries a message; anything else is logged
        message, code = _human(exc)
        return PhotoCheck(error=message, code=code)


def forget(engine: TryOnEngine, image: np.ndarray) -> None:
    """Drop whatever the engine cached about a photo the session no longer holds."""
    try:
        engine.forget(image)
    except Exception as exc:  # noqa: BLE001 - forgetting must never break the chat
        log.warning("try-on engine could not forget a photo: %r", exc)


@dataclass(frozen=True)
class Render:
    image: np.ndarray | None
    error: str | None = None
    timings: Any = None


def render(engine: TryOnEngine, person: np.ndarray, garment_image: Path, category: str) -> Render:
    try:
        result = engine.render(person, garment_image, category)
    except Exception as exc:  # noqa: BLE001 - a failed render must not break the chat
        message, _ = _human(exc)
        return Render(None, message)
    return Render(getattr(result, "image", None), timings=getattr(result, "timings", None))
