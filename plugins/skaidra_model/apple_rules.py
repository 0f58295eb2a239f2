"""Apple Podcasts' rules for a feed that content can break, checked at build time.

Artwork, checked on the file itself (not on its name): a JPEG or PNG (as the
file's own bytes say), in the RGB colour space (not CMYK, not greyscale),
square, 1400 to 3000 pixels a side; the channel's artwork and every episode's
`image` (the feed gives it as the episode's artwork). A description (the
channel's, an episode's summary) of at most 4 000 bytes. The loader checks
the rest: an enclosure's length equal to its file's bytes, and no recording
given to two episodes.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from .speech import say

FORMATS = {"JPEG": "JPEG", "PNG": "PNG"}
RGB_MODES = ("RGB", "RGBA", "P")  # P: a palette of RGB colours
SIDES = (1400, 3000)
DESCRIPTION_BYTES = 4000


def description_problem(text: str) -> str | None:
    """What is wrong with `text` as a description in the feed, or None."""
    size = len(text.encode("utf-8"))
    if size > DESCRIPTION_BYTES:
        return say(
            "is {size} bytes long; Apple Podcasts takes at most {limit}: shorten it",
            size=size,
            limit=DESCRIPTION_BYTES,
        )
    return None


def artwork_problem(media: Path, relative: str) -> str | None:
    """What is wrong with `content/media/<relative>` as podcast artwork, or None."""
    shown = f"content/media/{relative}"
    try:
        with Image.open(media / relative) as picture:
            kind, mode, (width, height) = picture.format, picture.mode, picture.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return say(
            "{path} is not a picture that can be read: the file is damaged or of another kind",
            path=shown,
        )
    if kind not in FORMATS:
        return say(
            "{path} is a {kind} file whatever its name says; podcast apps take JPEG or PNG",
            path=shown,
            kind=kind,
        )
    if mode not in RGB_MODES:
        return say(
            "{path} is in the {mode} colour space; podcast apps take RGB: save it as RGB",
            path=shown,
            mode=mode,
        )
    low, high = SIDES
    if width != height or not low <= width <= high:
        return say(
            "must be square, {low} to {high} pixels a side; {path} is {width}×{height}",
            low=low,
            high=high,
            path=shown,
            width=width,
            height=height,
        )
    return None
