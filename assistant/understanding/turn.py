"""Stage 3: the turn as read, before its act: every constraint stated, every product pointed at, every fact asked,
the pieces it is asked to be worn with, and the cues the act classifier and the action table read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.understanding import phrases
from assistant.understanding.choice import asked_choice, takes_whole_list
from assistant.understanding.cues import (ADD_STRONG, ADD_WEAK, ANOTHER, HAVE_CUES, INSTEAD, LAYERED_ON, MORE,
                                          NAMES_CART, NAMES_SHOWN, OUTFIT_WORDS, OWN_CUES, PRONOUN, SINGULAR, YES_NO,
                                          ZH_YES_NO)
from assistant.understanding.facts import asked_facts, asked_orders, chooses_among
from assistant.understanding.model import SlotChanges, Understanding
from assistant.understanding.pieces import asked_pieces, said_as_verbs
from assistant.understanding.reading import Reading
from assistant.understanding.references import Pointing
from assistant.understanding.scopes import negated, owned
from assistant.understanding.brands import unknown_brand
from assistant.understanding.sizes import unknown_size
from assistant.understanding.tokens import is_cjk

# The intent of a turn read but not yet given an act (`assemble` gives it one).
UNDECIDED = "undecided"


def _described_colour(pointing: Pointing) -> str | None:
    """The one colour of the one product, or set of them, the words describe ("the black one", "the black ones"),
    which the shopper picks them in."""
    described = pointing.descriptions + pointing.plural_descriptions
    if len(described) != 1:
        return None
    colours = [value for slot, value in described[0].pairs if slot == "color"]
    return colours[0] if len(colours) == 1 else None


def _item_colour(reading: Reading, stated: SlotChanges) -> str | None:
    """The colour named with the act ("do you have it in black?"), but one the products pointed at are picked by
    ("how much are the black ones?" was answered "Yes, it comes in black")."""
    looks = {m.value for m in reading.mentions if m.slot == "color" and m.start in reading.pointing_looks}
    return next((c for c in stated.values.get("color", ()) if c not in looks), None)


def _names_unlisted(reading: Reading, skip: frozenset[int] | set[int]) -> bool:
    """Whether the words name a garment outside the category list ("sneakers"), but at the positions `skip`."""
    return any(w in phrases.UNLISTED_GARMENTS for i, w in enumerate(reading.words) if i not in skip)


def _had(reading: Reading, cues: tuple[tuple[str, ...], ...] = HAVE_CUES) -> frozenset[int]:
    """The starts of the garments the words say the shopper has (`scopes.owned`); with OWN_CUES, or wears something
    with ("第一件配什么外套？" asks for a jacket: worn with the first, not theirs)."""
    kept = {m.start for m in owned(reading, cues)}
    return frozenset(m.start for m in reading.mentions if m.slot == "category" and m.start not in kept)


def garments_named(reading: Reading) -> tuple[str, ...]:
    """The garments the words name, but those they turn down ("a skirt, not a dress", "rather than a dress"): "a skirt
    instead of a dress" asks for one garment, not an outfit of two."""
    garments = [m for m in reading.mentions if m.slot == "category"]
    turned_down = negated(reading, garments)
    return tuple(dict.fromkeys(m.value for m in garments if id(m) not in turned_down))


def _facts_of_looks(reading: Reading, facts: tuple[str, ...], said: frozenset[str]) -> tuple[str, ...]:
    """The facts only the looks a pointing phrase picks its product by name ("is the long-sleeved one lined?" asks
    nothing of sleeves; it was answered "It's long sleeves."): read again on the words without them."""
    if not reading.pointing_looks or not facts:
        return ()
    kept = [w for k, w in enumerate(reading.words) if k not in reading.pointing_looks]
    asked = asked_facts(("" if is_cjk(reading.text) else " ").join(kept), said)
    return tuple(f for f in facts if f not in asked)


def _said_in_order(reading: Reading) -> list[tuple[int, int]]:
    """(token, ref) of each product said by number or described, in the order said."""
    return sorted(reading.positions.said_at + reading.pointing.refs_at, key=lambda said: said[0])


