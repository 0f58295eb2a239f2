"""Open data files: figures match the YAML; 360Giving validates against its schema offline."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
from pathlib import Path

import funded_site
import yaml
from conftest import ROOT
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "standards" / "360giving"


def yaml_projects() -> dict[str, dict]:
    found = {}
    for name, text in funded_site.FILES.items():
        if name.startswith("data/projects/"):
            data = yaml.safe_load(textwrap.dedent(text))
            found[data["id"]] = data
    return found


def test_projects_json_carries_the_contract_keys_and_resolved_indicators(funded_output):
    document = json.loads((funded_output / "data/projects.json").read_text(encoding="utf-8"))
    projects = {p["id"]: p for p in document["projects"]}
    source = yaml_projects()
    assert set(projects) == set(source)
    for pid, project in projects.items():
        assert project["title"] == source[pid]["title"]
        assert project["organisation"] == source[pid]["organisation"]
        assert [(g["funder"], g["amount"], g["currency"]) for g in project["funding"]] == [
            (g["funder"], g["amount"], g.get("currency", "EUR")) for g in source[pid]["funding"]
        ]
        assert project["url"].startswith("http://localhost:8000/projektai/")
        assert project["calendar"].endswith(".ics")
    a = projects["PA-1"]
    assert (
        a["status"] == "completed"
        and projects["PB-2"]["status"] == "cancelled"
        and projects["PC-3"]["status"] == "planned"
    )
    assert a["period"] == {"start": "2023-01-01", "end": "2023-12-31"}
    indicators = {i["name"]: i for act in a["activities"] for i in act["indicators"]}
    assert indicators["Mokymų dalyviai"]["actual"] == 11
    assert indicators["Leidiniai"]["actual"] == 3
    assert "actual" not in indicators["Forumo dalyviai"]
    assert a["funding"][1]["award_date"] == "2023-03-01"
    assert a["documents"][0]["url"] == "http://localhost:8000/media/docs/sutartis.pdf"
    organisations = {o["id"]: o for o in document["organisations"]}
    assert organisations["org-a"]["identifier"] == "LT-RC-111111111"


def test_grants_csv_opens_in_spreadsheets_with_lithuanian_letters(funded_output):
    raw = (funded_output / "data/grants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == [
        "grant_id",
        "project_id",
        "project_title",
        "organisation",
        "funder",
        "programme",
        "amount",
        "currency",
        "award_date",
        "start",
        "end",
        "url",
        "organisation_name",
        "funder_name",
        "decision_number",
        "decision_date",
        "agreement_number",
        "paid",
        "member",
        "source",
    ]  # fmt: skip  (the contract's columns first)
    assert [(r["project_id"], r["funder"], r["amount"], r["currency"]) for r in rows] == [
        ("PC-3", "fondas-b", "3000.00", "EUR"),
        ("PB-2", "fondas-a", "1000.00", "USD"),
        ("PA-1", "fondas-a", "20000.00", "EUR"),
        ("PA-1", "fondas-b", "5000.50", "EUR"),
    ]
    assert rows[2]["grant_id"] == "360G-skaidra-PA-1-fondas-a"
    assert rows[2]["award_date"] == "2023-02-01"
    assert rows[1]["start"] == "2024-06-01" and rows[1]["end"] == "2025-05-31"
    names = {key: rows[2][key] for key in list(rows[2])[12:]}
    assert names == {
        "organisation_name": "Organizacija A",
        "funder_name": "Fondas A",
        "decision_number": "A3-92",
        "decision_date": "2023-01-20",
        "agreement_number": "S-1",
        "paid": "19500.25",
        "member": "",
        "source": "",
    }  # fmt: skip  (a site's own grant: no member)
    assert rows[3]["paid"] == ""  # no payments listed: not known, which is not zero


def test_grants_xlsx_has_number_date_and_link_cells(funded_output):
    """The workbook opens in any locale's spreadsheet with amounts as numbers and dates as dates."""
    import openpyxl

    sheet = openpyxl.load_workbook(funded_output / "data/grants.xlsx").active
    rows = list(sheet.iter_rows())
    csv_rows = list(
        csv.reader(io.StringIO((funded_output / "data/grants.csv").read_text(encoding="utf-8-sig")))
    )
    assert [c.value for c in rows[0]] == csv_rows[0]
    assert sheet.freeze_panes == "A2" and rows[0][0].font.b
    header = csv_rows[0]
    first = {name: cell for name, cell in zip(header, rows[3])}  # PA-1 from Fondas A
    assert first["amount"].value == 20000 and first["amount"].data_type == "n"
    assert first["amount"].number_format == "#,##0.00"
    assert (
        first["paid"].value == 19500.25
        and first["paid"].data_type == "n"
        and first["paid"].number_format == "#,##0.00"
    )
    assert first["award_date"].is_date and first["award_date"].value.date() == dt.date(2023, 2, 1)
    assert first["decision_date"].is_date and first["decision_date"].number_format == "yyyy-mm-dd"
    assert (
        first["url"].hyperlink.target
        == first["url"].value
        == "http://localhost:8000/projektai/pa-1/"
    )
    assert (first["organisation_name"].value, first["funder_name"].value) == (
        "Organizacija A",
        "Fondas A",
    )
    assert {name: cell.value for name, cell in zip(header, rows[4])}["amount"] == 5000.5
    # The same text as the CSV, cell by cell, but typed.
    for row, expected in zip(rows[1:], csv_rows[1:]):
        shown = [
            ""
            if c.value is None
            else c.value.date().isoformat()
            if c.is_date
            else f"{c.value:.2f}"
            if c.data_type == "n"
            else c.value
            for c in row
        ]
        assert shown == expected


