"""The history of every figure, from the git commits of the content: a repository made here with three
commits after the first (an amount raised, an actual filled in, a typo fixed) gives exactly the two
figure changes, with the commits' dates and messages and never an author's address; open data gets
the date each project last changed. Without git history the section is absent and the build says so."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ContentTree, build, html, text

pytestmark = [
    pytest.mark.usefixtures("english_messages"),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def commit(repo: Path, message: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Redaktorė",
           "GIT_AUTHOR_EMAIL": "redaktore@example.org", "GIT_COMMITTER_NAME": "Redaktorė", "GIT_COMMITTER_EMAIL": "redaktore@example.org"}  # fmt: skip
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture
def repository(content: ContentTree, tmp_path: Path) -> Path:
    """The minimal site in a repository of its own, with its history."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "Pirmoji versija", "2024-01-05T10:00:00+02:00")
    project = "data/projects/demo.yaml"
    content.write(project, content.read(project).replace("amount: 1000", "amount: 1500"))
    commit(tmp_path, "Padidinta suma pagal sutarties pakeitimą", "2024-03-10T09:30:00+02:00")
    text_before = content.read(project)
    assert "        target: 10\n        source: events\n" in text_before
    content.write(
        project,
        text_before.replace(
            "        target: 10\n        source: events\n",
            "        target: 10\n        actual: 8\n",
        ),
    )
    commit(tmp_path, "Įrašyta, kiek dalyvavo", "2024-12-20T16:00:00+02:00")
    content.write(
        project,
        content.read(project).replace(
            "Trumpas projekto aprašymas.", "Trumpas projekto aprašymas, be klaidų."
        ),
    )
    commit(tmp_path, "Ištaisyta rašybos klaida", "2025-01-02T08:00:00+02:00")
    return tmp_path


def test_three_commits_give_the_two_figure_changes(repository: Path, content: ContentTree):
    run = build(content.root, repository / "output")
    assert run.code == 0, run.err
    assert "no change history" not in run.err
    page = html(repository / "output/projektai/demo-1/index.html")
    section = page.find(id="history").parent
    rows = [[text(td) for td in row.find_all("td")] for row in section.select("tbody tr")]
    assert rows == [
        ["2024 m. gruodžio 20 d.", "Pasiekta: Dalyviai", "–", "8", "Įrašyta, kiek dalyvavo"],
        [
            "2024 m. kovo 10 d.",
            "Skirta suma (Bandomasis fondas)",
            "1 000,00 €",
            "1 500,00 €",
            "Padidinta suma pagal sutarties pakeitimą",
        ],
    ]
    assert [time["datetime"] for time in section.select("tbody time")] == [
        "2024-12-20",
        "2024-03-10",
    ]
    assert "redaktore@example.org" not in page.decode() and "Redaktorė" not in page.decode()
    english = html(repository / "output/en/projects/demo-1/index.html").find(id="history").parent
    assert text(english.find("h2")) == "Change history"
    projects = json.loads((repository / "output/data/projects.json").read_text(encoding="utf-8"))[
        "projects"
    ]
    assert (
        projects[0]["dateModified"] == "2025-01-02T08:00:00+02:00"
    )  # the typo fix touched the file too
    giving = json.loads((repository / "output/data/360giving.json").read_text(encoding="utf-8"))[
        "grants"
    ]
    assert giving[0]["dateModified"] == "2025-01-02T08:00:00+02:00"


def test_the_same_commits_give_the_same_bytes(repository: Path, content: ContentTree):
    for name in ("first", "second"):
        assert (
            build(content.root, repository / name, env={"SOURCE_DATE_EPOCH": "1780000000"}).code
            == 0
        )
    for page in ("projektai/demo-1/index.html", "data/projects.json", "data/360giving.json"):
        assert (repository / "first" / page).read_bytes() == (
            repository / "second" / page
        ).read_bytes()


def test_without_git_history_the_section_is_absent_and_the_build_says_so_once(
    content: ContentTree, tmp_path: Path
):
    run = build(content.root, tmp_path / "output")
    assert run.code == 0, run.err
    note = "The content is not in a git repository with its whole history (or git is missing): project pages show no change history."
    assert run.err.count(note) == 1
    assert html(tmp_path / "output/projektai/demo-1/index.html").find(id="history") is None
    assert (
        "dateModified"
        not in json.loads((tmp_path / "output/data/projects.json").read_text(encoding="utf-8"))[
            "projects"
        ][0]
    )


def test_a_shallow_clone_has_no_history(repository: Path, tmp_path: Path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True
    )
    run = build(clone / "content", tmp_path / "from-clone")
    assert run.code == 0, run.err
    assert "no change history" in run.err
    assert html(tmp_path / "from-clone/projektai/demo-1/index.html").find(id="history") is None


def test_a_project_not_yet_committed_has_no_history_section(repository: Path, content: ContentTree):
    content.write(
        "data/projects/naujas.yaml",
        content.read("data/projects/demo.yaml").replace("DEMO-1", "NAUJAS-2"),
    )
    run = build(content.root, repository / "output")
    assert run.code == 0, run.err
    assert html(repository / "output/projektai/naujas-2/index.html").find(id="history") is None
    assert html(repository / "output/projektai/demo-1/index.html").find(id="history") is not None


def test_a_file_name_with_lithuanian_letters_and_a_renamed_file_keep_their_history(
    content: ContentTree, tmp_path: Path
):
    """git quotes non-ASCII paths unless told not to; a rename is followed back to the first name."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    project = content.read("data/projects/demo.yaml")
    content.remove("data/projects/demo.yaml")
    first = content.write("data/projects/žalias.yaml", project)
    commit(tmp_path, "Pirmoji versija", "2024-01-05T10:00:00+02:00")
    content.write(
        "data/projects/žalias.yaml",
        first.read_text(encoding="utf-8").replace("amount: 1000", "amount: 1200"),
    )
    commit(tmp_path, "Padidinta suma", "2024-02-01T10:00:00+02:00")
    subprocess.run(
        [
            "git",
            "-C",
            str(tmp_path),
            "mv",
            "content/data/projects/žalias.yaml",
            "content/data/projects/žaliasis-projektas.yaml",
        ],
        check=True,
    )
    commit(tmp_path, "Pervadintas failas", "2024-02-02T10:00:00+02:00")
    renamed = content.root / "data/projects/žaliasis-projektas.yaml"
    renamed.write_text(
        renamed.read_text(encoding="utf-8").replace("amount: 1200", "amount: 1300"),
        encoding="utf-8",
    )
    commit(tmp_path, "Dar padidinta suma", "2024-03-01T10:00:00+02:00")
    build(content.root, tmp_path / "output")
    section = html(tmp_path / "output/projektai/demo-1/index.html").find(id="history").parent
    rows = [[text(td) for td in row.find_all("td")][2:] for row in section.select("tbody tr")]
    assert rows == [
        ["1 200,00 €", "1 300,00 €", "Dar padidinta suma"],
        ["1 000,00 €", "1 200,00 €", "Padidinta suma"],
    ]
