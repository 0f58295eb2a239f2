"""Open data files: figures match the YAML; 360Giving validates against its schema offline."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

import funded_site
from conftest import ROOT

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
    assert a["status"] == "completed" and projects["PB-2"]["status"] == "cancelled" and projects["PC-3"]["status"] == "planned"
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
    assert list(rows[0]) == ["grant_id", "project_id", "project_title", "organisation", "funder",
                             "programme", "amount", "currency", "award_date", "start", "end", "url"]  # fmt: skip
    assert [(r["project_id"], r["funder"], r["amount"], r["currency"]) for r in rows] == [
        ("PC-3", "fondas-b", "3000.00", "EUR"),
        ("PB-2", "fondas-a", "1000.00", "USD"),
        ("PA-1", "fondas-a", "20000.00", "EUR"),
        ("PA-1", "fondas-b", "5000.50", "EUR"),
    ]
    assert rows[2]["grant_id"] == "360G-skaidra-PA-1-fondas-a"
    assert rows[2]["award_date"] == "2023-02-01"
    assert rows[1]["start"] == "2024-06-01" and rows[1]["end"] == "2025-05-31"


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
    assert first["amountAwarded"] == 20000 and first["currency"] == "EUR" and first["awardDate"] == "2023-02-01"
    assert first["recipientOrganization"] == [{"id": "LT-RC-111111111", "name": "Organizacija A", "url": "https://org-a.example"}]
    assert first["fundingOrganization"] == [{"id": "360G-skaidra-funder-fondas-a", "name": "Fondas A"}]
    assert grants["360G-skaidra-PA-1-fondas-b"]["amountAwarded"] == 5000.5


def test_the_validator_rejects_a_broken_package():
    assert list(validator().iter_errors({"grants": [{"id": "x", "title": "t"}]}))


def test_sample_site_open_data_matches_the_seeds(sample_output):
    package = json.loads((sample_output / "data/360giving.json").read_text(encoding="utf-8"))
    assert not list(validator().iter_errors(package))
    amounts = sorted(g["amountAwarded"] for g in package["grants"])
    assert amounts == [20000, 67000]
    rows = list(csv.DictReader(io.StringIO((sample_output / "data/grants.csv").read_text(encoding="utf-8-sig"))))
    assert {r["project_id"]: r["amount"] for r in rows} == {"NVOK06101": "20000.00", "nvo-vaikams-2023": "67000.00"}
    assert "Lietuvos kaimo bendruomenių sąjunga" in (sample_output / "data/projects.json").read_text(encoding="utf-8")
    assert (ROOT / "tests/standards/360giving/README.md").read_text().count("CC BY 4.0") == 1
