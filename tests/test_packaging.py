"""The generator installs with pip into a fresh virtual environment outside the repository, and
`skaidra init` there makes a site that builds and publishes at once, with the same bytes as the
repository's own build of the same content."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from conftest import ROOT, html, run, skaidra_process

from skaidra import __version__
from skaidra.linkcheck import check_links

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE = "https://bendruomene.example"


def skaidra_command(
    venv: Path, *args: str, cwd: Path, env: dict | None = None
) -> subprocess.CompletedProcess:
    return run([str(venv / "bin/skaidra"), *args], cwd, env)


def test_the_installed_generator_has_no_path_into_the_repository(installed, tmp_path):
    found = run(
        [
            str(installed / "bin/python"),
            "-c",
            "import skaidra, skaidra_core, skaidra.defaults as d; print(skaidra.__file__, d.THEME, d.PLUGIN_PATHS)",
        ],
        tmp_path,
    )
    assert found.returncode == 0, found.stderr
    assert str(ROOT) not in found.stdout and "[]" in found.stdout
    assert (
        skaidra_command(installed, "--version", cwd=tmp_path).stdout.strip()
        == f"skaidra {__version__}"
    )


def init_site(venv: Path, folder: Path, *extra: str) -> tuple[Path, subprocess.CompletedProcess]:
    started = skaidra_command(
        venv, "init", "bendruomene", "--title", "Bandomoji bendruomenė", *extra, cwd=folder
    )
    assert started.returncode == 0, started.stderr
    return folder / "bendruomene", started


def test_init_makes_a_site_whose_requirement_is_the_generator_it_came_from(installed, tmp_path):
    site, started = init_site(installed, tmp_path)
    for name in ("content/site.yaml", "pelicanconf.py", "publishconf.py", "Makefile", "requirements.txt", "README.md",
                 ".github/workflows/pages.yml", ".gitlab-ci.yml", ".gitignore"):  # fmt: skip
        assert (site / name).is_file(), name
    wheel = next((installed.parent / "dist").glob("skaidra-*.whl"))
    lines = [
        line
        for line in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert lines == [f"skaidra @ {wheel.as_uri()}"]  # PEP 610: the very file pip installed
    # A file only this computer has: init says so, and the README says what to write instead.
    assert f"Skaidra was installed from {wheel}, which only this computer has" in started.stderr
    assert f"skaidra=={__version__}" in (site / "README.md").read_text(encoding="utf-8")
    # Rebuilt daily, so that "coming" events and project status follow the calendar.
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert [entry["cron"].split()[2:] for entry in workflow[True]["schedule"]] == [["*", "*", "*"]]
    pipeline = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in pipeline["pages"]["rules"]
    again = skaidra_command(installed, "init", "bendruomene", cwd=tmp_path)
    assert again.returncode == 1 and "is not empty; nothing was written" in again.stderr


def workflow_commands(site: Path, address: str) -> list[tuple[str, dict]]:
    """The shell commands the site's GitHub and GitLab workflows run, in order, with their variables."""
    github = yaml.safe_load((site / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    commands = []
    for job in github["jobs"].values():
        for step in job["steps"]:
            if "run" in step:
                env = {
                    key: re.sub(r"\$\{\{.*?\}\}", address, value)
                    for key, value in (step.get("env") or {}).items()
                }
                commands.append((step["run"], env))
    gitlab = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    commands += [(line, {"CI_PAGES_URL": address}) for line in gitlab["pages"]["script"]]
    return commands


def git(folder: Path, *args: str) -> str:
    done = run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], folder)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_init_sites_own_make_and_workflows_install_the_generator_and_build(installed, tmp_path):
    """What the site's README and its CI run, in a fresh environment the site makes from its requirement;
    the identifiers the publish recorded are committed back to the repository."""
    site, _ = init_site(installed, tmp_path)
    made_public(site)
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    git(site, "init", "--quiet", "--initial-branch=main")
    git(site, "add", "-A")
    git(site, "commit", "--quiet", "-m", "A new site")
    git(site, "remote", "add", "origin", str(origin))
    git(site, "push", "--quiet", "origin", "main")
    env = {
        "SOURCE_DATE_EPOCH": "1780000000"
    }  # PATH has no Skaidra: the site's Makefile installs its own
    made = run(["make", "html"], site, env)
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    assert html(site / "output/index.html").title.get_text() == "Bandomoji bendruomenė"
    same = run([str(site / ".venv/bin/python"), "-m", "pip", "show", "--files", "skaidra"], site)
    assert f"Version: {__version__}" in same.stdout
    for command, variables in workflow_commands(site, SITE):
        done = run(["bash", "-e", "-c", command], site, {**env, **variables})
        assert done.returncode == 0, f"{command}: {done.stderr[-2000:]}"
    assert (
        html(site / "public/index.html").title.get_text() == "Bandomoji bendruomenė"
    )  # GitLab's folder
    assert check_links(site / "public", SITE) == []
    assert (
        git(origin, "log", "-1", "--format=%s", "main").strip()
        == "Record the identifiers of published events and episodes"
    )
    registry = json.loads(git(origin, "show", "main:content/.skaidra/identities.json"))
    assert (
        registry["events"]["events/pirmasis-renginys.md"]["id"]
        == "pirmasis-renginys@bendruomene.example"
    )


