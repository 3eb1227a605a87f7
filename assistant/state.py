"""The dialogue state of one shopping session, and the pure function that updates it.

State is an immutable value: `apply_understanding(state, understanding)` returns the next
state, so a test can build any state, apply a turn and inspect the result, and a session
never shares mutable data with another. Product facts stay in the catalog; the state
only keeps ids (and the prices of what was shown, which relative requests need).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace

from catalog.vocabulary import garment_type

from assistant.act_table import ACTS
from assistant.slots import SearchRequest, size_step
from assistant.understanding import ASK_LLM_BELOW
from assistant.understanding.tokens import tokenize
from assistant.understanding.model import SlotChanges, Understanding
from assistant.understanding.context import Context

# Attributes a shopper may point at a shown product by ("the black one", "the linen one").
TAG_SLOTS = ("category", "color", "material", "pattern", "fit", "sleeve", "style", "gender", "brand")
# What belongs to the shopper, not to the garment asked for: kept when the garment type changes.
SHOPPER_SLOTS = ("gender",)
# What is said of the need a garment is for, not of the garment: kept for another kind asked for in its place
NEED_SLOTS = ("color", "occasion", "style")
# Exclusions that are the shopper's taste, not the garment's: kept for the other garment of an
# outfit ("nothing slim" said of a shirt holds for the trousers to go with it; "no jeans" does not).
TASTE_EXCLUSIONS = ("fit", "style", "material", "pattern")


def shown_tags(product) -> frozenset[tuple[str, str]]:
    """A product's (slot, value) pairs and its title and brand words, for matching descriptions."""
    pairs = {(slot, v) for slot in TAG_SLOTS for v in product.values(slot)}
    words = f"{product.title} {product.brand or ''}"
    pairs |= {("word", t.text) for t in tokenize(words) if t.is_word and len(t.text) >= 3}
    return frozenset(pairs)


@dataclass(frozen=True)
class Shown:
    """A product as listed to the shopper; `position` is 1-based in the last list."""

    product_id: str
    position: int
    price: float | None = None
    tags: frozenset[tuple[str, str]] = frozenset()   # its (slot, value) pairs, for "the black one"
    standings: tuple[tuple[str, float], ...] = ()   # (fact, how it stands) for "the warmest one" (`choosing.standings`)


@dataclass(frozen=True)
class CartLine:
    product_id: str
    size: str | None = None
    color: str | None = None
    qty: int = 1


@dataclass(frozen=True)
class CartChange:
    """What one turn changed in the cart: lines (with the quantity) that came in and went out."""

    added: tuple[CartLine, ...] = ()
    removed: tuple[CartLine, ...] = ()

    @classmethod
    def between(cls, before: tuple[CartLine, ...], after: tuple[CartLine, ...]) -> "CartChange":
        def counts(lines: tuple[CartLine, ...]) -> dict[tuple, int]:
            return {(l.product_id, l.size, l.color): l.qty for l in lines}

        old, new = counts(before), counts(after)
        def lines(a: dict[tuple, int], b: dict[tuple, int]) -> tuple[CartLine, ...]:
            return tuple(CartLine(*key, qty=n - b.get(key, 0)) for key, n in a.items() if n > b.get(key, 0))

        return cls(added=lines(new, old), removed=lines(old, new))


