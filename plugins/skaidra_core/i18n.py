"""Interface strings through gettext: English message ids, one catalog per language.

Templates call `_()` and `ngettext()`; the language comes from the `lang`
variable of the page being rendered.
"""

from __future__ import annotations

import gettext as gettext_module
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

DOMAIN = "messages"

# How a language is named in its own words and which country's conventions
# link previews announce; Babel answers for languages not listed here.
LANGUAGE_NAMES = {"lt": "Lietuviškai", "en": "English"}
OPEN_GRAPH_LOCALES = {"lt": "lt_LT", "en": "en_GB"}


def language_name(lang: str) -> str:
    """The name of a language in that language, for the language switcher."""
    if lang in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[lang]
    try:
        name = Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:]


def open_graph_locale(lang: str) -> str:
    """`og:locale`, e.g. `lt_LT`."""
    if lang in OPEN_GRAPH_LOCALES:
        return OPEN_GRAPH_LOCALES[lang]
    likely = get_global("likely_subtags").get(lang)
    if likely is None:
        return lang
    locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


class Catalogs(dict):
    """Translations by language, for one build."""


def load_catalogs(folder: Path, languages: tuple[str, ...]) -> Catalogs:
    """Read `<folder>/<lang>/LC_MESSAGES/messages.po` for each language that has one."""
    catalogs = Catalogs()
    for lang in languages:
        po = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            catalogs[lang] = gettext_module.NullTranslations()
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        catalogs[lang] = gettext_module.GNUTranslations(buffer)
    return catalogs


def install(
    env: Environment, catalogs: dict[str, gettext_module.NullTranslations], default_lang: str
) -> None:
    """Give `env` gettext functions that follow each page's `lang`."""
    fallback = gettext_module.NullTranslations()
    translated: dict[tuple[str, str], str] = {}

    def catalog(context: Context) -> gettext_module.NullTranslations:
        return catalogs.get(context.get("lang") or default_lang, fallback)

    @pass_context
    def gettext(context: Context, message: str) -> str:
        key = (context.get("lang") or default_lang, message)
        text = translated.get(key)
        if text is None:
            text = translated[key] = catalogs.get(key[0], fallback).gettext(message)
        return text

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
        return catalog(context).ngettext(singular, plural, n)

    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def translator(catalogs: dict[str, gettext_module.NullTranslations], lang: str):
    """A plain `gettext` for one language, for text written outside templates."""
    return catalogs.get(lang, gettext_module.NullTranslations()).gettext
