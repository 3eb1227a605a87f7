"""The assistant's side of virtual try-on: reading an upload, and the engine interface it relies on.

The engine (package `tryon`) offers `TryOnEngine().analyze_person(image) -> PersonAnalysis`
(`.coverage` "upper" or "full") and `.render(person_image, garment_image_path, category,
person=analysis) -> TryOnResult` (`.image` an RGB array; `.landing.hem` and `.landing.sleeves`,
where it ends on the wearer, when measured), raising `TryOnError` with a `.message` a shopper can
read, a photo too short for the garment included; and `.render_outfit(person_image, [Piece(path,
category), ...], person=analysis)` (`.image`; `.pieces`, each with its `.landing` or the `.error` it was
left out for). When the package is absent, `load_engine()`
returns None and the assistant says plainly that try-on is not
available: it never shows a fake image.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from common.images import ImageLimits, ImageRejected, decode_image, read_image_file

log = logging.getLogger(__name__)
# Uploads are scaled to this long side on decode: plenty for try-on, and a 48-megapixel
# phone photo never sits whole in a session's memory.
UPLOAD_MAX_SIDE = 1600
CUT_AHEAD_QUEUE = 8  # product photos waiting to be cut out; more are dropped (they are cut on demand)


class PersonAnalysis(Protocol):
    coverage: str
    face_box: tuple[int, int, int, int] | None   # at the analysis' working size
    scale: float                                 # working size / the photo's


class TryOnEngine(Protocol):
    def analyze_person(self, image: np.ndarray) -> PersonAnalysis: ...

    def render(self, person_image: np.ndarray, garment_image_path: Path, category: str,
               person: PersonAnalysis | None = None) -> Any: ...

    def render_outfit(self, person_image: np.ndarray, pieces: list[Any], person: PersonAnalysis | None = None
                      ) -> Any: ...

    def forget(self, person_image: np.ndarray) -> None: ...

    def worn_garment(self, person: PersonAnalysis, part: str) -> np.ndarray | None: ...

    def pose_problem(self, person: PersonAnalysis, part: str = "upper") -> str | None: ...


def load_engine() -> TryOnEngine | None:
    """The try-on engine when the `tryon` package provides one (its models load in the background
    thread of `EngineBackground`, so the first selfie does not wait for them); the chat works without it.

    Its cache of analysed people is off: each session keeps its own analysis, so nothing
    derived from one shopper's photo outlives their session or is reachable from another.
    """
    try:
        from tryon import TryOnEngine as Engine  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - any import problem just disables try-on
        log.info("try-on unavailable: %s", exc)
        return None
    return Engine(max_cached_people=0)


class EngineBackground:
    """The engine's one background thread: its models warmed up first, then the product photos shown
    to a shopper who has given a photo cut out, so the try-on that follows finds the garment ready
    (the cut-out is most of a render). Best effort and catalog data only: a full queue drops jobs,
    a failure is left to the render. `close` ends it for good, before the process exits: native
    code still running in a thread then aborts the process."""

    def __init__(self, engine: TryOnEngine):
        self._warm_up = getattr(engine, "warm_up", None)
        self._prepare = getattr(engine, "prepare", None)
        self._jobs: queue.Queue[tuple[Path, str] | None] = queue.Queue(maxsize=CUT_AHEAD_QUEUE)
        self._closed = False
        self._guard = threading.Lock()
        self._worker = threading.Thread(target=self._run, name="tryon-background", daemon=True)
        self._worker.start()
        atexit.register(self.close)   # for whoever made an assistant and never closed it

    def submit(self, jobs: Iterable[tuple[Path, str]]) -> None:
        if not callable(self._prepare):
            return
        with self._guard:
            if self._closed:
                return
            for job in jobs:
                try:
                    self._jobs.put_nowait(job)
                except queue.Full:
                    break

    def wait(self) -> None:
        """Until every submitted photo is cut out (tests and benchmarks)."""
        self._jobs.join()

    def close(self) -> None:
        """Drop what is waiting, let the work in progress finish, and stop the thread."""
        with self._guard:
            if self._closed:
                return
            self._closed = True
            while True:
                try:
                    self._jobs.get_nowait()
                    self._jobs.task_done()
                except queue.Empty:
                    break
            self._jobs.put(None)
        self._worker.join()

    def _run(self) -> None:
        if callable(self._warm_up):
            _quietly(self._warm_up)
        while (job := self._jobs.get()) is not None:
            try:
                _quietly(lambda: self._prepare(*job))
            finally:
                self._jobs.task_done()
        self._jobs.task_done()


def _quietly(call) -> None:
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the first real use reports the problem to the shopper
        log.warning("try-on warm-up failed: %r", exc)


def read_upload(image: Any, limits: ImageLimits) -> np.ndarray:
    """An upload as upright RGB pixels with no metadata, or ImageRejected saying why not.

    Files and bytes are untrusted and go through `common.images`; arrays and PIL images come
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
    tops_problem: str | None = None   # why no top or dress can be drawn on the pose (hands held in front)

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
        analysis = engine.analyze_person(image)
        return PhotoCheck(analysis=analysis, tops_problem=engine.pose_problem(analysis, "upper"))
    except Exception as exc:  # noqa: BLE001 - TryOnError carries a message; anything else is logged
        message, code = _human(exc)
        return PhotoCheck(error=message, code=code)


