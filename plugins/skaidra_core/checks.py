"""Core's checks of its settings against what the plugins declare."""

from __future__ import annotations

from pathlib import Path

from skaidra_model import Problem, Site
from skaidra_model.messages import with_nearest
from skaidra_model.speech import say

from .config import settings_line
from .plugins import declared
from .routes import WORDS
from .settings import core_settings


def check(settings: dict, site: Site, settings_file: Path, shown: str) -> list[Problem]:
    """Every word in `SKAIDRA["words"]` must be one that some address uses."""
    known = {
        word
        for layer in [WORDS, *declared(settings, "WORDS")]
        for words in layer.values()
        for word in words
    }
    problems = []
    for lang, words in core_settings(settings)["words"].items():
        for word in words:
            if word not in known:
                line = settings_line(settings_file, "SKAIDRA", ("words", lang, word))
                message = with_nearest(say("unknown word {word!r}", word=word), word, sorted(known))
                problems.append(Problem(shown, line, f"SKAIDRA.words.{lang}.{word}", message))
    return problems
