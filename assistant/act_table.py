"""The one table of acts: for each, what it takes from the turn and what it may change.

Understanding (`understanding.assemble`) reads what an act takes from the words; the state
update, `actions.decide` and the manager read what it may change and how it shows its result;
`actions.RUNS` holds how each row runs and replies. The act classifier's labels (`learned` rows),
the understanding's intents (`said` rows) and the LLM prompts' lists of acts (`prompt_lists`) are
all read from here. This module imports nothing of the assistant, so understanding can read it
without pulling in the runners.

Adding an act the shopper says:
1. a row here (`learned=True`, what it `means` and an `example` for the prompts);
2. its runner in `actions.RUNS` (usually a function in `acting` and a reply in `replies*`);
3. its reply words in a phrasebook (`phrasebook*.py`, English and Chinese);
4. its training phrases in `understanding/data/paraphrases*.jsonl` (and labelled real turns), then
   `python -m assistant.understanding.train_acts` to retrain the classifier.
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
                                    # "worn": also when they name a piece to wear with it ("能配运动鞋吗？"),
                                    # or ask yes or no in Chinese, which drops "it" ("适合冬天穿吗？")
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
    learned: bool = False           # the act classifier reads it from the words (it has training phrases)
    with_list: bool = False         # its words only make sense with products on screen (so it is trained)
    yields_to_knowledge: bool = False   # a question put to the shop's knowledge that its table answers
                                        # (`Understanding.to_shop`, `known`) is advice, not this act
    means: str = ""                 # what it is, as the LLM prompts gloss it
    example: str = ""               # a typical message, for the LLM prompts

    def __post_init__(self) -> None:
        if self.touches not in TOUCHES or self.updates not in UPDATES or self.positions_in not in POSITIONS_IN \
                or self.refs not in REFS:
            raise ValueError(f"unknown touches {self.touches!r}, updates {self.updates!r}, "
                             f"positions_in {self.positions_in!r} or refs {self.refs!r}")

    @property
    def answers_each(self) -> bool:
        """A question about products (it changes and lists nothing): a description that fits several shown
        products answers for each of them, where an action asks which first."""
        return not self.touches and not self.lists

    @property
    def on_a_guess(self) -> bool:
        """Whether an unsure guess of it may run: only when it changes nothing but the reply."""
        return not self.touches


ACTS: dict[str, ActRow] = {
    "search": ActRow(constraints="all", updates="request", lists=True, follow_up=True, learned=True,
                     yields_to_knowledge=True, means="a new request", example="I need a red dress for a party"),
    "refine": ActRow(constraints="all", updates="request", runs_as="search", learned=True, with_list=True,
                     yields_to_knowledge=True,
                     means="change the current request", example="cheaper please\" / \"in blue\" / \"size M\" / \"no polyester"),
    "more": ActRow(lists=True, next_page=True, over_list=True, follow_up=True, learned=True, with_list=True,
                   example="show me more"),
    "details": ActRow(refs="last", needs=1, updates="pointer", over_list=True, follow_up=True, learned=True,
                      with_list=True, means="a question about shown products", example="what is the second one made of?"),
    "compare": ActRow(refs="last", needs=2, updates="pointer", over_list=True, follow_up=True, learned=True,
                      with_list=True, example="compare 1 and 3"),
    "decide": ActRow(learned=True, with_list=True, means="help choosing one of the shown products",
                     example="which one should I get for the office?"),
    "add_to_cart": ActRow(refs="last", needs=1, touches="cart", updates="pointer", learned=True, with_list=True,
                          example="I'll take the first one"),
    "remove_from_cart": ActRow(refs="pronoun", touches="cart", positions_in="cart", learned=True, with_list=True,
                               example="take the jeans out of my cart"),
    "view_cart": ActRow(learned=True, example="what's in my cart?"),
    "undo": ActRow(touches="cart", learned=True, means="undo the last change to the cart", example="undo that"),
    "try_on": ActRow(refs="last", needs=1, touches="render", updates="pointer", needs_photo=True, learned=True,
                     with_list=True, example="can I see it on me?"),
    "outfit": ActRow(constraints="category", refs="last", needs=1, updates="pointer", lists=True, over_list=True,
                     learned=True, with_list=True, means="what goes with a product",
                     example="what trousers would go with it?"),
    "build_outfit": ActRow(lists=True, learned=True, means="several garments to wear together, under one budget",
                           example="a top and trousers for an interview, 150 for both"),
    "advice": ActRow(refs="worn", over_list=True, learned=True, means="an open question about clothes",
                     example="is linen or cotton better for a hot wedding?"),
    "size_help": ActRow(refs="last", learned=True, example="which size fits me? I'm 180 cm"),
    "reset": ActRow(touches="session", updates="clear", learned=True, example="start over"),
    "smalltalk": ActRow(follow_up=True, learned=True, yields_to_knowledge=True, example="thanks!"),
    "upload_photo": ActRow(touches="session"),
    "photo_search": ActRow(updates="request", fresh=True, lists=True),
    "forget_photo": ActRow(said=False, touches="session"),
    "photo_status": ActRow(said=False),
    "clarify": ActRow(said=False, clarifies=True),
    "which_product": ActRow(said=False),
    "ask_photo": ActRow(said=False, needs=1),
    "choose": ActRow(said=False, needs=2),
    "choose_size": ActRow(said=False, needs=1),
    "choose_colour": ActRow(said=False, needs=1),
    "confirm": ActRow(said=False),
}


def row(kind: str) -> ActRow:
    """The row an act runs by (a refine runs as a search)."""
    own = ACTS[kind]
    return ACTS[own.runs_as] if own.runs_as else own


def learned_acts() -> tuple[str, ...]:
    """The act classifier's labels, in the table's order."""
    return tuple(kind for kind, act in ACTS.items() if act.learned)


def said_acts() -> tuple[str, ...]:
    """Every act the understanding may read from a turn (words or an upload)."""
    return tuple(kind for kind, act in ACTS.items() if act.said)


def prompt_lists() -> dict[str, str]:
    """The learned acts as the LLM prompts list them: glossed in one line (`acts`), and one per line
    with a typical message (`act_examples`)."""
    kinds = learned_acts()
    glossed = ", ".join(f"{k} ({ACTS[k].means})" if ACTS[k].means else k for k in kinds)
    examples = "\n".join(f'{k}: "{ACTS[k].example}"' for k in kinds)
    return {"acts": glossed, "act_examples": examples}
