"""Grants as flat records, and totals of them: one source for pages and open data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .schema import Grant, Project
from .site import Site


@dataclass(frozen=True)
class GrantRecord:
    """One grant with the project it funds and its stable key."""

    project: Project
    grant: Grant
    key: str

    @property
    def award_date(self) -> dt.date | None:
        return self.grant.awarded_on

    @property
    def year(self) -> int:
        """The year the grant was awarded, or else the year its project starts."""
        return (self.award_date or self.project.period.start).year


def grant_records(site: Site) -> list[GrantRecord]:
    """Every grant on the site, newest project first.

    A grant's key is `<project id>-<funder id>`, with `-2`, `-3`... for a
    second and third grant from the same funder to the same project; it does
    not change when titles, amounts or dates are edited.
    """
    records = []
    for project in sorted(
        site.projects.values(), key=lambda p: (p.period.start, p.id), reverse=True
    ):
        seen: dict[str, int] = defaultdict(int)
        for grant in project.funding:
            seen[grant.funder] += 1
            suffix = f"-{seen[grant.funder]}" if seen[grant.funder] > 1 else ""
            records.append(GrantRecord(project, grant, f"{project.id}-{grant.funder}{suffix}"))
    return records


def records_by_project(records: list[GrantRecord]) -> dict[str, list[GrantRecord]]:
    """The records of each project, by its id, in the order given."""
    found: dict[str, list[GrantRecord]] = defaultdict(list)
    for record in records:
        found[record.project.id].append(record)
    return found


Totals = dict[str, Decimal]


def total(records: Iterable[GrantRecord]) -> Totals:
    """Sum amounts per currency, largest first: never adds euros to dollars."""
    return _per_currency((record.grant.currency, record.grant.amount) for record in records)


def paid_total(records: Iterable[GrantRecord]) -> Totals:
    """Sum the payments listed, per currency, largest first; a grant that lists none adds nothing."""
    return _per_currency(
        (r.grant.currency, r.grant.paid) for r in records if r.grant.paid is not None
    )


def _per_currency(amounts: Iterable[tuple[str, Decimal]]) -> Totals:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for currency, amount in amounts:
        sums[currency] += amount
    return dict(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0])))


def totals_by(
    records: Iterable[GrantRecord],
    key: Callable[[GrantRecord], object],
    measure: Callable[[Iterable[GrantRecord]], Totals] = total,
) -> dict[object, Totals]:
    """Totals (awarded, or another `measure`) grouped by `key`, groups in order of first appearance."""
    groups: dict[object, list[GrantRecord]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return {group: measure(items) for group, items in groups.items()}
