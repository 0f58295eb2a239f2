"""A rebuild over an earlier output: after every kind of change the output is byte-identical to a
cold build of the same content, and the files whose bytes did not change are not touched (bytes and
modification time), so that an upload sends only what changed. With the content cache on (the
devserver), pages whose inputs did not change are not even rendered (page_memo.py)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOT, ContentTree, html, skaidra, skaidra_process, text
from PIL import Image

pytestmark = pytest.mark.usefixtures("english_messages")  # they read the build's summary line

EPOCH = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28


def _pictures() -> list[bytes]:
    found = []
    for colour in ((11, 92, 79), (255, 191, 71)):
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
        found.append(buffer.getvalue())
    return found


PICTURES = _pictures()
THEME_BASE = '{% extends "!theme/base.html" %}\n{% block head %}<meta name="skaidra-test" content="WORD">{{ super() }}{% endblock %}\n'


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_into(content: Path, output: Path, settings: Path, env: dict = EPOCH) -> tuple[int, int]:
    """Build; return (pages rendered, pages in all) from the summary line."""
    run = skaidra(
        "html",
        "--input",
        str(content),
        "--output",
        str(output),
        "--settings",
        str(settings),
        env=env,
    )
    assert run.code == 0, run.err
    rendered, pages = re.search(r"pages rendered: ([\d,]+) of ([\d,]+);", run.err).groups()
    return int(rendered.replace(",", "")), int(pages.replace(",", ""))


class Site:
    """A content folder with its own settings and templates, built again and again into one output."""

    def __init__(self, content: ContentTree, tmp_path: Path, cached: bool = False):
        self.content = content
        self.tmp = tmp_path
        self.folder = tmp_path / "svetaine"
        (self.folder / "templates").mkdir(parents=True)
        self.settings = self.folder / "siteconf.py"
        self.cache = (
            f"CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
            if cached
            else ""
        )
        self.set_settings("")
        self.set_template("pirmas")
        self.output = tmp_path / "output"
        self.colds = 0
        self.env = dict(EPOCH)

    def set_settings(self, lines: str) -> None:
        self.settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
            f'THEME_TEMPLATES_OVERRIDES = ["templates"]\n{self.cache}{lines}',
            encoding="utf-8",
        )

    def set_template(self, word: str) -> None:
        (self.folder / "templates" / "base.html").write_text(
            THEME_BASE.replace("WORD", word), encoding="utf-8"
        )

    def rebuild(self) -> tuple[set[str], set[str]]:
        """Build over the last output; assert it equals a cold build and that only changed files were touched.

        Returns (the files written, the files deleted); `self.rendered` is how many pages were rendered."""
        before = state(self.output) if self.output.exists() else {}
        self.rendered, self.pages = build_into(
            self.content.root, self.output, self.settings, self.env
        )
        after = state(self.output)
        self.colds += 1
        cold = self.tmp / f"cold-{self.colds}"
        assert (
            build_into(self.content.root, cold, self.settings, self.env)[0] == self.pages
        )  # a new folder: all rendered
        assert {path: data for path, (data, _) in after.items()} == {
            path: data for path, (data, _) in state(cold).items()
        }
        touched = {
            path
            for path, (data, mtime) in after.items()
            if path not in before or before[path][1] != mtime
        }
        changed = {
            path
            for path, (data, _) in after.items()
            if path not in before or before[path][0] != data
        }
        assert touched == changed  # nothing rewritten with the same bytes
        return changed, set(before) - set(after)


def edit(content: ContentTree, relative: str, old: str, new: str) -> None:
    text = content.read(relative)
    assert old in text
    content.write(relative, text.replace(old, new))


def pages(paths: set[str]) -> set[str]:
    """Leaving out the search index's files, named by their contents."""
    return {path for path in paths if not path.startswith("pagefind/")}


@pytest.mark.parametrize("cached", [False, True], ids=["cold-cache", "content-cache"])
def test_every_kind_of_change_gives_what_a_cold_build_gives_and_touches_only_what_changed(
    content, tmp_path, cached, monkeypatch
):
    from skaidra_core import page_memo

    # what is worked out from a file is taken by its size and time even for files just edited, as it
    # is for files a second old in use
    monkeypatch.setattr(page_memo, "SETTLED_NS", 0)
    content.write(
        "posts/antra.md",
        "---\ntitle: Antra naujiena\ndate: 2024-02-02\ntags: [vienintele]\n---\nAntros tekstas.\n",
    )
    site = Site(content, tmp_path, cached)
    site.rebuild()

    # the same content again: nothing is written, and with the cache nothing is rendered
    written, deleted = site.rebuild()
    assert (written, deleted) == (set(), set())
    assert site.rendered == (0 if cached else site.pages)

    # an edited post: its page changes, and pages that show its words; the rest stays
    edit(content, "posts/labas.md", "Pirmoji naujiena.", "Pirmoji naujiena, pataisyta.")
    written, deleted = site.rebuild()
    assert pages(written) == {  # its page, the listings that show its summary, the feeds; nothing else
        "naujienos/labas/index.html", "naujienos/index.html", "naujienos/zymos/pirma/index.html", "index.html",
        "projektai/demo-1/index.html", "en/projects/demo-1/index.html", "feeds/all.atom.xml", "feeds/lt.atom.xml",
    }  # fmt: skip
    assert not pages(deleted)

    # words far down a post, beyond anything a summary shows: with the cache, only its page is rendered
    long = "Pradžia. " + "žodis " * 300
    edit(content, "posts/labas.md", "Pirmoji naujiena, pataisyta.", long + "\n\nPabaiga.")
    site.rebuild()
    edit(content, "posts/labas.md", "Pabaiga.", "Kita pabaiga.")
    written, deleted = site.rebuild()
    assert "naujienos/labas/index.html" in written and "naujienos/index.html" not in written
    assert site.rendered == (1 if cached else site.pages)

    # a new post
    content.write(
        "posts/trecia.md", "---\ntitle: Trečia\ndate: 2024-02-03\n---\nTrečios tekstas.\n"
    )
    written, deleted = site.rebuild()
    assert "naujienos/trecia/index.html" in written and not pages(deleted)

    # a renamed file keeps its address (a post's comes from its title): nothing changes
    (content.root / "posts/trecia.md").rename(content.root / "posts/treciasis.md")
    written, deleted = site.rebuild()
    assert (pages(written), pages(deleted)) == (set(), set())

    # a new title moves the post: the old address disappears
    edit(content, "posts/treciasis.md", "title: Trečia", "title: Trečioji")
    written, deleted = site.rebuild()
    assert "naujienos/trecioji/index.html" in written and "naujienos/trecia/index.html" in deleted

    # the last post with a tag is deleted: its page and its tag's page disappear
    tag_pages = {path for path in state(site.output) if "vienintele" in path}
    assert tag_pages
    content.remove("posts/antra.md")
    written, deleted = site.rebuild()
    assert "naujienos/antra-naujiena/index.html" in deleted and tag_pages <= deleted

    # a project's amount: its page, totals and open data change
    edit(content, "data/projects/demo.yaml", "amount: 1000", "amount: 1500")
    written, deleted = site.rebuild()
    assert {"projektai/demo-1/index.html", "data/grants.csv", "data/360giving.json"} <= written

    # a template: every page that uses it
    site.set_template("antras")
    written, deleted = site.rebuild()
    assert {
        "index.html",
        "naujienos/labas/index.html",
        "finansuotojai/fondas/index.html",
    } <= written

    # a setting
    site.set_settings('SKAIDRA = {"words": {"lt": {"news": "zinios"}}}\n')
    written, deleted = site.rebuild()
    assert "zinios/labas/index.html" in written and "naujienos/labas/index.html" in deleted

    # site.yaml
    content.write("site.yaml", "title: Kita svetainė\n")
    written, deleted = site.rebuild()
    assert "index.html" in written

    # a translation: the original's page links to it
    content.write(
        "posts/labas.en.md",
        "---\ntitle: Hello\ndate: 2024-02-01\nlang: en\nslug: labas\n---\nFirst news.\n",
    )
    written, deleted = site.rebuild()
    assert {"en/news/labas/index.html", "zinios/labas/index.html"} <= written

    # time passes: a coming event becomes a past one
    content.write(
        "events/susitikimas.md",
        "---\ntitle: Susitikimas\nstart: 2026-06-15 10:00\n---\nSusitikimo aprašymas.\n",
    )
    site.rebuild()
    site.env["SOURCE_DATE_EPOCH"] = "1782000000"  # 2026-06-20
    written, deleted = site.rebuild()
    assert {"en/events/index.html", "en/events/past/index.html"} <= written

    # an event joins a project: the project's calendar and page show it; its own calendar is retitled
    edit(
        content,
        "events/susitikimas.md",
        "title: Susitikimas\n",
        "title: Susitikimas su komanda\nproject: DEMO-1\n",
    )
    written, deleted = site.rebuild()
    assert {
        "projektai/demo-1/calendar.ics",
        "projektai/demo-1/index.html",
        "renginiai/susitikimas/susitikimas.ics",
    } <= written

    # a picture replaced by another of the same name
    picture = content.root / "media/nuotrauka.png"
    picture.write_bytes(PICTURES[0])
    edit(
        content,
        "posts/labas.md",
        "tags: [pirma]",
        "tags: [pirma]\nimage: nuotrauka.png\nimage_alt: Dalyviai",
    )
    site.rebuild()
    picture.write_bytes(PICTURES[1])
    written, deleted = site.rebuild()
    assert "zinios/labas/index.html" in written

    # and nothing again: the pictures stay, although no page that shows them is rendered
    written, deleted = site.rebuild()
    assert (written, deleted) == (set(), set())
    assert site.rendered == (0 if cached else site.pages)


