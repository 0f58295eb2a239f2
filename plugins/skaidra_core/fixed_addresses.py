"""Posts' and pages' addresses, worked out once.

Pelican works out a post's `url` and `save_as` from the settings every time one is read (contents.py
`get_url_setting`: a copy of its metadata and its relative path each time), and a build at 5 000
posts read them about 23 000 times. What they are made of (slug, language, date, status) is settled
once Pelican has made the post, but for one thing: a post dated in the future is made a draft just
after (Article.__init__, past the signal). So each post and page is fixed, as Pelican's own override
(as a `url` or `save_as` in front matter would be), as soon as it is made; a post dated from a day
before now on is fixed with those left once every generator has read its content.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from pelican.contents import Article, Page

CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")
UNSETTLED_SECONDS = 86_400  # a post dated later than a day before now may yet become a draft


def unsettled(date) -> bool:
    """Whether a post of this date may yet be made a draft by Pelican (dated from a day before now on)."""
    return date.timestamp() >= time.time() - UNSETTLED_SECONDS


def fix_when_made(content) -> None:
    """Pelican's `content_object_init`: fix a post's or page's address, unless it may yet change (or
    the reader fixed it already, reader.py)."""
    if hasattr(content, "override_url") and hasattr(content, "override_save_as"):
        return
    date = getattr(content, "date", None)
    if isinstance(content, Page) or (
        isinstance(content, Article) and date is not None and not unsettled(date)
    ):
        _fix(content)


def fix_addresses(context: dict) -> None:
    """Once every generator has read its content: fix the address of every post and page in
    `context`, and of their translations, not fixed yet."""
    for item in _every_item(context):
        if not (hasattr(item, "override_url") and hasattr(item, "override_save_as")):
            _fix(item)


def _fix(content) -> None:
    content.override_url = content.url
    content.override_save_as = content.save_as


def _every_item(context: dict) -> Iterable:
    for name in CONTENT_LISTS:
        for item in context.get(name, ()):
            yield item
            yield from item.translations
