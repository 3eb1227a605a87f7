"""The one table of acts: for each, what it takes from the turn and what it may change.

Understanding (`understanding.assemble`) reads what an act takes from the words; the state
update, `actions.decide` and the manager read what it may change and how it shows its result;
`actions.RUNS` holds how each row runs and replies. This module imports nothing of the
assistant, so understanding can read it without pulling in the runners. Adding an act is adding
a row here and its runner there.
"""

from __future__ import annotations

from dataclasses import dataclass

# What an act may change beyond the reply: an unsure guess of one that changes something
# ("cart", "session") or renders a try-on ("render") is asked about, not run.
TOUCHES = ("", "cart", "session", "render")
# How an act updates the dialogue state: "request" (the search request), "pointer" (what "it"
# means next), "clear" (everything but the cart and photo), "" (nothing).
UPDATES = ("", "request", "pointer", "clear")
# When an act takes the product last talked about as its own (see `ActRow.refs`).
REFS = ("none", "last", "pronoun", "worn")
# What "the first one" counts: the shown list, or the cart's lines in the order they were added
# (while the cart has lines and the words do not name the list: "the first one you showed").
POSITIONS_IN = ("shown", "cart")


@dataclass(frozen=True)
class ActRow:
    said: bool = True               # a shopper's words ask for it; otherwise only `decide` chooses it
    constraints: str = "none"       # "all": the stated constraints; "category": only the garment asked for
    refs: str = "none"              # "last": points at shown products, else the one named last;
                                    # "pronoun": only when the words refer back ("is it ok for work?");
                                    # "worn": also when they name a piece to wear with it ("能配运动鞋吗？")
    needs: int = 0                  # shown products it needs: 0, 1 (one), 2 (two or more)
    touches: str = ""               # see TOUCHES
    updates: str = ""               # see UPDATES
    fresh: bool = False             # its request always starts afresh (a garment photo is a new query)
    runs_as: str | None = None      # another row it runs as ("refine" is searching again)
    lists: bool = False             # its products are a result list (the shelf, "the second one")
    next_page: bool = False         # it shows the next page of the same request
    needs_photo: bool = False       # it needs the shopper's photo and a try-on engine
    over_list: bool = False         # a question choosing among the shown list ("which is warmest?") is a "choose"
    follow_up: bool = False         # an optional LLM sentence may follow its words
    clarifies: bool = False         # it asks what the shopper is looking for (counted, so it is asked once)
    positions_in: str = "shown"     # see POSITIONS_IN

    def __post_init__(self) -> None:
        if self.touches not in TOUCHES or self.updates not in UPDATES or self.positions_in not in POSITIONS_IN \
                or self.refs not in REFS:
            raise ValueError(f"unknown touches {self.touches!r}, updates {self.updates!r}, "
                             f"positions_in {self.positions_in!r} or refs {self.refs!r}")

    @property
    def on_a_guess(self) -> bool:
        """Whether an unsure guess of it may run: only when it changes nothing but the reply."""
        return not self.touches


ACTS: dict[str, ActRow] = {
    "search": ActRow(constraints="all", updates="request", lists=True, follow_up=True),
    "refine": ActRow(constraints="all", updates="request", runs_as="search"),
    "more": ActRow(lists=True, next_page=True, over_list=True, follow_up=True),
    "details": ActRow(refs="last", needs=1, updates="pointer", over_list=True, follow_up=True),
    "compare": ActRow(refs="last", needs=2, updates="pointer", over_list=True, follow_up=True),
    "add_to_cart": ActRow(refs="last", needs=1, touches="cart", updates="pointer"),
    "remove_from_cart": ActRow(refs="pronoun", touches="cart", positions_in="cart"),
    "view_cart": ActRow(),
    "try_on": ActRow(refs="last", needs=1, touches="render", updates="pointer", needs_photo=True),
    "outfit": ActRow(constraints="category", refs="last", needs=1, updates="pointer", lists=True, over_list=True),
    "advice": ActRow(refs="worn", over_list=True),
    "size_help": ActRow(refs="last"),
    "reset": ActRow(touches="session", updates="clear"),
    "smalltalk": ActRow(follow_up=True),
    "upload_photo": ActRow(touches="session"),
    "photo_search": ActRow(updates="request", fresh=True, lists=True),
    "forget_photo": ActRow(said=False, touches="session"),
    "clarify": ActRow(said=False, clarifies=True),
    "which_product": ActRow(said=False),
    "ask_photo": ActRow(said=False, needs=1),
    "choose": ActRow(said=False, needs=2),
    "choose_size": ActRow(said=False, needs=1),
    "confirm": ActRow(said=False),
}


def row(kind: str) -> ActRow:
    """The row an act runs by (a refine runs as a search)."""
    own = ACTS[kind]
    return ACTS[own.runs_as] if own.runs_as else own