@pytest.mark.parametrize(
    ("added", "message"),
    [
        ("<script>alert(1)</script>", "body: the <script> element is not allowed in content"),
        ("![](/media/nuotrauka.png)", "Empty alt attribute for image nuotrauka.png"),
    ],
    ids=["html-policy", "picture-without-alt-text"],
)
def test_a_refused_body_is_refused_again_with_the_content_cache(content, tmp_path, added, message):
    """The cache remembers only the texts found clean (by the HTML policy), and a text it keeps packed
    is checked as a text read (Pelican's check of pictures without alt text): a refused body is
    refused every time."""
    site = Site(content, tmp_path, cached=True)
    content.write("media/nuotrauka.png", PICTURES[0])
    site.rebuild()
    edit(content, "posts/labas.md", "Pirmoji naujiena.", f"Pirmoji naujiena.\n\n{added}")
    for _ in range(2):
        run = skaidra(
            "html",
            "--input",
            str(content.root),
            "--output",
            str(site.output),
            "--settings",
            str(site.settings),
            env=EPOCH,
        )
        assert run.code == 1 and message in run.err, run.err


@pytest.mark.parametrize("cached", [False, True], ids=["cold-cache", "content-cache"])
def test_a_failed_rebuild_touches_nothing(content, tmp_path, cached):
    site = Site(content, tmp_path, cached)
    site.rebuild()
    before = state(site.output)
    edit(content, "data/projects/demo.yaml", "amount: 1000", "amount: daug")
    run = skaidra(
        "html",
        "--input",
        str(content.root),
        "--output",
        str(site.output),
        "--settings",
        str(site.settings),
        env=EPOCH,
    )
    assert run.code == 1
    assert state(site.output) == before


def test_a_file_where_a_folder_now_goes_and_a_folder_where_a_file_goes(tmp_path):
    from skaidra.output_folder import bring_in

    output, scratch = tmp_path / "output", tmp_path / "scratch"
    (output / "a").mkdir(parents=True)
    (output / "a" / "index.html").write_text("old folder")
    (output / "b").write_text("old file")
    (output / "c" / "d").mkdir(parents=True)
    (output / "c" / "d" / "e.html").write_text("gone, with its folders")
    (output / "same.txt").write_text("same")
    mtime = os.stat(output / "same.txt").st_mtime_ns
    (scratch / "b").mkdir(parents=True)
    (scratch / "b" / "index.html").write_text("new folder")
    (scratch / "a").write_text("new file")
    (scratch / "same.txt").write_text("same")
    changes = bring_in(scratch, output)
    assert sorted(changes.written) == ["a", "b/index.html"]
    assert sorted(changes.deleted) == ["a/index.html", "b", "c/d/e.html"] and changes.kept == 1
    assert (output / "a").read_text() == "new file" and (
        output / "b" / "index.html"
    ).read_text() == "new folder"
    assert not (output / "c").exists() and not scratch.exists()
    assert os.stat(output / "same.txt").st_mtime_ns == mtime


@pytest.mark.parametrize("listing", ["then", "aside", "aside-failed", "unforked"])
def test_files_taken_from_the_last_build_stay_where_they_are(tmp_path, monkeypatch, listing):
    """A rebuild's scratch folder holds only what it made anew; what it took is left in the output. The
    output's files are listed when it is brought in, or from the start of the build in a process of its
    own (listed again if that process failed; in this one where the system cannot fork)."""
    from contextlib import nullcontext

    from skaidra import output_folder
    from skaidra.output_folder import bring_in, listed_aside

    output, scratch = tmp_path / "output", tmp_path / "scratch"
    for name in ("kept/index.html", "remade/index.html", "gone/index.html", "both/index.html"):
        (output / name).parent.mkdir(parents=True)
        (output / name).write_text(f"old {name}")
    mtime = os.stat(output / "kept/index.html").st_mtime_ns
    if listing == "aside-failed":
        monkeypatch.setattr(output_folder, "_listed", lambda folders: 1 / 0)
    if listing == "unforked":
        monkeypatch.delattr(os, "fork")
    forks = forks_counted(monkeypatch, output_folder)
    with listed_aside(output) if listing != "then" else nullcontext() as listed:
        for name in ("remade/index.html", "new/index.html", "both/index.html"):
            (scratch / name).parent.mkdir(parents=True)
            (scratch / name).write_text(f"new {name}")
        kept = {"kept/index.html", "both/index.html", "lost.html"}
        changes = bring_in(scratch, output, kept=kept, before=listed)
    assert len(forks) == (1 if listing.startswith("aside") else 0)
    assert sorted(changes.written) == ["both/index.html", "new/index.html", "remade/index.html"]
    assert changes.deleted == ("gone/index.html",) and changes.kept == 1
    assert (output / "kept/index.html").read_text() == "old kept/index.html"
    assert os.stat(output / "kept/index.html").st_mtime_ns == mtime
    assert (output / "both/index.html").read_text() == "new both/index.html"  # made anew wins
    assert not (output / "gone").exists() and not (output / "lost.html").exists()


def test_a_build_that_ends_before_bringing_in_leaves_no_listing_process_behind(
    tmp_path, monkeypatch
):
    from skaidra import output_folder

    (tmp_path / "output").mkdir()
    forks = forks_counted(monkeypatch, output_folder)
    with output_folder.listed_aside(tmp_path / "output"):
        pass  # the build failed: its listing is not asked for
    (forked,) = forks
    with pytest.raises(ChildProcessError):
        os.waitpid(forked.pid, os.WNOHANG)  # waited for already, not left a zombie
    assert not forked.report.exists()


