"""Safe YAML reading that remembers the line of every value.

Only plain data is built: mappings with text keys, lists, text, numbers,
booleans and null (YAML 1.2 core rules, so `no` stays text and `1:30` is not
a number). Tags, anchors and aliases are refused, which also rules out alias
bombs. Dates stay text; the schemas parse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Self

import yaml

from .speech import say, say_count

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 50

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Loc = tuple[str | int, ...]


class WrittenFloat(float):
    """A number with a decimal point, as the editor wrote it (`20.000` is 20.0, but was it meant so?)."""

    written: str

    def __new__(cls, written: str) -> Self:
        number = super().__new__(cls, written)
        number.written = written
        return number


class YamlSyntaxError(Exception):
    """The text is not YAML at all; carries the line the parser stopped at."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDocument:
    """Plain data read from YAML, with the line of each value and any problems."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[tuple[int, Loc, str]] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int:
        """Return the line of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


_NO_SPACE = re.compile(r"^\s*(?:- )?[A-Za-z_][\w-]*:[^\s/]")  # `title:Forumas` (not `url:https://`)
_KEY_AND_VALUE = re.compile(r"^\s*(?:- )?[^\s:#'\"][^:#]*: .*: ")  # `title: Forumas: vaiko teisės`


def _guide() -> str:
    return say("see 'What the error messages mean' in the editor's guide")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """The common YAML mistakes in plain words, with the line to look at (None: where the parser stopped)."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark
    lines = text.split("\n")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    started = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if (
        "tab" in problem
        or "\t" in line[: len(line) - len(line.lstrip())]
        or line[mark.column : mark.column + 1] == "\t"
    ):
        return None, say(
            "a tab character is used for indentation; indent with spaces ({guide})", guide=_guide()
        )
    if problem.startswith("mapping values are not allowed"):
        if _KEY_AND_VALUE.match(line):
            return None, say(
                'a colon and a space inside a value; put the whole value in quotes: title: "Forumas: vaiko teisės" ({guide})',
                guide=_guide(),
            )
        above = next((n for n in range(mark.line - 1, -1, -1) if lines[n].strip()), None)
        if above is not None and _NO_SPACE.match(lines[above]):
            return above + 1, say(
                "a colon without a space after it; write 'key: value' ({guide})", guide=_guide()
            )
        return None, say(
            "this line is indented more than a 'key: value' line above it allows; indent it like its neighbours ({guide})",
            guide=_guide(),
        )
    if "while scanning a quoted scalar" in context:
        return started, say(
            "a quote opened here is never closed; end the text with the same quote mark ({guide})",
            guide=_guide(),
        )
    if "expected '-' indicator" in problem:
        return None, say(
            "a 'key: value' line inside the list that starts on line {line}; list items start with '- ' ({guide})",
            line=started,
            guide=_guide(),
        )
    if problem == "did not find expected key" and "block mapping" in context:
        return None, say(
            "a list item ('- ') among the 'key: value' lines that start on line {line}; check the indentation ({guide})",
            line=started,
            guide=_guide(),
        )
    if "flow sequence" in context:
        return started, say(
            "a list opened with '[' here is not closed with ']' ({guide})", guide=_guide()
        )
    if "flow mapping" in context:
        return started, say(
            "a group opened with '{{' here is not closed with '}}' ({guide})", guide=_guide()
        )
    detail = (
        f"{problem} {context}".strip()
    )  # the parser's own words, for mistakes rarer than those above
    if context and started is not None and mark is not None and started != mark.line + 1:
        return None, say(
            "not valid YAML: {detail} (started on line {line})", detail=detail, line=started
        )
    return None, say("not valid YAML: {detail}", detail=detail)


def parse_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse YAML text into plain data; raise YamlSyntaxError if it is not YAML."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where, message = _syntax_problem(exc, text)
        line = (where or (mark.line + 1 if mark is not None else 1)) + line_offset
        raise YamlSyntaxError(line, message) from None
    except (
        yaml.reader.ReaderError
    ) as exc:  # a character YAML does not allow, e.g. a control character
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        raise YamlSyntaxError(
            line,
            say(
                "not valid YAML: the character {code} is not allowed", code=f"U+{exc.character:04X}"
            ),
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(
            1 + line_offset, say("not valid YAML: {detail}", detail=str(exc).splitlines()[0])
        ) from None
    doc = YamlDocument(data=None)
    if root is None:
        return doc
    builder = _Builder(doc, line_offset)
    doc.data = builder.build(root, (), 0)
    if builder.aliases:
        _place_aliases(doc, builder.aliases, text, line_offset)
    return doc


def _place_aliases(doc: YamlDocument, aliases: list[Loc], text: str, line_offset: int) -> None:
    """Report the first alias on the line where it is used (not where its anchor is), with a count."""
    first = next(
        event for event in yaml.parse(text, Loader=_Loader) if isinstance(event, yaml.AliasEvent)
    )
    message = say("YAML aliases (*name) are not allowed; write the value out")
    if len(aliases) > 1:
        message = say_count(
            "YAML aliases (*name) are not allowed; write the value out ({n} alias in this file)",
            "YAML aliases (*name) are not allowed; write the value out ({n} aliases in this file)",
            len(aliases),
        )
    doc.problems.append((first.start_mark.line + 1 + line_offset, aliases[0], message))


class _Builder:
    """Turn a composed node tree into plain data, recording lines and problems."""

    def __init__(self, doc: YamlDocument, line_offset: int):
        self.doc = doc
        self.offset = line_offset
        self.seen: set[int] = set()
        self.aliases: list[Loc] = []

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def problem(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.doc.problems.append((self.line(node), loc, message))

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.doc.lines.setdefault(loc, self.line(node))
        if id(node) in self.seen:
            self.aliases.append(loc)
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, loc, say("nested more than {depth} levels deep", depth=MAX_DEPTH))
            return None
        if node.tag not in _STANDARD_TAGS:
            self.problem(node, loc, say("YAML tag {tag!r} is not allowed", tag=node.tag))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, loc, say("a key must be plain text"))
                continue
            if key_node.value == "<<":
                self.problem(key_node, loc, say("YAML merge keys (<<) are not allowed"))
                continue
            key = str(key_node.value)
            child = loc + (key,)
            if key in first_line:
                self.problem(
                    key_node,
                    child,
                    say(
                        "duplicate key {key!r} (first given on line {line})",
                        key=key,
                        line=first_line[key],
                    ),
                )
                continue
            first_line[key] = self.line(key_node)
            self.doc.lines[child] = self.line(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    @staticmethod
    def scalar(node: yaml.ScalarNode) -> Any:
        value = node.value
        if node.style not in (None, ""):
            return value
        if _NULL.match(value):
            return None
        if _TRUE.match(value):
            return True
        if _FALSE.match(value):
            return False
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return WrittenFloat(value)
        return value
