"""Skaidra funding: the funding disclosure page, its totals compared by bars drawn at build time."""

from .funding import register  # noqa: F401
