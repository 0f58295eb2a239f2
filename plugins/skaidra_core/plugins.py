"""The build's plugins, and what they declare at module level.

A capability's package may declare, beside `register()`:
`SETTINGS` (its settings models), `ROUTES` (address patterns), `WORDS`
(the words its patterns use, per language), `CONTENT_KINDS` (content it
reads from a folder) and `check()` (problems of its settings against the
content). Core collects them from here; nothing else lists capabilities.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def _add_plugin_paths(settings: dict) -> None:
    for folder in settings.get("PLUGIN_PATHS", []):
        if folder not in sys.path:
            sys.path.insert(0, folder)


def plugin_modules(settings: dict) -> list[ModuleType]:
    """The modules of the build's plugins, in the order of `PLUGINS`."""
    _add_plugin_paths(settings)
    return [importlib.import_module(name) for name in settings.get("PLUGINS") or []]


def unloadable_plugins(settings: dict) -> list[tuple[int, str, str]]:
    """(position, name, reason) for each name in `PLUGINS` that cannot be imported."""
    _add_plugin_paths(settings)
    found = []
    for i, name in enumerate(settings.get("PLUGINS") or []):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            found.append((i, name, str(exc)))
    return found


def declared(settings: dict, attribute: str) -> list:
    """Every plugin's module-level `attribute`, for those that have it."""
    return [
        getattr(module, attribute)
        for module in plugin_modules(settings)
        if hasattr(module, attribute)
    ]
