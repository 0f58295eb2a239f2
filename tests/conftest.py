"""Fixtures: a tiny valid site written into a temp folder, and ways to build it.

The sample site in `content/` is built once per test run and shared by the
slow checks (`sample_output`), across pytest-xdist's workers.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

MINIMAL_SITE = {
    # A site that states its identity domain, as a published one does (without it, UIDs are provisional).
    "site.yaml": """\
        title: Skaidra
        identity_domain: skaidra.example
        """,
    "data/organisations.yaml": """\
        - id: org
          name: Bandomoji organizacija
          registration_code: "123456789"
        """,
    "data/funders.yaml": """\
        - id: fondas
          name: Bandomasis fondas
          publicity_statement: Projektą finansuoja Bandomasis fondas.
        """,
    "data/projects/demo.yaml": """\
        id: DEMO-1
        title: Bandomasis projektas
        organisation: org
        summary: Trumpas projekto aprašymas.
        period:
          start: 2024-01-01
          end: 2024-12-31
        funding:
          - funder: fondas
            amount: 1000
            programme: Bandomoji programa
        areas: [{name: Tauragės apskritis, country: LT, code: LT-TA}]
        activities:
          - id: mokymai
            title: Mokymai
            indicators:
              - name: Dalyviai
                target: 10
                source: events
        """,
    "pages/apie.md": """\
        ---
        title: Apie mus
        role: about
        ---
        Kas esame.
        """,
    "posts/labas.md": """\
        ---
        title: Labas
        date: 2024-02-01
        project: DEMO-1
        tags: [pirma]
        ---
        Pirmoji naujiena.
        """,
    "events/mokymai.md": """\
        ---
        title: Mokymai
        start: 2024-03-01 10:00
        end: 2024-03-01 12:00
        project: DEMO-1
        activity: mokymai
        attendance: 7
        ---
        Mokymų aprašymas.
        """,
}


@dataclass
class ContentTree:
    """A content folder in a temp directory that tests can edit."""

    root: Path

    def write(self, relative: str, text: str | bytes) -> Path:
        """Write a file; text is dedented."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> ContentTree:
    """The minimal valid site, ready to be broken or extended."""
    tree = ContentTree(tmp_path / "content")
    for relative, text in MINIMAL_SITE.items():
        tree.write(relative, text)
    (tree.root / "media").mkdir()
    return tree


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        """The `path:line: field: message` lines of the output."""
        return [
            line
            for line in self.err.splitlines()
            if ":" in line and line.split(":", 2)[1].isdigit()
        ]


def skaidra(*args: str, env: dict | None = None) -> Run:
    """Run the command line in this process (fast; for validation paths)."""
    from skaidra.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Run(code, out.getvalue(), err.getvalue())


