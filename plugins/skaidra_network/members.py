"""A member's published records as typed, validated objects (contract, section 10).

Whatever a member's `projects.json` and `360giving.json` hold is read here, one record at a time, with the
strictness of the umbrella's own content: amounts finite and in range, ISO currency and country codes,
dates, http(s) addresses; texts with control characters removed, on one line, cut to a length; ids made
into slugs where they name a page. A record that fails is left out with a `Rejected` saying which and why;
the rest of the member's records are used. Everything the umbrella writes about its members is made from
these objects, never from the member's raw fields.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from skaidra_model.fields import CountryCode, Currency, Date, fail, known_timezones
from skaidra_model.messages import message_of
from skaidra_model.numbers import json_number
from skaidra_model.problems import dotted
from skaidra_model.schema import PROJECT_STATUSES
from skaidra_model.slugs import slugify
from skaidra_model.speech import say

TITLE_LENGTH = 300
SUMMARY_LENGTH = 1000
LARGEST_AMOUNT = 10**12  # more than any grant: a larger number is a mistake or an attack
UNSEEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
)  # controls and invisible marks


def clean(value: Any, length: int = TITLE_LENGTH) -> str:
    """A member's text as the umbrella shows it: no control or invisible characters, one line, at most
    `length` characters (cut with an ellipsis). Anything but a text or a number is no text."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    text = " ".join(UNSEEN.sub(" ", str(value)).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def address(value: Any) -> str | None:
    """An http(s) address with a host, or None (a `javascript:` or any other scheme is dropped)."""
    if not isinstance(value, str) or len(value) > 2000 or UNSEEN.search(value):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.hostname else None


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise fail(say("must be a number, got {value}", value=type(value).__name__))
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:  # what Decimal raises for a text that is no number (not a ValueError)
        raise fail(say("must be a number, got {value!r}", value=clean(value, 60))) from None


def _optional_date(value: Any) -> Any:
    return None if value in (None, "") else value


def _text(length: int, then=lambda text: text) -> BeforeValidator:
    """A member's text, cleaned; nothing is empty; anything else (a mapping, a list, true) is left for the
    type check to refuse."""

    def check(value: Any) -> Any:
        if value is None:
            return ""
        return (
            then(clean(value, length))
            if isinstance(value, (str, int, float)) and not isinstance(value, bool)
            else value
        )

    return BeforeValidator(check)


Text = Annotated[str, _text(TITLE_LENGTH)]
Summary = Annotated[str, _text(SUMMARY_LENGTH)]
Key = Annotated[str, _text(TITLE_LENGTH, slugify)]  # an id that may name a page
Amount = Annotated[
    Decimal, BeforeValidator(_amount), Field(ge=0, le=LARGEST_AMOUNT, allow_inf_nan=False)
]
OptionalDate = Annotated[Date | None, BeforeValidator(_optional_date)]
Address = Annotated[str | None, BeforeValidator(address)]
Status = Annotated[str, BeforeValidator(lambda value: value if value in PROJECT_STATUSES else "")]


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Funding(Record):
    """A grant as a member's `projects.json` lists it under a project."""

    def published(self) -> dict:
        """The grant as the umbrella's projects.json gives it."""
        return {
            **self.model_dump(mode="json", exclude_none=True),
            "amount": json_number(self.amount),
        }

    grant_id: Text = ""
    funder: Key = ""
    funder_name: Text = ""
    programme: Text = ""
    amount: Amount
    currency: Currency
    award_date: OptionalDate = None


class Period(Record):
    start: OptionalDate = None
    end: OptionalDate = None


class Indicator(Record):
    unit: Text = ""
    people: bool | None = None
    actual: Amount | None = None


class Activity(Record):
    indicators: list[Indicator] = []


class Project(Record):
    """A project as a member's `projects.json` gives it (its grants are read apart, each on its own)."""

    id: Annotated[Text, Field(min_length=1)]
    title: Text = ""
    summary: Summary = ""
    status: Status = ""
    period: Period = Period()
    url: Address = None
    organisation: Key = ""
    organisation_name: Text = ""
    activities: list[Activity] = []


class Organization(Record):
    id: Text = ""
    name: Annotated[Text, Field(min_length=1)]


class PlannedDates(Record):
    startDate: OptionalDate = None
    endDate: OptionalDate = None


class Location(Record):
    name: Text = ""
    countryCode: CountryCode | None = None


