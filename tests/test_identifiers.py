"""Identifiers and addresses (contract, sections 8 and 9): calendar UIDs and episode guids take the domain
of the site's address unless `identity_domain` names one, keep the domain they were first published with,
and are provisional (never recorded) while the site has no address; grant identifiers start with the
publisher's register identifier."""

from __future__ import annotations

import csv
import io
import json
import shutil

import feedparser
import icalendar
import pytest
from conftest import ROOT, ContentTree, build, skaidra, skaidra_process

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

REGISTRY = ".skaidra/identities.json"


def uids(output) -> list[str]:
    return sorted(
        str(e["uid"])
        for e in icalendar.Calendar.from_ical((output / "calendar.ics").read_bytes()).walk("VEVENT")
    )


def test_the_samples_published_identifiers_are_the_ones_it_recorded(tmp_path):
    """Published at another address, the sample keeps every UID and guid its registry holds, byte for byte."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    recorded = json.loads((content / REGISTRY).read_text(encoding="utf-8"))
    before = (content / REGISTRY).read_bytes()
    run = skaidra_process("publish", "--input", str(content), "--output", str(tmp_path / "output"),
                          env={"SITEURL": "https://kitas-adresas.example", "SOURCE_DATE_EPOCH": "1780000000"})  # fmt: skip
    assert run.code == 0, run.err
    output = tmp_path / "output"
    published_events = set(uids(output))
    recorded_events = {
        entry["id"] for source, entry in recorded["events"].items() if ".en." not in source
    }
    assert published_events == recorded_events and published_events
    feed = feedparser.parse((output / "feeds/podcast.xml").read_bytes())
    assert {entry.id for entry in feed.entries} <= {
        entry["id"] for entry in recorded["episodes"].values()
    }
    assert feed.entries
    assert (content / REGISTRY).read_bytes() == before


def site_file(content: ContentTree, url: str = "") -> None:
    content.write("site.yaml", f"title: Bandymas\n{f'url: {url}' if url else ''}\n")


def test_identifiers_keep_the_domain_they_were_first_published_with(content: ContentTree, tmp_path):
    site_file(content)
    output = tmp_path / "output"
    build(content.root, output)
    assert uids(output) == ["mokymai@unpublished.invalid"]  # no address yet: provisional
    assert not (content.root / REGISTRY).exists()  # and not recorded
    site_file(content, "https://pirmas.example/")
    publish = skaidra("publish", "--input", str(content.root), "--output", str(output))
    assert publish.code == 0, publish.err
    assert uids(output) == ["mokymai@pirmas.example"]  # the host of the address
    assert (
        json.loads(content.read(REGISTRY))["events"]["events/mokymai.md"]["id"]
        == "mokymai@pirmas.example"
    )
    site_file(content, "https://antras.example/")
    content.write(
        "events/forumas.md", "---\ntitle: Forumas\nstart: 2024-04-01 10:00\n---\nForumas.\n"
    )
    publish = skaidra("publish", "--input", str(content.root), "--output", str(output))
    assert publish.code == 0, publish.err
    assert uids(output) == [
        "forumas@antras.example",
        "mokymai@pirmas.example",
    ]  # published once: kept
    build(content.root, output)
    assert uids(output) == ["forumas@antras.example", "mokymai@pirmas.example"]


def test_publish_refuses_a_site_without_an_address(content: ContentTree, tmp_path):
    site_file(content)
    output = tmp_path / "output"
    build(content.root, output)
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    run = skaidra("publish", "--input", str(content.root), "--output", str(output))
    assert run.code == 1
    assert run.problems == [
        f"{content.root}/site.yaml:1: url: the site has no address to publish at: write its address here (url: https://…), or set SITEURL"
    ]
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before
    lithuanian = skaidra(
        "publish",
        "--input",
        str(content.root),
        "--output",
        str(output),
        env={"SKAIDRA_MESSAGES": "lt"},
    )
    assert "url: svetainė neturi adreso, kuriuo ją skelbti" in lithuanian.err


def grant_ids(output) -> list[str]:
    rows = csv.DictReader(io.StringIO((output / "data/grants.csv").read_text(encoding="utf-8-sig")))
    return [row["grant_id"] for row in rows]


SECOND_ORGANISATION = "- {id: kita, name: Kita organizacija, registration_code: '222222222'}\n"


@pytest.mark.parametrize("settings, organisations, prefix", [
    ("url: https://bendruomene.example/\npublisher: {name: Bendruomenė, registration_code: '300000001'}\n", "", "LT-RC-300000001"),
    ("url: https://bendruomene.example/\n", "", "LT-RC-123456789"),  # the site's only organisation's
    ("url: https://bendruomene.example/\n", SECOND_ORGANISATION, "bendruomene.example"),  # which one? neither
    ("grant_id_prefix: 360G-bendruomene\n", "", "360G-bendruomene"),
])  # fmt: skip
def test_grant_identifiers_start_with_the_register_identifier_when_known(
    content: ContentTree, tmp_path, settings, organisations, prefix
):
    content.write("site.yaml", f"title: Bandymas\n{settings}")
    content.write(
        "data/organisations.yaml", content.read("data/organisations.yaml") + organisations
    )
    build(content.root, tmp_path / "output")
    assert grant_ids(tmp_path / "output") == [f"{prefix}-DEMO-1-fondas"]
