"""Skaidra news: the news index, tags and archive in every language."""

from .news import register  # noqa: F401
