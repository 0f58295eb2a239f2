"""Skaidra events: event pages, listings, month views and .ics calendars."""

from .events import register  # noqa: F401
