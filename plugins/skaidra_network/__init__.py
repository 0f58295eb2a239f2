"""Skaidra network: an umbrella's portal of what its members published on their own sites."""

from .portal import register  # noqa: F401
