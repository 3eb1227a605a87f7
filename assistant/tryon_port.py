"""The assistant's side of virtual try-on: reading an upload, and the engine interface it relies on.

The engine (package `tryon`) offers `TryOnEngine().analyze_person(image) -> PersonAnalysis`
(`.coverage` "upper" or "full", `.supports(garment_type)`) and
`.render(person_image, garment_image_path, category, person=analysis) -> TryOnResult` (`.image` an RGB
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

from image_guard import ImageLimits, ImageRejected, decode_image, read_image_file

log = logging.getLogger(__name__)
# Uploads are scaled to this long side on decode: plenty for try-on, and a 48-megapixel
# phone photo never sits whole in a session's memory.
UPLOAD_MAX_SIDE = 1600


class PersonAnalysis(Protocol):
    coverage: str

    def supports(self, garment_type: str) -> bool: ...


class TryOnEngine(Protocol):
    def analyze_person(self, image: np.ndarray) -> PersonAnalysis: ...

    def render(self, person_image: np.ndarray, garment_image_path: Path, category: str,
               person: PersonAnalysis | None = None) -> Any: ...

    def forget(self, person_image: np.ndarray) -> None: ...


def load_engine() -> TryOnEngine | None:
    """The try-on engine when the `tryon` package provides one (its models load in the
    background, so the first selfie does not wait for them); the chat works without it.

    Its cache of analysed people is off: each session keeps its own analysis, so nothing
    derived from one shopper's photo outlives their session or is reachable from another.
    """
    try:
        from tryon import TryOnEngine as Engine  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - any import problem just disables try-on
        log.info("try-on unavailable: %s", exc)
        return None
    engine = Engine(max_cached_people=0)
    warm_up = getattr(engine, "warm_up", None)
    if callable(warm_up):
        threading.Thread(target=_quietly, args=(warm_up,), name="tryon-warm-up", daemon=True).start()
    return engine


def _quietly(call) -> None:
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the first real use reports the problem to the shopper
        log.warning("try-on warm-up failed: %r", exc)


def read_upload(image: Any, limits: ImageLimits) -> np.ndarray:
    """An upload as upright RGB pixels with no metadata, or ImageRejected saying why not.

    Files and bytes are untrusted and go through `image_guard`; arrays and PIL images come
    from code in this process (the eval, tests) and are only shape-checked.
    """
    if isinstance(image, (str, Path)):
        return read_image_file(image, limits, UPLOAD_MAX_SIDE).rgb
    if isinstance(image, (bytes, bytearray, memoryview)):
        return decode_image(bytes(image), limits, UPLOAD_MAX_SIDE).rgb
    if hasattr(image, "convert"):
        image = np.asarray(image.convert("RGB"))
    if isinstance(image, np.ndarray) and image.ndim == 3 and image.shape[2] in (3, 4) and image.size:
        return np.ascontiguousarray(image[:, :, :3].astype(np.uint8, copy=False))
    raise ImageRejected("not_an_image", "That isn't a photo I can read. Please attach a JPEG, PNG or WEBP image.")


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


def render(engine: TryOnEngine, photo: np.ndarray, analysis: PersonAnalysis | None, garment_image: Path,
           category: str) -> Render:
    try:
        result = engine.render(photo, garment_image, category, person=analysis)
    except Exception as exc:  # noqa: BLE001 - a failed render must not break the chat
        message, _ = _human(exc)
        return Render(None, message)
    return Render(getattr(result, "image", None), timings=getattr(result, "timings", None))
