"""What understanding returns for one turn: intent, slot changes, references, measurements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.act_table import said_acts


@dataclass(frozen=True)
class Choice:
    """What a question choosing among the shown list asks: facts to rank by, values to have."""
    ranks: tuple[tuple[str, str], ...] = ()      # (fact, "low" | "high"): "price" | "warmth" | "rating", each answered
    wanted: tuple[tuple[str, str], ...] = ()     # (slot, value) pairs the chosen product should have


@dataclass(frozen=True)
class Piece:
    """A piece asked to be worn with a product: its name in `pieces.PIECE_DRESSINESS`, and as said
    (with its article: "a hoodie")."""
    name: str
    said: str
    own: bool = False     # said as the shopper's own ("my jeans"): held against the cart's
    category: str | None = None    # the shop's garment it is, where it sells that kind ("pants": trousers)
    color: str | None = None       # the colour said with it ("my black jeans"), held against the product's
    paired: bool = False           # said after a pairing word ("with my jeans"), not asked about ("will my jeans")


INTENTS: tuple[str, ...] = said_acts()


@dataclass(frozen=True)
class Measurements:
    """Body measurements the shopper gave, converted to cm and kg."""

    height_cm: float | None = None
    weight_kg: float | None = None
    chest_cm: float | None = None
    waist_cm: float | None = None
    hip_cm: float | None = None
    neck_cm: float | None = None

    def any(self) -> bool:
        return any(v is not None for v in self.__dict__.values())

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class SlotChanges:
    """How the turn changes the request; applied by `assistant.state.apply_understanding`.

    `values` replace a slot's values, except for slots in `additive` ("black is ok too"),
    which extend a list slot. `exclude` adds exclusions; `clear` unsets slots ("any colour");
    `remove` drops single values without excluding them ("forget the slim fit").
    """

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    additive: frozenset[str] = frozenset()
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    clear: frozenset[str] = frozenset()
    remove: dict[str, tuple[str, ...]] = field(default_factory=dict)   # "forget the slim fit"
    min_price: float | None = None
    max_price: float | None = None
    price_move: Literal["lower", "higher"] | None = None
    size_move: int = 0

    def is_empty(self) -> bool:
        return not (
            self.values or self.exclude or self.clear or self.remove or self.min_price is not None
            or self.max_price is not None or self.price_move or self.size_move
        )


@dataclass(frozen=True)
class Then:
    """The rest of a message that is a turn of its own ("… and try the first one on me"): its words are understood
    once this turn has run, against what it showed; `act` is how they read now, before it has."""

    text: str
    act: str


@dataclass(frozen=True)
class Understanding:
    """One turn understood. `refs` are positions as said: 1-based, -1 = the last shown."""

    intent: str
    changes: SlotChanges = field(default_factory=SlotChanges)
    refs: tuple[int, ...] = ()
    measurements: Measurements = field(default_factory=Measurements)
    item_size: str | None = None    # a size named with a product action ("the third one in S")
    sizes_each: tuple[tuple[int, str], ...] = ()   # (ref, size) of products said each in a size of its own
    item_color: str | None = None   # a colour named with a product action
    # the one colour of the one product described ("add the black one"): of a grey, black and red dress, the black
    described_color: str | None = None
    unknown_size: str | None = None  # a number said as a size that is none of the shop's sizes ("size 97")
    unknown_brand: str | None = None  # a brand named that the shop does not carry ("from North Lodge"), as written
    new_request: bool = False   # the request starts from empty (reset + new words)
    # the act-table row the rules read from the words where the eval's intents have none (it stays "smalltalk"):
    # "forget my photo" is `forget_photo`, "where's my photo?" is `photo_status`; slots untouched
    ruled_act: str | None = None
    stated: SlotChanges = field(default_factory=SlotChanges)   # every constraint the words state, whatever the act
    pointed: tuple[int, ...] = ()        # positions the words name (by number or description), whatever the act
    by_number: bool = False              # they were said as numbers ("the second one"): a description names the list's
    pronoun: bool = False                # "it", "this one", "them": the words refer back to a product
    singular: bool = False               # "it", "this one": they refer back to one product
    unread: bool = False                 # letters, but not one word a reader knows ("asdf qwer"): not understood
    strange: tuple[str, ...] = ()        # words no reader knows ("remove the zzzz", a brand's name): never guessed past
    facts: tuple[str, ...] = ()          # what a question about a product asks for (price, brand, ...)
    # of `facts`, those only the looks of a pointing phrase name ("is the long-sleeved one lined?": sleeve): which
    # product, not what is asked of it
    facts_of_looks: tuple[str, ...] = ()
    yes_no: bool = False                 # a question answered yes or no ("is it see-through?")
    implied_it: bool = False             # a Chinese yes/no question naming no garment, of the one in focus ("暖和吗？")
    ambiguous: tuple[int, ...] = ()      # shown positions a description fits equally: ask which
    garments: tuple[str, ...] = ()       # every garment named, in order ("a top and trousers": tops, trousers)
    outfit_ref: int | None = None        # an outfit named ("add the first outfit": 1; "this outfit": 0)
    plural_refs: tuple[int, ...] = ()    # shown products "the black shirts" fits: named, if the act is about products
    many: bool = False                   # the words name a set ("both", "the two black ones", "1 and 3"): each of it
    unmatched: bool = False              # a description fits no shown product: ask which
    # the look of that description, as (slot, value) pairs: "the brown trousers and the green ones" over a list with
    # green ones but no brown ones misses brown trousers, not "brown green" ones
    missed: frozenset[tuple[str, str]] = frozenset()
    choice: Choice | None = None         # what a question choosing among the shown list asks ("which is warmest?")
    with_own: bool = False               # the words hold what they ask against the shopper's own pieces ("my wardrobe")
    layered_on: bool = False             # a piece to wear over or under the product talked about ("over it")
    instead: bool = False                # another kind of garment for the same need ("a skirt instead")
    whole_list: bool = False             # the words take in the whole list shown ("which of these", "all")
    asks_which: bool = False             # the words ask which of the shown products ("which of these suits me?")
    names_shown: bool = False            # the words say a position counts the shown list ("the second one you showed")
    names_cart: bool = False             # the words say a position counts the cart ("the first one in my cart")
    pieces: tuple[Piece, ...] = ()       # pieces asked to be worn with a product ("with sneakers?")
    names_unlisted: bool = False         # the words name a garment outside the category list ("sneakers")
    unlisted_thing: bool = False         # ... as a thing, not a verb ("does it suit me?" names no suit)
    another: bool = False                # the words ask for one more ("add another"), not for what the cart has
    asks_more: bool = False              # the words ask for products besides those shown ("more items in L")
    known: bool = False                  # a question the shop's knowledge table answers (asked of it, or on an empty screen)
    to_shop: bool = False                # a question put to the shop's knowledge, not a request for products
    says_add: bool = False               # the words ask to buy or add ("add it", "I'll take", "加入购物车")
    then: Then | None = None             # a second turn in the same message, run after this one: a selfie's words
                                         # ("try the second one on me"), an act on the products a request finds
    own_words: str = ""                  # the part of the message this turn was read from, when `then` holds the rest
    confidence: float = 1.0
    source: str = "rules"
    llm_asked: bool = False             # understanding consulted the LLM on this turn
    notes: tuple[str, ...] = ()

    @property
    def ref(self) -> int | None:
        """The product the turn points at (the first one named when several are)."""
        return self.refs[0] if self.refs else None

    @property
    def base_piece(self) -> Piece | None:
        """A garment the shopper says they have, or will wear, that another kind they ask for is to go with ("I
        bought beige shorts, show me a tee for them", "a shirt to go with navy trousers"), of a kind the shop sells;
        the last said ("I have a grey cardigan, what top goes with the skirt?": the skirt); None when they say none."""
        return next((p for p in reversed(self.pieces) if p.category and set(self.garments) - {p.category}), None)

    @property
    def picked_color(self) -> str | None:
        """The colour the products the turn names are picked in: said with the act, else the one described."""
        return self.item_color or self.described_color

    @property
    def asks_what_the_shop_lacks(self) -> bool:
        """Whether the words ask for a brand or size the shop does not have, or for ratings (it has none): the same
        request searched again then answers what was asked (none of that, here is the list), not "show me more"."""
        return self.unknown_brand is not None or self.unknown_size is not None or "rating" in self.facts
