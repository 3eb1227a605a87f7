"""Shoppers point at racks in the words they would use in a shop: "the one on the top shelf", "the red sweater in the
bottom row". "Top" and "bottom" are garments too: read as garments there, the first looked for tops among sweaters and
the second asked what trousers go with the sweater. The sentences here are our own; none is a shopper's."""

from __future__ import annotations

import pytest

from assistant.manager import Assistant
from assistant.understanding import Understander
from assistant.understanding.context import Context

SHOWN = (frozenset({("category", "sweater"), ("color", "red")}), frozenset({("category", "sweater"), ("color", "grey")}))


@pytest.fixture(scope="module")
def understander():
    return Understander()


@pytest.mark.parametrize("words", [
    "how much is the grey one on the top shelf?",
    "what size is the one at the top left",
    "the red one in the bottom row please",
    "what brand are the top two",
    "is the one on top wool?",
    "I meant the one at the bottom",
])
def test_top_and_bottom_said_as_places_name_no_garment(understander, words):
    turn = understander.understand(words, Context(shown_count=2, shown_tags=SHOWN))
    assert not {"tops", "bottoms"} & set(turn.stated.values.get("category", ())), (words, turn.stated)
    assert not {"tops", "bottoms"} & set(turn.garments), (words, turn.garments)


@pytest.mark.parametrize("words, kind", [
    ("I need a warm top in size S", "tops"),
    ("what about the black top?", "tops"),
    ("any tops on sale?", "tops"),
    ("show me bottoms for summer", "bottoms"),
])
def test_top_and_bottom_said_as_garments_still_name_them(understander, words, kind):
    turn = understander.understand(words, Context(shown_count=2, shown_tags=SHOWN))
    assert kind in turn.garments, (words, turn.garments)


def test_a_sweater_pointed_at_on_the_bottom_row_is_asked_about_not_matched(demo_catalog):
    session = Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog)).session()
    shown = session.handle("show me sweaters").products
    red = [i for i, p in enumerate(shown, 1) if "red" in p.colors]
    assert red, "the demo shop's sweaters should show a red one"
    turn = session.handle("what is the brand of the red sweater in the bottom row?")
    assert turn.action.kind == "details" and set(turn.action.refs) == set(red), (turn.action, turn.text)
