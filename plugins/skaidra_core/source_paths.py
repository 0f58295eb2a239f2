"""Pelican's `Content.get_relative_source_path`, worked out once per item, without `os.path.relpath`.

Pelican works out where an item's file is in the content folder each time it is asked: when the item
is made, when it is recorded, when a page or a listing looks it up; at 5 000 posts 15 000 times, each
with `relpath` (which makes both paths absolute and compares them part by part), 0.1 s of every
build. Here an item's own path is worked out once, and a path under the content folder is cut from
its absolute form; any other path is Pelican's to work out.
"""

from __future__ import annotations

import functools
import os

from pelican.contents import Content
from pelican.utils import posixize_path

_pelicans = Content.get_relative_source_path
_KNOWN = "_skaidra_relative_source"  # (source path, relative path), in the item's own attributes


@functools.cache
def _root(path: str) -> str:
    return os.path.join(os.path.abspath(path), "")  # ending in a separator


def relative_source_path(content: Content, source_path: str | None = None) -> str | None:
    """`Content.get_relative_source_path`: the path of `source_path` (the item's own file if none) in
    the content folder."""
    if source_path:  # another file's (a link's target)
        return _relative(content, source_path)
    own = content.source_path
    known = content.__dict__.get(_KNOWN)
    if known is None or known[0] != own:
        known = (own, _relative(content, own) if own is not None else None)
        content.__dict__[_KNOWN] = known
    return known[1]


def _relative(content: Content, source_path: str) -> str | None:
    folder = content.settings["PATH"]
    root = _root(folder)
    full = os.path.abspath(os.path.join(folder, source_path))
    if full.startswith(root) and len(root) > 1:
        return posixize_path(full[len(root) :])
    return _pelicans(content, source_path)


def use_known_source_paths() -> None:
    """Have Pelican's items tell their paths in the content folder as above."""
    Content.get_relative_source_path = relative_source_path
