"""Skaidra's own settings, the build clock, and loading the content model.

Reads: `SKAIDRA` (below), `DEFAULT_LANG`, `TIMEZONE`, `PATH`, `SITEURL`,
`PODCAST["allow_missing_transcript"]`; and the `SOURCE_DATE_EPOCH`
environment variable.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skaidra_model import ModelSettings, Site, load_site
from skaidra_model.history import read_history
from skaidra_model.html_policy import MarkdownRenderer

from .config import SkaidraSettings
from .plugins import declared
from .routes import RouteTable


def core_settings(settings: dict) -> dict[str, Any]:
    """The `SKAIDRA` settings over their defaults (checked by `config.settings_problems`)."""
    return SkaidraSettings.read(settings)


def route_table(settings: dict) -> RouteTable:
    """The addresses of this site: core's and the plugins' patterns, with the words of its languages."""
    core = core_settings(settings)
    patterns = {name: pattern for routes in declared(settings, "ROUTES") for name, pattern in routes.items()}
    return RouteTable(core["languages"], [*declared(settings, "WORDS"), core["words"]], patterns)


def build_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` as an integer, when it is set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_now() -> dt.datetime:
    """The build's "now": `SOURCE_DATE_EPOCH` when set, otherwise the clock."""
    epoch = build_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def model_settings(settings: dict) -> ModelSettings:
    """The part of the Pelican settings the content model reads."""
    core = core_settings(settings)
    podcast = settings.get("PODCAST") or {}
    languages = tuple(core["languages"])
    return ModelSettings(
        default_lang=languages[0],
        languages=languages,
        timezone=settings.get("TIMEZONE", "Europe/Vilnius"),
        identity_domain=core["identity_domain"],
        allow_missing_transcript=bool(podcast.get("allow_missing_transcript", False)),
        reserved_slugs=route_table(settings).reserved_slugs(),
        kinds=tuple(kind for kinds in declared(settings, "CONTENT_KINDS") for kind in kinds),
        left_out=frozenset(core["off"]),
    )


def load_model(settings: dict, shown: str | None = None) -> Site:
    """Load and validate the content folder named by `PATH`.

    With `CACHE_CONTENT` on, Markdown converted by an earlier build is kept in `CACHE_PATH`.
    """
    cache = Path(settings["CACHE_PATH"]) / "markdown.pickle" if settings.get("CACHE_CONTENT") else None
    content = Path(settings["PATH"])
    site = load_site(content, model_settings(settings), build_now(), shown, MarkdownRenderer(cache))
    return replace(site, history=read_history(content, site.project_sources)) if site.projects else site


def site_path(settings: dict) -> str:
    """The path part of SITEURL, without a trailing slash: '' or '/repo'."""
    return urlsplit(settings.get("SITEURL", "")).path.rstrip("/")


def grant_id(settings: dict, record) -> str:
    """The published identifier of a grant: prefix and the grant's stable key."""
    return f"{core_settings(settings)['grant_id_prefix']}-{record.key}"


def org_identifier(settings: dict, kind: str, entity) -> str:
    """An organisation identifier: `LT-RC-<code>` where the legal code is known."""
    return entity.identifier or f"{core_settings(settings)['grant_id_prefix']}-{kind}-{entity.id}"