def test_a_published_rebuild_checks_the_links_of_the_pages_it_took_too(content, tmp_path):
    """`skaidra publish` with the content cache: the link check sees the whole site, taken pages too."""
    site = Site(content, tmp_path, cached=True)
    site.set_settings('SITEURL = "https://svetaine.example"\n')
    for word in ("pirmas", "antras"):
        edit(content, "posts/labas.md", "Pirmoji naujiena.", f"Pirmoji naujiena, {word}.")
        run = skaidra(
            "publish", "--input", str(content.root), "--output", str(site.output),
            "--settings", str(site.settings), env=EPOCH,
        )  # fmt: skip
        assert run.code == 0, run.err
        content.write("posts/labas.md", content.read("posts/labas.md").replace(f", {word}", ""))
    rendered, pages = map(int, re.search(r"pages rendered: (\d+) of (\d+);", run.err).groups())
    assert 0 < rendered < pages  # the second took most of its pages from the first


def test_only_the_search_index_parts_whose_pages_changed_are_indexed_again(tmp_path):
    import json
    import shutil

    from skaidra.search_index import build_search_index

    first = tmp_path / "first"
    for n in range(30):
        page = first / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f"<!doctype html><html lang=lt><title>P{n}</title><body><p>Puslapis {n} apie žodį{n}.</p></body></html>"
        )
    assert build_search_index(first, pages_per_part=10) == []
    second = tmp_path / "second"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("pagefind"))
    (second / "p7" / "index.html").write_text(
        "<!doctype html><html lang=lt><title>P7</title><body><p>Kitas tekstas.</p></body></html>"
    )
    assert build_search_index(second, previous=first, pages_per_part=10) == []

    def parts(site):
        return {
            p["bundle"]: p["digest"]
            for p in json.loads((site / "pagefind/parts.json").read_text())["parts"]
        }

    before, after = parts(first), parts(second)
    assert before.keys() == after.keys() and len(after) >= 2
    changed = [bundle for bundle in after if after[bundle] != before[bundle]]
    assert len(changed) == 1
    for bundle in after:
        for file in (p for p in (second / "pagefind" / bundle).rglob("*") if p.is_file()):
            old = first / "pagefind" / bundle / file.relative_to(second / "pagefind" / bundle)
            reused = old.exists() and file.samefile(old)
            assert reused == (bundle not in changed), (
                file
            )  # untouched parts are the last build's files


def test_a_build_leaves_the_unchanged_search_parts_in_its_last_output_and_reads_no_kept_page_twice(
    tmp_path, monkeypatch
):
    import json

    from skaidra_model import cache_files
    from skaidra_model.source_files import SETTLED_NS

    from skaidra.search_index import Reuse, build_search_index

    last, scratch = tmp_path / "output", tmp_path / "scratch"
    settled = time.time_ns() - 2 * SETTLED_NS
    for n in range(30):
        page = last / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f"<!doctype html><html lang=lt><title>P{n}</title><body><p>Puslapis {n} apie žodį{n}.</p></body></html>"
        )
        os.utime(page, ns=(settled, settled))
    assert build_search_index(last, pages_per_part=10) == []
    stamps = tmp_path / "cache" / "search.pickle"
    kept = {f"p{n}/index.html" for n in range(30) if n != 7}  # p7 is made anew
    (scratch / "p7").mkdir(parents=True)
    (scratch / "p7" / "index.html").write_text(
        "<!doctype html><html lang=lt><title>P7</title><body><p>Kitas tekstas.</p></body></html>"
    )
    reuse = Reuse(set(kept), parts_kept=True, stamps=stamps)
    assert build_search_index(scratch, previous=last, pages_per_part=10, reuse=reuse) == []
    listed = json.loads((scratch / "pagefind/parts.json").read_text())["parts"]
    made = [part["bundle"] for part in listed if (scratch / "pagefind" / part["bundle"]).is_dir()]
    assert len(made) == 1 and len(listed) >= 2  # only the part of the page made anew
    assert all(part["languages"] == ["lt"] for part in listed)
    left = {
        path for path in reuse.kept - kept
    }  # the other parts' files, where the last build left them
    assert left and all(path.startswith("pagefind/") and (last / path).is_file() for path in left)
    assert not any(path.startswith(f"pagefind/{made[0]}") for path in left)
    assert set(cache_files.kept(stamps)) == kept  # the kept pages' digests, for the next build

    # the next build reads no kept page whose size and time are as they were: its digest is known
    page = last / "p3" / "index.html"
    page.write_text(page.read_text().replace("Puslapis", "PUSLAPIS"))
    os.utime(page, ns=(settled, settled))
    again = tmp_path / "again"
    shutil.copytree(scratch, again, ignore=shutil.ignore_patterns("pagefind"))
    assert (
        build_search_index(
            again, previous=last, pages_per_part=10, reuse=Reuse(set(kept), True, stamps)
        )
        == []
    )
    assert json.loads((again / "pagefind/parts.json").read_text())["parts"] == listed

    # nor looks at the kept pages the page memo found as it left them (`Reuse.seen`)
    seen = {page: [(last / page).stat().st_size, (last / page).stat().st_mtime_ns] for page in kept}
    looked = stats_counted(monkeypatch)
    third = tmp_path / "third"
    shutil.copytree(scratch, third, ignore=shutil.ignore_patterns("pagefind"))
    reuse = Reuse(set(kept), True, stamps, seen)
    assert build_search_index(third, previous=last, pages_per_part=10, reuse=reuse) == []
    assert json.loads((third / "pagefind/parts.json").read_text())["parts"] == listed
    assert not [path for path in looked if path.startswith(str(last)) and path.endswith(".html")]


def test_a_large_sections_pages_have_search_parts_of_their_own():
    """Posts and projects in parts of their own; funders, organisations and single pages, which a
    changed figure touches, share a part, so that such a change re-indexes few pages."""
    from skaidra.search_index import share_out

    pages = [f"naujienos/n{n}/index.html" for n in range(25)]
    pages += [f"projektai/p{n}/index.html" for n in range(6)]
    pages += [f"en/projects/p{n}/index.html" for n in range(6)]
    pages += ["finansuotojai/f/index.html", "en/funders/f/index.html", "apie/index.html"]
    parts = share_out(pages, 10, languages=("en",))
    assert sorted(parts) == [
        "naujienos-0/",
        "naujienos-1/",
        "naujienos-2/",
        "pages-0/",
        "projects-0/",
        "projektai-0/",
    ]
    assert parts["pages-0/"] == sorted(
        ["apie/index.html", "en/funders/f/index.html", "finansuotojai/f/index.html"]
    )
    assert sorted(page for part in parts.values() for page in part) == sorted(pages)
    assert share_out(pages, 10, languages=("en",)) == parts  # each page always in the same part
    named = share_out([f"pages/p{n}/index.html" for n in range(8)] + ["apie/index.html"], 10)
    assert list(named) == ["pages-0/"] and len(named["pages-0/"]) == 9  # no two parts of one name


