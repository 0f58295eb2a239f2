"""Dates, times, numbers and money for people, per language, with Babel.

The machine has no Lithuanian OS locale, so nothing here uses `strftime`
month names or `LOCALE`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_interval, format_time, get_time_format
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

# English pages follow British conventions (18 May 2024, 10:00, US$), which
# suit a European site better than Babel's default American English.
LOCALES = {"en": "en_GB"}


@cache
def _locale(lang: str) -> Locale:
    """A parsed Babel locale per language (parsing one on every call is slow)."""
    return Locale.parse(LOCALES.get(lang, lang))


def date(value: dt.date | None, lang: str, form: str = "long") -> str:
    """`2024 m. gegužės 18 d.` in Lithuanian, `18 May 2024` in English."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _format_date(value, form, lang)


@lru_cache(maxsize=4096)
def _format_date(value: dt.date, form: str, lang: str) -> str:
    return format_date(value, form, locale=_locale(lang))


def month(year: int, month_number: int, lang: str) -> str:
    """The name of a month with its year, as a heading: `2023 m. rugsėjis`."""
    first = dt.date(year, month_number, 1)
    pattern = "y 'm'. LLLL" if lang == "lt" else "LLLL y"
    return format_date(first, pattern, locale=_locale(lang))


def time(value: dt.datetime, lang: str) -> str:
    """`10:00` in both Lithuanian and (British) English."""
    return format_time(value, "short", locale=_locale(lang))


def date_time(value: dt.datetime, lang: str) -> str:
    """A date with its time."""
    return f"{date(value, lang)}, {time(value, lang)}"


def period(start: dt.date, end: dt.date, lang: str) -> str:
    """A span of days: `2023 m. sausio 1 d. – 2023 m. gruodžio 31 d.`."""
    if start == end:
        return date(start, lang)
    return f"{date(start, lang)} – {date(end, lang)}"


def time_span(start: dt.date, end: dt.date | None, lang: str) -> str:
    """When an event happens, in words: all-day spans or times with their day."""
    if not isinstance(start, dt.datetime):
        return period(start, end or start, lang)
    if end is None:
        return date_time(start, lang)
    if isinstance(end, dt.datetime) and end.date() == start.date():
        skeleton = "Hm" if "H" in get_time_format("short", locale=_locale(lang)).pattern else "hm"
        hours = format_interval(start.time(), end.time(), skeleton, locale=_locale(lang))
        return f"{date(start, lang)}, {hours}"
    return f"{date_time(start, lang)} – {date_time(end, lang)}"


def number(value: Decimal | float | None, lang: str) -> str:
    """`1 234,5` in Lithuanian, `1,234.5` in English."""
    if value is None:
        return ""
    return _formatted("number", value, str(value), "", lang)


def percent(share: float | Decimal, lang: str) -> str:
    """`91 %` in Lithuanian, `91%` in English."""
    return _formatted("percent", share, str(share), "", lang)


def money(amount: Decimal | float, currency: str, lang: str) -> str:
    """`20 000,00 €` in Lithuanian, `€20,000.00` in English."""
    return _formatted("money", amount, str(amount), currency, lang)


@lru_cache(maxsize=8192, typed=True)
def _formatted(kind: str, value: Decimal | float, text: str, currency: str, lang: str) -> str:
    """A figure formatted once for all the pages that show it (Babel takes a tenth of a millisecond
    each), by its value, its type and its text: `0.0` and `-0.0` are equal, but Babel shows `0` and
    `-0`, so a cache keyed by the value alone would take one for the other."""
    locale = _locale(lang)
    if kind == "money":
        return format_currency(value, currency, locale=locale)
    if kind == "percent":
        return format_percent(value, locale=locale)
    return format_decimal(value, locale=locale)


def iso(value: dt.date) -> str:
    """ISO 8601 with the UTC offset for times, for `datetime` attributes and JSON-LD."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def clock(seconds: int) -> str:
    """`01:02:03`, or `02:03` under an hour."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def duration(seconds: int, lang: str) -> str:
    """A length in words, as a list shows it beside a date: `45 min.`, `1 val. 5 min.` (under a minute: seconds)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if not hours and not minutes:
        return format_unit(secs, "duration-second", length="short", locale=_locale(lang))
    parts = (
        [format_unit(hours, "duration-hour", length="short", locale=_locale(lang))] if hours else []
    )
    if minutes or not hours:
        parts.append(format_unit(minutes, "duration-minute", length="short", locale=_locale(lang)))
    return " ".join(parts)


def megabytes(size: int, lang: str) -> str:
    """A file size for people: `1,2 MB`."""
    return f"{format_decimal(round(size / 1_000_000, 1), locale=_locale(lang))} MB"
