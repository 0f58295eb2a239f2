"""The Podcasting 2.0 tags beyond the basics, composed from the channel settings and the episodes.

Channel: `license`, `image` with `alt`, `txt` (Apple's ownership token),
`updateFrequency`, `trailer` (each trailer episode), `podroll`. Item:
`season` (with its name where site.yaml names it), `episode`, `license`,
`location`, `image` with `alt`, `alternateEnclosure` (the main file first,
marked default, then each other format). Spec: podcastindex.org/namespace/1.0.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import format_datetime
from pathlib import Path

from PIL import Image
from skaidra_model import Episode

from .feed import Tag


def license_tag(value: str | dict | None) -> Tag | None:
    """An SPDX identifier (lower case, as the spec's list writes them), or a name with its address."""
    if not value:
        return None
    if isinstance(value, str):
        return Tag("license", text=value.lower())
    if value.get("spdx"):
        return Tag("license", {"url": value.get("url")}, value["spdx"].lower())
    return Tag("license", {"url": value.get("url")}, value["name"])


def image_tag(href: str, alt: str, file: Path | None) -> Tag:
    """`podcast:image`, with the picture's size and type when it is a file of the site."""
    attributes = {"href": href, "alt": alt}
    if file is not None and file.suffix.lower() != ".svg":
        with Image.open(
            file
        ) as picture:  # the type the file's bytes say, which the artwork rule checked
            (width, height), kind = picture.size, picture.get_format_mimetype()
        attributes.update(
            {
                "width": str(width),
                "height": str(height),
                "aspect-ratio": f"{width}/{height}",
                "type": kind,
            }
        )
    return Tag("image", attributes)


def channel_tags(
    config: dict,
    episodes: list[Episode],
    media: Path,
    absolute: Callable[[str], str],
    audio_url: Callable[[Episode], str],
) -> list[Tag]:
    tags = [license_tag(config["license"])]
    if config["image"]:
        tags.append(
            image_tag(
                absolute(f"media/{config['image']}"),
                config["image_alt"] or config["title"],
                media / config["image"],
            )
        )
    if config["applepodcastsverify"]:
        tags.append(Tag("txt", {"purpose": "applepodcastsverify"}, config["applepodcastsverify"]))
    frequency = config["update_frequency"]
    if frequency:
        tags.append(
            Tag(
                "updateFrequency",
                {
                    "rrule": frequency["rule"],
                    "complete": "true" if frequency["complete"] else "false",
                },
                frequency["label"],
            )
        )
    for episode in episodes:
        if episode.meta.episode_type == "trailer":
            tags.append(Tag("trailer", {
                "pubdate": format_datetime(episode.published),
                "url": audio_url(episode),
                "length": str(episode.audio.length),
                "type": episode.audio.mime_type,
                "season": str(episode.meta.season) if episode.meta.season else None,
            }, episode.title))  # fmt: skip
    if config["podroll"]:
        remote = tuple(
            Tag("remoteItem", {"feedGuid": item["feed_guid"], "feedUrl": item.get("feed_url")})
            for item in config["podroll"]
        )
        tags.append(Tag("podroll", children=remote))
    return [tag for tag in tags if tag is not None]


def item_tags(
    episode: Episode, config: dict, media: Path, absolute: Callable[[str], str], audio_url: str
) -> list[Tag]:
    meta = episode.meta
    tags: list[Tag | None] = []
    if meta.season:
        tags.append(Tag("season", {"name": config["seasons"].get(meta.season)}, str(meta.season)))
    if meta.episode:
        tags.append(Tag("episode", text=str(meta.episode)))
    tags.append(license_tag(meta.license.model_dump() if meta.license else None))
    if meta.location:
        geo = f"geo:{meta.location.geo.lat},{meta.location.geo.lon}" if meta.location.geo else None
        tags.append(Tag("location", {"geo": geo}, meta.location.name))
    if meta.image:
        tags.append(
            image_tag(absolute(f"media/{meta.image}"), meta.image_alt or "", media / meta.image)
        )
    if episode.alternates:
        tags.append(alternate(episode.audio, audio_url, default=True))
        tags.extend(
            alternate(a, absolute(f"media/{a.media_path}"), default=False)
            for a in episode.alternates
        )
    return [tag for tag in tags if tag is not None]


def alternate(audio, url: str, default: bool) -> Tag:
    """One format of the recording: its type, size, bit rate and address."""
    attributes = {
        "type": audio.mime_type,
        "length": str(audio.length),
        "bitrate": str(audio.bitrate) if audio.bitrate else None,
        "default": "true" if default else None,
        "title": audio.mime_type.split("/")[1].upper().replace("MPEG", "MP3"),
    }
    return Tag("alternateEnclosure", attributes, children=(Tag("source", {"uri": url}),))