def skaidra_process(*args: str, env: dict | None = None, cwd: Path = ROOT) -> Run:
    """Run the command line in a fresh Python (for whole builds)."""
    result = subprocess.run(
        [sys.executable, "-m", "skaidra", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def build(
    content: Path, output: Path, *extra: str, env: dict | None = None, process: bool = False
) -> Run:
    """Build a content folder with the project's settings; fail the test if it fails.

    In this process by default (the suite is faster without a Python start per build);
    `process=True` for builds whose plugins must not stay connected to Pelican's signals
    for the rest of the session (test-only plugins, a changed plugin order)."""
    args = ("html", "--input", str(content), "--output", str(output), *extra)
    run = skaidra_process(*args, env=env) if process else skaidra(*args, env=env)
    assert run.code == 0, run.err
    return run


def html(path: Path) -> BeautifulSoup:
    """Parse a built page."""
    return BeautifulSoup(path.read_bytes(), "lxml")


BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
    "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


def text(node) -> str:
    """The words of a node as a reader sees them: inline markup joined, blocks apart."""
    from bs4 import Comment, NavigableString

    parts = []
    for element in node.descendants:
        if isinstance(element, NavigableString):
            if not isinstance(element, Comment):
                parts.append(str(element))
        elif element.name in BLOCK_TAGS:
            parts.append(" ")
    return " ".join("".join(parts).replace("\xa0", " ").split())


def table_name(page, table) -> str:
    """A table's name as a screen reader gives it: the elements `aria-labelledby` names, else its caption."""
    if table.get("aria-labelledby"):
        return " ".join(text(page.find(id=ref)) for ref in table["aria-labelledby"].split())
    return text(table.caption) if table.caption else ""


def read_with_vobject(raw: bytes):
    """A calendar read by vobject from its own VTIMEZONE blocks. vobject keeps the first VTIMEZONE it
    meets for a TZID for the rest of the process and reads later files' blocks for that TZID as that
    one; forgetting them first makes each file's own block the one read."""
    import vobject

    registry = getattr(vobject.icalendar, "__tzidMap")
    for tzid in [tzid for tzid in registry if tzid != "UTC"]:
        del registry[tzid]
    return vobject.readOne(raw.decode("utf-8"))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def built_once(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` once for the whole run, whichever worker asks first; the others wait and share it.

    Under pytest-xdist each worker's temporary folder sits in the run's own one, so the lock and
    the result live there; without xdist the session's folder is the run's."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    run_folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = run_folder / name
    with open(run_folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".done").touch()
    return folder


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory) -> Path:
    """The sample site in `content/`, built once for the run; tests only read it."""

    def make(folder: Path) -> None:
        build(ROOT / "content", folder / "output", env={"SOURCE_DATE_EPOCH": "1780000000"})

    return built_once(tmp_path_factory, "sample", make) / "output"


@pytest.fixture(scope="session")
def umbrella_output(tmp_path_factory) -> Path:
    """The umbrella example (examples/umbrella) built once from its kept copies, from a copy of its content."""

    def make(folder: Path) -> None:
        shutil.copytree(ROOT / "examples/umbrella/content", folder / "content")
        build(folder / "content", folder / "output", env={"SOURCE_DATE_EPOCH": "1780000000"})

    return built_once(tmp_path_factory, "umbrella", make) / "output"


@pytest.fixture(scope="session")
def funded_output(tmp_path_factory) -> Path:
    """The funded test site (tests/funded_site.py), built once for the run; tests only read it."""
    import funded_site

    def make(folder: Path) -> None:
        tree = ContentTree(folder / "content")
        funded_site.write(tree)
        build(tree.root, folder / "output", env={"SOURCE_DATE_EPOCH": funded_site.BUILD_EPOCH})

    return built_once(tmp_path_factory, "funded", make) / "output"


def run(command: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        command,
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


# What a user's clone holds of the generator, copied so that building writes nothing into the repository.
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "CHANGELOG.md", "skaidra", "plugins", "theme")


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """The clean room: the generator as a user gets it, once per run.

    `python -m build` makes the sdist and, from it, the wheel, in its own isolated build
    environment; the wheel goes into a fresh virtual environment with every dependency resolved
    from the package index as a user's pip does (nothing of this repository or of the test
    environment on its path), and `pip check` finds nothing broken.
    Returns the environment; the wheel and sdist are in the `dist` folder beside it."""

    def make(base: Path) -> None:
        source = base / "source"
        source.mkdir()
        for name in PACKAGE_SOURCES:
            if (ROOT / name).is_dir():
                shutil.copytree(
                    ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy(ROOT / name, source / name)
        built = run(
            [sys.executable, "-m", "build", "--outdir", str(base / "dist"), str(source)], base
        )
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        venv = base / "venv"
        made = run([sys.executable, "-m", "venv", str(venv)], base)
        assert made.returncode == 0, made.stderr
        wheel = next((base / "dist").glob("skaidra-*.whl"))
        pip = [str(venv / "bin/python"), "-m", "pip", "--disable-pip-version-check"]
        installed = run([*pip, "install", "--quiet", str(wheel)], base)
        assert installed.returncode == 0, installed.stderr[-3000:]
        checked = run([*pip, "check"], base)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    return built_once(tmp_path_factory, "clean-room", make) / "venv"


@pytest.fixture
def english_messages(monkeypatch):
    """Messages in English whatever the site's language (SKAIDRA_MESSAGES=en), for tests that read them in English."""
    monkeypatch.setenv("SKAIDRA_MESSAGES", "en")
