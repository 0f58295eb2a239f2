"""`content/site.yaml` (contract, section 9): a content folder is a whole site with its own name,
languages, publisher and podcast; validated like content; it wins over pelicanconf.py."""

from __future__ import annotations

import shutil

import feedparser
import pytest
from conftest import ROOT, ContentTree, build, html, skaidra, skaidra_process

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

SITE_YAML = """\
title: Pavyzdžio bendruomenė
tagline:
  lt: Mūsų darbai
  en: Our work
publisher:
  name: Pavyzdžio bendruomenė
  email: info@bendruomene.example
  registration_code: "300000000"
url: https://bendruomene.example/
timezone: Europe/Vilnius
"""


def test_a_content_folder_builds_as_its_own_site(content: ContentTree, tmp_path):
    content.write("site.yaml", SITE_YAML)
    output = tmp_path / "output"
    build(content.root, output)
    home = html(output / "index.html")
    assert home.title.get_text() == "Pavyzdžio bendruomenė"
    assert "Mūsų darbai" in home.find(class_="sk-header__tagline").get_text()
    assert "Pavyzdžio bendruomenė" in home.find(class_="sk-footer__publisher").get_text()
    assert "Our work" in html(output / "en/index.html").find(class_="sk-header__tagline").get_text()
    feed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes()).feed
    assert feed.title.startswith("Pavyzdžio bendruomenė")
    assert feed.link.startswith("http://localhost:8000")  # `url` is the production address only


def test_publish_takes_the_address_from_site_yaml_unless_siteurl_is_set(
    content: ContentTree, tmp_path
):
    content.write("site.yaml", SITE_YAML)
    output = tmp_path / "output"
    env = {"SITEURL": "", "SOURCE_DATE_EPOCH": "1780000000"}
    run = skaidra_process("publish", "--input", str(content.root), "--output", str(output), env=env)
    assert run.code == 0, run.err
    canonical = html(output / "projektai/demo-1/index.html").find("link", rel="canonical")["href"]
    assert canonical == "https://bendruomene.example/projektai/demo-1/"
    run = skaidra_process(
        "publish",
        "--input",
        str(content.root),
        "--output",
        str(output),
        env={**env, "SITEURL": "https://kita.example"},
    )
    assert run.code == 0, run.err
    assert (
        html(output / "index.html").find("link", rel="canonical")["href"] == "https://kita.example/"
    )


def test_a_podcast_set_in_site_yaml_replaces_the_settings(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    text = (content / "site.yaml").read_text(encoding="utf-8")
    (content / "site.yaml").write_text(
        text.replace('title: "Skaidra: NVO projektų podkastas"', "title: Kitas podkastas"),
        encoding="utf-8",
    )
    output = tmp_path / "output"
    build(content, output, env={"SOURCE_DATE_EPOCH": "1780000000"})
    assert (
        feedparser.parse((output / "feeds/podcast.xml").read_bytes()).feed.title
        == "Kitas podkastas"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tagline: {lt: x}\n", "site.yaml:1: title: is required"),
        ("title: X\ntitel: Y\n", "site.yaml:2: titel: unknown key 'titel'; did you mean 'title'?"),
        ("title: X\npodcast:\n  image: nera.png\n", "site.yaml:3: podcast.image: file not found: content/media/nera.png"),
        ("title: X\nlanguages: [lt, english]\n", "site.yaml:2: languages[1]: "),
        ("title: X\npublisher:\n  email: ne-pastas\n", "site.yaml:3: publisher.email: must be an e-mail address like info@example.org, got 'ne-pastas'"),
        ("title: X\ntimezone: Europe/Vilnus\n", "site.yaml:2: timezone: "),
        ("title: X\nmembers:\n  - {id: a, name: A, url: 'https://a.example'}\n  - {id: a, name: B, url: 'https://b.example'}\n",
         "site.yaml:4: members[1].id: duplicate id 'a'"),
        ("- title: X\n", "site.yaml:1: -: must be a group of 'key: value' lines, starting with 'title:'"),
        ("title: [X\n", "site.yaml:1: yaml: a list opened with '[' here is not closed with ']'"),
    ],
)  # fmt: skip
def test_site_yaml_is_validated_like_content(text, expected, content: ContentTree):
    content.write("site.yaml", text)
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert any(p.startswith(f"{content.root}/{expected}") for p in run.problems), run.err


