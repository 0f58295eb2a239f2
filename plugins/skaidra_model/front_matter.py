"""Schemas of the YAML front matter of posts, pages, events and episodes."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Annotated, Literal

from dateutil.rrule import rrulestr
from icalendar import vRecur
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WrapValidator,
    field_validator,
)

from .fields import (
    SLUG_RE,
    Clock,
    DateOrDateTime,
    ImagePath,
    Lang,
    LongText,
    MediaPath,
    ProjectId,
    Slug,
    Tags,
    Text,
    TimeZoneName,
    Url,
    fail,
)
from .media_types import TRANSCRIPT_SUFFIXES, suffix_of
from .schema import Illustrated, Strict
from .speech import say

SPDX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled")
EPISODE_TYPES = ("full", "trailer", "bonus")


class Common(Illustrated):
    """Keys every Markdown file may carry."""

    title: Text
    date: DateOrDateTime | None = None
    summary: LongText | None = None
    tags: Tags = Field(default_factory=list)
    lang: Lang | None = None
    slug: Slug | None = None
    status: Literal["published", "draft"] = "published"
    project: ProjectId | None = None
    projects: list[ProjectId] = Field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        """Whether the file is left out of the build."""
        return self.status == "draft"

    @property
    def project_ids(self) -> tuple[str, ...]:
        """Every project this item is linked to, `project` first."""
        ids = ([self.project] if self.project else []) + list(self.projects)
        return tuple(dict.fromkeys(ids))


class PostMeta(Common):
    """A news post (a Pelican article)."""

    modified: DateOrDateTime | None = None
    author: Text | None = None


# What a page may be for (contract, section 1): the footer links each, in the reader's language.
PAGE_ROLES = ("about", "contact", "accessibility", "privacy", "imprint")


class PageMeta(Common):
    """A standalone page."""

    modified: DateOrDateTime | None = None
    role: Literal[PAGE_ROLES] | None = None


class Geo(Strict):
    lat: float
    lon: float


def _geo(value):
    if isinstance(value, list):
        if len(value) != 2:
            raise fail(say("must be [latitude, longitude]"))
        lat, lon = value
        for number, name, limit in (
            (lat, say("the latitude"), 90),
            (lon, say("the longitude"), 180),
        ):
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise fail(say("{name} must be a number, got {value!r}", name=name, value=number))
            if not -limit <= number <= limit:
                raise fail(
                    say(
                        "{name} must be between -{limit} and {limit}, got {value}",
                        name=name,
                        limit=limit,
                        value=number,
                    )
                )
        return {"lat": lat, "lon": lon}
    raise fail(say("must be [latitude, longitude]"))


class Placed(Strict):
    """Something on the map: `geo: [latitude, longitude]`."""

    geo: Geo | None = None

    @field_validator("geo", mode="before")
    @classmethod
    def _geo_pair(cls, value):
        return None if value is None else _geo(value)


class Location(Placed):
    name: Text | None = None
    address: Text | None = None
    locality: Text | None = None
    country: Text | None = None
    accessibility: Text | dict[Lang, Text] | None = (
        None  # step-free access, toilets, hearing loops, parking
    )


class Venue(Location):
    """A place events may name by its `id` (data/venues.yaml)."""

    id: Slug
    name: Text


def _location_or_venue(value, handler):
    """A location written out, or the `id` of a venue, kept as text for the loader to resolve."""
    if isinstance(value, str):
        return _slug_of_venue(value)
    return handler(value)


def _slug_of_venue(value: str) -> str:
    if not SLUG_RE.match(value):
        raise fail(
            say(
                "must be a place ('name:', 'locality:' ... lines) or the id of a venue in data/venues.yaml, got {value!r}",
                value=value,
            )
        )
    return value


REPEAT_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MAX_OCCURRENCES = 1000  # a series longer than this is a slip, and would make every calendar heavy


def _rule(value: str) -> str:
    """An RFC 5545 RRULE value that ends: FREQ of DAILY to YEARLY, with COUNT or UNTIL."""
    try:
        parts = dict(part.split("=", 1) for part in value.split(";"))
        vRecur.from_ical(value)
    except (ValueError, TypeError):
        raise fail(
            say(
                "must be a rule such as 'FREQ=WEEKLY;BYDAY=TU;COUNT=10', got {value!r}", value=value
            )
        ) from None
    if parts.get("FREQ") not in REPEAT_FREQUENCIES:
        raise fail(
            say(
                "FREQ must be one of {choices}, got {value!r}",
                choices=", ".join(REPEAT_FREQUENCIES),
                value=parts.get("FREQ"),
            )
        )
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise fail(
            say("needs COUNT (how many times) or UNTIL (the last date), so that the series ends")
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise fail(say("has both COUNT and UNTIL; keep one of them"))
    for key, low, high in (("COUNT", 1, MAX_OCCURRENCES), ("INTERVAL", 1, 1000)):
        if key in parts and not (parts[key].isdigit() and low <= int(parts[key]) <= high):
            raise fail(
                say(
                    "{key} must be a whole number from {low} to {high}, got {value!r}",
                    key=key,
                    low=low,
                    high=high,
                    value=parts[key],
                )
            )
    return value


def occurrences(
    rule: str, start: dt.date | dt.datetime, limit: int = MAX_OCCURRENCES + 1
) -> list[dt.datetime]:
    """The first `limit` dates of a series that begins at `start` (wall-clock time, no zone)."""
    first = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    first = first.replace(tzinfo=None)
    if (
        rule.partition("UNTIL=")[2].partition(";")[0].endswith("Z")
    ):  # UNTIL in UTC needs a start in a zone
        first = first.replace(tzinfo=dt.UTC)
    return list(itertools.islice(rrulestr(rule, dtstart=first), limit))


class Repeat(Strict):
    """A recurring event: `start` and `end` are its first occurrence."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    rule: Annotated[Text, AfterValidator(_rule)]
    except_: list[DateOrDateTime] = Field(default=[], alias="except")

    @property
    def _parts(self) -> dict[str, str]:
        return dict(part.split("=", 1) for part in self.rule.split(";"))

    @property
    def frequency(self) -> str:
        return self._parts["FREQ"]

    @property
    def count(self) -> int | None:
        return int(self._parts["COUNT"]) if "COUNT" in self._parts else None

    @property
    def until(self) -> dt.date | None:
        value = self._parts.get("UNTIL")
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8])) if value else None


