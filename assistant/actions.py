"""How each act of `act_table.ACTS` runs and replies, and `decide`, which picks the action.

`decide` turns an understood turn into an `Action` reading only the table: a question choosing
among the shown list becomes a "choose"; an action that needs a shown product and has none (or
a description that fits several, or none) becomes a question; an unsure guess of an act that
changes the cart or the session becomes a "confirm"; each runner's own precondition (a vague
search, a try-on without a photo) may send it to another row. The manager then runs
`RUNS[kind].run` and words the outcome with `RUNS[kind].reply`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from assistant import (acting, acting_advice, acting_cart, acting_outfits, acting_photo, replies, replies_cart, replies_choice,
                       replies_decide, replies_details, replies_outfits, replies_photo)
from assistant.act_table import ACTS, ActRow
from assistant.choosing import among
from assistant.state import DialogueState, held
from assistant.understanding.model import Choice, Understanding
from assistant.understanding.references import covers, shown_garments


@dataclass(frozen=True)
class Action:
    kind: str
    refs: tuple[int, ...] = ()
    candidates: tuple[int, ...] = ()   # the shown positions that fit, for "which_product" or asked after a cart act
    then_asks: bool = False            # a cart act whose reply then asks about an unclear description
    asked: str | None = None           # for "confirm": the act the shopper is asked to confirm
    choice: Choice | None = None       # for "choose": what the shown products are chosen by
    within: str = "shown"              # what its positions count (`act_table.POSITIONS_IN`)

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
class Runner:
    """How a row of `act_table.ACTS` runs and replies."""

    run: Callable[[Any, TurnInput], tuple[DialogueState, replies.Outcome]]
    reply: Callable[[replies.Wording], str]
    redirect: Redirect | None = None   # another action to take instead, when its own precondition fails


def _vague_search(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    request = state.request
    # a brand narrows as a garment does: "anything from Kestrel?" lists its products
    named = request.category is not None or bool(request.brand)
    vague = request.is_empty() or (not named and len(request.to_canonical()) < 2 and not state.shown)
    return "clarify" if vague and state.clarify_streak == 0 else None


def _search_redirect(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    """After a list found by a garment photo, words that name no other garment ("like this but in
    blue", "cheaper", "it's a black and white striped shirt") search by that photo again. A request held against
    the shopper's own pieces ("a jacket that goes with my wardrobe") is an outfit with the cart's, and one for a
    piece of another kind to wear over or under the product in focus ("a jacket to wear over it") an outfit with
    it. A size alone said of the product in focus ("let's go with L" after its details) chooses its size, as a
    shop's size picker does: the list stays, and "add it" then adds it in that size; a size none of the shop's ("size
    97") is checked against it. Words asking for more products ("any more in large?") search. Otherwise a vague
    search asks first."""
    if state.shown_from_photo and not u.new_request:   # the update let go of the photo when another garment came
        return "photo_search"
    if u.with_own and state.cart:   # "a jacket that goes with my wardrobe": with what the cart holds
        return "outfit"
    if u.layered_on and _another_kind(state, u):   # "I need a jacket to wear over it": one that goes with it
        return "outfit"
    if u.base_piece is not None:   # "I bought beige shorts, show me a tee for them": one that goes with those
        return "outfit"
    if _said_alone(u, "size") and state.focus is not None:
        return "choose_size"
    return "choose_colour" if _recolours_last(state, u) else _vague_search(state, u, refs, can_try_on)


def _another_kind(state: DialogueState, u: Understanding) -> bool:
    """Whether the words name a garment of another kind than the product in focus ("a jacket over the dress")."""
    focus = state.focus
    return focus is not None and any(("category", g) not in focus.tags for g in u.garments)


def _said_alone(u: Understanding, slot: str) -> bool:
    """Whether the words change that slot and nothing else, and ask for no new or further products (a size none of
    the shop's is a size said)."""
    said = set(u.changes.values) | ({"size"} if u.unknown_size else set())
    return (said == {slot} and replace(u.changes, values={}).is_empty() and not u.new_request
            and not u.asks_more)


def _recolours_last(state: DialogueState, u: Understanding) -> bool:
    """Whether the words name one colour alone, said of the product just added, that it comes in ("make it olive"
    after an add that took brown): its cart line changes to it, as a size said of it does. A colour it does not come
    in searches for that colour."""
    colours = u.changes.values.get("color", ())
    line, focus = state.just_added, state.focus
    return (_said_alone(u, "color") and len(colours) == 1 and line is not None and focus is not None
            and line.product_id == focus.product_id and ("color", colours[0]) in focus.tags)


def _size_unknown(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    """"add it in size 97": a size none of the shop's is checked against the product, not added."""
    return "choose_size" if u.unknown_size and u.item_size is None else None


def _vague_more(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    return "clarify" if state.request.is_empty() and not state.shown and state.clarify_streak == 0 else None


def _about_one(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    """"Is it better for a wedding or for the office?" weighs one product, not a choice among several."""
    return "advice" if u.singular and len(u.pointed) < 2 and not u.many else None


def _asks_a_pairing(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    """"第一件配什么外套？", "what trousers go with the second one?": which garment of another kind goes with one
    product pointed at is an outfit, neither a question for the knowledge table nor one of its facts; "can I wear it
    with a denim jacket?" asks yes or no, and stays advice, as does one naming a piece of the shopper's ("I have beige
    chinos, would the fourth go with them?"). A garment of a kind none shown is, asked for to go with a piece of the
    shopper's ("I own a grey skirt, which blouse would match it?"), is an outfit with that piece."""
    piece = u.base_piece
    if piece is not None and piece.own and not u.pointed and not u.yes_no and not u.facts:
        return "outfit" if set(u.garments) - {piece.category} - shown_garments(state.shown) else None
    if len(refs) != 1 or u.yes_no or u.facts or not u.pointed or not 0 < refs[0] <= len(state.shown):
        return None
    kinds = {v for slot, v in state.shown[refs[0] - 1].tags if slot == "category"}
    theirs = {p.category for p in u.pieces if p.own}
    return "outfit" if any(g not in kinds | theirs for g in u.garments) else None


def _no_outfit_named(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    """An outfit is asked for by its garments ("a top and trousers") or as an outfit; words naming neither ("under 5
    please") are a search, whatever budget they say."""
    return "search" if not u.garments and u.outfit_ref is None else None


def _needs_photo(state: DialogueState, u: Understanding, refs: tuple[int, ...], can_try_on: bool) -> str | None:
    return "ask_photo" if state.photo is None and can_try_on else None


def _outfit_named(state: DialogueState, u: Understanding) -> tuple[int, ...]:
    """The positions of the outfit the words name ("add the first outfit", "试一下这套": the one last talked
    about, else the first; "add the outfit" once one was tried on: the pieces worn last, when all are on
    screen), or of the outfit "it" means when the last turn named one whole outfit."""
    if u.outfit_ref == 0 and len(state.tried) > 1:
        shown = [s.product_id for s in state.shown]
        if all(pid in shown for pid in state.tried):
            return tuple(shown.index(pid) + 1 for pid in state.tried)
    if not state.outfits:
        return ()
    if u.outfit_ref is not None:
        number = u.outfit_ref or next((k for k, group in enumerate(state.outfits, 1) if state.last_ref in group), 1)
        return state.outfits[number - 1] if 0 < number <= len(state.outfits) else ()
    return state.last_refs if u.pronoun and not u.pointed and state.last_refs in state.outfits else ()


def _wearing_named(state: DialogueState, u: Understanding, kinds: tuple[str, ...]) -> tuple[int, ...]:
    """The positions the words name, with the pieces of `state.wearing` (of these `kinds`) they name by kind alone,
    one each, where the list's positions said do not name them: after trying a cardigan over a blouse, "add the
    blouse and the cardigan" means those two, not "which cardigan?" of the six on screen, nor "none shown is a
    blouse"; "把衬衫和第一件开衫都加入购物车" the shirt tried and the first cardigan listed. () when that is not so."""
    if not u.garments or not kinds or len(kinds) != len(state.wearing):
        return ()
    said = {v for r in u.refs if 0 < r <= len(state.shown) for slot, v in state.shown[r - 1].tags if slot == "category"}
    missing = [g for g in u.garments if not any(c == g or covers(g, {c}) for c in said)]
    if not missing:   # the list names each: "the blouse" of a list holding one is that one
        return ()
    found = [[pid for pid, kind in zip(state.wearing, kinds) if kind == garment]
             or [pid for pid, kind in zip(state.wearing, kinds) if covers(garment, {kind})] for garment in missing]
    if not all(len(pids) == 1 for pids in found):
        return ()
    return tuple(dict.fromkeys(u.refs + tuple(state.position_of(pids[0]) for pids in found)))


def could_change(state: DialogueState, kind: str) -> bool:
    """Whether running the act could change something: a removal needs a line in the cart, an undo a change to
    take back."""
    if kind == "remove_from_cart":
        return bool(state.cart)
    return state.cart_undo is not None if kind == "undo" else True


def unsaid_add(u: Understanding, kind: str) -> bool:
    """Whether an add was read from words that ask for none ("广州夏天又闷又热，这件穿着会不会很闷啊" about a dress in
    focus, read as an add however sure the classifier was): the cart changes only when asked, so it is asked about."""
    return kind == "add_to_cart" and not u.says_add


def keeps(state: DialogueState, u: Understanding, kind: str, refs: tuple[int, ...]) -> bool:
    """Whether an add is of one product the cart already holds, with no other size or colour and no "another" said
    ("no, keep it" after "take it out?"): it is asked about, which says it is there, instead of adding a second."""
    if kind != "add_to_cart" or len(refs) != 1 or u.another or u.item_size or u.item_color:
        return False
    product = state.resolve(refs[0])
    return any(line.product_id == product for line in state.cart)


def _nothing(_: Any, t: TurnInput) -> tuple[DialogueState, replies.Outcome]:
    return t.state, replies.Outcome()


RUNS: dict[str, Runner] = {
    "search": Runner(acting.search, replies.result_list, redirect=_search_redirect),
    "more": Runner(acting_photo.more, replies_photo.more, redirect=_vague_more),
    "clarify": Runner(acting.clarify, replies.clarify),
    "which_product": Runner(_nothing, replies.which_product),
    "details": Runner(acting_advice.details, replies_details.details, redirect=_asks_a_pairing),
    "compare": Runner(acting.pointed, replies_details.compare),
    "decide": Runner(acting.decide, replies_decide.decided, redirect=_about_one),
    "add_to_cart": Runner(acting_cart.add_to_cart, replies_cart.added, redirect=_size_unknown),
    "remove_from_cart": Runner(acting_cart.remove_from_cart, replies_cart.removed),
    "view_cart": Runner(acting_cart.view_cart, replies_cart.cart),
    "undo": Runner(acting_cart.undo, replies_cart.undone),
    "outfit": Runner(acting_outfits.outfit, replies_outfits.outfit),
    "build_outfit": Runner(acting_outfits.build_outfit, replies_outfits.outfits, redirect=_no_outfit_named),
    "advice": Runner(acting_advice.advice, replies_details.answer, redirect=_asks_a_pairing),
    "try_on": Runner(acting_photo.try_on, replies_photo.tryon, redirect=_needs_photo),
    "ask_photo": Runner(acting_photo.ask_photo, replies_photo.ask_photo),
    "upload_photo": Runner(acting_photo.upload, replies_photo.photo),
    "photo_search": Runner(acting_photo.photo_search, replies_photo.photo_search),
    "forget_photo": Runner(acting_photo.forget_photo, replies_photo.forgot_photo),
    "photo_status": Runner(acting_photo.photo_status, replies_photo.photo_status),
    "size_help": Runner(acting.size_help, replies_photo.size),
    "reset": Runner(_nothing, replies.reset),
    "smalltalk": Runner(acting.smalltalk, replies.smalltalk),
    "choose": Runner(acting.choose, replies_choice.chosen),
    "choose_size": Runner(acting_cart.choose_size, replies_cart.variant_chosen),
    "choose_colour": Runner(acting_cart.choose_colour, replies_cart.variant_chosen),
    "confirm": Runner(acting_cart.preview, replies_choice.confirm),
}


def _of_none_shown(state: DialogueState, u: Understanding, constraints: str) -> bool:
    """Whether the words point at a garment none shown is (nor is called: `covers`), by no number, "it" or piece worn
    with it; an act that takes a garment as what to look for ("what jeans go with it?") points at none."""
    shown = shown_garments(state.shown)
    return (constraints == "none" and bool(u.garments) and bool(shown) and not u.pronoun and not u.pieces
            and not any(g in shown or covers(g, shown) for g in u.garments))


def _runs_then_asks(act: ActRow, u: Understanding, refs: tuple[int, ...]) -> bool:
    """Whether a cart act naming products clearly runs on them while a description left unclear is asked about in its
    reply ("add the skirt and the black one" of two black tops, "add the first one and the green one" where none is
    green), rather than asking first."""
    return act.touches == "cart" and bool(refs) and not u.many


def decide(state: DialogueState, u: Understanding, *, focus: tuple[int, ...] = (),
           can_try_on: bool = True, wearing: tuple[str, ...] = ()) -> Action:
    """The action for this turn, from the table alone; `focus` is the products the conversation was
    about before this turn (a choice with no products named is among them), `wearing` the kinds of garment of the
    pieces `state.wearing`."""
    if u.ruled_act in ACTS:
        return Action(u.ruled_act)
    kind = u.intent if u.intent in ACTS and ACTS[u.intent].said else "smalltalk"
    act = ACTS[kind]
    kind = act.runs_as or kind
    about = act.refs != "none"
    # an outfit named ("add the first outfit") is its pieces; "the black shirts" of an act about shown products, each,
    # with a product said beside them, not one talked about before ("compare it with the cashmere ones" compared it
    # with the first, and "compare the cashmere ones" the last one talked about with the first)
    plural = u.plural_refs if about else ()
    beside = u.refs if u.pointed or u.pronoun else ()
    refs = (_outfit_named(state, u) if about else ()) or (tuple(dict.fromkeys(beside + plural)) if plural else u.refs)
    if act.over_list and len(state.shown) >= 2 and u.choice is not None:
        return Action("choose", refs=among(state, u, focus), choice=u.choice)
    asks_nothing = act.updates == "request" and u.changes.is_empty()
    if (act.needs or asks_nothing) and u.asks_which and len(state.shown) >= 2 and not refs and not u.ambiguous:
        # "which of these is the softest?" ranks by nothing the catalog states, "which would look best on
        # me?" read as a try-on names none to try, and read as a request it asks for nothing: the shopper asks us
        # to choose, so it is advice over the list's facts, not "which one do you mean?" asked back nor the list again
        return Action("advice")
    if u.known and ((act.yields_to_knowledge and u.to_shop) or (act.needs and not state.shown)):
        # "new jeans feel tight, will they loosen up?" read as a search, or "what's the difference between slim and
        # regular fit shirts?" as a comparison with nothing on screen: the shop's knowledge answers it
        return Action("advice")
    named_wearing = _wearing_named(state, u, wearing) if act.refs != "none" and act.positions_in == "shown" else ()
    if named_wearing:
        refs = named_wearing
    elif act.needs:
        if u.ambiguous and act.answers_each and not u.many and len(u.ambiguous) < len(state.shown):
            # "what brand is the beige one?" of two beige coats: both; "those two hoodies" of six (a count the fits
            # are not) asks which two, and so does "how much is that coat?" over six coats (it picks none of them)
            refs = tuple(dict.fromkeys(refs + u.ambiguous))
        elif (u.ambiguous and not _runs_then_asks(act, u, refs)) or (u.unmatched and len(refs) < act.needs) \
                or (u.missed and not refs):
            # "compare that grey coat with the black one" where none shown is black: not the grey one and the first;
            # "how do the red and brown ones compare?" where none is red or brown: not the first two
            return Action("which_product", candidates=u.ambiguous)
        if u.unlisted_thing and not u.garments and not u.by_number and act.constraints == "none":
            # "what brand makes that hat?" over jeans: none shown is one, and the shop sells none (said so)
            return Action("clarify")
        if not refs and u.many:   # "how do those two compare?" of six, none named before: which two, not all six
            return Action("which_product")
        if not refs and act.answers_each and u.pronoun and not u.singular and len(state.shown) > 1:
            # "what sizes are they, and who makes them?" over the list: each of it (an action on "them" asks which)
            refs = tuple(range(1, len(state.shown) + 1))
        if not refs and _of_none_shown(state, u, act.constraints):
            # "compare the two pairs of dark jeans" over hoodies: not the first two hoodies, nor the one in focus
            return Action("which_product")
        them = u.pronoun and not u.singular and not u.pointed and len(refs) < 2
        if act.needs == 2 and len(state.shown) >= 2 and ((not refs and state.last_ref is None) or them):
            # "compare them" with none named nor talked about, or after one product alone ("them" is not it): the
            # whole list, not the first two, nor that one and the first, said as if asked
            refs = tuple(range(1, len(state.shown) + 1))
        refs = refs or ((state.last_ref,) if state.last_ref is not None and not u.many else ())
        if act.needs == 2 and len(refs) < 2 and len(state.shown) >= 2:
            refs = tuple(dict.fromkeys(refs + (1, 2)))[:max(2, len(refs))]
        if not refs and len(state.shown) == 1:
            refs = (1,)
        # "what shoes go with it?" where the shop sells no shoes: that, before which one; a garment looked for to go
        # with one of theirs ("I have beige chinos, what top goes with them?") needs none shown
        if not refs and not (act.constraints == "category" and u.base_piece is not None):
            return Action("clarify" if u.names_unlisted else "which_product")
    elif act.refs == "last":
        refs = refs or ((state.last_ref,) if state.last_ref is not None else ())
    # a number counts the cart's lines (for any act when the words say so: "the first one in my cart"); a description
    # ("the Bluecrest one") and "it" name products of the list
    within = "beside" if named_wearing else "shown" if not state.cart or u.names_shown or not u.by_number else \
        "cart" if u.names_cart else act.positions_in
    if within != "cart":   # "the last two" are said as from the end, and shown by their own numbers ("#5", not "#-2")
        refs = tuple(len(state.shown) + 1 + r if r < 0 else r for r in refs)
    if (held(u) and could_change(state, kind)) or keeps(state, u, kind, refs) or unsaid_add(u, kind):
        # asked first: an unsure guess that could change something (one that cannot says so when it runs), an add of
        # what the cart holds, an add no words asked for
        return Action("confirm", refs=refs, asked=kind, within=within)
    runner = RUNS[kind]
    if runner.redirect is not None:
        other = runner.redirect(state, u, refs, can_try_on)
        if other is not None:
            return Action(other, refs=refs)
    # which one the rest means: of those it fits, or of the whole list when it fits none (a piece named beside the
    # list, the skirt tried, fits none shown by its kind: that is no description left unclear)
    rest = _runs_then_asks(act, u, refs) and bool(u.ambiguous or (u.unmatched and within != "beside"))
    return Action(kind, refs=refs, within=within, candidates=u.ambiguous if rest else (), then_asks=rest)
