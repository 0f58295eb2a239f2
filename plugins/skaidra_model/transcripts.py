"""Episode transcripts: WebVTT and SubRip cues, plain text, or HTML."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from .html_policy import html_problems
from .media_types import MEDIA_TYPES
from .source_files import SourceError, read_text, recall
from .speech import say


@dataclass(frozen=True)
class Cue:
    """One timed piece of a transcript."""

    start: int
    text: str
    voice: str | None
    end: float  # seconds, to the millisecond: where the next cue may start


@dataclass(frozen=True)
class Transcript:
    """A transcript file, read: timed cues, or text, or HTML."""

    media_path: str
    mime_type: str
    cues: tuple[Cue, ...] = ()
    text: str = ""
    html: str = ""


class TranscriptError(ValueError):
    """The transcript file cannot be read."""


def read_transcript(media: Path, relative: str) -> Transcript:
    """Read a transcript under `media` (taken from an earlier build while the file is unchanged);
    raise TranscriptError with the reason."""
    return recall("read_transcript", media / relative, relative, lambda: _read(media, relative))


def _read(media: Path, relative: str) -> Transcript:
    path = media / relative
    suffix = path.suffix.lower()
    try:
        text = read_text(path)
    except SourceError as exc:
        raise TranscriptError(exc.message) from None
    mime = MEDIA_TYPES[suffix]
    if suffix == ".txt":
        return Transcript(relative, mime, text=text)
    if suffix == ".html":
        problems = html_problems(text)
        if problems:
            raise TranscriptError(
                say("contains HTML that would be removed: {reason}", reason=problems[0][1])
            )
        return Transcript(relative, mime, html=text)
    if suffix == ".vtt" and not text.startswith("WEBVTT"):
        raise TranscriptError(say("is not WebVTT: its first line must be 'WEBVTT'"))
    try:
        captions = webvtt.from_buffer(
            io.StringIO(text), format="srt" if suffix == ".srt" else "vtt"
        )
    except (MalformedFileError, MalformedCaptionError) as exc:
        kind = "SubRip (.srt)" if suffix == ".srt" else "WebVTT (.vtt)"
        raise TranscriptError(say("is not valid {kind}: {reason}", kind=kind, reason=exc)) from None
    cues = tuple(
        Cue(int(c.start_in_seconds), c.text, c.voice, c.end_time.in_milliseconds() / 1000)
        for c in captions
    )
    if not cues:
        raise TranscriptError(say("has no captions"))
    return Transcript(relative, mime, cues=cues)
