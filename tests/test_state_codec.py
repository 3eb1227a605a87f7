"""The dialogue state survives JSON exactly (except the photo key, which is never stored)."""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

import pytest
from skimage import data

from assistant.manager import Assistant
from assistant.state import DialogueState
from assistant.state_codec import CodecError, decode, decode_state, dumps_state, encode, encode_state, loads_state
from assistant.tryon_port import load_engine
from assistant.understanding import Understander


@pytest.fixture(scope="module")
def assistant(demo_catalog):
    return Assistant(catalog=demo_catalog, understander=Understander.for_catalog(demo_catalog),
                     tryon=load_engine(), catalog_label="demo")


def rich_session(assistant):
    """A session after real turns: a request with exclusions and prices, a list, a cart, a photo."""
    session = assistant.session()
    for text in ("a navy shirt for work, size L, under $100, nothing slim", "something cheaper",
                 "tell me about the second one", "add it to my cart", "now black jeans, size 32"):
        session.handle(text)
    session.handle("", image=data.astronaut())
    session.handle("add the first one to my cart")
    return session


def test_a_real_conversation_round_trips_without_its_photo(assistant):
    session = rich_session(assistant)
    state = session.state
    assert state.cart and state.shown and state.request.category and state.photo is not None and state.sizes
    text = dumps_state(state)
    assert state.photo not in text
    restored = loads_state(text)
    assert restored == dataclasses.replace(state, photo=None, photo_not_kept=True)
    assert loads_state(dumps_state(restored)) == restored


def test_a_restored_session_goes_on_and_asks_for_the_photo_again_saying_why(assistant):
    session = rich_session(assistant)
    other = assistant.session()   # another replica, or this one after a restart
    other.state = loads_state(dumps_state(session.state))
    cart = other.handle("what's in my cart?")
    assert all(assistant.catalog.products[line.product_id].title in cart.text for line in session.state.cart)
    asked = other.handle("try the first one on me")
    assert asked.action.kind == "ask_photo" and "never stored" in asked.text
    assert asked.tryon_image is None
    sent = other.handle("", image=data.astronaut())
    assert sent.products[0].id == asked.products[0].id and not sent.state.photo_not_kept   # the waiting try-on ran
    again = other.handle("try the second one on me")
    assert "never stored" not in again.text


def test_an_empty_state_round_trips():
    assert loads_state(dumps_state(DialogueState())) == DialogueState()


class Size(enum.Enum):
    S = "S"
    M = "M"


@dataclasses.dataclass(frozen=True)
class Line:
    size: Size
    tags: frozenset[tuple[str, str]] = frozenset()
    bounds: tuple[float | None, float | None] | None = None
    counts: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Opaque:
    thing: Any = None


def test_generic_types_round_trip_and_unknown_ones_fail_loudly():
    line = Line(Size.M, frozenset({("color", "navy"), ("word", "linen")}), (None, 60.0), {"a": 2})
    assert decode(Line, json.loads(json.dumps(encode(Line, line)))) == line
    with pytest.raises(CodecError):
        encode(Opaque, Opaque(object()))
    with pytest.raises(CodecError):
        encode(Line, Line("M"))


@pytest.mark.parametrize("stored", [
    "", "not json", "[]", '{"format": 1}', '{"format": 99, "state": {}}',
    '{"format": 1, "state": {"cart": [{"product_id": 5}]}}',
    '{"format": 1, "state": {"request": {"color": "navy"}}}',
    '{"format": 1, "state": {"shown": [{"product_id": "a"}]}}',
])
def test_corrupt_data_is_refused_whole(stored):
    with pytest.raises(CodecError):
        loads_state(stored)


def test_fields_the_stored_data_lacks_take_their_defaults():
    data_ = encode_state(DialogueState(lang="zh"))
    del data_["state"]["cart"]
    data_["state"]["retired_field"] = 3
    assert decode_state(data_) == DialogueState(lang="zh")


@pytest.mark.parametrize("stored,restored", [(None, ()), ("p2", ("p2",)), (["p2", "p7"], ("p2", "p7"))])
def test_a_session_stored_before_the_waiting_try_on_held_an_outfit_goes_on(stored, restored):
    """pending_tryon was one product id (or none); a session stored so was dropped whole, cart and all."""
    data = encode_state(DialogueState())
    data["state"]["pending_tryon"] = stored
    assert decode_state(json.loads(json.dumps(data))).pending_tryon == restored
