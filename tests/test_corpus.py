"""The bad-input corpus: broken variants of the real sample content (tests/corpus/*.yaml).

Each case copies `content/`, breaks it as the case says, builds it over a copy
of the last good build, and asserts the exact `path:line: field: message`
lines, a non-zero exit and an output folder byte-identical to before.

A case may `patch` files (replace text), `append` to them, write whole
`files`, `remove` them, `encode` them in another encoding, or `pad` them past
a size; its `expected` paths are relative to the content folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, skaidra, snapshot

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("*.yaml"))


def break_content(content: Path, case: dict) -> None:
    for relative, replacements in case.get("patch", {}).items():
        path = content / relative
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{relative}: {old!r} not found; the corpus case is out of date"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    for relative, addition in case.get("append", {}).items():
        with (content / relative).open("a", encoding="utf-8") as handle:
            handle.write(addition)
    for relative, text in case.get("files", {}).items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    for relative in case.get("remove", []):
        (content / relative).unlink()
    for relative, codec in case.get("encode", {}).items():
        path = content / relative
        path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    for relative, size in case.get("pad", {}).items():
        with (content / relative).open("a", encoding="utf-8") as handle:
            handle.write("\n<!-- " + "x" * size + " -->\n")


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_variant(case_file: Path, tmp_path: Path, sample_output: Path):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    break_content(content, case)
    output = tmp_path / "output"
    shutil.copytree(sample_output, output)
    before = snapshot(output)

    run = skaidra("html", "--input", str(content), "--output", str(output))

    expected = [f"{content}/{line.replace('{content}', str(content))}" for line in case["expected"]]
    assert run.code != 0
    assert sorted(run.problems) == sorted(expected), run.err
    assert snapshot(output) == before
