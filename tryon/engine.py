"""The try-on facade the chat assistant uses: analyse a person once, render many garments.

A render is a pipeline of numbered steps (`steps.STEPS`), each a function of the results before it: 1 the person
analysed and 2 the garment cut out (`TryOnEngine.render`), then in `render_on` 3 the fit, 4-6 the garment put into
the photo (`compose.compose`), 7 the quality gate and 8 the fit notes. What runs meanwhile on the helper threads is
the `threading_plan`'s alone to say."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, Sequence

import numpy as np

from common.garment_kinds import GARMENT_TYPES, LEGGED, OUTERWEAR
from tryon.shared.steps import OnStep, unseen
from tryon.shared.threading_plan import Plan
from tryon.garment.cutout import GarmentCutout
from tryon.errors import (ArmsAcrossBodyError, GarmentWornError, NoGarmentError, PersonCutOffError, TryOnError,
                          UnreadableImageError, UnsupportedCategoryError)
from tryon.fit_notes import Landing, landing
from tryon.outfit import OutfitResult, Piece, render_outfit
from tryon.garment.cutting import cut_out
from tryon.fit.warp import ready
from tryon.analysis.worn import worn_garment
from tryon.analysis.detect import Models, analyze, shows_wearer
from tryon.analysis.person import (L_HIP, L_SHOULDER, L_WRIST, R_HIP, R_SHOULDER, R_WRIST, PersonAnalysis,
                          content_key, load_image, person_key, to_working)

_LOWER_NAMES = {"skirt": "skirts", "trousers": "trousers", "jeans": "jeans", "shorts": "shorts"}
# how far down the photo must reach for a garment (category first, else its kind)
NEEDS_DOWN_TO = {"trousers": "ankles", "jeans": "ankles", "shorts": "knees", "skirt": "knees", "lower": "knees"}
REACH_ORDER = ("chest", "hips", "knees", "ankles")
COATS = frozenset({"coat"})  # listed as these, a top may hang to the knees (`GarmentCutout.coat`)
ENDS_AT = {"chest": "above your hips", "hips": "above your knees", "knees": "above your ankles"}
# a wrist this far (share of shoulder width) past the body's centre line, at torso height
# (share of shoulders-to-hips), is an arm lying across the body
CROSS_REACH = 0.2
TORSO_BAND = (0.15, 1.1)
# wrists closer together than this (share of shoulder width) at torso height are hands held together in
# front of the body: both forearms lie across it, however near the centre line the hands meet
HANDS_TOGETHER = 0.5
WORN = ("This product photo shows a person wearing the garment, and I can only take the garment from a photo of it "
        "on its own — a flat or mannequin product shot would work.")


@dataclass(frozen=True)
class TryOnResult:
    image: np.ndarray                       # RGB uint8 at the input photo's resolution
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    # 0..1 at input res: the garment, and what was repainted where old clothes showed past it
    alpha: np.ndarray | None = field(default=None, repr=False, compare=False)
    landing: Landing = field(default_factory=Landing)   # where its hem and sleeves end on the wearer


def load_garment(garment_image: Any) -> np.ndarray:
    try:
        return load_image(Path(garment_image) if isinstance(garment_image, str) else garment_image)
    except UnreadableImageError as exc:
        raise NoGarmentError("I couldn't open the product photo, so I can't show it on you.") from exc


def _read_product(garment_image: Any) -> tuple[np.ndarray, str]:
    """A product photo as RGB and the key of its pixels (`content_key`), which its cut-out is remembered by."""
    rgb = load_garment(garment_image)
    return rgb, content_key(rgb)


class Render(NamedTuple):
    image: np.ndarray               # RGB uint8 at the input photo's resolution
    alpha: np.ndarray               # 0..1 at input res: the garment, and what was repainted
    timings: dict[str, float]
    landing: Landing                # where its hem and sleeves end on the wearer
    garment: np.ndarray             # 0..1 at the working resolution: the garment alone


def render_on(rgb: np.ndarray, person: PersonAnalysis, cut: GarmentCutout, gate: bool = True,
              on_step: OnStep | None = None) -> Render:
    """Steps 3 to 8 of the render, for an analysed person (step 1) and a cut-out garment (step 2): the fit, what
    of the garment shows, the repaint, the composite, the quality gate (RenderRefusedError) unless `gate` is off
    (the benchmarks look at refused renders too) and the fit notes. `on_step`: told each step's result. Which
    pieces run on the helper threads meanwhile is the `threading_plan`'s to say."""
    from tryon.compose.layering import compose, photo_reads
    from tryon.compose.in_front import arms_read_ahead
    from tryon.quality.gate import check, measure, warp_reads
    from tryon.fit.warp import warp

    seen, plan = on_step or unseen, Plan()
    timings: dict[str, float] = {}
    t = time.perf_counter()
    # what the render reads of the photo alone, in the order it is read: the arms' bands (what stays in front),
    # then the skin tone and what is never old cloth (the rim)
    read = plan("photo_reads", lambda: (arms_read_ahead(person, cut),
                                        photo_reads(person, cut.kind, "leg_l" in cut.points)))
    warped = warp(person, cut)                                   # 3. the fit: the garment warped onto the body
    timings["warp_s"] = time.perf_counter() - t
    seen(3, warped)
    judged = plan("warp_reads", lambda: warp_reads(person, warped)) if gate else None
    t = time.perf_counter()
    composed = compose(rgb, person, warped, plan, seen)         # 4-6. what shows, the repaint, the composite
    timings["compose_s"] = time.perf_counter() - t
    read()
    if judged is not None:                                       # 7. the quality gate
        quality = measure(person, warped, composed.work_alpha, composed.alpha, judged())
        seen(7, quality)
        check(quality)
    lands = landing(person, warped, composed.shown_over)         # 8. the fit notes
    seen(8, lands)
    return Render(composed.image, composed.alpha, timings, lands, composed.work_alpha)


