"""Field types shared by the content schemas, each with an editor-facing message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from babel.numbers import list_currencies
from PIL import Image
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from .html_policy import markdown_problems
from .media_types import IMAGE_SUFFIXES, suffix_of
from .speech import say

SLUG_RE = re.compile(r"^[a-z0-9-]+$")
PROJECT_ID_RE = re.compile(r"^[A-Za-z0-9._-]+$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CLOCK_RE = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.(\d{1,3}))?$")

_CURRENCIES = frozenset(list_currencies())


def fail(message: str) -> PydanticCustomError:
    """Build a validation error whose message is shown to editors as it is."""
    return PydanticCustomError("skaidra", "{message}", {"message": message})


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# C0 control characters other than tab, line feed and carriage return: XML 1.0
# (feeds, calendars' neighbours, sitemaps) cannot carry them, and no one means them.
CONTROL_CHARACTER = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


def control_character_message(text: str) -> str | None:
    """What to tell an editor about an invisible control character in `text`, if there is one."""
    found = CONTROL_CHARACTER.search(text)
    if found is None:
        return None
    return say(
        "contains the invisible control character {code}, which feeds cannot carry; delete it",
        code=f"U+{ord(found.group()):04X}",
    )


def plain_string(value: Any) -> Any:
    """Any text: refused if it holds a control character (see CONTROL_CHARACTER)."""
    if isinstance(value, str):
        message = control_character_message(value)
        if message:
            raise fail(message)
    return value


def _text(value: Any) -> Any:
    value = plain_string(value)
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise fail(say("must not be empty"))
    return value


def _single_line(value: str) -> str:
    if "\n" in value:
        raise fail(say("must be on one line"))
    return value


def _safe_markdown(value: str, info: ValidationInfo) -> str:
    problems = markdown_problems(value, (info.context or {}).get("markdown"))
    if problems:
        raise fail(problems[0][1])
    return value


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise fail(
            say("must use only small letters a-z, digits and '-', got {value}", value=_shown(value))
        )
    return value


def _project_id(value: str) -> str:
    if not PROJECT_ID_RE.match(value):
        raise fail(
            say("must use only letters, digits, '-', '_' and '.', got {value}", value=_shown(value))
        )
    return value


def _lang(value: str) -> str:
    if not LANG_RE.match(value):
        raise fail(
            say(
                "must be a two-letter language code such as 'lt' or 'en', got {value}",
                value=_shown(value),
            )
        )
    return value


def _date_parts(match: re.Match[str], value: str) -> tuple[int, ...]:
    parts = tuple(int(p) if p else 0 for p in match.groups())
    try:
        dt.datetime(*parts)
    except ValueError:
        raise fail(
            say(
                "is not a real date: no such day, month, hour or minute, got {value}",
                value=_shown(value),
            )
        ) from None
    return parts


def parse_date(value: Any) -> dt.date:
    """Parse `YYYY-MM-DD`."""
    if isinstance(value, dt.datetime):
        raise fail(say("must be a date YYYY-MM-DD without a time"))
    if isinstance(value, dt.date):
        return value
    match = DATE_RE.match(str(value).strip())
    if not match:
        raise fail(say("must be a date YYYY-MM-DD, got {value}", value=_shown(value)))
    return dt.date(*_date_parts(match, value))


def parse_datetime(value: Any) -> dt.datetime:
    """Parse `YYYY-MM-DD HH:MM` (seconds optional) as a naive local time."""
    if isinstance(value, dt.datetime):
        return value
    match = DATETIME_RE.match(str(value).strip())
    if not match:
        raise fail(
            say("must be a date and time YYYY-MM-DD HH:MM, got {value}", value=_shown(value))
        )
    return dt.datetime(*_date_parts(match, value))


def parse_date_or_datetime(value: Any) -> dt.date | dt.datetime:
    """Parse either `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if DATETIME_RE.match(text):
        return parse_datetime(text)
    if DATE_RE.match(text):
        return parse_date(text)
    raise fail(
        say(
            "must be a date YYYY-MM-DD or a date and time YYYY-MM-DD HH:MM, got {value}",
            value=_shown(value),
        )
    )


def parse_clock(value: Any) -> int:
    """Parse `HH:MM:SS` (or `MM:SS`) into whole seconds."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise fail(say("must be a time HH:MM:SS, got {value}", value=_shown(value)))
    if isinstance(value, int):
        if value < 0:
            raise fail(say("must not be negative, got {value}", value=value))
        return value
    match = CLOCK_RE.match(value.strip())
    if not match:
        raise fail(say("must be a time HH:MM:SS, got {value}", value=_shown(value)))
    hours, minutes, seconds, _ = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def _url(value: str) -> str:
    parts = urlsplit(value)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() for c in value)
    ):
        raise fail(
            say(
                "must be a full web address starting with https://, got {value}",
                value=_shown(value),
            )
        )
    return value


def _currency(value: str) -> str:
    if value not in _CURRENCIES:
        raise fail(
            say("must be an ISO 4217 currency code such as 'EUR', got {value}", value=_shown(value))
        )
    return value


def _timezone(value: str) -> str:
    if value not in known_timezones():
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail(
                say(
                    "must be a time zone name such as 'Europe/Vilnius', got {value}",
                    value=_shown(value),
                )
            ) from None
    return value


@cache
def known_timezones() -> frozenset[str]:
    """The IANA zone names this computer knows, read once (reading them walks the zone database)."""
    return frozenset(available_timezones())


def _comma_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class MediaPathError(ValueError):
    """A media path that is outside content/media or names no file."""


def resolve_media(value: str, root: Path | None) -> str:
    """Check a path under `content/media`; return it relative to that folder.

    `media/...` (relative to `content/`) is accepted as well as a path
    relative to `content/media`.
    """
    text = value.strip().replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text):
        raise MediaPathError(
            say(
                "must be a path inside content/media, not an absolute path, got {value}",
                value=_shown(value),
            )
        )
    parts = PurePosixPath(text).parts
    if ".." in parts:
        raise MediaPathError(
            say("must stay inside content/media, got {value}", value=_shown(value))
        )
    if parts and parts[0] == "media" and root is not None and not (root / text).exists():
        parts = parts[1:]
    relative = "/".join(p for p in parts if p != ".")
    if not relative:
        raise MediaPathError(say("must name a file under content/media"))
    if root is not None:
        target = root / relative
        try:
            inside = target.resolve().is_relative_to(root.resolve())
        except OSError:
            inside = False
        if not inside:
            raise MediaPathError(
                say("must stay inside content/media, got {value}", value=_shown(value))
            )
        if not target.is_file():
            raise MediaPathError(say("file not found: {path}", path=f"content/media/{relative}"))
    return relative


def _email(value: str) -> str:
    if not EMAIL_RE.match(value):
        raise fail(
            say("must be an e-mail address like info@example.org, got {value}", value=_shown(value))
        )
    return value


def media_path(value: str, info: ValidationInfo) -> str:
    """Validate a media path against the `media_root` in the validation context."""
    try:
        return resolve_media(value, (info.context or {}).get("media_root"))
    except MediaPathError as exc:
        raise fail(str(exc)) from None


def _country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, as Babel knows them: `LT`, `LV`, `PL`."""
    if not (
        len(value) == 2
        and value.isascii()
        and value.isupper()
        and value in Locale("en").territories
    ):
        raise fail(
            say("must be a two-letter country code such as 'LT', got {value!r}", value=value)
        )
    return value


def _image_type(value: str, info: ValidationInfo) -> str:
    """A picture file: its kind by name, and for a photo or a drawing in pixels, readable as one."""
    if suffix_of(value) not in IMAGE_SUFFIXES:
        raise fail(
            say(
                "must be a picture ({kinds}), got {value!r}",
                kinds=", ".join(IMAGE_SUFFIXES),
                value=value,
            )
        )
    media = (info.context or {}).get("media_root")
    if media is not None and suffix_of(value) != ".svg":
        try:
            with Image.open(Path(media) / value) as picture:
                picture.verify()
        except Image.DecompressionBombError:
            raise fail(
                say(
                    "{path} has too many pixels to be a picture for the web; make it smaller",
                    path=f"content/media/{value}",
                )
            ) from None
        except (
            OSError,
            SyntaxError,
            ValueError,
        ):  # Pillow's ways of saying "not this kind of picture"
            raise fail(
                say(
                    "{path} is not a picture that can be read: the file is damaged or of another kind",
                    path=f"content/media/{value}",
                )
            ) from None
    return value


# Numbers written with thousands separators or a decimal comma, and what they most likely mean.
_SEPARATED = [
    (re.compile(r"\d{1,3}(?:\.\d{3})+"), lambda s: s.replace(".", "")),  # 20.000
    (
        re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}"),
        lambda s: s.replace(".", "").replace(",", "."),
    ),  # 20.000,50
    (
        re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"),
        lambda s: s.replace(",", ""),
    ),  # 20,000 and 20,000.50
    (
        re.compile(r"\d{1,3}(?: \d{3})+(?:,\d{1,2})?"),
        lambda s: s.replace(" ", "").replace(",", "."),
    ),  # 20 000,00
    (re.compile(r"\d{1,3}(?: \d{3})+(?:\.\d{1,2})?"), lambda s: s.replace(" ", "")),  # 20 000.50
    (re.compile(r"\d+,\d{1,2}"), lambda s: s.replace(",", ".")),  # 20000,50
]


def unambiguous_number(value: Any) -> Any:
    """Refuse a number written with thousands separators or a decimal comma, naming the likely value.

    YAML reads `20.000` as twenty, which is rarely what an editor who typed it meant."""
    written = getattr(value, "written", value)
    if not isinstance(written, str):
        return value
    plain = " ".join(written.replace("\u00a0", " ").replace("\u202f", " ").split())
    for pattern, intended in _SEPARATED:
        if pattern.fullmatch(plain):
            likely = intended(plain)
            raise fail(
                say(
                    "{written!r} is ambiguous; write {likely} if that is the number meant "
                    "(no thousands separators, a dot before the cents)",
                    written=written.strip(),
                    likely=likely,
                )
            )
    return value


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_single_line)]  # plain: shown as typed
LongText = Annotated[str, BeforeValidator(_text)]  # plain, several lines
Markdown = Annotated[str, BeforeValidator(_text), AfterValidator(_safe_markdown)]
Slug = Annotated[str, BeforeValidator(_text), AfterValidator(_slug)]
ProjectId = Annotated[str, BeforeValidator(_text), AfterValidator(_project_id)]
Lang = Annotated[str, BeforeValidator(_text), AfterValidator(_lang)]
Url = Annotated[str, BeforeValidator(_text), AfterValidator(_url)]
PlainString = Annotated[str, BeforeValidator(plain_string)]  # settings text, may be empty
Email = Annotated[str, BeforeValidator(_text), AfterValidator(_email)]
Currency = Annotated[str, BeforeValidator(_text), AfterValidator(_currency)]
CountryCode = Annotated[str, BeforeValidator(_text), AfterValidator(_country)]
TimeZoneName = Annotated[str, BeforeValidator(_text), AfterValidator(_timezone)]
MediaPath = Annotated[str, BeforeValidator(_text), AfterValidator(media_path)]
ImagePath = Annotated[
    str, BeforeValidator(_text), AfterValidator(media_path), AfterValidator(_image_type)
]
Date = Annotated[dt.date, BeforeValidator(parse_date)]
DateOrDateTime = Annotated[dt.date | dt.datetime, BeforeValidator(parse_date_or_datetime)]
Clock = Annotated[int, BeforeValidator(parse_clock)]
Tags = Annotated[list[Text], BeforeValidator(_comma_list)]
PositiveAmount = Annotated[
    Decimal, BeforeValidator(unambiguous_number), Field(gt=0, allow_inf_nan=False)
]
Count = Annotated[Decimal, BeforeValidator(unambiguous_number), Field(ge=0, allow_inf_nan=False)]
