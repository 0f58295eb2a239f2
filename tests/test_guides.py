"""Every example in the editor's guides builds, and every error it shows is the one you get.

Examples are marked in the guides with `<!-- example: path -->` (a whole file
under content/), broken ones with `<!-- broken: path -->` followed by
`<!-- gives -->` and the error line.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, html, run, skaidra

GUIDES = [ROOT / "docs" / "vadovas.md", ROOT / "docs" / "guide.md"]
GUIDE_LANGUAGE = {"vadovas.md": "lt", "guide.md": "en"}
BLOCK = re.compile(r"<!-- (example|broken|gives)(?:: (\S+))? -->\n```[a-z]*\n(.*?)```", re.DOTALL)
# Files the examples refer to that are not text: the sample recording and podcast artwork, a PDF.
SUPPLIED = {
    "media/podcast/01-bendradarbiavimo-patirtis.mp3": ROOT
    / "content/media/podcast/01-bendradarbiavimo-patirtis.mp3",
    "media/podcast/skaidra-podkastas.png": ROOT / "content/media/podcast/skaidra-podkastas.png",
}


def blocks(guide: Path) -> list[tuple[str, str | None, str]]:
    return [
        (kind, path, text) for kind, path, text in BLOCK.findall(guide.read_text(encoding="utf-8"))
    ]


def examples(guide: Path) -> dict[str, str]:
    return {path: text for kind, path, text in blocks(guide) if kind == "example"}


def broken(guide: Path) -> list[tuple[str, str, str]]:
    found, items = [], blocks(guide)
    for (kind, path, text), following in itertools.pairwise(items):
        if kind == "broken":
            assert following[0] == "gives", (
                f"{guide.name}: a broken example of {path} without its error"
            )
            found.append((path, text, following[2].strip()))
    return found


def write_site(content: Path, guide: Path) -> None:
    for relative, text in examples(guide).items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relative, source in SUPPLIED.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, content / relative)
    (content / "media/ataskaita.pdf").write_bytes(b"%PDF-1.4 pavyzdys")


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_the_guides_examples_make_a_valid_site(guide, tmp_path):
    assert len(examples(guide)) >= 8
    content = tmp_path / "content"
    write_site(content, guide)
    output = tmp_path / "output"
    build(content, output)
    event = html(output / "renginiai/2024-05-18-forumas/index.html")
    assert event.h1.get_text() == "Bendruomenės forumas"
    assert "2024-05-18-forumas@bendruomene.example" in (output / "calendar.ics").read_text(
        encoding="utf-8"
    )
    assert (output / "projektai/nvok00001/index.html").exists()
    assert (output / "en/news/ivyko-bendruomenes-forumas/index.html").exists()
    assert (output / "podkastas/bendradarbiavimas/index.html").exists()


@pytest.mark.parametrize(
    "guide, path, text, error",
    [(g, *case) for g in GUIDES for case in broken(g)],
    ids=[f"{g.name}-{i}" for g in GUIDES for i, _ in enumerate(broken(g))],
)
def test_each_error_in_the_guide_is_what_the_build_says(guide, path, text, error, tmp_path):
    """The site of the examples speaks Lithuanian first: its messages are Lithuanian, and the English
    guide shows them as SKAIDRA_MESSAGES=en says them, as it tells its readers."""
    content = tmp_path / "content"
    write_site(content, guide)
    (content / path).write_text(text, encoding="utf-8")
    run = skaidra(
        "check", "--input", str(content), env={"SKAIDRA_MESSAGES": GUIDE_LANGUAGE[guide.name]}
    )
    assert run.code == 1
    assert str(content) + error.removeprefix("content") in run.problems, run.err


def test_both_guides_show_the_same_examples():
    assert examples(GUIDES[0]) == examples(GUIDES[1])
    assert [(p, t) for p, t, _e in broken(GUIDES[0])] == [(p, t) for p, t, _e in broken(GUIDES[1])]


INSTALL = ".venv/bin/pip install skaidra"  # from the package index once released; here, the clean room's wheel


def command_blocks(guide: Path) -> list[list[str]]:
    text = guide.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- commands -->\n```sh\n(.*?)```", text, re.DOTALL)
    return [[line for line in block.splitlines() if line.strip()] for block in blocks]


def test_the_guides_commands_start_publish_and_upgrade_a_site(installed, tmp_path):
    """Every line of "Start your own site" and "Take a newer Skaidra", install included, in an empty
    folder with nothing of Skaidra on the PATH. Run once: both guides give the same commands."""
    start, upgrade = command_blocks(GUIDES[0])
    assert INSTALL in start
    wheel = next((installed.parent / "dist").glob("skaidra-*.whl"))
    steps = [
        line.replace(INSTALL, f".venv/bin/pip install --quiet {wheel}")
        for line in [*start, *upgrade]
    ]
    done = run(
        ["bash", "-e", "-x", "-c", "\n".join(steps)], tmp_path, {"SOURCE_DATE_EPOCH": "1780000000"}
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = tmp_path / "mano-svetaine"
    assert html(site / "output/index.html").title.get_text() == "Pavyzdžio bendruomenė"
    assert "+ skaidra publish" in done.stderr and "url: https://bendruomene.example/" in (
        site / "content/site.yaml"
    ).read_text(encoding="utf-8")


def test_both_guides_give_the_same_commands():
    assert command_blocks(GUIDES[0]) == command_blocks(GUIDES[1])


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_the_guides_list_every_unit_that_counts_people(guide):
    """The list is the code's (results.PEOPLE_UNITS); each guide names every unit of both languages."""
    from skaidra_model.results import PEOPLE_UNITS

    paragraph = next(
        p
        for p in guide.read_text(encoding="utf-8").split("\n- ")
        if p.startswith(("Rodiklio `people`", "An indicator's `people`"))
    )
    named = set(re.findall(r"`([^`]+)`", paragraph))
    assert {unit for units in PEOPLE_UNITS.values() for unit in units} <= named
