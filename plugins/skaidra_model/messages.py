"""Editor-facing wording of pydantic's validation errors, for content and settings alike."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .speech import say, say_count


def with_nearest(message: str, value: str, known: typing.Iterable[str]) -> str:
    """`message`, and the nearest of the `known` names to `value` when one is close: "; did you mean 'x'?"."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return message + say("; did you mean {name!r}?", name=close[0]) if close else message


_PLAIN: dict[str, Callable[[dict], str]] = {
    "missing": lambda e: say("is required"),
    "model_type": lambda e: say("must be a group of 'key: value' lines"),
    "dict_type": lambda e: say("must be a group of 'key: value' lines"),
    "model_attributes_type": lambda e: say("must be a group of 'key: value' lines"),
    "list_type": lambda e: say("must be a list (lines starting with '- ')"),
    "string_type": lambda e: say("must be text, got {value}", value=_kind(e["input"])),
    "int_parsing": lambda e: say("must be a whole number, got {value!r}", value=e["input"]),
    "int_type": lambda e: say("must be a whole number, got {value}", value=_kind(e["input"])),
    "int_from_float": lambda e: say("must be a whole number, got {value!r}", value=e["input"]),
    "decimal_parsing": lambda e: say("must be a number, got {value!r}", value=e["input"]),
    "decimal_type": lambda e: say("must be a number, got {value}", value=_kind(e["input"])),
    "float_parsing": lambda e: say("must be a number, got {value!r}", value=e["input"]),
    "float_type": lambda e: say("must be a number, got {value}", value=_kind(e["input"])),
    "finite_number": lambda e: say("must be a finite number"),
    "bool_parsing": lambda e: say("must be true or false, got {value!r}", value=e["input"]),
    "bool_type": lambda e: say("must be true or false, got {value}", value=_kind(e["input"])),
    "greater_than": lambda e: say(
        "must be greater than {limit}, got {value}", limit=e["ctx"]["gt"], value=e["input"]
    ),
    "greater_than_equal": lambda e: say(
        "must be {limit} or more, got {value}", limit=e["ctx"]["ge"], value=e["input"]
    ),
    "less_than_equal": lambda e: say(
        "must be {limit} or less, got {value}", limit=e["ctx"]["le"], value=e["input"]
    ),
    "literal_error": lambda e: say(
        "must be one of {choices}; got {value!r}",
        choices=e["ctx"]["expected"].replace(" or ", ", "),
        value=e["input"],
    ),
    "too_short": lambda e: say_count(
        "must have at least {n} item", "must have at least {n} items", e["ctx"]["min_length"]
    ),
    "string_too_long": lambda e: say(
        "must be at most {limit} characters, got {length}",
        limit=e["ctx"]["max_length"],
        length=len(e["input"]),
    ),
    "decimal_max_places": lambda e: say("has too many decimal places"),
}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return say("a group of keys")
    if isinstance(value, list):
        return say("a list")
    if value is None:
        return say("nothing")
    return repr(value)


def message_of(error: dict, model: type[BaseModel], loc: tuple) -> str:
    kind = error["type"]
    if kind == "skaidra":
        return error["ctx"]["message"]
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if kind in _PLAIN:
        return _PLAIN[kind](error)
    return (
        error["msg"][0].lower() + error["msg"][1:]
    )  # pydantic's own words: a kind no content has met yet


def _unknown_key(model: type[BaseModel], loc: tuple) -> str:
    """Say a key is unknown, suggesting the nearest known one."""
    owner: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or owner is None:
            continue
        owner = _field_model(owner, part)
    key = str(loc[-1])
    known = list(owner.model_fields) if owner is not None else []
    if known and not difflib.get_close_matches(key, known, n=1, cutoff=0.6):
        return say("unknown key {key!r} (allowed: {known})", key=key, known=", ".join(known))
    return with_nearest(say("unknown key {key!r}", key=key), key, known)


def _field_model(model: Any, name: str) -> Any:
    info = getattr(model, "model_fields", {}).get(name)
    if info is None:
        return None
    stack = [info.annotation]
    while stack:
        annotation = stack.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        stack.extend(typing.get_args(annotation))
    return None
