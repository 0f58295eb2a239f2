"""A page says what it is for with `role`; the footer links the page of each role in the reader's
language, whatever its title or slug (contract, section 1)."""

from __future__ import annotations

import pytest
from conftest import ContentTree, build, html, skaidra

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English


def footer_links(page) -> dict[str, str]:
    return {a.get_text(strip=True): a["href"] for a in page.select("footer .sk-footer__links a")}


def test_the_footer_links_each_role_whatever_the_title(content: ContentTree, tmp_path):
    content.remove("pages/apie.md")
    content.write("pages/apie-mus.md", "---\ntitle: Apie mus\nrole: about\n---\nKas esame.\n")
    content.write(
        "pages/about-us.md", "---\ntitle: About us\nrole: about\nlang: en\n---\nWho we are.\n"
    )
    content.write(
        "pages/pareiskimas.md",
        "---\ntitle: Prieinamumo pareiškimas\nrole: accessibility\n---\nWCAG 2.1 AA.\n",
    )
    content.write("pages/kontaktai.md", "---\ntitle: Kontaktai\nrole: contact\n---\nRašykite.\n")
    content.write("pages/kita.md", "---\ntitle: Kita\n---\nBe vaidmens.\n")
    run = build(content.root, tmp_path / "output")
    assert "role: about" not in run.err  # no warning: there is an about page
    lithuanian = footer_links(html(tmp_path / "output/index.html"))
    assert lithuanian["Apie svetainę"] == "/apie-mus/"
    assert lithuanian["Kontaktai"] == "/kontaktai/"
    assert lithuanian["Prieinamumas"] == "/prieinamumo-pareiskimas/"
    assert "/kita/" not in lithuanian.values()
    english = footer_links(html(tmp_path / "output/en/index.html"))
    assert english["About this site"] == "/en/about-us/"  # the reader's language
    assert english["Accessibility"] == "/prieinamumo-pareiskimas/"  # else the site's first language


def test_one_page_per_role_and_language(content: ContentTree):
    content.write("pages/apie.md", "---\ntitle: Apie\nrole: about\n---\nA.\n")
    second = content.write("pages/mes.md", "---\ntitle: Mes\nrole: about\n---\nB.\n")
    content.write(
        "pages/about.md", "---\ntitle: About\nrole: about\nlang: en\n---\nC.\n"
    )  # another language: fine
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert [p for p in run.problems if ": role:" in p] == [
        f"{second}:3: role: the 'about' page in 'lt' is already {content.root}/pages/apie.md; a role has one page per language"
    ]


def test_an_unknown_role_and_a_site_without_about_are_told(content: ContentTree):
    page = content.write("pages/apie.md", "---\ntitle: Apie\nrole: apie\n---\nA.\n")
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert any(
        p.startswith(f"{page}:3: role: ") and "'about'" in p and "'imprint'" in p
        for p in run.problems
    ), run.problems
    content.write("pages/apie.md", "---\ntitle: Apie\n---\nA.\n")
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0
    assert (
        f"{content.root}/pages:1: role: warning: no page says 'role: about', so the footer links no page about the site; add it to that page's front matter"
        in run.problems
    )