@dataclass(frozen=True)
class DialogueState:
    """Everything the assistant remembers between turns of one session."""

    request: SearchRequest = field(default_factory=SearchRequest)
    shown: tuple[Shown, ...] = ()
    page: int = 0                     # how many "more" pages deep the current list is
    last_ref: int | None = None       # the position last pointed at, as said (-1 = last)
    last_ref_id: str | None = None    # the product that position named when it was said
    last_action: str | None = None    # the last product intent, for "and #4?"
    asked_which: bool = False         # the last turn's act was asked back ("which one do you mean?"): it waits (set
                                      # by the manager from the action decided)
    shown_from_photo: bool = False    # the list answers a garment photo: "like this but in blue" refines it
    shown_for: str | None = None      # the product the list goes with (an outfit's): still "it" while the list is up
    last_refs: tuple[int, ...] = ()   # every position the last product turn named ("the cheaper one")
    outfits: tuple[tuple[int, ...], ...] = ()   # the shown positions of each outfit listed ("add the first outfit")
    # (product id, colour) named with an act on that product ("add the first one in white"): later turns about it
    # (the "add it" that confirms an add asked about, a try-on) take it in that colour
    picked: tuple[tuple[str, str], ...] = ()
    sizes: tuple[tuple[str, str], ...] = ()   # (garment kind, size): a shopper's size per kind of garment
    budget: tuple[float | None, float | None] | None = None   # a price range said without naming a garment
    cart: tuple[CartLine, ...] = ()
    cart_undo: tuple[CartLine, ...] | None = None   # the cart before its last change, for "undo"
    photo: str | None = None          # opaque key of the session's selfie, never the bytes
    pending_tryon: tuple[str, ...] = ()  # what a try-on waits a photo for (an outfit's pieces); kept until one arrives
    tried: tuple[str, ...] = ()       # the products of the last try-on: worn together when several ("now with
                                      # the second skirt" swaps one piece, keeping the others)
    clarify_streak: int = 0           # consecutive clarifying questions asked
    soft_max_price: float | None = None   # "cheaper" without a budget: a ranking cap, not a slot
    soft_min_price: float | None = None
    # "cheap" or "pricier" said of what to find: "low" lists the cheapest first, "high" the dearest; None by relevance
    price_order: str | None = None
    lang: str = "en"                  # the language the shopper writes in; replies follow it
    photo_not_kept: bool = False      # restored from the session store, which never holds the photo

    def context(self) -> Context:
        return Context(
            request=self.request, last_ref=self.last_ref, named_before=self.last_ref_id is not None,
            last_action=self.last_action, asked_which=self.asked_which,
            shown_count=len(self.shown), shown_tags=tuple(s.tags for s in self.shown),
            shown_prices=tuple(s.price for s in self.shown), shown_standings=tuple(s.standings for s in self.shown),
            last_refs=self.last_refs,
            shown_from_photo=self.shown_from_photo,
        )

    @property
    def request_as_asked(self) -> SearchRequest:
        """The request with the price a "cheaper" set (`soft_max_price`) in place of a budget it lacks: it holds as a
        budget does, both where the search is made and where the reply says what was searched for."""
        request = self.request
        return replace(request, max_price=self.soft_max_price if request.max_price is None else request.max_price,
                       min_price=self.soft_min_price if request.min_price is None else request.min_price)

    def size_for(self, category: str | None) -> str | None:
        """The size the shopper said for this kind of garment (a shirt size is not a trouser size)."""
        kind = garment_type(category) if category else None
        return dict(self.sizes).get(kind) if kind else None

    @property
    def focus(self) -> Shown | None:
        """The one product in focus: the last turn acted on one product (its details, a try-on, an
        add) and it is still where it was said to be on screen."""
        act = ACTS.get(self.last_action or "")
        if act is None or act.needs != 1 or act.updates != "pointer" or self.last_ref is None \
                or self.resolve(self.last_ref) != self.last_ref_id:
            return None
        return next((s for s in self.shown if s.product_id == self.last_ref_id), None)

    @property
    def wearing(self) -> tuple[str, ...]:
        """The products the conversation is about beside the list on screen: the pieces of the last try-on and the one
        an outfit list goes with ("add the blouse and the cardigan" after trying a cardigan over a blouse)."""
        return tuple(dict.fromkeys(self.tried + ((self.shown_for,) if self.shown_for else ())))

    @property
    def beyond(self) -> tuple[str, ...]:
        """Those of `wearing` not on the list: positions past the list's end count them (`resolve`)."""
        listed = {s.product_id for s in self.shown}
        return tuple(pid for pid in self.wearing if pid not in listed)

    def position_of(self, product_id: str) -> int | None:
        """The position that names a product on the list or `beyond` it."""
        listed = [s.product_id for s in self.shown]
        if product_id in listed:
            return listed.index(product_id) + 1
        return len(listed) + 1 + self.beyond.index(product_id) if product_id in self.beyond else None

    def resolve(self, position: int | None, within: str = "shown") -> str | None:
        """The product id at a said position (1-based, negative from the end) of the last list (and past its end, of
        the products `beyond` it: `within="beside"`, which only `actions.decide` gives, never a number said), or of the
        cart's lines (`within="cart"`, see `act_table.POSITIONS_IN`)."""
        ids = [line.product_id for line in self.cart] if within == "cart" else [s.product_id for s in self.shown]
        if position is None:
            return None
        index = position - 1 if position > 0 else len(ids) + position
        if within == "beside" and position > len(ids):
            past = position - len(ids) - 1
            return self.beyond[past] if past < len(self.beyond) else None
        return ids[index] if 0 <= index < len(ids) else None

    def with_shown(self, items: list[tuple[str, float | None]], *, page: int = 0,
                   tags: list[frozenset[tuple[str, str]]] | None = None, from_photo: bool = False,
                   standings: list[tuple[tuple[str, float], ...]] | None = None) -> "DialogueState":
        """A new list on screen: the positions the last product turn named were in the old one, so
        a description ("the black one") is matched against the whole new list, not among them, and
        "it" points at the product last named where the new list has it, else at no position (the
        old one's number names another product now: "what goes with it?" after "cheaper" paired
        the new list's third with trousers, not the black top that was third before)."""
        tags = tags or [frozenset()] * len(items)
        standings = standings or [()] * len(items)
        shown = tuple(Shown(pid, i, price, tag, stood)
                      for i, ((pid, price), tag, stood) in enumerate(zip(items, tags, standings), 1))
        pointed = next((s.position for s in shown if s.product_id == self.last_ref_id), None)
        return replace(self, page=page, shown_from_photo=from_photo, last_refs=(), shown=shown, last_ref=pointed, outfits=(),
                       shown_for=self.shown_for if page else None)   # a further page is still the same list's

    def with_size(self, category: str, size: str) -> "DialogueState":
        """The shopper's size for this kind of garment remembered (`size_for`)."""
        sizes = dict(self.sizes)
        sizes[garment_type(category)] = size
        return replace(self, sizes=tuple(sorted(sizes.items())))

    def with_photo(self, key: str | None) -> "DialogueState":
        return replace(self, photo=key, photo_not_kept=False)

    @property
    def just_added(self) -> CartLine | None:
        """The cart's line the last turn added, while nothing else has been done since (what "make that an XL" or
        "make it olive" changes)."""
        return self.cart[-1] if self.cart and self.last_action == "add_to_cart" else None

    def change_last(self, **variant: str | None) -> "DialogueState":
        """The line last added in another size or colour ("make that an XL", "make it olive"), merged into a line
        of that variant when there is one."""
        last = self.cart[-1]
        return replace(self, cart=self.cart[:-1]).add_to_cart(replace(last, **variant))

    def add_to_cart(self, line: CartLine) -> "DialogueState":
        for i, existing in enumerate(self.cart):
            if (existing.product_id, existing.size, existing.color) == (line.product_id, line.size, line.color):
                bumped = replace(existing, qty=existing.qty + line.qty)
                return replace(self, cart=self.cart[:i] + (bumped,) + self.cart[i + 1:])
        return replace(self, cart=self.cart + (line,))


