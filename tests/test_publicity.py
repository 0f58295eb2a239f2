"""Funders' publicity rules: what `eu-2021-1060` and `lt-nvo-fondas` ask of a project's page and of the
news about it is shown in the form they require, and what a project or funder lacks is a warning naming
the file and the rule."""

from __future__ import annotations

import io

import pytest
from conftest import ContentTree, build, html, skaidra, text
from PIL import Image

pytestmark = pytest.mark.usefixtures("english_messages")


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (11, 92, 79)).save(buffer, "PNG")
    return buffer.getvalue()


def funders(content: ContentTree, rules: str, extra: str = "") -> None:
    content.write(
        "data/funders.yaml",
        f"- id: fondas\n  name: Bandomasis fondas\n  publicity_rules: [{rules}]\n{extra}",
    )


def test_each_rule_warns_of_what_is_missing(content: ContentTree):
    funders(content, "eu-2021-1060, lt-nvo-fondas")
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    project, funders_file = (
        f"{content.root}/data/projects/demo.yaml",
        f"{content.root}/data/funders.yaml",
    )
    assert run.problems == [
        (
            f"{funders_file}:1: [0].logo: warning: not given: rule lt-nvo-fondas asks every project page and news item about "
            "the project to show the fund's logo"
        ),
        (
            f"{funders_file}:1: [0].publicity_statement: warning: not given: rule lt-nvo-fondas asks every project page and news "
            "item about the project to show the fund's publicity statement"
        ),
        (
            f"{project}:1: goals: warning: not given: rule eu-2021-1060 (Regulation (EU) 2021/1060, Article 50(1)(a)) asks the "
            "project page to describe the operation's aims; list them under 'goals'"
        ),
    ]  # fmt: skip  (its indicator stands for the results)
    demo = content.read("data/projects/demo.yaml")
    content.write(
        "data/projects/demo.yaml",
        demo.split("activities:\n")[0] + "goals: [Stiprinti bendruomenę]\n",
    )  # no indicator left
    content.remove("events/mokymai.md")  # its activity is gone
    results = [
        p
        for p in skaidra("check", "--input", str(content.root)).problems
        if "expected_results" in p
    ]
    assert results == [
        (f"{project}:1: expected_results: warning: not given: rule eu-2021-1060 (Regulation (EU) 2021/1060, Article "
        "50(1)(a)) asks the project page to describe the operation's results; list them under 'expected_results' or as indicators")
    ]  # fmt: skip


def test_the_eu_emblem_and_statement_on_the_project_page_and_its_news(
    content: ContentTree, tmp_path
):
    funders(content, "eu-2021-1060")
    content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace(
            "activities:\n", "goals: [Stiprinti bendruomenę]\nactivities:\n"
        ),
    )
    content.write(
        "posts/kita.md", "---\ntitle: Kita žinia\ndate: 2024-03-01\n---\nNe apie projektą.\n"
    )
    run = build(content.root, tmp_path / "output")
    assert run.code == 0, run.err
    output = tmp_path / "output"
    for page, statement in (("projektai/demo-1/index.html", "Bendrai finansuoja Europos Sąjunga"),
                            ("en/projects/demo-1/index.html", "Co-funded by the European Union"),
                            ("naujienos/labas/index.html", "Bendrai finansuoja Europos Sąjunga")):  # fmt: skip
        block = html(output / page).select_one(".sk-eu")
        assert block is not None, page
        emblem = block.find("img")
        assert emblem["src"].split("/")[-1].startswith("eu-emblem.") and emblem["alt"]
        assert text(block) == statement  # written in full, next to the emblem
        assert (output / emblem["src"].lstrip("/")).is_file() or (output / page).parent.joinpath(
            emblem["src"]
        ).resolve().is_file()
    project = html(output / "projektai/demo-1/index.html")
    assert project.select_one(".sk-lead").find_next_sibling().get("class") == [
        "sk-eu"
    ]  # above the description
    assert (
        html(output / "naujienos/kita-zinia/index.html").select_one(".sk-eu") is None
    )  # not about the project


def test_the_ngo_funds_logo_and_statement_on_every_news_item_about_the_project(
    content: ContentTree, tmp_path
):
    content.write("media/fondas.png", png())
    funders(
        content,
        "lt-nvo-fondas",
        "  logo: fondas.png\n  publicity_statement: Projektą finansuoja Bandomasis fondas.\n",
    )
    content.write(
        "posts/kita.md", "---\ntitle: Kita žinia\ndate: 2024-03-01\n---\nNe apie projektą.\n"
    )
    run = build(content.root, tmp_path / "output")
    assert run.code == 0, run.err
    assert run.problems == []
    output = tmp_path / "output"
    for page in ("projektai/demo-1/index.html", "naujienos/labas/index.html"):
        block = html(output / page).select_one(".sk-publicity")
        assert text(block) == "Projektą finansuoja Bandomasis fondas.", page
        assert block.find("img")["alt"] == "Bandomasis fondas logotipas"
    assert html(output / "naujienos/kita-zinia/index.html").select_one(".sk-publicity") is None
    assert (
        html(output / "naujienos/labas/index.html").select_one(".sk-eu") is None
    )  # not this funder's rule


