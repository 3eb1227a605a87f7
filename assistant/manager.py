"""The dialogue manager facade: one `DialogueManager` per shopper session.

`Assistant` holds what sessions share and never mutate (catalog, understanding, LLM,
try-on engine); `DialogueManager.handle(text, image=None)` runs one turn: understand ->
update state -> policy -> act on catalog, cart, photo and try-on -> grounded reply in the
shopper's language. All user data (request, cart, photo) lives in the session object,
never in module globals.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from assistant.message_text import MAX_MESSAGE_CHARS, clean_message
from assistant.phrasebook import Lang, language_of, say
from assistant.phrasing import Facts, Phraser
from assistant.policy import Action, decide
from assistant.replies import Outcome, Reply, describe_request, render
from assistant.sizing import recommend, typical_chart
from assistant.state import CartLine, DialogueState, apply_understanding
from assistant.tryon_port import PhotoCheck, TryOnEngine, check_photo, forget, load_engine, read_upload, render as render_tryon
from image_guard import ImageLimits, ImageRejected
from assistant.understanding import Understander, Understanding
from assistant.understanding.model import PRODUCT_INTENTS

log = logging.getLogger(__name__)
PAGE_SIZE = 6
# Actions after which a short LLM follow-up sentence can help; the rest must stay crisp.
FOLLOW_UP_ACTIONS = frozenset({"search", "more", "details", "compare", "smalltalk"})
# Attributes a shopper may point at a shown product by ("the black one", "the linen one").
TAG_SLOTS = ("category", "color", "material", "pattern", "fit", "sleeve")
# Small talk, first cue wins: thanks and greetings get their answers; another question
# ("how much is shipping?") gets "I can't help with that", not "you're welcome".
_CHAT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thanks", re.compile(r"\b(?:thanks?|thx|ty|cheers)\b|谢", re.IGNORECASE)),
    ("greeting", re.compile(r"\b(?:hi+|hello+|hey+|hiya|morning|evening)\b|你好|您好|嗨|哈喽", re.IGNORECASE)),
    ("question", re.compile(r"\?|？|^\s*(?:what|how|where|when|why|who|do|does|can|could|is|are|will)\b|吗|什么|怎么|多少|哪|几",
                            re.IGNORECASE)),
)
# How many products of a category are enough to know its typical size chart.
CHART_SAMPLE = 200


@dataclass(frozen=True)
class Turn:
    """The outcome of one turn: what was understood, the new state, what to show and say."""

    understanding: Understanding
    state: DialogueState
    action: Action
    reply: Reply
    products: tuple[Any, ...] = ()          # catalog Products shown this turn, in order
    tryon_image: np.ndarray | None = None   # the rendered try-on (RGB) when one was made

    @property
    def text(self) -> str:
        return self.reply.text

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def ref(self) -> int | None:
        """The product position this turn pointed at, as said (-1 = the last shown)."""
        if self.understanding.ref is not None:
            return self.understanding.ref
        return self.action.ref if self.understanding.intent in PRODUCT_INTENTS else None

    def stream(self) -> Iterator[str]:
        """The reply in pieces, for a chat UI that shows words as they come."""
        yield from self.reply.pieces()


@dataclass
class Assistant:
    """Shared resources: built once per process, read-only afterwards."""

    catalog: Any = None
    understander: Understander = field(default_factory=Understander)
    llm: Any = None
    tryon: TryOnEngine | None = None
    phraser: Phraser | None = None
    catalog_label: str = "none"
    llm_label: str = "none"
    upload_limits: ImageLimits = field(default_factory=ImageLimits.from_env)

    @classmethod
    def create(cls, catalog_dir: Path | str | None = None, llm: str | None = "llama_cpp",
               use_catalog: bool = True, tryon: bool = True, llm_replies: bool = False,
               progress: Callable[[str, int, int], None] | None = None,
               upload_limits: ImageLimits | None = None) -> "Assistant":
        """The assistant over a catalog directory (default: the demo shop) and an LLM backend by name.

        `llm_replies` lets the LLM append one grounded follow-up sentence to replies. It is off
        by default: with the embedded 0.5B model the sentences were mostly empty ("What would
        you like to do next?") or wrong ("Thank you for your purchase!" when nothing was
        bought), and they delay the end of the reply by ~0.5-1.5 s. Turn it on for a stronger
        model behind the `openai` or `transformers` backend.
        """
        catalog = None
        label = "none"
        if use_catalog:
            if catalog_dir:
                from catalog import Catalog

                catalog = Catalog.open(Path(catalog_dir), progress=(lambda d, t: progress("indexing products", d, t)) if progress else None)
                label = str(catalog_dir)
            else:
                from catalog.demo import open_demo_catalog

                catalog = open_demo_catalog(progress)
                label = "demo"
        backend = None
        if llm and llm != "none":
            from assistant.llm import make_backend

            backend = make_backend(llm)
        understander = Understander.for_catalog(catalog, backend)
        if understander.extractor is not None:
            understander.extractor.warm_up()
        phraser = Phraser(backend, understander.analyzer) if backend is not None and llm_replies else None
        return cls(
            catalog=catalog, understander=understander, llm=backend, tryon=load_engine() if tryon else None,
            phraser=phraser, catalog_label=label, llm_label=llm or "none",
            upload_limits=upload_limits or ImageLimits.from_env(),
        )

    def session(self) -> "DialogueManager":
        return DialogueManager(self)


@dataclass
class _Photo:
    """The session's photo and what the engine read from it (kept together, dropped together)."""

    image: np.ndarray
    check: PhotoCheck | None = None


