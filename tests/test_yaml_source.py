"""The safe YAML reader: plain data only, YAML 1.2 scalars, lines for every value."""

from __future__ import annotations

import pytest

from skaidra_model.yaml_source import YamlSyntaxError, parse_yaml


def test_scalars_follow_yaml_1_2_core_rules():
    doc = parse_yaml("a: no\nb: yes\nc: true\nd: 1:30\ne: 007\nf: 12\ng: 1.5\nh: 2024-05-18\ni:\nj: '12'\n")
    assert doc.data == {
        "a": "no", "b": "yes", "c": True, "d": "1:30", "e": "007", "f": 12, "g": 1.5,
        "h": "2024-05-18", "i": None, "j": "12",
    }  # fmt: skip


def test_lines_are_recorded_for_nested_values():
    doc = parse_yaml("a:\n  - x: 1\n    y: 2\n  - x: 3\n", line_offset=1)
    assert doc.line_of(("a", 0, "y")) == 4
    assert doc.line_of(("a", 1, "x")) == 5
    assert doc.line_of(("a", 1, "missing")) == 5


def test_billion_laughs_is_refused_without_expanding():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    doc = parse_yaml(bomb)
    assert doc.problems
    assert all("aliases" in message for _line, _loc, message in doc.problems)


def test_syntax_errors_carry_the_line():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: 1\nb: [2\nc: 3\n", line_offset=1)
    assert caught.value.line == 4
