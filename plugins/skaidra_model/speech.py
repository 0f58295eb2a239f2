"""What the generator says to editors, in the site's first language.

Every message is written once, in English, where it is made:
`say("must be a number, got {value!r}", value=text)`. It is translated as it
is said, into the language `speaking()` set for the command (the site's first
language; English where no catalog exists), then its `{fields}` are filled.
The catalogs are `translations/<lang>/LC_MESSAGES/editor.po`: `make
translations` extracts the messages, tests/test_translations.py keeps the
Lithuanian one complete.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DOMAIN = "editor"
CATALOGS = Path(__file__).parent / "translations"
ORIGINAL = "en"  # the language the messages are written in

_language: ContextVar[str] = ContextVar("skaidra_editor_language", default=ORIGINAL)


def read_catalog(po: Path, lang: str) -> gettext.GNUTranslations:
    """A gettext catalog straight from its `.po` file (no compiled `.mo` is kept)."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    po = CATALOGS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return read_catalog(po, lang) if po.is_file() else gettext.NullTranslations()


def spoken(lang: str) -> str:
    """The language messages are said in for a site whose first language is `lang`."""
    return lang if (CATALOGS / lang).is_dir() else ORIGINAL


def language() -> str:
    """The language messages are said in now."""
    return _language.get()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Say every message in `lang` (or English, without its catalog) until the block ends."""
    token = _language.set(spoken(lang))
    try:
        yield
    finally:
        _language.reset(token)


def say(message: str, /, **fields: object) -> str:
    """`message` in the current language, its `{fields}` filled in."""
    return _catalog(_language.get()).gettext(message).format(**fields)


def say_count(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """A message about `n` things, in the plural form the language takes for `n` (`{n}` is `n`)."""
    return _catalog(_language.get()).ngettext(singular, plural, n).format(n=n, **fields)


def number(value: float, places: int | None = None) -> str:
    """A number as the current language writes it: 2,000,000 or 2 000 000; 0.001 or 0,001; with `places`, that
    many decimals always (1.0)."""
    pattern = None if places is None else "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=_language.get())
