"""Problems found in content, reported to editors as `path:line: field: message`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .speech import say

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one file."""

    path: str
    line: int
    field: str
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        if self.level == WARNING:
            return say(
                "{path}:{line}: {field}: warning: {message}",
                path=self.path,
                line=self.line,
                field=self.field,
                message=self.message,
            )
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class Problems:
    """An ordered collection of problems gathered while loading content."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field: str, message: str, level: str = ERROR) -> None:
        """Record one problem."""
        self.items.append(Problem(path, max(line, 1), field, message, level))

    def soften(self, start: int) -> None:
        """Turn the problems recorded since `start` into warnings (for drafts)."""
        self.items[start:] = [
            Problem(p.path, p.line, p.field, p.message, WARNING) for p in self.items[start:]
        ]

    @property
    def errors(self) -> list[Problem]:
        """Problems that fail the build."""
        return [p for p in self.items if p.level == ERROR]

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self.items)))


class ContentError(Exception):
    """Raised once, after loading, when content has errors."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def dotted(loc: Iterable[object]) -> str:
    """Render a location tuple as a dotted field path: `funding[0].amount`."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark for "the key itself" of a dict entry
            continue
        if isinstance(part, str) and (
            not part.isprintable() or not part.strip() or part.strip() != part
        ):
            part = repr(
                part
            )  # quoted, so that a blank or a control character shows and keeps the line whole
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "-"


def in_data(data: Any, loc: tuple) -> tuple:
    """A validation error's place in the data: without the names pydantic gives the ways a value may be
    written (`dict[…]`, `function-after[…]` for text or text per language), which are no key of it."""
    place: list = []
    node = data
    for part in loc:
        key_of_dict = isinstance(node, dict) and part in node
        if (
            key_of_dict
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(part, str) and "[" in part and part.endswith("]"):
            continue  # a way of writing the value, not a key
        else:
            node = None
        place.append(part)
    return tuple(place)


def places_in_data(data: Any, errors: list[dict]) -> list[tuple[tuple, dict]]:
    """Each validation error with its place in the data, one per place."""
    found: dict[tuple, dict] = {}
    for error in errors:
        found.setdefault(in_data(data, tuple(error["loc"])), error)
    return list(found.items())
