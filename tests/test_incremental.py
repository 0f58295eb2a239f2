"""A rebuild over an earlier output: after every kind of change the output is byte-identical to a
cold build of the same content, and the files whose bytes did not change are not touched (bytes and
modification time), so that an upload sends only what changed."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT, ContentTree, skaidra

EPOCH = {"SOURCE_DATE_EPOCH": "1780000000"}
THEME_BASE = '{% extends "!theme/base.html" %}\n{% block head %}<meta name="skaidra-test" content="WORD">{{ super() }}{% endblock %}\n'


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_into(content: Path, output: Path, settings: Path) -> str:
    run = skaidra("html", "--input", str(content), "--output", str(output), "--settings", str(settings), env=EPOCH)
    assert run.code == 0, run.err
    return run.err


class Site:
    """A content folder with its own settings and templates, built again and again into one output."""

    def __init__(self, content: ContentTree, tmp_path: Path):
        self.content = content
        self.tmp = tmp_path
        self.folder = tmp_path / "svetaine"
        (self.folder / "templates").mkdir(parents=True)
        self.settings = self.folder / "siteconf.py"
        self.set_settings("")
        self.set_template("pirmas")
        self.output = tmp_path / "output"
        self.colds = 0

    def set_settings(self, lines: str) -> None:
        self.settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
            f'THEME_TEMPLATES_OVERRIDES = ["templates"]\n{lines}',
            encoding="utf-8",
        )

    def set_template(self, word: str) -> None:
        (self.folder / "templates" / "base.html").write_text(THEME_BASE.replace("WORD", word), encoding="utf-8")

    def rebuild(self) -> tuple[set[str], set[str]]:
        """Build over the last output; assert it equals a cold build and that only changed files were touched.

        Returns (the files written, the files deleted)."""
        before = state(self.output) if self.output.exists() else {}
        build_into(self.content.root, self.output, self.settings)
        after = state(self.output)
        self.colds += 1
        cold = self.tmp / f"cold-{self.colds}"
        build_into(self.content.root, cold, self.settings)
        assert {path: data for path, (data, _) in after.items()} == {path: data for path, (data, _) in state(cold).items()}
        touched = {path for path, (data, mtime) in after.items() if path not in before or before[path][1] != mtime}
        changed = {path for path, (data, _) in after.items() if path not in before or before[path][0] != data}
        assert touched == changed  # nothing rewritten with the same bytes
        return changed, set(before) - set(after)


def pages(paths: set[str]) -> set[str]:
    """Leaving out the search index's files, named by their contents."""
    return {path for path in paths if not path.startswith("pagefind/")}


def test_every_kind_of_change_gives_what_a_cold_build_gives_and_touches_only_what_changed(content, tmp_path):
    content.write("posts/antra.md", "---\ntitle: Antra naujiena\ndate: 2024-02-02\ntags: [vienintele]\n---\nAntros tekstas.\n")
    site = Site(content, tmp_path)
    site.rebuild()

    # the same content again: nothing is written
    written, deleted = site.rebuild()
    assert (written, deleted) == (set(), set())

    # an edited post: its page changes, and pages that show its words; the rest stays
    content.write("posts/labas.md", content.read("posts/labas.md").replace("Pirmoji naujiena.", "Pirmoji naujiena, pataisyta."))
    written, deleted = site.rebuild()
    assert pages(written) == {  # its page, the listings that show its summary, the feeds; nothing else
        "naujienos/labas/index.html", "naujienos/index.html", "naujienos/zymos/pirma/index.html", "index.html",
        "projektai/demo-1/index.html", "en/projects/demo-1/index.html", "feeds/all.atom.xml", "feeds/lt.atom.xml",
    }  # fmt: skip
    assert not pages(deleted)

    # a new post
    content.write("posts/trecia.md", "---\ntitle: Trečia\ndate: 2024-02-03\n---\nTrečios tekstas.\n")
    written, deleted = site.rebuild()
    assert "naujienos/trecia/index.html" in written and not pages(deleted)

    # a renamed file keeps its address (a post's comes from its title): nothing changes
    (content.root / "posts/trecia.md").rename(content.root / "posts/treciasis.md")
    written, deleted = site.rebuild()
    assert (pages(written), pages(deleted)) == (set(), set())

    # a new title moves the post: the old address disappears
    content.write("posts/treciasis.md", content.read("posts/treciasis.md").replace("title: Trečia", "title: Trečioji"))
    written, deleted = site.rebuild()
    assert "naujienos/trecioji/index.html" in written and "naujienos/trecia/index.html" in deleted

    # the last post with a tag is deleted: its page and its tag's page disappear
    tag_pages = {path for path in state(site.output) if "vienintele" in path}
    assert tag_pages
    content.remove("posts/antra.md")
    written, deleted = site.rebuild()
    assert "naujienos/antra-naujiena/index.html" in deleted and tag_pages <= deleted

    # a project's amount: its page, totals and open data change
    content.write("data/projects/demo.yaml", content.read("data/projects/demo.yaml").replace("amount: 1000", "amount: 1500"))
    written, deleted = site.rebuild()
    assert {"projektai/demo-1/index.html", "data/grants.csv", "data/360giving.json"} <= written

    # a template: every page that uses it
    site.set_template("antras")
    written, deleted = site.rebuild()
    assert {"index.html", "naujienos/labas/index.html", "finansuotojai/fondas/index.html"} <= written

    # a setting
    site.set_settings('SKAIDRA = {"words": {"lt": {"news": "zinios"}}}\n')
    written, deleted = site.rebuild()
    assert "zinios/labas/index.html" in written and "naujienos/labas/index.html" in deleted

    # site.yaml
    content.write("site.yaml", "title: Kita svetainė\n")
    written, deleted = site.rebuild()
    assert "index.html" in written


def test_a_failed_rebuild_touches_nothing(content, tmp_path):
    site = Site(content, tmp_path)
    site.rebuild()
    before = state(site.output)
    content.write("data/projects/demo.yaml", content.read("data/projects/demo.yaml").replace("amount: 1000", "amount: daug"))
    run = skaidra("html", "--input", str(content.root), "--output", str(site.output), "--settings", str(site.settings), env=EPOCH)
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
    assert (output / "a").read_text() == "new file" and (output / "b" / "index.html").read_text() == "new folder"
    assert not (output / "c").exists() and not scratch.exists()
    assert os.stat(output / "same.txt").st_mtime_ns == mtime
