"""iCalendar files that Google, Outlook and Apple calendars all read the same way.

Timed events are written in UTC, so no client has to interpret a time-zone
block; all-day events are dates, ending the day after their last day. A
recurring timed event is the exception: its occurrences keep their local
wall-clock time across daylight-saving changes only if it is written in its
own time zone, so it carries TZID and the calendar a compact VTIMEZONE
(timezones.py). A cancelled occurrence of a series is an EXDATE of it.
Collections (the whole site's, a language's, a project's) carry their name,
description and how often to refresh; a single event's file carries none of
them, so that a calendar app adds the event rather than a new calendar.
Nothing depends on the clock: DTSTAMP is the event's `date` (when it was
announced) or else its start, so two builds of the same content are equal;
SEQUENCE is raised each time the event's schedule changed (identities.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

import icalendar
from skaidra_model import Event
from skaidra_model.front_matter import occurrences

from .timezones import vtimezone

STATUS = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
REFRESH = dt.timedelta(hours=12)


def utc(value: dt.datetime) -> dt.datetime:
    """An aware time in UTC, as calendars and the calendar links write it."""
    return value.astimezone(dt.UTC)


def stamp(event: Event) -> dt.datetime:
    """A DTSTAMP taken from the content, never from the clock."""
    announced = event.meta.date
    if isinstance(announced, dt.datetime):
        return utc(announced.replace(tzinfo=event.tz))
    if isinstance(announced, dt.date):
        return utc(dt.datetime.combine(announced, dt.time(), event.tz))
    if isinstance(event.start, dt.datetime):
        return utc(event.start)
    return utc(dt.datetime.combine(event.start, dt.time(), event.tz))


def place(event: Event) -> str | None:
    """The location as one line of text."""
    location = event.meta.location
    if location is None:
        return event.meta.online
    parts = [location.name, location.address, location.locality, location.country]
    return ", ".join(p for p in parts if p) or None


def vevent(event: Event, url: str, description: str, prefixes: dict[str, str]) -> icalendar.Event:
    """One VEVENT for an event."""
    item = icalendar.Event()
    item.add("uid", event.uid)
    item.add("dtstamp", stamp(event))
    item.add("summary", prefixes.get(event.status, "") + event.title)
    if event.all_day:
        item.add("dtstart", event.start)
        item.add("dtend", event.last_day + dt.timedelta(days=1))
    elif event.meta.repeat:
        item.add("dtstart", event.start)  # aware, in the event's zone: written with its TZID
        if event.end is not None:
            item.add("dtend", event.end)
    else:
        item.add("dtstart", utc(event.start))
        if event.end is not None:
            item.add("dtend", utc(event.end))
    if event.meta.repeat:
        item.add("rrule", icalendar.vRecur.from_ical(event.meta.repeat.rule))
        for left_out in event.exceptions():
            if not event.all_day and not isinstance(
                left_out, dt.datetime
            ):  # a day: the occurrence that day
                left_out = dt.datetime.combine(left_out, event.start.timetz())
            item.add("exdate", left_out)
    item.add("status", STATUS[event.status])
    item.add("sequence", event.sequence)
    where = place(event)
    if where:
        item.add("location", where)
    if event.meta.location and event.meta.location.geo:
        item.add("geo", (event.meta.location.geo.lat, event.meta.location.geo.lon))
    item.add("url", url)
    if description:
        item.add("description", description)
    if event.meta.tags:
        item.add("categories", list(event.meta.tags))
    return item


def calendar(
    events: Iterable[Event],
    prodid: str,
    url_of: Callable[[Event], str],
    describe: Callable[[Event], str],
    prefixes: dict[str, str],
    collection: tuple[str, str] | None = None,
) -> bytes:
    """A whole VCALENDAR, as bytes with CRLF line ends and lines folded at 75 octets. A `collection`
    (name, description) is a calendar to subscribe to; without one, the file of one event."""
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if collection is not None:
        name, description = collection
        cal.add("x-wr-calname", name)
        cal.add("x-wr-caldesc", description)
        cal.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    events = list(events)
    zones: dict[str, list[int]] = {}
    for event in events:
        if (
            event.meta.repeat and not event.all_day
        ):  # written in its own zone: the calendar needs that zone
            zones.setdefault(event.tz.key, []).extend(years_of(event))
    for key, years in sorted(zones.items()):
        cal.add_component(vtimezone(ZoneInfo(key), min(years), max(years)))
    for event in events:
        cal.add_component(vevent(event, url_of(event), describe(event), prefixes))
    return cal.to_ical()


def years_of(event: Event) -> tuple[int, int]:
    """The first and the last year of a recurring event (its rule always ends: COUNT or UNTIL)."""
    return event.start.year, occurrences(event.meta.repeat.rule, event.start)[-1].year