def test_an_episode_about_a_project_names_its_funders_and_shows_what_their_rules_ask(
    content: ContentTree, tmp_path
):
    from conftest import ROOT

    content.write("media/fondas.png", png())
    funders(
        content,
        "lt-nvo-fondas, eu-2021-1060",
        "  logo: fondas.png\n  publicity_statement: Projektą finansuoja Bandomasis fondas.\n",
    )
    content.write(
        "data/projects/demo.yaml",
        content.read("data/projects/demo.yaml").replace(
            "activities:\n", "goals: [Stiprinti bendruomenę]\nactivities:\n"
        ),
    )
    content.write(
        "site.yaml",
        "title: Bandomoji svetainė\npublisher: {name: Leidėja, email: info@example.org}\npodcast: {image: art.png}\n",
    )
    content.write(
        "media/art.png", (ROOT / "content/media/podcast/skaidra-podkastas.png").read_bytes()
    )
    content.write("media/irasas.mp3", (ROOT / "tests/fixtures/tiny.mp3").read_bytes())
    content.write("media/irasas.txt", "Tekstas.\n")
    for name, project in (("apie-projekta", "project: DEMO-1\n"), ("kitas", "")):
        content.write(
            f"podcast/{name}.md",
            f"---\ntitle: {name}\ndate: 2024-03-01 10:00\naudio: irasas.mp3\ntranscript: irasas.txt\n{project}---\nTekstas.\n",
        )
    content.write(
        "podcast/kitas.md",
        content.read("podcast/kitas.md").replace(
            "audio: irasas.mp3",
            "audio: https://garsas.example/kitas.mp3\nduration: '00:01:00'\nlength: 1000",
        ),
    )
    run = build(content.root, tmp_path / "output")
    assert run.code == 0, run.err
    episode = html(tmp_path / "output/podkastas/apie-projekta/index.html")
    funded = episode.select_one(".sk-funded")
    facts = text(funded.select_one(".sk-facts"))
    assert facts == "Finansuotojas Bandomasis fondas"
    assert funded.select_one('a[href="/finansuotojai/fondas/"]')
    assert episode.select_one('.sk-facts a[href="/projektai/demo-1/"]')  # the project, named above
    assert text(funded.select_one(".sk-eu")) == "Bendrai finansuoja Europos Sąjunga"
    assert text(funded.select_one(".sk-publicity")) == "Projektą finansuoja Bandomasis fondas."
    english = html(tmp_path / "output/en/podcast/apie-projekta/index.html").select_one(".sk-funded")
    assert text(english.select_one(".sk-eu")) == "Co-funded by the European Union"
    assert (
        html(tmp_path / "output/podkastas/kitas/index.html").select_one(".sk-funded") is None
    )  # about no project


def test_both_rules_on_one_news_item_about_a_project_funded_by_both(content: ContentTree, tmp_path):
    """A project funded by the EU and by the NGO Fund: its news shows the EU emblem and statement and the
    fund's logo and statement, each once."""
    content.write("media/fondas.png", png())
    content.write("data/funders.yaml", "- id: fondas\n  name: Bandomasis fondas\n  publicity_rules: [lt-nvo-fondas]\n"
                  "  logo: fondas.png\n  publicity_statement: Projektą finansuoja Bandomasis fondas.\n"
                  "- id: es\n  name: Europos Sąjunga\n  publicity_rules: [eu-2021-1060]\n")  # fmt: skip
    project = content.read("data/projects/demo.yaml").replace(
        "activities:\n", "goals: [Stiprinti bendruomenę]\nactivities:\n"
    )
    grant = "    programme: Bandomoji programa\n"
    assert grant in project
    content.write(
        "data/projects/demo.yaml",
        project.replace(grant, grant + "  - funder: es\n    amount: 500\n", 1),
    )
    build(content.root, tmp_path / "output")
    for page in ("naujienos/labas/index.html", "projektai/demo-1/index.html"):
        shown = html(tmp_path / "output" / page)
        assert [text(b) for b in shown.select(".sk-eu")] == [
            "Bendrai finansuoja Europos Sąjunga"
        ], page
        assert [text(b) for b in shown.select(".sk-publicity")] == [
            "Projektą finansuoja Bandomasis fondas."
        ], page
        assert shown.select_one(".sk-publicity img")["alt"] == "Bandomasis fondas logotipas"
