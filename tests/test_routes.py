"""One route table: words per language from settings, the default language at the root, and every
page, sitemap entry, breadcrumb, language link and pagination following it."""

from __future__ import annotations

import pytest
from conftest import ROOT, ContentTree, build, html, skaidra, skaidra_process
from lxml import etree
from skaidra_core.routes import RouteTable

from skaidra.linkcheck import check_links

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE = "http://localhost:8000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def settings(tmp_path, line: str):
    path = tmp_path / "wordsconf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n{line}\n",
        encoding="utf-8",
    )
    return path


def sitemap_paths(output) -> set[str]:
    root = etree.fromstring((output / "sitemap.xml").read_bytes())
    return {loc.text.removeprefix(SITE + "/") for loc in root.findall("s:url/s:loc", NS)}


def test_the_default_language_is_at_the_root_with_its_own_words():
    lithuanian = RouteTable(["lt", "en"])
    english = RouteTable(["en", "lt"])
    assert lithuanian.route("project", "lt", slug="x") == "projektai/x/"
    assert lithuanian.route("project", "en", slug="x") == "en/projects/x/"
    assert english.route("project", "en", slug="x") == "projects/x/"
    assert english.route("project", "lt", slug="x") == "lt/projektai/x/"
    assert english.file("project_calendar", slug="x") == "projects/x/calendar.ics"
    assert (
        RouteTable(["de"]).route("events_past", "de") == "events/past/"
    )  # English words for others
    settings_of = english.pelican_settings()
    assert (
        settings_of["ARTICLE_URL"] == "news/{slug}/"
        and settings_of["TAG_SAVE_AS"] == "news/tags/{slug}/index.html"
    )
    assert settings_of["PAGINATION_PATTERNS"][1].URL == "{base_name}/page/{number}/"


def test_an_english_only_site_has_english_addresses_and_no_language_switcher(
    content: ContentTree, tmp_path
):
    content.write(
        "posts/labas.md",
        content.read("posts/labas.md").replace(
            "date: 2024-02-01\n", "date: 2024-02-01\nlang: en\n"
        ),
    )
    output = tmp_path / "output"
    build(
        content.root,
        output,
        "--settings",
        str(settings(tmp_path, 'SKAIDRA = {**SKAIDRA, "languages": ["en"]}')),
    )
    for path in ("projects/demo-1/index.html", "news/labas/index.html", "events/mokymai/index.html",
                 "news/tags/pirma/index.html", "funding/index.html", "projects/demo-1/calendar.ics"):  # fmt: skip
        assert (output / path).is_file(), path
    assert not (output / "projektai").exists() and not (output / "en").exists()
    page = html(output / "projects/demo-1/index.html")
    assert page.html["lang"] == "en"
    assert page.find(class_="sk-langs") is None or not page.find(class_="sk-langs").find_all("a")
    assert {"projects/demo-1/", "news/labas/", "news/tags/pirma/"} <= sitemap_paths(output)
    assert check_links(output, SITE) == []


def test_words_from_settings_change_every_address_and_every_link(content: ContentTree, tmp_path):
    output = tmp_path / "output"
    line = 'SKAIDRA = {**SKAIDRA, "words": {"lt": {"news": "aktualijos", "projects": "veiklos"}, "en": {"news": "stories"}}}'
    build(content.root, output, "--settings", str(settings(tmp_path, line)))
    for path in ("aktualijos/labas/index.html", "aktualijos/zymos/pirma/index.html", "veiklos/demo-1/index.html",
                 "en/stories/index.html", "en/projects/demo-1/index.html", "veiklos/demo-1/calendar.ics"):  # fmt: skip
        assert (output / path).is_file(), path
    assert not (output / "naujienos").exists() and not (output / "projektai").exists()
    page = html(output / "veiklos/demo-1/index.html")
    assert page.find("nav", class_="sk-nav").find("a", href="/aktualijos/")
    assert page.find("a", hreflang="en")["href"] == "/en/projects/demo-1/"
    assert {"aktualijos/", "veiklos/demo-1/", "en/stories/"} <= sitemap_paths(output)
    assert check_links(output, SITE) == []


