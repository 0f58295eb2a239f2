"""A compact VTIMEZONE: the zone's clock changes as yearly rules, as Google and Outlook write them.

icalendar's `add_missing_timezones()` lists every change as an RDATE; ical.js
and vobject were measured reading such a block for Europe/Vilnius one hour off
in April 2025. A STANDARD and a DAYLIGHT observance, each with
`RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..`, is read alike by icalendar, vobject,
recurring_ical_events and the big calendar apps. The changes are found from
the zone itself (zoneinfo), over the years a series runs and the year before
(so that its first occurrence falls after an observance's onset); where a
zone changed its rules within those years, each run of changes that keeps one
rule gets its own observance, ended by UNTIL when the zone left it.
"""

from __future__ import annotations

import calendar as month_days
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

UTC = dt.UTC
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One change of the zone's clock: the instant, and the offsets and name around it."""

    at: dt.datetime  # UTC
    before: dt.timedelta
    after: dt.timedelta
    name: str
    daylight: bool

    @property
    def wall(self) -> dt.datetime:
        """The local time the change happens at, on the clock before it (the observance's DTSTART)."""
        return (self.at + self.before).replace(tzinfo=None)

    def rules(self) -> set[str]:
        """The BYDAY values that name this change's day: its nth weekday and, in a month's last week, -1."""
        day = self.wall
        weekday = WEEKDAYS[day.weekday()]
        found = {f"{(day.day - 1) // 7 + 1}{weekday}"}
        if day.day + 7 > month_days.monthrange(day.year, day.month)[1]:
            found.add(f"-1{weekday}")
        return found


def changes(tz: ZoneInfo, first_year: int, last_year: int) -> list[Change]:
    """Every change of the zone's offset from the start of `first_year` to the end of `last_year`."""
    found = []
    moment = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(tz).utcoffset()
    while moment < end:
        following = moment + dt.timedelta(days=1)
        if following.astimezone(tz).utcoffset() != offset:
            low, high = moment, following  # the change lies in (low, high]: halve to the minute
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            local = high.astimezone(tz)
            found.append(
                Change(
                    high.replace(second=0, microsecond=0),
                    offset,
                    local.utcoffset(),
                    local.tzname(),
                    bool(local.dst()),
                )
            )
            offset = local.utcoffset()
        moment = following
    return found


def vtimezone(tz: ZoneInfo, first_year: int, last_year: int) -> icalendar.Timezone:
    """The VTIMEZONE of `tz` valid for events from `first_year` to `last_year`."""
    block = icalendar.Timezone()
    block.add("tzid", tz.key)
    found = changes(tz, first_year - 1, last_year)
    if not found:  # no clock change in these years: one observance since 1970
        now = dt.datetime(first_year, 1, 1, tzinfo=UTC).astimezone(tz)
        block.add_component(
            _observance(
                False, dt.datetime(1970, 1, 1), now.utcoffset(), now.utcoffset(), now.tzname()
            )
        )
        return block
    for daylight in (False, True):
        kind = [c for c in found if c.daylight == daylight]
        runs: list[tuple[list[Change], set[str]]] = []
        for change in kind:
            if runs:
                run, rule = runs[-1]
                last = run[-1]
                same = (change.wall.month, change.wall.time(), change.before, change.after, change.name) == (
                    last.wall.month, last.wall.time(), last.before, last.after, last.name)  # fmt: skip
                if same and change.at.year == last.at.year + 1 and rule & change.rules():
                    runs[-1] = (run + [change], rule & change.rules())
                    continue
            runs.append(([change], change.rules()))
        for run, rule in runs:
            first = run[0]
            item = _observance(daylight, first.wall, first.before, first.after, first.name)
            if len(run) > 1:
                recur = {
                    "FREQ": "YEARLY",
                    "BYMONTH": first.wall.month,
                    "BYDAY": min(rule, key=lambda r: (r[0] != "-", r)),
                }
                if run[-1].at.year < last_year:  # the zone left this rule before the series ends
                    recur["UNTIL"] = run[-1].at
                item.add("rrule", recur)
            block.add_component(item)
    return block


def _observance(
    daylight: bool, start: dt.datetime, before: dt.timedelta, after: dt.timedelta, name: str
):
    item = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
    item.add("dtstart", start)
    item.add("tzoffsetfrom", before)
    item.add("tzoffsetto", after)
    item.add("tzname", name)
    return item
