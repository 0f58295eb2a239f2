"""schema.org `Event` structured data, times with their UTC offset.

A series is an `EventSeries` (schema.org: "a series of Events ... repeated at
regular intervals") whose `subEvent`s are its occurrences, each an `Event`
with its own start, end and address, the exceptions left out.
"""

from __future__ import annotations

from skaidra_model import Event

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
}


def event_graph(
    event: Event, url: str, description: str, organizer: dict, image: str | None
) -> dict:
    """A JSON-LD object for one event."""
    location = event.meta.location
    places = []
    if location is not None:
        place: dict = {"@type": "Place", "name": location.name or location.locality or ""}
        address = {
            "@type": "PostalAddress",
            "streetAddress": location.address,
            "addressLocality": location.locality,
            "addressCountry": location.country,
        }
        address = {k: v for k, v in address.items() if v}
        if len(address) > 1:
            place["address"] = address
        if location.geo:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.geo.lat,
                "longitude": location.geo.lon,
            }
        places.append(place)
    if event.meta.online:
        places.append({"@type": "VirtualLocation", "url": event.meta.online})
    if location is not None and event.meta.online:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif event.meta.online:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    where = _location(places)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": mode,
        "organizer": organizer,
        "url": url,
    }
    if event.end is not None:
        data["endDate"] = event.end.isoformat()
    if event.repeats:
        occurrences = event.occurrences()
        data["@type"] = "EventSeries"
        last = occurrences[-1]
        data["endDate"] = (last.end or last.start).isoformat()
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": event.title,
                "startDate": o.start.isoformat(),
                **({"endDate": o.end.isoformat()} if o.end is not None else {}),
                "eventStatus": STATUS[event.status],
                "eventAttendanceMode": mode,
                "url": url,
                **({"location": where} if where else {}),
            }
            for o in occurrences
        ]
    if where:
        data["location"] = where
    if description:
        data["description"] = description
    if image:
        data["image"] = image
    if event.meta.capacity is not None:
        data["maximumAttendeeCapacity"] = event.meta.capacity
    return data


def _location(places: list[dict]) -> dict | list[dict] | None:
    if not places:
        return None
    return places[0] if len(places) == 1 else places
