"""Messages editors understand: each slip an editor makes, told in the site's first language, exactly,
in Lithuanian (the default) and in English (a site whose first language is English), still as
`path:line: field: message`, item numbers counted from one in the words."""

from __future__ import annotations

import io

import pytest
from conftest import ContentTree, skaidra
from PIL import Image
from test_validation import PROJECT, project

EVENT = "events/mokymai.md"
ENGLISH_FIRST = "title: Test site\nlanguages: [en, lt]\n"


def _picture() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (11, 92, 79)).save(buffer, "PNG")
    return buffer.getvalue()


PICTURE = _picture()


def event(**replace: str) -> str:
    text = (
        "---\ntitle: Mokymai\nstart: 2024-03-01 10:00\nend: 2024-03-01 12:00\nproject: DEMO-1\n"
        "activity: mokymai\nattendance: 7\n---\nMokymų aprašymas.\n"
    )
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


# (slip, {file: text}, Lithuanian line, English line); `{c}` is the content folder.
SLIPS = [
    (
        "unedited-scaffold-example",
        {
            PROJECT: project(
                **{
                    "summary: Trumpas projekto aprašymas.": "summary: Trumpai apie tai, ką projektas daro ir kam."
                }
            )
        },
        (
            "{c}/data/projects/demo.yaml:4: summary: vis dar yra naujo failo šablono pavyzdys 'Trumpai apie tai, ką projektas daro "
            "ir kam.'; parašykite tikrą tekstą arba ištrinkite eilutę, jei ji neprivaloma"
        ),
        (
            "{c}/data/projects/demo.yaml:4: summary: still holds the example 'Trumpai apie tai, ką projektas daro ir kam.' of the "
            "new-file template; write the real text, or delete the line if it is optional"
        ),
    ),
    (
        "unedited-scaffold-place",
        {
            EVENT: event(
                **{
                    "attendance: 7\n": "attendance: 7\nlocation:\n  name: Vietos pavadinimas\n  locality: Vilnius\n"
                }
            )
        },
        (
            "{c}/events/mokymai.md:9: location.name: vis dar yra naujo failo šablono pavyzdys 'Vietos pavadinimas'; parašykite "
            "tikrą tekstą arba ištrinkite eilutę, jei ji neprivaloma"
        ),
        (
            "{c}/events/mokymai.md:9: location.name: still holds the example 'Vietos pavadinimas' of the new-file template; "
            "write the real text, or delete the line if it is optional"
        ),
    ),
    (
        "amount-with-a-dot-between-thousands",
        {PROJECT: project(**{"amount: 1000": "amount: 20.000"})},
        (
            "{c}/data/projects/demo.yaml:10: funding[0].amount: '20.000' neaišku; jei turėta omenyje ši suma, rašykite 20000 "
            "(be tūkstančių skyriklių, prieš centus taškas)"
        ),
        (
            "{c}/data/projects/demo.yaml:10: funding[0].amount: '20.000' is ambiguous; write 20000 if that is the number meant "
            "(no thousands separators, a dot before the cents)"
        ),
    ),
    (
        "amount-with-lithuanian-separators",
        {PROJECT: project(**{"amount: 1000": 'amount: "20 000,00"'})},
        (
            "{c}/data/projects/demo.yaml:10: funding[0].amount: '20 000,00' neaišku; jei turėta omenyje ši suma, rašykite "
            "20000.00 (be tūkstančių skyriklių, prieš centus taškas)"
        ),
        (
            "{c}/data/projects/demo.yaml:10: funding[0].amount: '20 000,00' is ambiguous; write 20000.00 if that is the number "
            "meant (no thousands separators, a dot before the cents)"
        ),
    ),
    (
        "yaml-tab",
        {PROJECT: project(**{"  start: 2024-01-01": "\tstart: 2024-01-01"})},
        "{c}/data/projects/demo.yaml:6: yaml: įtraukai naudojamas tabuliavimo ženklas; įtraukite tarpais (žr. redaktoriaus vadovo skyrių 'Ką reiškia klaidų pranešimai')",
        "{c}/data/projects/demo.yaml:6: yaml: a tab character is used for indentation; indent with spaces (see 'What the error messages mean' in the editor's guide)",
    ),
    (
        "yaml-colon-inside-a-value",
        {PROJECT: project(**{"title: Bandomasis projektas": "title: Forumas: vaiko teisės"})},
        (
            "{c}/data/projects/demo.yaml:2: yaml: dvitaškis ir tarpas reikšmės viduje; visą reikšmę parašykite kabutėse: "
            "title: \"Forumas: vaiko teisės\" (žr. redaktoriaus vadovo skyrių 'Ką reiškia klaidų pranešimai')"
        ),
        (
            "{c}/data/projects/demo.yaml:2: yaml: a colon and a space inside a value; put the whole value in quotes: "
            "title: \"Forumas: vaiko teisės\" (see 'What the error messages mean' in the editor's guide)"
        ),
    ),
    (
        "yaml-unclosed-quote",
        {PROJECT: project(**{"title: Bandomasis projektas": 'title: "Bandomasis projektas'})},
        (
            "{c}/data/projects/demo.yaml:2: yaml: čia atvertos kabutės niekur neuždarytos; tekstą užbaikite tokiomis pat "
            "kabutėmis (žr. redaktoriaus vadovo skyrių 'Ką reiškia klaidų pranešimai')"
        ),
        (
            "{c}/data/projects/demo.yaml:2: yaml: a quote opened here is never closed; end the text with the same quote mark "
            "(see 'What the error messages mean' in the editor's guide)"
        ),
    ),
    (
        "yaml-indentation",
        {PROJECT: project(**{"  end: 2024-12-31": "    end: 2024-12-31"})},
        (
            "{c}/data/projects/demo.yaml:7: yaml: ši eilutė įtraukta labiau, nei leidžia eilutė 'raktas: reikšmė' virš jos; "
            "įtraukite ją kaip kaimynes (žr. redaktoriaus vadovo skyrių 'Ką reiškia klaidų pranešimai')"
        ),
        (
            "{c}/data/projects/demo.yaml:7: yaml: this line is indented more than a 'key: value' line above it allows; indent it "
            "like its neighbours (see 'What the error messages mean' in the editor's guide)"
        ),
    ),
    (
        "yaml-list-item-where-a-mapping-belongs",
        {PROJECT: project(**{"  end: 2024-12-31": "  - end: 2024-12-31"})},
        (
            "{c}/data/projects/demo.yaml:7: yaml: sąrašo punktas ('- ') tarp eilučių 'raktas: reikšmė', kurios prasideda 6 "
            "eilutėje; patikrinkite įtraukas (žr. redaktoriaus vadovo skyrių 'Ką reiškia klaidų pranešimai')"
        ),
        (
            "{c}/data/projects/demo.yaml:7: yaml: a list item ('- ') among the 'key: value' lines that start on line 6; check "
            "the indentation (see 'What the error messages mean' in the editor's guide)"
        ),
    ),
    (
        "items-counted-from-one",
        {
            PROJECT: project(
                **{
                    "        source: events\n": "        source: events\n  - id: mokymai\n    title: Kiti\n"
                }
            )
        },
        "{c}/data/projects/demo.yaml:20: activities[1].id: pasikartojantis veiklos id 'mokymai' (tokį pat turi 1-oji veikla)",
        "{c}/data/projects/demo.yaml:20: activities[1].id: duplicate activity id 'mokymai' (also activity 1)",
    ),
    (
        "picture-without-alt-text",
        {
            PROJECT: project(
                **{
                    "summary: Trumpas projekto aprašymas.": "summary: Trumpas projekto aprašymas.\nimage: nuotrauka.png"
                }
            ),
            "media/nuotrauka.png": PICTURE,
        },
        "{c}/data/projects/demo.yaml:5: image: šalia reikia image_alt: parašykite, kas pavaizduota, tiems, kurie nemato",
        "{c}/data/projects/demo.yaml:5: image: needs image_alt beside it: say what the picture shows, for people who cannot see it",
    ),
    (
        "event-before-its-project",
        {
            EVENT: event(
                **{
                    "start: 2024-03-01 10:00\nend: 2024-03-01 12:00": "start: 2023-12-30 10:00\nend: 2023-12-30 12:00"
                }
            )
        },
        (
            "{c}/events/mokymai.md:5: project: įspėjimas: renginys prasideda 2023-12-30, dar neprasidėjus projektui 'DEMO-1' "
            "(2024-01-01); patikrinkite datas arba projektą"
        ),
        (
            "{c}/events/mokymai.md:5: project: warning: the event starts on 2023-12-30, before project 'DEMO-1' starts "
            "(2024-01-01); check the dates or the project"
        ),
    ),
    (
        "actual-ten-times-the-target",
        {PROJECT: project(**{"        source: events\n": "        actual: 150\n"})},
        (
            "{c}/data/projects/demo.yaml:19: activities[0].indicators[0].actual: įspėjimas: pasiekta reikšmė 150 daugiau nei 10 "
            "kartų viršija planuotą 10; patikrinkite, ar nėra rašybos klaidos"
        ),
        (
            "{c}/data/projects/demo.yaml:19: activities[0].indicators[0].actual: warning: the actual value 150 is more than 10 "
            "times the target 10; check for a typo"
        ),
    ),
    (
        "completed-project-without-results",
        {
            PROJECT: project(
                **{
                    "start: 2024-01-01": "start: 2020-01-01",
                    "end: 2024-12-31": "end: 2020-12-31",
                    "        source: events\n": "",
                }
            ),
            EVENT: event(**{"project: DEMO-1\nactivity: mokymai\n": ""}),
        },
        (
            "{c}/data/projects/demo.yaml:13: activities: įspėjimas: projektas baigtas, bet nė vienas rodiklis neturi pasiektos "
            "reikšmės; įrašykite, kas pasiekta"
        ),
        (
            "{c}/data/projects/demo.yaml:13: activities: warning: the project is completed but no indicator has an actual value; "
            "add what was achieved"
        ),
    ),
]


