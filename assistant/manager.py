"""The dialogue manager facade: one `DialogueManager` per shopper session.

`Assistant` holds what sessions share and never mutate (catalog, understanding, LLM,
try-on engine); `DialogueManager.handle(text, image=None)` runs one turn: understand ->
update state -> decide -> run the action's row of `assistant.act_table.ACTS` -> its
grounded reply in the shopper's language. All user data (request, cart, photo) lives in
the session object, never in module globals.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from assistant.acting import asked_colours, garment_photo
from assistant.acting_advice import advice_view
from assistant.knowledge.table import KnowledgeTable
from assistant.advice import unanswered
from assistant.advice_prime import AdvicePrimer
from assistant.acting_photo import PhotoRead, read_photo
from assistant.act_table import ACTS, row
from assistant.actions import RUNS, Action, TurnInput, decide
from assistant.bounded import pieces_within
from assistant.describe import describe_request
from assistant.message_text import MAX_MESSAGE_CHARS, Message, clean_message
from assistant.phrasebook import Lang, language_of, say
from assistant.phrasing import Facts, Phraser
from assistant.replies import Outcome, Reply, Wording
from assistant.state import DialogueState, apply_understanding, asked_back
from assistant.tryon_port import EngineBackground, PhotoCheck, TryOnEngine, forget, load_engine
from assistant.understanding import FINDS, Understander, Understanding
from catalog.photos.query import GarmentPhoto
from common.images import ImageLimits

log = logging.getLogger(__name__)
# The LLM-first mode reads every turn with the model; a strong server answers in well under
# this, the 1.5B GGUF on 2 CPU cores in a few seconds.
LLM_FIRST_TIMEOUT_S = 30.0
# A model's advice answer streams a checked sentence at a time. The first must come within
# ADVICE_FIRST_S: the bundled model's first checked sentence takes about 1 s on idle cores and
# 3-5 s beside other work (at 3 s the browser journey got the apology while the test suite ran);
# once the model is answering, a sentence may take longer on a loaded machine, but a stream
# silent for ADVICE_GAP_S has stalled. `SHOP_ADVICE_WAIT_S` sets how long the first sentence is waited for, where
# a slow or shared machine should still give the model's answer (and a test must not race the machine's load).
ADVICE_FIRST_S = float(os.environ.get("SHOP_ADVICE_WAIT_S") or 6.0)
ADVICE_GAP_S = 5.0


def understanding_options(mode: str | None) -> dict[str, Any]:
    """`SHOP_UNDERSTANDING=llm_first` (or the argument) lets the LLM read every turn first."""
    chosen = mode or os.environ.get("SHOP_UNDERSTANDING") or "learned"
    return {"mode": chosen, "llm_timeout": LLM_FIRST_TIMEOUT_S} if chosen == "llm_first" else {"mode": chosen}


def timely(body: Callable[[], Iterator[str]], lang: Lang, settled: tuple[str, ...] = (),
           about_products: bool = False) -> Callable[[], Iterator[str]]:
    """The advice body, shown only as far as it comes in time (`ADVICE_FIRST_S`, `ADVICE_GAP_S`).

    The answer's own deadline is for the whole answer (20 s), and a late model blocks where no
    deadline is checked (a prompt being evaluated, an HTTP answer that has not begun): on loaded
    cores an advice turn waited 21 s for llama.cpp, 10 s for a late endpoint, before its line
    came out. When nothing came in time the shopper gets what the facts settle (`settled`), else is
    told so, in the words the advice uses when the model fails (`about_products`: the question was
    about products in view)."""
    def pieces() -> Iterator[str]:
        came = False
        for piece in pieces_within(body, ADVICE_FIRST_S, ADVICE_GAP_S, "llm-advice"):
            came = True
            yield piece
        if not came:
            yield unanswered(settled, lang, about_products)
    return pieces


@dataclass(frozen=True)
class Turn:
    """The outcome of one turn: what was understood, the new state, what to show and say."""

    understanding: Understanding
    state: DialogueState
    action: Action
    reply: Reply
    products: tuple[Any, ...] = ()          # catalog Products shown this turn, in order
    # the colour each product is shown in: its cart line's on a cart turn, else the one the shopper asked it in (None:
    # none asked, the product's own photo)
    colors: tuple[str | None, ...] = ()
    tryon_image: np.ndarray | None = None   # the rendered try-on (RGB) when one was made
    lists: bool = False                     # the products are a result list (the shelf)
    before: tuple["Turn", ...] = ()         # turns the same message ran first, shown first: the list "show me
                                            # linen shirts and try the first one on me" found

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
        act = ACTS.get(self.understanding.intent)
        return self.action.ref if act is not None and act.updates == "pointer" else None

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
    engine_background: EngineBackground | None = None
    primer: AdvicePrimer | None = None
    knowledge: KnowledgeTable | None = field(default_factory=KnowledgeTable.load)   # embedded on the first question

    def __post_init__(self) -> None:
        if self.tryon is not None and self.engine_background is None:
            self.engine_background = EngineBackground(self.tryon)

    @classmethod
    def create(cls, catalog_dir: Path | str | None = None, llm: str | None = "llama_cpp",
               use_catalog: bool = True, tryon: bool = True, llm_replies: bool = False,
               progress: Callable[[str, int, int], None] | None = None,
               upload_limits: ImageLimits | None = None, understanding: str | None = None) -> "Assistant":
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
            from catalog.demo.shop import open_shop

            catalog = open_shop(catalog_dir, progress)
            label = str(catalog_dir) if catalog_dir else "demo"
        backend = None
        if llm and llm != "none":
            from assistant.llm import make_backend

            backend = make_backend(llm)
        understander = Understander.for_catalog(catalog, backend, **understanding_options(understanding))
        primer = None
        if understander.extractor is not None:
            understander.extractor.warm_up(wait=understander.mode == "llm_first")
            primer = AdvicePrimer(backend)
            primer.want(())
        phraser = Phraser(backend, understander.analyzer) if backend is not None and llm_replies else None
        return cls(
            catalog=catalog, understander=understander, llm=backend, tryon=load_engine() if tryon else None,
            phraser=phraser, catalog_label=label, llm_label=llm or "none", primer=primer,
            knowledge=KnowledgeTable.load(understander.encode),
            upload_limits=upload_limits or ImageLimits.from_env(),
        )

    def session(self) -> "DialogueManager":
        return DialogueManager(self)

    def close(self) -> None:
        """End the background work and free the models, in the one order that leaves no thread inside
        a model being freed: the advice primer first (it calls the model), then the model (a call under
        way stops at its next token before it is freed; late calls still running in their threads then
        fail at once), then the try-on engine's thread. Every process that made an assistant calls this
        before it exits."""
        if self.primer is not None:
            self.primer.close()
        if self.llm is not None:
            self.llm.close()
        if self.engine_background is not None:
            self.engine_background.close()


class DialogueManager:
    """One shopper's conversation: state, photo and cart live here and nowhere else."""

    def __init__(self, assistant: Assistant | None = None):
        self.assistant = assistant or Assistant()
        self.state = DialogueState()
        self._photo: tuple[str, np.ndarray, PhotoCheck | None] | None = None
        self.garment_seen: GarmentPhoto | None = None   # the last garment photo searched by, for "like this but …"

    @property
    def catalog(self):
        return self.assistant.catalog

    def handle(self, text: str, image: Any = None, image_kind: str | None = None) -> Turn:
        """One turn. `image` (path, PIL image or RGB array) is an upload: a selfie when it shows a
        person, a garment to search by when it does not (or as `image_kind` says).

        Then, unless the model is about to answer this turn, the advice prompt for the products
        now in view is evaluated ahead (`AdvicePrimer`), so a question about them starts fast."""
        primer = self.assistant.primer
        if primer is None:
            return self._handle(text, image, image_kind)
        with primer.turn():
            turn = self._handle(text, image, image_kind)
        if not turn.reply.pending:
            primer.want(advice_view(self, turn.state))
        return turn

    def _handle(self, text: str, image: Any, image_kind: str | None) -> Turn:
        """One message may be several turns (`Understanding.then`): a selfie with words that ask to wear something
        is the photo kept, then the words on it; a selfie with words asking for products of their own is the photo's
        reply, then the list, whether or not the photo could be kept; a request and an act on what it finds is the
        list, then the act. The earlier replies are shown before the last one's; a photo's own reply gives way to
        words that wear something."""
        message = clean_message(text)
        read = read_photo(self, image) if image is not None else None
        if read is not None and read.picture is None and message.text.strip():
            return self._unopened(text, read)
        kind = image_kind or (read.kind(waiting_tryon=bool(self.state.pending_tryon)) if read else None)
        understanding = self.assistant.understander.understand(message.text, self.state.context(), kind)
        kept_before = self.state.photo
        turn, shown = self._act(_own(message, understanding), read, understanding), []
        while turn.understanding.then is not None:
            then = turn.understanding.then.text
            words = self.assistant.understander.understand(then, self.state.context())
            if turn.action.kind == "upload_photo" and words.intent in FINDS and words.then is None:
                shown.append(turn)
            elif turn.action.kind == "upload_photo":
                if turn.state.photo in (None, kept_before) or turn.tryon_image is not None or not self._wears(words):
                    break
            elif turn.lists and turn.products:
                shown.append(turn)
                # in the same breath "it" is what was just asked for: the best match
                self.state = replace(self.state, last_ref=1, last_ref_id=self.state.resolve(1))
            else:
                break
            turn = self._act(_own(replace(message, text=then), words), None, words)
        return replace(turn, before=tuple(shown))

    def _unopened(self, text: str, read: PhotoRead) -> Turn:
        """A photo that could not be opened loses none of its words: its reply says so, then the words are acted
        on as if sent alone. A try-on they ask for waits for a photo that opens, not an older one kept before; words
        about what the photo shows ("does this come in blue?") wait for it too, since nothing else is "this"."""
        message = clean_message(text)
        about = self.assistant.understander.understand(message.text, self.state.context(), "selfie")
        if about.intent == "photo_search":
            return self._act(message, read, about)
        failed = self._act(Message(""), read, self.assistant.understander.understand("", self.state.context(), "selfie"))
        kept = self.state.photo
        self.state = replace(self.state, photo=None)
        turn = self._handle(text, None, None)
        if self.photo_entry(kept) is not None:   # unless the words forgot it ("forget my photo")
            self.state = replace(self.state, photo=kept)
        return replace(turn, state=self.state, before=(failed,) + turn.before)

    def _wearing(self, state: DialogueState) -> tuple[str, ...]:
        """The kinds of garment of the pieces `state.wearing`, for words that name them by kind (`actions.decide`)."""
        products = self.catalog.products if self.catalog is not None else {}
        return tuple(products[pid].category if pid in products else "" for pid in state.wearing)

    def _wears(self, words: Understanding) -> bool:
        """Whether words sent with a selfie name what to wear on it, at once or on what they ask to find, or describe
        one to wear that none shown fits or several do ("try the striped one on me": that none is striped; "put the
        warmest one on me" of four as warm: which of them; not the photo's own "pick any product"): else the photo's
        own reply stands, which asks."""
        if words.then is not None:
            return words.then.act == "try_on"
        state = apply_understanding(self.state, words)
        can_try_on = self.assistant.tryon is not None
        kind = decide(state, words, focus=self.state.last_refs, can_try_on=can_try_on,
                      wearing=self._wearing(state)).kind
        unclear = words.unmatched or bool(words.ambiguous)
        return kind == "try_on" or (kind == "which_product" and words.intent == "try_on" and unclear)

    def _act(self, message: Message, read: PhotoRead | None, understanding: Understanding) -> Turn:
        text = message.text
        state = apply_understanding(self.state, understanding)
        state = replace(state, lang=language_of(text, self.state.lang))
        can_try_on = self.assistant.tryon is not None
        action = decide(state, understanding, focus=self.state.last_refs, can_try_on=can_try_on,
                        wearing=self._wearing(state))
        spec, runner = row(action.kind), RUNS[action.kind]
        if spec.updates == "pointer" and len(action.refs) > len(state.last_refs):
            state = replace(state, last_refs=action.refs)   # "compare them" took in two: both are talked about
        if spec.updates == "pointer" and len(action.refs) == 1 and state.last_ref is None:
            # "what colours does it come in?" with one product shown acts on it: "it" next time too
            state = replace(state, last_ref=action.refs[0], last_ref_id=state.resolve(action.refs[0]))
        if spec.needs_photo and not can_try_on:
            state = replace(state, pending_tryon=())
        state, outcome = runner.run(self, TurnInput(state, action, understanding, text, read))
        if state.cart != self.state.cart and action.kind != "undo":
            state = replace(state, cart_undo=self.state.cart)
        lang: Lang = state.lang  # type: ignore[assignment]
        facts_text = runner.reply(Wording(action, state, outcome, self.catalog, lang, understanding))
        if action.then_asks:
            # "add the skirt and the black one" of two black tops: the skirt went in, which black one is asked
            asked = Wording(replace(action, kind="which_product"), state, outcome, self.catalog, lang, understanding)
            facts_text += " " + RUNS["which_product"].reply(asked)
        if action.kind == "which_product" or action.then_asks:
            # asked back: the answer runs the act asked about, among the ones offered (after an act run on some, any
            # of the list when the description fits none)
            offered = action.candidates or (tuple(range(1, len(state.shown) + 1)) if action.then_asks
                                            else state.last_refs)
            state = asked_back(state, offered, understanding.picked_color, understanding.item_size)
        if message.truncated:
            facts_text = say("message_truncated", lang, limit=f"{MAX_MESSAGE_CHARS:,}") + " " + facts_text
        follow_up = self._follow_up(text, action, state, outcome, lang) if spec.follow_up else None
        reply = Reply(facts_text, follow_up, body=timely(outcome.advice, lang, outcome.settled, bool(outcome.products))
                      if outcome.advice else None)
        if self._photo is not None and outcome.products and self.assistant.engine_background is not None:
            self.assistant.engine_background.submit(self._garments(outcome.products, understanding, state))
        streak = state.clarify_streak + 1 if spec.clarifies else 0
        self.state = state = replace(state, clarify_streak=streak)
        colors = outcome.colors or asked_colours(outcome.products, understanding, state)
        shown = range(len(outcome.products)) if outcome.named is None else outcome.named
        return Turn(understanding, state, action, reply, tuple(outcome.products[i] for i in shown),
                    tuple(colors[i] for i in shown), outcome.tryon_image, spec.lists)

    def _garments(self, products, understanding, state: DialogueState) -> Iterator[tuple[Path, str]]:
        """The product photos a try-on of these products would use."""
        for product in products:
            path = garment_photo(self.catalog, product, understanding, state)
            if path is not None:
                yield path, product.category

    # -- the session's photo ----------------------------------------------------------------------

    @property
    def photo(self) -> np.ndarray | None:
        """The session's photo as kept (upright, metadata-free RGB), for showing it back to its owner."""
        return self._photo[1] if self._photo is not None else None

    def photo_entry(self, key: str | None) -> tuple[np.ndarray, PhotoCheck | None] | None:
        """The photo and its analysis, if `key` still names the session's photo."""
        if self._photo is None or key is None or self._photo[0] != key:
            return None
        return self._photo[1], self._photo[2]

    def keep_photo(self, key: str, picture: np.ndarray, check: PhotoCheck | None) -> None:
        self.drop_photo()
        self._photo = (key, picture, check)

    def drop_photo(self) -> None:
        """Forget the session's photo here and in the engine's cache of analysed people."""
        if self._photo is not None and self.assistant.tryon is not None:
            forget(self.assistant.tryon, self._photo[1])
        self._photo = None

    def close(self) -> None:
        """End the session: its photos are dropped at once; the state keeps nothing about them."""
        self.drop_photo()
        self.garment_seen = None
        self.state = replace(self.state, photo=None, pending_tryon=())

    # -- the optional LLM sentence -----------------------------------------------------------------

    def _follow_up(self, text: str, action: Action, state: DialogueState, outcome: Outcome, lang: Lang):
        phraser = self.assistant.phraser
        if phraser is None:
            return None
        listing = row(action.kind).lists
        if listing and not outcome.products:
            return None
        request_pairs = [(slot, v) for slot in ("category", "color", "material", "fit", "pattern", "style", "occasion",
                                                "gender", "sleeve") for v in state.request.get(slot)]
        facts = Facts.of(outcome.products, request_pairs)
        if listing:
            shown = f"{len(outcome.products)} products for: {describe_request(state.request, 'en')}"
        elif outcome.products:
            shown = f"{action.kind} of {len(outcome.products)} product(s)"
        else:
            shown = "nothing"
        return lambda: phraser.sentence(text, shown, facts, lang)


def _own(message: Message, understanding: Understanding) -> Message:
    """The words a turn was read from: the runners read them again ("it", a garment not sold), not the rest of the
    message, which is a turn of its own."""
    return replace(message, text=understanding.own_words) if understanding.own_words else message