def test_an_unknown_word_is_a_settings_problem(content: ContentTree, tmp_path):
    conf = settings(tmp_path, 'SKAIDRA = {**SKAIDRA, "words": {"lt": {"nws": "aktualijos"}}}')
    run = skaidra("check", "--input", str(content.root), "--settings", str(conf))
    assert run.code == 1
    assert any(
        p.endswith("wordsconf.py:4: SKAIDRA.words.lt.nws: unknown word 'nws'; did you mean 'news'?")
        for p in run.problems
    ), run.err


def test_language_names_and_locales_come_from_one_place_with_babel_for_the_rest():
    from skaidra_core.i18n import language_name, open_graph_locale

    assert [language_name(x) for x in ("lt", "en", "de", "pl")] == [
        "Lietuviškai",
        "English",
        "Deutsch",
        "Polski",
    ]
    assert [open_graph_locale(x) for x in ("lt", "en", "de", "lv")] == [
        "lt_LT",
        "en_GB",
        "de_DE",
        "lv_LV",
    ]


def test_templates_use_views_not_slugs_and_the_raw_model():
    """Pages of content items are linked through their views (`project.page(lang)`), never by
    building an address from a slug, and templates query no raw model method."""
    import re

    itself = re.compile(r"route\('(project|event|episode|organisation|funder)', lang, slug=")
    raw = re.compile(r"site\.(version_in|project_status|project_sources|indicators|events_of)\b")
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not itself.search(text), template
        assert not raw.search(text), template


def test_a_lithuanian_only_site_has_no_switcher_and_no_english_pages(
    content: ContentTree, tmp_path
):
    output = tmp_path / "output"
    build(
        content.root,
        output,
        "--settings",
        str(settings(tmp_path, 'SKAIDRA = {**SKAIDRA, "languages": ["lt"]}')),
    )
    assert not (output / "en").exists()
    page = html(output / "projektai/demo-1/index.html")
    assert page.find(class_="sk-langs") is None and page.html["lang"] == "lt"
    assert not page.find("link", hreflang=True)
    assert check_links(output, SITE) == []


def test_an_english_site_shows_pounds_and_london_time(content: ContentTree, tmp_path):
    content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace(
            "amount: 1000", "amount: 12500\n    currency: GBP"
        ),
    )
    content.write(
        "events/mokymai.md",
        content.read("events/mokymai.md")
        .replace("start: 2024-03-01 10:00", "start: 2024-07-01 10:00\ntimezone: Europe/London")
        .replace("end: 2024-03-01 12:00", "end: 2024-07-01 12:00"),
    )
    content.write(
        "posts/labas.md",
        content.read("posts/labas.md").replace(
            "date: 2024-02-01\n", "date: 2024-02-01\nlang: en\n"
        ),
    )
    output = tmp_path / "output"
    conf = tmp_path / "englishconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa\n"
        'SKAIDRA = {**SKAIDRA, "languages": ["en"]}\n',
        encoding="utf-8",
    )
    published = skaidra_process("publish", "--input", str(content.root), "--output", str(output), "--settings", str(conf),
                                env={"SITEURL": "https://example.org.uk"})  # fmt: skip
    assert published.code == 0, published.err  # the link check runs inside publish
    project = html(output / "projects/demo-1/index.html")
    assert "£12,500.00" in project.get_text()
    event = html(output / "events/mokymai/index.html")
    assert event.find("time")["datetime"].startswith("2024-07-01T10:00:00+01:00")
    assert html(output / "index.html").html["lang"] == "en"


def test_any_language_babel_knows_formats_dates_numbers_and_money(content: ContentTree, tmp_path):
    content.write(
        "posts/labas.md",
        content.read("posts/labas.md").replace(
            "date: 2024-02-01\n", "date: 2024-02-01\nlang: de\n"
        ),
    )
    output = tmp_path / "output"
    build(
        content.root,
        output,
        "--settings",
        str(settings(tmp_path, 'SKAIDRA = {**SKAIDRA, "languages": ["de"]}')),
    )
    page = html(
        output / "projects/demo-1/index.html"
    )  # English words where German has none of its own
    assert page.html["lang"] == "de"
    assert "1.000,00 €" in page.get_text().replace("\xa0", " ")  # German money
    event = html(output / "events/mokymai/index.html").get_text().replace("\xa0", " ")
    assert "1. März 2024" in event  # German dates