def length_problem(person: PersonAnalysis, category: str, kind: str) -> str | None:
    """Why this photo is too short for this garment, in the shopper's words, or None."""
    needed = NEEDS_DOWN_TO.get(category) or NEEDS_DOWN_TO.get(kind)
    if needed is None or REACH_ORDER.index(person.reach) >= REACH_ORDER.index(needed):
        return None
    name = _LOWER_NAMES.get(category, category)
    return (f"Your photo ends {ENDS_AT[person.reach]}, and {name} need your legs down to the {needed} — "
            "a full-length photo would work.")


def _kind_of(category: str) -> str:
    """The garment kind try-on draws for a category, or UnsupportedCategoryError saying what works."""
    named = (category or "").strip().lower()
    kind = GARMENT_TYPES.get(named)
    if kind is None:
        # the categories named as they are given: "tops … work" answered `--category top` with its own word
        told = f"I can't try on {category!r} yet." if named else "No garment category was given."
        raise UnsupportedCategoryError(f"{told} These categories work: {', '.join(GARMENT_TYPES)}.")
    return kind


def arms_problem(person: PersonAnalysis, kind: str) -> str | None:
    """Why a top or dress can't be drawn on this pose: an arm lying across the torso would have to
    pass in front of the new garment, and the old sleeve on it would show through."""
    if kind == "lower":
        return None
    ls, rs = person.point(L_SHOULDER), person.point(R_SHOULDER)
    mid_s = (ls + rs) / 2
    torso = (person.point(L_HIP) + person.point(R_HIP)) / 2 - mid_s
    sw, length = float(np.linalg.norm(ls - rs)), float(np.linalg.norm(torso))
    if sw < 1 or length < 1:
        return None
    across, down = (ls - rs) / sw, torso / length
    advice = "a photo with your arms down at your sides would work."
    seen = [person.point(i) for i in (L_WRIST, R_WRIST) if person.landmarks[i, 2] >= 0.5]
    if len(seen) == 2 and float(np.linalg.norm(seen[0] - seen[1])) < HANDS_TOGETHER * sw and all(
            TORSO_BAND[0] < float(np.dot(w - mid_s, down)) / length < TORSO_BAND[1] for w in seen):
        return ("Your hands are held together in front of you in this photo, so the new garment would have to go "
                f"under your arms — {advice}")
    for shoulder, wrist in ((ls, L_WRIST), (rs, R_WRIST)):
        if person.landmarks[wrist, 2] < 0.5:
            continue
        w = person.point(wrist) - mid_s
        own_side = float(np.sign(np.dot(shoulder - mid_s, across)))
        past = -float(np.dot(w, across)) * own_side / sw
        depth = float(np.dot(w, down)) / length
        if past > CROSS_REACH and TORSO_BAND[0] < depth < TORSO_BAND[1]:
            return f"Your arm crosses your body in this photo, so the new garment would have to go under it — {advice}"
    return None


