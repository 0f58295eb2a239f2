"""Event pages, venue pages, upcoming and past listings, month views and calendars.

A series (`repeat`) is one event with one page and one VEVENT; lists show it
once, at its next date, with its rule in words; the month views show each of
its occurrences.

Reads: `SITENAME`, `SITEURL`, `DEFAULT_LANG`, `SKAIDRA["publisher"]`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from urllib.parse import quote_plus

from pelican import signals
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.markup import excerpt, plain_text
from skaidra_core.navigation import Link
from skaidra_core.settings import core_settings
from skaidra_model import Event

from .add_links import event_links, subscribe_links
from .ics import calendar, place
from .jsonld import event_graph

PREFIXES = {"cancelled": N_("Cancelled:"), "postponed": N_("Postponed:")}
CALENDAR_DESCRIPTION = N_("Events of {site}, kept up to date: {url}")


def months_of(events: list[Event]) -> dict[tuple[int, int], list[tuple[dt.date, Event]]]:
    """Each month with events, and each day of each event in it, in order."""
    months: dict[tuple[int, int], list[tuple[dt.date, Event]]] = defaultdict(list)
    for event in (occurrence for series in events for occurrence in series.occurrences()):
        day = event.first_day
        while day <= event.last_day:
            months[(day.year, day.month)].append((day, event))
            day += dt.timedelta(days=1)
    return {
        key: sorted(days, key=lambda d: (d[0], d[1].start.isoformat()))
        for key, days in sorted(months.items())
    }


def map_link(location) -> str | None:
    """A link to a place (an event's location, a venue) on OpenStreetMap (a link only: the page loads
    nothing from there)."""
    if location is None:
        return None
    if location.geo:
        lat, lon = location.geo.lat, location.geo.lon
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"
    query = ", ".join(
        p for p in (location.name, location.address, location.locality, location.country) if p
    )
    return f"https://www.openstreetmap.org/search?query={quote_plus(query)}" if query else None


def worded(event: Event, version: Event) -> Event:
    """The event with the title and text of its version in another language; its identity (UID,
    SEQUENCE), times and place stay the event's own, as in every calendar."""
    if version is event:
        return event
    meta = event.meta.model_copy(
        update={"title": version.meta.title, "summary": version.meta.summary}
    )
    return dataclasses.replace(event, meta=meta, packed_body=version.packed_body, lang=version.lang)


