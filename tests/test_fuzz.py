"""No input crashes the build: the sample content damaged at random is either valid or rejected
with `path:line: field: message` lines and exit status 1, the output folder untouched.

Settings are damaged too (values of other types in every key). Bounded for `make test`;
run more examples once with
`SKAIDRA_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import os
import re
import shutil

import yaml
from conftest import ROOT, skaidra, snapshot
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("SKAIDRA_FUZZ_EXAMPLES", "5"))
SAMPLE = ROOT / "content"
TEXT_FILES = sorted(
    p.relative_to(SAMPLE).as_posix()
    for p in SAMPLE.rglob("*")
    if p.is_file() and p.suffix in (".yaml", ".md")
)
PROBLEM = re.compile(r"^\S.*?:\d+: \S.*: .+")
SUMMARY = re.compile(
    r"^(\S+ be klaidų: |Aplanke \S+ rast|Niekas nesukurta;|Kūrimas nepavyko;|Svetainė iš |Kalendoriaus UID)"
)  # the sample speaks Lithuanian

ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.text(max_size=30),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["", " ", "\u200b", "ąčęėįšųūž", "2024-13-45", "javascript:alert(1)", "<script>x</script>", "../../etc"]),
)  # fmt: skip


def paths_in(data, prefix=()):
    """Every (path, value) in nested YAML data."""
    yield prefix, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths_in(value, (*prefix, i))


def damaged_data(draw, data):
    """One structural change somewhere in parsed YAML."""
    places = [(path, value) for path, value in paths_in(data) if path]
    if not places:
        return draw(ODD_VALUES)
    path, value = draw(st.sampled_from(places))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    action = draw(st.sampled_from(["delete", "retype", "rename", "empty", "double"]))
    if action == "delete":
        del parent[key]
    elif action == "retype":
        parent[key] = draw(ODD_VALUES)
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(key)
    elif action == "empty" and isinstance(value, (list, dict)):
        parent[key] = type(value)()
    elif action == "double" and isinstance(value, list):
        parent[key] = value + value
    else:
        parent[key] = draw(ODD_VALUES)
    return data


@st.composite
def damage(draw):
    """A file of the sample and new bytes for it."""
    relative = draw(st.sampled_from(TEXT_FILES))
    original = (SAMPLE / relative).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["structure", "structure", "truncate", "bytes"]))
    if kind == "truncate":
        return relative, original.encode("utf-8")[
            : draw(st.integers(0, len(original.encode("utf-8"))))
        ]
    if kind == "bytes":
        position = draw(st.integers(0, len(original)))
        noise = draw(
            st.one_of(
                st.binary(min_size=1, max_size=8), st.text(min_size=1, max_size=8).map(str.encode)
            )
        )
        raw = original.encode("utf-8")
        return relative, raw[:position] + noise + raw[position:]
    if relative.endswith(".md"):
        _, front, body = original.split("---\n", 2)
        data = damaged_data(draw, yaml.safe_load(front))
        text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    else:
        data = damaged_data(draw, yaml.safe_load(original))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return relative, text.encode("utf-8")


@example(change=("data/funders.yaml", b'- name: Fondas\n  "\\x1E": nvo-fondas\n'))
@example(
    change=(
        "posts/2023-09-18-forumas-vilniuje.md",
        (SAMPLE / "posts/2023-09-18-forumas-vilniuje.md")
        .read_bytes()
        .replace(b"Vaiko", b"Vai\x05ko"),
    )
)
@example(
    change=(
        "posts/2023-04-12-konfederacijos-planai.md",
        (SAMPLE / "posts/2023-04-12-konfederacijos-planai.md")
        .read_bytes()
        .replace(b"project: nvo-vaikams-2023", b"project: 0.0"),
    )
)
@example(
    change=(
        "podcast/01-bendradarbiavimo-patirtis.md",
        (SAMPLE / "podcast/01-bendradarbiavimo-patirtis.md")
        .read_bytes()
        .replace(b"title: ", b'title: "\\b" #', 1),
    )
)
@example(
    change=(
        "data/projects/lkbs-2023.yaml",
        (SAMPLE / "data/projects/lkbs-2023.yaml")
        .read_bytes()
        .replace(b"organisation: lkbs", b"organisation: 0"),
    )
)
@example(
    change=(
        "site.yaml",
        (SAMPLE / "site.yaml").read_bytes().replace(b"- [Society & Culture]", b"- []"),
    )
)
@example(
    change=(
        "data/projects/lkbs-2023.yaml",
        (SAMPLE / "data/projects/lkbs-2023.yaml")
        .read_bytes()
        .replace(b"\nid: NVOK06101", b"\n' ': NVOK06101"),
    )
)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=damage())
def test_damaged_sample_content_is_built_or_rejected_cleanly(change, tmp_path_factory):
    relative, data = change
    base = tmp_path_factory.mktemp("fuzz")
    content = base / "content"
    shutil.copytree(SAMPLE, content)
    (content / relative).write_bytes(data)
    output = base / "output"
    output.mkdir()
    (output / "index.html").write_text("last good build", encoding="utf-8")
    before = snapshot(output)
    run = skaidra("check", "--input", str(content))
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err
    assert run.code in (0, 1), run.err
    lines = [line for line in run.err.splitlines() if line.strip() and not SUMMARY.match(line)]
    if run.code == 1:
        assert run.problems, run.err
        assert all(PROBLEM.match(line) for line in lines), run.err
    else:
        assert all(
            PROBLEM.match(line) and ("warning:" in line or "įspėjimas:" in line) for line in lines
        ), run.err
        build = skaidra(
            "html",
            "--input",
            str(content),
            "--output",
            str(output),
            env={"SOURCE_DATE_EPOCH": "1780000000"},
        )
        assert "Traceback" not in build.err and build.code in (0, 1), build.err
        if build.code == 1:
            assert snapshot(output) == before
    shutil.rmtree(base, ignore_errors=True)


SETTING_KEYS = {
    "SKAIDRA": ["languages", "identity_domain", "grant_id_prefix", "data_licence", "publisher", "social_image",
                "tagline", "search", "redirects", "home_projects", "home_posts", "words", "off", "other"],
    "PODCAST": ["title", "image", "categories", "explicit", "type", "locked", "directories", "owner_email", "other"],
}  # fmt: skip


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@example(namespace="PODCAST", key=None, value="\x08").via(
    "a control character in the channel's title"
)
@given(
    namespace=st.sampled_from(sorted(SETTING_KEYS)),
    key=st.data(),
    value=st.recursive(
        ODD_VALUES,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=6,
    ),
)
def test_damaged_settings_are_rejected_with_their_line(namespace, key, value, tmp_path_factory):
    name = key.draw(st.sampled_from(SETTING_KEYS[namespace])) if key is not None else "title"
    base = tmp_path_factory.mktemp("settings")
    conf = base / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"{namespace} = {{**{namespace}, {name!r}: {value!r}}}\n",
        encoding="utf-8",
    )
    run = skaidra("check", "--input", str(SAMPLE), "--settings", str(conf))
    assert "Traceback" not in run.err, run.err
    assert run.code in (0, 1), run.err
    if run.code == 1:
        assert any(line.startswith(str(conf)) or "conf.py:" in line for line in run.problems), (
            run.err
        )