def made_public(site: Path) -> None:
    """What a new organisation does with the drafts: its own organisation and funder, the address, every draft
    published (the episode waits for a recording and a podcast channel)."""
    content = site / "content"
    for name in ("organisations.yaml", "funders.yaml"):
        path = content / "data" / name
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = [line[2:] for line in lines if line.startswith(("# - ", "#   "))]
        path.write_text("\n".join(entries) + "\n", encoding="utf-8")
    site_file = content / "site.yaml"
    site_file.write_text(
        site_file.read_text(encoding="utf-8").replace(
            "# url: https://jusu-organizacija.lt/", f"url: {SITE}/"
        ),
        encoding="utf-8",
    )
    for path in content.rglob("*"):
        if path.suffix in (".md", ".yaml") and "podcast" not in path.parts:
            text = path.read_text(encoding="utf-8").replace("status: draft\n", "")
            path.write_text(
                text.replace("Programos pavadinimas", "Socialinių paslaugų plėtra"),
                encoding="utf-8",
            )


def uncommented(text: str, key: str, inner: tuple[str, ...]) -> str:
    """site.yaml with the commented example of `key` (and its `inner` keys) written in."""
    text = text.replace(f"\n# {key}:\n", f"\n{key}:\n")
    for name in inner:
        text = text.replace(f"\n#   {name}:", f"\n  {name}:")
    return text


def test_an_init_site_with_its_drafts_made_public_publishes(installed, tmp_path):
    site, _ = init_site(installed, tmp_path)
    refused = skaidra_command(installed, "publish", cwd=site)
    assert refused.returncode == 1
    assert re.search(
        r"^content/site.yaml:\d+: url: the site has no address to publish at",
        refused.stderr,
        re.MULTILINE,
    ), refused.stderr
    assert not (site / "output").exists()
    assert "Feeds generated without SITEURL" not in refused.stderr  # only the site's own words
    made_public(site)
    site_file = (
        site / "content" / "site.yaml"
    )  # and its web editor, from the installed generator's own files
    site_file.write_text(
        uncommented(site_file.read_text(encoding="utf-8"), "editor", ("backend", "repo", "app_id")),
        encoding="utf-8",
    )
    checked = skaidra_command(installed, "check", cwd=site)
    assert checked.returncode == 0 and "error" not in checked.stderr, checked.stderr
    published = skaidra_command(
        installed, "publish", cwd=site, env={"SOURCE_DATE_EPOCH": "1780000000"}
    )
    assert published.returncode == 0, published.stderr
    assert (
        "Feeds generated without SITEURL" not in published.stderr
    )  # the address is site.yaml's url
    output = site / "output"
    assert check_links(output, SITE) == []
    project = html(output / "projektai/pavyzdys-1/index.html")
    assert project.h1.get_text(strip=True) == "Pavyzdinis projektas"
    assert (output / "naujienos/pirmoji-naujiena/index.html").is_file()
    calendar = icalendar.Calendar.from_ical((output / "calendar.ics").read_bytes())
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [
        "pirmasis-renginys@bendruomene.example"
    ]  # url's host
    feed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    assert feed.entries and all(e.link.startswith(SITE + "/") for e in feed.entries)
    editor = yaml.safe_load((output / "admin/config.yml").read_text(encoding="utf-8"))
    assert (editor["backend"]["repo"], editor["locale"]) == ("jusu-organizacija/svetaine", "lt")
    assert [s["src"] for s in html(output / "admin/index.html").find_all("script")] == [
        "manual-init.js",
        "decap/decap-cms.js",
        "skaidra-editor.js",
    ]
    assert (output / "admin/decap/decap-cms.js").stat().st_size > 1_000_000 and (
        output / "admin/yaml/index.js"
    ).is_file()


