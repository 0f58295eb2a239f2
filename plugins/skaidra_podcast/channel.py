"""The podcast's channel settings (`PODCAST`), with their defaults and their checks."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import imagesize

from skaidra_core.settings import core_settings, namespaced
from skaidra_model import Problem, Site
from skaidra_model.fields import MediaPathError, resolve_media

PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

DEFAULTS = {
    # Channel title and description; the title defaults to SITENAME.
    "title": "",
    "description": "",
    # Shown as the artist; defaults to the publisher's name.
    "author": "",
    # Who apps and directories contact; default to the publisher's name and e-mail.
    "owner_name": "",
    "owner_email": "",
    # Artwork under content/media: a square JPEG or PNG of 1400 to 3000 pixels.
    "image": "",
    # Apple Podcasts categories: [category] or [category, subcategory].
    "categories": [["Society & Culture"]],
    "explicit": False,
    # "episodic" (newest first) or "serial" (in order).
    "type": "episodic",
    # podcast:locked: "yes" tells other platforms not to import the feed.
    "locked": True,
    # podcast:guid; empty means a UUIDv5 of the feed address, as the namespace says.
    "guid": "",
    "copyright": "",
    # Directory links on the podcast page: [{"name": "...", "url": "..."}].
    "directories": [],
    # A missing transcript is an error unless this is True (then a warning).
    "allow_missing_transcript": False,
}

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

IMAGE_SIDES = (1400, 3000)


def channel(settings: dict) -> dict:
    """The merged `PODCAST` settings with their defaults filled in from the site."""
    merged = namespaced(settings, "PODCAST", DEFAULTS)
    publisher = core_settings(settings)["publisher"]
    merged["title"] = merged["title"] or settings["SITENAME"]
    merged["author"] = merged["author"] or publisher.get("name") or settings["SITENAME"]
    merged["owner_name"] = merged["owner_name"] or publisher.get("name") or settings["SITENAME"]
    merged["owner_email"] = merged["owner_email"] or publisher.get("email", "")
    return merged


def feed_guid(settings: dict, feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed address without its scheme."""
    explicit = channel(settings)["guid"]
    return explicit or str(uuid.uuid5(PODCAST_NAMESPACE, re.sub(r"^[a-z]+://", "", feed_url).rstrip("/")))


def _line_of(settings_file: Path, key: str) -> int:
    """The line of `"key"` inside the PODCAST block of the settings file, or 1."""
    try:
        lines = settings_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    inside = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("PODCAST"):
            inside = True
        if inside and f'"{key}"' in line:
            return number
    return 1


def check_channel(settings: dict, site: Site, settings_file: Path, shown: str) -> list[Problem]:
    """Problems with the channel settings, when the site has episodes."""
    if not site.episodes:
        return []
    config = channel(settings)
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(shown, _line_of(settings_file, key), f"PODCAST.{key}", message))

    media = Path(settings["PATH"]) / "media"
    if not config["image"]:
        problem("image", "is required: podcast apps show a square JPEG or PNG artwork of 1400 to 3000 pixels")
    else:
        try:
            relative = resolve_media(config["image"], media)
        except MediaPathError as exc:
            problem("image", str(exc))
        else:
            if not relative.lower().endswith((".jpg", ".jpeg", ".png")):
                problem("image", f"must be a JPEG or PNG file, got {relative!r}")
            else:
                width, height = imagesize.get(media / relative)
                low, high = IMAGE_SIDES
                if width != height or not low <= width <= high:
                    problem("image", f"must be square, {low} to {high} pixels a side; content/media/{relative} is {width}×{height}")
    if not config["owner_email"]:
        problem("owner_email", "is required: directories write to the owner (set it here or in SKAIDRA['publisher'])")
    if config["type"] not in ("episodic", "serial"):
        problem("type", f"must be 'episodic' or 'serial', got {config['type']!r}")
    for entry in config["categories"]:
        names = list(entry) if isinstance(entry, (list, tuple)) else [entry]
        top, sub = names[0], names[1] if len(names) > 1 else None
        if top not in APPLE_CATEGORIES or (sub is not None and sub not in APPLE_CATEGORIES[top]):
            problem("categories", f"{' / '.join(names)!r} is not an Apple Podcasts category")
    return problems
