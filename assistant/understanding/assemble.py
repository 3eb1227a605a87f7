"""One turn's understanding from the chosen act and the turn as read.

The act comes from the learned classifier (or the LLM when it is unsure); prices, sizes,
negation scope, canonical values and pointed positions come from the reading. Which of
those an act uses is written once, in the table of acts (`assistant.act_table.ACTS`).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.act_table import ACTS
from assistant.understanding.model import SlotChanges, Understanding
from assistant.understanding.context import Context


def assemble(ruled: Understanding, act: str, ctx: Context, confidence: float, source: str) -> Understanding:
    """`ruled` (read, with no act yet) taken as `act` takes it; an act no shopper's words ask for
    keeps the reading's own changes."""
    if act in ACTS and ACTS[act].runs_as and not ctx.has_request:
        act = ACTS[act].runs_as   # nothing to refine yet: the first request is a search
    uses = ACTS[act] if act in ACTS and ACTS[act].said else None
    if uses is None:
        return replace(ruled, confidence=confidence, source=source)
    stated = ruled.stated
    if uses.constraints == "all":
        changes = stated
    elif uses.constraints == "category" and "category" in stated.values:
        changes = SlotChanges(values={"category": stated.values["category"]})
    else:
        changes = SlotChanges()
    refs: tuple[int, ...] = ()
    if uses.refs != "none":
        refs = ruled.pointed or ruled.refs
        falls_back = uses.refs == "last" or ruled.pronoun or (uses.refs == "worn" and (bool(ruled.pieces)
                                                                                     or ruled.implied_it))
        # a set said ("both of those" of six) that points at none yet is never the one product in focus
        if not refs and falls_back and not (ruled.ambiguous or ruled.unmatched or ruled.many) and ctx.last_ref is not None:
            refs = (ctx.last_ref,)
    return replace(
        ruled, intent=act, changes=changes, refs=refs, confidence=confidence, source=source,
        new_request=ruled.new_request and uses.constraints == "all",
        notes=ruled.notes + (f"act:{ruled.intent}->{act}",),
    )