def test_a_part_of_large_pages_holds_fewer_of_them():
    """Pagefind's time grows with the bytes of a part's pages: a section of large pages (projects) is
    shared out among as many parts as its bytes ask (BYTES_PER_PART), small pages only by number."""
    from skaidra.search_index import BYTES_PER_PART, share_out

    posts = [f"naujienos/n{n}/index.html" for n in range(40)]
    projects = [f"projektai/p{n}/index.html" for n in range(40)]
    sizes = {page: BYTES_PER_PART // 100 for page in posts}  # 40 posts: 0.4 of a part
    sizes |= {page: BYTES_PER_PART // 10 for page in projects}  # 40 projects: four parts' worth
    parts = share_out(posts + projects, 50, sizes=sizes)
    assert sorted(parts) == ["naujienos-0/", *(f"projektai-{n}/" for n in range(4))]
    assert all(
        sum(sizes[page] for page in parts[f"projektai-{n}/"]) < 2 * BYTES_PER_PART for n in range(4)
    )
    # each page always in the same part; without sizes, parts by number alone
    assert share_out(posts + projects, 50, sizes=sizes) == parts
    assert list(share_out(posts + projects, 50)) == ["naujienos-0/", "projektai-0/"]


def test_the_index_shares_pages_out_by_their_bytes_as_built(tmp_path, monkeypatch):
    """The sizes share_out weighs are those of the pages built (and kept from the last build)."""
    import json

    from skaidra import search_index

    site = tmp_path / "site"
    for n in range(6):
        page = site / "projektai" / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        words = " ".join(f"žodis{n}x{i}" for i in range(150))
        page.write_text(
            f"<!doctype html><html lang=lt><title>P{n}</title><body><main data-pagefind-body>"
            f"<p>{words}</p></main></body></html>",
            encoding="utf-8",
        )
    size = (site / "projektai/p0/index.html").stat().st_size
    monkeypatch.setattr(search_index, "BYTES_PER_PART", 2 * size)  # two pages a part
    assert search_index.build_search_index(site, pages_per_part=10) == []
    parts = json.loads((site / "pagefind/parts.json").read_text())["parts"]
    assert len(parts) >= 2 and all(p["bundle"].startswith("projektai-") for p in parts)


def test_the_largest_parts_are_indexed_first(tmp_path, monkeypatch):
    """Parts are started largest first: on two cores, three changed parts end when the largest does,
    not after a small one and then the largest."""
    from skaidra import search_index

    site = tmp_path / "site"
    for section, count, words in (("a", 3, 10), ("b", 3, 400), ("c", 3, 100)):
        for n in range(count):
            page = site / section / f"p{n}" / "index.html"
            page.parent.mkdir(parents=True)
            text = " ".join(f"žodis{n}x{i}" for i in range(words))
            page.write_text(
                f"<!doctype html><html lang=lt><title>{section}{n}</title><body>"
                f"<main data-pagefind-body><p>{text}</p></main></body></html>",
                encoding="utf-8",
            )
    started = []
    index = search_index._index

    def noted(site_, pages, target, *rest):
        started.append(target.name)
        return index(site_, pages, target, *rest)

    monkeypatch.setattr(search_index, "_index", noted)
    assert search_index.build_search_index(site, pages_per_part=4) == []
    assert started == ["b-0", "c-0", "a-0"]  # by bytes, not by name


def test_a_part_indexed_again_takes_the_fragments_of_its_unchanged_pages(tmp_path):
    """A part whose page changed is indexed again with the fragments of its other pages taken from the
    last build (linked, and left as they were there): the index is the one a cold build makes."""
    import json

    from skaidra.search_index import Reuse, build_search_index

    def write(site, n, text):
        page = site / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"<!doctype html><html lang=lt><title>P{n}</title><body><main data-pagefind-body>"
            f"<p>{text}</p></main></body></html>",
            encoding="utf-8",
        )

    last, scratch, cold = tmp_path / "output", tmp_path / "scratch", tmp_path / "cold"
    for n in range(6):
        write(last, n, f"Puslapis {n} apie žodį{n}.")
        write(cold, n, "Kitas tekstas." if n == 2 else f"Puslapis {n} apie žodį{n}.")
    assert build_search_index(last, pages_per_part=10) == []
    (part,) = json.loads((last / "pagefind/parts.json").read_text())["parts"]
    fragments = last / "pagefind" / part["bundle"] / "fragment"
    before = {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in fragments.iterdir()}
    write(scratch, 2, "Kitas tekstas.")  # p2 made anew, the others taken
    kept = {f"p{n}/index.html" for n in range(6) if n != 2}
    reuse = Reuse(set(kept), parts_kept=True)
    assert build_search_index(scratch, previous=last, pages_per_part=10, reuse=reuse) == []
    assert build_search_index(cold, pages_per_part=10) == []

    def files(folder):
        return {
            f.relative_to(folder).as_posix(): f.read_bytes()
            for f in folder.rglob("*")
            if f.is_file()
        }

    assert files(scratch / "pagefind") == files(cold / "pagefind")  # the index a cold build makes
    made = scratch / "pagefind" / part["bundle"] / "fragment"
    taken = [f for f in made.iterdir() if f.name in before and f.samefile(fragments / f.name)]
    assert len(taken) == 5  # the unchanged pages', linked; the changed one's is Pagefind's
    assert {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in fragments.iterdir()} == before


def test_pages_whose_text_is_not_searched_are_not_indexed_nor_index_again(tmp_path):
    """Lists and filters (no `data-pagefind-body`) are not handed to Pagefind: a list that changes with
    every post re-indexes no part."""
    import json
    import shutil

    from skaidra.search_index import build_search_index

    def write(site, name, text, marked):
        page = site / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        body = (
            f"<main data-pagefind-body><p>{text}</p></main>"
            if marked
            else f"<main><p>{text}</p></main>"
        )
        page.write_text(
            f"<!doctype html><html lang=lt><title>{name}</title><body>{body}</body></html>"
        )

    first = tmp_path / "first"
    for n in range(12):
        write(first, f"irasas-{n}", f"Įrašas apie žodį{n}.", marked=True)
        write(first, f"sarasas-{n}", f"Sąrašas su žodžiu{n}.", marked=False)
    assert build_search_index(first, pages_per_part=5) == []
    listed = json.loads((first / "pagefind/parts.json").read_text())["parts"]
    entries = [
        json.loads((first / "pagefind" / p["bundle"] / "pagefind-entry.json").read_text())
        for p in listed
    ]
    assert len(listed) == 3  # twelve marked pages, five a part: the twelve lists took no part
    assert all(part["languages"] == ["lt"] for part in listed)  # the search page merges its own
    assert sum(entry["languages"]["lt"]["page_count"] for entry in entries) == 12

    second = tmp_path / "second"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("pagefind"))
    write(second, "sarasas-3", "Sąrašas su nauju įrašu.", marked=False)
    assert build_search_index(second, previous=first, pages_per_part=5) == []
    assert json.loads((second / "pagefind/parts.json").read_text())["parts"] == listed
    for file in (
        p for p in (second / "pagefind").rglob("*") if p.is_file() and p.name != "parts.json"
    ):
        assert file.samefile(first / file.relative_to(second)), file  # every part the last build's


@pytest.mark.parametrize("processes", [1, 2])
def test_a_template_that_fails_while_rendering_fails_the_build_and_touches_nothing(
    content, tmp_path, processes
):
    """A page fails in the build's own process or in a forked one alike: a clear line, the output as it was."""
    site = Site(content, tmp_path)
    site.set_settings(f'SKAIDRA = {{"processes": {processes}}}\n')
    site.rebuild()
    before = state(site.output)
    (site.folder / "templates" / "base.html").write_text(
        '{% extends "!theme/base.html" %}\n{% block head %}{{ 1 / 0 }}{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    run = skaidra(
        "html",
        "--input",
        str(content.root),
        "--output",
        str(site.output),
        "--settings",
        str(site.settings),
        env=EPOCH,
    )
    assert run.code == 1
    assert "error: the build crashed; this is a bug in Skaidra, please report it:" in run.err
    assert "ZeroDivisionError" in run.err
    assert state(site.output) == before


def forks_counted(monkeypatch, *modules) -> list:
    """The processes each of `modules` forks from now on (its `fork`), as they are started."""
    started = []
    for module in modules:
        forking = module.fork
        monkeypatch.setattr(
            module, "fork", lambda *args, f=forking: started.append(f(*args)) or started[-1]
        )
    return started


def stats_counted(monkeypatch) -> list[str]:
    """The paths every `os.stat` looks at from now on, in order."""
    looked: list[str] = []
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        looked.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return looked


