"""Where an umbrella keeps what its members published, and how a copy is judged good (contract, section 10).

`content/.skaidra/members/<id>/` holds the last good copy of each of the
member's files and `state.json`: for each file when it was last fetched and
found good, and the `ETag` and `Last-Modified` it came with (for conditional
requests). Builds read only these copies, so they need no network and stay
reproducible; `skaidra gather` refreshes them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import feedparser
import icalendar
from skaidra_model.speech import say

COPIES = Path(".skaidra") / "members"
STATE = "state.json"
FILES = ("data/projects.json", "data/360giving.json", "calendar.ics", "feeds/all.atom.xml")
SIZE_LIMIT = 20 * 1024 * 1024  # bytes: a larger file is refused


def folder_of(content: Path, member_id: str) -> Path:
    return content / COPIES / member_id


def read_state(content: Path, member_id: str) -> dict[str, dict[str, str]]:
    """What is known of each file of a member's copy (empty when never gathered or unreadable)."""
    try:
        state = json.loads((folder_of(content, member_id) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def problem_with(relative: str, data: bytes) -> str | None:
    """Why `data` is not a good copy of the endpoint `relative`, or None."""
    if len(data) > SIZE_LIMIT:
        return say("is over the limit of {limit} bytes", limit=SIZE_LIMIT)
    if relative.endswith(".json"):
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            return say("is not JSON: {reason}", reason=exc)
        key = "projects" if relative == "data/projects.json" else "grants"
        records = document.get(key) if isinstance(document, dict) else None
        if not isinstance(
            records, list
        ):  # each record is judged when read (members.py), the rest used
            return say("has no list of {key}", key=key)
        return None
    if relative.endswith(".ics"):
        try:
            calendar = icalendar.Calendar.from_ical(data)
        except ValueError as exc:
            return say("is not an iCalendar file: {reason}", reason=exc)
        return (
            None
            if calendar.name == "VCALENDAR"
            else say("is not an iCalendar file: {reason}", reason=calendar.name)
        )
    parsed = read_feed(data)
    if parsed is None:
        return say("is not an Atom feed: {reason}", reason=say("its encoding cannot be read"))
    version = parsed.get("version") or ""  # absent from what feedparser makes of an empty body
    if parsed.get("bozo") or not version.startswith("atom"):
        return say(
            "is not an Atom feed: {reason}",
            reason=parsed.get("bozo_exception") or version or say("it is empty"),
        )
    return None


def read_feed(data: bytes) -> feedparser.FeedParserDict | None:
    """feedparser's reading of a member's feed, or None where feedparser itself fails on the bytes.

    It is handed a stream: given bytes, feedparser first tries them as a file name or URL. And it raises
    on some malformed encoding declarations (a stray byte in `encoding="…"`) instead of flagging them."""
    try:
        return feedparser.parse(io.BytesIO(data))
    except (ValueError, LookupError, TypeError):
        return None
