"""Skaidra core: content model in the build, YAML reader, safe translated templates."""

from .core import register  # noqa: F401
