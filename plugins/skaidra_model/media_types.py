"""The media type of every kind of file the site publishes, in one table.

Feeds (enclosures, transcripts), the preview server and the `_headers` file
for static hosts all read it, so they never disagree.
"""

from __future__ import annotations

MEDIA_TYPES: dict[str, str] = {
    ".ics": "text/calendar",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".txt": "text/plain",
    ".html": "text/html",
    ".json": "application/json",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xml": "application/xml",
    ".yml": "text/yaml",  # the web editor's config.yml (Decap reads it by this type)
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".mp3": "audio/mpeg",
    # Apple's podcast RSS requirements name audio/x-m4a for .m4a enclosures;
    # browsers play it under that name too, so the site uses it everywhere.
    ".m4a": "audio/x-m4a",
    ".mp4": "audio/mp4",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/opus",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}

TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".txt", ".html")
IMAGE_SUFFIXES = tuple(suffix for suffix, kind in MEDIA_TYPES.items() if kind.startswith("image/"))
AUDIO_SUFFIXES = tuple(suffix for suffix, kind in MEDIA_TYPES.items() if kind.startswith("audio/"))
# Text types served with an explicit character set.
_TEXT = {".ics", ".vtt", ".srt", ".txt", ".html", ".csv", ".yml", ".js"}


def suffix_of(name: str) -> str:
    """The lower-case extension of a file name or URL path, with its dot; '' when none."""
    last = name.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    return "." + last.rsplit(".", 1)[-1].lower() if "." in last else ""


def media_type(name: str) -> str | None:
    """The media type of a file by its name, e.g. `audio/mpeg`; None for unknown types."""
    return MEDIA_TYPES.get(suffix_of(name))


def content_type(suffix: str) -> str:
    """The `Content-Type` a server sends for files with this suffix."""
    kind = MEDIA_TYPES[suffix]
    return f"{kind}; charset=utf-8" if suffix in _TEXT else kind
