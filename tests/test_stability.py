"""Reproducible builds, and identities that survive edits to titles, dates and file names."""

from __future__ import annotations

import csv
import io
import json
import shutil

import icalendar
from conftest import ROOT, build
from lxml import etree
from skaidra_model.html_policy import AHEAD_FROM

EPOCH = {"SOURCE_DATE_EPOCH": "1780000000"}


def tree_bytes(folder) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_builds_of_the_same_content_are_byte_identical(sample_output, tmp_path):
    again = tmp_path / "again"
    build(ROOT / "content", again, env=EPOCH)
    first, second = tree_bytes(sample_output), tree_bytes(again)
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    for must in (
        "feeds/podcast.xml",
        "feeds/all.atom.xml",
        "calendar.ics",
        "data/360giving.json",
        "sitemap.xml",
    ):
        assert must in first


def identities(output) -> dict:
    calendar = icalendar.Calendar.from_ical((output / "calendar.ics").read_bytes())
    feed = etree.fromstring((output / "feeds/podcast.xml").read_bytes())
    rows = csv.DictReader(io.StringIO((output / "data/grants.csv").read_text(encoding="utf-8-sig")))
    giving = json.loads((output / "data/360giving.json").read_text(encoding="utf-8"))
    return {
        "uids": sorted(str(e["UID"]) for e in calendar.walk("VEVENT")),
        "guids": sorted(i.findtext("guid") for i in feed.iter("item")),
        "podcast": feed.findtext("channel/{https://podcastindex.org/namespace/1.0}guid"),
        "grants": sorted(r["grant_id"] for r in rows),
        "giving": sorted(g["id"] for g in giving["grants"]),
        "projects": sorted(
            p["url"] for p in json.loads((output / "data/projects.json").read_text())["projects"]
        ),
    }


def test_identities_survive_edited_titles_dates_and_renamed_files(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.rmtree(content / ".skaidra")  # start as a site that was never built
    before = tmp_path / "before"
    build(content, before, env=EPOCH)
    assert (content / ".skaidra/identities.json").exists()

    forum = content / "events/2023-09-14-vaiko-teisiu-forumas.md"
    text = forum.read_text(encoding="utf-8").replace(
        'title: "10-asis kasmetinis forumas', 'title: "Dešimtasis kasmetinis forumas'
    )
    forum.unlink()
    (content / "events/forumas-vilniuje.md").write_text(text, encoding="utf-8")
    translation = (
        content / "events/2023-09-14-vaiko-teisiu-forumas.en.md"
    )  # its translation follows the new name
    translation.write_text(
        translation.read_text(encoding="utf-8").replace(
            "slug: 2023-09-14-vaiko-teisiu-forumas", "slug: forumas-vilniuje"
        ),
        encoding="utf-8",
    )
    gathering = content / "events/2023-06-16-kaimo-bendruomeniu-saskrydis.md"
    gathering.write_text(
        gathering.read_text(encoding="utf-8").replace("end: 2023-06-18", "end: 2023-06-19"),
        encoding="utf-8",
    )
    episode = content / "podcast/01-bendradarbiavimo-patirtis.md"
    text = episode.read_text(encoding="utf-8").replace(
        "date: 2023-12-15 10:00", "date: 2023-12-18 09:30"
    )
    episode.unlink()
    (content / "podcast/bendradarbiavimas.md").write_text(text, encoding="utf-8")
    translation = content / "podcast/01-bendradarbiavimo-patirtis.en.md"
    translation.write_text(
        translation.read_text(encoding="utf-8").replace(
            "slug: 01-bendradarbiavimo-patirtis", "slug: bendradarbiavimas"
        ),
        encoding="utf-8",
    )
    project = content / "data/projects/lkbs-2023.yaml"
    text = project.read_text(encoding="utf-8").replace(
        "title: LKBS institucinių gebėjimų stiprinimas 2023 m.", "title: LKBS stiprinimas"
    )
    project.unlink()
    (content / "data/projects/lkbs.yaml").write_text(text, encoding="utf-8")

    after = tmp_path / "after"
    build(content, after, env={"SOURCE_DATE_EPOCH": "1790000000"})
    assert identities(after) == identities(before)
    assert (
        after / "renginiai/forumas-vilniuje/index.html"
    ).exists()  # the page moved; its UID did not


def test_a_new_event_with_an_old_title_gets_its_own_uid(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    build(content, tmp_path / "one", env=EPOCH)
    old = content / "events/2023-09-14-vaiko-teisiu-forumas.md"
    next_year = old.read_text(encoding="utf-8").replace("start: 2023-09-14", "start: 2024-09-12")
    next_year = next_year.replace("vyko 2023 m. rugsėjo 14 d.", "vyks 2024 m. rugsėjo 12 d.")
    old.unlink()  # last year's file removed, this year's added with the same title
    (content / "events/2024-forumas.md").write_text(
        next_year.split("\n---\n")[0] + "\n---\nNaujas aprašymas.\n", encoding="utf-8"
    )
    build(content, tmp_path / "two", env=EPOCH)
    calendar = icalendar.Calendar.from_ical((tmp_path / "two/calendar.ics").read_bytes())
    assert "2024-forumas@skaidra.example" in {str(e["UID"]) for e in calendar.walk("VEVENT")}


def test_pages_rendered_on_several_cores_are_those_one_process_renders(tmp_path):
    """SKAIDRA["processes"]: one process converts each text and renders each page as it is needed; more
    convert the posts' texts together and share the pages out, Pelican's own starting while Skaidra's
    generators run, and make the open data in a process of its own. Enough posts that their texts are
    converted together (AHEAD_FROM)."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for n in range(AHEAD_FROM + 6):
        (content / "posts" / f"2024-01-{n % 28 + 1:02d}-irasas-{n}.md").write_text(
            f"---\ntitle: Įrašas {n}\ndate: 2024-01-{n % 28 + 1:02d}\ntags: [žymė {n % 5}]\n---\n"
            f"## Skyrius {n}\n\nTekstas su [nuoroda](https://example.org/{n}) ir *pabrėžimu*.\n\n"
            f"| a | b |\n|---|---|\n| {n} | {n * 2} |\n",
            encoding="utf-8",
        )
    outputs = {}
    for processes in (1, 3):
        settings = tmp_path / f"conf{processes}.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
            f"SKAIDRA = {{**SKAIDRA, 'processes': {processes}}}\n",
            encoding="utf-8",
        )
        outputs[processes] = tmp_path / f"out{processes}"
        build(content, outputs[processes], "--settings", str(settings), env=EPOCH)
    one, several = tree_bytes(outputs[1]), tree_bytes(outputs[3])
    assert one.keys() == several.keys() and len(one) > 100
    assert "naujienos/irasas-7/index.html" in one
    assert {"data/projects.json", "data/grants.xlsx", "data/iati-activities.xml"} <= one.keys()
    assert [name for name in one if one[name] != several[name]] == []