def crashed_rebuild(site: Site, before: dict, started: list):
    """Build `site` again, in this process, where something crashes: the build fails, waits for every
    process it `started`, and leaves the output as it was `before`, with no scratch folder."""
    run = skaidra(
        "html", "--input", str(site.content.root), "--output", str(site.output),
        "--settings", str(site.settings), env=EPOCH,
    )  # fmt: skip
    assert run.code == 1
    for process in started:
        with pytest.raises(ChildProcessError):  # waited for already
            os.waitpid(process.pid, os.WNOHANG)
        assert not process.report.exists()
    assert state(site.output) == before
    assert not list(site.output.parent.glob(".*.build-*"))
    return run


def test_a_build_that_crashes_after_pages_were_started_leaves_no_process_behind(
    content, tmp_path, monkeypatch
):
    """Pelican's own pages start rendering in forked processes while Skaidra's generators run: when one of
    those then crashes, the build waits for the processes, fails clearly and touches nothing."""
    from skaidra_core import writer
    from skaidra_events.events import EventsGenerator

    site = Site(content, tmp_path)
    site.set_settings('SKAIDRA = {"processes": 2}\n')
    site.rebuild()
    before = state(site.output)
    started = forks_counted(monkeypatch, writer)
    monkeypatch.setattr(writer, "EARLY_FROM", 1)  # this site's few pages are started early too

    def crash(self, events):
        raise RuntimeError("a generator's bug")

    monkeypatch.setattr(EventsGenerator, "write_calendars", crash)
    run = crashed_rebuild(site, before, started)
    assert "RuntimeError: a generator's bug" in run.err
    assert started  # the pages were started before the crash


def test_a_rebuild_that_renders_a_few_pages_renders_them_in_its_own_process(
    content, tmp_path, monkeypatch
):
    """Pelican's pages start rendering early in forked processes only when there are enough of them
    (writer.EARLY_FROM), and a share of the rest is forked only when it holds pages: after one post's
    text, its page is rendered in the build's own process, as a cold build would render it."""
    from skaidra_core import writer
    from skaidra_model import shared_work

    content.write(
        "posts/ilgas.md",
        "---\ntitle: Ilgas\ndate: 2024-02-03\n---\n" + "Pradžia. " * 150 + "\n\nPabaiga.\n",
    )  # listings show the start of its text (page_memo.HEAD): only its page shows the end
    site = Site(content, tmp_path, cached=True)
    site.set_settings('SKAIDRA = {"processes": 2}\n')
    site.rebuild()
    forked = forks_counted(monkeypatch, writer, shared_work)
    edit(content, "posts/ilgas.md", "Pabaiga.", "Pataisyta pabaiga.")
    rendered, _pages = build_into(content.root, site.output, site.settings, site.env)
    assert rendered == 1 and forked == []
    assert "Pataisyta pabaiga." in text(html(site.output / "naujienos/ilgas/index.html"))
    monkeypatch.setattr(writer, "EARLY_FROM", 1)
    edit(content, "posts/ilgas.md", "Pataisyta pabaiga.", "Dar kartą pataisyta pabaiga.")
    assert build_into(content.root, site.output, site.settings, site.env)[0] == 1
    assert len(forked) == 1  # started early, as a cold build starts Pelican's pages
    assert "Dar kartą" in text(html(site.output / "naujienos/ilgas/index.html"))


def test_a_rebuild_looks_at_each_page_it_takes_from_the_last_build_once(
    content, tmp_path, monkeypatch
):
    """The page memo finds each page it takes as the last build left it; the search index takes what it
    found (`Reuse.seen`) instead of looking again."""
    from collections import Counter

    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    site.rebuild()
    stats = stats_counted(monkeypatch)
    rendered, _pages = build_into(content.root, site.output, site.settings, site.env)
    output = str(site.output) + "/"
    looked = Counter(path for path in stats if path.startswith(output) and path.endswith(".html"))
    assert rendered == 0 and len(looked) > 10
    assert max(looked.values()) == 1, looked.most_common(3)


def test_pages_rendered_together_are_shared_out_a_language_to_a_process(
    content, tmp_path, monkeypatch
):
    """The pages rendered after every generator has run go to the processes in runs of one language:
    a process renders a card (`render_once`) once for all its pages, and each card in one process."""
    from skaidra_core import writer

    site = Site(content, tmp_path, cached=True)
    site.set_settings('SKAIDRA = {"processes": 2}\n')
    shared = []
    sharing = writer.share_out

    def share_out(work, items, processes, started=(), contiguous=False):
        shared.append(([job[2].get("lang") or "" for job in items], contiguous))
        return sharing(work, items, processes, started, contiguous)

    monkeypatch.setattr(writer, "share_out", share_out)
    rendered, _pages = build_into(content.root, site.output, site.settings, site.env)
    (languages, contiguous), *_ = shared
    assert rendered > 20 and contiguous and {"lt", "en"} <= set(languages)
    assert languages == sorted(languages)  # each language's pages in one run


def test_pelicans_content_cache_is_written_again_only_when_a_file_was_read_anew(content, tmp_path):
    """Pelican writes its whole content cache after every build (10 MB at 5 000 posts): only a build
    that read a post anew writes it."""
    content.write("posts/zinia.md", "---\ntitle: Žinia\ndate: 2024-02-03\n---\nPirmas tekstas.\n")
    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    (cache,) = tmp_path.rglob("ArticlesGenerator-Readers")
    written = cache.stat().st_mtime_ns
    site.rebuild()
    assert cache.stat().st_mtime_ns == written
    edit(content, "posts/zinia.md", "Pirmas tekstas.", "Antras tekstas.")
    site.rebuild()
    assert cache.stat().st_mtime_ns != written
    assert "Antras tekstas." in text(html(site.output / "naujienos/zinia/index.html"))


def test_the_sitemap_is_taken_from_the_last_build_while_the_pages_it_lists_are_the_same(
    content, tmp_path, monkeypatch
):
    """Listing 10 000 pages again takes a tenth of a second: the sitemap is made again only when the
    pages it lists, or their versions, changed."""
    from skaidra_discovery import discovery

    content.write("posts/zinia.md", "---\ntitle: Žinia\ndate: 2024-02-03\n---\nPirmas tekstas.\n")
    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    made = []
    making = discovery.sitemap
    monkeypatch.setattr(discovery, "sitemap", lambda *args: made.append(args) or making(*args))
    edit(content, "posts/zinia.md", "Pirmas tekstas.", "Antras tekstas.")  # the same pages
    build_into(content.root, site.output, site.settings, site.env)
    assert made == [] and "sitemap.xml" not in rendered_pages(site)
    content.write("posts/kita.md", "---\ntitle: Kita\ndate: 2024-02-04\n---\nKita žinia.\n")
    build_into(content.root, site.output, site.settings, site.env)
    assert len(made) == 1 and "sitemap.xml" in rendered_pages(site)
    listed = ElementTree.parse(site.output / "sitemap.xml").getroot()
    places = [loc.text for loc in listed.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(place.endswith("/naujienos/kita/") for place in places)
    assert any(place.endswith("/naujienos/zinia/") for place in places)


def test_open_data_made_aside_that_fails_fails_the_build_and_leaves_no_process_behind(
    content, tmp_path, monkeypatch
):
    """With processes to spare, the open data is made in a process of its own while the pages are written
    (generator.make_aside): when it fails there, the build waits for every process, says what failed and
    touches nothing."""
    from skaidra_core import generator
    from skaidra_open_data.open_data import OpenDataGenerator

    site = Site(content, tmp_path)
    site.set_settings('SKAIDRA = {"processes": 2}\n')
    site.rebuild()
    before = state(site.output)
    content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace("amount: 1000", "amount: 1001"),
    )  # the open data must be made again
    started = forks_counted(monkeypatch, generator)

    def crash(self, network):
        raise RuntimeError("open data's bug")

    monkeypatch.setattr(OpenDataGenerator, "write_files", crash)
    run = crashed_rebuild(site, before, started)
    assert "error: the build crashed; this is a bug in Skaidra, please report it:" in run.err
    assert "RuntimeError: open data's bug" in run.err
    assert len(started) == 1  # made aside, not in the build's own process


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "content-cache"])
def test_posts_dated_now_or_later_are_where_pelican_puts_them_and_the_others_where_the_reader_does(
    content, tmp_path, cached
):
    """The reader gives each post and page its address (reader.py), so that Pelican need not work it out
    each time one is read from the cache; a post dated from a day before now on keeps the address Pelican
    works out (it may yet make it a draft). Both are where a post's address is."""
    coming = dt.datetime.now() + dt.timedelta(hours=3)
    content.write(
        "posts/netrukus.md",
        f"---\ntitle: Netrukus\ndate: {coming:%Y-%m-%d %H:%M}\n---\nTuoj bus.\n",
    )
    content.write(
        "posts/labas.en.md",
        "---\ntitle: Hello\nslug: labas\nlang: en\ndate: 2024-02-01\n---\nFirst news.\n",
    )
    site = Site(content, tmp_path, cached=cached)
    for _ in range(2):  # the second from the content cache, where there is one
        site.rebuild()
        news = {
            a["href"]
            for a in html(site.output / "naujienos/index.html").select("main h2 a, main h3 a")
        }
        assert {"/naujienos/labas/", "/naujienos/netrukus/"} <= news
        for page in ("naujienos/labas", "naujienos/netrukus", "en/news/labas", "apie-mus"):
            assert (site.output / page / "index.html").is_file(), page


