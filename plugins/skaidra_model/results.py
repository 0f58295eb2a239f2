"""What the projects report they achieved: per project, and the people reached across them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .schema import Indicator, Project
from .site import Site

# Units by which an indicator says it counts people (compared in lower case).
PEOPLE_UNITS = frozenset({
    "asm.", "asm", "asmuo", "asmenys", "asmenų", "dalyvis", "dalyviai", "dalyvių", "žmonės", "žmonių",
    "people", "persons", "participants",
})  # fmt: skip


def counts_people(indicator: Indicator) -> bool:
    return (indicator.unit or "").strip().lower() in PEOPLE_UNITS


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
    """People the projects planned to reach and reached, as their indicators count them."""

    planned: Decimal | None
    reached: Decimal | None


def people(site: Site, projects: Iterable[Project]) -> People:
    planned: list[Decimal] = []
    reached: list[Decimal] = []
    for project in projects:
        for a, activity in enumerate(project.activities):
            for item in site.indicators(project, a):
                if counts_people(item.indicator):
                    if item.indicator.target is not None:
                        planned.append(item.indicator.target)
                    if item.actual is not None:
                        reached.append(item.actual)
    return People(sum(planned) if planned else None, sum(reached) if reached else None)
