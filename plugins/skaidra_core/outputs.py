"""The record of every file a build writes: path, kind, language and what it was made from.

Pelican's writer reports the pages and feeds it writes through its
`content_written` and `feed_written` signals; Skaidra's generators write
every other file through `SkaidraGenerator.write_file`. Both land here, so
the sitemap, overwrite detection and the link checker read one record, and
no plugin needs to run after another.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

PAGE = "page"  # an HTML page people read; listed in the sitemap unless told otherwise
FILE = "file"  # anything else: feeds, calendars, open data, robots.txt


def link_or_copy(source: Path, target: Path) -> None:
    """Give `target` the file `source`: a hard link (no bytes copied), or a copy where links cannot be made."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)


class OverwriteError(RuntimeError):
    """Two outputs of one build want the same path."""


@dataclass(frozen=True)
class Output:
    """One written file."""

    path: str  # relative to the output folder, e.g. "projektai/x/index.html"
    kind: str = FILE
    lang: str | None = None
    sources: tuple[str, ...] = ()  # content files it was made from
    alternates: tuple[tuple[str, str], ...] = ()  # (lang, site path) of its versions
    listed: bool = True  # in the sitemap

    @property
    def url(self) -> str:
        """The site path readers use: folders without their `index.html`."""
        return self.path.removesuffix("index.html")


@dataclass
class OutputRecord:
    """Every output of one build, by path."""

    root: Path
    outputs: dict[str, Output] = field(default_factory=dict)
    _added: list[Output] = field(default_factory=list)  # the same, in the order they were recorded

    def add(self, output: Output) -> None:
        """Record an output; a second output at the same path is an error."""
        if output.path in self.outputs:
            raise OverwriteError(f"two outputs of this build are written to {output.path}")
        self.outputs[output.path] = output
        self._added.append(output)

    def since(self, count: int) -> list[Output]:
        """The outputs recorded after the first `count` (without a copy of those)."""
        return self._added[count:]

    def add_written(self, absolute: str, **details) -> None:
        """Record a file Pelican's writer wrote, given its absolute path."""
        self.add(Output(Path(absolute).relative_to(self.root).as_posix(), **details))

    def write(self, output: Output, data: bytes) -> None:
        """Record an output and write its bytes."""
        self.add(output)
        target = self.root / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def pages(self) -> list[Output]:
        """The pages listed in the sitemap, in path order."""
        return sorted(
            (o for o in self.outputs.values() if o.kind == PAGE and o.listed), key=lambda o: o.path
        )
