"""An umbrella's network pages and calendar, from its members' copies (network.py).

Pages: the members (each with its projects, money by funder and year, people
reached, its site and how fresh its data are), every project of the network
with pages by member, funder, year and status, the network's funding totals,
its news; and `<network>/calendar.ics`, the members' events each once with its
own UID. Nothing is written for a site without members.

Reads: `SKAIDRA["members"]`, `SITENAME`, `SITEURL`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import icalendar
from pelican import signals
from pelican.utils import slugify

from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.settings import core_settings
from skaidra_events.ics import REFRESH
from skaidra_funding.shares import bar_shares

from .network import Network, NetworkProject, read_network

FACETS = ("member", "funder", "year", "status")


def funder_slug(key: str) -> str:
    return slugify(key.removeprefix("funder:"))


def facet_values(project: NetworkProject, facet: str) -> set[str]:
    """The keys under which a project is listed on a facet's pages."""
    if facet == "member":
        return {project.member.id}
    if facet == "funder":
        return {funder_slug(grant.funder_key) for grant in project.grants}
    if facet == "year":
        return {str(project.year)} if project.year else set()
    return {project.status} if project.status else set()


class NetworkGenerator(SkaidraGenerator):
    """Write the network's pages and calendar, when the site lists members."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = core_settings(self.settings)["members"]
        self.network: Network | None = read_network(Path(self.settings["PATH"]), members) if members else None

    def declare_links(self) -> None:
        if self.network is not None:
            self.build.menu.append(Link("network", N_("Network"), 15, route="network"))

    def write_output(self, writer) -> None:
        network = self.network
        if network is None:
            return
        common = {"network": network, "section": "network", "calendar": self.routes.file("network_calendar")}
        self.write_in_all_languages(writer, "network", "network", **common)
        for member in network.members:
            projects = network.of(member)
            grants = network.grants_of(member)
            by_funder, by_year = defaultdict(list), defaultdict(list)
            for grant in grants:
                by_funder[grant.funder_name].append(grant)
                by_year[grant.year or 0].append(grant)
            reached = [p.people_reached for p in projects if p.people_reached is not None]
            self.write_in_all_languages(
                writer, "network_member", "network_member", {"slug": member.id},
                member=member, projects=projects, totals=network.totals(grants),
                by_funder={name: network.totals(g) for name, g in sorted(by_funder.items())},
                by_year={year: network.totals(g) for year, g in sorted(by_year.items(), reverse=True)},
                people=sum(reached) if reached else None,
                **common,
            )  # fmt: skip
        facets, listed = self.facets(network)
        self.write_in_all_languages(writer, "network_projects", "network_projects", projects=network.projects, facets=facets, **common)
        for facet, keys in facets.items():
            for key, label in keys.items():
                self.write_in_all_languages(
                    writer, "network_projects", "network_projects_by", {"facet": facet, "key": key},
                    projects=listed[(facet, key)], facets=facets, chosen=(facet, key, label), **common,
                )  # fmt: skip
        by_funder = dict(network.by_funder())
        self.write_in_all_languages(
            writer, "network_funding", "network_funding",
            grand_total=network.totals(), by_funder=by_funder, shares=bar_shares(by_funder), **common,
        )  # fmt: skip
        self.write_in_all_languages(writer, "network_news", "network_news", news=network.news, **common)
        self.write_file(self.routes.file("network_calendar"), self.calendar(network))

    @staticmethod
    def facets(network: Network) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], list[NetworkProject]]]:
        """Each facet's keys with what a page says of them (a status is worded by the template), and the
        projects listed under each, found in one pass."""
        found: dict[str, dict[str, str]] = {facet: {} for facet in FACETS}
        listed: dict[tuple[str, str], list[NetworkProject]] = defaultdict(list)
        for member in network.members:
            found["member"][member.id] = member.name
        for project in network.projects:
            for facet in FACETS:
                for key in facet_values(project, facet):
                    listed[(facet, key)].append(project)
                    if facet in ("year", "status"):
                        found[facet][key] = key
            for grant in project.grants:
                found["funder"].setdefault(funder_slug(grant.funder_key), grant.funder_name)
        found["year"] = dict(sorted(found["year"].items(), reverse=True))
        return found, listed

    def calendar(self, network: Network) -> bytes:
        """The members' events, each as its member wrote it (its UID kept), with the zones they use."""
        cal = icalendar.Calendar()
        cal.add("prodid", f"-//Skaidra//{self.settings['SITENAME']}//network")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", f"{self.settings['SITENAME']}: {self.text(self.default_lang)('Events of the network')}")
        cal.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
        for zone in network.timezones:
            cal.add_component(zone)
        for event in network.events:
            cal.add_component(event)
        return cal.to_ical()


def get_generators(_pelican):
    return NetworkGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
