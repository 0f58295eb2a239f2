"""The README's table of settings matches the defaults in the code."""

from __future__ import annotations

import re

from conftest import ROOT
from skaidra_core.config import SkaidraSettings
from skaidra_podcast.channel import PodcastSettings

NAMESPACES = {model.namespace: model.model_fields for model in (SkaidraSettings, PodcastSettings)}


def documented() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r'^\| `(\w+)\["(\w+)"\]` \|', line)
        if match:
            found.setdefault(match.group(1), set()).add(match.group(2))
    return found


def test_every_setting_is_documented_and_every_documented_setting_exists():
    readme = documented()
    assert set(readme) == set(NAMESPACES)
    for name, fields in NAMESPACES.items():
        assert readme[name] == set(fields), name
        assert all(field.description for field in fields.values()), name


def test_every_default_the_readme_writes_as_a_value_is_the_models_default():
    """Defaults the README gives as Python values are the models' own; "empty" means an empty string."""
    import ast

    checked = 0
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r'^\| `(\w+)\["(\w+)"\]` \| (`([^`]*)`|empty) \|', line)
        if not match:
            continue
        namespace, key, written, literal = match.groups()
        try:
            value = "" if written == "empty" else ast.literal_eval(literal)
        except (ValueError, SyntaxError):
            continue  # a name such as `SITENAME`, explained in words
        assert NAMESPACES[namespace][key].default == value, (namespace, key)
        checked += 1
    assert checked >= 15


def test_the_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text[: text.index("## ")]
    assert "make html" in head and "make test" in head