def test_a_check_of_a_podcast_value_from_site_yaml_names_site_yaml(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    text = (content / "site.yaml").read_text(encoding="utf-8")
    (content / "site.yaml").write_text(
        text.replace("image: podcast/skaidra-podkastas.png", "image: skaidra-kortele.png"),
        encoding="utf-8",
    )
    run = skaidra("check", "--input", str(content))
    assert run.code == 1
    line = text.splitlines().index("  image: podcast/skaidra-podkastas.png") + 1
    assert any(
        p.startswith(f"{content}/site.yaml:{line}: podcast.image: must be square")
        for p in run.problems
    ), run.err


def test_no_default_names_a_file_of_the_sample():
    settings = "".join(
        (ROOT / name).read_text(encoding="utf-8")
        for name in (
            "pelicanconf.py",
            "publishconf.py",
            "skaidra/defaults.py",
            "skaidra/publish_defaults.py",
        )
    )
    for path in (ROOT / "content" / "media").rglob("*"):
        if path.is_file():
            assert path.name not in settings, path


def test_the_logo_stands_beside_the_sites_name(content: ContentTree, tmp_path):
    content.write("media/logo.png", (ROOT / "content/media/skaidra-kortele.png").read_bytes())
    content.write("site.yaml", SITE_YAML + "logo: logo.png\n")
    output = tmp_path / "output"
    build(content.root, output)
    logo = html(output / "index.html").find("a", class_="sk-header__brand").find("img")
    assert logo["src"] == "/media/logo.png" and logo["alt"] == ""  # the name beside it says it all
    assert int(logo["width"]) > 0 and int(logo["height"]) > 0
    assert (output / "media/logo.png").is_file()


def test_a_site_overrides_a_block_and_its_colours_from_its_own_folder(
    content: ContentTree, tmp_path
):
    folder = tmp_path / "svetaine"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "base.html").write_text(
        '{% extends "!theme/base.html" %}\n'
        '{% block head %}<meta name="skaidra-test" content="own block">{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    (folder / "siteconf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        'THEME_TEMPLATES_OVERRIDES = ["templates"]\nSKAIDRA = {"stylesheet": "css/spalvos.css"}\n',
        encoding="utf-8",
    )
    content.write("media/css/spalvos.css", ":root { --sk-brand: #5b2d86; --sk-bar: #5b2d86; }\n")
    output = tmp_path / "output"
    build(content.root, output, "--settings", str(folder / "siteconf.py"))
    assert (
        html(output / "index.html").head.find("meta", attrs={"name": "skaidra-test"})["content"]
        == "own block"
    )
    for page in ("index.html", "projektai/demo-1/index.html"):
        head = html(output / page).head
        links = [
            link["href"]
            for link in head.find_all("link", rel="stylesheet")
            if not link.get("media")
        ]
        assert links[-1] == "/media/css/spalvos.css" and "main." in links[0]  # after the theme's


def test_an_edited_template_shows_in_the_next_build_of_the_same_process(
    content: ContentTree, tmp_path
):
    """Compiled templates are shared within a process (the devserver's rebuilds): an edit still shows."""
    folder = tmp_path / "svetaine"
    (folder / "templates").mkdir(parents=True)
    base = folder / "templates" / "base.html"
    (folder / "siteconf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        'THEME_TEMPLATES_OVERRIDES = ["templates"]\n',
        encoding="utf-8",
    )
    output = tmp_path / "output"
    for words in ("pirmas", "antras"):
        base.write_text(
            '{% extends "!theme/base.html" %}\n'
            f'{{% block head %}}<meta name="skaidra-test" content="{words}">{{{{ super() }}}}{{% endblock %}}\n',
            encoding="utf-8",
        )
        build(content.root, output, "--settings", str(folder / "siteconf.py"))
        for page in ("index.html", "naujienos/labas/index.html", "en/index.html"):
            assert (
                html(output / page).head.find("meta", attrs={"name": "skaidra-test"})["content"]
                == words
            )
