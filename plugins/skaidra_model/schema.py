"""Schemas of the YAML data files: organisations, funders and projects.

Each class mirrors a table of CONTENT-FORMAT.md; unknown keys are errors.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .fields import (
    Count,
    CountryCode,
    Currency,
    Date,
    ImagePath,
    Lang,
    LongText,
    Markdown,
    MediaPath,
    PositiveAmount,
    ProjectId,
    Slug,
    Text,
    Url,
    fail,
)
from .slugs import slugify
from .speech import say

SUMMARY_MAX = 300
# Disclosure rules a funder may set (CONTENT-FORMAT.md, section 3).
PUBLICITY_RULES = ("eu-2021-1060", "lt-nvo-fondas")
PROJECT_STATUSES = ("planned", "active", "completed", "cancelled")


class Strict(BaseModel):
    """Base for every schema: frozen, and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class OrganisationText(Strict):
    name: Text | None = None
    short_name: Text | None = None
    description: Markdown | None = None


class FunderText(Strict):
    name: Text | None = None
    parent: Text | None = None
    publicity_statement: Markdown | None = None


class ActivityText(Strict):
    title: Text | None = None
    description: Markdown | None = None
    items: list[Markdown] | None = None


class IndicatorText(Strict):
    name: Text | None = None
    unit: Text | None = None


class PartnerText(Strict):
    role: Text | None = None


class TitleText(Strict):
    title: Text | None = None


class Address(Strict):
    """Where an organisation is registered."""

    street: Text | None = None
    locality: Text | None = None
    postal_code: Text | None = None
    country: CountryCode | None = None


class Area(Strict):
    """A place a project serves: open data gives it as the beneficiary location."""

    name: Text
    country: CountryCode | None = None
    code: Text | None = None  # ISO 3166-2 subdivision (LT-TE) or a municipality code


class Illustrated(Strict):
    """An item that may show a picture: `image` under content/media, and `image_alt` saying what it shows."""

    image_alt: Text | None = None  # before `image`, so that the check of `image` sees it
    image: ImagePath | None = None

    @field_validator("image", mode="after")
    @classmethod
    def _alt_with_image(cls, value, info: ValidationInfo):
        if value is not None and not info.data.get("image_alt"):
            raise fail(
                say(
                    "needs image_alt beside it: say what the picture shows, for people who cannot see it"
                )
            )
        return value


class Organisation(Strict):
    id: Slug
    name: Text
    short_name: Text | None = None
    registration_code: Text | None = None
    url: Url | None = None
    logo: ImagePath | None = None
    description: Markdown | None = None
    address: Address | None = None
    translations: dict[Lang, OrganisationText] = {}

    @property
    def identifier(self) -> str | None:
        """The 360Giving organisation identifier, where the legal code is known."""
        return f"LT-RC-{self.registration_code}" if self.registration_code else None


class Funder(Strict):
    id: Slug
    name: Text
    parent: Text | None = None
    registration_code: Text | None = None
    url: Url | None = None
    logo: ImagePath | None = None
    publicity_statement: Markdown | None = None
    publicity_rules: list[Literal[PUBLICITY_RULES]] = []  # type: ignore[valid-type]
    translations: dict[Lang, FunderText] = {}

    @property
    def identifier(self) -> str | None:
        """The 360Giving organisation identifier, where the legal code is known."""
        return f"LT-RC-{self.registration_code}" if self.registration_code else None


class Decision(Strict):
    title: Text | None = None
    number: Text | None = None
    date: Date | None = None
    url: Url | None = None


class Payment(Strict):
    """Money actually paid out to the organisation."""

    date: Date
    amount: PositiveAmount