def held(u: Understanding) -> bool:
    """An unsure guess of an act that may not run on a guess: it is asked about and changes nothing."""
    act = ACTS.get(u.intent)
    return act is not None and not act.on_a_guess and u.source == "learned" and u.confidence < ASK_LLM_BELOW


def apply_understanding(state: DialogueState, u: Understanding) -> DialogueState:
    """The next state after one understood turn (slots, references, pending action)."""
    act = ACTS.get(u.intent)
    updates = act.updates if act is not None else ""
    state = replace(state, asked_which=False)
    if held(u) and u.intent == "add_to_cart" and u.item_size:
        # "add it in size L", asked about before it runs: the size is held as "let's go with L" holds it, so
        # the "add it" that confirms adds in it (it was added with no size)
        state = replace(state, request=replace(state.request, size=u.item_size))
    if updates == "clear" and not held(u):
        return replace(
            state, request=SearchRequest(), shown=(), page=0, last_ref=None, last_ref_id=None, last_refs=(),
            last_action=None, pending_tryon=(), soft_max_price=None, soft_min_price=None, price_order=None, sizes=(),
            budget=None, tried=(),
        )
    if updates == "request":
        # a garment photo is a new query, like another kind of garment: only the shopper carries over; so is a kind
        # named after a photo's list where the photo's kind was not read ("I need a pair of jeans too")
        asked = u.changes.values.get("category", (None,))[0]
        leaves_photo = state.shown_from_photo and asked not in (None, state.request.category)
        other = act.fresh or leaves_photo or _other_garment(state.request, u.changes)
        fresh = u.new_request or other
        base = SearchRequest() if u.new_request else \
            shopper_request(state, asked, u.instead) if other else state.request
        # "cheaper" said of the one product in focus is cheaper than it, else than the list's middle
        focus = state.focus
        looked_at = (focus,) if focus is not None and focus.price is not None else state.shown
        prices = [s.price for s in looked_at if s.price is not None]
        request, soft_max, soft_min = apply_changes(base, u.changes, prices)
        keep_soft = not fresh and u.changes.price_move is None
        return _remember(u, replace(
            state, request=request, page=0,
            soft_max_price=soft_max if soft_max is not None else (state.soft_max_price if keep_soft else None),
            soft_min_price=soft_min if soft_min is not None else (state.soft_min_price if keep_soft else None),
            price_order=None if fresh else state.price_order,
            shown=() if u.new_request else state.shown, shown_from_photo=state.shown_from_photo and not fresh,
        ))
    about_shown = u.ref is not None and (act is None or act.positions_in == "shown")
    if updates == "pointer" or about_shown:   # any turn about a shown product is what "it" means next
        ref = u.ref if u.ref is not None else state.last_ref
        ref_id = state.resolve(ref) or (state.last_ref_id if ref == state.last_ref else None)
        refs = u.refs or ((ref,) if ref is not None else ())
        if not u.pointed and ref == state.last_ref and state.last_refs:
            refs = state.last_refs   # the words named nothing new: the products last named stay named
        return replace(state, last_ref=ref, last_ref_id=ref_id, last_refs=refs, last_action=u.intent,
                       picked=picked_for(state, u.picked_color, refs, ref_id))
    return state


