"""iCalendar files that Google, Outlook and Apple calendars all read the same way.

Timed events are written in UTC, so no client has to interpret a time-zone
block; all-day events are dates, ending the day after their last day. A
recurring timed event is the exception: its occurrences keep their local
wall-clock time across daylight-saving changes only if it is written in its
own time zone, so it carries TZID and the calendar its VTIMEZONE.
Nothing depends on the clock: DTSTAMP is the event's `date` (when it was
announced) or else its start, so two builds of the same content are equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar

from skaidra_model import Event
from skaidra_model.front_matter import occurrences

STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
SEQUENCE = {"scheduled": 0, "rescheduled": 1, "postponed": 1, "cancelled": 2}
REFRESH = dt.timedelta(hours=12)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc)


def stamp(event: Event) -> dt.datetime:
    """A DTSTAMP taken from the content, never from the clock."""
    announced = event.meta.date
    if isinstance(announced, dt.datetime):
        return _utc(announced.replace(tzinfo=event.tz))
    if isinstance(announced, dt.date):
        return _utc(dt.datetime.combine(announced, dt.time(), event.tz))
    if isinstance(event.start, dt.datetime):
        return _utc(event.start)
    return _utc(dt.datetime.combine(event.start, dt.time(), event.tz))


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
        item.add("dtstart", _utc(event.start))
        if event.end is not None:
            item.add("dtend", _utc(event.end))
    if event.meta.repeat:
        item.add("rrule", icalendar.vRecur.from_ical(event.meta.repeat.rule))
        for left_out in event.meta.repeat.except_:
            item.add("exdate", left_out.replace(tzinfo=event.tz) if isinstance(left_out, dt.datetime) else left_out)
    item.add("status", STATUS[event.status])
    item.add("sequence", SEQUENCE[event.status])
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
    name: str,
    prodid: str,
    url_of: Callable[[Event], str],
    describe: Callable[[Event], str],
    prefixes: dict[str, str],
) -> bytes:
    """A whole VCALENDAR, as bytes with CRLF line ends and lines folded at 75 octets."""
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    events = list(events)
    for event in events:
        cal.add_component(vevent(event, url_of(event), describe(event), prefixes))
    series = [event for event in events if event.meta.repeat and not event.all_day]
    if series:  # the VTIMEZONE of every TZID used, over the years the series run (not 1970 to 2038)
        years = [year for event in series for year in years_of(event)]
        cal.add_missing_timezones(first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1))
    return cal.to_ical()


def years_of(event: Event) -> tuple[int, int]:
    """The first and the last year of a recurring event (its rule always ends: COUNT or UNTIL)."""
    return event.start.year, occurrences(event.meta.repeat.rule, event.start)[-1].year