def validator() -> Draft202012Validator:
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [
            (grant["$id"], resource),
            (grant["$id"].replace("1.4.3", "1.4.2"), resource),
        ]
    )
    return Draft202012Validator(package, registry=registry, format_checker=FormatChecker())


def test_360giving_package_is_valid_against_the_schema(funded_output):
    package = json.loads((funded_output / "data/360giving.json").read_text(encoding="utf-8"))
    errors = sorted(validator().iter_errors(package), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    grants = {g["id"]: g for g in package["grants"]}
    first = grants["360G-skaidra-PA-1-fondas-a"]
    assert (
        first["amountAwarded"] == 20000
        and first["currency"] == "EUR"
        and first["awardDate"] == "2023-02-01"
    )
    assert first["recipientOrganization"] == [
        {
            "id": "LT-RC-111111111",
            "name": "Organizacija A",
            "companyNumber": "111111111",
            "url": "https://org-a.example",
        }
    ]
    assert first["fundingOrganization"] == [
        {"id": "360G-skaidra-funder-fondas-a", "name": "Fondas A"}
    ]
    assert grants["360G-skaidra-PA-1-fondas-b"]["amountAwarded"] == 5000.5
    assert first["amountDisbursed"] == 19500.25  # the payments the YAML lists, added up
    assert first["disbursementTransaction"] == [
        {"id": "360G-skaidra-PA-1-fondas-a-1", "transactionDate": "2023-03-01", "currency": "EUR", "value": 12000,
         "valueDate": "2023-03-01", "provider": "360G-skaidra-funder-fondas-a", "recipient": "LT-RC-111111111"},
        {"id": "360G-skaidra-PA-1-fondas-a-2", "transactionDate": "2024-01-15", "currency": "EUR", "value": 7500.25,
         "valueDate": "2024-01-15", "provider": "360G-skaidra-funder-fondas-a", "recipient": "LT-RC-111111111"},
    ]  # fmt: skip
    assert "amountDisbursed" not in grants["360G-skaidra-PA-1-fondas-b"]


def test_the_validator_rejects_a_broken_package():
    assert list(validator().iter_errors({"grants": [{"id": "x", "title": "t"}]}))


def test_sample_site_open_data_matches_the_seeds(sample_output):
    package = json.loads((sample_output / "data/360giving.json").read_text(encoding="utf-8"))
    assert not list(validator().iter_errors(package))
    amounts = sorted(g["amountAwarded"] for g in package["grants"])
    assert amounts == [20000, 67000]
    rows = list(
        csv.DictReader(
            io.StringIO((sample_output / "data/grants.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert {r["project_id"]: r["amount"] for r in rows} == {
        "NVOK06101": "20000.00",
        "nvo-vaikams-2023": "67000.00",
    }
    assert "Lietuvos kaimo bendruomenių sąjunga" in (
        sample_output / "data/projects.json"
    ).read_text(encoding="utf-8")
    assert (ROOT / "tests/standards/360giving/README.md").read_text().count("CC BY 4.0") == 1


def test_places_reach_360giving_and_iati_valid_against_both_schemas(content, tmp_path):
    """Contract, section 7: a project's areas are its beneficiary location; the organisation's address and
    register code the recipient's."""
    from conftest import build
    from lxml import etree
    from test_iati import IATI

    content.write(
        "data/organisations.yaml",
        """\
        - id: org
          name: Bandomoji organizacija
          registration_code: "123456789"
          address: {street: Dariaus ir Girėno g. 1, locality: Tauragė, postal_code: LT-72001, country: LT}
        """,
    )
    project = content.read("data/projects/demo.yaml").replace(
        "areas: [{name: Tauragės apskritis, country: LT, code: LT-TA}]",
        "areas: [{name: Tauragės apskritis, country: LT, code: LT-TA}, {name: Kurzeme, country: LV}, {name: Jurbarkas, country: LT}]",
    )
    content.write("data/projects/demo.yaml", project)
    output = tmp_path / "output"
    build(content.root, output)
    package = json.loads((output / "data/360giving.json").read_text(encoding="utf-8"))
    assert not list(validator().iter_errors(package))
    (grant,) = package["grants"]
    assert grant["beneficiaryLocation"] == [
        {"name": "Tauragės apskritis", "countryCode": "LT"},
        {"name": "Kurzeme", "countryCode": "LV"},
        {"name": "Jurbarkas", "countryCode": "LT"},
    ]
    assert grant["recipientOrganization"][0] | {"id": "", "name": ""} == {
        "id": "",
        "name": "",
        "companyNumber": "123456789",
        "streetAddress": "Dariaus ir Girėno g. 1",
        "addressLocality": "Tauragė",
        "postalCode": "LT-72001",
        "addressCountry": "LT",
    }
    document = etree.parse(str(output / "data/iati-activities.xml"))
    etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd"))).assertValid(document)
    (activity,) = document.getroot().iter("iati-activity")
    countries = {c.get("code"): c.get("percentage") for c in activity.iter("recipient-country")}
    assert countries == {"LT": "50.00", "LV": "50.00"}
    assert [n.text for n in activity.iterfind("location/name/narrative")] == [
        "Tauragės apskritis",
        "Kurzeme",
        "Jurbarkas",
    ]


FORMULAS = [
    '=HYPERLINK("https://blogas.example","spauskite")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
]


def test_no_text_becomes_a_formula_in_grants_csv_or_xlsx(content, tmp_path):
    """OWASP's CSV injection guidance: a text cell that starts like a formula is written as text, in the
    CSV with a leading apostrophe, in the workbook as a string cell with the text as it is."""
    import openpyxl
    from conftest import build

    project = content.read("data/projects/demo.yaml")
    content.write("data/projects/demo.yaml", project.replace("title: Bandomasis projektas", f"title: '{FORMULAS[1]}'")
                  .replace("programme: Bandomoji programa", f"programme: '{FORMULAS[0]}'"))  # fmt: skip
    content.write(
        "data/organisations.yaml",
        content.read("data/organisations.yaml").replace(
            "name: Bandomoji organizacija", f"name: '{FORMULAS[3]}'"
        ),
    )
    content.write(
        "data/funders.yaml",
        content.read("data/funders.yaml").replace(
            "name: Bandomasis fondas", f"name: '{FORMULAS[2]}'"
        ),
    )
    build(content.root, tmp_path / "output")
    data = tmp_path / "output/data"
    (row,) = csv.DictReader(
        io.StringIO((data / "grants.csv").read_text(encoding="utf-8-sig"), newline="")
    )
    assert row["project_title"] == "'" + FORMULAS[1] and row["programme"] == "'" + FORMULAS[0]
    assert row["organisation_name"] == "'" + FORMULAS[3] and row["funder_name"] == "'" + FORMULAS[2]
    assert row["amount"] == "1000.00"  # numbers are not texts
    sheet = openpyxl.load_workbook(data / "grants.xlsx").active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells}
    assert {FORMULAS[0], FORMULAS[1], FORMULAS[2], FORMULAS[3]} <= values  # as they are, as text


def test_csv_text_quotes_each_start_of_a_formula():
    from skaidra_open_data.spreadsheet import csv_text

    assert [csv_text(value) for value in FORMULAS] == ["'" + value for value in FORMULAS]
    assert [csv_text(value) for value in ("Vaikai", "2023-01-01", "", "a=b")] == [
        "Vaikai",
        "2023-01-01",
        "",
        "a=b",
    ]
