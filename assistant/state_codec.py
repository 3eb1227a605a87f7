"""A shopper's dialogue state as JSON and back, for a session store shared by restarts and replicas.

The codec walks the state's type annotations (dataclasses, pydantic models, tuples, frozensets,
mappings, enums, optionals) instead of listing fields, so a field added to the state is stored
without touching this file, and a type it cannot represent fails loudly at the first save rather
than being silently lost. What must never leave the process (the session's photo key) is
dropped here, in one table; a restored state says it lost a photo so a try-on asks for it again.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Union

from pydantic import BaseModel

from assistant.state import DialogueState

FORMAT = 1
# Fields of the state that are never stored, with what a restored state holds instead.
NEVER_STORED: dict[str, Any] = {"photo": None}
# Fields whose stored form changed, with how an older form reads now: sessions stored before an upgrade go on.
# pending_tryon: one product id or none, now every piece a waiting try-on wears.
UPGRADES: dict[str, Callable[[Any], Any]] = {
    "pending_tryon": lambda old: [] if old is None else [old] if isinstance(old, str) else old,
}
# Set on a restored state whose photo was not stored (photos never leave the process).
PHOTO_LOST_FLAG = "photo_not_kept"
SCALARS = (str, int, float, bool)


class CodecError(ValueError):
    """A value the codec cannot represent, or stored data that does not fit the state's types."""


def encode_state(state: DialogueState) -> dict[str, Any]:
    """The state as JSON-ready data, without the fields in NEVER_STORED."""
    kept = dataclasses.replace(state, **NEVER_STORED)
    return {"format": FORMAT, "had_photo": state.photo is not None, "state": encode(DialogueState, kept)}


def decode_state(data: Any) -> DialogueState:
    """The state `encode_state` wrote; raises CodecError for anything that does not fit."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or "state" not in data:
        raise CodecError("not a stored dialogue state of this format")
    stored = data["state"]
    if isinstance(stored, dict):
        stored = {name: UPGRADES[name](value) if name in UPGRADES else value for name, value in stored.items()}
    state = decode(DialogueState, stored)
    if data.get("had_photo") and PHOTO_LOST_FLAG in _field_types(DialogueState):
        state = dataclasses.replace(state, **{PHOTO_LOST_FLAG: True})
    return state


def dumps_state(state: DialogueState) -> str:
    return json.dumps(encode_state(state), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def loads_state(text: str) -> DialogueState:
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as error:
        raise CodecError(f"not JSON: {error}") from error
    return decode_state(data)


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    if dataclasses.is_dataclass(cls):
        return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}
    return {name: info.annotation for name, info in cls.model_fields.items()}


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and (dataclasses.is_dataclass(tp) or issubclass(tp, BaseModel))


def _arms(tp: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(tp)
    return typing.get_args(tp) if origin is Union or origin is types.UnionType else None


def encode(tp: Any, value: Any) -> Any:
    """`value` of annotated type `tp` as JSON data (tuples and sets as lists, mappings as pairs)."""
    arms = _arms(tp)
    if arms is not None:
        if value is None and type(None) in arms:
            return None
        for arm in arms:
            if arm is not type(None) and _fits(arm, value):
                return encode(arm, value)
        raise CodecError(f"{value!r} fits none of {tp}")
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if _is_record(tp):
        if not isinstance(value, tp):
            raise CodecError(f"expected {tp.__name__}, got {type(value).__name__}")
        return {name: encode(ftp, getattr(value, name)) for name, ftp in _field_types(tp).items()}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if not isinstance(value, tp):
            raise CodecError(f"expected {tp.__name__}, got {value!r}")
        return value.value
    if tp in SCALARS:
        if not isinstance(value, tp) and not (tp is float and isinstance(value, int) and not isinstance(value, bool)):
            raise CodecError(f"expected {tp.__name__}, got {type(value).__name__}")
        return value
    if origin is tuple:
        items = args[:1] * len(value) if len(args) == 2 and args[1] is Ellipsis else args
        if len(items) != len(value):
            raise CodecError(f"expected {len(items)} items for {tp}, got {len(value)}")
        return [encode(item, v) for item, v in zip(items, value)]
    if origin in (frozenset, set):
        encoded = [encode(args[0], v) for v in value]
        return sorted(encoded, key=lambda v: json.dumps(v, sort_keys=True))
    if origin in (dict, Mapping):
        return [[encode(args[0], k), encode(args[1], v)] for k, v in value.items()]
    if tp is type(None) and value is None:
        return None
    raise CodecError(f"cannot store a value of type {tp!r}")


def decode(tp: Any, data: Any) -> Any:
    """The value `encode(tp, ...)` wrote; fields missing from the data take their defaults, so a
    state stored before a field was added still loads."""
    arms = _arms(tp)
    if arms is not None:
        if data is None and type(None) in arms:
            return None
        for arm in arms:
            if arm is type(None):
                continue
            try:
                return decode(arm, data)
            except CodecError:
                continue
        raise CodecError(f"{data!r} fits none of {tp}")
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if _is_record(tp):
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {tp.__name__}")
        fields = _field_types(tp)
        values = {name: decode(fields[name], v) for name, v in data.items() if name in fields}
        try:
            return tp(**values)
        except (TypeError, ValueError) as error:
            raise CodecError(f"{tp.__name__}: {error}") from error
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError as error:
            raise CodecError(str(error)) from error
    if tp in SCALARS:
        if tp is float and isinstance(data, int) and not isinstance(data, bool):
            return float(data)
        if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
            raise CodecError(f"expected {tp.__name__}, got {data!r}")
        return data
    if origin in (tuple, frozenset, set, dict, Mapping) and not isinstance(data, list):
        raise CodecError(f"expected a list for {tp}")
    if origin is tuple:
        items = args[:1] * len(data) if len(args) == 2 and args[1] is Ellipsis else args
        if len(items) != len(data):
            raise CodecError(f"expected {len(items)} items for {tp}")
        return tuple(decode(item, v) for item, v in zip(items, data))
    if origin in (frozenset, set):
        return origin(decode(args[0], v) for v in data)
    if origin in (dict, Mapping):
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in data):
            raise CodecError(f"expected key-value pairs for {tp}")
        return {decode(args[0], k): decode(args[1], v) for k, v in data}
    if tp is type(None) and data is None:
        return None
    raise CodecError(f"cannot read a value of type {tp!r}")


def _fits(tp: Any, value: Any) -> bool:
    """Whether `value` is of one union arm, so the arm that encodes it is the one that decodes it."""
    origin = typing.get_origin(tp) or tp
    if origin is Mapping:
        return isinstance(value, Mapping)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, origin)