def picked_for(state: DialogueState, color: str | None, refs: tuple[int, ...], ref_id: str | None = None
            ) -> tuple[tuple[str, str], ...]:
    """`state.picked` with `color` for each product the turn names (said positions, else the product "it" is)."""
    if not color:
        return state.picked
    ids = {pid for pid in (state.resolve(r) for r in refs) if pid} or ({ref_id} if ref_id else set())
    return tuple((pid, c) for pid, c in state.picked if pid not in ids) + tuple((pid, color) for pid in sorted(ids))


def asked_back(state: DialogueState, offered: tuple[int, ...], color: str | None, size: str | None) -> DialogueState:
    """The state waiting for the answer to "which one do you mean?" among the shown positions `offered`: the act
    asked about runs on the answer, in the colour and size said with it ("add the black one in M", then "the tank":
    the tank goes in M, as the shopper's size for tops)."""
    state = replace(state, asked_which=True, last_refs=offered, picked=picked_for(state, color, offered))
    kinds = {v for r in offered if 0 < r <= len(state.shown)
             for slot, v in state.shown[r - 1].tags if slot == "category"}
    for kind in sorted(kinds) if size else ():
        state = state.with_size(kind, size)
    return state


def _other_garment(request: SearchRequest, changes: SlotChanges) -> bool:
    """A request for another kind of garment starts afresh ("now a black dress for a party")."""
    asked = changes.values.get("category", (None,))[0]
    return asked is not None and request.category is not None and asked != request.category \
        and "category" not in changes.additive


def shopper_request(state: DialogueState, category: str | None, in_place: bool = False) -> SearchRequest:
    """What carries over to another kind of garment: what the shopper said about themselves
    (gender, a budget said in general, not with a garment: "under $60" for a shirt is not a
    dress budget) and their size for that kind. Asked for `in_place` of the one looked for ("a puffer jacket
    instead"), it is for the same need: what was said of that need (NEED_SLOTS, the price) holds too."""
    slots = SHOPPER_SLOTS + NEED_SLOTS if in_place else SHOPPER_SLOTS
    kept = SearchRequest(**{slot: getattr(state.request, slot) for slot in slots})
    low, high = state.budget or (None, None)
    if in_place:
        low, high = state.request.min_price, state.request.max_price
    return replace(kept, category=category, size=state.size_for(category), min_price=low, max_price=high)


