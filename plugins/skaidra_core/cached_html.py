"""Posts' and pages' HTML held packed (packed_text.py) while Pelican's content cache holds them.

Pelican's content cache keeps every item's HTML in memory through a build, and a devserver's every
build loads it: the cache holds each text packed, and an article read from it keeps it packed until
a page reads it (`Content._content` unpacks it each time, keeping nothing). What Pelican asks of
every article on every build (its pictures' alt text, its `{static}` links) is told from flags set
when the text was packed, without unpacking it.
"""

from __future__ import annotations

import re
from typing import Self

from pelican.contents import Content
from skaidra_model.packed_text import pack, unpack

PICTURE = "<img"  # what Pelican's check of pictures without alt text looks at (find_empty_alt)
# Pelican's links to other content and files, as INTRASITE_LINK_REGEX writes them by default
LINKS = re.compile(r"[{|](?:filename|static|attach|index|tag|category|author)[}|]")


class CachedHTML(str):
    """An item's HTML as Pelican's content cache holds it, packed. As a str it is empty, so that
    Pelican's reader leaves it alone; its article holds it packed (`_PackedWhileCached`).
    `pictures`: whether it shows any (whose alt text each build checks again); `links`: whether it
    holds any of Pelican's links."""

    packed: bytes
    pictures: bool
    links: bool

    def __new__(cls, packed: bytes, pictures: bool, links: bool) -> Self:
        text = super().__new__(cls, "")
        text.packed, text.pictures, text.links = packed, pictures, links
        return text

    @classmethod
    def of(cls, html: str) -> CachedHTML:
        return cls(pack(html), PICTURE in html, LINKS.search(html) is not None)


class _PackedWhileCached:
    """Pelican's `Content._content`: the HTML of an item read from the content cache stays packed in
    its article, and is unpacked, not kept, each time it is read. A rebuild renders few pages; the
    others' HTML (some 10 KB a post) is never needed whole."""

    def __get__(self, item, owner=None):
        if item is None:
            return self
        try:
            html = item.__dict__["_held_content"]
        except KeyError:
            raise AttributeError("_content") from None
        return unpack(html.packed) if isinstance(html, CachedHTML) else html

    def __set__(self, item, html) -> None:
        item.__dict__["_held_content"] = html


def may_link(item: Content) -> bool:
    """Whether an item's HTML may hold Pelican's links (`{filename}`, `{static}`…): told from its flag
    when it is held packed."""
    held = item.__dict__.get("_held_content")
    if isinstance(held, CachedHTML):
        return held.links
    return LINKS.search(item._content or "") is not None


_pelican_static_links = Content.get_static_links


def _static_links(item: Content) -> set[str]:
    """Pelican's `get_static_links`, which every build asks of every article: none, without unpacking
    the text, for a text that holds no link."""
    return _pelican_static_links(item) if may_link(item) else set()


def hold_packed() -> None:
    """Let Pelican's articles hold their HTML packed (`CachedHTML`)."""
    Content._content = _PackedWhileCached()
    Content.get_static_links = _static_links