class GivingGrant(Record):
    """A grant as a member's `360giving.json` gives it: the fields the umbrella republishes."""

    id: Annotated[Text, Field(min_length=1)]
    title: Annotated[Text, Field(min_length=1)]
    description: Summary = ""
    currency: Currency
    amountAwarded: Amount
    awardDate: Date
    plannedDates: list[PlannedDates] = []
    recipientOrganization: Annotated[list[Organization], Field(min_length=1)]
    fundingOrganization: Annotated[list[Organization], Field(min_length=1)]
    beneficiaryLocation: list[Location] = []
    url: Address = None

    def published(self, data_source: str) -> dict:
        """The grant as the umbrella's 360Giving file gives it, `dataSource` the member's file."""
        grant = self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        grant.update(amountAwarded=json_number(self.amountAwarded), currency=self.currency,
                     awardDate=self.awardDate.isoformat(), dataSource=data_source)  # fmt: skip
        return grant


# What of a member's event the umbrella's calendar carries: nothing else of the member's VEVENT is copied.
RULE_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST",
                        "BYHOUR", "BYMINUTE", "BYYEARDAY", "BYWEEKNO"})  # fmt: skip
EVENT_STATUSES = frozenset({"CONFIRMED", "TENTATIVE", "CANCELLED"})
UID_LENGTH = 255


@dataclass(frozen=True)
class MemberEvent:
    """A member's event as plain values; the umbrella writes its calendar from these alone."""

    uid: str
    summary: str
    start: dt.date | dt.datetime  # a datetime is in a zone Python knows by name, or in UTC
    end: dt.date | dt.datetime | None
    rule: dict | None  # RRULE parts, each a list of plain values
    exceptions: tuple[dt.date | dt.datetime, ...]
    location: str
    url: str | None
    description: str
    status: str
    sequence: int
    stamp: dt.datetime


def _moment(value: Any) -> dt.date | dt.datetime | None:
    """A date, or a date-time in a named zone Python knows (else in UTC; a floating one is kept floating)."""
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        if zone is None or (isinstance(zone, ZoneInfo) and zone.key in known_timezones()):
            return value
        return value.astimezone(dt.UTC)
    return value if isinstance(value, dt.date) else None


def read_event(event: icalendar.Event, now: dt.datetime) -> tuple[MemberEvent | None, str]:
    """A member's VEVENT as plain values, or why it is left out."""
    uid = clean(str(event.get("uid", "")), UID_LENGTH)
    if not uid:
        return None, say("has no UID")
    try:
        start = _moment(event.decoded("dtstart"))
        end = _moment(event.decoded("dtend")) if "dtend" in event else None
        if end is None and "duration" in event and start is not None:
            end = start + event.decoded("duration")
        rule = None
        if "rrule" in event:
            rule = {key: list(values) for key, values in event["rrule"].items()}
            if not set(rule) <= RULE_PARTS or "FREQ" not in rule:
                return None, say("has a repeat rule with parts a calendar does not need")
        exceptions = []
        for found in (
            event.get("exdate", [])
            if isinstance(event.get("exdate", []), list)
            else [event.get("exdate")]
        ):
            exceptions.extend(_moment(day.dt) for day in found.dts)
        stamp = event.decoded("dtstamp") if "dtstamp" in event else now
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return None, say("has a time that cannot be read ({reason})", reason=clean(str(exc), 100))
    if start is None or (end is not None and type(end) is not type(start)) or None in exceptions:
        return None, say("has no start, or its times are of different kinds")
    status = str(event.get("status", "")).upper()
    sequence = event.get("sequence", 0)
    return MemberEvent(
        uid=uid, summary=clean(str(event.get("summary", ""))) or uid, start=start, end=end, rule=rule,
        exceptions=tuple(exceptions), location=clean(str(event.get("location", ""))), url=address(str(event.get("url", ""))),
        description=clean(str(event.get("description", "")), SUMMARY_LENGTH), status=status if status in EVENT_STATUSES else "",
        sequence=sequence if isinstance(sequence, int) and 0 <= sequence <= 10_000 else 0,
        stamp=stamp if isinstance(stamp, dt.datetime) else now,
    ), ""  # fmt: skip


@dataclass(frozen=True)
class Rejected:
    """A member record left out: which file, which record, and why."""

    file: str
    record: str
    reason: str


def read_record(
    model: type[Record], data: Any, file: str, record: str
) -> tuple[Record | None, Rejected | None]:
    """`data` as a `model`, or why not."""
    try:
        return model.model_validate(data), None
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        where = f"{record}.{dotted(loc)}" if loc else record
        return None, Rejected(file, where, message_of(error, model, loc))
