"""Posts' and pages' addresses, worked out once.

Pelican works out a post's `url` and `save_as` from the settings every time one is read (contents.py
`get_url_setting`: a copy of its metadata and its relative path each time), and a build at 5 000
posts read them about 23 000 times. Once every generator has read its content they no longer
change, so each is fixed as Pelican's own override, as a `url` or `save_as` in front matter would
be. (Not as soon as a post is made: Pelican makes a post with a future date a draft after that.)
"""

from __future__ import annotations

from collections.abc import Iterable

CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def fix_addresses(context: dict) -> None:
    """Fix the address and file of every post and page in `context`, and of their translations."""
    for item in _every_item(context):
        item.override_url = item.url
        item.override_save_as = item.save_as


def _every_item(context: dict) -> Iterable:
    for name in CONTENT_LISTS:
        for item in context.get(name, ()):
            yield item
            yield from item.translations
