"""The project index's filters: by status, year, funder and organisation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from skaidra_model import Site
from skaidra_model.schema import PROJECT_STATUSES, Project

FACETS = ("status", "year", "funder", "organisation")


@dataclass(frozen=True)
class FacetValue:
    """One filter: a facet, a value, its label and the ids of the projects it keeps. Every list page's
    filters show every value, so they hold ids, not projects: a page's key is told by what it is
    handed, and one project's amount would otherwise change the key of every list page."""

    facet: str
    value: str
    label: str
    projects: tuple[str, ...]


def facet_values(site: Site, projects: list[Project]) -> dict[str, list[FacetValue]]:
    """Every value of every facet that at least one project has, in a stable order."""
    groups: dict[str, dict[str, list[Project]]] = {facet: defaultdict(list) for facet in FACETS}
    for project in projects:
        groups["status"][site.project_status(project)].append(project)
        for year in range(project.period.start.year, project.period.end.year + 1):
            groups["year"][str(year)].append(project)
        for funder in dict.fromkeys(g.funder for g in project.funding):
            groups["funder"][funder].append(project)
        groups["organisation"][project.organisation].append(project)
    labels = {
        "status": lambda v: v,
        "year": lambda v: v,
        "funder": lambda v: site.funders[v].name,
        "organisation": lambda v: site.organisations[v].name,
    }
    order = {
        "status": lambda v: PROJECT_STATUSES.index(v),
        "year": lambda v: -int(v),
        "funder": lambda v: site.funders[v].name,
        "organisation": lambda v: site.organisations[v].name,
    }
    return {
        facet: [
            FacetValue(facet, value, labels[facet](value), tuple(p.id for p in found))
            for value, found in sorted(groups[facet].items(), key=lambda kv: order[facet](kv[0]))
        ]
        for facet in FACETS
    }