@pytest.mark.parametrize("cached", [False, True], ids=["cold", "content-cache"])
def test_with_future_dates_off_a_post_dated_later_waits_for_its_date_as_a_draft_does(
    content, tmp_path, cached
):
    """A site may set Pelican's `WITH_FUTURE_DATES = False`: a post dated later than now is then left out
    until its date, as one with `status: draft` is; it was written at a draft's address, and failed."""
    coming = dt.datetime.now() + dt.timedelta(hours=3)
    content.write(
        "posts/netrukus.md",
        f"---\ntitle: Netrukus\ndate: {coming:%Y-%m-%d %H:%M}\n---\nTuoj bus.\n",
    )
    site = Site(content, tmp_path, cached=cached)
    site.set_settings("WITH_FUTURE_DATES = False\n")
    for _ in range(2):  # the second from the content cache, where there is one
        site.rebuild()
        assert (site.output / "naujienos/labas/index.html").is_file()
        assert not list(site.output.rglob("*netrukus*"))
        news = {a["href"] for a in html(site.output / "naujienos/index.html").select("main a")}
        assert "/naujienos/labas/" in news and not {h for h in news if "netrukus" in h}
        sitemap = ElementTree.parse(site.output / "sitemap.xml").getroot()
        locs = [
            loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        ]
        assert any(a.endswith("/naujienos/labas/") for a in locs)
        assert not [a for a in locs if "netrukus" in a]


def rendered_pages(site: Site) -> set[str]:
    """The pages the last build rendered (the rest it took from the build before), as its record says."""
    from skaidra_core.page_memo import rendered_pages as recorded

    return set(recorded(site.tmp / "cache", site.output))


