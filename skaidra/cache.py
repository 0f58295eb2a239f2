"""Caches that make a rebuild after a small edit fast, and are never stale.

Pelican's content cache is keyed on file times only, so a change to the
settings, to Skaidra's plugins or to the Markdown libraries would be served
from an old cache. Every cache lives in a folder named after a fingerprint of
all of those, so a change simply starts a new cache; the folders of older
fingerprints are removed but the last one used before (`prune`), so that
caches do not pile up with every edit of the settings or upgrade (some 45 MB
each at 5 000 posts), and going back to the settings before finds theirs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from importlib.metadata import version
from pathlib import Path

from . import __version__

LIBRARIES = ("pelican", "markdown", "nh3", "pydantic", "jinja2")
CONTENT_CACHE = ".skaidra-cache/content"  # the devserver's, beside the output folder
FINGERPRINT = re.compile(r"[0-9a-f]{16}")  # the name of a cache folder (`fingerprint`)
KEPT_BEFORE = 1  # folders of other fingerprints kept, the most recently used


def fingerprint(settings_file: Path, plugins: list[str]) -> str:
    """A short hash of what decides how content is read and rendered."""
    digest = hashlib.sha256()
    folder = settings_file.resolve().parent
    for source in sorted(folder.glob("*conf.py")):
        digest.update(source.read_bytes())
    for plugin_folder in plugins:
        for source in sorted(Path(plugin_folder).rglob("*.py")):
            digest.update(source.read_bytes())
    for library in LIBRARIES:
        digest.update(version(library).encode())
    digest.update(__version__.encode())  # an upgraded generator starts a new cache
    return digest.hexdigest()[:16]


def configure_cache(settings: dict, settings_file: Path) -> Path | None:
    """Point Pelican's cache at a fingerprinted folder; return it (None when caching is off)."""
    if not settings.get("CACHE_CONTENT"):
        return None
    folder = Path(settings["CACHE_PATH"]) / fingerprint(
        settings_file, settings.get("PLUGIN_PATHS", [])
    )
    settings["CACHE_PATH"] = str(folder)
    settings["GZIP_CACHE"] = (
        False  # a cache stays on this machine: writing and reading it plainly is faster
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # used now
        prune(folder)
    except OSError:  # a folder the build cannot write to: it builds without taking from a cache
        pass
    return folder


def prune(folder: Path) -> None:
    """Remove the cache folders beside `folder` of other fingerprints, but the most recently used;
    nothing else there is touched."""
    others = []
    for entry in os.scandir(folder.parent):
        if (
            entry.name != folder.name
            and FINGERPRINT.fullmatch(entry.name)
            and entry.is_dir(follow_symlinks=False)
        ):
            others.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    for _used, path in sorted(others, reverse=True)[KEPT_BEFORE:]:
        shutil.rmtree(path, ignore_errors=True)