def test_the_installed_generator_publishes_the_same_bytes_as_the_repository(installed, tmp_path):
    content = tmp_path / "kopija"
    shutil.copytree(ROOT / "content", content)
    env = {"SITEURL": SITE, "SOURCE_DATE_EPOCH": "1780000000"}
    outside = skaidra_command(
        installed,
        "publish",
        "--input",
        str(content),
        "--output",
        str(tmp_path / "outside"),
        cwd=tmp_path,
        env=env,
    )
    assert outside.returncode == 0, outside.stderr
    inside = skaidra_process(
        "publish", "--input", str(content), "--output", str(tmp_path / "inside"), env=env
    )
    assert inside.code == 0, inside.err
    first = {
        p.relative_to(tmp_path / "outside"): p.read_bytes()
        for p in (tmp_path / "outside").rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(tmp_path / "inside"): p.read_bytes()
        for p in (tmp_path / "inside").rglob("*")
        if p.is_file()
    }
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


WORKFLOWS = [ROOT / ".github/workflows", ROOT / "skaidra/site_template/github/workflows"]


def test_every_workflow_passes_actionlint(tmp_path):
    files = [path for folder in WORKFLOWS for path in sorted(folder.glob("*.yml"))]
    assert len(files) >= 3
    actionlint = Path(sys.executable).parent / "actionlint"
    checked = run([str(actionlint), "-no-color", *map(str, files)], tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(
        files[0]
        .read_text(encoding="utf-8")
        .replace("actions/checkout@v4", "actions/checkout@v4\n        with: {fetch-dept: 0}", 1),
        encoding="utf-8",
    )
    assert run([str(actionlint), str(broken)], tmp_path).returncode == 1  # it does read them


@pytest.mark.parametrize(
    "pipeline", [ROOT / ".gitlab-ci.yml", ROOT / "skaidra/site_template/gitlab-ci.yml"]
)
def test_gitlab_fetches_the_whole_history(pipeline):
    """GitLab clones 20 commits by default: a site's change history and dateModified need them all."""
    assert (
        str(yaml.safe_load(pipeline.read_text(encoding="utf-8"))["variables"]["GIT_DEPTH"]) == "0"
    )


COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize("direct_url, requirement, local", [
    (None, f"skaidra=={__version__}", ""),  # from the package index
    ({"url": "https://github.com/ngo/skaidra.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v1"}},
     f"skaidra @ git+https://github.com/ngo/skaidra.git@{COMMIT}", ""),
    ({"url": "file:///home/ana/skaidra", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
     f"skaidra @ git+file:///home/ana/skaidra@{COMMIT}", "/home/ana/skaidra"),
    ({"url": "https://example.org/skaidra-0.2.0.tar.gz", "archive_info": {"hashes": {"sha256": "ab12"}}},
     "skaidra @ https://example.org/skaidra-0.2.0.tar.gz#sha256=ab12", ""),
    ({"url": "file:///home/ana/Skaidra%20kopija", "dir_info": {"editable": True}},
     "skaidra @ file:///home/ana/Skaidra%20kopija", "/home/ana/Skaidra kopija"),
])  # fmt: skip
def test_the_requirement_names_the_source_pip_recorded(direct_url, requirement, local):
    from skaidra.provenance import source_of

    source = source_of(direct_url)
    assert (source.requirement, source.local_path, source.portable) == (
        requirement,
        local,
        not local,
    )


def test_init_speaks_the_new_sites_first_language(tmp_path, monkeypatch):
    from conftest import skaidra

    monkeypatch.delenv("SKAIDRA_MESSAGES")  # the site's language decides
    english = skaidra("init", str(tmp_path / "english"), "--language", "en")
    assert english.code == 0, english.err
    assert "languages: [en, lt]" in (tmp_path / "english/content/site.yaml").read_text(
        encoding="utf-8"
    )
    assert "Started a site in" in english.err and "Svetainė pradėta" not in english.err
    lithuanian = skaidra("init", str(tmp_path / "lietuviska"))
    assert "languages: [lt, en]" in (tmp_path / "lietuviska/content/site.yaml").read_text(
        encoding="utf-8"
    )
    assert "Svetainė pradėta" in lithuanian.err
    pages = {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
        for p in (tmp_path / "english/content/pages").glob("*.md")
    }
    assert {name: meta["role"] for name, meta in pages.items()} == {
        "apie.md": "about",
        "prieinamumas.md": "accessibility",
        "privatumas.md": "privacy",
    }


def test_help_speaks_of_sites_not_of_the_makefile(installed, tmp_path):
    helped = skaidra_command(installed, "--help", cwd=tmp_path)
    assert helped.returncode == 0
    assert (
        "Makefile calls" not in helped.stdout and "INPUTDIR" not in helped.stdout
    )  # what a user types, not the Makefile
    assert "skaidra init my-site" in helped.stdout
    html_help = skaidra_command(installed, "html", "--help", cwd=tmp_path)
    assert (
        "INPUTDIR" not in html_help.stdout
        and "the content folder (default: content)" in html_help.stdout
    )


PREVIOUS = (
    "b8704470af6c20bb240723ff148453421b57e66f"  # 0.2.0, the last version that landed before 0.3.0
)


def test_a_site_made_by_the_previous_version_upgrades_as_the_guide_and_changelog_say(
    installed, tmp_path
):
    """0.2.0, built from the repository's history and installed with its dependencies from the index, makes a
    site; then the guide's "Take a newer Skaidra": the new generator in requirements.txt, `pip install -r`,
    `skaidra check` and `skaidra html`; and what the changelog asks of a 0.2.0 site (page roles)."""
    source = tmp_path / "previous"
    source.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", PREVIOUS, "pyproject.toml", "README.md", "skaidra", "plugins", "theme"],
                             capture_output=True, check=False)  # fmt: skip
    assert archive.returncode == 0, (
        f"the history holds no {PREVIOUS} (a shallow clone?): {archive.stderr.decode()}"
    )
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    built = run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(source)],
        tmp_path,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    old_wheel = next((tmp_path / "dist").glob("skaidra-0.2.0-*.whl"))
    assert (
        run(
            [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", str(old_wheel)], tmp_path
        ).returncode
        == 0
    )
    assert skaidra_command(venv, "--version", cwd=tmp_path).stdout.strip() == "skaidra 0.2.0"
    site, _ = init_site(venv, tmp_path)
    # The upgrade, as the guide says it: the new version in requirements.txt, then its three commands.
    new_wheel = next((installed.parent / "dist").glob("skaidra-*.whl"))
    (site / "requirements.txt").write_text(f"skaidra @ {new_wheel.as_uri()}\n", encoding="utf-8")
    upgraded = run(
        [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
        site,
    )
    assert upgraded.returncode == 0, upgraded.stderr[-2000:]
    assert skaidra_command(venv, "--version", cwd=site).stdout.strip() == f"skaidra {__version__}"
    checked = skaidra_command(venv, "check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    assert (
        "no page says 'role: about'" in checked.stderr
    )  # what the changelog says a 0.2.0 site must add
    about = site / "content/pages/apie.md"
    about.write_text(
        about.read_text(encoding="utf-8").replace("status: draft\n", "role: about\n"),
        encoding="utf-8",
    )
    checked = skaidra_command(venv, "check", cwd=site)
    assert checked.returncode == 0 and "role: about" not in checked.stderr, checked.stderr
    built_site = skaidra_command(venv, "html", cwd=site, env={"SOURCE_DATE_EPOCH": "1780000000"})
    assert built_site.returncode == 0, built_site.stderr
    footer = html(site / "output/index.html").select("footer .sk-footer__links a")
    assert "/apie-mus/" in [a["href"] for a in footer]  # linked by its role, whatever its slug