def test_a_page_is_rendered_again_only_when_what_it_read_changed(content, tmp_path):
    """Each page is keyed by what it read: the items and fields it showed, the lists it walked, the
    templates Jinja loaded for it. After each change the output is a cold build's (Site.rebuild)."""
    content.write(
        "data/projects/kitas.yaml",
        content.read("data/projects/demo.yaml")
        .replace("DEMO-1", "KITAS-2")
        .replace("Bandomasis projektas", "Kitas projektas")
        .replace("amount: 1000", "amount: 2000")
        .replace("name: Dalyviai", "name: Lankytojai")
        .replace("start: 2024-01-01", "start: 2025-01-01")
        .replace("end: 2024-12-31", "end: 2025-12-31"),
    )
    content.write(
        "data/venues.yaml",
        "- id: sale\n  name: Bendruomenės salė\n  locality: Tauragė\n  country: LT\n"
        "  accessibility: {lt: Įėjimas be laiptų.}\n",
    )
    content.write(
        "events/susitikimas.md",
        "---\ntitle: Susitikimas salėje\nstart: 2024-04-01 10:00\nlocation: sale\n---\nSusitikimas.\n",
    )
    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    site.rebuild()
    assert rendered_pages(site) == set()
    everything = {path for path in state(site.output) if path.endswith(".html")}
    news = {path for path in everything if "naujienos/" in path or "/news/" in path}
    event_pages = {
        path
        for path in everything
        if re.fullmatch(r"(renginiai|en/events)/[^/]+/index\.html", path)
        and path.split("/")[-2] not in ("praeje", "past", "vietos", "venues")
    }
    assert news and len(event_pages) == 4  # two events, in two languages

    def pages_of(slug: str) -> set[str]:
        return {path for path in everything if f"/{slug}/" in f"/{path}"}

    open_data = {path for path in state(site.output) if path.startswith("data/")}
    assert {"data/projects.json", "data/grants.csv", "data/iati-activities.xml"} <= open_data

    # one project's amount: the pages that show its money, never the other project's page or the news
    edit(content, "data/projects/demo.yaml", "amount: 1000", "amount: 1500")
    site.rebuild()
    rendered = rendered_pages(site)
    assert open_data <= rendered  # made again, as a cold build makes them (Site.rebuild)
    assert pages_of("demo-1") <= rendered
    assert not rendered & (pages_of("kitas-2") | news | event_pages), sorted(rendered)
    assert len(rendered - open_data) < len(everything) / 2
    # every list page's filters name every project, but only the lists that show this one are rendered
    lists_of_2025 = {path for path in everything if "/2025/" in f"/{path}"}
    assert len(lists_of_2025) == 2 and not rendered & lists_of_2025, sorted(lists_of_2025)

    # a template only event pages load: those pages, and no other
    (site.folder / "templates" / "event.html").write_text(
        '{% extends "!theme/event.html" %}\n{% block title %}Renginys: {{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    site.rebuild()
    assert rendered_pages(site) == event_pages

    # a new funder: its own page and the pages that list funders; no project's page, no news
    content.write(
        "data/funders.yaml",
        content.read("data/funders.yaml") + "- id: naujas\n  name: Naujas fondas\n",
    )
    site.rebuild()
    rendered = rendered_pages(site)
    assert any("naujas" in path for path in rendered)
    assert not rendered & (pages_of("demo-1") | pages_of("kitas-2") | news | event_pages)

    # one indicator's translation: that project's pages, not the other's, not the news
    edit(
        content,
        "data/projects/kitas.yaml",
        "name: Lankytojai",
        "name: Lankytojai\n        translations: {en: {name: Visitors}}",
    )
    site.rebuild()
    rendered = rendered_pages(site)
    assert "en/projects/kitas-2/index.html" in rendered
    assert not rendered & (pages_of("demo-1") | news | event_pages)

    # a venue's accessibility note: the venue's page and the events held there, no other event
    edit(content, "data/venues.yaml", "Įėjimas be laiptų.", "Įėjimas be laiptų; yra keltuvas.")
    site.rebuild()
    rendered = rendered_pages(site)
    held_there = pages_of("susitikimas")
    assert held_there and held_there <= rendered
    assert not rendered & (event_pages - held_there) and not rendered & news
    assert any("sale" in path and path not in held_there for path in rendered)  # the venue's page

    # a calendar is made again only when an event in it changed: not after a post's text; nor is the
    # open data, made from no post
    edit(content, "posts/labas.md", "Pirmoji naujiena.", "Pirmoji naujiena, pataisyta.")
    site.rebuild()
    rendered = rendered_pages(site)
    assert rendered & news and not rendered & open_data
    assert not [path for path in rendered if path.endswith(".ics")]
    calendars = {path for path in state(site.output) if path.endswith(".ics")}
    edit(content, "events/susitikimas.md", "Susitikimas.\n", "Susitikimas bendruomenėje.\n")
    site.rebuild()
    made = {path for path in rendered_pages(site) if path.endswith(".ics")}
    assert made == {"calendar.ics", "calendar.en.ics", "renginiai/susitikimas/susitikimas.ics"}
    assert made < calendars  # neither the other event's nor the projects' calendars


def test_a_projects_card_is_taken_from_the_last_build_until_what_it_shows_changes(
    content, tmp_path
):
    """A card (`render_once`) is kept for the next build with what it read (kept_partials.py): after
    one project's amount, the list renders that project's card again and takes the other's."""
    import pickle

    from skaidra_core.page_memo import record_file

    content.write(
        "data/projects/kitas.yaml",
        content.read("data/projects/demo.yaml")
        .replace("DEMO-1", "KITAS-2")
        .replace("Bandomasis projektas", "Kitas projektas"),
    )
    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    name = record_file(Path(), site.output).with_suffix(".partials.pickle").name
    (kept,) = (tmp_path / "cache").rglob(name)  # the output's, not the cold builds'
    found = pickle.loads(kept.read_bytes())
    marked = 0
    for key, (card, facts, worths) in found["partials"].items():
        if "sk-card" in card and "Kitas projektas" in card:  # the other project's card, marked
            found["partials"][key] = (
                card.replace("Kitas projektas", "Iš atminties"),
                facts,
                worths,
            )
            marked += 1
    assert marked == 2  # in both languages
    kept.write_bytes(pickle.dumps(found))

    edit(content, "data/projects/demo.yaml", "amount: 1000", "amount: 1500")
    build_into(content.root, site.output, site.settings, site.env)
    listed = text(html(site.output / "projektai/index.html"))
    assert "Iš atminties" in listed  # taken: its project did not change
    assert "Bandomasis projektas" in listed and "1 500" in listed  # rendered with the new amount

    # once what the other card shows changes, it is rendered again: the output is a cold build's
    edit(content, "data/projects/kitas.yaml", "amount: 1000", "amount: 2500")
    site.rebuild()
    listed = text(html(site.output / "projektai/index.html"))
    assert "Iš atminties" not in listed and "Kitas projektas" in listed


def test_what_is_worked_out_from_a_file_is_taken_while_its_size_and_time_are_the_same(tmp_path):
    from skaidra_core.page_memo import SETTLED_NS, Stamped

    post = tmp_path / "irasas.md"
    post.write_text("Pirmas tekstas.\n", encoding="utf-8")
    settled = time.time_ns() - 2 * SETTLED_NS
    os.utime(post, ns=(settled, settled))
    worked = []

    def work():
        worked.append(post.read_text(encoding="utf-8"))
        return f"worth {len(worked)}"

    first = Stamped()
    assert first.of("head:irasas.md", post, work) == "worth 1"
    second = Stamped(first.current)
    assert second.of("head:irasas.md", post, work) == "worth 1" and len(worked) == 1  # taken
    post.write_text("Antras tekstas.\n", encoding="utf-8")  # the same size, a new time
    third = Stamped(second.current)
    assert third.of("head:irasas.md", post, work) == "worth 2"
    assert third.current == {}  # changed this very second: worked out again next time too
    fourth = Stamped(third.current)
    assert fourth.of("head:irasas.md", post, work) == "worth 3"
    assert fourth.of("head:nera.md", tmp_path / "nera.md", work) is None and len(worked) == 3


def test_a_file_asked_of_under_several_names_in_a_build_is_looked_at_once(tmp_path, monkeypatch):
    """A post's file is asked of for its head and for its bytes: one look at it a build."""
    from skaidra_core import page_memo

    post = tmp_path / "irasas.md"
    post.write_text("Tekstas.\n", encoding="utf-8")
    looked = stats_counted(monkeypatch)
    stamped = page_memo.Stamped()
    assert stamped.of("head:irasas.md", post, lambda: "head") == "head"
    assert stamped.of("bytes:irasas.md", str(post), lambda: "bytes") == "bytes"
    assert stamped.of("head:nera.md", tmp_path / "nera.md", lambda: "none") is None
    assert stamped.of("bytes:nera.md", tmp_path / "nera.md", lambda: "none") is None
    assert looked == [str(post), str(tmp_path / "nera.md")]
    assert (
        page_memo.Stamped().of("head:irasas.md", post, lambda: "again") == "again"
    )  # a new build looks again
    assert len(looked) == 3


def test_a_build_with_a_content_cache_reads_only_the_files_that_changed_since_the_last(tmp_path):
    from skaidra_model.source_files import (
        SETTLED_NS,
        SHARDS,
        keep_remembered_files,
        read_markdown_file,
        remember_files,
        remember_files_in,
    )

    kept = tmp_path / "cache" / "files"
    settled_post, fresh_post = tmp_path / "senas.md", tmp_path / "naujas.md"
    for post in (settled_post, fresh_post):
        post.write_text("---\ntitle: Pirmas\n---\nTekstas.\n", encoding="utf-8")
    settled = time.time_ns() - 2 * SETTLED_NS
    os.utime(settled_post, ns=(settled, settled))
    try:
        remember_files_in(kept)  # nothing kept yet: every file is read
        for post in (settled_post, fresh_post):
            assert read_markdown_file(post).front_matter.data["title"] == "Pirmas"
        keep_remembered_files()
        remember_files_in(None)  # as the next process starts: with nothing in memory
        remember_files_in(kept)
        for post in (settled_post, fresh_post):  # the same size and time, other words
            stamp = post.stat().st_mtime_ns
            post.write_text("---\ntitle: Antras\n---\nTekstas.\n", encoding="utf-8")
            os.utime(post, ns=(stamp, stamp))
        assert read_markdown_file(settled_post).front_matter.data["title"] == "Pirmas"  # taken
        # a file changed within the second it was read may change again in the same instant
        assert read_markdown_file(fresh_post).front_matter.data["title"] == "Antras"
        settled_post.write_text("---\ntitle: Trecias\n---\n", encoding="utf-8")  # a new size
        assert read_markdown_file(settled_post).front_matter.data["title"] == "Trecias"
        os.utime(settled_post, ns=(settled, settled))
        assert read_markdown_file(settled_post).front_matter.data["title"] == "Trecias"
        before = {shard.name: shard.read_bytes() for shard in kept.iterdir()}
        keep_remembered_files()  # what was read anew is kept, and only in its own shard
        after = {shard.name: shard.read_bytes() for shard in kept.iterdir()}
        assert len(after) == SHARDS and len({n for n in after if after[n] != before[n]}) == 1
        remember_files_in(None)
        remember_files_in(kept)
        os.utime(settled_post, ns=(settled, settled))
        settled_post.write_text("---\ntitle: Penktas\n---\n", encoding="utf-8")  # same size
        os.utime(settled_post, ns=(settled, settled))
        assert read_markdown_file(settled_post).front_matter.data["title"] == "Trecias"  # taken
        for shard in kept.iterdir():
            shard.write_bytes(b"not a pickle")  # a damaged cache is no cache
        remember_files_in(None)
        remember_files_in(kept)
        assert read_markdown_file(settled_post).front_matter.data["title"] == "Penktas"
        assert read_markdown_file(fresh_post).front_matter.data["title"] == "Antras"
    finally:
        remember_files(False)


def test_a_post_edited_between_two_builds_with_a_content_cache_shows_its_new_text(
    content, tmp_path
):
    settings = tmp_path / "cachedconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        "SKAIDRA = {'search': False}\n",
        encoding="utf-8",
    )
    from skaidra_model.source_files import SETTLED_NS

    post = content.root / "posts/labas.md"
    output = tmp_path / "output"
    args = (
        "html",
        "--input",
        str(content.root),
        "--output",
        str(output),
        "--settings",
        str(settings),
    )
    for words in ("Pirmas tekstas.", "Antras, ilgesnis tekstas."):
        post.write_text(f"---\ntitle: Labas\ndate: 2024-05-01\n---\n{words}\n", encoding="utf-8")
        settled = (
            time.time_ns() - 2 * SETTLED_NS
        )  # kept by the first build, read again by the second
        os.utime(post, ns=(settled, settled))
        run = skaidra_process(*args, env=EPOCH)  # each build a process of its own
        assert run.code == 0, run.err
        page = html(output / "naujienos/labas/index.html")
        assert words in page.select_one(".sk-prose").get_text(" ", strip=True)
    assert list((tmp_path / "cache").glob("*/files/*.pickle"))


