"""The network an umbrella's members make, read from the copies of what they published (copies.py).

Members' files are untrusted input: their records are read by members.py into
validated objects, one record at a time (a record that fails is left out,
and `rejected` says why), and everything here is made from those; texts are
shown escaped by the templates (never as Markdown or HTML). Funders are matched across members by their
organisation identifier where the member's 360Giving file gives one from a
register (`LT-RC-…`), else by the funder's id; currencies are never added
together.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import icalendar
from skaidra_core.settings import build_now
from skaidra_model.numbers import json_number
from skaidra_model.results import counts_people
from skaidra_model.speech import say

from .copies import STATE, folder_of, read_feed, read_state
from .members import (
    Funding,
    GivingGrant,
    MemberEvent,
    Project,
    Rejected,
    address,
    clean,
    read_event,
    read_record,
)

NEWS_ITEMS = 30  # on the network's news page
# A register's identifier (org-id.guide: country, register, the entity's code: LT-RC-302913276), not one a
# member's generator made from its own prefix and an id (`<prefix>-funder-<id>`).
REGISTERED_ID = re.compile(r"[A-Z]{2}-[A-Z]{2,}-[A-Za-z0-9]+")
PROJECTS, GIVING, CALENDAR = "data/projects.json", "data/360giving.json", "calendar.ics"


@dataclass(frozen=True)
class MemberSite:
    """A member as the umbrella lists it, and when each of its files was last found good."""

    id: str
    name: str
    url: str
    fetched: dict[str, str]  # endpoint -> ISO date-time

    @property
    def as_of(self) -> dt.date | None:
        """The date of the oldest copy used (the data are at least as fresh as this)."""
        return dt.date.fromisoformat(min(self.fetched.values())[:10]) if self.fetched else None


@dataclass(frozen=True)
class Grant:
    """A member's grant, from its validated record (members.Funding)."""

    member: MemberSite
    project_id: str
    project_title: str
    funding: Funding
    funder_key: str  # a register's identifier, else "funder:" and the member's funder id
    funder_name: str
    year: int | None

    @property
    def amount(self) -> Decimal:
        return self.funding.amount

    @property
    def currency(self) -> str:
        return self.funding.currency


@dataclass(frozen=True)
class NetworkProject:
    """A member's project, from its validated record (members.Project)."""

    member: MemberSite
    record: Project
    grants: tuple[Grant, ...]
    people_reached: Decimal | None

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def title(self) -> str:
        return self.record.title or self.record.id

    @property
    def summary(self) -> str:
        return self.record.summary

    @property
    def status(self) -> str:
        """A contract status, or "" when the member gave none the contract knows."""
        return self.record.status

    @property
    def url(self) -> str | None:
        """The project's page on the member's site."""
        return self.record.url

    @property
    def year(self) -> int | None:
        return self.record.period.start.year if self.record.period.start else None

    def published(self) -> dict:
        """The project as the umbrella's projects.json gives it: its validated values only."""
        record = self.record.model_dump(mode="json", exclude={"activities"}, exclude_none=True)
        record["title"] = self.title
        record["funding"] = [g.funding.published() for g in self.grants]
        if self.people_reached is not None:
            record["people_reached"] = json_number(self.people_reached)
        return record


@dataclass(frozen=True)
class NewsItem:
    member: MemberSite
    title: str
    url: str | None
    published: dt.datetime | None


