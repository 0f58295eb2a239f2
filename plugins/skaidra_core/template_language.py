"""What templates use to show data in the page's language: translations of data items, free texts given
per language, and the `lang` attribute of text in another language than the page's (WCAG 3.1.2)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context
from markupsafe import Markup, escape


@dataclass(frozen=True)
class Shown:
    """A text as a page shows it, and the language it is in."""

    value: object
    lang: str


def language_helpers(default_lang: str) -> dict:
    """The helpers by the names templates call them: `lang_of`, `translated`, and the filters `text`
    and `text_in`."""

    def page_lang(context) -> str:
        return context.get("lang") or default_lang

    @pass_context
    def lang_of(context, text_lang: str) -> Markup:
        """A `lang` attribute for text in another language than the page's."""
        return Markup(f' lang="{text_lang}"') if text_lang != page_lang(context) else Markup("")

    @pass_context
    def translated(context, item, key: str) -> Shown:
        """A text of a data item in the page's language, or the original in the default language
        (contract, "Translations"): `.value` and `.lang`, for `lang_of`."""
        lang = page_lang(context)
        version = (getattr(item, "translations", None) or {}).get(lang)
        value = getattr(version, key, None) if version is not None else None
        return Shown(value, lang) if value else Shown(getattr(item, key), default_lang)

    @pass_context
    def text(context, item, key: str) -> Markup:
        """A plain text of a data item, translated where it can be, marked with its `lang` where not."""
        shown = translated(context, item, key)
        return _marked(shown.value, shown.lang, page_lang(context))

    @pass_context
    def text_in(context, value: str | dict) -> Markup:
        """A free text given once (in the default language) or as `{lang: text}`: the page's language's,
        else the default language's, else the first; marked with its `lang` where not the page's."""
        lang_now = page_lang(context)
        if isinstance(value, str):
            value = {default_lang: value}
        lang = next((k for k in (lang_now, default_lang, *value) if value.get(k)), None)
        return _marked(value[lang], lang, lang_now) if lang is not None else Markup("")

    return {"lang_of": lang_of, "translated": translated, "text": text, "text_in": text_in}


def _marked(value, lang: str, page_lang: str) -> Markup:
    """`value` escaped, in a `<span lang>` when it is not in the page's language."""
    if not value:
        return Markup("")
    if lang == page_lang:
        return escape(value)
    return Markup('<span lang="{}">{}</span>').format(lang, value)
