"""`{static}` and `{filename}` links in Markdown that Skaidra renders itself.

Pelican resolves these in posts and pages; events, episodes and project
descriptions go through this resolver instead, so editors write links the
same way everywhere. The content model has already checked that each
target exists.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

_LINK = re.compile(
    r'(?P<attr>\b(?:href|src)=")\{(?P<kind>static|filename|attach)\}(?P<target>[^"#?]*)(?P<rest>[^"]*)"'
)


def resolve(html: str, source: str, url_of: Callable[[str], str | None], base: str) -> str:
    """Rewrite `{static}`/`{filename}` links in `html` written in file `source`.

    `url_of` maps a content path (`media/a.pdf`, `posts/b.md`) to a site path;
    `base` is prefixed: SITE_PATH for pages, SITEURL for feeds.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        if target.startswith("/"):
            path = posixpath.normpath(target.lstrip("/"))
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        site_path = url_of(path)
        if site_path is None:
            return match.group(0)
        return f'{match.group("attr")}{base}/{site_path}{match.group("rest")}"'

    return _LINK.sub(replace, html)
