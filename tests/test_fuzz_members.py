"""No member can break the umbrella: Hypothesis damages what a member publishes (each of its four endpoints:
keys deleted or retyped, hostile strings, huge numbers, odd bytes, truncation, formulas, scripts), and
gathering and the umbrella's build never fail, and no member string reaches a page unescaped.

Bounded for `make test`; run more examples once with
`SKAIDRA_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz_members.py`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import skaidra
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_network import NOW, network, umbrella_copy  # noqa: F401  (the fixture)

EXAMPLES = int(os.environ.get("SKAIDRA_FUZZ_EXAMPLES", "4"))
ENDPOINTS = ("data/projects.json", "data/360giving.json", "calendar.ics", "feeds/all.atom.xml")
MARK = "<script>alert(1)</script>"
HOSTILE = st.sampled_from([
    MARK, f'"><img src=x onerror=alert(1)>{MARK}', "javascript:alert(1)", '=HYPERLINK("https://x.example","y")', "+1", "@SUM(1)",
    "\x01\x02", "\u202e\u200b", "../../etc/passwd", "/dev/zero", "file:///etc/passwd", "1e30", "-1", "NaN", "Infinity",
    "2024-13-45", "ąčęėįšųūž" * 50, "",
])  # fmt: skip
ODD = st.one_of(
    HOSTILE, st.none(), st.booleans(), st.integers(-10**40, 10**40), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.lists(HOSTILE, max_size=3), st.dictionaries(st.text(max_size=5), HOSTILE, max_size=2),
)  # fmt: skip
UNESCAPED = re.compile(
    r"<script>alert|<img src=x|href=\"javascript:|src=\"javascript:", re.IGNORECASE
)


def paths_in(data, prefix=()):
    """Every path into nested JSON data, with the container that holds it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield prefix + (key,)
            yield from paths_in(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield prefix + (index,)
            yield from paths_in(value, prefix + (index,))


@st.composite
def damaged(draw, original: bytes, relative: str) -> bytes:
    """The endpoint's bytes, damaged one way Hypothesis chooses."""
    how = draw(
        st.sampled_from(
            ["value", "delete", "truncate", "bytes"]
            if relative.endswith(".json")
            else ["text", "truncate", "bytes"]
        )
    )
    if how in ("value", "delete"):
        data = json.loads(original)
        paths = list(paths_in(data))
        path = draw(st.sampled_from(paths))
        holder = data
        for part in path[:-1]:
            holder = holder[part]
        if how == "delete":
            del holder[path[-1]]
        else:
            holder[path[-1]] = draw(ODD)
        return json.dumps(data, allow_nan=True).encode()
    if how == "truncate":
        return original[: draw(st.integers(0, len(original)))]
    if how == "text":  # a hostile string in place of a line's value
        lines = original.decode("utf-8").split("\n")
        index = draw(st.integers(0, len(lines) - 1))
        head = lines[index].split(":", 1)[0] if ":" in lines[index] else lines[index]
        lines[index] = f"{head}:{draw(HOSTILE)}"
        return "\n".join(lines).encode()
    at = draw(st.integers(0, len(original)))
    return original[:at] + draw(st.binary(min_size=1, max_size=8)) + original[at:]


@pytest.fixture(scope="module")
def prepared(network, tmp_path_factory):  # noqa: F811
    tree, outputs, _ = network
    base = tmp_path_factory.mktemp("fuzz-members")
    member = base / "pirmas"
    shutil.copytree(outputs["pirmas"], member)
    umbrella = umbrella_copy(tree, outputs, base / "umbrella", pirmas=member)
    return (
        member,
        umbrella,
        {relative: (outputs["pirmas"] / relative).read_bytes() for relative in ENDPOINTS},
        base,
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=EXAMPLES <= 10,
)
@given(data=st.data())
def test_no_member_file_breaks_gathering_or_the_build(prepared, data):
    member, umbrella, originals, base = prepared
    relative = data.draw(st.sampled_from(ENDPOINTS))
    for name, original in originals.items():
        (member / name).write_bytes(original)
    (member / relative).write_bytes(data.draw(damaged(originals[relative], relative)))
    gathered = skaidra("gather", "--input", str(umbrella.root))
    assert gathered.code == 0, gathered.err
    output = base / "output"
    built = skaidra(
        "html",
        "--input",
        str(umbrella.root),
        "--output",
        str(output),
        env={"SOURCE_DATE_EPOCH": NOW},
    )
    assert built.code == 0, built.err
    for page in Path(output).rglob("*.html"):
        found = UNESCAPED.search(page.read_text(encoding="utf-8"))
        assert found is None, f"{page}: {found.group()}"
