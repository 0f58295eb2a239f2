"""Skaidra podcast: episode pages, the podcast index, chapters and the RSS feed."""

from .podcast import check, register  # noqa: F401
