"""The network an umbrella's members make, read from the copies of what they published (copies.py).

Members' files are untrusted input. Only plain values are taken from them:
texts are cut to a length and shown escaped by the templates (never as
Markdown or HTML), addresses are kept only when they are http(s), amounts
only when they are numbers. Funders are matched across members by their
organisation identifier where the member's 360Giving file gives one from a
register (`LT-RC-…`), else by the funder's id; currencies are never added
together.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar

from skaidra_model.results import counts_people
from skaidra_model.schema import PROJECT_STATUSES

from .copies import STATE, folder_of, read_state

TITLE_LENGTH = 300
SUMMARY_LENGTH = 1000
NEWS_ITEMS = 30  # on the network's news page
# A register's identifier (org-id.guide: country, register, the entity's code: LT-RC-302913276), not one a
# member's generator made from its own prefix and an id (`<prefix>-funder-<id>`).
REGISTERED_ID = re.compile(r"[A-Z]{2}-[A-Z]{2,}-[A-Za-z0-9]+")
CURRENCY = re.compile(r"^[A-Z]{3}$")  # ISO 4217; a grant in anything else is left out


def _text(value, length: int = TITLE_LENGTH) -> str:
    text = " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _address(value) -> str | None:
    """An http(s) address, or None (a `javascript:` or other scheme is dropped)."""
    if not isinstance(value, str) or len(value) > 2000:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _number(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _status(value) -> str:
    """One of the contract's project statuses, or "" for anything else."""
    return value if value in PROJECT_STATUSES else ""


def _year(value) -> int | None:
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


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
    member: MemberSite
    project_id: str
    project_title: str
    funder_key: str
    funder_name: str
    amount: Decimal
    currency: str
    year: int | None
    raw: dict  # the funding entry as the member published it


@dataclass(frozen=True)
class NetworkProject:
    member: MemberSite
    id: str
    title: str
    summary: str
    status: str  # a contract status, or "" when the member gave none it knows
    year: int | None
    url: str | None  # the project's page on the member's site
    grants: tuple[Grant, ...]
    people_reached: Decimal | None
    raw: dict  # the record as the member published it, for the network's open data (machines, not pages)


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
    events: tuple[icalendar.Event, ...]  # each once, with the UID its member gave it
    timezones: tuple[icalendar.Timezone, ...]
    news: tuple[NewsItem, ...]
    giving: tuple[tuple[MemberSite, dict], ...] = ()  # each member's 360Giving grants as published
    recipients: dict[str, tuple[str, str]] = field(default_factory=dict)  # member id -> its organisation's identifier and name


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


def _giving(document) -> list[dict]:
    grants = document.get("grants") if isinstance(document, dict) else None
    return [grant for grant in grants if isinstance(grant, dict)] if isinstance(grants, list) else []


def _recipient(grants: list[dict]) -> tuple[str, str] | None:
    """The member's organisation as its 360Giving grants name it: a register's identifier and a name."""
    for grant in grants:
        recipients = grant.get("recipientOrganization")
        if isinstance(recipients, list) and recipients and isinstance(recipients[0], dict):
            identifier, name = _text(recipients[0].get("id")), _text(recipients[0].get("name"))
            if name and REGISTERED_ID.fullmatch(identifier):
                return identifier, name
    return None


def _funders_by_grant(document) -> dict[str, tuple[str, str]]:
    """From a member's 360Giving file: each grant's funder identifier and name."""
    found = {}
    for grant in _giving(document):
        funders = grant.get("fundingOrganization")
        if isinstance(funders, list) and funders and isinstance(funders[0], dict) and isinstance(grant.get("id"), str):
            found[grant["id"]] = (_text(funders[0].get("id")), _text(funders[0].get("name")))
    return found


