"""Duration and size of a local audio file, read from the file itself."""

from __future__ import annotations

from pathlib import Path

from .source_files import remembered
from .speech import say


class AudioError(ValueError):
    """The file is not audio that can be measured."""


@remembered
def inspect_audio(path: Path) -> tuple[int, int, float]:
    """Return (length in bytes, duration in whole seconds, duration as measured) of an audio file."""
    import mutagen  # by the builds that measure a file: 23 ms of every build's start otherwise

    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError as exc:
        raise AudioError(say("cannot be read as audio: {reason}", reason=exc)) from None
    if audio is None or getattr(audio, "info", None) is None:
        raise AudioError(say("is not a recognised audio file (MP3, M4A, Ogg or Opus)"))
    seconds = round(audio.info.length)
    if seconds <= 0:
        raise AudioError(say("has no playable audio (its duration is 0 seconds)"))
    return path.stat().st_size, seconds, audio.info.length
