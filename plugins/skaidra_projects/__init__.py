"""Skaidra projects: a page per project, and the project index."""

from .projects import register  # noqa: F401
