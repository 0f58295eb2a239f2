"""News posts: Pelican articles with YAML front matter, tags and pagination."""

from __future__ import annotations

from conftest import ContentTree, build, html


def test_paginated_tags_ending_in_digits_do_not_collide(content: ContentTree, tmp_path):
    for n in range(12):
        content.write(
            f"posts/p{n:02d}.md",
            f"---\ntitle: Naujiena {n}\ndate: 2024-01-{n + 1:02d}\ntags: [zyme-1]\n---\nTekstas {n}.\n",
        )
    content.write(
        "posts/kita.md", "---\ntitle: Kita\ndate: 2024-02-01\ntags: [zyme-12]\n---\nKita.\n"
    )
    output = tmp_path / "output"
    build(content.root, output)

    first = html(output / "naujienos/zymos/zyme-1/index.html")
    second = html(output / "naujienos/zymos/zyme-1/puslapis/2/index.html")
    other = html(output / "naujienos/zymos/zyme-12/index.html")
    titles = lambda page: [h.get_text(strip=True) for h in page.select(".sk-card__title")]
    assert len(titles(first)) == 10
    assert len(titles(second)) == 2
    assert titles(other) == ["Kita"]


def test_front_matter_lists_are_read_as_yaml(content: ContentTree, tmp_path):
    content.write(
        "posts/labas.md",
        "---\ntitle: Labas\ndate: 2024-02-01\ntags:\n  - kaimo bendruomenės\n  - vaiko teisės\n---\nTekstas be sąrašo.\n",
    )
    output = tmp_path / "output"
    build(content.root, output)
    post = html(output / "naujienos/labas/index.html")
    tags = [a.get_text() for a in post.select(".sk-article__meta a")]
    assert tags == ["kaimo bendruomenės", "vaiko teisės"]
    assert post.select_one(".sk-prose").get_text(strip=True) == "Tekstas be sąrašo."
    assert (output / "naujienos/zymos/kaimo-bendruomenes/index.html").exists()


def test_drafts_are_left_out_everywhere(content: ContentTree, tmp_path):
    content.write(
        "posts/juodrastis.md",
        "---\ntitle: Juodraštis\ndate: 2024-02-02\nstatus: draft\n---\nSlapta.\n",
    )
    output = tmp_path / "output"
    build(content.root, output)
    everything = " ".join(
        p.read_text(encoding="utf-8") for p in output.rglob("*") if p.suffix in (".html", ".xml")
    )
    assert "Juodraštis" not in everything
    assert not (output / "drafts").exists()
