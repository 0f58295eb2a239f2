"""Recurring events, venues and calendars that clients keep fresh (issue 17, points 1 to 4).

A weekly series at 18:00 in Vilnius runs across both clock changes of 2024
(31 March and 27 October); every client must read each occurrence at 18:00
local time. The calendar's own VTIMEZONE is read by icalendar (`to_tz`) and by
vobject, each expanding the RRULE itself; the page lists the same instants.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import ContentTree, build, html, read_with_vobject, text
from dateutil.rrule import rrulestr

UTC = dt.UTC
VILNIUS = ZoneInfo("Europe/Vilnius")
NOW = "1710000000"  # 2024-03-09 16:00 UTC: before the series starts

SERIES = """\
    ---
    title: Savanorių vakarai
    start: 2024-03-19 18:00
    end: 2024-03-19 19:30
    location: sale
    project: DEMO-1
    repeat: {rule: "FREQ=WEEKLY;COUNT=34", except: [2024-04-09 18:00, 2024-10-01]}
    ---
    Kas antradienį susitinka savanoriai.
    """
SERIES_EN = """\
    ---
    title: Volunteer evenings
    lang: en
    slug: savanoriu-vakarai
    start: 2024-03-19 18:00
    ---
    Volunteers meet every Tuesday.
    """
VENUES = """\
    - id: sale
      name: Bendruomenės salė
      address: Mokyklos g. 1
      locality: Tauragė
      country: LT
      geo: [55.25, 22.29]
      accessibility: {lt: Įėjimas be laiptų; yra neįgaliųjų tualetas., en: Step-free entrance; accessible toilet.}
    - id: biblioteka
      name: Miesto biblioteka
      locality: Tauragė
    """


def expected_instants() -> list[dt.datetime]:
    """Every Tuesday at 18:00 in Vilnius from 19 March, 34 of them, less the two exceptions, in UTC."""
    days = [dt.date(2024, 3, 19) + dt.timedelta(weeks=i) for i in range(34)]
    days = [d for d in days if d not in (dt.date(2024, 4, 9), dt.date(2024, 10, 1))]
    return [dt.datetime.combine(d, dt.time(18, 0), VILNIUS).astimezone(UTC) for d in days]


def build_series_site(base: Path) -> tuple[ContentTree, Path]:
    """The minimal site with the series and its English version, the venues, and a hybrid event, built."""
    from conftest import MINIMAL_SITE

    tree = ContentTree(base / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    tree.write("data/venues.yaml", VENUES)
    tree.write("events/savanoriu-vakarai.md", SERIES)
    tree.write("events/savanoriu-vakarai.en.md", SERIES_EN)
    tree.write(
        "events/hibridinis.md",
        """\
        ---
        title: Hibridinis susitikimas
        start: 2024-05-02 10:00
        end: 2024-05-02 12:00
        location: biblioteka
        online: https://meet.example/hibridinis
        ---
        Salėje ir internetu.
        """,
    )
    output = base / "output"
    build(tree.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    return tree, output


@pytest.fixture(scope="module")
def series_site(tmp_path_factory):
    return build_series_site(tmp_path_factory.mktemp("series"))


def series_event(raw: bytes) -> icalendar.Event:
    return next(
        e
        for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
        if e["uid"] == "savanoriu-vakarai@skaidra.example"
    )


def test_every_client_reads_each_occurrence_at_18_00_local_across_both_clock_changes(series_site):
    _, output = series_site
    raw = (output / "calendar.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Vilnius"
    # Compact: one STANDARD and one DAYLIGHT observance, each a yearly rule; no RDATE lists.
    assert sorted(c.name for c in zone.subcomponents) == ["DAYLIGHT", "STANDARD"]
    assert all("RRULE" in c and "RDATE" not in c for c in zone.subcomponents)
    assert {c.name: c["rrule"]["BYDAY"] for c in zone.subcomponents} == {
        "DAYLIGHT": ["-1SU"],
        "STANDARD": ["-1SU"],
    }
    event = series_event(raw)
    assert event["dtstart"].params["TZID"] == "Europe/Vilnius"
    assert event["rrule"]["COUNT"] == [34]
    # icalendar: the calendar's own VTIMEZONE made a tzinfo, the RRULE expanded over it.
    tz = zone.to_tz()
    local_start = event.decoded("dtstart").replace(tzinfo=None)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=local_start)
    left_out = (
        {d.dt.replace(tzinfo=None) for d in event["exdate"]}
        if not isinstance(event["exdate"], list)
        else {d.dt.replace(tzinfo=None) for line in event["exdate"] for d in line.dts}
    )
    first = [when.replace(tzinfo=tz).astimezone(UTC) for when in rule if when not in left_out]
    # vobject: its own reading of the VTIMEZONE and its own expansion, exceptions applied.
    second_event = next(
        e
        for e in read_with_vobject(raw).vevent_list
        if e.uid.value == "savanoriu-vakarai@skaidra.example"
    )
    second = [when.astimezone(UTC) for when in second_event.getrruleset(addRDate=True)]
    assert first == second == expected_instants()
    assert {when.hour for when in first} == {15, 16}  # 16:00 UTC in winter, 15:00 UTC in summer
    assert all(when.astimezone(VILNIUS).time() == dt.time(18, 0) for when in first)
    # The page: the coming dates, the same instants.
    page = html(output / "renginiai/savanoriu-vakarai/index.html")
    shown = [
        dt.datetime.fromisoformat(t["datetime"]).astimezone(UTC)
        for t in page.select(".sk-dates time")
    ]
    assert shown == expected_instants()
    assert (
        len(page.select("#dates ~ .sk-dates li")) == 12
    )  # the first dozen in view, the rest one click away
    assert text(page.select_one(".sk-more-dates summary")) == "dar 20 datų"
    facts = text(page.select_one(".sk-facts"))
    assert "išskyrus 2024 m. balandžio 9 d., 2024 m. spalio 1 d." in facts
    # JSON-LD: an EventSeries with each occurrence, times with their offset.
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "EventSeries"
    assert [
        dt.datetime.fromisoformat(e["startDate"]).astimezone(UTC) for e in data["subEvent"]
    ] == expected_instants()
    assert data["subEvent"][0]["startDate"] == "2024-03-19T18:00:00+02:00"
    assert data["subEvent"][2]["startDate"] == "2024-04-02T18:00:00+03:00"
    assert data["subEvent"][2]["endDate"] == "2024-04-02T19:30:00+03:00"


def test_lists_show_a_series_once_and_month_views_each_occurrence(series_site):
    _, output = series_site
    upcoming = html(output / "renginiai/index.html")
    cards = [
        card
        for card in upcoming.select(".sk-card")
        if text(card.select_one(".sk-card__title")) == "Savanorių vakarai"
    ]
    assert len(cards) == 1  # once, at its next date, with its rule in words
    assert [t["datetime"] for t in cards[0].select("time")] == ["2024-03-19T18:00:00+02:00"]
    assert text(cards[0].select_one(".sk-card__meta")).startswith("Kitas kartas: ")
    assert "kas savaitę, iš viso 34 k." in text(cards[0])
    project = html(output / "projektai/demo-1/index.html")
    assert [text(a) for a in project.select("#events ~ ul a")].count("Savanorių vakarai") == 1
    april = html(output / "renginiai/2024/04/index.html")
    rows = [
        [text(c) for c in row.find_all(["th", "td"])]
        for row in april.select("table.sk-month tbody tr")
    ]
    series_rows = [row for row in rows if row[1].startswith("Savanorių vakarai")]
    assert [row[0].split()[0] for row in series_rows] == ["2", "16", "23", "30"]  # 9 April left out
    assert all(row[2].endswith("18:00–19:30") for row in series_rows)
    assert (output / "renginiai/2024/10/index.html").exists() and (
        output / "renginiai/2024/11/index.html"
    ).exists()


def test_collections_say_their_name_and_refresh_and_a_single_event_file_does_not(series_site):
    _, output = series_site
    for path, name in (
        ("calendar.ics", "Skaidra: Renginiai"),
        ("calendar.en.ics", "Skaidra: Events"),
        ("projektai/demo-1/calendar.ics", "Skaidra: Bandomasis projektas"),
    ):
        raw = (output / path).read_bytes()
        cal = icalendar.Calendar.from_ical(raw)
        assert str(cal["x-wr-calname"]) == name
        assert str(cal["x-wr-caldesc"])
        assert cal["refresh-interval"].params["VALUE"] == "DURATION"
        assert (
            cal.decoded("refresh-interval")
            == dt.timedelta(hours=12)
            == icalendar.vDuration.from_ical(str(cal["x-published-ttl"]))
        )
        assert read_with_vobject(raw).x_wr_calname.value == name
    single = icalendar.Calendar.from_ical(
        (output / "renginiai/savanoriu-vakarai/savanoriu-vakarai.ics").read_bytes()
    )
    assert not {"X-WR-CALNAME", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"} & set(single)
    assert [e["uid"] for e in single.walk("VEVENT")] == ["savanoriu-vakarai@skaidra.example"]
    # The English calendar: the English title, the same UID, times and series.
    english = series_event((output / "calendar.en.ics").read_bytes())
    lithuanian = series_event((output / "calendar.ics").read_bytes())
    assert (
        str(english["summary"]) == "Volunteer evenings"
        and str(lithuanian["summary"]) == "Savanorių vakarai"
    )
    assert (
        english.decoded("dtstart") == lithuanian.decoded("dtstart")
        and english["rrule"] == lithuanian["rrule"]
    )
    assert "Volunteers meet every Tuesday." in str(english["description"])


def test_sequence_rises_when_the_schedule_changes_and_only_then(tmp_path):
    from conftest import MINIMAL_SITE

    tree = ContentTree(tmp_path / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    tree.write("data/venues.yaml", VENUES)
    tree.write("events/savanoriu-vakarai.md", SERIES)
    output = tmp_path / "output"

    def sequence() -> int:
        build(tree.root, output, env={"SOURCE_DATE_EPOCH": NOW})
        return int(series_event((output / "calendar.ics").read_bytes())["sequence"])

    def edit(old: str, new: str) -> None:
        path = tree.root / "events/savanoriu-vakarai.md"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    assert sequence() == 0
    edit("Kas antradienį susitinka", "Kiekvieną antradienį susitinka")  # the text only
    assert sequence() == 0
    edit("end: 2024-03-19 19:30", "end: 2024-03-19 20:00")  # the end time
    assert sequence() == 1
    assert sequence() == 1  # the same content again
    edit("title: Savanorių vakarai", "title: Savanorių vakarai\nstatus: cancelled")
    assert sequence() == 2
    registry = json.loads((tree.root / ".skaidra/identities.json").read_text(encoding="utf-8"))
    assert registry["events"]["events/savanoriu-vakarai.md"]["sequence"] == 2


def test_venue_page_with_its_events_accessibility_and_map(series_site):
    _, output = series_site
    page = html(output / "renginiai/vietos/sale/index.html")
    assert text(page.h1) == "Bendruomenės salė"
    facts = text(page.select_one(".sk-facts"))
    assert (
        "Mokyklos g. 1, Tauragė" in facts and "Įėjimas be laiptų; yra neįgaliųjų tualetas." in facts
    )
    assert page.select_one(
        '.sk-facts a[href^="https://www.openstreetmap.org/?mlat=55.25&mlon=22.29"]'
    )
    assert [text(h) for h in page.select(".sk-card__title")] == [
        "Savanorių vakarai"
    ]  # once, at its next date
    assert page.select_one(".sk-card__meta time")["datetime"] == "2024-03-19T18:00:00+02:00"
    english = html(output / "en/events/venues/sale/index.html")
    assert "Step-free entrance; accessible toilet." in text(english.select_one(".sk-facts"))
    library = html(output / "renginiai/vietos/biblioteka/index.html")
    assert "Hibridinis susitikimas" in [text(h) for h in library.select(".sk-card__title")]
    event = html(output / "renginiai/savanoriu-vakarai/index.html")
    assert event.select_one('.sk-facts a[href="/renginiai/vietos/sale/"]')
    assert "Įėjimas be laiptų" in text(event.select_one(".sk-facts"))


def test_add_to_google_and_outlook_links_are_plain_links_with_the_event(series_site):
    _, output = series_site
    page = html(output / "renginiai/hibridinis/index.html")
    links = {a.get_text(strip=True): a["href"] for a in page.select(".sk-subscribe a")}
    google = parse_qs(urlsplit(links["Įtraukti į Google kalendorių"]).query)
    assert google["action"] == ["TEMPLATE"] and google["text"] == ["Hibridinis susitikimas"]
    assert google["dates"] == ["20240502T070000Z/20240502T090000Z"] and google["ctz"] == [
        "Europe/Vilnius"
    ]
    assert google["location"] == ["Miesto biblioteka, Tauragė"]
    outlook = urlsplit(links["Įtraukti į Outlook"])
    assert outlook.netloc == "outlook.live.com"
    query = parse_qs(outlook.query)
    assert query["subject"] == ["Hibridinis susitikimas"] and query["startdt"] == [
        "2024-05-02T07:00:00+00:00"
    ]
    assert not page.select('script[src*="google"], script[src*="outlook"]')
    series = html(output / "renginiai/savanoriu-vakarai/index.html")
    next_date = {a.get_text(strip=True): a["href"] for a in series.select(".sk-subscribe a")}
    assert parse_qs(urlsplit(next_date["Įtraukti artimiausią datą į Google kalendorių"]).query)[
        "dates"
    ] == ["20240319T160000Z/20240319T173000Z"]


def test_a_hybrid_event_gives_its_link_to_people_and_its_place_to_calendars(series_site):
    _, output = series_site
    event = next(e for e in icalendar.Calendar.from_ical((output / "calendar.ics").read_bytes()).walk("VEVENT")
                 if str(e["summary"]) == "Hibridinis susitikimas")  # fmt: skip
    assert str(event["location"]) == "Miesto biblioteka, Tauragė"
    page = html(output / "renginiai/hibridinis/index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {"@type": "VirtualLocation", "url": "https://meet.example/hibridinis"} in data[
        "location"
    ]
    assert page.select_one('.sk-facts a[href="https://meet.example/hibridinis"]')


def test_a_series_that_leaves_out_every_date_is_an_error(tmp_path):
    from conftest import MINIMAL_SITE, skaidra

    tree = ContentTree(tmp_path / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    tree.write(
        "events/niekada.md",
        "---\ntitle: Niekada\nstart: 2024-03-19 18:00\nrepeat: {rule: 'FREQ=WEEKLY;COUNT=2', except: [2024-03-19, 2024-03-26 18:00]}\n---\nT.\n",
    )
    run = skaidra("check", "--input", str(tree.root))
    assert run.code == 1
    assert run.problems == [
        f"{tree.root}/events/niekada.md:4: repeat: „except“ praleidžia visas serijos datas"
    ]


def test_a_series_that_is_over_is_listed_once_at_its_first_date_never_as_next(
    content: ContentTree, tmp_path
):
    content.write("events/vakarai.md", "---\ntitle: Vakarai\nstart: 2024-03-05 18:00\nend: 2024-03-05 19:00\n"
                  "project: DEMO-1\nrepeat: {rule: 'FREQ=WEEKLY;COUNT=3'}\n---\nT.\n")  # fmt: skip
    output = tmp_path / "output"
    build(content.root, output, env={"SOURCE_DATE_EPOCH": "1780000000"})  # 2026: long over
    past = html(output / "renginiai/praeje/index.html")
    (card,) = [
        c for c in past.select(".sk-card") if text(c.select_one(".sk-card__title")) == "Vakarai"
    ]
    assert [t["datetime"] for t in card.select("time")] == ["2024-03-05T18:00:00+02:00"]
    assert "Kitas kartas" not in text(card) and "kas savaitę, iš viso 3 k." in text(card)
    project = html(output / "projektai/demo-1/index.html")
    (item,) = [li for li in project.select("#events ~ ul li") if "Vakarai" in text(li)]
    assert "Kitas kartas" not in text(item) and item.time["datetime"] == "2024-03-05T18:00:00+02:00"
