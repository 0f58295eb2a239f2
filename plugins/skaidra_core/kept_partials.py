"""Partials rendered once per build (`render_once`: a project's card, a menu) kept for the next build.

A partial is taken from the last build while every fact it read (page_reads.py), and what every page
shows (the `shared` fact), is worth what it was; otherwise it is rendered again. After one project's
amount, the list of every project renders one card instead of five hundred. Kept beside the page
record (page_memo.py), only with `CACHE_CONTENT`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from skaidra_model.cache_files import keep, kept

VERSION = 1  # of the kept file's format
SHARED = "shared"  # the fact of what every page shows (page_memo.Facts)


class KeptPartials:
    def __init__(self, file: Path, worth: Callable[[str], str | None]):
        self.file = file
        self._worth = worth  # a fact's worth in this build
        # key -> (html, facts, their worths), as the last build left them: read when first asked for
        # (a rebuild that renders no list, after a post's text, does not read them)
        self._previous: dict[str, tuple[str, tuple[str, ...], tuple]] | None = None
        self.used: dict[str, tuple[str, tuple[str, ...]]] = {}  # key -> (html, facts), this build
        self.made: set[str] = set()  # the keys rendered in this process, not taken

    @property
    def previous(self) -> dict[str, tuple[str, tuple[str, ...], tuple]]:
        if self._previous is None:
            found = kept(self.file)
            ok = isinstance(found, dict) and found.get("version") == VERSION
            self._previous = found["partials"] if ok else {}
        return self._previous

    def take(self, key: str) -> tuple[str, tuple[str, ...]] | None:
        """The HTML of the partial kept under `key` and the facts it read, if each is worth what it was."""
        entry = self.previous.get(key)
        if entry is None or not self._still(entry):
            return None
        html, facts, _worths = entry
        self.used[key] = (html, facts)
        return html, tuple(fact for fact in facts if fact != SHARED)  # every page's key holds it

    def _still(self, entry: tuple[str, tuple[str, ...], tuple]) -> bool:
        _html, facts, worths = entry
        return all(w is not None and self._worth(f) == w for f, w in zip(facts, worths))

    def remember(self, key: str, html: str, facts: Iterable[str]) -> None:
        """A partial rendered in this build, with the facts it read."""
        self.used[key] = (html, tuple(sorted({*facts, SHARED})))
        self.made.add(key)

    def handed(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """What this process used, for the build's own process to keep (writer.py's forked ones)."""
        return dict(self.used)

    def add(self, used: dict[str, tuple[str, tuple[str, ...]]], made: Iterable[str]) -> None:
        """What another process of the build used (`handed`) and rendered."""
        self.used.update(used)
        self.made.update(made)

    def save(self) -> None:
        """Keep the partials this build used, each with its facts' worths, and those of the last build
        it did not use that are still worth what they were (a build that renders no list, after one
        post's text, takes none); written only when one was rendered anew."""
        if self.made:
            partials = {
                key: (html, facts, tuple(self._worth(fact) for fact in facts))
                if key in self.made or key not in self.previous
                else self.previous[key]  # taken: worth what it was
                for key, (html, facts) in self.used.items()
            }
            for key, entry in self.previous.items():
                if key not in partials and self._still(entry):
                    partials[key] = entry
            keep(self.file, {"version": VERSION, "partials": partials})
        self._previous, self.used, self.made = {}, {}, set()
