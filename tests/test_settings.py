"""Settings are checked like content: a bad value is a `path:line: field: message`, never a traceback."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, ContentTree, skaidra, snapshot

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

HEADER = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"

CASES = {
    "empty podcast category": (
        'PODCAST = {**PODCAST, "categories": [[]]}',
        "conf.py:4: PODCAST.categories[0]: must have at least 1 item",
    ),
    "podcast category not Apple's": (
        'PODCAST = {**PODCAST, "categories": [["Society & Culture", "Gossip"]]}',
        None,  # only checked when the site has episodes; see test_podcast
    ),
    "redirect with a leading slash": (
        'SKAIDRA = {**SKAIDRA, "redirects": {"/senas/": "naujienos/"}}',
        (
            "conf.py:4: SKAIDRA.redirects./senas/: must be a path inside the site without a leading '/',"
            " like 'naujienos/senas/'; got '/senas/'"
        ),
    ),
    "redirect out of the site": (
        'SKAIDRA = {**SKAIDRA, "redirects": {"senas/": "../kitur/"}}',
        "conf.py:4: SKAIDRA.redirects.senas/: must not leave the site; got '../kitur/'",
    ),
    "unknown key": (
        'SKAIDRA = {**SKAIDRA, "serch": False}',
        "conf.py:4: SKAIDRA.serch: unknown key 'serch'; did you mean 'search'?",
    ),
    "not a dict": (
        "SKAIDRA = 5",
        'conf.py:4: SKAIDRA: must be a dict, like SKAIDRA = {"key": value}',
    ),
    "text for a switch": (
        'PODCAST = {**PODCAST, "explicit": "no"}',
        "conf.py:4: PODCAST.explicit: must be true or false, got 'no'",
    ),
    "podcast type": (
        'PODCAST = {**PODCAST, "type": "daily"}',
        "conf.py:4: PODCAST.type: must be one of 'episodic', 'serial'; got 'daily'",
    ),
    "negative count": (
        'SKAIDRA = {**SKAIDRA,\n    "home_posts": -1}',
        "conf.py:5: SKAIDRA.home_posts: must be 0 or more, got -1",
    ),
    "language twice": (
        'SKAIDRA = {**SKAIDRA, "languages": ["lt", "lt"]}',
        "conf.py:4: SKAIDRA.languages: must not name a language twice",
    ),
    "missing plugin": (
        'PLUGINS = [*PLUGINS, "skaidra_nothing"]',
        "conf.py:4: PLUGINS[11]: cannot load plugin 'skaidra_nothing': No module named 'skaidra_nothing'",
    ),
    "syntax error": (
        "SKAIDRA = {",
        "conf.py:4: settings: is not valid Python: '{' was never closed",
    ),
    "error when run": (
        "SKAIDRA = UNDEFINED",
        "conf.py:4: settings: NameError: name 'UNDEFINED' is not defined",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_bad_setting_is_a_problem_with_its_line(case: str, content: ContentTree, tmp_path):
    line, expected = CASES[case]
    settings = tmp_path / "conf.py"
    settings.write_text(HEADER + line + "\n", encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("last good build", encoding="utf-8")
    before = snapshot(output)
    run = skaidra(
        "html", "--input", str(content.root), "--output", str(output), "--settings", str(settings)
    )
    assert "Traceback" not in run.err
    if expected is None:
        assert run.code == 0, run.err
        return
    assert run.code == 1, run.err
    assert any(problem.endswith("/" + expected) for problem in run.problems), run.err
    assert snapshot(output) == before


@pytest.mark.parametrize(
    ("registry", "expected"),
    [
        ({"events": 5}, (".skaidra/identities.json:2: events: is not a registry written by Skaidra"
         " (must be a group of 'key: value' lines); restore it from version control")),
        ({"events": {"events/a.md": {"id": 7}}}, (".skaidra/identities.json:4: events.events/a.md.id:"
         " is not a registry written by Skaidra (must be text, got 7); restore it from version control")),
        ({"evnts": {}}, (".skaidra/identities.json:2: evnts: is not a registry written by Skaidra"
         " (unknown key 'evnts'; did you mean 'events'?); restore it from version control")),
    ],
)  # fmt: skip
def test_a_damaged_identity_registry_is_a_problem_with_its_line(
    registry, expected, content: ContentTree
):
    content.write(".skaidra/identities.json", json.dumps(registry, indent=2))
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert "Traceback" not in run.err
    assert f"{content.root}/{expected}" in run.problems
