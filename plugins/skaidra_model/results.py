"""What the projects report they achieved: per project, and the people reached across them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .schema import Project
from .site import ResolvedIndicator, Site

# Units by which an indicator without `people` counts people, per language, compared in lower case
# (contract, section 4; the guides list them). `people: true` or `false` on the indicator decides first.
PEOPLE_UNITS = {
    "lt": ("asm.", "asm", "asmuo", "asmenys", "asmenų", "dalyvis", "dalyviai", "dalyvių", "žmonės", "žmonių",
           "vaikai", "vaikų", "jaunuoliai", "jaunuolių", "jaunimas", "mokiniai", "mokinių", "savanoriai",
           "savanorių", "senjorai", "senjorų", "lankytojai", "lankytojų"),
    "en": ("people", "persons", "participants", "children", "young people", "pupils", "students", "volunteers",
           "seniors", "visitors"),
}  # fmt: skip
ANY_PEOPLE_UNIT = frozenset(unit for units in PEOPLE_UNITS.values() for unit in units)


def counts_people(people: bool | None, unit: str | None) -> bool:
    """Whether an indicator counts people: as its `people` says, else as its unit does."""
    return people if people is not None else (unit or "").strip().lower() in ANY_PEOPLE_UNIT


@dataclass(frozen=True)
class Results:
    """How many of a project's indicators with a target report an actual value, and how far they got."""

    indicators: int
    reported: int
    average: float | None  # mean share of target reached by the reported ones, each capped at 1


def project_results(site: Site, project: Project) -> Results:
    shares = []
    indicators = 0
    for a, activity in enumerate(project.activities):
        for item in site.indicators(project, a):
            if item.indicator.target:
                indicators += 1
                if item.progress is not None:
                    shares.append(item.progress)
    return Results(indicators, len(shares), sum(shares) / len(shares) if shares else None)


@dataclass(frozen=True)
class People:
    """People the projects planned to reach and reached, as their indicators count them, and those indicators."""

    planned: Decimal | None
    reached: Decimal | None
    indicators: tuple[tuple[Project, ResolvedIndicator], ...] = ()


def people(site: Site, projects: Iterable[Project]) -> People:
    planned: list[Decimal] = []
    reached: list[Decimal] = []
    counted = []
    for project in projects:
        for a, activity in enumerate(project.activities):
            for item in site.indicators(project, a):
                if counts_people(item.indicator.people, item.indicator.unit):
                    counted.append((project, item))
                    if item.indicator.target is not None:
                        planned.append(item.indicator.target)
                    if item.actual is not None:
                        reached.append(item.actual)
    return People(
        sum(planned) if planned else None, sum(reached) if reached else None, tuple(counted)
    )