def test_an_episodes_chapters_are_made_again_only_when_the_episode_changed(content, tmp_path):
    import json

    import podcast_site

    podcast_site.write(content, ROOT)
    site = Site(content, tmp_path, cached=True)
    site.set_settings(podcast_site.SETTINGS.format(root=str(ROOT), image="art.png"))
    site.rebuild()
    chapters = "podkastas/pirmas/chapters.json"
    assert chapters in rendered_pages(site)
    edit(content, "posts/labas.md", "Pirmoji naujiena.", "Kita naujiena.")  # the chapters are kept
    changed, _ = site.rebuild()
    assert chapters not in changed and chapters not in rendered_pages(site)
    edit(content, "podcast/pirmas.md", "title: Skaičiai", "title: Skaičiai ir žodžiai")
    changed, _ = site.rebuild()
    assert chapters in changed and chapters in rendered_pages(site)
    titles = [c["title"] for c in json.loads((site.output / chapters).read_text())["chapters"]]
    assert titles == ["Pradžia", "Skaičiai ir žodžiai"]


def test_a_page_taken_from_the_cache_follows_the_post_it_links_to_when_that_moves(
    content, tmp_path
):
    """Posts read from the content cache hold their HTML packed; whether it links to other content
    (`{filename}`) is told from a flag set when it was packed, and a link to a moved post is followed."""
    content.write(
        "posts/antra.md",
        "---\ntitle: Antra\ndate: 2024-02-02\n---\nŽr. [pirmąją]({filename}labas.md).\n",
    )
    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    site.rebuild()  # every post now read from the cache
    edit(content, "posts/labas.md", "title: Labas", "title: Labas\nslug: sveiki")
    changed, _ = site.rebuild()
    assert "naujienos/antra/index.html" in changed
    link = html(site.output / "naujienos/antra/index.html").find("a", string="pirmąją")
    assert link["href"].endswith("/naujienos/sveiki/")


def test_a_rebuild_leaves_the_media_the_output_holds_already(content, tmp_path, monkeypatch):
    from pelican import generators

    copied = []  # into the scratch folders of builds into the site's output (not the cold ones)
    copy = generators.copy

    def spy(source, destination, *rest):
        if ".output.build-" in destination and source.endswith("ataskaita.pdf"):
            copied.append(source)
        return copy(source, destination, *rest)

    monkeypatch.setattr(generators, "copy", spy)
    content.write("media/ataskaita.pdf", b"%PDF-1.4 pirma\n")
    site = Site(content, tmp_path, cached=True)
    site.rebuild()
    assert len(copied) == 1
    changed, _ = site.rebuild()
    assert len(copied) == 1 and not changed  # left in the output, not copied again
    content.write("media/ataskaita.pdf", b"%PDF-1.4 antra\n")  # the same size, other bytes
    changed, _ = site.rebuild()
    assert len(copied) == 2 and "media/ataskaita.pdf" in changed
    assert (site.output / "media/ataskaita.pdf").read_bytes() == b"%PDF-1.4 antra\n"

    # compared byte for byte once: while neither file's size and time change, not read again
    from skaidra_core import static_files
    from skaidra_core.page_memo import SETTLED_NS

    settled = time.time_ns() - 2 * SETTLED_NS
    os.utime(content.root / "media/ataskaita.pdf", ns=(settled, settled))
    compared = []
    compare = static_files.filecmp.cmp
    monkeypatch.setattr(
        static_files.filecmp,
        "cmp",
        lambda *args, **kw: compared.append(args[0]) or compare(*args, **kw),
    )
    site.rebuild()
    assert len(compared) == 1  # its time changed: compared again
    changed, _ = site.rebuild()
    assert len(compared) == 1 and not changed and len(copied) == 2
    (site.output / "media/ataskaita.pdf").write_bytes(b"%PDF-1.4 kita!\n")  # the output's, changed
    changed, _ = site.rebuild()
    assert len(compared) == 2 and "media/ataskaita.pdf" in changed and len(copied) == 3
    assert (site.output / "media/ataskaita.pdf").read_bytes() == b"%PDF-1.4 antra\n"


def test_a_files_checks_are_taken_from_the_last_load_while_it_and_what_they_look_at_are_unchanged(
    content, monkeypatch
):
    import datetime as dt

    from skaidra_model import loader
    from skaidra_model.problems import ContentError
    from skaidra_model.site import ModelSettings
    from skaidra_model.source_files import remember_files

    picture = io.BytesIO()
    Image.new("RGB", (4, 3), "navy").save(picture, format="PNG")
    content.write("media/nuotrauka.png", picture.getvalue())
    content.write("media/ataskaita.pdf", b"%PDF-1.4\n")
    content.write("posts/ataskaita.md", """\
        ---
        title: Ataskaita
        date: 2024-02-02
        image: nuotrauka.png
        image_alt: Mėlynas stačiakampis
        project: DEMO-1
        ---
        Skaitykite [ataskaitą]({static}/media/ataskaita.pdf).
        """)  # fmt: skip
    content.write("posts/planas.md", """\
        ---
        title: Planas
        status: draft
        ---
        Žr. [planą]({static}/media/planas.pdf).
        """)  # fmt: skip
    checked = []
    check = loader._Loader.check_markdown

    def counting(self, path, *args):
        checked.append(path.name)
        return check(self, path, *args)

    monkeypatch.setattr(loader._Loader, "check_markdown", counting)
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)

    def problems() -> list[tuple[str, str, str, str]]:
        checked.clear()
        try:
            site = loader.load_site(content.root, ModelSettings(), now, shown="content")
        except ContentError as exc:
            found = exc.problems
        else:
            found = site.warnings
        return sorted((p.path.rsplit("/", 1)[1], p.field, p.level, p.message) for p in found)

    remember_files()
    try:
        first = problems()
        assert sorted(checked) == ["apie.md", "ataskaita.md", "labas.md", "mokymai.md", "planas.md"]
        assert [(name, level) for name, _, level, _ in first] == [("planas.md", "warning")]
        assert problems() == first and checked == []  # taken, with the draft's warning

        content.write("posts/labas.md", content.read("posts/labas.md") + "Daugiau.\n")
        assert problems() == first and checked == ["labas.md"]  # the changed file alone

        content.remove("media/ataskaita.pdf")  # a file a link of an unchanged post names
        assert ("ataskaita.md", "body") in {(name, field) for name, field, *_ in problems()}
        content.write("media/ataskaita.pdf", b"%PDF-1.4\n")
        assert problems() == first

        content.write("media/nuotrauka.png", b"ne paveikslas")  # the picture, same name
        assert ("ataskaita.md", "image") in {(name, field) for name, field, *_ in problems()}
        content.write("media/nuotrauka.png", picture.getvalue())
        assert problems() == first

        project = content.read("data/projects/demo.yaml")
        content.write("data/projects/demo.yaml", project.replace("DEMO-1", "DEMO-2"))
        unknown = {(name, field) for name, field, *_ in problems()}
        assert {("ataskaita.md", "project"), ("labas.md", "project")} <= unknown
    finally:
        remember_files(False)
