"""An outfit on one photo: several garments in one render, each laid over the render of those under it.

Garments are put on in layers (`common.garment_kinds.put_on_order`): bottoms, a dress, tops, then outerwear.
Each piece is rendered by the engine's own steps (`engine.render_on`) onto the render of the pieces under it
(`dressed`), so its repaint reads the clothes it is now worn over: a top hangs over the new trousers' waist
(or ends above it when cropped, as its own length says), not over the old ones. A piece that cannot be shown
(the photo too short for trousers, its product photo unusable, a render the gate refuses) is left out alone with
its reason, and the pieces over it are still laid on what is there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

import cv2
import numpy as np

from common.garment_kinds import layer_of, put_on_order
from tryon.analysis.person import PersonAnalysis, content_key, load_image
from tryon.errors import TryOnError
from tryon.fit_notes import Landing
from tryon.shared.beside import beside


UNDER_OUTERWEAR = frozenset({"upper", "full"})   # the layers an outer garment's opening shows


@dataclass(frozen=True)
class Piece:
    """One garment of an outfit, as given: its product photo (path, bytes or pixels) and what it is listed as."""

    garment_image: Any
    category: str


@dataclass(frozen=True)
class PieceResult:
    category: str
    landing: Landing | None = None      # where it ends on the wearer, when it was drawn
    error: TryOnError | None = None     # why it was left out

    @property
    def rendered(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class OutfitResult:
    image: np.ndarray                   # RGB uint8 at the input photo's resolution (the photo itself when none drew)
    pieces: tuple[PieceResult, ...]     # in the order given
    alpha: np.ndarray = field(repr=False, compare=False)   # 0..1: every piece and every repainted pixel
    timings: dict[str, float] = field(default_factory=dict)


def render_outfit(engine: Any, person_image: Any, pieces: Sequence[Piece],
                  person: PersonAnalysis | None = None) -> OutfitResult:
    """`engine`: the TryOnEngine whose models, cut-out cache and steps draw each piece (`prepare`, `lay_on`);
    `person`: the analysis of this same photo when the caller keeps it. Raises only for the person's photo
    (unreadable, no one in it); every piece's own refusal is in its result."""
    t0 = time.perf_counter()
    rgb = load_image(person_image)
    # each product photo cut out on the helper threads while the person is analysed and the pieces under it
    # are drawn (the graph cut is most of a piece's cost); its refusal is kept for its piece
    cuts = [beside(lambda piece=piece: _cut_or_refusal(engine, piece)).result for piece in pieces]
    analysis = person if person is not None else engine.analyze_person(rgb)
    timings = {"person_s": time.perf_counter() - t0}
    image, alpha = rgb, np.zeros(rgb.shape[:2], np.float32)
    results: list[PieceResult | None] = [None] * len(pieces)
    for i in put_on_order([p.category for p in pieces]):
        t = time.perf_counter()
        category, cut = pieces[i].category, cuts[i]()
        drawn = cut if isinstance(cut, TryOnError) else _laid(engine, image, analysis, cut, category)
        timings[f"piece_{i}_s"] = time.perf_counter() - t
        if isinstance(drawn, TryOnError):
            results[i] = PieceResult(category, error=drawn)
            continue
        image, analysis = drawn.image, dressed(analysis, drawn.image, drawn.garment)
        np.maximum(alpha, drawn.alpha, out=alpha)
        results[i] = PieceResult(category, landing=drawn.landing)
    timings["total_s"] = time.perf_counter() - t0
    return OutfitResult(image, _over_own_top(tuple(r for r in results if r is not None)), alpha, timings)


def _over_own_top(results: tuple[PieceResult, ...]) -> tuple[PieceResult, ...]:
    """Outerwear is shown over the outfit's own top or dress when one was drawn under it, not the shopper's:
    its "top" is left out of what it is said to be shown over."""
    if not any(r.rendered and layer_of(r.category) in UNDER_OUTERWEAR for r in results):
        return results
    return tuple(replace(r, landing=replace(r.landing, shown_over=tuple(o for o in r.landing.shown_over if o != "top")))
                 if r.rendered and layer_of(r.category) == "outer" else r for r in results)


def dressed(person: PersonAnalysis, render: np.ndarray, garment: np.ndarray) -> PersonAnalysis:
    """The person as a `render` (RGB, input res) shows them, for the next piece to be laid on: the same pose and
    face (found again on a render, the pose was less sure than on the photo, and once refused a woman whose face
    the photo cuts off), the render's pixels, and the body's outline grown by the `garment` (its alpha at the
    working resolution) where it reaches past it. What was repainted round the garment stays the body's: old
    clothes between a new waistband and the old top, filled from the room, are where the next top is worn, not
    room it must stop at."""
    h, w = person.mask.shape
    image = cv2.resize(render, (w, h), interpolation=cv2.INTER_AREA)
    return PersonAnalysis(coverage=person.coverage, key=content_key(image), image=image,
                          input_shape=person.input_shape, scale=person.scale, landmarks=person.landmarks.copy(),
                          mask=np.maximum(person.mask, garment).astype(np.float32), face_box=person.face_box)


def _cut_or_refusal(engine: Any, piece: Piece) -> Any:
    try:
        return engine.prepare(piece.garment_image, piece.category)
    except TryOnError as exc:
        return exc


def _laid(engine: Any, image: np.ndarray, person: PersonAnalysis, cut: Any, category: str) -> Any:
    """The piece laid on `image` (`engine.lay_on`), or why it could not be."""
    try:
        return engine.lay_on(image, person, cut, category)
    except TryOnError as exc:
        return exc
