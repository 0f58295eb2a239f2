"""The web editor as editors use it: `skaidra edit` on a git copy of the sample, Decap CMS in Chromium.

Each save is a commit of the copy's repository; every test reads what was committed with git and
PyYAML, and builds or checks the content it left. Screenshots of the Lithuanian interface, and how long
a project of the sample takes to open, go to tests/artifacts/ (the guide's pictures are taken from there).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, html, skaidra
from test_browser import ARTIFACTS, AXE, CHROMIUM, FLAGS, WCAG

pytestmark = pytest.mark.browser

EDITOR = "editor:\n  backend: gitlab\n  repo: bendruomene/svetaine\n  app_id: 0123456789abcdef\n"
VENUES = """\
- id: bendruomenes-namai
  name: Bendruomenės namai
  locality: Karklė
  country: LT
  accessibility:
    lt: Įėjimas be laiptų.
    en: Step-free entrance.
"""
PICTURE = ROOT / "content" / "media" / "skaidra-kortele.png"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


@dataclass
class Editing:
    root: Path
    base: str  # the editor's site, as Decap expects it: on localhost
    backend_port: int
    process: subprocess.Popen
    warnings_before: set[str]

    @property
    def content(self) -> Path:
        return self.root / "content"

    def commits(self) -> int:
        return int(git(self.root, "rev-list", "--count", "HEAD"))

    def wait_for_commit(self, before: int, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while self.commits() == before:
            assert time.monotonic() < deadline, "the editor made no commit"
            time.sleep(0.2)
        time.sleep(0.3)  # git's own files settle

    def at(self, revision: str, path: str):
        return yaml.safe_load(git(self.root, "show", f"{revision}:{path}"))


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.3)


def start_editing(root: Path) -> Editing:
    """`skaidra edit` in a site folder whose repository is `root`, on free ports."""
    port, backend_port = free_port(), free_port()
    log = (
        root.parent / f"{root.name}-edit.log"
    )  # outside the repository, which the editor commits whole
    with log.open(
        "w"
    ) as said:  # a file, not a pipe: a pipe nobody reads would stop the process once full
        process = subprocess.Popen(
            [sys.executable, "-m", "skaidra", "edit", "--port", str(port), "--backend-port", str(backend_port)],
            cwd=root, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=said, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://localhost:{port}/"
    try:
        wait_for(f"{base}admin/config.yml")
        wait_for_backend(backend_port)
    except AssertionError:
        process.kill()
        raise AssertionError(log.read_text()) from None
    return Editing(
        root,
        base,
        backend_port,
        process,
        {without_line(p) for p in skaidra("check", "--input", str(root / "content")).problems},
    )


def stop(editing: Editing, how: int = signal.SIGINT) -> None:
    """Ctrl+C, as an editor stops it (or SIGTERM, as a process manager does)."""
    if editing.process.poll() is None:
        editing.process.send_signal(how)
        editing.process.wait(timeout=30)


def site_repository(root: Path, content: Path) -> None:
    """A copy of `content` with an editor and a venue, committed to a new git repository at `root`."""
    subprocess.run(["cp", "-r", str(content), str(root / "content")], check=True)
    with (root / "content" / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write(EDITOR)
    (root / "content" / "data" / "venues.yaml").write_text(VENUES, encoding="utf-8")
    (root / ".gitignore").write_text("output/\n.skaidra-cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Redaktorė")
    git(root, "config", "user.email", "redaktore@skaidra.example")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Pradžia")


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """`skaidra edit` on a git repository holding a copy of the sample (with an editor and a venue)."""
    root = tmp_path_factory.mktemp("editing")
    site_repository(root, ROOT / "content")
    editing = start_editing(root)
    yield editing
    stop(editing)


def wait_for_backend(port: int, timeout: float = 120) -> None:
    """decap-server answers its `info` action (on first use it is installed by npm first)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(f"http://localhost:{port}/api/v1", data=b'{"action":"info"}',
                                             headers={"Content-Type": "application/json"})  # fmt: skip
            with urllib.request.urlopen(request, timeout=2) as answer:
                assert json.load(answer)["type"] == "local_git"
                return
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, "the local git backend never answered"
            time.sleep(0.3)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, editing):
    """A fresh tab, signed in to the local backend."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{editing.base}admin/")
    tab.get_by_role(
        "button", name="Prisijungti"
    ).click()  # the interface speaks the site's language
    tab.wait_for_selector("text=Projektai")
    yield tab
    context.close()


def open_entry(page, editing: Editing, collection: str, entry: str) -> None:
    page.goto(f"{editing.base}admin/#/collections/{collection}/entries/{entry}")
    page.wait_for_selector("[id^=title-field-], [id^=name-field-], [id^=items-field-]")


def control(page, name: str, index: int = 0):
    """The input of the `index`-th field called `name` on the open entry."""
    return page.locator(f"input[id^={name}-field-], textarea[id^={name}-field-]").nth(index)


def expand(page, name: str) -> None:
    """Open the first item of the list field `name` (Decap shows list items collapsed)."""
    page.locator(f"[id^={name}-field-] [class*=StyledListItemTopBar] > button").first.click()


def publish(page) -> None:
    page.get_by_role("button", name="Publikuoti", exact=True).click()
    page.get_by_text("Skelbti naują").click()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"editor-{name}.png"))


def check_is_clean(editing: Editing) -> None:
    """`skaidra check` passes, with no warning the sample did not have before the editor saved."""
    run = skaidra("check", "--input", str(editing.content))
    assert run.code == 0, run.err
    assert {without_line(p) for p in run.problems} <= editing.warnings_before, run.err


def without_line(problem: str) -> str:
    """A problem without its line: a save that drops a file's comments moves the lines below them."""
    return re.sub(r":\d+:", ":", problem, count=1)


