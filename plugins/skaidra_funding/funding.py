"""The funding disclosure page ("Finansavimas"): totals with bars, every grant, open data.

Reads: `SKAIDRA["data_licence"]`.
"""

from __future__ import annotations

from pelican import signals
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.settings import core_settings
from skaidra_model.funding import grant_records, paid_total, total, totals_by

from .shares import bar_shares


class FundingGenerator(SkaidraGenerator):
    """Write `finansavimas/` in each language."""

    capability = "funding"

    def declare_links(self) -> None:
        if self.site.projects:
            self.build.menu.append(Link("funding", N_("Funding"), 20, route="funding"))

    def write_output(self, writer) -> None:
        records = grant_records(self.site)
        groupings = {
            "year": lambda r: r.year, "funder": lambda r: r.grant.funder,
            "organisation": lambda r: r.project.organisation, "programme": lambda r: r.grant.programme or "",
        }  # fmt: skip
        by = {name: totals_by(records, key) for name, key in groupings.items()}
        currencies = list(total(records))
        self.write_in_all_languages(
            writer,
            "funding",
            "funding",
            records=records,
            grand_total=total(records),
            paid_total=paid_total(records),
            by_year=dict(sorted(by["year"].items(), reverse=True)),
            by_funder=_largest_first(by["funder"]),
            by_organisation=_largest_first(by["organisation"]),
            by_programme=_largest_first(by["programme"]),
            paid_by={name: totals_by(records, key, paid_total) for name, key in groupings.items()},
            currencies=currencies,
            bar_shares=bar_shares,
            licence=core_settings(self.settings)["data_licence"],
            section="funding",
        )


def _largest_first(groups: dict) -> dict:
    return dict(sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), str(kv[0]))))


def get_generators(_pelican):
    return FundingGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
