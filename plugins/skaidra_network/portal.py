"""An umbrella's network pages and calendar, from its members' copies (network.py).

Pages: the members (each with its projects, money by funder and year, people
reached, its site and how fresh its data are), every project of the network
with pages by member, funder, year and status, the network's funding totals,
its news; and `<network>/calendar.ics`, the members' events each once with its
own UID. Nothing is written for a site without members.

Reads: `SKAIDRA["members"]`, `SITENAME`, `SITEURL`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from pelican import signals
from pelican.utils import slugify
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.settings import core_settings
from skaidra_events.ics import REFRESH
from skaidra_events.timezones import vtimezone
from skaidra_funding.shares import bar_shares

from .members import MemberEvent
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
        self.network: Network | None = (
            read_network(Path(self.settings["PATH"]), members) if members else None
        )

    def declare_links(self) -> None:
        if self.network is not None:
            self.build.menu.append(Link("network", N_("Network"), 15, route="network"))

    def write_output(self, writer) -> None:
        network = self.network
        if network is None:
            return
        common = {
            "network": network,
            "section": "network",
            "calendar": self.routes.file("network_calendar"),
        }
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
        self.write_in_all_languages(
            writer,
            "network_projects",
            "network_projects",
            projects=network.projects,
            facets=facets,
            **common,
        )
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
        self.write_in_all_languages(
            writer, "network_news", "network_news", news=network.news, **common
        )
        self.write_file(self.routes.file("network_calendar"), self.calendar(network))

    @staticmethod
    def facets(
        network: Network,
    ) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], list[NetworkProject]]]:
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
        """The members' events, each written anew from its plain values (members.MemberEvent) under the UID
        its member gave it (see Network.renamed); a series in its own zone, with that zone's VTIMEZONE."""
        cal = icalendar.Calendar()
        cal.add("prodid", f"-//Skaidra//{self.settings['SITENAME']}//network")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add(
            "x-wr-calname",
            f"{self.settings['SITENAME']}: {self.text(self.default_lang)('Events of the network')}",
        )
        cal.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
        zones: dict[str, list[int]] = defaultdict(list)
        for _uid, event in network.events:
            if (
                event.rule
                and isinstance(event.start, dt.datetime)
                and isinstance(event.start.tzinfo, ZoneInfo)
            ):
                until = event.rule.get("UNTIL", [None])[0]
                zones[event.start.tzinfo.key] += [
                    event.start.year,
                    until.year if until else event.start.year + 1,
                ]
        for key, years in sorted(zones.items()):
            cal.add_component(vtimezone(ZoneInfo(key), min(years), max(years)))
        for uid, event in network.events:
            cal.add_component(vevent(uid, event))
        return cal.to_ical()


def _written(moment, series: bool):
    """A time as the calendar writes it: a series' in its own zone (its rule follows the local clock), any
    other zoned one in UTC, a date or a floating time as it is."""
    if (
        isinstance(moment, dt.datetime)
        and moment.tzinfo is not None
        and not (series and isinstance(moment.tzinfo, ZoneInfo))
    ):
        return moment.astimezone(dt.UTC)
    return moment


def vevent(uid: str, event: MemberEvent) -> icalendar.Event:
    """A member's event from its plain values alone."""
    series = event.rule is not None
    out = icalendar.Event()
    out.add("uid", uid)
    out.add("dtstamp", event.stamp.astimezone(dt.UTC))
    out.add("summary", event.summary)
    out.add("dtstart", _written(event.start, series))
    if event.end is not None:
        out.add("dtend", _written(event.end, series))
    if series:
        out.add("rrule", event.rule)
        if event.exceptions:
            out.add("exdate", [_written(day, series) for day in event.exceptions])
    for key, value in (
        ("location", event.location),
        ("url", event.url),
        ("description", event.description),
        ("status", event.status),
    ):
        if value:
            out.add(key, value)
    if event.sequence:
        out.add("sequence", event.sequence)
    return out


def get_generators(_pelican):
    return NetworkGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
