"""The generator installs with pip into a fresh virtual environment outside the repository, and
`skaidra init` there makes a site that builds and publishes at once, with the same bytes as the
repository's own build of the same content."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, html, run, skaidra_process
from skaidra import __version__
from skaidra.linkcheck import check_links


pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE = "https://bendruomene.example"


def skaidra_command(venv: Path, *args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run([str(venv / "bin/skaidra"), *args], cwd, env)


def test_the_installed_generator_has_no_path_into_the_repository(installed, tmp_path):
    found = run([str(installed / "bin/python"), "-c", "import skaidra, skaidra_core, skaidra.defaults as d; print(skaidra.__file__, d.THEME, d.PLUGIN_PATHS)"], tmp_path)
    assert found.returncode == 0, found.stderr
    assert str(ROOT) not in found.stdout and "[]" in found.stdout
    assert skaidra_command(installed, "--version", cwd=tmp_path).stdout.strip() == f"skaidra {__version__}"


def test_init_makes_a_site_that_builds_and_publishes_at_once(installed, tmp_path):
    started = skaidra_command(installed, "init", "bendruomene", "--title", "Bandomoji bendruomenė", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    site = tmp_path / "bendruomene"
    for name in ("content/site.yaml", "pelicanconf.py", "publishconf.py", "Makefile", "requirements.txt", "README.md",
                 ".github/workflows/pages.yml", ".gitlab-ci.yml", ".gitignore"):  # fmt: skip
        assert (site / name).is_file(), name
    assert f"skaidra=={__version__}" in (site / "requirements.txt").read_text(encoding="utf-8")
    # Rebuilt daily, so that "coming" events and project status follow the calendar.
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert [entry["cron"].split()[2:] for entry in workflow[True]["schedule"]] == [["*", "*", "*"]]
    pipeline = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in pipeline["pages"]["rules"]
    built = skaidra_command(installed, "html", cwd=site, env={"SOURCE_DATE_EPOCH": "1780000000"})
    assert built.returncode == 0, built.stderr
    assert html(site / "output/index.html").title.get_text() == "Bandomoji bendruomenė"
    # Every example is a draft: nothing invented is published.
    for never in ("naujienos/pirmoji-naujiena", "renginiai/pirmasis-renginys", "projektai/pavyzdys-1", "apie"):
        assert not (site / "output" / never).exists(), never
    published = skaidra_command(installed, "publish", cwd=site, env={"SITEURL": SITE, "SOURCE_DATE_EPOCH": "1780000000"})
    assert published.returncode == 0, published.stderr
    assert check_links(site / "output", SITE) == []
    again = skaidra_command(installed, "init", "bendruomene", cwd=tmp_path)
    assert again.returncode == 1 and "is not empty; nothing was written" in again.stderr


def test_the_installed_generator_publishes_the_same_bytes_as_the_repository(installed, tmp_path):
    content = tmp_path / "kopija"
    shutil.copytree(ROOT / "content", content)
    env = {"SITEURL": SITE, "SOURCE_DATE_EPOCH": "1780000000"}
    outside = skaidra_command(installed, "publish", "--input", str(content), "--output", str(tmp_path / "outside"), cwd=tmp_path, env=env)
    assert outside.returncode == 0, outside.stderr
    inside = skaidra_process("publish", "--input", str(content), "--output", str(tmp_path / "inside"), env=env)
    assert inside.code == 0, inside.err
    first = {p.relative_to(tmp_path / "outside"): p.read_bytes() for p in (tmp_path / "outside").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "inside"): p.read_bytes() for p in (tmp_path / "inside").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(name) for name in sorted(first) if first[name] != second[name]] == []


def test_the_package_declares_the_pins_of_requirements():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    building = requirements.split("# --- building the site ---", 1)[1].split("# ---", 1)[0]
    pins = {line.strip() for line in building.splitlines() if re.match(r"^[A-Za-z]", line)}
    assert set(declared["dependencies"]) == pins
    assert declared["version"] == __version__
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
