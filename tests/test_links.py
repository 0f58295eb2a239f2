"""Link integrity: the check finds broken links, assets and anchors; publish refuses them."""

from __future__ import annotations

import pytest
from conftest import ContentTree, build, skaidra_process, snapshot

from skaidra.linkcheck import check_links

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE = "http://localhost:8000"


def test_sample_site_has_no_broken_links(sample_output):
    assert check_links(sample_output, SITE) == []


def test_the_check_finds_broken_pages_assets_and_anchors(content: ContentTree, tmp_path):
    content.write(
        "posts/labas.md",
        "---\ntitle: Labas\ndate: 2024-02-01\n---\n"
        "[nėra](/nera/) [inkaras](#nera) [projektas](/projektai/demo-1/#nera) [geras](/projektai/demo-1/#activity-mokymai)\n\n"
        "![paveikslas](/media/nera.png) [santykinė](../../renginiai/mokymai/) [išorė](https://example.org/nera)\n",
    )
    output = tmp_path / "output"
    build(content.root, output)
    assert check_links(output, SITE) == [
        "naujienos/labas/index.html: broken link to /media/nera.png (nothing there)",
        "naujienos/labas/index.html: broken link to /nera/ (nothing there)",
        "naujienos/labas/index.html: link to #nera: no element with id 'nera' there",
        "naujienos/labas/index.html: link to /projektai/demo-1/#nera: no element with id 'nera' there",
    ]


def test_publish_with_broken_links_leaves_the_output_as_it_was(content: ContentTree, tmp_path):
    output = tmp_path / "output"
    build(content.root, output)
    before = snapshot(output)
    content.write("posts/labas.md", "---\ntitle: Labas\ndate: 2024-02-01\n---\n[nėra](/nera/)\n")
    run = skaidra_process(
        "publish", "--input", str(content.root), "--output", str(output), env={"SITEURL": SITE}
    )
    assert run.code == 1
    # Said where the editor wrote it, not where the build put it.
    assert (
        f"{content.root}/posts/labas.md:5: link: broken link to /nera/ (nothing there) (on naujienos/labas/index.html)"
        in run.problems
    )
    assert snapshot(output) == before


def test_linkcheck_command(content: ContentTree, tmp_path):
    output = tmp_path / "output"
    build(content.root, output)
    run = skaidra_process("linkcheck", "--output", str(output))
    assert run.code == 0, run.err
    assert "0 broken links in" in run.err


def test_redirects_leave_a_page_at_the_old_address(content: ContentTree, tmp_path):
    settings = tmp_path / "redirectconf.py"
    from conftest import ROOT, html

    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        "SKAIDRA = {**SKAIDRA, 'redirects': {'naujienos/senas-labas/': 'naujienos/labas/'}}\n"
    )
    output = tmp_path / "output"
    build(content.root, output, "--settings", str(settings))
    page = html(output / "naujienos/senas-labas/index.html")
    assert (
        page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/naujienos/labas/"
    )
    assert page.find("a", href="/naujienos/labas/")
    assert (output / "_redirects").read_text() == "/naujienos/senas-labas/ /naujienos/labas/ 301\n"
    assert check_links(output, SITE) == []


def test_an_empty_page_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>x</title><a href="tuscias.html">x</a>', encoding="utf-8"
    )
    (tmp_path / "tuscias.html").write_bytes(b"")
    assert check_links(tmp_path, SITE) == ["tuscias.html: the page is empty"]


def test_a_stuck_search_indexer_is_stopped_with_a_message(tmp_path):
    from skaidra.search_index import build_search_index

    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=lt><title>x</title><p>Labas</p></html>", encoding="utf-8"
    )
    assert build_search_index(tmp_path, timeout=0.001) == [
        "error: the search index was not built within 0.001 s; set SKAIDRA['search'] = False for a site this large"
    ]


def test_a_post_links_to_an_event_and_a_project_by_their_files(content: ContentTree, tmp_path):
    from conftest import html

    content.write(
        "posts/labas.md",
        content.read("posts/labas.md")
        + "\n[Mokymai]({filename}/events/mokymai.md), [projektas]({filename}/data/projects/demo.yaml).\n",
    )
    output = tmp_path / "output"
    build(content.root, output)
    post = html(output / "naujienos/labas/index.html")
    assert post.find("a", string="Mokymai")["href"] == "/renginiai/mokymai/"
    assert post.find("a", string="projektas")["href"] == "/projektai/demo-1/"
