"""Scaffolding: each kind gives a valid, commented file, with today's date and a slug; never overwrites."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from conftest import ROOT, ContentTree, skaidra
from skaidra.scaffold import ScaffoldError, new_file

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("kind", ["post", "event", "episode", "project"])
def test_each_kind_gives_a_valid_commented_file(content: ContentTree, kind):
    (content.root / "media/podcast").mkdir(parents=True)
    (content.root / "media/podcast/irasas.mp3").write_bytes((ROOT / "tests/fixtures/tiny.mp3").read_bytes())
    path = new_file(kind, "Ąžuolų sodinimas Šiauliuose", content.root, TODAY, audio="podcast/irasas.mp3")
    text = path.read_text(encoding="utf-8")
    assert "azuolu-sodinimas-siauliuose" in path.name
    assert "2026-11-26" in text
    assert text.count("#") >= 3  # commented
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert [p for p in run.problems if ": warning:" not in p] == []


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
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert list((content.root / "events").glob(f"{dt.date.today().isoformat()}-forumas-trakuose.md"))
    again = subprocess.run(["make", "-s", "new-event", f"INPUTDIR={content.root}", "TITLE=Forumas Trakuose"], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode != 0 and "already exists" in again.stderr
    untitled = subprocess.run(["make", "-s", "new-post", f"INPUTDIR={content.root}"], cwd=ROOT, capture_output=True, text=True)
    assert untitled.returncode != 0 and "Give a title" in untitled.stderr
