"""Skaidra discovery: sitemap, robots.txt, header file, the 404 and search pages."""

from .discovery import register  # noqa: F401
