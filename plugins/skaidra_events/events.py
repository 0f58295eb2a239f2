"""Event pages, upcoming and past listings, month views and calendars.

Reads: `SITENAME`, `SITEURL`, `DEFAULT_LANG`, `SKAIDRA["publisher"]`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import quote_plus

from pelican import signals

from skaidra_core.generator import SkaidraGenerator
from skaidra_core.navigation import Link
from skaidra_core.i18n import N_
from skaidra_core.markup import excerpt, plain_text
from skaidra_core.settings import core_settings
from skaidra_model import Event

from .ics import calendar
from .jsonld import event_graph

PREFIXES = {"cancelled": N_("Cancelled:"), "postponed": N_("Postponed:")}


def months_of(events: list[Event]) -> dict[tuple[int, int], list[tuple[dt.date, Event]]]:
    """Each month with events, and each day of each event in it, in order."""
    months: dict[tuple[int, int], list[tuple[dt.date, Event]]] = defaultdict(list)
    for event in events:
        day = event.first_day
        while day <= event.last_day:
            months[(day.year, day.month)].append((day, event))
            day += dt.timedelta(days=1)
    return {key: sorted(days, key=lambda d: (d[0], d[1].start.isoformat())) for key, days in sorted(months.items())}


def map_link(event: Event) -> str | None:
    """A link to the place on OpenStreetMap (a link only: the page loads nothing from there)."""
    location = event.meta.location
    if location is None:
        return None
    if location.geo:
        lat, lon = location.geo.lat, location.geo.lon
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"
    query = ", ".join(p for p in (location.name, location.address, location.locality, location.country) if p)
    return f"https://www.openstreetmap.org/search?query={quote_plus(query)}" if query else None


def webcal(url: str) -> str:
    """The same calendar address for "subscribe" buttons."""
    return "webcal://" + url.split("://", 1)[1]


class EventsGenerator(SkaidraGenerator):
    """Write every event page, listing and calendar."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = self.text(self.default_lang)

    def describe(self, event: Event) -> str:
        """Plain text for calendars: the summary, or the start of the description."""
        text = event.meta.summary or excerpt(plain_text(self.renderer.html(event.body)), 600)
        if event.meta.online:
            text += f"\n\n{event.meta.online}"
        return text

    def organizer(self, event: Event) -> dict:
        if event.project_ids and event.project_ids[0] in self.site.projects:
            org = self.site.organisations[self.site.projects[event.project_ids[0]].organisation]
            return {"@type": "Organization", "name": org.name, **({"url": org.url} if org.url else {})}
        publisher = core_settings(self.settings)["publisher"]
        return {"@type": "Organization", "name": publisher.get("name") or self.settings["SITENAME"]}

    capability = "events"

    def declare_links(self) -> None:
        self.build.menu.append(Link("events", N_("Events"), 30, route="events"))
        self.build.footer.append(Link("calendar", N_("Calendar"), 30, files=(("", self.routes.file("calendar")),)))

    def write_output(self, writer) -> None:
        events = self.site.canonical_events()
        now = self.site.now
        upcoming = [e for e in events if not e.is_past(now)]
        past = [e for e in reversed(events) if e.is_past(now)]
        months = months_of(events)
        keys = list(months)
        feeds = {"calendar": self.routes.file("calendar"), "webcal": webcal(self.absolute(self.routes.file("calendar")))}
        common = {"section": "events", "months": keys, "feeds": feeds}
        self.write_in_all_languages(writer, "events", "events", events=upcoming, which="upcoming", **common)
        self.write_in_all_languages(writer, "events", "events_past", events=past, which="past", **common)
        for i, (year, month) in enumerate(keys):
            self.write_in_all_languages(
                writer, "events_month", "events_month", {"year": year, "month": month},
                year=year, month=month, days=months[(year, month)],
                previous=keys[i - 1] if i else None, following=keys[i + 1] if i + 1 < len(keys) else None,
                **common,
            )  # fmt: skip
        for event in events:
            self.write_event(writer, event)
        self.write_calendars(events)

    def write_event(self, writer, event: Event) -> None:
        paths = {lang: self.routes.route("event", lang, slug=event.slug) for lang in self.languages}
        ics = self.routes.file("event_calendar", slug=event.slug)
        project = self.site.projects.get(event.project_ids[0]) if event.project_ids else None
        activity = None
        if project is not None and event.meta.activity:
            activity = next(a for a in project.activities if a.id == event.meta.activity)
        for lang in self.languages:
            version = self.site.version_in(event, lang)
            description = version.meta.summary or excerpt(plain_text(self.renderer.html(version.body)), 300)
            image = self.absolute(f"media/{event.meta.image}") if event.meta.image else None
            self.write_page(
                writer, "event", paths, lang,
                event=version, canonical=event, project=project, activity=activity,
                past=event.is_past(self.site.now), map_link=map_link(event),
                ics=ics, webcal_url=webcal(self.absolute(ics)),
                jsonld=event_graph(version, self.absolute(paths[lang]), description, self.organizer(event), image),
                section="events",
            )  # fmt: skip

    def write_calendars(self, events: list[Event]) -> None:
        prefixes = {status: self.words(msgid) + " " for status, msgid in PREFIXES.items()}

        def write(path: str, items: list[Event], name: str) -> None:
            if self.reuse_file(path):  # a calendar shows only what the site digest covers: summaries, not whole texts
                return
            url_of = lambda e: self.absolute(self.routes.route("event", self.default_lang, slug=e.slug))  # noqa: E731
            self.write_file(
                path,
                calendar(items, name, f"-//Skaidra//{self.settings['SITENAME']}//LT", url_of, self.describe, prefixes),
                sources=tuple(e.source for e in items),
            )

        site_name = self.settings["SITENAME"]
        write(self.routes.file("calendar"), events, f"{site_name}: {self.words('Events')}")
        for project in self.site.projects.values():
            write(self.routes.file("project_calendar", slug=project.slug), list(self.site.events_of(project.id)), f"{site_name}: {project.title}")
        for event in events:
            write(self.routes.file("event_calendar", slug=event.slug), [event], event.title)


def get_generators(_pelican):
    return EventsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
