"""Schemas of the YAML front matter of posts, pages, events and episodes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from .fields import (
    Clock,
    DateOrDateTime,
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
from .schema import Illustrated, Strict
from .media_types import TRANSCRIPT_SUFFIXES, suffix_of

EVENT_STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled")
EPISODE_TYPES = ("full", "trailer", "bonus")


class Common(Illustrated):
    """Keys every Markdown file may carry."""

    title: Text
    date: DateOrDateTime | None = None
    summary: LongText | None = None
    tags: Tags = []
    lang: Lang | None = None
    slug: Slug | None = None
    status: Literal["published", "draft"] = "published"
    project: ProjectId | None = None
    projects: list[ProjectId] = []

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


class PageMeta(Common):
    """A standalone page."""

    modified: DateOrDateTime | None = None


class Geo(Strict):
    lat: float
    lon: float


def _geo(value):
    if isinstance(value, list):
        if len(value) != 2:
            raise fail("must be [latitude, longitude]")
        lat, lon = value
        for number, name, limit in ((lat, "latitude", 90), (lon, "longitude", 180)):
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise fail(f"{name} must be a number, got {number!r}")
            if not -limit <= number <= limit:
                raise fail(f"{name} must be between -{limit} and {limit}, got {number}")
        return {"lat": lat, "lon": lon}
    raise fail("must be [latitude, longitude]")


class Location(Strict):
    name: Text | None = None
    address: Text | None = None
    locality: Text | None = None
    country: Text | None = None
    geo: Geo | None = None

    @field_validator("geo", mode="before")
    @classmethod
    def _geo_pair(cls, value):
        return None if value is None else _geo(value)


def _shown_time(value: dt.date) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else f"{value:%Y-%m-%d}"


class EventMeta(Common):
    """An event; `status` also says whether it goes ahead."""

    status: Literal[EVENT_STATUSES + ("draft",)] = "scheduled"  # type: ignore[valid-type]
    start: DateOrDateTime
    end: DateOrDateTime | None = None
    timezone: TimeZoneName | None = None
    location: Location | None = None
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
                "must be the same kind as 'start': both dates (all-day) or both date and time"
            )
        if value < start:
            raise fail(f"{_shown_time(value)} is before the start, {_shown_time(start)}")
        return value

    @field_validator("activity")
    @classmethod
    def _activity_needs_project(cls, value, info: ValidationInfo):
        if value is not None and not info.data.get("project"):
            raise fail("needs 'project': the project whose activity this is")
        return value


class Chapter(Strict):
    start: Clock
    title: Text


class Person(Strict):
    name: Text
    role: Text = "guest"
    url: Url | None = None


class EpisodeMeta(Common):
    """A podcast episode; `date` is its publication time."""

    date: DateOrDateTime
    audio: Text
    duration: Clock | None = None
    length: Annotated[int, Field(gt=0)] | None = None
    episode: Annotated[int, Field(ge=1)] | None = None
    season: Annotated[int, Field(ge=1)] | None = None
    episode_type: Literal[EPISODE_TYPES] = "full"  # type: ignore[valid-type]
    explicit: bool = False
    transcript: MediaPath | None = None
    chapters: list[Chapter] = []
    persons: list[Person] = []
    youtube: Url | None = None
    keywords: Tags = []
    guid: Text | None = None

    @field_validator("transcript")
    @classmethod
    def _transcript_type(cls, value):
        if value is not None:
            if suffix_of(value) not in TRANSCRIPT_SUFFIXES:
                raise fail(
                    "must be a .vtt, .srt, .txt or .html file, got " + repr(value)
                )
        return value