def check_photo_for(person: PersonAnalysis, category: str) -> None:
    """PersonCutOffError or ArmsAcrossBodyError when this photo cannot wear a garment of this category
    (`length_problem`, `arms_problem`)."""
    kind = _kind_of(category)
    problem = length_problem(person, category.strip().lower(), kind)
    if problem:
        raise PersonCutOffError(problem)
    problem = arms_problem(person, kind)
    if problem:
        raise ArmsAcrossBodyError(problem)


def _cut_or_why(garment_rgb: np.ndarray, kind: str, coat: bool, outer: bool, legged: bool
                ) -> GarmentCutout | NoGarmentError:
    """The product photo's cut-out, ready to warp, or why nothing garment-shaped separates from its backdrop."""
    try:
        return ready(replace(cut_out(garment_rgb, kind, legged), coat=coat, outer=outer))
    except NoGarmentError as exc:
        return exc


class TryOnEngine:
    """Classical virtual try-on. Thread-safe: one lock guards the (not thread-safe) mediapipe models."""

    def __init__(self, max_cached_people: int = 8, max_cached_garments: int = 16):
        self.max_cached_people = max(0, int(max_cached_people))
        self.max_cached_garments = max(0, int(max_cached_garments))
        self._cache: OrderedDict[str, PersonAnalysis] = OrderedDict()
        # catalog product photos, not shoppers' data: the same few are tried on by many shoppers
        # or why the photo shows no garment on its own (`_cut`)
        self._cutouts: OrderedDict[tuple[str, str, bool, bool, bool], GarmentCutout | TryOnError] = OrderedDict()
        self._lock = threading.RLock()
        self._models: Models | None = None
        self.load_s = 0.0

    # -- models -----------------------------------------------------------------------------------
    def _ensure_models(self) -> Models:
        if self._models is None:
            t = time.perf_counter()
            self._models = Models()
            self.load_s = time.perf_counter() - t
        return self._models

    def warm_up(self) -> float:
        with self._lock:
            self._ensure_models()
        return self.load_s

    # -- person -----------------------------------------------------------------------------------
    @staticmethod
    def _key_of(image: Any) -> str:
        rgb = load_image(image)
        return person_key(to_working(rgb)[0], rgb.shape[:2])

    def analyze_person(self, image: Any) -> PersonAnalysis:
        rgb = load_image(image)
        return self._analyze(rgb)[0]

    def _analyze(self, rgb: np.ndarray) -> tuple[PersonAnalysis, bool]:
        """The photo's analysis, from the cache when it holds this photo's key (`person_key`, of its working
        image, made first)."""
        working = to_working(rgb)
        key = person_key(working[0], rgb.shape[:2])
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit, True
            analysis = analyze(rgb, self._ensure_models(), key=key, working=working)
            if self.max_cached_people:
                self._cache[key] = analysis
                while len(self._cache) > self.max_cached_people:
                    self._cache.popitem(last=False)
            return analysis, False

    def prepare(self, garment_image: Any, category: str) -> GarmentCutout:
        """Cut a product photo out (and check no one wears it in it) ahead of its first try-on: the
        graph cut is most of a render."""
        return self._cut(load_garment(garment_image), category)

    def _cut(self, garment_rgb: np.ndarray, category: str, photo_key: str | None = None) -> GarmentCutout:
        """The garment's cut-out, remembered per product photo (`photo_key`: its `content_key`, when
        known) and what it is listed as; a photo that shows no garment on its own (someone wears it, nothing
        separates, or what does is not shaped like a garment) raises its error, remembered too."""
        name = category.strip().lower()
        kind, coat, outer, legged = _kind_of(category), name in COATS, name in OUTERWEAR, name in LEGGED
        key = (photo_key or content_key(garment_rgb), kind, coat, outer, legged)
        with self._lock:
            outcome = self._cutouts.get(key)
            if outcome is not None:
                self._cutouts.move_to_end(key)
            else:
                worn = shows_wearer(self._ensure_models(), garment_rgb)
        if outcome is None:
            outcome = GarmentWornError(WORN) if worn else _cut_or_why(garment_rgb, kind, coat, outer, legged)
            if self.max_cached_garments:
                with self._lock:
                    self._cutouts[key] = outcome
                    while len(self._cutouts) > self.max_cached_garments:
                        self._cutouts.popitem(last=False)
        if isinstance(outcome, TryOnError):
            raise type(outcome)(outcome.message)
        return outcome

    def forget(self, person_image_or_key: Any) -> None:
        if isinstance(person_image_or_key, str) and person_image_or_key in self._cache:
            key = person_image_or_key
        else:
            try:
                key = self._key_of(person_image_or_key)
            except TryOnError:
                return
        with self._lock:
            self._cache.pop(key, None)

    def pose_problem(self, person: PersonAnalysis, part: str = "upper") -> str | None:
        """Why no garment of this part ("upper", "full", "lower") can be drawn on the photo's pose, in the shopper's
        words with what photo would work (`arms_problem`), or None: said at upload, not after a first try-on."""
        return arms_problem(person, part)

    def worn_garment(self, person: PersonAnalysis, part: str) -> np.ndarray | None:
        """What the person in an analysed photo wears on `part` ("upper", "lower", "full"), cut out on
        white for search by photo; None when the photo does not show that part."""
        return worn_garment(person, part)

    # -- render -----------------------------------------------------------------------------------
    def render(self, person_image: Any, garment_image: Any, category: str,
               person: PersonAnalysis | None = None, on_step: OnStep | None = None) -> TryOnResult:
        """`person` is the analysis of this same photo when the caller keeps it (a chat session
        does, so nothing about a shopper has to stay in the engine's cross-request cache). Steps 1 and 2 here,
        the rest in `render_on`; `on_step`: told each step's result."""
        kind = _kind_of(category)
        seen = on_step or unseen
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        rgb = load_image(person_image)
        # the product photo read and keyed while the person's photo is analysed (its errors come when it is
        # taken, after the person's, as when it was read in turn)
        product = Plan()("product_photo", lambda: _read_product(garment_image))
        timings["read_s"] = time.perf_counter() - t0
        with self._lock:
            self._ensure_models()
        t = time.perf_counter()
        cached = person is not None
        if person is None:                                       # 1. the person analysed
            person, cached = self._analyze(rgb)
        timings["person_s"] = time.perf_counter() - t
        seen(1, person)
        check_photo_for(person, category)
        garment_rgb, garment_key = product()
        t = time.perf_counter()
        cut = self._cut(garment_rgb, category, garment_key)      # 2. the garment cut out
        timings["garment_s"] = time.perf_counter() - t
        seen(2, cut)
        image, alpha, stage, lands, _ = render_on(rgb, person, cut, on_step=on_step)
        timings.update(stage)
        timings["total_s"] = time.perf_counter() - t0
        warnings: list[str] = []
        if cached:
            warnings.append("person_from_cache")
        if kind == "full" and person.coverage != "full":
            warnings.append("garment_extends_below_photo")
        return TryOnResult(image=image, timings=timings, warnings=tuple(warnings), alpha=alpha, landing=lands)

    def lay_on(self, image: np.ndarray, person: PersonAnalysis, cut: GarmentCutout, category: str) -> Render:
        """Steps 3 to 8 of a cut-out garment on an analysed photo, once the photo is checked to wear it
        (`check_photo_for`): an outfit's pieces are laid on one after another (`outfit`)."""
        check_photo_for(person, category)
        return render_on(image, person, cut)

    def render_outfit(self, person_image: Any, pieces: Sequence[Piece], person: PersonAnalysis | None = None
                      ) -> OutfitResult:
        """Several garments in one render, each laid over those under it (`outfit`); each piece's refusal is in
        its result."""
        return render_outfit(self, person_image, pieces, person)

    def close(self) -> None:
        with self._lock:
            if self._models is not None:
                self._models.close()
                self._models = None
            self._cache.clear()
            self._cutouts.clear()