class License(Strict):
    """An SPDX identifier such as CC-BY-4.0, or a name with an address."""

    name: Text
    url: Url | None = None
    spdx: Text | None = None


def _license(value):
    if isinstance(value, str):
        if not SPDX_RE.match(value):
            raise fail(
                say(
                    "must be an SPDX identifier such as 'CC-BY-4.0', or 'name:' and 'url:' lines, got {value!r}",
                    value=value,
                )
            )
        return {"name": value, "spdx": value}
    return value


class EpisodeLocation(Placed):
    """Where an episode was recorded, or what it is about."""

    name: Text


def _shown_time(value: dt.date) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else f"{value:%Y-%m-%d}"


class EventMeta(Common):
    """An event; `status` also says whether it goes ahead."""

    status: Literal[EVENT_STATUSES + ("draft",)] = "scheduled"  # type: ignore[valid-type]
    start: DateOrDateTime
    end: DateOrDateTime | None = None
    timezone: TimeZoneName | None = None
    location: Annotated[Location, WrapValidator(_location_or_venue)] | None = (
        None  # or a venue's id (str)
    )
    repeat: Repeat | None = None
    online: Url | None = None
    activity: Slug | None = None
    attendance: Annotated[int, Field(ge=0)] | None = None
    capacity: Annotated[int, Field(ge=0)] | None = None
    registration_url: Url | None = None
    uid: Text | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value, info: ValidationInfo):
        start = info.data.get("start")
        if value is None or start is None:
            return value
        if isinstance(start, dt.datetime) != isinstance(value, dt.datetime):
            raise fail(
                say("must be the same kind as 'start': both dates (all-day) or both date and time")
            )
        if value < start:
            raise fail(
                say(
                    "{value} is before the start, {start}",
                    value=_shown_time(value),
                    start=_shown_time(start),
                )
            )
        return value

    @field_validator("repeat")
    @classmethod
    def _series_from_start(cls, value, info: ValidationInfo):
        start = info.data.get("start")
        if value is None or start is None:
            return value
        try:
            dates = occurrences(value.rule, start)
        except (ValueError, TypeError):
            raise fail(
                say(
                    "rule {rule!r} cannot be followed from the start; check its parts",
                    rule=value.rule,
                )
            ) from None
        if not dates:
            raise fail(say("gives no date at all from the start"))
        if len(dates) > MAX_OCCURRENCES:
            raise fail(
                say(
                    "gives more than {limit} dates; end the series sooner or split it",
                    limit=MAX_OCCURRENCES,
                )
            )
        left_out = set(value.except_)
        if all(d in left_out or d.date() in left_out for d in dates):
            raise fail(say("leaves out every date of the series in 'except'"))
        return value

    @field_validator("activity")
    @classmethod
    def _activity_needs_project(cls, value, info: ValidationInfo):
        if value is not None and not info.data.get("project"):
            raise fail(say("needs 'project': the project whose activity this is"))
        return value


class Chapter(Strict):
    start: Clock
    title: Text


class Person(Strict):
    name: Text
    role: Text = "guest"
    url: Url | None = None
    img: ImagePath | None = None  # their picture, under content/media (podcast:person `img`)


class EpisodeMeta(Common):
    """A podcast episode; `date` is its publication time."""

    date: DateOrDateTime
    audio: Text
    alternate_audio: list[MediaPath] = Field(
        default_factory=list
    )  # the same recording in other formats (podcast:alternateEnclosure)
    duration: Clock | None = None
    length: Annotated[int, Field(gt=0)] | None = None
    episode: Annotated[int, Field(ge=1)] | None = None
    season: Annotated[int, Field(ge=1)] | None = None
    episode_type: Literal[EPISODE_TYPES] = "full"  # type: ignore[valid-type]
    explicit: bool = False
    transcript: MediaPath | None = None
    chapters: list[Chapter] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    youtube: Url | None = None
    keywords: Tags = Field(default_factory=list)
    location: EpisodeLocation | None = None
    license: Annotated[License, BeforeValidator(_license)] | None = None
    guid: Text | None = None

    @field_validator("transcript")
    @classmethod
    def _transcript_type(cls, value):
        if value is not None and suffix_of(value) not in TRANSCRIPT_SUFFIXES:
            raise fail(say("must be a .vtt, .srt, .txt or .html file, got {value!r}", value=value))
        return value
