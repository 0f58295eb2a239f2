"""The funding disclosure page: totals with bars beside the figures, every grant, open data."""

from __future__ import annotations

from conftest import build, html, table_name, text


def table_rows(table) -> dict[str, str]:
    """Row header and figure of each row, as a screen reader gives them (the bars are hidden from it)."""
    for hidden in table.select('[aria-hidden="true"]'):
        hidden.decompose()
    return {text(row.th): text(row.td) for row in table.select("tbody tr")}


def test_totals_by_year_funder_organisation_and_programme(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    summary = text(page.select_one(".sk-facts"))
    assert "Iš viso skirta 28 000,50 € + 1 000,00 USD" in summary
    assert "Dotacijos 4" in summary and "Projektai 3" in summary and "Finansuotojai 2" in summary
    tables = {table_name(page, t): t for t in page.find_all("table")}
    assert table_rows(tables["Skirta pagal metus"]) == {
        "2024": "3 000,00 € + 1 000,00 USD",
        "2023": "25 000,50 €",
    }
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
    table = next(t for t in page.find_all("table") if table_name(page, t) == "Visos dotacijos")
    rows = [[text(td) for td in row.find_all("td")] for row in table.select("tbody tr")]
    assert [row[-2] for row in rows] == ["3 000,00 €", "1 000,00 USD", "20 000,00 €", "5 000,50 €"]
    assert rows[2][0] == "Projektas A 360G-skaidra-PA-1-fondas-a"


def test_what_was_paid_out_beside_what_was_awarded(funded_output):
    """Project A's grant from Fondas A lists two payments, 12 000 and 7 500,25; no other grant lists any."""
    page = html(funded_output / "finansavimas/index.html")
    facts = page.select_one(".sk-facts")
    paid = {text(dt): text(dt.find_next_sibling("dd")) for dt in facts.find_all("dt")}
    assert paid["Išmokėta (kur išmokos paskelbtos)"] == "19 500,25 €"
    tables = {table_name(page, t): t for t in page.find_all("table")}

    def paid_column(name: str) -> dict[str, str]:
        table = tables[name]
        assert [text(th) for th in table.select("thead th")][-1] == "Išmokėta"
        for hidden in table.select('[aria-hidden="true"]'):
            hidden.decompose()
        return {text(row.th): text(row.find_all("td")[-1]) for row in table.select("tbody tr")}

    assert paid_column("Skirta pagal metus") == {"2024": "–", "2023": "19 500,25 €"}
    assert paid_column("Skirta pagal finansuotoją") == {"Fondas A": "19 500,25 €", "Fondas B": "–"}
    every = [
        [text(td) for td in row.find_all("td")]
        for row in tables["Visos dotacijos"].select("tbody tr")
    ]
    assert [row[-1] for row in every] == [
        "nepaskelbta",
        "nepaskelbta",
        "19 500,25 €",
        "nepaskelbta",
    ]
    assert [
        td["data-label"] for td in tables["Visos dotacijos"].select("tbody tr")[2].find_all("td")
    ][-1] == "Išmokėta"


def test_totals_are_tables_named_by_their_heading_with_bars_under_the_amounts(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    tables = page.select("table.sk-totals")
    assert [t["aria-labelledby"] for t in tables] == [
        "by-year",
        "by-funder",
        "by-organisation",
        "by-programme",
    ]
    for table in tables:  # named once, by the heading above it: no caption, no figure caption
        assert table.find("caption") is None and page.find(id=table["aria-labelledby"]).name == "h2"
        for svg in table.select("svg"):
            assert svg["aria-hidden"] == "true"  # decoration: the figure is the text beside it

    def bars(section_id: str) -> dict[str, list[float]]:
        table = page.find("table", attrs={"aria-labelledby": section_id})
        return {
            row.th.get_text(strip=True): [
                float(r["width"].rstrip("%")) for r in row.select("rect.sk-bar__fill")
            ]
            for row in table.tbody.find_all("tr")
        }

    # 20 000 and 8 000,50 €: the largest fills the width. US dollars only Fondas A has: no bar for them.
    assert bars("by-funder") == {"Fondas A": [100.0], "Fondas B": [40.0]}
    assert bars("by-programme") == {
        "Programa A": [100.0],
        "Programa B": [25.0],
        "Nenurodyta": [15.0],
    }


def test_a_single_row_gets_no_bar(content, tmp_path):
    build(content.root, tmp_path / "output")
    page = html(tmp_path / "output/finansavimas/index.html")
    assert (
        page.select("table.sk-totals svg") == []
    )  # one project, one funder, one year: nothing to compare


def test_open_data_is_linked_with_its_licence(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    links = {a["href"] for a in page.find(id="open-data").find_parent("section").find_all("a")}
    assert {"/data/grants.csv", "/data/grants.xlsx", "/data/projects.json", "/data/360giving.json",
            "https://creativecommons.org/licenses/by/4.0/"} <= links  # fmt: skip


def test_english_funding_page(funded_output):
    page = html(funded_output / "en/funding/index.html")
    assert page.html["lang"] == "en"
    assert "€28,000.50 + US$1,000.00" in text(page.select_one(".sk-facts"))


def test_project_funder_and_organisation_pages_say_what_was_paid_out(funded_output):
    def facts(page: str) -> dict[str, str]:
        found = html(funded_output / page).select_one(".sk-facts")
        return {text(dt): text(dt.find_next_sibling("dd")) for dt in found.find_all("dt")}

    for page in (
        "projektai/pa-1/index.html",
        "finansuotojai/fondas-a/index.html",
        "organizacijos/org-a/index.html",
    ):
        assert facts(page)["Išmokėta (kur išmokos paskelbtos)"] == "19 500,25 €", page
    assert "Išmokėta (kur išmokos paskelbtos)" not in facts(
        "finansuotojai/fondas-b/index.html"
    )  # lists no payment
