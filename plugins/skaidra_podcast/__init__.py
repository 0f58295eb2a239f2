"""Skaidra podcast: episode pages, the podcast index, chapters and the RSS feed."""

from .channel import SETTINGS  # noqa: F401
from .podcast import check, register  # noqa: F401
