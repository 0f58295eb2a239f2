"""Markdown to safe HTML, and HTML to plain text, for every text an editor writes.

Editors may write inline HTML; the output of Markdown passes through the
`nh3` sanitiser, which keeps ordinary markup and removes scripts, event
handlers, `javascript:` URLs, styles and any iframe that is not a video
player from an allowed host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": False}}

VIDEO_HOSTS = ("www.youtube-nocookie.com", "www.youtube.com", "player.vimeo.com")

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip

ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
    "abbr": {"title"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.hostname not in VIDEO_HOSTS:
            return None
    return value


def sanitise(html: str) -> str:
    """Remove anything from `html` that could run script or load other sites."""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel=None,
        strip_comments=True,
    )
    return _drop_empty_iframes(cleaned)


_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)


def _drop_empty_iframes(html: str) -> str:
    # After sanitising, an iframe whose src was refused is inert; drop the box.
    return _EMPTY_IFRAME.sub("", html)


class Renderer:
    """One reusable Markdown converter."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
        )

    def html(self, text: str | None) -> str:
        """Render Markdown to sanitised HTML."""
        if not text:
            return ""
        self._md.reset()
        return sanitise(self._md.convert(text))

    def inline(self, text: str | None) -> str:
        """Render one line of Markdown without the surrounding paragraph."""
        rendered = self.html(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered


def plain_text(html: str) -> str:
    """The text of some HTML, tags removed and whitespace collapsed."""
    return Markup(html).striptags()


def excerpt(text: str, limit: int = 200) -> str:
    """Cut plain text at a word boundary to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return cut + "…"
