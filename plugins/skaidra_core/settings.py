"""Skaidra's own settings, the build clock, and loading the content model.

Reads: `SKAIDRA` (below), `DEFAULT_LANG`, `TIMEZONE`, `PATH`, `SITEURL`,
`PODCAST["allow_missing_transcript"]`; and the `SOURCE_DATE_EPOCH` and `SITEURL`
environment variables.
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
from skaidra_model.shared_work import cores, usable
from skaidra_model.source_files import keep_remembered_files, remember_files_in

from .config import SkaidraSettings
from .plugins import declared
from .routes import RouteTable

FILES_CACHE = "files"  # the content files an earlier build read, parsed (source_files.py)
MARKDOWN_CACHE = "markdown.pickle"  # the Markdown it converted (html_policy.py)
TEMPLATES_CACHE = "templates"  # the templates it compiled (template_cache.py)


def core_settings(settings: dict) -> dict[str, Any]:
    """The `SKAIDRA` settings over their defaults (checked by `config.settings_problems`)."""
    return SkaidraSettings.read(settings)


def route_table(settings: dict) -> RouteTable:
    """The addresses of this site: core's and the plugins' patterns, with the words of its languages."""
    core = core_settings(settings)
    patterns = {
        name: pattern for routes in declared(settings, "ROUTES") for name, pattern in routes.items()
    }
    return RouteTable(core["languages"], [*declared(settings, "WORDS"), core["words"]], patterns)


def build_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` as an integer, when it is set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_now() -> dt.datetime:
    """The build's "now": `SOURCE_DATE_EPOCH` when set, otherwise the clock."""
    epoch = build_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def model_settings(settings: dict) -> ModelSettings:
    """The part of the Pelican settings the content model reads."""
    core = core_settings(settings)
    podcast = settings.get("PODCAST") or {}
    languages = tuple(core["languages"])
    return ModelSettings(
        default_lang=languages[0],
        languages=languages,
        timezone=settings.get("TIMEZONE", "Europe/Vilnius"),
        identity_domain=identity_domain(settings),
        allow_missing_transcript=bool(podcast.get("allow_missing_transcript", False)),
        reserved_slugs=route_table(settings).reserved_slugs(),
        kinds=tuple(kind for kinds in declared(settings, "CONTENT_KINDS") for kind in kinds),
        left_out=frozenset(core["off"]),
    )


def build_processes(settings: dict) -> int:
    """The processes a build converts and renders in: `SKAIDRA["processes"]`, or one per core (one
    where the system cannot fork)."""
    return usable(core_settings(settings)["processes"] or cores())


def load_model(settings: dict, shown: str | None = None) -> Site:
    """Load and validate the content folder named by `PATH`.

    With `CACHE_CONTENT` on, the files read and the Markdown converted by an earlier build are kept in
    `CACHE_PATH` (`save_model_caches` keeps this build's).
    """
    cache = Path(settings["CACHE_PATH"]) if settings.get("CACHE_CONTENT") else None
    remember_files_in(cache / FILES_CACHE if cache else None)
    content = Path(settings["PATH"])
    markdown = MarkdownRenderer(
        cache / MARKDOWN_CACHE if cache else None, build_processes(settings)
    )
    site = load_site(content, model_settings(settings), build_now(), shown, markdown)
    return (
        replace(site, history=read_history(content, site.project_sources))
        if site.projects
        else site
    )


def save_model_caches(site: Site) -> None:
    """After a build: keep what it read and converted for the next (with `CACHE_CONTENT` on)."""
    keep_remembered_files()
    site.markdown.save()


def site_path(settings: dict) -> str:
    """The path part of SITEURL, without a trailing slash: '' or '/repo'."""
    return urlsplit(settings.get("SITEURL", "")).path.rstrip("/")


ADDRESS_KEY = "SKAIDRA_ADDRESS"  # site.yaml's `url`, when it gives one
PRODUCTION_KEY = "SKAIDRA_PRODUCTION"  # true in a `publish`
UNPUBLISHED = (
    "unpublished"  # the grant prefix of a site with no address and no register identifier yet
)


def site_address(settings: dict) -> str:
    """The address the site is published at: `SITEURL` from the environment, else site.yaml's `url`, else
    (in a publish) the settings' `SITEURL`; '' when none is known."""
    candidates = (os.environ.get("SITEURL", ""), settings.get(ADDRESS_KEY) or "",
                  settings.get("SITEURL", "") if settings.get(PRODUCTION_KEY) else "")  # fmt: skip
    return next((c.rstrip("/") for c in candidates if urlsplit(c).hostname), "")


def site_host(settings: dict) -> str:
    """The host of the site's address, unless it is this computer's own (a preview is no publication)."""
    host = urlsplit(site_address(settings)).hostname or ""
    return "" if host == "localhost" or host.startswith("127.") else host


def identity_domain(settings: dict) -> str:
    """The domain of new calendar UIDs and episode guids: `identity_domain`, else the host of the site's
    address; '' while neither is known (identities are then provisional and not recorded)."""
    return core_settings(settings)["identity_domain"] or site_host(settings)


def grant_id_prefix(settings: dict, site: Site) -> str:
    """`grant_id_prefix`, else the register identifier of the publisher (or of the site's only organisation
    with a registration code), else the host of the site's address."""
    core = core_settings(settings)
    codes = {o.registration_code for o in site.organisations.values() if o.registration_code}
    code = core["publisher"]["registration_code"] or (codes.pop() if len(codes) == 1 else "")
    register = f"LT-RC-{code}" if code else ""
    return core["grant_id_prefix"] or register or site_host(settings) or UNPUBLISHED


def grant_id(prefix: str, record) -> str:
    """The published identifier of a grant: the site's prefix (`grant_id_prefix`, found once per build)
    and the grant's stable key."""
    return f"{prefix}-{record.key}"


def org_identifier(prefix: str, kind: str, entity) -> str:
    """An organisation identifier: `LT-RC-<code>` where the legal code is known, else one made from the
    site's prefix."""
    return entity.identifier or f"{prefix}-{kind}-{entity.id}"
