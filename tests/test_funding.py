"""The funding disclosure page: totals, every grant, charts with text alternatives."""

from __future__ import annotations

from conftest import html, text


def table_rows(table) -> dict[str, str]:
    return {text(row.th): text(row.td) for row in table.select("tbody tr")}


def test_totals_by_year_funder_organisation_and_programme(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    summary = text(page.select_one(".sk-facts"))
    assert "Iš viso skirta 28 000,50 € + 1 000,00 USD" in summary
    assert "Dotacijos 4" in summary and "Projektai 3" in summary and "Finansuotojai 2" in summary
    tables = {text(t.caption): t for t in page.find_all("table")}
    assert table_rows(tables["Skirta pagal metus"]) == {"2024": "3 000,00 € + 1 000,00 USD", "2023": "25 000,50 €"}
    assert table_rows(tables["Skirta pagal finansuotoją"]) == {
        "Fondas A": "20 000,00 € + 1 000,00 USD",
        "Fondas B": "8 000,50 €",
    }
    assert table_rows(tables["Gauta pagal organizaciją"]) == {
        "Organizacija A": "25 000,50 €",
        "Organizacija B": "3 000,00 € + 1 000,00 USD",
    }
    assert table_rows(tables["Skirta pagal programą"]) == {
        "Programa A": "20 000,00 €",
        "Programa B": "5 000,50 €",
        "Nenurodyta": "3 000,00 € + 1 000,00 USD",
    }


def test_every_grant_is_listed(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    table = next(t for t in page.find_all("table") if text(t.caption) == "Visos dotacijos")
    rows = [[text(td) for td in row.find_all("td")] for row in table.select("tbody tr")]
    assert [row[-1] for row in rows] == ["3 000,00 €", "1 000,00 USD", "20 000,00 €", "5 000,50 €"]
    assert rows[2][0] == "Projektas A 360G-skaidra-PA-1-fondas-a"


def test_charts_are_svg_with_title_description_and_a_table(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    charts = page.select("svg.sk-chart")
    assert len(charts) == 6  # year, funder, organisation; once per currency
    for chart in charts:
        assert chart["role"] == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart.find("title", id=title_id).get_text()
        assert "lentelėje" in chart.find("desc", id=desc_id).get_text()
        assert chart.find_parent("section").find("table")
    by_funder_eur = page.find("svg", attrs={"aria-labelledby": "by-funder-chart-eur-title by-funder-chart-eur-desc"})
    bars = [float(r["width"].rstrip("%")) for r in by_funder_eur.find_all("rect")]
    assert bars == [100.0, 40.0]  # 20 000 and 8 000,50: the largest fills the width


def test_open_data_is_linked_with_its_licence(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    links = {a["href"] for a in page.find(id="open-data").find_parent("section").find_all("a")}
    assert {"/data/grants.csv", "/data/grants.xlsx", "/data/projects.json", "/data/360giving.json",
            "https://creativecommons.org/licenses/by/4.0/"} <= links  # fmt: skip


def test_english_funding_page(funded_output):
    page = html(funded_output / "en/funding/index.html")
    assert page.html["lang"] == "en"
    assert "€28,000.50 + US$1,000.00" in text(page.select_one(".sk-facts"))
