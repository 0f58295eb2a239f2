"""Discovery: sitemap with language alternates, robots.txt, canonical and Open Graph,
the security policy, the 404 and search pages, and the search index."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from conftest import html, text
from lxml import etree

SITE = "http://localhost:8000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def local(url: str, output):
    path = urlsplit(url).path.lstrip("/")
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_sitemap_lists_pages_with_their_language_alternates(sample_output):
    root = etree.fromstring((sample_output / "sitemap.xml").read_bytes())
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    for loc in urls:
        assert local(loc, sample_output).exists(), loc
    project = urls[f"{SITE}/projektai/nvok06101/"]
    alternates = {a.get("hreflang"): a.get("href") for a in project.findall("x:link", NS)}
    assert alternates == {
        "lt": f"{SITE}/projektai/nvok06101/",
        "en": f"{SITE}/en/projects/nvok06101/",
    }
    for must in ("", "en/", "finansavimas/", "renginiai/", "podkastas/", "naujienos/", "apie/", "en/apie/",
                 "naujienos/patvirtintas-lkbs-instituciniu-gebejimu-stiprinimo-projekto-finansavimas/"):  # fmt: skip
        assert f"{SITE}/{must}" in urls, must
    assert f"{SITE}/paieska/" not in urls


def test_robots_points_to_the_sitemap(sample_output):
    robots = (sample_output / "robots.txt").read_text()
    assert "User-agent: *" in robots and f"Sitemap: {SITE}/sitemap.xml" in robots


def test_pages_carry_canonical_open_graph_and_feed_links(sample_output):
    page = html(sample_output / "en/projects/nvok06101/index.html")
    head = page.head
    assert head.find("link", rel="canonical")["href"] == f"{SITE}/en/projects/nvok06101/"
    og = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
    assert og["og:url"] == f"{SITE}/en/projects/nvok06101/"
    assert og["og:title"].startswith("Strengthening the institutional capacity of LKBS in 2023")
    assert og["og:locale"] == "en_GB" and og["og:locale:alternate"] == "lt_LT"
    assert og["og:description"].startswith("The Lithuanian Rural Communities Union")
    assert og["og:image"] == f"{SITE}/media/skaidra-kortele.png"
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    alternates = {
        link["hreflang"]: link["href"]
        for link in head.find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates == {
        "lt": f"{SITE}/projektai/nvok06101/",
        "en": f"{SITE}/en/projects/nvok06101/",
    }
    assert head.find("link", type="application/atom+xml")["href"] == "/feeds/en.atom.xml"
    article = html(
        sample_output / "naujienos/vilniuje-vyko-10-asis-vaiko-teisiu-forumas/index.html"
    )
    assert article.head.find("meta", property="og:type")["content"] == "article"


def test_every_page_ships_the_security_policy(sample_output):
    for path in sample_output.rglob("*.html"):
        policy = html(path).head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None, path
        directives = dict(d.strip().split(" ", 1) for d in policy["content"].split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy["content"]
    headers = (sample_output / "_headers").read_text()
    assert "frame-ancestors 'none'" in headers and "X-Content-Type-Options: nosniff" in headers


def test_404_page_in_both_languages(sample_output):
    page = html(sample_output / "404.html")
    assert page.html["lang"] == "lt"
    assert page.h1.get_text() == "Puslapis nerastas"
    assert page.find("div", lang="en").h2.get_text() == "Page not found"
    assert page.head.find("link", rel="canonical") is None


def test_search_index_covers_both_languages(sample_output):
    parts = json.loads((sample_output / "pagefind/parts.json").read_text())["parts"]
    entries = [
        json.loads(
            (sample_output / "pagefind" / part["bundle"] / "pagefind-entry.json").read_text()
        )
        for part in parts
    ]
    assert {lang for entry in entries for lang in entry["languages"]} == {"lt", "en"}
    assert sum(entry["languages"].get("lt", {}).get("page_count", 0) for entry in entries) >= 8
    search = html(sample_output / "paieska/index.html")
    assert search.find("form", role="search").has_attr("hidden")
    assert "JavaScript" in text(search.select_one(".sk-search__nojs"))


def test_english_reader_can_navigate_the_whole_site_in_english(sample_output):
    """Follow every link from the English home page that stays in English."""
    seen, queue = set(), ["/en/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        page = html(local(path, sample_output))
        assert page.html["lang"] == "en", path
        assert text(page.select_one(".sk-skip-link")) == "Skip to main content", path
        nav = [text(a) for a in page.select(".sk-nav a")]
        assert nav == ["Projects", "Funding", "Events", "Podcast", "News"], path
        for link in page.find_all("a", href=True):
            href = link["href"].split("#")[0]
            if href.startswith("/en/") and href.endswith("/"):
                queue.append(href)
    must = {"/en/", "/en/projects/", "/en/projects/nvok06101/", "/en/funding/", "/en/events/", "/en/events/past/",
            "/en/podcast/", "/en/podcast/01-bendradarbiavimo-patirtis/", "/en/news/", "/en/prieinamumas/",
            "/en/organisations/lkbs/", "/en/funders/nvo-fondas/", "/en/search/"}  # fmt: skip
    assert must <= seen, must - seen


def test_slugs_from_lithuanian_titles_keep_their_letters(content, tmp_path):
    from conftest import build

    content.write(
        "posts/azuolai.md",
        "---\ntitle: Ąžuolų sodinimas Šiauliuose – ėjimas į priekį\ndate: 2024-05-01\n---\nTekstas.\n",
    )
    build(content.root, tmp_path / "out")
    assert (
        tmp_path / "out/naujienos/azuolu-sodinimas-siauliuose-ejimas-i-prieki/index.html"
    ).exists()


def test_every_page_people_read_is_in_the_sitemap(sample_output):
    """The sitemap is made from the record of every output, so no page is left out (English tag pages
    and paginated listings included) and nothing that is not a page for readers is in it."""
    root = etree.fromstring((sample_output / "sitemap.xml").read_bytes())
    listed = {urlsplit(u.text).path.lstrip("/") for u in root.findall("s:url/s:loc", NS)}
    left_out = {"404.html", "paieska/", "en/search/"}
    pages = set()
    for page in sample_output.rglob("index.html"):
        path = page.parent.relative_to(sample_output).as_posix() + "/"
        path = "" if path == "./" else path
        if "pagefind" not in path and not html(page).find("meta", attrs={"http-equiv": "refresh"}):
            pages.add(path)
    assert any(p.startswith("en/news/tags/") for p in pages)
    assert pages - left_out == listed
