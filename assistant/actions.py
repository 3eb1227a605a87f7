"""The one table of actions: for each, what it needs, how it runs and how it replies.

`decide` turns an understood turn into an `Action` using only the table: an action that
needs a shown product and has none (or a description that fits several, or none) becomes
a question; each action's own precondition (a vague search, a try-on without a photo) may
send it to another row. The manager then runs `ACTIONS[kind].run` and words the outcome
with `ACTIONS[kind].reply`. Adding an action is adding a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant import acting, acting_photo, replies, replies_cart, replies_photo
from assistant.state import DialogueState
from assistant.understanding.model import Understanding


@dataclass(frozen=True)
class Action:
    kind: str
    refs: tuple[int, ...] = ()
    candidates: tuple[int, ...] = ()   # for "which_product": the shown positions that fit

    @property
    def ref(self) -> int | None:
        return self.refs[0] if self.refs else None


@dataclass(frozen=True)
class TurnInput:
    state: DialogueState
    action: Action
    understanding: Understanding
    text: str
    image: Any = None


Redirect = Callable[[DialogueState, Understanding, tuple[int, ...], bool], "str | None"]


@dataclass(frozen=True)
class ActionSpec:
    run: Callable[[Any, TurnInput], tuple[DialogueState, replies.Outcome]]
    reply: Callable[[replies.Wording], str]
    needs: int = 0                     # shown products it needs: 0, 1 (one), 2 (two or more)
    redirect: Redirect | None = None   # another action to take instead, when its own precondition fails
    lists: bool = False                # its products are a result list (the shelf, "the second one")
    follow_up: bool = False            # an optional LLM sentence may follow its words


def _vague_search(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    request = state.request
    vague = request.is_empty() or (request.category is None and len(request.to_canonical()) < 2 and not state.shown)
    return "clarify" if vague and state.clarify_streak == 0 else None


def _search_redirect(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    """After a list found by a garment photo, words that name no other garment ("like this but in
    blue", "cheaper") search by that photo again; otherwise a vague search asks first."""
    if state.shown_from_photo and "category" not in u.changes.values and not u.new_request:
        return "photo_search"
    return _vague_search(state, u, refs, can_try_on)


def _vague_more(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    return "clarify" if state.request.is_empty() and not state.shown and state.clarify_streak == 0 else None


def _needs_photo(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    return "ask_photo" if state.photo is None and can_try_on else None


def _nothing(_: Any, t: TurnInput) -> tuple[DialogueState, replies.Outcome]:
    return t.state, replies.Outcome()


# Acts that run another act's row: refining a request is searching again with it.
SAME_ACTION: dict[str, str] = {"refine": "search"}

ACTIONS: dict[str, ActionSpec] = {
    "search": ActionSpec(acting.search, replies.result_list, redirect=_search_redirect, lists=True, follow_up=True),
    "more": ActionSpec(acting.search, replies.result_list, redirect=_vague_more, lists=True, follow_up=True),
    "clarify": ActionSpec(_nothing, replies.clarify),
    "which_product": ActionSpec(_nothing, replies.which_product),
    "details": ActionSpec(acting.pointed, replies.details, needs=1, follow_up=True),
    "compare": ActionSpec(acting.pointed, replies.compare, needs=2, follow_up=True),
    "add_to_cart": ActionSpec(acting.add_to_cart, replies_cart.added, needs=1),
    "remove_from_cart": ActionSpec(acting.remove_from_cart, replies_cart.removed),
    "view_cart": ActionSpec(acting.view_cart, replies_cart.cart),
    "outfit": ActionSpec(acting.outfit, replies.outfit, needs=1, lists=True),
    "advice": ActionSpec(acting.advice, replies.advice),
    "try_on": ActionSpec(acting_photo.try_on, replies_photo.tryon, needs=1, redirect=_needs_photo),
    "ask_photo": ActionSpec(acting.pointed, replies_photo.ask_photo, needs=1),
    "upload_photo": ActionSpec(acting_photo.upload, replies_photo.photo),
    "photo_search": ActionSpec(acting_photo.photo_search, replies_photo.photo_search, lists=True),
    "forget_photo": ActionSpec(acting_photo.forget_photo, replies_photo.forgot_photo),
    "size_help": ActionSpec(acting.size_help, replies_photo.size),
    "reset": ActionSpec(_nothing, replies.reset),
    "smalltalk": ActionSpec(acting.smalltalk, replies.smalltalk, follow_up=True),
}


def decide(state: DialogueState, u: Understanding, *, can_try_on: bool = True) -> Action:
    """The action for this turn, from the table alone."""
    if u.forget_photo:
        return Action("forget_photo")
    kind = SAME_ACTION.get(u.intent, u.intent)
    kind = kind if kind in ACTIONS else "smalltalk"
    spec = ACTIONS[kind]
    refs = u.refs
    if spec.needs:
        if u.ambiguous or (u.unmatched and not refs):
            return Action("which_product", candidates=u.ambiguous)
        refs = refs or ((state.last_ref,) if state.last_ref is not None else ())
        if spec.needs == 2 and len(refs) < 2 and len(state.shown) >= 2:
            refs = tuple(dict.fromkeys(refs + (1, 2)))[:max(2, len(refs))]
        if not refs and len(state.shown) == 1:
            refs = (1,)
        if not refs:
            return Action("which_product")
    elif kind == "size_help":
        refs = refs or ((state.last_ref,) if state.last_ref is not None else ())
    if spec.redirect is not None:
        other = spec.redirect(state, u, refs, can_try_on)
        if other is not None:
            return Action(other, refs=refs)
    return Action(kind, refs=refs)
