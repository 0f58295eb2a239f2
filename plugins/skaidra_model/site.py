"""The loaded site: every content object, with cross-links resolved once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from .front_matter import Common, EpisodeMeta, EventMeta, PageMeta, PostMeta, Venue, occurrences
from .history import History
from .html_policy import MarkdownRenderer
from .packed_text import unpack
from .problems import Problem
from .schema import Activity, Funder, Grant, Indicator, Organisation, Project
from .transcripts import Transcript


@dataclass(frozen=True)
class ModelSettings:
    """The site settings the content model needs; built from Pelican settings."""

    default_lang: str = "lt"
    languages: tuple[str, ...] = ("lt", "en")
    timezone: str = "Europe/Vilnius"
    identity_domain: str = (
        ""  # "" until the site has an address: ids are then provisional, never recorded
    )
    allow_missing_transcript: bool = False
    reserved_slugs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> slugs
    kinds: tuple = ()  # ContentKind of capabilities outside the model
    left_out: frozenset[str] = (
        frozenset()
    )  # content kinds of capabilities the site leaves out ("events", "podcast")


@dataclass(frozen=True)
class Item:
    """A Markdown file: its front matter, body and derived identity."""

    source: str
    meta: Common
    packed_body: bytes  # packed_text.py: the site is kept in memory between a devserver's builds
    body_line: int
    slug: str
    lang: str

    @property
    def body(self) -> str:
        return unpack(self.packed_body)

    @property
    def stem(self) -> str:
        """The file name without folder and extension."""
        return self.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def project_ids(self) -> tuple[str, ...]:
        return self.meta.project_ids


@dataclass(frozen=True)
class Post(Item):
    meta: PostMeta


@dataclass(frozen=True)
class Page(Item):
    meta: PageMeta


@dataclass(frozen=True)
class Event(Item):
    """An event with its times made aware of its time zone."""

    meta: EventMeta
    uid: str
    tz: ZoneInfo
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None
    sequence: int = (
        0  # the calendar SEQUENCE: raised each time the schedule changed (identities.py)
    )
    venue: str | None = None  # the id of the venue in data/venues.yaml it names, if it names one
    one_of_series: bool = False  # one occurrence of a series (see `occurrences`)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def status(self) -> str:
        return self.meta.status

    @property
    def last_day(self) -> dt.date:
        """The last calendar day the event runs, in its own time zone."""
        end = self.end or self.start
        return end.date() if isinstance(end, dt.datetime) else end

    @property
    def first_day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def repeats(self) -> bool:
        """Whether this is a whole series (not one occurrence of it, nor a single event)."""
        return self.meta.repeat is not None and not self.one_of_series

    def is_past(self, now: dt.datetime) -> bool:
        """Whether the event (every occurrence of a series) is over at `now`."""
        last = self.occurrences()[-1]
        if last.all_day:
            return last.last_day < now.astimezone(self.tz).date()
        return (last.end or last.start) < now

    def occurrences(self) -> tuple[Event, ...]:
        """Each occurrence of a series as an event of its own (same uid, slug and text; its own start and
        end, at the first one's local wall-clock time), without the exceptions; the event itself when it
        does not repeat."""
        return self._occurrences if self.repeats else (self,)

    @cached_property
    def _occurrences(self) -> tuple[Event, ...]:
        length = (self.end - self.start) if self.end is not None else None
        left_out = set(self.exceptions())
        found = []
        for wall in occurrences(self.meta.repeat.rule, self.start):
            start = wall.date() if self.all_day else wall.replace(tzinfo=self.tz)
            if start in left_out or (not self.all_day and start.date() in left_out):
                continue
            end = (
                None
                if length is None
                else (start + length if self.all_day else _wall_plus(start, length))
            )
            found.append(dataclasses.replace(self, start=start, end=end, one_of_series=True))
        return tuple(found)

    def exceptions(self) -> tuple[dt.date | dt.datetime, ...]:
        """The dates or local date-times left out of a series, made aware like its start."""
        if self.meta.repeat is None:
            return ()
        return tuple(
            d.replace(tzinfo=self.tz) if isinstance(d, dt.datetime) else d
            for d in self.meta.repeat.except_
        )

    def coming(self, now: dt.datetime) -> tuple[Event, ...]:
        """The occurrences not yet over at `now`."""
        return tuple(o for o in self.occurrences() if not o.is_past(now))

    def shown_at(self, now: dt.datetime) -> Event:
        """The one entry of this event in a list at `now`: a series at its next date (at its first once over)."""
        coming = self.coming(now)
        return coming[0] if coming else self.occurrences()[0]

    @property
    def begins(self) -> dt.datetime:
        """When it starts, in UTC (an all-day event at midnight in its zone): the order of lists."""
        start = (
            self.start
            if isinstance(self.start, dt.datetime)
            else dt.datetime.combine(self.start, dt.time(), self.tz)
        )
        return start.astimezone(dt.UTC)


def _wall_plus(start: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """The end of an occurrence: as long on the wall clock as the first one."""
    return (start.replace(tzinfo=None) + length).replace(tzinfo=start.tzinfo)


@dataclass(frozen=True)
class Audio:
    """An episode's audio: where it is, how long, how big, what type."""

    url: str | None
    media_path: str | None
    length: int
    duration: int  # whole seconds
    mime_type: str
    measured: float | None = None  # seconds, as read from a local file

    @property
    def bitrate(self) -> int | None:
        """Bits per second over the whole file (the measured length where there is one)."""
        seconds = self.measured or self.duration
        return round(self.length * 8 / seconds) if seconds else None


@dataclass(frozen=True)
class Episode(Item):
    meta: EpisodeMeta
    guid: str
    published: dt.datetime
    audio: Audio
    transcript: Transcript | None
    alternates: tuple[Audio, ...] = ()  # the same recording in other formats


def canonical(items, default_lang: str) -> list:
    """Of items sharing a slug, keep the default-language one (or the first), in order."""
    chosen: dict[str, Item] = {}
    for item in items:
        current = chosen.get(item.slug)
        if current is None or (item.lang == default_lang and current.lang != default_lang):
            chosen[item.slug] = item
    keep = {id(item) for item in chosen.values()}
    return [item for item in items if id(item) in keep]


@dataclass(frozen=True)
class ResolvedIndicator:
    """An indicator with its actual value worked out."""

    indicator: Indicator
    actual: Decimal | None

    @property
    def progress(self) -> float | None:
        """Actual as a share of target, capped at 1, or None if unknown."""
        target = self.indicator.target
        if self.actual is None or not target:
            return None
        return min(float(self.actual / target), 1.0)


@dataclass(frozen=True)
class Site:
    """Everything in `content/`, validated, with cross-links resolved."""

    settings: ModelSettings
    now: dt.datetime
    organisations: Mapping[str, Organisation]
    funders: Mapping[str, Funder]
    projects: Mapping[str, Project]
    project_sources: Mapping[str, str]
    posts: Mapping[str, Post]  # every post by source path, drafts included (Pelican skips them)
    pages: Mapping[str, Page]  # likewise
    events: tuple[Event, ...]  # published events in every language, in time order
    episodes: tuple[Episode, ...]  # published episodes in every language, newest first
    extra: Mapping[str, tuple[Item, ...]] = field(
        default_factory=dict
    )  # items of registered kinds, by kind
    venues: Mapping[str, Venue] = field(default_factory=dict)  # data/venues.yaml, by id
    warnings: tuple[Problem, ...] = ()
    identities: dict = field(default_factory=dict, repr=False)  # the registry to save after a build
    markdown: MarkdownRenderer = field(
        default_factory=MarkdownRenderer, repr=False
    )  # shared by validation and pages
    history: History | None = (
        None  # the projects' figures through the content's git commits (history.py)
    )
    _links: dict[str, dict[str, tuple]] = field(default_factory=dict, repr=False)
    _actuals: dict[tuple[str, int, int], Decimal | None] = field(default_factory=dict, repr=False)

    def items(self, kind: str) -> tuple[Item, ...]:
        """The published items of a registered content kind, in every language, by source path."""
        return self.extra.get(kind, ())

    def pictures(self) -> list[str]:
        """Every picture the pages show (logos, and the `image` of projects, posts, pages, events and
        episodes), as paths under content/media, each once."""
        found = [entry.logo for entry in (*self.organisations.values(), *self.funders.values())]
        found += [project.image for project in self.projects.values()]
        found += [
            item.meta.image
            for item in (*self.posts.values(), *self.pages.values(), *self.events, *self.episodes)
        ]
        return sorted({path for path in found if path})

    def project_status(self, project: Project) -> str:
        """The declared status, or one derived from the period and the build date."""
        return project_status(project, self.now.date())

    def canonical_events(self) -> list[Event]:
        """One version of each event (its default-language one where there is one), in time order."""
        return canonical(self.events, self.settings.default_lang)

    def coming_events(self, events: list[Event] | None = None) -> list[Event]:
        """Each of `events` (default: one version of each event) not over yet, once, a series at its next
        date, soonest first: what lists show (month views show every occurrence)."""
        chosen = self.canonical_events() if events is None else events
        return sorted(
            (e.shown_at(self.now) for e in chosen if not e.is_past(self.now)),
            key=lambda o: (o.begins, o.source),
        )

    def canonical_episodes(self) -> list[Episode]:
        """One version of each episode, newest first."""
        return canonical(self.episodes, self.settings.default_lang)

    @cached_property
    def _versions(self) -> dict[tuple[type, str, str], Item]:
        return {(type(item), item.slug, item.lang): item for item in (*self.events, *self.episodes)}

    def version_in(self, item: Item, lang: str) -> Item:
        """The translation of an event or episode into `lang`, or the item itself."""
        return self._versions.get((type(item), item.slug, lang), item)

    def events_of(self, project_id: str) -> tuple[Event, ...]:
        """Published events linked to a project, in time order."""
        return self._links.get("events", {}).get(project_id, ())

    def episodes_of(self, project_id: str) -> tuple[Episode, ...]:
        """Published episodes linked to a project, newest first."""
        return self._links.get("episodes", {}).get(project_id, ())

    def posts_of(self, project_id: str) -> tuple[str, ...]:
        """Source paths of published posts linked to a project."""
        return self._links.get("posts", {}).get(project_id, ())

    def indicators(self, project: Project, activity_index: int) -> list[ResolvedIndicator]:
        """The indicators of one activity with their actual values resolved."""
        activity: Activity = project.activities[activity_index]
        return [
            ResolvedIndicator(ind, self._actuals.get((project.id, activity_index, i), ind.actual))
            for i, ind in enumerate(activity.indicators)
        ]

    def grants(self) -> list[tuple[Project, int, Grant]]:
        """Every grant of every project, with the grant's position in its project."""
        return [
            (project, i, grant)
            for project in self.projects.values()
            for i, grant in enumerate(project.funding)
        ]


def project_status(project: Project, today: dt.date) -> str:
    """The declared status, or one derived from the period and `today`."""
    if project.status:
        return project.status
    if today < project.period.start:
        return "planned"
    if today > project.period.end:
        return "completed"
    return "active"
