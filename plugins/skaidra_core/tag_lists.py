"""Pelican's lists of each tag's (author's, category's) articles, made to say in constant time whether
they hold an article.

Pelican's tag pages pick, for each tag, the articles of the whole site that the tag's list holds
(`article in articles`, generators.py `generate_tags`, and so for authors and categories, even when
their pages are not written): with a plain list that is the site's articles times the tag's, for
every tag. The lists are the same lists, in the same order, otherwise.
"""

from __future__ import annotations

from typing import Any


class TagArticles(list):
    """A tag's articles. Pelican's articles have no equality of their own: holding one is holding
    that very object."""

    _ids: frozenset[int] = frozenset()
    _counted = -1  # the length the ids were taken at

    def __contains__(self, item: Any) -> bool:
        if self._counted != len(self):
            self._ids, self._counted = frozenset(map(id, self)), len(self)
        return id(item) in self._ids


def tag_lists(generator) -> None:
    """Once Pelican's articles generator has its tags, authors and categories, hand it (and the
    context) each one's list as TagArticles."""
    tags = getattr(generator, "tags", None)
    if tags:
        for tag, articles in list(tags.items()):
            tags[tag] = TagArticles(articles)
        if "tags" in generator.context:
            generator.context["tags"] = list(tags.items())
    for name in ("authors", "categories"):  # lists of (name, articles) pairs by now
        pairs = getattr(generator, name, None)
        if pairs:
            pairs[:] = [(key, TagArticles(articles)) for key, articles in pairs]
            if name in generator.context:
                generator.context[name] = pairs