def _people(project: dict) -> Decimal | None:
    reached = []
    for activity in project.get("activities") or []:
        for indicator in (activity.get("indicators") or []) if isinstance(activity, dict) else []:
            people = indicator.get("people") if isinstance(indicator, dict) else None
            if isinstance(indicator, dict) and counts_people(people if isinstance(people, bool) else None, str(indicator.get("unit", ""))):
                actual = _number(indicator.get("actual"))
                if actual is not None:
                    reached.append(actual)
    return sum(reached) if reached else None


def _projects(member: MemberSite, folder: Path) -> list[NetworkProject]:
    document = _load(folder / "data/projects.json")
    records = document.get("projects") if isinstance(document, dict) else None
    funders = _funders_by_grant(_load(folder / "data/360giving.json"))
    found = []
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or not _text(record.get("id")):
            continue
        title = _text(record.get("title")) or _text(record.get("id"))
        grants = []
        for entry in record.get("funding") or []:
            amount = _number(entry.get("amount")) if isinstance(entry, dict) else None
            if amount is None or not CURRENCY.match(str(entry.get("currency", ""))):
                continue
            org_id, org_name = funders.get(entry.get("grant_id"), ("", ""))
            registered = REGISTERED_ID.fullmatch(org_id)
            key = org_id if registered else f"funder:{_text(entry.get('funder'))}"
            name = _text(entry.get("funder_name")) or org_name or _text(entry.get("funder"))
            year = _year(entry.get("award_date")) or _year((record.get("period") or {}).get("start"))
            grants.append(Grant(member, _text(record["id"]), title, key, name, amount, entry["currency"], year, entry))
        period = record.get("period") if isinstance(record.get("period"), dict) else {}
        found.append(NetworkProject(
            member, _text(record["id"]), title, _text(record.get("summary"), SUMMARY_LENGTH), _status(record.get("status")),
            _year(period.get("start")), _address(record.get("url")), tuple(grants), _people(record), record,
        ))  # fmt: skip
    return found


def _calendar(folder: Path) -> tuple[list[icalendar.Event], list[icalendar.Timezone]]:
    try:
        calendar = icalendar.Calendar.from_ical((folder / "calendar.ics").read_bytes())
    except (OSError, ValueError):
        return [], []
    return list(calendar.walk("VEVENT")), list(calendar.walk("VTIMEZONE"))


def _news(member: MemberSite, folder: Path) -> list[NewsItem]:
    path = folder / "feeds/all.atom.xml"
    if not path.is_file():
        return []
    parsed = feedparser.parse(io.BytesIO(path.read_bytes()))  # a stream: never taken for a file name or URL
    items = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.datetime(*when[:6], tzinfo=dt.timezone.utc) if when else None
        items.append(NewsItem(member, _text(entry.get("title")), _address(entry.get("link")), published))
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
    sites, projects, events, zones, news, giving, recipients = [], [], [], {}, [], [], {}
    seen: set[str] = set()
    for entry in members:
        state = read_state(content, entry["id"])
        member = MemberSite(entry["id"], entry["name"], entry["url"], {k: v["fetched"] for k, v in state.items() if "fetched" in v})
        sites.append(member)
        folder = folder_of(content, member.id)
        projects.extend(_projects(member, folder))
        member_events, member_zones = _calendar(folder)
        for event in member_events:
            uid = str(event.get("uid", ""))
            if uid and uid not in seen:  # a UID two members publish is one event
                seen.add(uid)
                events.append(event)
        for zone in member_zones:
            zones.setdefault(str(zone.get("tzid")), zone)
        news.extend(_news(member, folder))
        member_giving = _giving(_load(folder / "data/360giving.json"))
        giving.extend((member, grant) for grant in member_giving)
        recipient = _recipient(member_giving)
        if recipient:
            recipients[member.id] = recipient
    news.sort(key=lambda item: (item.published or dt.datetime.min.replace(tzinfo=dt.timezone.utc)), reverse=True)
    return Network(tuple(sites), tuple(projects), tuple(events), tuple(zones.values()), tuple(news[:NEWS_ITEMS]), tuple(giving), recipients)
