"""Skaidra open data: projects.json, grants.csv and a 360Giving package."""

from .open_data import register  # noqa: F401