class Grant(Strict):
    funder: Slug
    amount: PositiveAmount
    currency: Currency = "EUR"
    programme: Text | None = None
    source: Text | None = None
    award_date: Date | None = None
    reference: Text | None = None
    decision: Decision | None = None
    payments: list[Payment] = []

    @field_validator("payments")
    @classmethod
    def _not_more_than_granted(cls, value, info: ValidationInfo):
        amount = info.data.get("amount")
        paid = sum((payment.amount for payment in value), Decimal(0))
        if amount is not None and paid > amount:
            raise fail(
                say(
                    "add up to {paid}, more than the amount granted, {amount}",
                    paid=paid,
                    amount=amount,
                )
            )
        return value

    @property
    def paid(self) -> Decimal | None:
        """The sum of the payments, or None when none are listed."""
        return (
            sum((payment.amount for payment in self.payments), Decimal(0))
            if self.payments
            else None
        )

    @property
    def awarded_on(self):
        """The award date, defaulting to the decision's date."""
        if self.award_date:
            return self.award_date
        return self.decision.date if self.decision else None


class Indicator(Strict):
    name: Text
    unit: Text | None = None
    source: Text | None = None
    target: Count | None = None
    actual: Count | None = None
    people: bool | None = (
        None  # counts people (the home page's "people reached"); None: the unit decides
    )
    translations: dict[Lang, IndicatorText] = {}

    @property
    def from_events(self) -> bool:
        """Whether `actual` is the attendance of the activity's past events."""
        return self.source == "events"

    @field_validator("actual")
    @classmethod
    def _actual_or_events(cls, value, info: ValidationInfo):
        if value is not None and info.data.get("source") == "events":
            raise fail(say("is counted from the events when 'source' is 'events'; remove it"))
        return value


class Activity(Strict):
    id: Slug | None = None
    title: Text
    description: Markdown | None = None
    items: list[Markdown] = []
    indicators: list[Indicator] = []
    translations: dict[Lang, ActivityText] = {}


class Period(Strict):
    start: Date
    end: Date

    @field_validator("end")
    @classmethod
    def _ordered(cls, value, info: ValidationInfo):
        start = info.data.get("start")
        if start is not None and value < start:
            raise fail(say("{value} is before the start, {start}", value=value, start=start))
        return value


class Partner(Strict):
    name: Text
    url: Url | None = None
    role: Text | None = None
    translations: dict[Lang, PartnerText] = {}


class Document(Strict):
    title: Text
    file: MediaPath | None = None
    url: Url | None = None
    translations: dict[Lang, TitleText] = {}

    @model_validator(mode="after")
    def _file_or_url(self) -> Document:
        if (self.file is None) == (self.url is None):
            raise fail(
                say("give either 'file' (under content/media) or 'url', not both or neither")
            )
        return self


class Link(Strict):
    title: Text
    url: Url
    translations: dict[Lang, TitleText] = {}


class ProjectTranslation(Strict):
    title: Text | None = None
    summary: LongText | None = Field(default=None, max_length=SUMMARY_MAX)
    description: Markdown | None = None
    goals: list[Markdown] = []
    expected_results: list[Markdown] = []


class Project(Illustrated):
    id: ProjectId
    title: Text
    organisation: Slug
    summary: LongText = Field(max_length=SUMMARY_MAX)
    description: Markdown | None = None
    period: Period
    status: Literal[PROJECT_STATUSES] | None = None  # type: ignore[valid-type]
    funding: list[Grant] = Field(min_length=1)
    goals: list[Markdown] = []
    expected_results: list[Markdown] = []
    activities: list[Activity] = []
    partners: list[Partner] = []
    documents: list[Document] = []
    links: list[Link] = []
    areas: list[Area] = []
    translations: dict[str, ProjectTranslation] = {}

    @property
    def slug(self) -> str:
        """The project's address segment: its id in small letters."""
        return slugify(self.id)

    def translated(self, lang: str) -> ProjectTranslation:
        """Return this project's text in `lang`, falling back to the original."""
        tr = self.translations.get(lang)
        return ProjectTranslation.model_construct(
            title=(tr and tr.title) or self.title,
            summary=(tr and tr.summary) or self.summary,
            description=(tr and tr.description) or self.description,
            goals=(tr and tr.goals) or self.goals,
            expected_results=(tr and tr.expected_results) or self.expected_results,
        )
