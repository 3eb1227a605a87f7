"""Stage 4a: the named facts of a turn the act classifier reads besides the sentence embedding.

Three kinds, each a number in [0, 1] under one name: cue patterns of `cues` found in the
words ("add ... to my cart", "try ... on", "compare"); what the reading found (positions said,
a bare pointer, a description of a shown product, measurements, constraints, a garment other
than the one asked for, a piece to wear with a product); and the conversation (products on screen, a request, the last act on
a product). None is an act chosen by rules: the classifier weighs them all, learned from
labelled turns.
"""

from __future__ import annotations

import re

from assistant.understanding.context import Context
from assistant.understanding.cues import (
    ADD_STRONG, ADD_WEAK, COMPARE_STRONG, DECIDE, DETAILS, LIKE_SHOWN, LOOK, MORE, OTHER, PAIRING, PRONOUN, REMOVE,
    RESET_STRONG, RESET_WEAK, RESET_WEAK_ALONE, SEARCH_CUE, SIZE_HELP, SMALLTALK, TRY_ON, UNDO, VIEW_CART, is_question,
)
from assistant.understanding.model import Understanding
from assistant.understanding.reading import Reading
from assistant.understanding.tokens import is_cjk

# Kept by ablation (`train_acts --ablate`: remove one, refit, compare on held-apart real turns;
# then the held-out conversations): "both", "which"/"or"/"?" and "not into the cart" added
# nothing and went.
CUES: dict[str, re.Pattern[str]] = {
    "cue_add_strong": ADD_STRONG, "cue_add_weak": ADD_WEAK, "cue_try_on": TRY_ON, "cue_view_cart": VIEW_CART,
    "cue_reset_strong": RESET_STRONG, "cue_reset_weak": RESET_WEAK, "cue_reset_alone": RESET_WEAK_ALONE,
    "cue_compare_strong": COMPARE_STRONG, "cue_size_help": SIZE_HELP, "cue_more": MORE, "cue_search": SEARCH_CUE,
    "cue_details": DETAILS, "cue_smalltalk": SMALLTALK, "cue_pronoun": PRONOUN,
    "cue_other": OTHER, "cue_look": LOOK, "cue_like_shown": LIKE_SHOWN, "cue_remove": REMOVE,
    "cue_undo": UNDO, "cue_decide": DECIDE, "cue_pairing": PAIRING,
}
# The last act on a product, for a bare pointer that continues it ("and #4?" after a try-on).
FOLLOWED_ACTS = ("try_on", "add_to_cart", "compare", "details")
READING = (
    "one_position", "several_positions", "bare_number", "bare_pair", "only_pointer", "describes_shown",
    "unclear_description", "measurements", "states_constraints", "names_garment", "new_garment",
    "moves_price_or_size", "only_smalltalk", "asks_fact", "adds_to_request", "names_piece", "several_garments", "names_set",
    "names_brand",
)
CONVERSATION = ("products_shown", "has_request", "pointed_before", "chinese", "asks", "knowledge_question",
                "shown_from_photo") + tuple(
    f"pointer_after_{act}" for act in FOLLOWED_ACTS
)
FEATURES: tuple[str, ...] = tuple(CUES) + READING + CONVERSATION


def turn_features(reading: Reading, turn: Understanding, ctx: Context, like_knowledge: float = 0.0) -> dict[str, float]:
    """`turn`: the turn as read, before its act (its stated constraints and facts asked for); `like_knowledge`: how
    near it comes, as a question, to one the shop's knowledge table answers by what it asks (`asking.asked_likeness`)."""
    text = reading.text
    stated = turn.stated
    said = reading.positions.said or reading.pointing.refs
    asked = stated.values.get("category", (None,))[0]
    bare_pointer = reading.positions.only_pointer
    constraints = not stated.is_empty() or turn.unknown_size is not None
    facts = {
        **{name: bool(pattern.search(text)) for name, pattern in CUES.items()},
        "one_position": len(said) == 1,
        "several_positions": len(said) >= 2,
        "bare_number": len(reading.positions.bare) == 1,
        "bare_pair": len(reading.positions.bare) == 2,
        "only_pointer": bare_pointer,
        "describes_shown": bool(reading.pointing.descriptions),
        "unclear_description": reading.pointing.needs_question,
        "measurements": reading.measurements.any(),
        "states_constraints": constraints,
        "names_garment": asked is not None,
        "new_garment": (asked is not None and asked != ctx.request.category)
                       or turn.names_unlisted,
        "moves_price_or_size": bool(stated.price_move or stated.size_move),
        "only_smalltalk": bool(SMALLTALK.fullmatch(text.strip(" !.?,"))),
        "asks_fact": bool(turn.facts),
        "adds_to_request": constraints and ctx.has_request and not said and (asked is None or asked == ctx.request.category),
        "names_piece": bool(turn.pieces),
        "several_garments": len(turn.garments) >= 2,
        "names_set": turn.many,
        # a brand alone ("有Kestrel的吗？" embeds as the bare name) is a request for its products
        "names_brand": bool(stated.values.get("brand")) or turn.unknown_brand is not None,
        "products_shown": ctx.shown_count > 0,
        "has_request": ctx.has_request,
        "pointed_before": ctx.last_ref is not None or ctx.named_before,
        "chinese": is_cjk(reading.tokens.text),
        "asks": is_question(reading.tokens.text),
        "knowledge_question": like_knowledge,
        "shown_from_photo": ctx.shown_from_photo,
        **{f"pointer_after_{act}": bare_pointer and ctx.last_action == act for act in FOLLOWED_ACTS},
    }
    return {name: float(facts[name]) for name in FEATURES}
