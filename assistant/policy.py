"""What to do this turn, given the updated state and what was understood.

The policy only chooses; the manager acts and `replies` words it. It asks at most one
short clarifying question in a row: after one, it searches with what it has. Try-on asks
for a photo only when the engine exists (otherwise there is nothing to ask for).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.state import DialogueState
from assistant.understanding.model import Understanding

ACTION_KINDS = (
    "search", "more", "clarify", "which_product", "details", "compare", "try_on", "ask_photo",
    "upload_photo", "forget_photo", "add_to_cart", "view_cart", "size_help", "reset", "smalltalk",
)


@dataclass(frozen=True)
class Action:
    kind: str
    refs: tuple[int, ...] = ()

    @property
    def ref(self) -> int | None:
        return self.refs[0] if self.refs else None


def decide(state: DialogueState, u: Understanding, *, can_try_on: bool = True) -> Action:
    intent = u.intent
    may_ask = state.clarify_streak == 0
    if u.forget_photo:
        return Action("forget_photo")
    if intent in ("search", "refine"):
        request = state.request
        vague = request.is_empty() or (request.category is None and len(request.to_canonical()) < 2 and not state.shown)
        return Action("clarify" if vague and may_ask else "search")
    if intent == "more":
        if state.request.is_empty() and not state.shown and may_ask:
            return Action("clarify")
        return Action("more")
    if intent in ("details", "try_on", "add_to_cart", "compare"):
        refs = u.refs or ((state.last_ref,) if state.last_ref is not None else ())
        if intent == "compare" and len(refs) < 2 and len(state.shown) >= 2:
            refs = tuple(dict.fromkeys(refs + (1, 2)))[:max(2, len(refs))]
        if not refs and len(state.shown) == 1:
            refs = (1,)
        if not refs:
            return Action("which_product")
        if intent == "try_on" and state.photo is None and can_try_on:
            return Action("ask_photo", refs=refs)
        return Action(intent, refs=refs)
    if intent == "upload_photo":
        return Action("upload_photo")
    if intent == "size_help":
        refs = u.refs or ((state.last_ref,) if state.last_ref is not None else ())
        return Action("size_help", refs=refs)
    return Action(intent if intent in ACTION_KINDS else "smalltalk")
