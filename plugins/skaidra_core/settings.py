"""Skaidra's own settings, the build clock, and the content model in the settings.

Reads: `SKAIDRA` (below), `DEFAULT_LANG`, `TIMEZONE`, `PATH`, `SITEURL`,
`PODCAST["allow_missing_transcript"]`; and the `SOURCE_DATE_EPOCH`
environment variable.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skaidra_model import ModelSettings, Site, load_site
from skaidra_model.html_policy import MarkdownRenderer

from .routes import reserved_slugs

logger = logging.getLogger(__name__)

MODEL_KEY = "SKAIDRA_MODEL"
RENDERER_KEY = "SKAIDRA_RENDERER"

DEFAULTS: dict[str, Any] = {
    # Languages of the site; the first is DEFAULT_LANG.
    "languages": ["lt", "en"],
    # Domain used in calendar UIDs and episode guids; never change it once published.
    "identity_domain": "skaidra.example",
    # Prefix of grant identifiers in open data (your 360Giving prefix, if you have one).
    "grant_id_prefix": "360G-skaidra",
    # Licence of the open data files, with the licence's canonical address.
    "data_licence": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    # Who publishes the site: shown in the footer and used as feed owner.
    "publisher": {"name": "", "email": "", "address": "", "url": ""},
    # Image under content/media for link previews (Open Graph), ideally 1200×630.
    "social_image": "",
    # Short line under the site name, per language.
    "tagline": {"lt": "NVO projektų skaidrumas", "en": "Transparency of NGO projects"},
    # Slugs of the pages linked from every footer (in content/pages).
    "footer_pages": {"accessibility": "prieinamumas", "privacy": "privatumas"},
    # Build the site search (Pagefind); turn off for sites too large for its memory.
    "search": True,
    # Old addresses of renamed pages and where they went: {"naujienos/senas/": "naujienos/naujas/"}.
    "redirects": {},
    # How many projects and news posts the home page shows.
    "home_projects": 6,
    "home_posts": 5,
}


def namespaced(settings: dict, name: str, defaults: dict[str, Any]) -> dict[str, Any]:
    """Lay a plugin's settings dict over its defaults; warn about unknown keys."""
    user = settings.get(name) or {}
    for key in user:
        if key not in defaults:
            logger.warning("%s: unknown key %r (known: %s)", name, key, ", ".join(defaults))
    return {**defaults, **user}


def core_settings(settings: dict) -> dict[str, Any]:
    """The merged `SKAIDRA` settings."""
    return namespaced(settings, "SKAIDRA", DEFAULTS)


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
        default_lang=settings.get("DEFAULT_LANG", languages[0]),
        languages=languages,
        timezone=settings.get("TIMEZONE", "Europe/Vilnius"),
        identity_domain=core["identity_domain"],
        allow_missing_transcript=bool(podcast.get("allow_missing_transcript", False)),
        reserved_slugs=reserved_slugs(),
    )


def load_model(settings: dict, shown: str | None = None) -> Site:
    """Load and validate the content folder named by `PATH`.

    With `CACHE_CONTENT` on, Markdown converted by an earlier build is kept in `CACHE_PATH`.
    """
    cache = Path(settings["CACHE_PATH"]) / "markdown.pickle" if settings.get("CACHE_CONTENT") else None
    return load_site(Path(settings["PATH"]), model_settings(settings), build_now(), shown, MarkdownRenderer(cache))


def model_of(settings: dict) -> Site:
    """The content model loaded for this build."""
    return settings[MODEL_KEY]


def renderer_of(settings: dict):
    """The one Markdown renderer of this build (shared with the model's validation)."""
    from .markup import Renderer

    if RENDERER_KEY not in settings:
        settings[RENDERER_KEY] = Renderer(model_of(settings).markdown)
    return settings[RENDERER_KEY]


def site_path(settings: dict) -> str:
    """The path part of SITEURL, without a trailing slash: '' or '/repo'."""
    return urlsplit(settings.get("SITEURL", "")).path.rstrip("/")


def grant_id(settings: dict, record) -> str:
    """The published identifier of a grant: prefix and the grant's stable key."""
    return f"{core_settings(settings)['grant_id_prefix']}-{record.key}"


def org_identifier(settings: dict, kind: str, entity) -> str:
    """An organisation identifier: `LT-RC-<code>` where the legal code is known."""
    return entity.identifier or f"{core_settings(settings)['grant_id_prefix']}-{kind}-{entity.id}"