@dataclass(frozen=True)
class Network:
    members: tuple[MemberSite, ...]
    projects: tuple[NetworkProject, ...]
    events: tuple[
        tuple[str, MemberEvent], ...
    ]  # each with the UID it is published under (its member's, see renamed)
    news: tuple[NewsItem, ...]
    giving: tuple[
        tuple[MemberSite, GivingGrant], ...
    ] = ()  # each member's 360Giving grants, validated
    recipients: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # member id -> its organisation's identifier and name
    rejected: tuple[tuple[MemberSite, Rejected], ...] = ()  # member records left out, and why
    renamed: tuple[
        tuple[MemberSite, str, str, str], ...
    ] = ()  # (member, UID, the member that published it first, UID given)

    @property
    def grants(self) -> list[Grant]:
        return [grant for project in self.projects for grant in project.grants]

    def totals(self, grants: list[Grant] | None = None) -> dict[str, Decimal]:
        """Money per currency, never added across currencies."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for grant in self.grants if grants is None else grants:
            sums[grant.currency] += grant.amount
        return dict(sorted(sums.items()))

    def by_funder(self) -> list[tuple[str, dict[str, Decimal]]]:
        """Each funder (matched across members) with its money per currency, the most first."""
        names: dict[str, str] = {}
        grouped: dict[str, list[Grant]] = defaultdict(list)
        for grant in self.grants:
            names.setdefault(grant.funder_key, grant.funder_name)
            grouped[grant.funder_key].append(grant)
        rows = [(names[key], self.totals(grants)) for key, grants in grouped.items()]
        return sorted(rows, key=lambda row: (-sum(row[1].values()), row[0]))

    def of(self, member: MemberSite) -> list[NetworkProject]:
        return self._by_member.get(member.id, [])

    @functools.cached_property
    def _by_member(self) -> dict[str, list[NetworkProject]]:
        found: dict[str, list[NetworkProject]] = defaultdict(list)
        for project in self.projects:
            found[project.member.id].append(project)
        return found

    def grants_of(self, member: MemberSite) -> list[Grant]:
        return [grant for project in self.of(member) for grant in project.grants]


def _load(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _records(document, key: str) -> list:
    records = document.get(key) if isinstance(document, dict) else None
    return records if isinstance(records, list) else []


def _giving(folder: Path) -> tuple[list[GivingGrant], list[Rejected]]:
    """A member's 360Giving grants that pass validation, and the ones left out."""
    grants, rejected = [], []
    for i, data in enumerate(_records(_load(folder / GIVING), "grants")):
        grant, problem = read_record(GivingGrant, data, GIVING, f"grants[{i}]")
        grants.append(grant) if grant else rejected.append(problem)
    return grants, rejected


def _recipient(grants: list[GivingGrant]) -> tuple[str, str] | None:
    """The member's organisation as its 360Giving grants name it: a register's identifier and a name."""
    for grant in grants:
        recipient = grant.recipientOrganization[0]
        if REGISTERED_ID.fullmatch(recipient.id):
            return recipient.id, recipient.name
    return None


def _people(project: Project) -> Decimal | None:
    reached = [
        indicator.actual
        for activity in project.activities
        for indicator in activity.indicators
        if indicator.actual is not None and counts_people(indicator.people, indicator.unit)
    ]
    return sum(reached) if reached else None


def _projects(
    member: MemberSite, folder: Path, giving: list[GivingGrant]
) -> tuple[list[NetworkProject], list[Rejected]]:
    """A member's projects that pass validation, each with its grants that do, and the records left out."""
    funders = {
        grant.id: (grant.fundingOrganization[0].id, grant.fundingOrganization[0].name)
        for grant in giving
    }
    found, rejected = [], []
    for i, data in enumerate(_records(_load(folder / PROJECTS), "projects")):
        project, problem = read_record(Project, data, PROJECTS, f"projects[{i}]")
        if project is None:
            rejected.append(problem)
            continue
        grants = []
        entries = data.get("funding")
        for j, entry in enumerate(entries if isinstance(entries, list) else []):
            funding, problem = read_record(Funding, entry, PROJECTS, f"projects[{i}].funding[{j}]")
            if funding is None:
                rejected.append(problem)
                continue
            org_id, org_name = funders.get(funding.grant_id, ("", ""))
            key = org_id if REGISTERED_ID.fullmatch(org_id) else f"funder:{funding.funder}"
            day = funding.award_date or project.period.start
            title = project.title or project.id
            grants.append(
                Grant(
                    member,
                    project.id,
                    title,
                    funding,
                    key,
                    funding.funder_name or org_name or funding.funder,
                    day.year if day else None,
                )
            )
        found.append(NetworkProject(member, project, tuple(grants), _people(project)))
    return found, rejected


