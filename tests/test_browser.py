"""The sample site in a real browser: WCAG 2.1 A/AA with axe-core, the keyboard,
forced colours, search, screenshots, and no request to any other host."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

# Each worker that runs some of them starts one browser and one server.
pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = {
    "home": "",
    "project": "projektai/nvo-vaikams-2023/",
    "event": "renginiai/2023-09-14-vaiko-teisiu-forumas/",
    "episode": "podkastas/01-bendradarbiavimo-patirtis/",
    "funding": "finansavimas/",
    "project-en": "en/projects/nvok06101/",
    "events": "renginiai/praeje/",
    "search": "paieska/",
}


@pytest.fixture(scope="module")
def server(sample_output):
    from skaidra.serve import make_server

    httpd = make_server(sample_output, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run the tests with `make test`, which installs it"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str, width: int = 1280, settled: bool = False, **options):
    """Open a page; `settled` also waits until no request has been made for half a second."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="load")
    if settled:
        page.wait_for_load_state("networkidle")
    return context, page, requested


# One page of every kind, at a small phone's, a phone's, a tablet's and a desktop's width.
KINDS = {
    **PAGES,
    "projects": "projektai/",
    "projects-filtered": "projektai/organizacija/lkbs/",
    "organisation": "organizacijos/nvo-vaikams/",
    "funder": "finansuotojai/nvo-fondas/",
    "events-month": "renginiai/2023/09/",
    "news": "naujienos/",
    "article": "naujienos/vilniuje-vyko-10-asis-vaiko-teisiu-forumas/",
    "tag": "naujienos/zymos/vaiko-teises/",
    "podcast": "podkastas/",
    "page": "apie/",
    "not-found": "404.html",
}
WIDTHS = (320, 375, 768, 1280)
PHOTOGRAPHED = (
    "home",
    "project",
    "event",
    "episode",
    "funding",
    "organisation",
)  # to look at, in tests/artifacts/
PHOTOGRAPHED_AT = (375, 1280)
# Every element (the skip link aside, which waits off screen for focus) and every table cell outside the
# viewport, and every cell too narrow for its words.
OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = el => { const r = el.getBoundingClientRect(); return (r.width || r.height) && (r.left < -0.5 || r.right > width + 0.5); };
  const elements = [...document.body.querySelectorAll('*')].filter(el => !el.closest('.sk-skip-link') && out(el));
  // A cell so narrow that its words break into letters: less than five characters' room for its text.
  // (Header cells of a table stacked for phones are hidden for the eye, clipped to a point: not counted.)
  const hidden = c => c.closest('thead') && getComputedStyle(c.closest('thead')).clipPath !== 'none';
  const squeezed = c => { const s = getComputedStyle(c); const room = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                          return !hidden(c) && c.textContent.trim() && room < 5 * parseFloat(s.fontSize); };
  const cells = [...document.querySelectorAll('td, th')];
  return {width, scroll: document.documentElement.scrollWidth, elements: elements.slice(0, 5).map(name),
          cells: cells.filter(out).slice(0, 5).map(c => c.textContent.trim().slice(0, 40)),
          squeezed: cells.filter(squeezed).slice(0, 5).map(c => c.textContent.trim().slice(0, 40))};
}"""


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA rules run on the open page: one line per rule broken."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]


def overflow_at(page, width: int) -> dict | None:
    """What lies outside the viewport or is squeezed at `width`, or None."""
    page.set_viewport_size({"width": width, "height": 900})
    found = page.evaluate(OUTSIDE)
    return (
        found
        if found["elements"]
        or found["cells"]
        or found["squeezed"]
        or found["scroll"] > found["width"]
        else None
    )


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_of_page_passes_axe_and_fits_the_screen_from_320_px(server, browser, name):
    """Each page is loaded once: axe-core's WCAG 2.1 A/AA rules, no request to another host, then
    no element and no table cell outside the viewport at every width."""
    # Only the search page fetches after loading (its index); the others are complete at `load`.
    context, page, requested = open_page(
        browser, server + KINDS[name], settled=name == "search", bypass_csp=True
    )
    violations = axe_violations(page)
    own = urlsplit(server).netloc
    elsewhere = [url for url in requested if urlsplit(url).netloc not in (own, "")]
    overflows = {}
    for width in WIDTHS:  # one page, resized: the layout follows the viewport
        found = overflow_at(page, width)
        if found:
            overflows[width] = found
        if name in PHOTOGRAPHED and width in PHOTOGRAPHED_AT:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
            assert (ARTIFACTS / f"{name}-{width}.png").stat().st_size > 1000
    context.close()
    assert violations == []
    assert elsewhere == []
    assert overflows == {}


@pytest.mark.parametrize("name", ["home", "project", "episode"])
def test_skip_link_is_first_and_moves_focus_to_main(server, browser, name):
    context, page, _ = open_page(browser, server + PAGES[name])
    page.keyboard.press("Tab")
    first = page.evaluate(
        "[document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    visible = page.evaluate("document.activeElement.getBoundingClientRect().left >= 0")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    context.close()
    assert first == ["sk-skip-link", "#main-content"]
    assert visible
    assert focused == "main-content"


def test_focus_stays_visible_in_forced_colours(server, browser):
    context, page, _ = open_page(browser, server + PAGES["project"])
    page.emulate_media(forced_colors="active")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    context.close()
    assert style[0] != "none" and style[1] >= 2


def test_chapter_buttons_seek_the_player(server, browser):
    context, page, _ = open_page(browser, server + PAGES["episode"])
    buttons = page.locator(".sk-chapters button")
    count = buttons.count()
    buttons.nth(1).click()
    position = 0.0
    for _ in range(100):  # polled from here: the page's policy forbids eval-based waiting
        position = page.evaluate("document.getElementById('sk-audio').currentTime")
        if position >= 27.5:
            break
        page.wait_for_timeout(100)
    label = buttons.nth(1).get_attribute("aria-label")
    context.close()
    assert count == 3
    assert position == pytest.approx(28, abs=1.5)
    assert label == "Groti nuo 00:28"


def test_search_finds_a_project_under_the_sites_own_policy(server, browser):
    context, page, _requested = open_page(browser, server + PAGES["search"])
    assert page.locator("form.sk-search").is_visible()
    assert not page.locator(".sk-search__nojs").is_visible()
    page.fill("#sk-search-query", "Konfederacija")
    page.click("form.sk-search button")
    page.wait_for_selector(".sk-search__results li")
    titles = page.locator(".sk-search__results a").all_inner_texts()
    context.close()
    assert any("NVO institucinis stiprinimas" in t for t in titles)


def search_titles(browser, site: str, query: str) -> list[str]:
    context, page, _ = open_page(browser, site + PAGES["search"])
    page.fill("#sk-search-query", query)
    page.click("form.sk-search button")
    page.wait_for_selector(".sk-search__results li")
    titles = page.locator(".sk-search__results a").all_inner_texts()
    context.close()
    return titles


def test_a_project_is_found_on_its_own_page_not_on_the_pages_that_list_it(server, browser):
    """Funders' and organisations' pages list the projects and grants that have pages of their own, and
    a project's page the posts, events and episodes that have theirs: those lists are left out of
    search, so a project's words find the project, and a post's the post, not every list of them."""
    context, page, _ = open_page(browser, server + PAGES["search"])
    found = {}
    for query in ("stiprinimas", "Konfederacija", "Karklėje"):
        page.fill("#sk-search-query", query)
        page.click("form.sk-search button")
        page.wait_for_selector(".sk-search__results li")
        links = page.locator(".sk-search__results a")
        found[query] = [links.nth(i).get_attribute("href") for i in range(links.count())]
    context.close()
    assert len([href for href in found["stiprinimas"] if href.startswith("/projektai/")]) == 2
    lists = ("/finansuotojai/", "/organizacijos/")
    assert not [href for href in found["stiprinimas"] if any(part in href for part in lists)]
    assert any("/organizacijos/" in href for href in found["Konfederacija"])  # by their own words
    # a post (and an event) a project's page lists: found on their own pages, not on the project's
    assert any(href.startswith("/naujienos/karkleje") for href in found["Karklėje"])
    assert not [href for href in found["Karklėje"] if "/projektai/" in href]


def test_a_search_index_in_parts_finds_what_one_index_finds(
    server, browser, sample_output, tmp_path
):
    """A large site's index comes in parts (each indexed in bounded memory); the page merges them."""
    import json
    import shutil

    from skaidra.search_index import build_search_index
    from skaidra.serve import make_server

    parted = tmp_path / "site"
    shutil.copytree(sample_output, parted)
    shutil.rmtree(parted / "pagefind")
    assert build_search_index(parted, pages_per_part=5) == []
    assert len(json.loads((parted / "pagefind/parts.json").read_text())["parts"]) >= 5
    httpd = make_server(parted, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for query in ("Konfederacija", "vaikų"):
            whole = search_titles(browser, server, query)
            assert len(whole) >= 2
            assert sorted(
                search_titles(browser, f"http://127.0.0.1:{httpd.server_address[1]}/", query)
            ) == sorted(whole)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_search_without_javascript_shows_a_plain_message(server, browser):
    context, page, _ = open_page(browser, server + PAGES["search"], java_script_enabled=False)
    message = page.locator(".sk-search__nojs")
    visible, form_hidden = message.is_visible(), not page.locator("form.sk-search").is_visible()
    context.close()
    assert visible and form_hidden


def test_the_devserver_reloads_the_open_page_when_the_preview_changes(browser, sample_output):
    """The reload script loads under the site's own Content-Security-Policy and reloads on a new version."""
    from skaidra.reload import ReloadingHandler, Version
    from skaidra.serve import make_server

    httpd = make_server(sample_output, 0, handler=ReloadingHandler)
    httpd.version = Version()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        context, page, requested = open_page(
            browser, f"http://127.0.0.1:{httpd.server_address[1]}/projektai/", settled=True
        )
        refused: list[str] = []
        page.on(
            "console",
            lambda message: refused.append(message.text) if message.type == "error" else None,
        )
        assert any(
            url.endswith("/.skaidra/version") for url in requested
        )  # the script runs and asks
        with page.expect_event("load", timeout=5000):
            httpd.version.bump()
        assert refused == []
        context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_transcript_follows_the_audio_and_a_cue_seeks_there(server, browser):
    """Playing the episode marks the cue being spoken; the mark moves as the audio goes on; a click
    on a cue's words plays from there; axe finds nothing wrong with the page while it plays."""
    context, page, _ = open_page(browser, server + PAGES["episode"], bypass_csp=True)
    cues = page.locator(".sk-transcript .sk-cue")

    def current_after(seconds: float) -> int | None:
        for _ in range(60):  # polled from here: the page's policy forbids eval-based waiting
            found = page.evaluate(
                "[...document.querySelectorAll('.sk-transcript .sk-cue')].findIndex(c => c.getAttribute('aria-current') === 'true')"
            )
            position = page.evaluate("document.getElementById('sk-audio').currentTime")
            if found >= 0 and position >= seconds:
                return found
            page.wait_for_timeout(100)
        return None

    assert (
        page.evaluate("document.querySelectorAll('.sk-cue--current').length") == 0
    )  # nothing marked before playing
    page.evaluate("document.getElementById('sk-audio').muted = true")
    cues.nth(0).locator("button").click()
    first = current_after(0.2)
    page.evaluate(
        "(a => { a.currentTime = 4.9; })(document.getElementById('sk-audio'))"
    )  # just before the second cue
    moved = current_after(5.3)  # played on into the second cue, not seeked there
    cues.nth(3).locator("strong").click()  # a click on a cue's words
    clicked = current_after(28.4)
    violations = axe_violations(page)
    marked = page.evaluate("document.querySelectorAll('.sk-cue--current').length")
    context.close()
    assert (first, moved, clicked) == (0, 1, 3)
    assert marked == 1
    assert violations == []


def test_a_word_spoken_only_in_the_transcript_finds_the_episode(server, browser):
    assert any(
        "bendradarbiavimo patirtis" in t for t in search_titles(browser, server, "šešiasdešimt")
    )


NETWORK_PAGES = ("tinklas/", "tinklas/projektai/", "tinklas/projektai/finansuotojas/nvo-fondas/", "tinklas/nariai/senjorai/",
                 "tinklas/finansavimas/", "tinklas/naujienos/", "en/network/")  # fmt: skip


@pytest.fixture(scope="module")
def umbrella_server(umbrella_output):
    from skaidra.serve import make_server

    httpd = make_server(umbrella_output, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", NETWORK_PAGES)
def test_the_network_pages_pass_axe_and_fit_the_screen_from_320_px(umbrella_server, browser, path):
    context, page, requested = open_page(browser, umbrella_server + path, bypass_csp=True)
    violations = axe_violations(page)
    own = urlsplit(umbrella_server).netloc
    elsewhere = [url for url in requested if urlsplit(url).netloc not in (own, "")]
    overflows = {width: found for width in WIDTHS if (found := overflow_at(page, width))}
    context.close()
    assert violations == []
    assert elsewhere == []
    assert overflows == {}


@pytest.fixture(scope="module")
def series_server(tmp_path_factory):
    """A small site with a weekly series at a venue (tests/test_event_series.py), served."""
    from test_event_series import build_series_site

    from skaidra.serve import make_server

    _tree, output = build_series_site(tmp_path_factory.mktemp("series-browser"))
    httpd = make_server(output, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "path",
    [
        "renginiai/savanoriu-vakarai/",
        "renginiai/vietos/sale/",
        "renginiai/",
        "renginiai/2024/04/",
        "en/events/venues/sale/",
    ],
)
def test_a_series_and_its_venue_pass_axe_and_fit_the_screen_from_320_px(
    series_server, browser, path
):
    context, page, _ = open_page(browser, series_server + path, bypass_csp=True)
    if path.endswith("savanoriu-vakarai/"):
        page.click(".sk-more-dates summary")  # the dates behind the summary, opened
        assert page.locator(".sk-more-dates li").first.is_visible()
    violations = axe_violations(page)
    overflows = {width: found for width in WIDTHS if (found := overflow_at(page, width))}
    context.close()
    assert violations == []
    assert overflows == {}