def test_the_editors_pages_have_no_accessibility_failure_of_ours(browser, editing):
    """axe-core's WCAG 2.1 A/AA rules on the list and an entry page. What is ours (the page, its language and
    title, the labels and hints the config gives) must pass; Decap's own markup is recorded for the note."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.goto(f"{editing.base}admin/")
    shoot(tab, "login")
    tab.get_by_role("button", name="Prisijungti").click()
    tab.wait_for_selector("text=Projektai")
    tab.goto(f"{editing.base}admin/#/collections/projects")
    tab.wait_for_selector("text=LKBS institucinių gebėjimų stiprinimas 2023 m.")
    shoot(tab, "projects")  # first in the module: the sample as it is, before any test edits it
    found = {"list": run_axe(tab)}
    open_entry(tab, editing, "projects", "lkbs-2023")
    found["entry"] = run_axe(tab)
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "editor-axe.json").write_text(
        json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    ours = {"html-has-lang", "html-lang-valid", "document-title", "meta-viewport", "valid-lang"}
    assert [v for page in found.values() for v in page if v["id"] in ours] == []


def test_a_grant_amount_changed_in_the_form_is_one_commit_of_that_amount(page, editing):
    path = "content/data/projects/lkbs-2023.yaml"
    before, head = editing.commits(), git(editing.root, "rev-parse", "HEAD").strip()
    started = time.monotonic()
    open_entry(page, editing, "projects", "lkbs-2023")
    expand(page, "funding")
    amount = control(page, "amount")
    assert amount.input_value() == "20000"
    amount.fill("20500")
    shoot(page, "project")
    publish(page)
    editing.wait_for_commit(before)
    assert editing.commits() == before + 1
    assert (
        git(editing.root, "log", "-1", "--format=%s").strip() == "Pakeista: Projektai “lkbs-2023”"
    )
    assert git(editing.root, "diff", "--name-only", head, "HEAD").split() == [path]
    old, new = editing.at(head, path), editing.at("HEAD", path)
    assert str(new["funding"][0]["amount"]) == "20500"
    new["funding"][0]["amount"] = old["funding"][0]["amount"]
    assert new == old  # nothing else changed (key order and quoting may)
    check_is_clean(editing)
    assert time.monotonic() - started < 60


def test_an_amount_with_a_thousands_separator_is_refused_before_saving(page, editing):
    before = editing.commits()
    open_entry(page, editing, "projects", "lkbs-2023")
    expand(page, "funding")
    control(page, "amount").fill("20.000")
    page.get_by_role("button", name="Publikuoti", exact=True).click()
    page.get_by_text("Skelbti naują").click()
    error = page.get_by_text("tik skaitmenys, be tūkstančių skyriklių")
    error.first.wait_for()
    shoot(page, "refused-amount")
    time.sleep(1)
    assert editing.commits() == before


def test_a_news_post_with_a_picture_is_committed_and_shown(page, editing, tmp_path):
    before, head = editing.commits(), git(editing.root, "rev-parse", "HEAD").strip()
    page.goto(f"{editing.base}admin/#/collections/posts/new")
    page.wait_for_selector("[id^=title-field-]")
    control(page, "title").fill("Bendruomenės talka")
    control(page, "date").fill("2024-05-18")
    page.get_by_role("button", name="Pasirinkti vaizdą").click()
    picture = tmp_path / "talka.png"
    picture.write_bytes(PICTURE.read_bytes())
    page.locator("input[type=file]").set_input_files(str(picture))
    page.get_by_role("button", name="Pasirinkti parinktus").click()
    body = page.locator("[data-slate-editor]").first
    body.click()
    page.keyboard.type("Sekmadienį bendruomenė tvarkė parką.")
    # without the picture's description the save is refused, and nothing is committed
    publish(page)
    page.get_by_text("parašykite, kas pavaizduota").first.wait_for()
    assert editing.commits() == before
    control(page, "image_alt").fill("Talkos dalyviai parke")
    shoot(page, "new-post")
    publish(page)
    editing.wait_for_commit(before)
    changed = sorted(git(editing.root, "diff", "--name-only", head, "HEAD").split())
    assert "content/media/talka.png" in changed
    post = next(name for name in changed if name.startswith("content/posts/"))
    text = (editing.root / post).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert (front["title"], front["image"], front["image_alt"]) == (
        "Bendruomenės talka",
        "media/talka.png",
        "Talkos dalyviai parke",
    )
    assert "Sekmadienį bendruomenė tvarkė parką." in text.split("---", 2)[2]
    check_is_clean(editing)
    output = tmp_path / "out"
    build(editing.content, output)
    article = next(output.joinpath("naujienos").glob("*talka*/index.html"))
    picture_tag = html(article).find("img", alt="Talkos dalyviai parke")
    assert picture_tag is not None and "talka" in picture_tag["src"]


def test_an_event_takes_a_venue_from_the_list(page, editing):
    path = "content/events/2023-09-14-vaiko-teisiu-forumas.md"
    before, head = editing.commits(), git(editing.root, "rev-parse", "HEAD").strip()
    old = front_matter(git(editing.root, "show", f"HEAD:{path}"))
    assert isinstance(old["location"], dict)  # a place written out
    open_entry(page, editing, "events", "2023-09-14-vaiko-teisiu-forumas")
    place = page.locator("select[id^=location-field-]")
    assert place.input_value() == "\u0000other"
    assert (
        page.locator("input[id$=-name][id^=location-field-]").input_value()
        == old["location"]["name"]
    )
    place.select_option("bendruomenes-namai")
    place.scroll_into_view_if_needed()
    shoot(page, "event-venue")
    publish(page)
    editing.wait_for_commit(before)
    new = front_matter((editing.root / path).read_text(encoding="utf-8"))
    assert new["location"] == "bendruomenes-namai"
    del new["location"], old["location"]
    assert new == old
    check_is_clean(editing)
    assert git(editing.root, "diff", "--name-only", head, "HEAD").split() == [path]


# One entry of every kind: its first name or title changed in the form and saved. The file must read back
# to the same values but that one, and the site must still check clean.
KINDS = [
    (
        "posts",
        "2023-04-12-konfederacijos-planai",
        "content/posts/2023-04-12-konfederacijos-planai.md",
        None,
    ),
    ("pages", "apie", "content/pages/apie.md", None),
    (
        "events",
        "2023-06-16-kaimo-bendruomeniu-saskrydis",
        "content/events/2023-06-16-kaimo-bendruomeniu-saskrydis.md",
        None,
    ),
    (
        "podcast",
        "01-bendradarbiavimo-patirtis",
        "content/podcast/01-bendradarbiavimo-patirtis.md",
        None,
    ),
    ("projects", "nvo-vaikams-2023", "content/data/projects/nvo-vaikams-2023.yaml", None),
    ("organisations", "organisations", "content/data/organisations.yaml", "items"),
    ("funders", "funders", "content/data/funders.yaml", "items"),
    ("venues", "venues", "content/data/venues.yaml", "items"),
    ("site", "site", "content/site.yaml", None),
]


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---")[1]) if text.startswith("---") else yaml.safe_load(text)


@pytest.mark.parametrize("collection, entry, path, listed", KINDS, ids=[kind[0] for kind in KINDS])
def test_what_the_editor_saves_of_every_kind_reads_back_the_same(
    page, editing, collection, entry, path, listed
):
    before, head = editing.commits(), git(editing.root, "rev-parse", "HEAD").strip()
    old = front_matter(git(editing.root, "show", f"HEAD:{path}"))
    open_entry(page, editing, collection, entry)
    if listed:
        expand(page, listed)
    name = "name" if listed else "title"
    field = control(page, name)
    field.fill(field.input_value() + " (taisyta)")
    publish(page)
    editing.wait_for_commit(before)
    new = front_matter((editing.root / path).read_text(encoding="utf-8"))
    if listed:
        assert new[0][name] == old[0][name] + " (taisyta)"
        new[0][name] = old[0][name]
    else:
        assert new[name] == old[name] + " (taisyta)"
        new[name] = old[name]
    assert new == old
    if path.endswith(".md"):  # the body too
        assert (
            git(editing.root, "show", f"HEAD:{path}").split("---", 2)[2].strip()
            == git(editing.root, "show", f"{head}:{path}").split("---", 2)[2].strip()
        )
    check_is_clean(editing)


def test_the_sample_project_opens_with_all_its_lists(browser, editing):
    """Timed in Chromium: from following the link to every field of the biggest project of the sample ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{editing.base}admin/")
    tab.get_by_role("button", name="Prisijungti").click()
    tab.wait_for_selector("text=Projektai")
    started = time.monotonic()
    open_entry(tab, editing, "projects", "nvo-vaikams-2023")
    tab.locator("[id^=activities-field-]").first.wait_for()
    tab.locator("[id^=translations-field-]").last.wait_for(state="attached")
    seconds = time.monotonic() - started
    fields = tab.locator("[id$=-field-0], [id*=-field-]").count()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "editor-timing.json").write_text(json.dumps({"project": "nvo-vaikams-2023", "seconds": round(seconds, 2),
                                                              "fields": fields}), encoding="utf-8")  # fmt: skip
    context.close()
    assert fields > 100


def run_axe(tab) -> list[dict]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [
        {"id": v["id"], "help": v["help"], "nodes": len(v["nodes"])} for v in result["violations"]
    ]


def test_the_local_backend_answers_only_the_editor_on_this_computer(editing):
    request = urllib.request.Request(
        f"http://localhost:{editing.backend_port}/api/v1", data=b'{"action":"info"}',
        headers={"Content-Type": "application/json", "Origin": "https://kitas.example"},
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    port = f"{editing.backend_port:04X}"
    addresses = {
        line.split()[1].split(":")[0]
        for line in listening
        if line.split()[1].endswith(f":{port}") and line.split()[3] == "0A"
    }
    assert addresses == {"0100007F"}  # 127.0.0.1 only


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_skaidra_edit_stops_both(tmp_path, how):
    """Ctrl+C (or SIGTERM) ends the devserver and the local backend together, even where the test runner started
    it with Ctrl+C ignored, as a background job is."""
    site_repository(tmp_path, ROOT / "content")
    editing = start_editing(tmp_path)
    stop(editing, how)
    assert editing.process.returncode in (0, 130)
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        urllib.request.urlopen(f"http://localhost:{editing.backend_port}/api/v1", timeout=2)