class EventsGenerator(SkaidraGenerator):
    """Write every event page, venue page, listing and calendar."""

    def describe(self, event: Event) -> str:
        """Plain text for calendars: the summary, or the start of the description."""
        text = self.summary(event, 600)
        if event.meta.online:
            text += f"\n\n{event.meta.online}"
        return text

    def summary(self, event: Event, length: int) -> str:
        return event.meta.summary or excerpt(plain_text(self.renderer.html(event.body)), length)

    def organizer(self, event: Event) -> dict:
        if event.project_ids and event.project_ids[0] in self.site.projects:
            org = self.site.organisations[self.site.projects[event.project_ids[0]].organisation]
            return {
                "@type": "Organization",
                "name": org.name,
                **({"url": org.url} if org.url else {}),
            }
        publisher = core_settings(self.settings)["publisher"]
        return {"@type": "Organization", "name": publisher.get("name") or self.settings["SITENAME"]}

    capability = "events"

    def declare_links(self) -> None:
        self.build.menu.append(Link("events", N_("Events"), 30, route="events"))
        self.build.footer.append(
            Link("calendar", N_("Calendar"), 30, files=(("", self.routes.file("calendar")),))
        )

    def calendar_path(self, lang: str) -> str:
        """The calendar of every event in a language's words (calendar.ics is the default language's)."""
        return (
            self.routes.file("calendar")
            if lang == self.default_lang
            else self.routes.file("language_calendar", lang=lang)
        )

    def calendar_name(self, lang: str, what: str) -> tuple[str, str]:
        """A collection's X-WR-CALNAME and X-WR-CALDESC, in a language."""
        words = self.text(lang)
        site_name = self.settings["SITENAME"]
        return f"{site_name}: {what}", words(CALENDAR_DESCRIPTION).format(
            site=site_name, url=self.absolute(self.routes.route("events", lang))
        )

    def write_output(self, writer) -> None:
        events = self.site.canonical_events()
        now = self.site.now
        upcoming = self.site.coming_events()
        past = [e for e in reversed(events) if e.is_past(now)]
        months = months_of(events)
        keys = list(months)
        for lang in self.languages:
            path = self.calendar_path(lang)
            feeds = {
                "calendar": path,
                **subscribe_links(
                    self.absolute(path), self.calendar_name(lang, self.text(lang)("Events"))[0]
                ),
            }
            common = {"section": "events", "months": keys, "feeds": feeds}
            pages = (
                ("events", "events", {}, {"events": upcoming, "which": "upcoming"}),
                ("events", "events_past", {}, {"events": past, "which": "past"}),
                *(("events_month", "events_month", {"year": year, "month": month}, {
                    "year": year, "month": month, "days": months[(year, month)],
                    "previous": keys[i - 1] if i else None, "following": keys[i + 1] if i + 1 < len(keys) else None,
                }) for i, (year, month) in enumerate(keys)),
            )  # fmt: skip
            for template, name, params, context in pages:
                paths = {
                    other: self.routes.route(name, other, **params) for other in self.languages
                }
                self.write_page(writer, template, paths, lang, **context, **common)
        for event in events:
            self.write_event(writer, event)
        for venue in self.site.venues.values():
            self.write_venue(writer, venue, [e for e in events if e.venue == venue.id])
        self.write_calendars(events)

    def write_venue(self, writer, venue, events: list[Event]) -> None:
        paths = {lang: self.routes.route("venue", lang, slug=venue.id) for lang in self.languages}
        now = self.site.now
        coming = self.site.coming_events(events)
        past = [e for e in reversed(events) if e.is_past(now)]
        for lang in self.languages:
            self.write_page(
                writer, "venue", paths, lang,
                venue=venue, coming=coming, past=past, map_link=map_link(venue), section="events",
            )  # fmt: skip

    def write_event(self, writer, event: Event) -> None:
        paths = {lang: self.routes.route("event", lang, slug=event.slug) for lang in self.languages}
        ics = self.routes.file("event_calendar", slug=event.slug)
        project = self.site.projects.get(event.project_ids[0]) if event.project_ids else None
        activity = None
        if project is not None and event.meta.activity:
            activity = next(a for a in project.activities if a.id == event.meta.activity)
        now = self.site.now
        coming = event.coming(now)
        venue = self.site.venues.get(event.venue) if event.venue else None
        for lang in self.languages:
            version = self.site.version_in(event, lang)
            description = self.summary(version, 300)
            image = self.absolute(f"media/{event.meta.image}") if event.meta.image else None
            url = self.absolute(paths[lang])
            next_one = coming[0] if coming else event
            self.write_page(
                writer, "event", paths, lang,
                event=version, canonical=event, project=project, activity=activity, venue=venue,
                past=event.is_past(now), coming=coming, map_link=map_link(event.meta.location),
                ics=ics, webcal_url=subscribe_links(self.absolute(ics), event.title)["webcal"],
                add=event_links(next_one, version.title, f"{description}\n\n{url}", place(event)) if coming else None,
                jsonld=event_graph(worded(event, version), url, description, self.organizer(event), image),
                section="events",
            )  # fmt: skip

    def calendar_facts(self, items: list[Event], lang: str) -> tuple[str, ...]:
        """What a calendar of `items` in `lang` is made from (page_memo.py): what every page shows, where
        pages are, which translations there are, and each event as read, with its version in `lang`."""
        sources = {e.source for e in items} | {self.site.version_in(e, lang).source for e in items}
        return ("shared", "routes", "list:versions", *(f"file:{s}" for s in sorted(sources)))

    def write_calendars(self, events: list[Event]) -> None:
        def write(
            path: str,
            items: list[Event],
            lang: str,
            collection: tuple[str, str] | None,
            more_facts: tuple[str, ...] = (),
        ) -> None:
            if self.reuse_file(path, self.calendar_facts(items, lang) + more_facts):
                return
            words = self.text(lang)
            prefixes = {status: words(msgid) + " " for status, msgid in PREFIXES.items()}
            url_of = lambda e: self.absolute(self.routes.route("event", lang, slug=e.slug))
            self.write_file(
                path,
                calendar(
                    items,
                    f"-//Skaidra//{self.settings['SITENAME']}//{lang.upper()}",
                    url_of,
                    self.describe,
                    prefixes,
                    collection,
                ),
                sources=tuple(e.source for e in items),
            )

        for lang in self.languages:
            versions = [worded(e, self.site.version_in(e, lang)) for e in events]
            write(
                self.calendar_path(lang),
                versions,
                lang,
                self.calendar_name(lang, self.text(lang)("Events")),
            )
        lang = self.default_lang
        for project in self.site.projects.values():
            write(
                self.routes.file("project_calendar", slug=project.slug),
                list(self.site.events_of(project.id)),
                lang,
                self.calendar_name(lang, project.title),
                (f"item:project:{project.id}#title",),
            )
        for event in events:
            write(self.routes.file("event_calendar", slug=event.slug), [event], lang, None)


def get_generators(_pelican):
    return EventsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
