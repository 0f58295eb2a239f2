"""The data-quality checks of 360Giving's tool, as warnings naming file, line and field; `check --strict`
makes them errors."""

from __future__ import annotations

import pytest
from conftest import ContentTree, skaidra

pytestmark = pytest.mark.usefixtures("english_messages")

EPOCH = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28
PROJECT = """\
id: DEMO-1
title: {title}
organisation: org
summary: {summary}
period:
  start: {start}
  end: {end}
areas:
  - {{name: Tauragės apskritis, country: LT}}
funding:
  - funder: fondas
    amount: 1000
    programme: Bandomoji programa
    award_date: {award}
    payments:
      - {{date: {paid}, amount: 400}}
"""
GOOD = {
    "title": "Bandomasis projektas", "summary": "Trumpas projekto aprašymas.", "start": "2024-01-01",
    "end": "2024-12-31", "award": "2023-12-01", "paid": "2024-02-01",
}  # fmt: skip
WHERE = "content/data/projects/demo.yaml"


def warnings_for(content: ContentTree, text: str) -> list[str]:
    """The warnings `check` says for this project (the rest of the site being clean)."""
    content.write("data/projects/demo.yaml", text)
    if (content.root / "events/mokymai.md").exists():
        content.remove("events/mokymai.md")  # its activity is not in this project
    run = skaidra("check", "--input", str(content.root), env=EPOCH)
    assert run.code == 0, run.err
    return [line.split(str(content.root.parent) + "/", 1)[1] for line in run.problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_a_clean_project_gets_no_warning(content):
    assert warnings_for(content, PROJECT.format(**GOOD)) == []


@pytest.mark.parametrize(
    "changes, needle, field, message",
    [
        ({"end": "2037-01-01"}, "end:", "period.end", "2037-01-01 is more than 10 years from now; check the year"),
        ({"start": "1989-05-01"}, "start:", "period.start", "1989-05-01 is before 1990-03-11; check the year"),
        ({"award": "2025-02-01"}, "award_date:", "funding[0].award_date",
         "the grant was awarded on 2025-02-01, after the project ended (2024-12-31); check the dates"),
        ({"award": "2026-06-01", "end": "2027-12-31"}, "award_date:", "funding[0].award_date",
         "2026-06-01 is after today (2026-05-28); check the date"),
        ({"paid": "2026-07-01"}, "- {date:", "funding[0].payments[0].date", "2026-07-01 is after today (2026-05-28); check the date"),
        ({"title": "Labai " * 28 + "ilgas"}, "title:", "title",
         "is 173 characters long; 360Giving advises at most 140, as lists and search results cut longer titles"),
        ({"summary": "Bandomasis projektas"}, "summary:", "summary",
         "is the same as the title; say in a sentence or two what the project does"),
    ],
    ids=["far-future", "too-early", "awarded-after-end", "award-in-future", "payment-in-future", "long-title", "title-as-summary"],
)  # fmt: skip
def test_each_check_names_file_line_and_field(content, changes, needle, field, message):
    text = PROJECT.format(**{**GOOD, **changes})
    assert warnings_for(content, text) == [
        f"{WHERE}:{line_of(text, needle)}: {field}: warning: {message}"
    ]


def test_no_programme_no_area_and_no_registration_code(content):
    text = (
        PROJECT.format(**GOOD)
        .replace("    programme: Bandomoji programa\n", "")
        .replace("areas:\n  - {name: Tauragės apskritis, country: LT}\n", "")
    )
    content.write("data/organisations.yaml", "- id: org\n  name: Bandomoji organizacija\n")
    assert warnings_for(content, text) == [
        (
            "content/data/organisations.yaml:1: [0].registration_code: warning: Bandomoji organizacija has no 'registration_code', "
            "so open data cannot name it by its LT-RC- identifier; add its legal entity code"
        ),
        (
            f"{WHERE}:1: areas: warning: not given: open data names no beneficiary location; "
            "add the places the project serves under 'areas'"
        ),
        (
            f"{WHERE}:{line_of(text, '- funder:')}: funding[0].programme: warning: not given: open data names no grant programme; "
            "add the call or programme the grant came from"
        ),
    ]


def test_strict_check_fails_on_them_as_errors(content):
    content.write("data/projects/demo.yaml", PROJECT.format(**{**GOOD, "summary": GOOD["title"]}))
    content.remove("events/mokymai.md")
    lenient = skaidra("check", "--input", str(content.root), env=EPOCH)
    assert lenient.code == 0 and len(lenient.problems) == 1
    strict = skaidra("check", "--strict", "--input", str(content.root), env=EPOCH)
    assert strict.code == 1
    assert [line.split(": ", 2)[1:] for line in strict.problems] == [
        ["summary", "is the same as the title; say in a sentence or two what the project does"]
    ]  # said as an error: no "warning:"
    assert strict.err.rstrip().endswith(f"1 error found in {content.root}/")
