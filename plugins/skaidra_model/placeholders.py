"""The example texts of the new-file templates (`skaidra new`), and finding them left in.

A file made by `make new-project` is a draft full of examples; an editor who
publishes it before replacing them all would publish invented facts. The
templates take their examples from here, and the loader refuses any of them
in a published item (in a draft they are warnings).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .speech import say

POST_SUMMARY = "Trumpai apie tai, kas įvyko."
POST_BODY = "Naujienos tekstas."
EVENT_PLACE = "Vietos pavadinimas"
EVENT_LOCALITY = "Miestas"
EVENT_BODY = "Kas vyks renginyje, kam jis skirtas ir kaip dalyvauti."
EPISODE_PERSON = "Vardas Pavardė"
EPISODE_BODY = "Apie ką šis epizodas."
EPISODE_TRANSCRIPT = "Čia įrašykite visą epizodo tekstą."
PROJECT_SUMMARY = "Trumpai apie tai, ką projektas daro ir kam."
PROJECT_DESCRIPTION = "Išsamesnis projekto aprašymas."
PROJECT_PROGRAMME = "Programos pavadinimas"
PROJECT_DECISION_TITLE = "Sprendimo pavadinimas"
PROJECT_DECISION_NUMBER = "Sprendimo numeris"
PROJECT_GOAL = "Pirmasis tikslas."
PROJECT_ACTIVITY = "Pirmoji veikla"
PROJECT_RESULT = "Laukiamas rezultatas."

EXAMPLES = frozenset({
    POST_SUMMARY, POST_BODY, EVENT_PLACE, EVENT_LOCALITY, EVENT_BODY, EPISODE_PERSON, EPISODE_BODY,
    EPISODE_TRANSCRIPT, PROJECT_SUMMARY, PROJECT_DESCRIPTION, PROJECT_PROGRAMME, PROJECT_DECISION_TITLE,
    PROJECT_DECISION_NUMBER, PROJECT_GOAL, PROJECT_ACTIVITY, PROJECT_RESULT,
})  # fmt: skip


def left_in(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every value in `data` (YAML read as plain data) that is still one of the examples, with its place."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from left_in(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from left_in(value, loc + (index,))
    elif isinstance(data, str) and data.strip() in EXAMPLES:
        yield loc, data.strip()


def body_example(body: str) -> str | None:
    """The first paragraph of a Markdown body that is still an example, if any."""
    return next((part.strip() for part in body.split("\n\n") if part.strip() in EXAMPLES), None)


def message(example: str) -> str:
    return say(
        "still holds the example {example!r} of the new-file template; write the real text, or delete the line if it is optional",
        example=example,
    )


def file_message(shown_path: str) -> str:
    return say(
        "{path} still holds the example text of the new-file template; write the full text there",
        path=shown_path,
    )