def _calendar(folder: Path, now: dt.datetime) -> tuple[list[MemberEvent], list[Rejected]]:
    """A member's events as plain values (members.read_event); nothing else of its calendar is kept."""
    try:
        calendar = icalendar.Calendar.from_ical((folder / CALENDAR).read_bytes())
    except (OSError, ValueError):
        return [], []
    events, rejected, seen = [], [], set()
    for i, component in enumerate(calendar.walk("VEVENT")):
        event, reason = read_event(component, now)
        if event is not None and event.uid in seen:
            event, reason = None, say("repeats the UID of an earlier event of the same calendar")
        if event is None:
            rejected.append(Rejected(CALENDAR, f"VEVENT[{i}]", reason))
            continue
        seen.add(event.uid)
        events.append(event)
    return events, rejected


def _news(member: MemberSite, folder: Path) -> list[NewsItem]:
    path = folder / "feeds/all.atom.xml"
    if not path.is_file():
        return []
    parsed = read_feed(path.read_bytes())
    items = []
    for entry in parsed.entries if parsed is not None else []:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.datetime(*when[:6], tzinfo=dt.UTC) if when else None
        items.append(
            NewsItem(member, clean(entry.get("title")), address(entry.get("link")), published)
        )
    return items


def source_of(member: MemberSite, relative: str) -> str:
    """The published address of a member's file, named in the network's open data."""
    return member.url.rstrip("/") + "/" + relative


@functools.lru_cache(maxsize=1)
def _read(content: Path, members: str, stamp: str) -> Network:
    return _read_network(content, json.loads(members))


def read_network(content: Path, members: list[dict]) -> Network:
    """The network, read once for all the generators of a build that need it (until a copy changes)."""
    states = [folder_of(content, m["id"]) / STATE for m in members]
    stamp = ",".join(str(path.stat().st_mtime_ns) if path.is_file() else "-" for path in states)
    return _read(content, json.dumps(members, sort_keys=True), stamp)


def _read_network(content: Path, members: list[dict]) -> Network:
    """Everything the members' copies hold; a member without copies yet has none of it."""
    sites, projects, events, news, giving, recipients, rejected, renamed = (
        [],
        [],
        [],
        [],
        [],
        {},
        [],
        [],
    )
    first_of: dict[str, MemberSite] = {}  # UID -> the member that published it first
    now = build_now()  # the stamp of an event whose member gave none
    for entry in members:
        state = read_state(content, entry["id"])
        member = MemberSite(
            entry["id"],
            entry["name"],
            entry["url"],
            {k: v["fetched"] for k, v in state.items() if "fetched" in v},
        )
        sites.append(member)
        folder = folder_of(content, member.id)
        member_giving, left_out = _giving(folder)
        member_projects, left_out_too = _projects(member, folder, member_giving)
        projects.extend(member_projects)
        rejected.extend((member, problem) for problem in (*left_out, *left_out_too))
        member_events, left_out = _calendar(folder, now)
        rejected.extend((member, problem) for problem in left_out)
        for event in member_events:
            uid = event.uid
            if (
                first_of.setdefault(uid, member) is not member
            ):  # claimed by two members: both kept, apart
                uid = f"{event.uid}-{member.id}"
                renamed.append((member, event.uid, first_of[event.uid].id, uid))
            events.append((uid, event))
        news.extend(_news(member, folder))
        giving.extend((member, grant) for grant in member_giving)
        recipient = _recipient(member_giving)
        if recipient:
            recipients[member.id] = recipient
    news.sort(
        key=lambda item: item.published or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True
    )
    return Network(tuple(sites), tuple(projects), tuple(events), tuple(news[:NEWS_ITEMS]), tuple(giving),
                   recipients, tuple(rejected), tuple(renamed))  # fmt: skip