def broken_site(content: ContentTree, files: dict, english_first: bool) -> None:
    for relative, text in files.items():
        content.write(relative, text)
    if english_first:
        content.write("site.yaml", ENGLISH_FIRST)


@pytest.mark.parametrize("english_first", [False, True], ids=["lt", "en"])
@pytest.mark.parametrize("slip, files, lithuanian, english", SLIPS, ids=[s[0] for s in SLIPS])
def test_each_slip_is_told_exactly_in_the_sites_first_language(
    content, slip, files, lithuanian, english, english_first
):
    broken_site(content, files, english_first)
    run = skaidra("check", "--input", str(content.root))
    expected = (english if english_first else lithuanian).format(c=content.root)
    assert run.problems == [expected], run.err
    is_warning = ": warning: " in english
    assert run.code == (0 if is_warning else 1)


def test_the_summary_lines_follow_the_language_too(content):
    content.write(
        PROJECT, project(**{"amount: 1000": "amount: daug", "title: Bandomasis projektas\n": ""})
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.err.splitlines()[-1] == f"Aplanke {content.root}/ rastos 2 klaidos"
    content.write("site.yaml", ENGLISH_FIRST)
    run = skaidra("check", "--input", str(content.root))
    assert run.err.splitlines()[-1] == f"2 errors found in {content.root}/"


def test_a_valid_site_is_counted_in_its_language(content):
    run = skaidra("check", "--input", str(content.root))
    assert (
        run.err.strip()
        == f"{content.root}/ be klaidų: 1 projektas, 1 naujiena, 1 renginys, 0 epizodų."
    )


def test_site_yaml_speaks_its_own_first_language_even_when_it_is_broken(content):
    content.write("site.yaml", "title: Test site\nlanguages: [en, lt]\ntitel: X\n")
    run = skaidra("check", "--input", str(content.root))
    assert run.problems == [
        f"{content.root}/site.yaml:3: titel: unknown key 'titel'; did you mean 'title'?"
    ]


def test_a_language_without_a_catalog_is_spoken_to_in_english(content):
    content.write("site.yaml", "title: Testseite\nlanguages: [de, lt]\n")
    content.write(PROJECT, project(**{"amount: 1000": "amount: daug"}))
    run = skaidra("check", "--input", str(content.root))
    assert (
        f"{content.root}/data/projects/demo.yaml:10: funding[0].amount: must be a number, got 'daug'"
        in run.problems
    )


def test_skaidra_messages_chooses_another_language_for_a_maintainer(content):
    content.write(PROJECT, project(**{"amount: 1000": "amount: daug"}))
    run = skaidra("check", "--input", str(content.root), env={"SKAIDRA_MESSAGES": "en"})
    assert run.problems == [
        f"{content.root}/data/projects/demo.yaml:10: funding[0].amount: must be a number, got 'daug'"
    ]
    run = skaidra("check", "--input", str(content.root))
    assert run.problems == [
        f"{content.root}/data/projects/demo.yaml:10: funding[0].amount: turi būti skaičius, o parašyta 'daug'"
    ]