def _pointed(reading: Reading) -> tuple[int, ...]:
    """The products said by number and those described, in the order said: "add the first one in M and the grey one"
    is two products (the grey one was dropped, a number said winning over a description). Those a pronoun refers
    back to ("both", "the other one") are said nowhere and come last."""
    return tuple(dict.fromkeys([ref for _, ref in _said_in_order(reading)] + list(reading.pointing.refs)))


def _sizes_each(reading: Reading, sized: Sequence[tuple[int, str]]) -> tuple[tuple[int, str], ...]:
    """(ref, size) of each product said with a size of its own: a size is the one of the product(s) said last before
    it ("add the first one in S and the grey one in M"; the second went in S). None unless two sizes are said: one
    size is every product's (`item_size`). A place counted from the list's end is left to `item_size`."""
    if len({size for _, size in sized}) < 2:
        return ()
    said = [(at, ref) for at, ref in _said_in_order(reading) if ref > 0]
    each: dict[int, str] = {}
    for at, size in sized:
        last = max((token for token, _ in said if token < at), default=None)
        each.update({ref: size for token, ref in said if token == last})
    return tuple(each.items())


def read_turn(reading: Reading, stated: SlotChanges, sized: Sequence[tuple[int, str]] = ()) -> Understanding:
    """The turn as read, before its act: every constraint stated, every product pointed at (`sized`: the sizes said,
    where, `sizes.sizes_at`)."""
    pointing = reading.pointing
    pointed = _pointed(reading)
    odd_size = unknown_size(reading)
    said = frozenset(stated.values) | ({"size"} if odd_size else set())   # "size 97" says a size, asks none
    bare = () if pointing.needs_question else reading.positions.bare
    garments = garments_named(reading)
    facts = asked_facts(reading.text, said)
    turn = Understanding(
        intent=UNDECIDED, refs=bare, measurements=reading.measurements, stated=stated, pointed=pointed,
        by_number=bool(reading.positions.said),
        pronoun=bool(PRONOUN.search(reading.text)), singular=bool(SINGULAR.search(reading.text)),
        facts=facts, facts_of_looks=_facts_of_looks(reading, facts, said),
        yes_no=bool(YES_NO.search(reading.text)),
        implied_it=is_cjk(reading.text) and bool(ZH_YES_NO.search(reading.text)) and not garments,
        item_size=stated.values.get("size", (None,))[0], item_color=_item_colour(reading, stated),
        sizes_each=_sizes_each(reading, sized),
        described_color=_described_colour(pointing),
        unknown_size=odd_size, unknown_brand=unknown_brand(reading),
        ambiguous=pointing.ambiguous, unmatched=pointing.unmatched, missed=pointing.missed, source="rules",
        many=pointing.many or len(pointed or bare) > 1, plural_refs=pointing.plural_refs,
        garments=garments,
        outfit_ref=(pointed or bare or (0,))[0] if OUTFIT_WORDS & set(reading.words) else None,
        whole_list=takes_whole_list(reading.tokens), names_shown=bool(NAMES_SHOWN.search(reading.text)),
        names_cart=bool(NAMES_CART.search(reading.text)),
        asks_which=chooses_among(reading.text),
        pieces=asked_pieces(reading.tokens, reading.mentions, _had(reading, OWN_CUES), _had(reading)),
        with_own=any(fact == "match" for fact, _ in asked_orders(reading.text)),
        another=bool(ANOTHER.search(reading.text)), layered_on=bool(LAYERED_ON.search(reading.text)),
        instead=bool(INSTEAD.search(reading.text)),
        asks_more=bool(MORE.search(reading.text)),
        says_add=bool(ADD_STRONG.search(reading.text) or ADD_WEAK.search(reading.text)),
        names_unlisted=_names_unlisted(reading, reading.idioms),
        unlisted_thing=_names_unlisted(reading, reading.idioms | said_as_verbs(reading.words)),
    )
    return replace(turn, choice=asked_choice(reading.text, turn))
