"""A capability registered from outside core (tests/plugins/skaidra_reports) gets validation, pages,
menu entries, sitemap entries, resolved links and link checks without any change to core."""

from __future__ import annotations

import pytest
from conftest import ROOT, ContentTree, build, html, skaidra_process
from lxml import etree

from skaidra.linkcheck import check_links

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE = "http://localhost:8000"
PLUGIN = ROOT / "tests" / "plugins" / "skaidra_reports"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def reports_settings(tmp_path):
    path = tmp_path / "reportsconf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(PLUGIN.parent)!r}]\n"
        "PLUGINS = [*PLUGINS, 'skaidra_reports']\n"
        f"THEME_TEMPLATES_OVERRIDES = [{str(PLUGIN / 'templates')!r}]\n",
        encoding="utf-8",
    )
    return path


def with_reports(content: ContentTree) -> None:
    content.write(
        "reports/2024-metai.md",
        "---\ntitle: 2024 metų ataskaita\nperiod: 2024\n---\nKą nuveikėme.\n",
    )
    content.write(
        "reports/2024-en.md",
        "---\ntitle: Report for 2024\nperiod: 2024\nslug: 2024-metai\nlang: en\n---\nWhat we did.\n",
    )
    content.write(
        "posts/labas.md",
        content.read("posts/labas.md") + "\nŽr. [ataskaitą]({filename}/reports/2024-metai.md).\n",
    )


def test_a_kind_registered_outside_core_gets_pages_menu_sitemap_and_links(
    content: ContentTree, tmp_path
):
    with_reports(content)
    output = tmp_path / "output"
    build(content.root, output, "--settings", str(reports_settings(tmp_path)), process=True)
    page = html(output / "ataskaitos/2024-metai/index.html")
    assert page.find("h1").get_text() == "2024 metų ataskaita"
    assert page.find("a", hreflang="en")["href"] == "/en/reports/2024-metai/"
    assert (
        html(output / "en/reports/2024-metai/index.html").find("h1").get_text() == "Report for 2024"
    )
    menu = html(output / "index.html").find("nav", class_="sk-nav")
    assert menu.find("a", href="/ataskaitos/")
    post = html(output / "naujienos/labas/index.html")
    assert post.find("a", string="ataskaitą")["href"] == "/ataskaitos/2024-metai/"
    sitemap = etree.fromstring((output / "sitemap.xml").read_bytes())
    entry = next(
        u
        for u in sitemap.findall("s:url", NS)
        if u.findtext("s:loc", namespaces=NS) == f"{SITE}/ataskaitos/2024-metai/"
    )
    assert {a.get("hreflang") for a in entry.findall("x:link", NS)} == {"lt", "en"}
    assert check_links(output, SITE) == []


def test_a_registered_kind_is_validated_like_any_content(content: ContentTree, tmp_path):
    content.write("reports/blogas.md", "---\ntitle: Be laikotarpio\nperod: 2024\n---\nTekstas.\n")
    run = skaidra_process(
        "check", "--input", str(content.root), "--settings", str(reports_settings(tmp_path))
    )
    assert run.code == 1
    where = f"{content.root}/reports/blogas.md"
    assert (
        f"{where}:1: period: is required" in run.problems
        or f"{where}:2: period: is required" in run.problems
    ), run.err
    assert f"{where}:3: perod: unknown key 'perod'; did you mean 'period'?" in run.problems, run.err


def test_the_kind_needs_no_file_of_core():
    files = sorted(
        p.relative_to(ROOT).as_posix()
        for p in PLUGIN.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert files == [
        "tests/plugins/skaidra_reports/__init__.py",
        "tests/plugins/skaidra_reports/templates/report.html",
        "tests/plugins/skaidra_reports/templates/reports.html",
    ]