def outfit_request(state: DialogueState, category: str | None, stated: SlotChanges | None = None) -> SearchRequest:
    """The request for the other garment of an outfit: what carries to another kind of garment, the
    shopper's taste they stated as exclusions (`TASTE_EXCLUSIONS`), and what they state with it ("shirts that go
    with my grey trousers, for work"), its garment and colours aside: the outfit's plan chooses those."""
    taste = {slot: vals for slot, vals in state.request.exclude.items() if slot in TASTE_EXCLUSIONS}
    request = replace(shopper_request(state, category), exclude=taste)
    if stated is None:
        return request
    said = {slot: v for slot, v in stated.values.items() if slot not in ("category", "color")}
    return apply_changes(request, replace(stated, values=said, additive=frozenset(), clear=frozenset(), remove={}))[0]


def _remember(u: Understanding, state: DialogueState) -> DialogueState:
    """Keep the shopper's size per garment kind, and a budget stated without a garment (one said with
    a garment the shop does not list, "sneakers under 80", is for that garment too)."""
    request = state.request
    changes = u.changes
    if changes.min_price is not None or changes.max_price is not None:
        general = "category" not in changes.values and not u.names_unlisted
        state = replace(state, budget=(request.min_price, request.max_price) if general else state.budget)
    if not (request.category and request.size):
        return state
    return state.with_size(request.category, request.size)


def apply_changes(
    request: SearchRequest, changes: SlotChanges, shown_prices: list[float] | None = None,
) -> tuple[SearchRequest, float | None, float | None]:
    """Apply slot changes; returns the request and any soft price caps for "cheaper"/"pricier"."""
    exclude = {slot: list(vals) for slot, vals in request.exclude.items()}
    for slot in changes.clear:
        if slot in ("min_price", "max_price"):
            request = replace(request, **{slot: None})
        else:
            request = request.with_values(slot, ())
            exclude.pop(slot, None)
    for slot, vals in changes.remove.items():
        request = request.with_values(slot, tuple(v for v in request.get(slot) if v not in vals))
    for slot, vals in changes.values.items():
        current = request.get(slot)
        new = tuple(dict.fromkeys(current + vals)) if slot in changes.additive else vals
        request = request.with_values(slot, new)
        if slot in exclude:
            exclude[slot] = [v for v in exclude[slot] if v not in new]
    for slot, vals in changes.exclude.items():
        bucket = exclude.setdefault(slot, [])
        bucket.extend(v for v in vals if v not in bucket)
        kept = tuple(v for v in request.get(slot) if v not in vals)
        request = request.with_values(slot, kept)
    request = replace(request, exclude={slot: tuple(v) for slot, v in exclude.items() if v})

    low, high = changes.min_price, changes.max_price
    if low is not None and high is not None:
        request = replace(request, min_price=low, max_price=high)
    elif high is not None:
        keep_low = request.min_price if request.min_price is not None and request.min_price < high else None
        request = replace(request, max_price=high, min_price=keep_low)
    elif low is not None:
        keep_high = request.max_price if request.max_price is not None and request.max_price > low else None
        request = replace(request, min_price=low, max_price=keep_high)

    soft_max = soft_min = None
    prices = sorted(shown_prices or [])
    if changes.price_move == "lower":
        anchor = price_below(statistics.median(prices)) if prices else None
        if request.max_price is not None:
            target = request.max_price if anchor is None else min(anchor, request.max_price)
            request = replace(request, max_price=price_below(target) if target >= request.max_price else target)
        else:
            soft_max = anchor
    elif changes.price_move == "higher":
        anchor = price_above(statistics.median(prices)) if prices else None
        if request.min_price is not None:
            target = request.min_price if anchor is None else max(anchor, request.min_price)
            request = replace(request, min_price=price_above(target) if target <= request.min_price else target)
        else:
            soft_min = anchor

    if changes.size_move and request.size:
        request = replace(request, size=size_step(request.size, changes.size_move) or request.size)
    return request, soft_max, soft_min


def price_below(value: float) -> float:
    """A round price strictly below `value` (cheaper means cheaper, not equal)."""
    return float(math.ceil(value) - 1) if value > 1 else value / 2


def price_above(value: float) -> float:
    return float(math.floor(value) + 1)
