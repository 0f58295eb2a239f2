"""Project pages, the filtered index, organisation and funder pages."""

from __future__ import annotations

import json

from conftest import html
from conftest import text as words


def section(page, heading_id: str):
    return page.find(id=heading_id).find_parent("section")


def test_project_page_shows_every_field(funded_output):
    page = html(funded_output / "projektai/pa-1/index.html")
    assert page.h1.get_text(strip=True) == "Projektas A"
    facts = words(page.select_one(".sk-facts"))
    assert "Organizacija A" in facts and "Baigtas" in facts
    # The numbers the funders gave (the first grant's agreement, the second's decision), never the site's id.
    number = page.select_one(".sk-facts").find("dt", string="Projekto numeris").find_next("dd")
    assert words(number) == "S-1, B-7"
    assert "PA-1" not in facts
    assert "2023 m. sausio 1 d. – 2023 m. gruodžio 31 d." in facts
    assert "25 000,50 €" in facts

    grants = page.select(".sk-grant")
    assert len(grants) == 2
    titles = [words(g.h3) for g in grants]
    assert titles == ["Fondas A: 20 000,00 €", "Fondas B: 5 000,50 €"]
    first = words(grants[0])
    for expected in ("Ministerija A", "Programa A", "valstybės biudžetas",
                     "2023 m. vasario 1 d.", "Nr. S-1", "360G-skaidra-PA-1-fondas-a", "Projektą finansuoja Fondas A."):  # fmt: skip
        assert expected in first, expected
    decision = grants[0].find("dt", string="Sprendimas").find_next("dd")
    assert words(decision) == "Įsakymas dėl finansavimo, Nr. A3-92, 2023 m. sausio 20 d."
    assert decision.find("a", href="https://e-tar.example/a3-92")
    logo = grants[0].select_one(
        ".sk-publicity img.sk-publicity__logo"
    )  # beside the funder's statement
    assert logo["alt"] == "Fondas A logotipas" and logo["src"].startswith("/media/logos/fondas-a.")
    assert "2023 m. kovo 1 d." in words(grants[1])  # award date defaults to the decision date

    assert "Projekto A aprašymas." in words(section(page, "about"))
    assert [li.get_text() for li in section(page, "goals").find_all("li")] == [
        "Pirmas tikslas",
        "Antras tikslas",
    ]
    assert [li.get_text() for li in section(page, "results").find_all("li")] == [
        "Rezultatas vienas"
    ]
    activities = section(page, "activities")
    assert [li.get_text() for li in activities.find("ol").find_all("li")] == [
        "Pirmas punktas",
        "Antras punktas",
    ]
    assert "Partneris X – tarptautinis tinklas" in words(section(page, "partners"))
    docs = {a.get_text(): a["href"] for a in section(page, "documents").find_all("a")}
    assert docs == {
        "Sutartis": "/media/docs/sutartis.pdf",
        "Ataskaita": "https://org-a.example/ataskaita.pdf",
        "Projekto svetainė": "https://org-a.example/pa",
    }
    assert "Žinia apie projektą A" in words(section(page, "news"))
    event_titles = [
        a.get_text() for a in section(page, "events").find_all("a") if "/renginiai/" in a["href"]
    ]
    assert event_titles == [
        "Praėję mokymai",
        "Atšaukti mokymai",
        "Antri mokymai",
        "Forumas be skaičių",
        "Būsimi mokymai",
    ]
    assert "Atšauktas" in words(section(page, "events"))


def indicator_rows(page) -> dict[str, list[str]]:
    rows = {}
    for row in page.select(".sk-indicators tbody tr"):
        cells = [words(c) for c in row.find_all(["th", "td"])]
        rows[cells[0]] = cells[1:]
    return rows


def test_indicators_show_planned_and_actual_in_words(funded_output):
    rows = indicator_rows(html(funded_output / "projektai/pa-1/index.html"))
    # 7 + 4 from past events; the cancelled (50) and the future (100) do not count
    assert rows["Mokymų dalyviai (skaičiuojama pagal renginius)"] == [
        "10 dalyviai",
        "11 dalyviai",
        "110 %",
    ]
    assert rows["Leidiniai"] == ["5 vnt.", "3 vnt.", "60 %"]
    assert rows["Forumo dalyviai (skaičiuojama pagal renginius)"] == ["70", "nepaskelbta", "–"]


