"""Plain links that put an event, or subscribe a calendar, in Google Calendar and Outlook.

They are links only: the page runs no script of theirs and loads nothing from
them. An event's links carry its title, times (UTC, or dates for an all-day
event, the end day exclusive), place and page; for a series, its next date
(neither service takes a series with exceptions by link; the .ics file does).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from skaidra_model import Event

from .ics import utc

GOOGLE_EVENT = "https://calendar.google.com/calendar/render"
OUTLOOK_EVENT = "https://outlook.live.com/calendar/0/deeplink/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"


def event_links(event: Event, title: str, details: str, place: str | None) -> dict[str, str]:
    """`google` and `outlook` links that add one event (or occurrence)."""
    if event.all_day:
        end = event.last_day + dt.timedelta(days=1)
        dates = f"{event.first_day:%Y%m%d}/{end:%Y%m%d}"
        outlook_times = {
            "startdt": event.first_day.isoformat(),
            "enddt": end.isoformat(),
            "allday": "true",
        }
    else:
        end = event.end or event.start + dt.timedelta(hours=1)
        dates = f"{utc(event.start):%Y%m%dT%H%M%SZ}/{utc(end):%Y%m%dT%H%M%SZ}"
        outlook_times = {"startdt": utc(event.start).isoformat(), "enddt": utc(end).isoformat()}
    where = {"location": place} if place else {}
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details,
        **where,
        "ctz": event.tz.key,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        **outlook_times,
        "body": details,
        **where,
    }
    return {
        "google": f"{GOOGLE_EVENT}?{urlencode(google)}",
        "outlook": f"{OUTLOOK_EVENT}?{urlencode(outlook)}",
    }


def subscribe_links(url: str, name: str) -> dict[str, str]:
    """`google` and `outlook` links that subscribe to the calendar at `url` (https)."""
    webcal = "webcal://" + url.split("://", 1)[1]
    return {
        "webcal": webcal,
        "google": f"{GOOGLE_EVENT}?{urlencode({'cid': webcal})}",
        "outlook": f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': url, 'name': name})}",
    }