class DialogueManager:
    """One shopper's conversation: state, photo and cart live here and nowhere else."""

    def __init__(self, assistant: Assistant | None = None):
        self.assistant = assistant or Assistant()
        self.state = DialogueState()
        self._photo: tuple[str, _Photo] | None = None

    @property
    def catalog(self):
        return self.assistant.catalog

    def handle(self, text: str, image: Any = None, image_kind: str | None = None) -> Turn:
        """One turn. `image` (path, PIL image or RGB array) is an upload: a selfie unless `image_kind` says "garment"."""
        message = clean_message(text)
        text = message.text
        kind = image_kind or ("selfie" if image is not None else None)
        understanding = self.assistant.understander.understand(text, self.state.context(), kind)
        state = apply_understanding(self.state, understanding)
        state = replace(state, lang=language_of(text, self.state.lang))
        can_try_on = self.assistant.tryon is not None
        action = decide(state, understanding, can_try_on=can_try_on)
        if action.kind == "try_on" and not can_try_on:
            state = replace(state, pending_tryon=None)
        state, outcome = self._act(state, action, understanding, text, image if kind == "selfie" else None)
        lang: Lang = state.lang  # type: ignore[assignment]
        facts_text = render(action, state, outcome, self.catalog, lang)
        if message.truncated:
            facts_text = say("message_truncated", lang, limit=f"{MAX_MESSAGE_CHARS:,}") + " " + facts_text
        reply = Reply(facts_text, self._follow_up(text, action, state, outcome, lang))
        streak = state.clarify_streak + 1 if action.kind == "clarify" else 0
        self.state = state = replace(state, clarify_streak=streak)
        return Turn(understanding, state, action, reply, outcome.products, outcome.tryon_image)

    # -- acting -------------------------------------------------------------------------------

    def _act(self, state: DialogueState, action: Action, u: Understanding, text: str,
             image: Any) -> tuple[DialogueState, Outcome]:
        kind = action.kind
        catalog = self.catalog
        if kind in ("search", "more") and catalog is not None:
            return self._search(state, kind)
        if kind == "forget_photo":
            had = self._photo is not None
            self._drop_photo()
            return replace(state, photo=None), Outcome(photo="forgotten" if had else "none")
        if kind == "upload_photo":
            return self._upload(state, image, u)
        if kind == "view_cart" and catalog is not None:
            products = tuple(catalog.products[l.product_id] for l in state.cart if l.product_id in catalog.products)
            return state, Outcome(products=products)
        if kind == "size_help":
            return state, self._size(state, action, u)
        if kind == "smalltalk":
            return state, Outcome(chat=next((name for name, cue in _CHAT_CUES if cue.search(text)), None))
        products = self._pointed(state, action)
        if kind == "add_to_cart" and products:
            product = products[0]
            color = self._color_for(product, u, state)
            state = state.add_to_cart(CartLine(product.id, u.item_size or state.request.size, color))
            return state, Outcome(products=products, cart_line=state.cart[-1])
        if kind == "try_on" and products:
            return state, self._try_on(state, products[0], u)
        return state, Outcome(products=products)

    def _pointed(self, state: DialogueState, action: Action) -> tuple[Any, ...]:
        """The products an action points at, by position in the last list (or the last one named)."""
        if self.catalog is None:
            return ()
        ids = [pid for pid in (state.resolve(r) for r in action.refs) if pid]
        if not ids and state.last_ref_id:
            ids = [state.last_ref_id]
        return tuple(self.catalog.products[pid] for pid in ids if pid in self.catalog.products)

    def _search(self, state: DialogueState, kind: str) -> tuple[DialogueState, Outcome]:
        page = state.page + 1 if kind == "more" else 0
        filters = state.request.to_filters()
        if state.soft_max_price is not None and filters.max_price is None:
            filters = replace(filters, max_price=state.soft_max_price)
        if state.soft_min_price is not None and filters.min_price is None:
            filters = replace(filters, min_price=state.soft_min_price)
        result = self.catalog.search(state.request.describe() or "clothing", filters, k=PAGE_SIZE, offset=page * PAGE_SIZE)
        products = tuple(hit.product for hit in result.hits)
        if products:
            tags = [frozenset((slot, v) for slot in TAG_SLOTS for v in p.values(slot)) for p in products]
            state = state.with_shown([(p.id, p.price) for p in products], page=page, tags=tags)
        return state, Outcome(products=products, relaxed=result.relaxed)

    def _size(self, state: DialogueState, action: Action, u: Understanding) -> Outcome:
        """Advice from the pointed product's chart, else the category's typical chart."""
        products = self._pointed(state, action)
        if products:
            return Outcome(products=products[:1], size_advice=recommend(products[0].size_chart, u.measurements))
        category = state.request.category or self._shown_category(state)
        if self.catalog is None or category is None:
            return Outcome()
        sample = (p for p in self.catalog.rows if p.category == category)
        chart = typical_chart((p for _, p in zip(range(CHART_SAMPLE), sample)), category, state.request.gender)
        return Outcome(size_advice=recommend(chart, u.measurements), size_category=category)

    def _shown_category(self, state: DialogueState) -> str | None:
        if self.catalog is None or not state.shown:
            return None
        counts = Counter(self.catalog.products[s.product_id].category for s in state.shown if s.product_id in self.catalog.products)
        return counts.most_common(1)[0][0] if counts else None

    @staticmethod
    def _color_for(product, u: Understanding, state: DialogueState) -> str | None:
        """The colour the shopper named or searched for, when the product comes in it."""
        for color in (u.item_color, *state.request.color):
            if color and color in product.colors:
                return color
        return product.colors[0] if product.colors else None

    # -- photos and try-on ----------------------------------------------------------------------

    def _upload(self, state: DialogueState, image: Any, u: Understanding) -> tuple[DialogueState, Outcome]:
        try:
            picture = read_upload(image, self.assistant.upload_limits)
        except ImageRejected as rejected:
            return state, Outcome(photo="unreadable", photo_error=rejected.message, photo_code=rejected.code)
        engine = self.assistant.tryon
        check = check_photo(engine, picture) if engine is not None else None
        if check is not None and check.error:
            return state, Outcome(photo="rejected", photo_error=check.error)
        key = uuid.uuid4().hex
        self._drop_photo()
        self._photo = (key, _Photo(picture, check))   # one photo per session: the newest replaces the last
        state = state.with_photo(key)
        waiting = self.catalog.products.get(state.pending_tryon or "") if self.catalog is not None else None
        state = replace(state, pending_tryon=None)
        if engine is None:
            tried = Outcome(products=(waiting,), tryon="unavailable") if waiting is not None else Outcome()
            return state, replace(tried, photo="kept_no_tryon")
        if waiting is None:
            return state, Outcome(photo="kept", coverage=check.coverage if check else None)
        return state, replace(self._try_on(state, waiting, u), photo="kept")

    @property
    def photo(self) -> np.ndarray | None:
        """The session's photo as kept (upright, metadata-free RGB), for showing it back to its owner."""
        return self._photo[1].image if self._photo is not None else None

    def close(self) -> None:
        """End the session: its photo is dropped at once; the state keeps nothing about it."""
        self._drop_photo()
        self.state = replace(self.state, photo=None, pending_tryon=None)

    def _drop_photo(self) -> None:
        """Forget the session's photo here and in the engine's cache of analysed people."""
        if self._photo is not None and self.assistant.tryon is not None:
            forget(self.assistant.tryon, self._photo[1].image)
        self._photo = None

    def _try_on(self, state: DialogueState, product, u: Understanding) -> Outcome:
        engine = self.assistant.tryon
        photo = self._photo[1] if self._photo and self._photo[0] == state.photo else None
        if engine is None or photo is None:
            return Outcome(products=(product,), tryon="unavailable")
        coverage = photo.check.coverage if photo.check else None
        if photo.check and photo.check.analysis is not None and not photo.check.analysis.supports(product.garment_type):
            return Outcome(products=(product,), tryon="not_covered", coverage=coverage)
        garment = self.catalog.image_path(product, self._color_for(product, u, state))
        if garment is None:
            return Outcome(products=(product,), tryon="failed", tryon_error="this product has no photo to try on.")
        analysis = photo.check.analysis if photo.check else None
        result = render_tryon(engine, photo.image, analysis, garment, product.category)
        if result.image is None:
            return Outcome(products=(product,), tryon="failed", tryon_error=result.error, coverage=coverage)
        return Outcome(products=(product,), tryon="done", coverage=coverage, tryon_image=result.image)

    # -- the optional LLM sentence -----------------------------------------------------------------

    def _follow_up(self, text: str, action: Action, state: DialogueState, outcome: Outcome, lang: Lang):
        phraser = self.assistant.phraser
        if phraser is None or action.kind not in FOLLOW_UP_ACTIONS:
            return None
        if action.kind in ("search", "more") and not outcome.products:
            return None
        request_pairs = [(slot, v) for slot in ("category", "color", "material", "fit", "pattern", "style", "occasion",
                                                "gender", "sleeve") for v in state.request.get(slot)]
        facts = Facts.of(outcome.products, request_pairs)
        if action.kind in ("search", "more"):
            shown = f"{len(outcome.products)} products for: {describe_request(state.request, 'en')}"
        elif outcome.products:
            shown = f"{action.kind} of {len(outcome.products)} product(s)"
        else:
            shown = "nothing"
        return lambda: phraser.sentence(text, shown, facts, lang)
