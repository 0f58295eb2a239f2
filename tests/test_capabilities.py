"""Capabilities can be left out: a site without data, events or podcast publishes with no broken link,
and the order of the plugins does not matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, ContentTree, html, skaidra_process

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE = "https://example.org"
NEWS_ONLY = {
    "posts/labas.md": "---\ntitle: Labas\ndate: 2024-02-01\ntags: [pirma]\n---\nPirmoji naujiena.\n",
    "posts/hello.md": "---\ntitle: Hello\ndate: 2024-02-01\nslug: labas\nlang: en\ntags: [first]\n---\nFirst news.\n",
    "pages/apie.md": "---\ntitle: Apie mus\n---\nKas mes esame.\n",
}


def settings_file(tmp_path: Path, lines: str, base: str = "publishconf") -> Path:
    path = tmp_path / "siteconf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *  # noqa\n{lines}\n",
        encoding="utf-8",
    )
    return path


def publish(content: Path, output: Path, settings: Path | None = None) -> None:
    extra = ("--settings", str(settings)) if settings else ()
    run = skaidra_process(
        "publish",
        "--input",
        str(content),
        "--output",
        str(output),
        *extra,
        env={"SITEURL": SITE, "SOURCE_DATE_EPOCH": "1780000000"},
    )
    assert run.code == 0, run.err


def links_of(output: Path) -> set[str]:
    found = set()
    for page in output.rglob("*.html"):
        found |= {a["href"] for a in html(page).find_all(["a", "link"], href=True)}
    return found


def test_a_news_only_site_publishes_and_links_to_nothing_it_lacks(tmp_path):
    tree = ContentTree(tmp_path / "content")
    for relative, text in NEWS_ONLY.items():
        tree.write(relative, text)
    output = tmp_path / "output"
    publish(tree.root, output)  # the link check runs inside publish
    links = links_of(output)
    assert not any("360giving" in link for link in links)
    menu = html(output / "index.html").find("nav", class_="sk-nav")
    labels = [a.get_text(strip=True) for a in menu.find_all("a")]
    assert labels == ["Renginiai", "Naujienos"]  # no projects, funding or podcast without content
    assert not (output / "data" / "360giving.json").exists()


def test_capabilities_switched_off_write_nothing_and_are_linked_from_nowhere(
    content: ContentTree, tmp_path
):
    settings = settings_file(
        tmp_path,
        'SKAIDRA = {**SKAIDRA, "off": ["events", "podcast", "open_data"], "search": False}',
    )
    output = tmp_path / "output"
    publish(content.root, output, settings)
    for gone in (
        "calendar.ics",
        "renginiai",
        "en/events",
        "data",
        "podkastas",
        "feeds/podcast.xml",
        "paieska",
        "pagefind",
    ):
        assert not (output / gone).exists(), gone
    links = links_of(output)
    for word in ("calendar.ics", "/renginiai/", "/data/", "/paieska/"):
        assert not any(word in link for link in links), word
    page = html(output / "projektai" / "index.html")
    assert [a.get_text(strip=True) for a in page.find("nav", class_="sk-nav").find_all("a")] == [
        "Projektai", "Finansavimas", "Naujienos",
    ]  # fmt: skip


def test_an_unknown_capability_is_a_settings_problem(content: ContentTree, tmp_path):
    settings = settings_file(
        tmp_path, 'SKAIDRA = {**SKAIDRA, "off": ["events", "shop"]}', base="pelicanconf"
    )
    run = skaidra_process("check", "--input", str(content.root), "--settings", str(settings))
    assert run.code == 1
    assert any(
        line.endswith(
            "siteconf.py:4: SKAIDRA.off[1]: must be one of 'projects', 'funding', 'events', 'podcast', 'open_data'; got 'shop'"
        )
        for line in run.err.splitlines()
    ), run.err


def test_the_order_of_plugins_does_not_change_the_site(content: ContentTree, tmp_path):
    content.write(
        "posts/hello.md", NEWS_ONLY["posts/hello.md"]
    )  # an empty feed is dated by the clock
    reversed_settings = settings_file(tmp_path, "PLUGINS = list(reversed(PLUGINS))")
    first, second = tmp_path / "first", tmp_path / "second"
    publish(content.root, first)
    publish(content.root, second, reversed_settings)
    files = sorted(
        p.relative_to(first) for p in first.rglob("*") if p.is_file() and "pagefind" not in p.parts
    )
    assert files == sorted(
        p.relative_to(second)
        for p in second.rglob("*")
        if p.is_file() and "pagefind" not in p.parts
    )
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_projects_and_funding_switched_off(tmp_path):
    tree = ContentTree(tmp_path / "content")
    for relative, text in NEWS_ONLY.items():
        tree.write(relative, text)
    tree.write(
        "events/susitikimas.md",
        "---\ntitle: Susitikimas\nstart: 2024-03-01 10:00\n---\nApie susitikimą.\n",
    )
    tree.write(
        "data/organisations.yaml", "- id: org\n  name: Organizacija\n"
    )  # present, but not read
    settings = settings_file(tmp_path, 'SKAIDRA = {**SKAIDRA, "off": ["projects", "funding"]}')
    output = tmp_path / "output"
    publish(tree.root, output, settings)
    for gone in ("projektai", "finansavimas", "organizacijos", "en/projects", "en/funding"):
        assert not (output / gone).exists(), gone
    menu = html(output / "index.html").find("nav", class_="sk-nav")
    assert [a.get_text(strip=True) for a in menu.find_all("a")] == ["Renginiai", "Naujienos"]
    assert (output / "renginiai/susitikimas/index.html").is_file()
