"""Skaidra funding: the funding disclosure page with charts drawn at build time."""

from .funding import register  # noqa: F401
