"""Scaffolding: each kind gives a valid, commented file, with today's date and a slug; never overwrites."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from conftest import ROOT, ContentTree, skaidra

from skaidra.scaffold import ScaffoldError, new_file

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("kind", ["post", "event", "episode", "project"])
def test_each_kind_gives_a_valid_commented_file(content: ContentTree, kind):
    (content.root / "media/podcast").mkdir(parents=True)
    (content.root / "media/podcast/irasas.mp3").write_bytes(
        (ROOT / "tests/fixtures/tiny.mp3").read_bytes()
    )
    path = new_file(
        kind, "Ąžuolų sodinimas Šiauliuose", content.root, TODAY, audio="podcast/irasas.mp3"
    )
    text = path.read_text(encoding="utf-8")
    assert "azuolu-sodinimas-siauliuose" in path.name
    assert "2026-11-26" in text
    assert text.count("#") >= 3  # commented
    assert re.search(
        r"^status: draft$", text, re.MULTILINE
    )  # nothing a scaffold holds is published as it is
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert [p for p in run.problems if ": warning:" not in p] == []
    assert any(
        "of the new-file template" in p for p in run.problems
    )  # the examples are pointed out


EXAMPLE = "still holds the example {!r} of the new-file template; write the real text, or delete the line if it is optional"


def published(path) -> None:
    """What an editor does who publishes a new file without replacing its examples."""
    text = path.read_text(encoding="utf-8")
    publish = "status: scheduled" if "/events/" in str(path) else ""
    path.write_text(
        text.replace("status: draft\n", publish + "\n" if publish else ""), encoding="utf-8"
    )


def test_a_new_project_published_with_its_examples_is_refused(content: ContentTree):
    path = new_file("project", "Ąžuolų sodinimas", content.root, TODAY)
    published(path)
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    where = str(path)
    assert (
        f"{where}:21: funding[0].amount: must be a number, got nothing" in run.problems
    )  # no invented amount
    assert (
        f"{where}:23: funding[0].programme: " + EXAMPLE.format("Programos pavadinimas")
        in run.problems
    )
    assert (
        f"{where}:27: funding[0].decision.number: " + EXAMPLE.format("Sprendimo numeris")
        in run.problems
    )
    assert f"{where}:30: goals[0]: " + EXAMPLE.format("Pirmasis tikslas.") in run.problems
    assert len([p for p in run.problems if "of the new-file template" in p]) == 8


def test_a_new_event_post_and_episode_published_with_their_examples_are_refused(
    content: ContentTree,
):
    (content.root / "media/podcast").mkdir(parents=True)
    (content.root / "media/podcast/irasas.mp3").write_bytes(
        (ROOT / "tests/fixtures/tiny.mp3").read_bytes()
    )
    event, post, episode = (
        new_file(kind, "Forumas", content.root, TODAY, audio="podcast/irasas.mp3")
        for kind in ("event", "post", "episode")
    )
    for path in (event, post, episode):
        published(path)
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert f"{event}:10: location.name: " + EXAMPLE.format("Vietos pavadinimas") in run.problems
    assert f"{event}:11: location.locality: " + EXAMPLE.format("Miestas") in run.problems
    assert f"{post}:7: summary: " + EXAMPLE.format("Trumpai apie tai, kas įvyko.") in run.problems
    assert f"{post}:17: body: " + EXAMPLE.format("Naujienos tekstas.") in run.problems
    transcript = content.root / "media/podcast/forumas.txt"
    assert (f"{episode}:9: transcript: {transcript} still holds the example text of the new-file template; "
            "write the full text there") in run.problems  # fmt: skip


def test_it_refuses_to_overwrite(content: ContentTree):
    first = new_file("post", "Labas", content.root, TODAY)
    first.write_text(first.read_text(encoding="utf-8") + "Mano tekstas.\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists; it was left as it is"):
        new_file("post", "Labas", content.root, TODAY)
    assert first.read_text(encoding="utf-8").endswith("Mano tekstas.\n")


def test_an_episode_needs_its_recording(content: ContentTree):
    with pytest.raises(ScaffoldError, match="no recording at content/media/podcast/nera.mp3"):
        new_file("episode", "Epizodas", content.root, TODAY, audio="podcast/nera.mp3")


def test_make_targets(content: ContentTree):
    made = subprocess.run(
        ["make", "-s", "new-event", f"INPUTDIR={content.root}", "TITLE=Forumas Trakuose"],
        cwd=ROOT, capture_output=True, text=True, check=False
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert list(
        (content.root / "events").glob(f"{dt.date.today().isoformat()}-forumas-trakuose.md")
    )
    again = subprocess.run(
        ["make", "-s", "new-event", f"INPUTDIR={content.root}", "TITLE=Forumas Trakuose"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode != 0 and "already exists" in again.stderr
    untitled = subprocess.run(
        ["make", "-s", "new-post", f"INPUTDIR={content.root}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert untitled.returncode != 0 and "Give a title" in untitled.stderr
