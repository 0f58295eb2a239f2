"""Lay `content/site.yaml` over the settings of `pelicanconf.py` (contract, section 9).

Each value the file sets is remembered with its line, so that a later check
of it (the podcast artwork's size, say) names `site.yaml` and its line,
not the settings file.
"""

from __future__ import annotations

import os

from skaidra_model.site_file import SITE_FILE, SiteFile

from .settings import ADDRESS_KEY

ORIGINS_KEY = (
    "SKAIDRA_SITE_FILE_ORIGINS"  # (namespace, key) -> (file, line, field) of values site.yaml set
)


def apply_site_file(
    settings: dict, site_file: SiteFile, lines, shown_content: str, production: bool
) -> None:
    """Write what `site_file` sets into `settings`; `lines(loc)` gives the line of a key."""
    where = f"{shown_content}/{SITE_FILE}"
    origins: dict[tuple[str, str], tuple[str, int, str]] = {}
    skaidra = dict(settings.get("SKAIDRA") or {})
    podcast = dict(settings.get("PODCAST") or {})

    def put(target: dict, namespace: str, key: str, value, loc: tuple) -> None:
        if value is not None:
            target[key] = value
            origins[(namespace, key)] = (where, lines(loc), ".".join(str(p) for p in loc))

    settings["SITENAME"] = site_file.title
    if site_file.timezone:
        settings["TIMEZONE"] = site_file.timezone
    settings[ADDRESS_KEY] = site_file.url or ""
    if site_file.url and production and not os.environ.get("SITEURL"):
        settings["SITEURL"] = settings["FEED_DOMAIN"] = site_file.url.rstrip("/")
    put(skaidra, "SKAIDRA", "languages", site_file.languages, ("languages",))
    put(skaidra, "SKAIDRA", "tagline", site_file.tagline, ("tagline",))
    for key in ("identity_domain", "grant_id_prefix", "social_image", "logo"):
        put(skaidra, "SKAIDRA", key, getattr(site_file, key), (key,))
    if site_file.members is not None:
        put(
            skaidra,
            "SKAIDRA",
            "members",
            [m.model_dump(exclude_none=True) for m in site_file.members],
            ("members",),
        )
    if site_file.editor is not None:
        put(skaidra, "SKAIDRA", "editor", site_file.editor.model_dump(), ("editor",))
    if site_file.data_licence:
        put(
            skaidra,
            "SKAIDRA",
            "data_licence",
            site_file.data_licence.model_dump(),
            ("data_licence",),
        )
    if site_file.publisher:
        given = {k: v for k, v in site_file.publisher.model_dump().items() if v is not None}
        put(
            skaidra,
            "SKAIDRA",
            "publisher",
            {**(skaidra.get("publisher") or {}), **given},
            ("publisher",),
        )
    channel = site_file.podcast
    if channel is not None:
        for key in (
            "title",
            "description",
            "author",
            "image",
            "categories",
            "explicit",
            "type",
            "locked",
            "copyright",
        ):
            put(podcast, "PODCAST", key, getattr(channel, key), ("podcast", key))
        if channel.license is not None:
            licence = (
                channel.license
                if isinstance(channel.license, str)
                else channel.license.model_dump()
            )
            put(podcast, "PODCAST", "license", licence, ("podcast", "license"))
        for key in ("directories", "podroll"):
            if getattr(channel, key) is not None:
                put(
                    podcast,
                    "PODCAST",
                    key,
                    [d.model_dump(exclude_none=True) for d in getattr(channel, key)],
                    ("podcast", key),
                )
        for key in ("image_alt", "seasons", "applepodcastsverify"):
            put(podcast, "PODCAST", key, getattr(channel, key), ("podcast", key))
        if channel.update_frequency is not None:
            put(
                podcast,
                "PODCAST",
                "update_frequency",
                channel.update_frequency.model_dump(),
                ("podcast", "update_frequency"),
            )
        if channel.owner is not None:
            put(podcast, "PODCAST", "owner_name", channel.owner.name, ("podcast", "owner", "name"))
            put(
                podcast,
                "PODCAST",
                "owner_email",
                channel.owner.email,
                ("podcast", "owner", "email"),
            )
    settings["SKAIDRA"] = skaidra
    settings["PODCAST"] = podcast
    settings[ORIGINS_KEY] = origins


def origin_of(settings: dict, namespace: str, key: str) -> tuple[str, int, str] | None:
    """Where `site.yaml` set a value, if it did: (file, line, field)."""
    return (settings.get(ORIGINS_KEY) or {}).get((namespace, key))