def test_progress_bars_are_decoration_only(funded_output):
    page = html(funded_output / "projektai/pa-1/index.html")
    bars = page.select(".sk-indicators svg")
    assert bars and all(bar["aria-hidden"] == "true" for bar in bars)


def test_project_json_ld_describes_the_grants(funded_output):
    page = html(funded_output / "projektai/pa-1/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    nodes = {node["@type"]: node for node in data["@graph"]}
    grants = [n for n in data["@graph"] if n["@type"] == "MonetaryGrant"]
    assert nodes["Project"]["name"] == "Projektas A"
    assert [(g["amount"]["value"], g["amount"]["currency"]) for g in grants] == [
        (20000, "EUR"),
        (5000.5, "EUR"),
    ]
    assert [g["funder"]["name"] for g in grants] == ["Fondas A", "Fondas B"]
    assert all(g["fundedItem"]["@id"] == nodes["Project"]["@id"] for g in grants)


def test_english_page_uses_the_translation_and_english_formats(funded_output):
    page = html(funded_output / "en/projects/pa-1/index.html")
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Project A"
    assert "€25,000.50" in words(page.select_one(".sk-facts"))
    assert [li.get_text() for li in section(page, "goals").find_all("li")] == [
        "First goal",
        "Second goal",
    ]
    assert "News about project A" in words(section(page, "news"))


def listed(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".sk-card__title")]


def test_project_index_and_its_filters_work_without_javascript(funded_output):
    index = html(funded_output / "projektai/index.html")
    assert listed(index) == ["Projektas C", "Projektas B", "Projektas A"]
    assert not index.find("script", src=True)
    expected = {
        "projektai/busena/baigti/": ["Projektas A"],
        "projektai/busena/atsaukti/": ["Projektas B"],
        "projektai/busena/planuojami/": ["Projektas C"],
        "projektai/metai/2023/": ["Projektas A"],
        "projektai/metai/2024/": ["Projektas B"],
        "projektai/metai/2025/": ["Projektas C", "Projektas B"],
        "projektai/finansuotojas/fondas-a/": ["Projektas B", "Projektas A"],
        "projektai/finansuotojas/fondas-b/": ["Projektas C", "Projektas A"],
        "projektai/organizacija/org-b/": ["Projektas C", "Projektas B"],
        "en/projects/status/completed/": ["Project A"],
    }
    filter_links = {a["href"] for a in index.select(".sk-filters a")}
    for path, titles in expected.items():
        page = html(funded_output / path / "index.html")
        assert listed(page) == titles, path
        if not path.startswith("en/"):
            assert f"/{path}" in filter_links
            assert page.select_one(f'.sk-filters a[href="/{path}"]')["aria-current"] == "page"


def test_organisation_and_funder_pages_total_their_grants(funded_output):
    org_b = html(funded_output / "organizacijos/org-b/index.html")
    assert "3 000,00 € + 1 000,00 USD" in words(org_b.select_one(".sk-facts"))
    assert listed(org_b) == ["Projektas C", "Projektas B"]
    org_a = html(funded_output / "organizacijos/org-a/index.html")
    assert "111111111" in words(org_a) and "25 000,50 €" in words(org_a)
    funder = html(funded_output / "finansuotojai/fondas-a/index.html")
    facts = words(funder.select_one(".sk-facts"))
    assert "Iš viso skirta 20 000,00 € + 1 000,00 USD" in facts
    assert "Skirta 2024 m. 1 000,00 USD" in facts and "Skirta 2023 m. 20 000,00 €" in facts
    assert len(funder.select("table tbody tr")) == 2


def test_a_projects_event_list_marks_every_status_the_event_pages_mark(content, tmp_path):
    from conftest import build

    content.write(
        "events/mokymai.md",
        content.read("events/mokymai.md").replace("attendance: 7\n", "status: rescheduled\n"),
    )
    output = tmp_path / "output"
    build(content.root, output)
    item = html(output / "projektai/demo-1/index.html").find("a", string="Mokymai").parent
    assert item.find("strong", class_="sk-badge").get_text(strip=True) == "Perkeltas"
