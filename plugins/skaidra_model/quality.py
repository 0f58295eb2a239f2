"""The data-quality checks 360Giving's Data Quality Tool runs on grants data, at build time, as warnings.

The data is valid, but a reuser would trip over it: dates in the future or far from today, a grant
awarded after its project ended, a title too long for a list or no more than the description, no
programme, no beneficiary location, a recipient that cannot be named by a registered identifier.
`skaidra check --strict` makes them errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from .schema import Organisation, Project
from .slips import Slip
from .speech import say

TITLE_LIMIT = (
    140  # characters: 360Giving's advice for a grant's title, which lists and search results cut
)
FAR_YEARS = 10  # a date this many years from the build is more likely a typo in the year
EARLIEST = dt.date(1990, 3, 11)  # no Lithuanian NGO grant is older than the restored state


def project_quality(project: Project, source: str, today: dt.date) -> Iterator[Slip]:
    """What 360Giving's tool would flag in one project and its grants."""
    yield from _dates(source, ("period", "start"), project.period.start, today)
    yield from _dates(source, ("period", "end"), project.period.end, today)
    if len(project.title) > TITLE_LIMIT:
        yield Slip(
            source,
            ("title",),
            say(
                "is {n} characters long; 360Giving advises at most {limit}, as lists and search results cut longer titles",
                n=len(project.title),
                limit=TITLE_LIMIT,
            ),
        )
    if project.summary.strip() == project.title.strip():
        yield Slip(
            source,
            ("summary",),
            say("is the same as the title; say in a sentence or two what the project does"),
        )
    if not project.areas:
        yield Slip(
            source,
            ("areas",),
            say(
                "not given: open data names no beneficiary location; add the places the project serves under 'areas'"
            ),
        )
    for i, grant in enumerate(project.funding):
        awarded = grant.awarded_on
        if awarded is not None:
            key = (
                ("funding", i, "award_date")
                if grant.award_date
                else ("funding", i, "decision", "date")
            )
            yield from _dates(source, key, awarded, today, past=True)
            if awarded > project.period.end:
                yield Slip(
                    source,
                    key,
                    say(
                        "the grant was awarded on {day}, after the project ended ({end}); check the dates",
                        day=awarded,
                        end=project.period.end,
                    ),
                )
        if not grant.programme:
            yield Slip(
                source,
                ("funding", i, "programme"),
                say(
                    "not given: open data names no grant programme; add the call or programme the grant came from"
                ),
            )
        for p, payment in enumerate(grant.payments):
            yield from _dates(
                source, ("funding", i, "payments", p, "date"), payment.date, today, past=True
            )


def organisation_quality(organisations: Mapping[str, Organisation], source: str) -> Iterator[Slip]:
    """Recipients without a registration code: open data cannot name them by an `LT-RC-` identifier."""
    for i, organisation in enumerate(organisations.values()):
        if not organisation.registration_code:
            yield Slip(
                source,
                (i, "registration_code"),
                say(
                    "{name} has no 'registration_code', so open data cannot name it by its LT-RC- identifier; add its legal entity code",
                    name=organisation.name,
                ),
            )


def _dates(
    source: str, loc: tuple, day: dt.date, today: dt.date, past: bool = False
) -> Iterator[Slip]:
    """A date before the earliest possible one, or more than FAR_YEARS from the build; with `past`, a date
    of something already done (an award, a payment) after the build's day."""
    if day < EARLIEST:
        yield Slip(
            source,
            loc,
            say("{day} is before {earliest}; check the year", day=day, earliest=EARLIEST),
        )
    elif past and day > today:
        yield Slip(
            source, loc, say("{day} is after today ({today}); check the date", day=day, today=today)
        )
    elif day > today + dt.timedelta(days=round(365.25 * FAR_YEARS)):
        yield Slip(
            source,
            loc,
            say(
                "{day} is more than {years} years from now; check the year",
                day=day,
                years=FAR_YEARS,
            ),
        )
