"""The contract's newer fields are read, checked and shown: organisation address, project areas,
grant payments, funder publicity rules, venues, recurring events, episode location and licence."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from conftest import ROOT, ContentTree, build, html, read_with_vobject, skaidra, text
from test_event_series import VENUES

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

UTC = dt.UTC


def extend(content: ContentTree) -> None:
    content.write(
        "data/organisations.yaml",
        """\
        - id: org
          name: Bandomoji organizacija
          registration_code: "123456789"
          address: {street: K. Donelaičio g. 2, locality: Kaunas, postal_code: LT-44213, country: LT}
        """,
    )
    content.write(
        "data/funders.yaml",
        """\
        - id: fondas
          name: Bandomasis fondas
          publicity_statement: Projektą finansuoja Bandomasis fondas.
          publicity_rules: [lt-nvo-fondas, eu-2021-1060]
        """,
    )
    project = content.root / "data/projects/demo.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace(
            "    amount: 1000\n",
            "    amount: 1000\n    payments:\n      - {date: 2024-02-01, amount: 600}\n      - {date: 2024-09-01, amount: 300}\n",
        ),
        encoding="utf-8",
    )
    content.write("data/venues.yaml", VENUES)
    content.write(
        "events/kursai.md",
        """\
        ---
        title: Savaitiniai kursai
        start: 2024-03-26 18:00
        end: 2024-03-26 19:30
        location: sale
        repeat: {rule: "FREQ=WEEKLY;COUNT=4", except: [2024-04-09 18:00]}
        ---
        Kursai kas antradienį.
        """,
    )
    content.write(
        "site.yaml",
        """\
        title: Bandomoji svetainė
        publisher: {name: Bandomoji organizacija, email: info@bandymas.example}
        podcast: {title: Bandomasis podkastas, image: podcast/virselis.png}
        """,
    )
    content.write(
        "media/podcast/virselis.png",
        (ROOT / "content/media/podcast/skaidra-podkastas.png").read_bytes(),
    )
    content.write("media/podcast/irasas.mp3", (ROOT / "tests/fixtures/tiny.mp3").read_bytes())
    content.write("media/podcast/irasas.txt", "Visas epizodo tekstas.\n")
    content.write(
        "podcast/pirmas.md",
        """\
        ---
        title: Pirmas epizodas
        date: 2024-03-01 10:00
        audio: podcast/irasas.mp3
        transcript: podcast/irasas.txt
        location: {name: Tauragė, geo: [55.25, 22.29]}
        license: CC-BY-4.0
        ---
        Apie kursus.
        """,
    )


def test_every_new_field_is_read_and_shown(content: ContentTree, tmp_path):
    extend(content)
    output = tmp_path / "output"
    build(content.root, output, env={"SOURCE_DATE_EPOCH": "1704067200"})
    org = html(output / "organizacijos/org/index.html")
    assert "Registracijos adresas K. Donelaičio g. 2, LT-44213, Kaunas" in text(
        org.select_one(".sk-facts")
    )
    project = html(output / "projektai/demo-1/index.html")
    assert "Aptarnaujama teritorija Tauragės apskritis" in text(project.select_one(".sk-facts"))
    assert (
        "Išmokėta 900,00 €: 600,00 € (2024 m. vasario 1 d.); 300,00 € (2024 m. rugsėjo 1 d.)"
        in text(project.select_one(".sk-grant"))
    )
    data = json.loads((output / "data/projects.json").read_text(encoding="utf-8"))["projects"][0]
    assert data["areas"] == [{"name": "Tauragės apskritis", "country": "LT", "code": "LT-TA"}]
    assert data["funding"][0]["payments"] == [
        {"date": "2024-02-01", "amount": 600},
        {"date": "2024-09-01", "amount": 300},
    ]
    event = html(output / "renginiai/kursai/index.html")
    facts = text(event.select_one(".sk-facts"))
    assert "Kartojasi kas savaitę, iš viso 4 k.; išskyrus 2024 m. balandžio 9 d." in facts
    assert "Bendruomenės salė, Mokyklos g. 1, Tauragė" in facts  # the venue's place
    episode = html(output / "podkastas/pirmas/index.html")
    assert "Vieta Tauragė" in text(
        episode.select_one(".sk-facts")
    ) and "Licencija CC-BY-4.0" in text(episode.select_one(".sk-facts"))


def test_a_recurring_event_keeps_its_local_time_across_the_change_to_summer_time(
    content: ContentTree, tmp_path
):
    extend(content)
    build(content.root, tmp_path / "output", env={"SOURCE_DATE_EPOCH": "1704067200"})
    raw = (tmp_path / "output/calendar.ics").read_bytes()
    event = next(
        c
        for c in icalendar.Calendar.from_ical(raw).walk("VEVENT")
        if str(c["summary"]) == "Savaitiniai kursai"
    )
    assert event["dtstart"].params["TZID"] == "Europe/Vilnius"
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["COUNT"] == [4]
    assert icalendar.Calendar.from_ical(raw).walk("VTIMEZONE")[0]["tzid"] == "Europe/Vilnius"
    # A second client expands the series: 18:00 in Vilnius is 16:00 UTC in winter, 15:00 UTC in summer
    # (from 31 March 2024); 9 April is left out.
    second = next(
        e for e in read_with_vobject(raw).vevent_list if e.summary.value == "Savaitiniai kursai"
    )
    instants = [when.astimezone(UTC) for when in second.getrruleset(addRDate=True)]
    assert instants == [dt.datetime(2024, 3, 26, 16, 0, tzinfo=UTC), dt.datetime(2024, 4, 2, 15, 0, tzinfo=UTC),
                        dt.datetime(2024, 4, 16, 15, 0, tzinfo=UTC)]  # fmt: skip


def test_slips_in_the_new_fields_are_errors_with_file_line_and_field(content: ContentTree):
    extend(content)
    project = content.root / "data/projects/demo.yaml"
    project.write_text(
        project.read_text(encoding="utf-8")
        .replace("amount: 300}", "amount: 500}")
        .replace("country: LT, code", "country: Lithuania, code"),
        encoding="utf-8",
    )
    content.write(
        "data/funders.yaml",
        (content.root / "data/funders.yaml")
        .read_text(encoding="utf-8")
        .replace("eu-2021-1060", "es-2021"),
    )
    event = content.root / "events/kursai.md"
    event.write_text(
        event.read_text(encoding="utf-8").replace("COUNT=4", "BYDAY=TU"), encoding="utf-8"
    )
    content.write(
        "events/kitas.md",
        "---\ntitle: Kitas renginys\nstart: 2024-05-01\nlocation: sal\n---\nTekstas.\n",
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert run.problems == [
        f"{content.root}/data/funders.yaml:4: [0].publicity_rules[1]: must be one of 'eu-2021-1060', 'lt-nvo-fondas'; got 'es-2021'",
        f"{project}:11: funding[0].payments: add up to 1100, more than the amount granted, 1000",
        f"{project}:15: areas[0].country: must be a two-letter country code such as 'LT', got 'Lithuania'",
        f"{content.root}/events/kitas.md:4: location: unknown venue 'sal': no venue with this id in data/venues.yaml; did you mean 'sale'?",
        f"{event}:6: repeat.rule: needs COUNT (how many times) or UNTIL (the last date), so that the series ends",
    ]


@pytest.mark.parametrize(
    "rule, message",
    [
        ("FREQ=WEEKLY;COUNT=0", "repeat.rule: COUNT must be a whole number from 1 to 1000, got '0'"),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20240601", "repeat.rule: has both COUNT and UNTIL; keep one of them"),
        ("FREQ=HOURLY;COUNT=2", "repeat.rule: FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY, got 'HOURLY'"),
        ("FREQ=DAILY;UNTIL=20991231", "repeat: gives more than 1000 dates; end the series sooner or split it"),
        ("FREQ=YEARLY;UNTIL=20200101", "repeat: gives no date at all from the start"),
    ],
    ids=["count-zero", "count-and-until", "hourly", "too-long", "ends-before-it-starts"],
)  # fmt: skip
def test_a_series_that_would_not_end_or_never_starts_is_an_error(
    rule, message, content: ContentTree
):
    content.write(
        "events/kursai.md",
        f'---\ntitle: Kursai\nstart: 2024-03-26 18:00\nrepeat: {{rule: "{rule}"}}\n---\nTekstas.\n',
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.problems == [f"{content.root}/events/kursai.md:4: {message}"]


def test_text_in_languages_written_wrong_says_so_once_per_place_without_pydantics_names(
    content: ContentTree,
):
    """A comma inside `{lt: …}` makes YAML read a second key: the error names the field and the stray key,
    not the ways pydantic tried to read the value (`dict[function-after[…]]`), and no place twice."""
    content.write(
        "data/venues.yaml",
        "- id: sale\n  name: Salė\n  locality: Tauragė\n  country: LT\n"
        "  accessibility: {lt: Įėjimas be laiptų, yra keltuvas.}\n",
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    venues = f"{content.root}/data/venues.yaml"
    assert run.problems == [
        f"{venues}:5: [0].accessibility: must be text, got a group of keys",
        f"{venues}:5: [0].accessibility.yra keltuvas.: must be a two-letter language code such as 'lt' or 'en', got 'yra keltuvas.'",
    ]
