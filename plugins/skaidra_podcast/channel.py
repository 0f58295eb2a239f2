"""The podcast's channel settings (`PODCAST`), with their defaults and their checks."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StrictBool
from skaidra_core.config import Namespace, settings_line
from skaidra_core.settings import core_settings
from skaidra_core.site_settings import origin_of
from skaidra_model import Problem, Site
from skaidra_model.apple_rules import SIDES, artwork_problem, description_problem
from skaidra_model.fields import MediaPathError, PlainString, Text, resolve_media
from skaidra_model.identities import PODCAST_NAMESPACE
from skaidra_model.site_file import Directory, RemoteFeed, UpdateFrequency
from skaidra_model.speech import say


class PodcastSettings(Namespace):
    """`PODCAST`: the podcast channel."""

    namespace: ClassVar[str] = "PODCAST"

    title: PlainString = Field(
        default="", description="the podcast's title; empty means `SITENAME`"
    )
    description: PlainString = Field(default="", description="what the podcast is about")
    author: PlainString = Field(
        default="", description="shown as the podcast's artist; empty means the publisher's name"
    )
    owner_name: PlainString = Field(
        default="", description="whom directories contact; empty means the publisher's name"
    )
    owner_email: PlainString = Field(
        default="",
        description="required when there are episodes; empty means the publisher's e-mail",
    )
    image: PlainString = Field(
        default="",
        description="artwork under `content/media`: a square JPEG or PNG, 1400 to 3000 px (checked)",
    )
    categories: list[Annotated[list[Text], Field(min_length=1, max_length=2)]] = Field(
        default=[["Society & Culture"]],
        description="Apple Podcasts categories, `[category]` or `[category, subcategory]` (checked)",
    )
    explicit: StrictBool = Field(
        default=False, description="written as `itunes:explicit` `true`/`false`"
    )
    type: Literal["episodic", "serial"] = Field(
        default="episodic", description="`episodic` (newest first) or `serial`"
    )
    locked: StrictBool = Field(
        default=True, description="`podcast:locked`: other platforms may not import the feed"
    )
    guid: PlainString = Field(
        default="", description="`podcast:guid`; empty means the UUIDv5 of the feed address"
    )
    copyright: PlainString = Field(default="", description="the feed's copyright line")
    license: PlainString | Directory = Field(
        default="", description="the podcast's licence: an SPDX identifier or `{name, url}`"
    )
    directories: list[Directory] = Field(
        default=[], description="links on the podcast page: `[{name, url}]`"
    )
    image_alt: PlainString = Field(
        default="",
        description="what the artwork shows (`podcast:image` `alt`); empty means the title",
    )
    seasons: dict[Annotated[int, Field(ge=1)], Text] = Field(
        default={}, description="season names by number (`podcast:season` `name`)"
    )
    update_frequency: UpdateFrequency | None = Field(
        default=None,
        description="`podcast:updateFrequency`: `{rule, label, complete}`, rule an RRULE such as `FREQ=MONTHLY`",
    )
    applepodcastsverify: PlainString = Field(
        default="", description="Apple Podcasts' ownership token, as `podcast:txt`"
    )
    podroll: list[RemoteFeed] = Field(
        default=[],
        description="podcasts recommended (`podcast:podroll`): `[{feed_guid, feed_url}]`",
    )
    allow_missing_transcript: StrictBool = Field(
        default=False, description="make a missing transcript a warning instead of an error"
    )


SETTINGS = (PodcastSettings,)

APPLE_CATEGORIES: dict[str, set[str]] = {
    "Arts": {"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"},
    "Business": {"Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"},
    "Comedy": {"Comedy Interviews", "Improv", "Stand-Up"},
    "Education": {"Courses", "How To", "Language Learning", "Self-Improvement"},
    "Fiction": {"Comedy Fiction", "Drama", "Science Fiction"},
    "Government": set(),
    "History": set(),
    "Health & Fitness": {"Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"},
    "Kids & Family": {"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"},
    "Leisure": {"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"},
    "Music": {"Music Commentary", "Music History", "Music Interviews"},
    "News": {"Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"},
    "Religion & Spirituality": {"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"},
    "Science": {"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"},
    "Society & Culture": {"Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"},
    "Sports": {"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"},
    "Technology": set(),
    "True Crime": set(),
    "TV & Film": {"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"},
}  # fmt: skip


def channel(settings: dict) -> dict:
    """The merged `PODCAST` settings with their defaults filled in from the site."""
    merged = PodcastSettings.read(settings)
    publisher = core_settings(settings)["publisher"]
    merged["title"] = merged["title"] or settings["SITENAME"]
    merged["author"] = merged["author"] or publisher.get("name") or settings["SITENAME"]
    merged["owner_name"] = merged["owner_name"] or publisher.get("name") or settings["SITENAME"]
    merged["owner_email"] = merged["owner_email"] or publisher.get("email", "")
    return merged


def feed_guid(settings: dict, feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed address without its scheme."""
    explicit = channel(settings)["guid"]
    return explicit or str(
        uuid.uuid5(PODCAST_NAMESPACE, re.sub(r"^[a-z]+://", "", feed_url).rstrip("/"))
    )


def check_channel(settings: dict, site: Site, settings_file: Path, shown: str) -> list[Problem]:
    """Problems with the channel settings, when the site has episodes."""
    if not site.episodes:
        return []
    config = channel(settings)
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        origin = origin_of(settings, "PODCAST", key)
        if origin is not None:  # set in site.yaml: say so there
            problems.append(Problem(origin[0], origin[1], origin[2], message))
        else:
            problems.append(
                Problem(
                    shown,
                    settings_line(settings_file, "PODCAST", (key,)),
                    f"PODCAST.{key}",
                    message,
                )
            )

    media = Path(settings["PATH"]) / "media"
    if not config["image"]:
        problem(
            "image",
            say(
                "is required: podcast apps show a square JPEG or PNG artwork of {low} to {high} pixels",
                low=SIDES[0],
                high=SIDES[1],
            ),
        )
    else:
        try:
            relative = resolve_media(config["image"], media)
        except MediaPathError as exc:
            problem("image", str(exc))
        else:
            trouble = artwork_problem(media, relative)
            if trouble:
                problem("image", trouble)
    trouble = description_problem(config["description"])
    if trouble:
        problem("description", trouble)
    if not config["owner_email"]:
        problem(
            "owner_email",
            say(
                "is required: directories write to the owner (set it here or in SKAIDRA['publisher'])"
            ),
        )
    for entry in config["categories"]:
        top, sub = entry[0], entry[1] if len(entry) > 1 else None
        if top not in APPLE_CATEGORIES or (sub is not None and sub not in APPLE_CATEGORIES[top]):
            problem(
                "categories",
                say("{category!r} is not an Apple Podcasts category", category=" / ".join(entry)),
            )
    return problems
