"""The sample site in content/: valid, built, and showing both seed projects."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import ROOT, html, skaidra, table_name
from conftest import text as text_of


def test_sample_content_is_valid():
    run = skaidra("check", "--input", str(ROOT / "content"))
    assert run.code == 0, run.err
    # The one gap the public facts leave: the confederation's legal entity code (data-quality check).
    assert [problem.split(": ", 1)[1] for problem in run.problems] == [
        (
            "[1].registration_code: įspėjimas: NVO vaikams konfederacija neturi 'registration_code', todėl atviruose "
            "duomenyse jos negalima nurodyti LT-RC- identifikatoriumi; įrašykite juridinio asmens kodą"
        )
    ]


def test_home_page_shell(sample_output):
    page = html(sample_output / "index.html")
    assert page.html["lang"] == "lt"
    first_link = page.body.find("a")
    assert first_link["href"] == "#main-content"
    assert page.find("main")["id"] == "main-content"
    assert len(page.find_all("h1")) == 1
    assert page.find("header") and page.find("footer")
    nav = page.find("nav")
    assert nav.get("aria-label")


def test_home_lists_both_projects_and_news(sample_output):
    page = html(sample_output / "index.html")
    links = {a["href"] for a in page.find_all("a", href=True)}
    assert "/projektai/nvok06101/" in links
    assert "/projektai/nvo-vaikams-2023/" in links
    assert any(href.startswith("/naujienos/") and href != "/naujienos/" for href in links)


def test_lkbs_project_page_shows_the_seed_facts(sample_output):
    page = html(sample_output / "projektai/nvok06101/index.html")
    assert page.h1.get_text(strip=True) == "LKBS institucinių gebėjimų stiprinimas 2023 m."
    text = text_of(page)
    assert "20 000,00 €" in text
    assert "Nevyriausybinių organizacijų fondas" in text
    assert "Lietuvos kaimo bendruomenių sąjunga" in text
    for goal_start in (
        "Stiprinti Lietuvos kaimo",
        "Stiprinti narių interesų",
        "Stiprinti atstovavimą",
    ):
        assert goal_start in text
    assert "Užtikrintas veiklų tęstinumas." in text
    assert (
        page.select_one(".sk-facts")
        .find("dt", string="Projekto numeris")
        .find_next("dd")
        .get_text()
        == "NVOK06101"
    )
    # No photo of the project is published: the picture is a placeholder and says so, to everyone.
    assert "ne tikra projekto nuotrauka" in page.select_one("article > picture img")["alt"]
    assert page.select_one(".sk-publicity img")["src"].startswith(
        "/media/pavyzdziai/nvo-fondas-logotipas."
    )


def test_a_project_without_an_official_number_shows_none(sample_output):
    """The confederation's project has no number from its funder: its slug is not shown as one."""
    page = html(sample_output / "projektai/nvo-vaikams-2023/index.html")
    assert page.select_one(".sk-facts").find("dt", string="Projekto numeris") is None


def test_confederation_project_lists_the_fifteen_councils(sample_output):
    page = html(sample_output / "projektai/nvo-vaikams-2023/index.html")
    assert "67 000,00 €" in text_of(page)
    heading = next(h for h in page.find_all("h3") if "15-os" in h.get_text())
    councils = heading.find_next("ol").find_all("li")
    assert len(councils) == 15
    assert councils[0].get_text(strip=True) == "Nevyriausybinių organizacijų taryba"


def test_english_project_page_uses_the_translation(sample_output):
    page = html(sample_output / "en/projects/nvok06101/index.html")
    assert page.html["lang"] == "en"
    assert (
        page.h1.get_text(strip=True) == "Strengthening the institutional capacity of LKBS in 2023"
    )
    assert "€20,000.00" in text_of(page)


def test_no_request_leaves_the_site(sample_output):
    for path in sample_output.rglob("*.html"):
        page = html(path)
        for tag, attribute in (
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("iframe", "src"),
            ("audio", "src"),
            ("source", "src"),
        ):
            for element in page.find_all(tag):
                value = element.get(attribute)
                if not value or (
                    tag == "link"
                    and "stylesheet" not in (element.get("rel") or [])
                    and "icon" not in (element.get("rel") or [])
                ):
                    continue
                host = urlsplit(value).hostname
                assert host in (None, "localhost"), f"{path}: {tag} loads {value}"


def test_sample_funding_totals_are_right(sample_output):
    page = html(sample_output / "finansavimas/index.html")
    assert "Iš viso skirta 87 000,00 €" in text_of(page.select_one(".sk-facts"))
    by_org = next(t for t in page.find_all("table") if "organizaciją" in table_name(page, t))
    rows = {text_of(r.th): text_of(r.td) for r in by_org.select("tbody tr")}
    assert rows == {
        "NVO vaikams konfederacija": "67 000,00 €",
        "Lietuvos kaimo bendruomenių sąjunga": "20 000,00 €",
    }


def test_sample_indicators_carry_the_seed_targets(sample_output):
    page = html(sample_output / "projektai/nvo-vaikams-2023/index.html")
    targets = {}
    for row in page.select(".sk-indicators tbody tr"):
        cells = [text_of(c) for c in row.find_all(["th", "td"])]
        targets.setdefault(cells[0], cells[1])
    assert targets["Mokymų dalyviai"] == "100 asm."
    assert targets["Forumo dalyviai (skaičiuojama pagal renginius)"] == "70 asm."
    assert (
        targets["Tarybos, komisijos, komitetai ir darbo grupės, kurių veikloje dalyvaujama"]
        == "15 vnt."
    )
    assert targets["Konsultacijų dalyviai"] in ("10 asm.", "150 asm.")


def test_the_sample_states_no_payment_the_seeds_do_not(sample_output):
    """Neither seed nor the public facts say what was paid out, so the sample lists no payment anywhere."""
    import json

    projects = json.loads((sample_output / "data/projects.json").read_text(encoding="utf-8"))[
        "projects"
    ]
    assert [grant.get("payments") for project in projects for grant in project["funding"]] == [
        None,
        None,
    ]
    assert "Išmokėta" not in text_of(html(sample_output / "finansavimas/index.html").main)
    giving = json.loads((sample_output / "data/360giving.json").read_text(encoding="utf-8"))
    assert all("amountDisbursed" not in grant for grant in giving["grants"])
