"""The devserver's quick pages: after a save that changed only a body, the pages showing that file are
rewritten from the site kept in memory, byte for byte what the full build then makes; any other change
is left to the full build, and a body with a problem never reaches the output."""

from __future__ import annotations

import io
import re
import threading
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, ContentTree
from skaidra_model.source_files import read_markdown_file, read_yaml_file, remember_files

from skaidra.build import BuildRequest, build
from skaidra.devserver import Preview
from skaidra.quick_pages import quick_pages
from skaidra.reload import SCRIPT_PATH, VERSION_PATH, ReloadingHandler
from skaidra.serve import make_server

PAGE = "naujienos/labas/index.html"
EVENT_PAGE = "renginiai/mokymai/index.html"
ABOUT_PAGE = "apie/index.html"
QUICK = {PAGE, ABOUT_PAGE}


@pytest.fixture
def preview(content: ContentTree, tmp_path: Path, monkeypatch) -> Preview:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # the quick and the full build on one day
    content.write(
        "pages/apie.md",
        "---\ntitle: Apie mus\nslug: apie\n---\nMes esame bandomoji organizacija.\n",
    )
    settings = tmp_path / "previewconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\nSKAIDRA = {{'search': False, 'processes': 2}}\n",
        encoding="utf-8",
    )
    preview = Preview(BuildRequest(settings, str(content.root), str(tmp_path / "output")))
    assert preview.build() == 0
    yield preview
    remember_files(False)  # as every other build in this process expects


def output_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def prose(page: Path) -> str:
    return (
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        .select_one(".sk-prose")
        .get_text(" ", strip=True)
    )


def test_a_saved_body_is_on_its_pages_at_once_and_as_the_full_build_makes_it(
    preview: Preview, content: ContentTree, tmp_path
):
    output = Path(preview.request.output_dir)
    before = output_files(output)
    changed = [
        content.write(
            "posts/labas.md",
            content.read("posts/labas.md").replace(
                "Pirmoji naujiena.", "Pirmoji naujiena, **pataisyta**."
            ),
        ),
        content.write(
            "events/mokymai.md",
            content.read("events/mokymai.md").replace("Mokymų aprašymas.", "Mokymai vyks salėje."),
        ),
        content.write(
            "pages/apie.md", content.read("pages/apie.md").replace("Mes esame", "Mes visada buvome")
        ),
    ]
    written = quick_pages(preview.kept, changed)
    assert sorted(written) == sorted(QUICK)
    assert prose(output / PAGE) == "Pirmoji naujiena, pataisyta ."
    assert (
        BeautifulSoup((output / PAGE).read_text(encoding="utf-8"), "html.parser")
        .select_one(".sk-prose strong")
        .string
        == "pataisyta"
    )
    assert (
        prose(output / EVENT_PAGE) == "Mokymų aprašymas."
    )  # an event's page is the full build's work
    assert prose(output / ABOUT_PAGE) == "Mes visada buvome bandomoji organizacija."
    quick = output_files(output)
    assert {path for path in quick if quick[path] != before.get(path)} == QUICK

    assert build(preview.request, out=io.StringIO()) == 0  # the full build that follows
    full = output_files(output)
    for path in QUICK:
        assert full[path] == quick[path], path  # the quick page was already what the build makes
    assert prose(output / EVENT_PAGE) == "Mokymai vyks salėje."
    assert (
        full["index.html"] != before["index.html"]
    )  # the listing, left to the full build, shows the new text
    assert "pataisyta" in prose_of_listing(output / "naujienos/index.html")


def prose_of_listing(page: Path) -> str:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "title: Labas",
            "title: Sveiki",
        ),  # the front matter: titles, listings, feeds change; the full build's work
        (
            "Pirmoji naujiena.",
            "Pirmoji <script>alert(1)</script> naujiena.",
        ),  # refused by the policy
        ("Pirmoji naujiena.", "Pirmoji [naujiena]({filename}/posts/nera.md)."),  # a link to no file
    ],
    ids=["front-matter", "refused-html", "broken-link"],
)
def test_other_changes_are_left_to_the_full_build(preview: Preview, content: ContentTree, old, new):
    output = Path(preview.request.output_dir)
    before = output_files(output)
    path = content.write("posts/labas.md", content.read("posts/labas.md").replace(old, new))
    assert (
        quick_pages(
            preview.kept,
            [path, content.root / "data/projects/demo.yaml", content.root / "posts/nera.md"],
        )
        == []
    )
    assert output_files(output) == before


