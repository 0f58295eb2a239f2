"""The safe YAML reader: plain data only, YAML 1.2 scalars, lines for every value."""

from __future__ import annotations

import pytest
from skaidra_model.yaml_source import YamlSyntaxError, parse_yaml


def test_scalars_follow_yaml_1_2_core_rules():
    doc = parse_yaml(
        "a: no\nb: yes\nc: true\nd: 1:30\ne: 007\nf: 12\ng: 1.5\nh: 2024-05-18\ni:\nj: '12'\n"
    )
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
    assert caught.value.line == 3  # where the list opened, not where the parser gave up
    assert (
        caught.value.message
        == "a list opened with '[' here is not closed with ']' (see 'What the error messages mean' in the editor's guide)"
    )


GUIDE = "(see 'What the error messages mean' in the editor's guide)"


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("title: Forumas: vaiko teisės\nsummary: x\n", 1,
         f"a colon and a space inside a value; put the whole value in quotes: title: \"Forumas: vaiko teisės\" {GUIDE}"),
        ('title: "Forumas\nsummary: x\n', 1, f"a quote opened here is never closed; end the text with the same quote mark {GUIDE}"),
        ("title: x\n  summary: y\n", 2,
         f"this line is indented more than a 'key: value' line above it allows; indent it like its neighbours {GUIDE}"),
        ("period:\n  - start: 2024-01-01\n  end: 2024-02-01\n", 3,
         f"a 'key: value' line inside the list that starts on line 2; list items start with '- ' {GUIDE}"),
        ("goals:\n  a: b\n  - c\n", 3, f"a list item ('- ') among the 'key: value' lines that start on line 2; check the indentation {GUIDE}"),
        ("period: {start: 2024-01-01\nx: 1\n", 1, f"a group opened with '{{' here is not closed with '}}' {GUIDE}"),
        ("title:Forumas\nsummary: y\n", 1, f"a colon without a space after it; write 'key: value' {GUIDE}"),
        ("title: x\n\tsummary: y\n", 2, f"a tab character is used for indentation; indent with spaces {GUIDE}"),
    ],
    ids=["colon-in-value", "unclosed-quote", "indentation", "mapping-in-a-list", "list-in-a-mapping", "unclosed-brace",
         "no-space-after-colon", "tab"],
)  # fmt: skip
def test_common_yaml_mistakes_in_plain_words_at_the_line_to_look_at(text, line, message):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message) == (line, message)
