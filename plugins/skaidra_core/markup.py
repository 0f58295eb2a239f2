"""Markdown to safe HTML, and HTML to plain text, for every text an editor writes.

Editors may write inline HTML; the output of Markdown passes through the
`nh3` sanitiser, which keeps ordinary markup and removes scripts, event
handlers, `javascript:` URLs, styles and any iframe that is not a video
player from an allowed host.
"""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup
from skaidra_model.html_policy import (
    ATTRIBUTES,
    TAGS,
    URL_SCHEMES,
    VIDEO_HOSTS,
    MarkdownRenderer,
    video_source_allowed,
)
from skaidra_model.packed_text import pack, text_key, unpack

__all__ = ["VIDEO_HOSTS", "Renderer", "excerpt", "plain_text", "sanitise"]


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src" and not video_source_allowed(value):
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


_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)


def _drop_empty_iframes(html: str) -> str:
    # After sanitising, an iframe whose src was refused is inert; drop the box.
    return _EMPTY_IFRAME.sub("", html)


KEPT_WHOLE = 1024  # characters of HTML the renderer keeps as they are; longer ones packed


class Renderer:
    """Sanitised HTML from Markdown, each distinct text rendered once.

    What it rendered is kept for the whole build (a project's description is shown on many pages);
    a long HTML (a post's, some 10 KB) is kept packed (packed_text.py): every post's is rendered, and
    whole they would take some 200 MB at 20 000 posts."""

    def __init__(self, markdown: MarkdownRenderer | None = None) -> None:
        self._markdown = markdown or MarkdownRenderer()
        self._html: dict[bytes, str | bytes] = {}  # by text_key: a post's text is not held twice

    def html(self, text: str | None) -> str:
        """Render Markdown to sanitised HTML."""
        if not text:
            return ""
        key = text_key(text)
        kept = self._html.get(key)
        if kept is not None:
            return unpack(kept) if isinstance(kept, bytes) else kept
        html = sanitise(self._markdown.handed(text))
        self._html[key] = pack(html) if len(html) > KEPT_WHOLE else html
        return html

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