def test_the_preview_reloads_the_browser_when_the_output_changed(
    preview: Preview, content: ContentTree
):
    server = make_server(Path(preview.request.output_dir), 0, handler=ReloadingHandler)
    server.version = preview.version
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"

    def get(path: str) -> tuple[str, str]:
        with urllib.request.urlopen(address + path, timeout=10) as answer:
            return answer.headers["Content-Type"], answer.read().decode("utf-8")

    try:
        kind, html = get("/naujienos/labas/")
        assert kind == "text/html; charset=utf-8"
        scripts = [
            tag["src"] for tag in BeautifulSoup(html, "html.parser").find_all("script", src=True)
        ]
        assert SCRIPT_PATH in scripts
        assert VERSION_PATH in get(SCRIPT_PATH)[1]
        first = get(VERSION_PATH)[1]
        content.write(
            "posts/labas.md",
            content.read("posts/labas.md").replace("Pirmoji naujiena.", "Antroji redakcija."),
        )
        assert preview.changed({content.root / "posts/labas.md"}) == 0
        assert int(get(VERSION_PATH)[1]) == int(first) + 2  # the quick page, then the full build
        assert "Antroji redakcija." in get("/naujienos/labas/")[1]
        assert SCRIPT_PATH not in (Path(preview.request.output_dir) / PAGE).read_text(
            encoding="utf-8"
        )  # never written
    finally:
        server.shutdown()


def test_the_preview_reads_again_only_the_files_that_changed(
    preview: Preview, content: ContentTree
):
    post, project = content.root / "posts/labas.md", content.root / "data/projects/demo.yaml"
    assert read_markdown_file(post) is read_markdown_file(
        post
    )  # kept since the preview's build read it
    assert read_yaml_file(project) is read_yaml_file(project)
    before = read_markdown_file(post)
    content.write(
        "posts/labas.md", content.read("posts/labas.md").replace("Pirmoji", "Pirmoji ir vienintelė")
    )
    assert read_markdown_file(post) is not before
    assert "vienintelė" in read_markdown_file(post).body

    out = io.StringIO()  # a file broken and mended between two builds is judged each time
    content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace("amount: 1000", "amount: daug"),
    )
    assert build(preview.request, out=out) == 1
    assert "demo.yaml:10: funding[0].amount" in out.getvalue()
    content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace("amount: daug", "amount: 1000"),
    )
    assert preview.build() == 0


def test_a_saved_project_is_on_its_own_pages_first_then_on_the_pages_that_show_its_figures(
    preview: Preview, content: ContentTree
):
    output = Path(preview.request.output_dir)
    before = output_files(output)
    project = content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace("amount: 1000", "amount: 1750"),
    )
    own = {"projektai/demo-1/index.html", "en/projects/demo-1/index.html"}
    assert sorted(quick_pages(preview.kept, [project])) == sorted(own)
    quick = output_files(output)
    assert {path for path in quick if quick[path] != before.get(path)} == own
    for path in own:
        text = BeautifulSoup(quick[path].decode("utf-8"), "html.parser").main.get_text()
        digits = re.sub(r"[\s,.]", "", text)  # 1 750,00 € and €1,750.00 alike
        assert "175000" in digits and "100000" not in digits

    assert build(preview.request, out=io.StringIO()) == 0  # then the pages that show its figures
    full = output_files(output)
    for path in own:
        assert full[path] == quick[path], path
    assert full["finansavimas/index.html"] != before["finansavimas/index.html"]


@pytest.mark.parametrize(
    "old, new",
    [
        ("amount: 1000", "amount: daug"),
        ("id: DEMO-1", "id: DEMO-2"),
        ("funder: fondas", "funder: nera"),
    ],
    ids=["invalid", "new-id", "unknown-funder"],
)
def test_a_project_file_that_does_not_tell_alone_is_left_to_the_full_build(
    preview: Preview, content: ContentTree, old, new
):
    output = Path(preview.request.output_dir)
    before = output_files(output)
    project = content.write(
        "data/projects/demo.yaml", content.read("data/projects/demo.yaml").replace(old, new)
    )
    assert quick_pages(preview.kept, [project]) == []
    assert output_files(output) == before


def test_the_kept_build_is_freed_once_the_next_one_starts(preview: Preview):
    """Pelican keeps what it rendered in class-wide caches; pages rendered after its run (on every core)
    filled them again, and they held the devserver's last build, its whole site, into the next."""
    import gc
    import weakref

    site = weakref.ref(preview.kept.context.site)
    preview.quick(set())  # as the devserver does before each build: the kept build let go
    gc.collect()
    assert site() is None


def test_the_articles_of_a_rebuild_hold_their_html_packed_until_a_page_reads_it(preview: Preview):
    """The content cache keeps each text packed; an article read from it keeps it so (reader.py), and
    gives it whole to whatever reads it."""
    from skaidra_core.cached_html import CachedHTML

    assert preview.build() == 0  # with the content cache the first build filled
    (*_, kwargs), *_ = preview.kept.context.shown_on["posts/labas.md"]
    article = kwargs["article"]
    assert isinstance(article.__dict__["_held_content"], CachedHTML)
    assert "Pirmoji naujiena." in BeautifulSoup(article._content, "html.parser").get_text()
    assert article.content == article._content