def face_in_photo(check: PhotoCheck) -> tuple[float, float, float, float] | None:
    """The face the engine found, in the photo's own px (x0, y0, x1, y1), when it found one."""
    analysis = check.analysis
    if analysis is None or analysis.face_box is None:
        return None
    return tuple(v / analysis.scale for v in analysis.face_box)


def printed_face() -> PhotoCheck:
    """A photo whose face is printed on a garment, as the engine refuses one: no person, a garment to search by."""
    from tryon.analysis.detect import PRINTED  # type: ignore[attr-defined]

    return PhotoCheck(error=PRINTED, code="no_person")


def worn_garment(engine: TryOnEngine, analysis: PersonAnalysis, part: str) -> np.ndarray | None:
    """The garment the person in a photo wears on `part`, on white, or None when it cannot be cut out."""
    try:
        return engine.worn_garment(analysis, part)
    except Exception as exc:  # noqa: BLE001 - a failure here only means searching the photo as it is
        log.warning("try-on engine could not cut out a worn garment: %r", exc)
        return None


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
    hem: str | None = None       # where the garment ends on the shopper ("hips", "knees", ...), when measured
    sleeves: str | None = None   # where its sleeves end ("elbows", "wrists", ...)
    shown_over: tuple[str, ...] = ()  # old clothing the garment is drawn over ("long_sleeves", "trousers")


def render(engine: TryOnEngine, photo: np.ndarray, analysis: PersonAnalysis | None, garment_image: Path,
           category: str) -> Render:
    try:
        result = engine.render(photo, garment_image, category, person=analysis)
    except Exception as exc:  # noqa: BLE001 - a failed render must not break the chat
        message, _ = _human(exc)
        return Render(None, message)
    lands = getattr(result, "landing", None)
    return Render(getattr(result, "image", None), timings=getattr(result, "timings", None),
                  hem=getattr(lands, "hem", None), sleeves=getattr(lands, "sleeves", None),
                  shown_over=tuple(getattr(lands, "shown_over", ())))


@dataclass(frozen=True)
class OutfitRender:
    image: np.ndarray | None        # the outfit in one render; None when no piece could be drawn
    pieces: tuple[Render, ...]      # each piece's own result in the order given (its image is the outfit's)


def render_outfit(engine: TryOnEngine, photo: np.ndarray, analysis: PersonAnalysis | None,
                  garments: list[tuple[Path, str]]) -> OutfitRender:
    """Several products in one render, each piece's refusal said apart (`tryon.outfit`)."""
    from tryon.outfit import Piece

    try:
        result = engine.render_outfit(photo, [Piece(path, category) for path, category in garments], person=analysis)
    except Exception as exc:  # noqa: BLE001 - a failed render must not break the chat
        message, _ = _human(exc)
        return OutfitRender(None, tuple(Render(None, message) for _ in garments))
    pieces = tuple(Render(None, _human(piece.error)[0]) if piece.error is not None else
                   Render(None, hem=piece.landing.hem, sleeves=piece.landing.sleeves,
                          shown_over=tuple(piece.landing.shown_over)) for piece in result.pieces)
    drawn = any(piece.error is None for piece in pieces)
    return OutfitRender(result.image if drawn else None, pieces)
