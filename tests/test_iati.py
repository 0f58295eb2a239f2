"""`data/iati-activities.xml`: valid against the IATI 2.03 schema, every code one the published IATI
codelists hold, and every figure the one the YAML gives (read here by an independent parser)."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import funded_site
import pytest
import yaml
from conftest import ContentTree, build, html
from lxml import etree

IATI = Path(__file__).parent / "standards" / "iati"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd")))


def codelist(name: str) -> set[str]:
    """The codes an IATI codelist publishes."""
    return {code.text for code in etree.parse(str(IATI / "codelists" / f"{name}.xml")).iter("code")}


def activities(output: Path, schema: etree.XMLSchema) -> dict[str, etree._Element]:
    document = etree.parse(str(output / "data/iati-activities.xml"))
    schema.assertValid(document)
    assert document.getroot().get("version") == "2.03"
    return {a.findtext("iati-identifier"): a for a in document.getroot().iter("iati-activity")}


def test_every_code_is_in_its_iati_codelist(funded_output, sample_output, schema):
    checks = {  # an XPath to code attributes, and the codelist they come from
        "reporting-org/@type": "OrganisationType",
        "participating-org/@role": "OrganisationRole",
        "participating-org/@type": "OrganisationType",
        "activity-status/@code": "ActivityStatus",
        "activity-date/@type": "ActivityDateType",
        "budget/@type": "BudgetType",
        "budget/@status": "BudgetStatus",
        "transaction/transaction-type/@code": "TransactionType",
        "document-link/category/@code": "DocumentCategory",
        "document-link/@format": "FileFormat",
        "result/@type": "ResultType",
        "result/indicator/@measure": "IndicatorMeasure",
    }
    for output in (funded_output, sample_output):
        for activity in activities(output, schema).values():
            for path, name in checks.items():
                assert set(activity.xpath(path)) <= codelist(name), (path, activity.xpath(path))
            assert activity.xpath("activity-status/@code") and activity.xpath(
                "transaction/transaction-type/@code"
            )


def test_the_figures_are_the_yamls(funded_output, schema):
    found = activities(funded_output, schema)
    source = {}
    for name, text in funded_site.FILES.items():
        if name.startswith("data/projects/"):
            data = yaml.safe_load(textwrap.dedent(text))
            source[data["id"]] = data
    organisations = {
        o["id"]: o
        for o in yaml.safe_load(textwrap.dedent(funded_site.FILES["data/organisations.yaml"]))
    }
    assert len(found) == len(source)
    for pid, project in source.items():
        ((identifier, activity),) = [(i, a) for i, a in found.items() if i.endswith(f"-{pid}")]
        code = organisations[project["organisation"]].get("registration_code")
        if code:
            assert identifier == f"LT-RC-{code}-{pid}"
            assert activity.find("reporting-org").get("ref") == f"LT-RC-{code}"
        assert activity.findtext("title/narrative") == project["title"]
        assert activity.findtext("description/narrative") == project["summary"]
        dates = {d.get("type"): d.get("iso-date") for d in activity.iter("activity-date")}
        assert dates == {"1": str(project["period"]["start"]), "3": str(project["period"]["end"])}
        budgets = {
            b.find("value").get("currency"): Decimal(b.findtext("value"))
            for b in activity.iter("budget")
        }
        expected: dict[str, Decimal] = {}
        for grant in project["funding"]:
            currency = grant.get("currency", "EUR")
            expected[currency] = expected.get(currency, Decimal(0)) + Decimal(str(grant["amount"]))
        assert budgets == expected
        transactions = [
            (
                t.find("transaction-type").get("code"),
                t.find("transaction-date").get("iso-date"),
                Decimal(t.findtext("value")),
            )
            for t in activity.iter("transaction")
        ]
        wanted = []
        for grant in project["funding"]:
            wanted.append(("11", str(grant.get("award_date") or (grant.get("decision") or {}).get("date") or project["period"]["start"]),
                           Decimal(str(grant["amount"]))))  # fmt: skip
            wanted += [
                ("1", str(p["date"]), Decimal(str(p["amount"]))) for p in grant.get("payments", [])
            ]
        assert transactions == wanted


def test_results_carry_targets_and_actuals_counted_from_events(funded_output, schema):
    activity = next(a for i, a in activities(funded_output, schema).items() if i.endswith("-PA-1"))
    indicators = {
        i.findtext("title/narrative"): (
            i.xpath("period/target/@value"),
            i.xpath("period/actual/@value"),
        )
        for i in activity.iter("indicator")
    }
    assert indicators == {
        "Mokymų dalyviai": (
            ["10"],
            ["11"],
        ),  # 7 + 4 from past events; cancelled and future ones left out
        "Leidiniai": (["5"], ["3"]),
        "Forumo dalyviai": (["70"], []),  # no attendance published: no actual
    }
    assert [r.findtext("title/narrative") for r in activity.iter("result")] == [
        "Mokymai",
        "Forumas",
    ]
    assert (
        activity.find("title/narrative[@{http://www.w3.org/XML/1998/namespace}lang='en']").text
        == "Project A"
    )
    links = {
        (d.get("url"), d.get("format"), d.find("category").get("code"))
        for d in activity.iter("document-link")
    }
    assert links == {
        ("http://localhost:8000/projektai/pa-1/", "text/html", "A12"),
        ("https://e-tar.example/a3-92", "text/html", "A11"),
        ("http://localhost:8000/media/docs/sutartis.pdf", "application/pdf", "A08"),
        ("https://org-a.example/ataskaita.pdf", "application/pdf", "A08"),
    }


def test_the_open_data_section_links_it(funded_output):
    page = html(funded_output / "finansavimas/index.html")
    links = [a["href"] for a in page.select("#open-data ~ ul a")]
    assert any(href.endswith("data/iati-activities.xml") for href in links)


def test_a_site_without_projects_has_no_activities_file(tmp_path):
    tree = ContentTree(tmp_path / "content")
    tree.write("posts/labas.md", "---\ntitle: Labas\ndate: 2024-02-01\n---\nTekstas.\n")
    run = build(tree.root, tmp_path / "output")
    assert run.code == 0, run.err
    assert not (tmp_path / "output/data/iati-activities.xml").exists()


def test_each_code_is_the_one_its_place_means(funded_output, schema):
    """Not only a code the codelist holds: the one that means what the place says (a mutation to another
    valid code fails here)."""
    found = {
        i.rsplit("-", 2)[-2] + "-" + i.rsplit("-", 1)[-1]: a
        for i, a in activities(funded_output, schema).items()
    }
    # The funded site at its build date: PA-1 over, PB-2 cancelled, PC-3 not started.
    assert {key: a.find("activity-status").get("code") for key, a in found.items()} == {
        "PA-1": "4",
        "PB-2": "5",
        "PC-3": "1",
    }
    first = found["PA-1"]
    assert first.find("reporting-org").get("type") == "22"  # national NGO
    roles = [
        (o.get("role"), o.get("type"), o.findtext("narrative"))
        for o in first.iter("participating-org")
    ]
    assert roles == [
        ("1", None, "Fondas A"),
        ("1", None, "Fondas B"),
        ("4", "22", "Organizacija A"),
    ]  # funding, implementing
    assert {(b.get("type"), b.get("status")) for b in first.iter("budget")} == {
        ("1", "2")
    }  # original, committed
    categories = [
        (d.get("url"), d.find("category").get("code")) for d in first.iter("document-link")
    ]
    assert categories[0][1] == "A12" and categories[0][0].endswith(
        "/projektai/pa-1/"
    )  # the project's page
    assert ("https://e-tar.example/a3-92", "A11") in categories  # the funding decision
    assert ("https://org-a.example/ataskaita.pdf", "A08") in categories  # a document of the project
    assert {r.get("type") for r in first.iter("result")} == {"1"}  # output
    assert {i.get("measure") for i in first.iter("indicator")} == {"1"}  # unit
