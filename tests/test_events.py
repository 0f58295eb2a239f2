"""Events: pages, listings, month views, and calendars that every client reads the same way."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest
import vobject
from conftest import ContentTree, build, html, text

# 2024-04-15 12:00 UTC: between the past and the upcoming events below.
NOW = "1713182400"

EVENTS = {
    "events/pries-vasaros-laika.md": """\
        ---
        title: Prieš vasaros laiką
        start: 2024-03-30 10:00
        end: 2024-03-30 12:00
        project: DEMO-1
        activity: mokymai
        attendance: 12
        location: {name: Salė, address: Gedimino pr. 1, locality: Vilnius, country: LT, geo: [54.687, 25.279]}
        ---
        Paskutinė diena su žiemos laiku.
        """,
    "events/po-vasaros-laiko.md": """\
        ---
        title: Po vasaros laiko
        start: 2024-03-31 10:00
        end: 2024-03-31 12:00
        project: DEMO-1
        online: https://meet.example/po
        ---
        Pirmoji diena su vasaros laiku.
        """,
    "events/kelios-dienos.md": """\
        ---
        title: Kelių dienų sąskrydis
        start: 2024-06-16
        end: 2024-06-18
        location: {name: Stovykla, locality: Karklė}
        registration_url: https://example.org/registracija
        capacity: 600
        ---
        Trys dienos.
        """,
    "events/kabliataskis.md": """\
        ---
        title: "Kableliai, kabliataškiai; ir \\\\ kiti ženklai"
        start: 2024-05-18 10:00
        end: 2024-05-18 16:30
        location: {name: "Kultūros centras; salė 2, antras aukštas", locality: Trakai}
        summary: "Pirma eilutė.\\nAntra eilutė, su kableliu; ir kabliataškiu."
        ---
        Aprašymas.
        """,
    "events/niujorkas.md": """\
        ---
        title: Susitikimas Niujorke
        start: 2024-05-20 09:00
        timezone: America/New_York
        online: https://meet.example/ny
        location: {name: Office, locality: New York, country: US}
        ---
        Hibridinis.
        """,
    "events/atsauktas.md": """\
        ---
        title: Atšauktas seminaras
        start: 2024-05-25 10:00
        status: cancelled
        ---
        Neįvyks.
        """,
    "events/atidetas.md": """\
        ---
        title: Atidėtas forumas
        start: 2024-06-01
        status: postponed
        ---
        Bus vėliau.
        """,
    "events/juodrastis.md": """\
        ---
        title: Slaptas juodraštis
        start: 2024-05-26 10:00
        status: draft
        ---
        Dar neskelbti.
        """,
    "events/ilgas.md": """\
        ---
        title: "Labai ilgas pavadinimas su lietuviškomis raidėmis ąčęėįšųūž, kuris tikrai netelpa į vieną septyniasdešimt penkių baitų eilutę"
        start: 2024-07-01 10:00
        ---
        Ilgas.
        """,
}


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    from conftest import MINIMAL_SITE

    base = tmp_path_factory.mktemp("events")
    tree = ContentTree(base / "content")
    for relative, content in {**MINIMAL_SITE, **EVENTS}.items():
        tree.write(relative, content)
    tree.remove("events/mokymai.md")
    output = base / "output"
    build(tree.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    return tree, output


def parse_both(path):
    raw = path.read_bytes()
    return raw, icalendar.Calendar.from_ical(raw), vobject.readOne(raw.decode("utf-8"))


def instants(cal_a, cal_b) -> tuple[dict, dict]:
    """UID -> (start, end) as UTC instants or dates, from each parser."""

    def norm(value):
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC)
        return value

    a = {
        str(c["UID"]): (
            norm(c.decoded("DTSTART")),
            norm(c.decoded("DTEND")) if "DTEND" in c else None,
        )
        for c in cal_a.walk("VEVENT")
    }
    b = {
        e.uid.value: (norm(e.dtstart.value), norm(e.dtend.value) if hasattr(e, "dtend") else None)
        for e in cal_b.vevent_list
    }
    return a, b


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_two_parsers_read_the_same_instants_across_daylight_saving(events_site):
    _, output = events_site
    _, cal_a, cal_b = parse_both(output / "calendar.ics")
    a, b = instants(cal_a, cal_b)
    assert a == b
    # Vilnius is UTC+2 on 30 March 2024 and UTC+3 from 31 March.
    assert a["pries-vasaros-laika@skaidra.example"] == (utc(2024, 3, 30, 8), utc(2024, 3, 30, 10))
    assert a["po-vasaros-laiko@skaidra.example"] == (utc(2024, 3, 31, 7), utc(2024, 3, 31, 9))
    assert a["niujorkas@skaidra.example"] == (utc(2024, 5, 20, 13), None)


def test_all_day_events_end_the_day_after_their_last_day(events_site):
    _, output = events_site
    raw, cal_a, cal_b = parse_both(output / "calendar.ics")
    a, b = instants(cal_a, cal_b)
    assert a["kelios-dienos@skaidra.example"] == (dt.date(2024, 6, 16), dt.date(2024, 6, 19))
    assert b["kelios-dienos@skaidra.example"] == (dt.date(2024, 6, 16), dt.date(2024, 6, 19))
    assert b"DTSTART;VALUE=DATE:20240616\r\n" in raw


def test_calendar_header_line_ends_folding_and_escaping(events_site):
    _, output = events_site
    raw, cal_a, cal_b = parse_both(output / "calendar.ics")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long title is folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a Lithuanian letter
    assert str(cal_a["VERSION"]) == "2.0" and str(cal_a["METHOD"]) == "PUBLISH"
    assert str(cal_a["PRODID"]).startswith("-//Skaidra//")
    assert str(cal_a["X-WR-CALNAME"]) == "Skaidra: Renginiai"
    tricky = next(e for e in cal_b.vevent_list if e.uid.value == "kabliataskis@skaidra.example")
    assert tricky.summary.value == "Kableliai, kabliataškiai; ir \\ kiti ženklai"
    assert tricky.location.value == "Kultūros centras; salė 2, antras aukštas, Trakai"
    assert tricky.description.value == "Pirma eilutė.\nAntra eilutė, su kableliu; ir kabliataškiu."
    assert b"SUMMARY:Kableliai\\, kabliata" in raw
    long_title = next(e for e in cal_b.vevent_list if e.uid.value == "ilgas@skaidra.example")
    assert long_title.summary.value.endswith("septyniasdešimt penkių baitų eilutę")


def test_cancelled_stays_marked_and_drafts_are_absent_everywhere(events_site):
    _, output = events_site
    _, cal_a, _ = parse_both(output / "calendar.ics")
    by_uid = {str(c["UID"]): c for c in cal_a.walk("VEVENT")}
    assert str(by_uid["atsauktas@skaidra.example"]["STATUS"]) == "CANCELLED"
    assert str(by_uid["atsauktas@skaidra.example"]["SUMMARY"]).startswith("Atšaukta:")
    assert str(by_uid["atidetas@skaidra.example"]["STATUS"]) == "TENTATIVE"
    assert str(by_uid["kelios-dienos@skaidra.example"]["STATUS"]) == "CONFIRMED"
    assert "juodrastis@skaidra.example" not in by_uid
    everything = b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file())
    assert "Slaptas juodraštis".encode() not in everything


def test_uid_and_dtstamp_survive_an_edited_title_and_builds_are_identical(events_site, tmp_path):
    tree, output = events_site
    first = (output / "calendar.ics").read_bytes()
    again = tmp_path / "again"
    build(tree.root, again, env={"SOURCE_DATE_EPOCH": NOW})
    assert (again / "calendar.ics").read_bytes() == first
    tree.write(
        "events/atsauktas.md",
        tree.read("events/atsauktas.md").replace("Atšauktas seminaras", "Seminaras (atšauktas)"),
    )
    edited = tmp_path / "edited"
    build(tree.root, edited, env={"SOURCE_DATE_EPOCH": str(int(NOW) + 86400)})
    before = {str(c["UID"]): c for c in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    after = {
        str(c["UID"]): c
        for c in icalendar.Calendar.from_ical((edited / "calendar.ics").read_bytes()).walk("VEVENT")
    }
    assert set(before) == set(after)
    assert str(after["atsauktas@skaidra.example"]["SUMMARY"]) == "Atšaukta: Seminaras (atšauktas)"
    for uid, event in before.items():
        assert event.decoded("DTSTAMP") == after[uid].decoded("DTSTAMP")


def test_project_and_single_event_calendars(events_site):
    _, output = events_site
    projects = json.loads((output / "data/projects.json").read_text(encoding="utf-8"))["projects"]
    url = projects[0]["calendar"]
    assert url == "http://localhost:8000/projektai/demo-1/calendar.ics"
    _, project_cal, _project_cal_b = parse_both(output / "projektai/demo-1/calendar.ics")
    assert sorted(str(c["UID"]) for c in project_cal.walk("VEVENT")) == [
        "po-vasaros-laiko@skaidra.example", "pries-vasaros-laika@skaidra.example"]  # fmt: skip
    _, single, _ = parse_both(output / "renginiai/kelios-dienos/kelios-dienos.ics")
    assert [str(c["UID"]) for c in single.walk("VEVENT")] == ["kelios-dienos@skaidra.example"]


def test_event_page_in_lithuanian(events_site):
    _, output = events_site
    page = html(output / "renginiai/kabliataskis/index.html")
    facts = text(page.select_one(".sk-facts"))
    assert "2024 m. gegužės 18 d., 10:00–16:30" in facts
    assert page.h1.get_text() == "Kableliai, kabliataškiai; ir \\ kiti ženklai"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert (
        data["startDate"] == "2024-05-18T10:00:00+03:00"
        and data["endDate"] == "2024-05-18T16:30:00+03:00"
    )
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["organizer"]["name"]


def test_event_page_shows_place_map_project_and_attendance(events_site):
    _, output = events_site
    page = html(output / "renginiai/pries-vasaros-laika/index.html")
    facts = text(page.select_one(".sk-facts"))
    assert "Salė, Gedimino pr. 1, Vilnius" in facts
    assert "Dalyvavo 12 žmonių" in facts  # the event is over: attendance shows
    assert page.find(
        "a", href=re.compile(r"^https://www\.openstreetmap\.org/\?mlat=54\.687&mlon=25\.279")
    )
    assert page.find("a", href="/projektai/demo-1/")
    assert page.find("a", href="/projektai/demo-1/#activity-mokymai")
    assert page.find("a", href="/renginiai/pries-vasaros-laika/pries-vasaros-laika.ics")
    assert page.find(
        "a", href="webcal://localhost:8000/renginiai/pries-vasaros-laika/pries-vasaros-laika.ics"
    )
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["startDate"] == "2024-03-30T10:00:00+02:00"
    assert data["location"]["address"]["streetAddress"] == "Gedimino pr. 1"
    assert data["location"]["geo"]["latitude"] == 54.687
    assert data["organizer"]["name"] == "Bandomoji organizacija"


def test_online_hybrid_cancelled_postponed_and_future_registration(events_site):
    _, output = events_site
    hybrid = json.loads(
        html(output / "renginiai/niujorkas/index.html")
        .find("script", type="application/ld+json")
        .string
    )
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {loc["@type"] for loc in hybrid["location"]} == {"Place", "VirtualLocation"}
    assert hybrid["startDate"] == "2024-05-20T09:00:00-04:00"
    online = html(output / "renginiai/po-vasaros-laiko/index.html")
    assert (
        json.loads(online.find("script", type="application/ld+json").string)["location"]["@type"]
        == "VirtualLocation"
    )
    assert online.find("a", href="https://meet.example/po")
    cancelled = html(output / "renginiai/atsauktas/index.html")
    notice = cancelled.select_one(".sk-notice")
    assert (
        notice is not None and notice.find_next("h1") is cancelled.h1
    )  # said before anything else
    assert "atšauktas" in text(notice).lower()
    assert (
        json.loads(cancelled.find("script", type="application/ld+json").string)["eventStatus"]
        == "https://schema.org/EventCancelled"
    )
    assert (
        "atidėtas"
        in text(html(output / "renginiai/atidetas/index.html").select_one(".sk-notice")).lower()
    )
    future = html(output / "renginiai/kelios-dienos/index.html")
    facts = text(future.select_one(".sk-facts"))
    assert "2024 m. birželio 16 d. – 2024 m. birželio 18 d." in facts
    assert "Vietų 600" in facts
    assert future.find("a", href="https://example.org/registracija")


def test_english_event_page(events_site):
    _, output = events_site
    page = html(output / "en/events/kabliataskis/index.html")
    assert page.html["lang"] == "en"
    assert "18 May 2024, 10:00–16:30" in text(page.select_one(".sk-facts"))


def test_upcoming_past_and_month_listings(events_site):
    _, output = events_site
    titles = lambda page: [text(h) for h in page.select(".sk-card__title")]
    upcoming = titles(html(output / "renginiai/index.html"))
    assert upcoming[0] == "Kableliai, kabliataškiai; ir \\ kiti ženklai"
    assert "Atšauktas seminaras" in upcoming and "Slaptas juodraštis" not in upcoming
    assert titles(html(output / "renginiai/praeje/index.html")) == [
        "Po vasaros laiko",
        "Prieš vasaros laiką",
    ]
    june = html(output / "renginiai/2024/06/index.html")
    table = june.select_one("table.sk-month")
    assert table.caption and all(th.get("scope") == "col" for th in table.thead.find_all("th"))
    rows = [[text(c) for c in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")]
    assert [row[1] for row in rows] == ["Atidėtas forumas Atidėtas"] + ["Kelių dienų sąskrydis"] * 3
    assert rows[1][0].startswith("16 d.")
    links = [a["href"] for a in html(output / "renginiai/index.html").select(".sk-subscribe a")]
    assert links == [
        "webcal://localhost:8000/calendar.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flocalhost%3A8000%2Fcalendar.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Flocalhost%3A8000%2Fcalendar.ics&name=Skaidra%3A+Renginiai",
        "/calendar.ics",
    ]


def test_source_events_indicator_counts_past_attendance(events_site):
    _, output = events_site
    project = json.loads((output / "data/projects.json").read_text(encoding="utf-8"))["projects"][0]
    assert project["activities"][0]["indicators"][0]["actual"] == 12


def test_sample_site_forum_is_in_the_calendar_and_on_the_project(sample_output):
    _, cal_a, cal_b = parse_both(sample_output / "calendar.ics")
    a, b = instants(cal_a, cal_b)
    assert a == b
    forum = "2023-09-14-vaiko-teisiu-forumas@skaidra.example"
    assert a[forum] == (dt.date(2023, 9, 14), dt.date(2023, 9, 15))
    _, project_cal, _ = parse_both(sample_output / "projektai/nvo-vaikams-2023/calendar.ics")
    assert forum in {str(c["UID"]) for c in project_cal.walk("VEVENT")}
    page = html(sample_output / "projektai/nvo-vaikams-2023/index.html")
    assert page.find("a", href="/renginiai/2023-09-14-vaiko-teisiu-forumas/")
    event = html(sample_output / "renginiai/2023-09-14-vaiko-teisiu-forumas/index.html")
    assert "Trakuose" in text(event) and "Vilniuje" in text(event)
