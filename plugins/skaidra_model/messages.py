"""Editor-facing wording of pydantic's validation errors, for content and settings alike."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel


def unknown_name(kind: str, value: str, known: typing.Iterable[str]) -> str:
    """"unknown <kind> 'x'", with the nearest known name when one is close."""
    message = f"unknown {kind} {value!r}"
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean {close[0]!r}?"
    return message


_PLAIN: dict[str, Callable[[dict], str]] = {
    "missing": lambda e: "is required",
    "model_type": lambda e: "must be a group of 'key: value' lines",
    "dict_type": lambda e: "must be a group of 'key: value' lines",
    "model_attributes_type": lambda e: "must be a group of 'key: value' lines",
    "list_type": lambda e: "must be a list (lines starting with '- ')",
    "string_type": lambda e: f"must be text, got {_kind(e['input'])}",
    "int_parsing": lambda e: f"must be a whole number, got {e['input']!r}",
    "int_type": lambda e: f"must be a whole number, got {_kind(e['input'])}",
    "int_from_float": lambda e: f"must be a whole number, got {e['input']!r}",
    "decimal_parsing": lambda e: f"must be a number, got {e['input']!r}",
    "decimal_type": lambda e: f"must be a number, got {_kind(e['input'])}",
    "float_parsing": lambda e: f"must be a number, got {e['input']!r}",
    "float_type": lambda e: f"must be a number, got {_kind(e['input'])}",
    "finite_number": lambda e: "must be a finite number",
    "bool_parsing": lambda e: f"must be true or false, got {e['input']!r}",
    "bool_type": lambda e: f"must be true or false, got {_kind(e['input'])}",
    "greater_than": lambda e: f"must be greater than {e['ctx']['gt']}, got {e['input']}",
    "greater_than_equal": lambda e: f"must be {e['ctx']['ge']} or more, got {e['input']}",
    "literal_error": lambda e: f"must be one of {e['ctx']['expected'].replace(' or ', ', ')}; got {e['input']!r}",
    "too_short": lambda e: f"must have at least {e['ctx']['min_length']} item(s)",
    "string_too_long": lambda e: f"must be at most {e['ctx']['max_length']} characters, got {len(e['input'])}",
    "decimal_max_places": lambda e: "has too many decimal places",
}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def message_of(error: dict, model: type[BaseModel], loc: tuple) -> str:
    kind = error["type"]
    if kind == "skaidra":
        return error["ctx"]["message"]
    if kind == "extra_forbidden":
        return _unknown_key(model, loc)
    if kind in _PLAIN:
        return _PLAIN[kind](error)
    return error["msg"][0].lower() + error["msg"][1:]


def _unknown_key(model: type[BaseModel], loc: tuple) -> str:
    """Say a key is unknown, suggesting the nearest known one."""
    owner: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or owner is None:
            continue
        owner = _field_model(owner, part)
    key = str(loc[-1])
    known = list(owner.model_fields) if owner is not None else []
    message = f"unknown key {key!r}"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        message += f"; did you mean {close[0]!r}?"
    elif known:
        message += f" (allowed: {', '.join(known)})"
    return message


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

