"""Skaidra core: content model in the build, YAML reader, safe translated templates."""

from .checks import check  # noqa: F401
from .config import SkaidraSettings
from .core import register  # noqa: F401

SETTINGS = (SkaidraSettings,)
