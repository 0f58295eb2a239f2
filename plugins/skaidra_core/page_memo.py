"""Pages that need not be rendered again: a page whose inputs did not change is taken from the last build.

What a page shows comes from two kinds of input. Its own content items' bodies
(a post's text on its page) show on that page only; listings, feeds of other
pages and summaries show only what the *site digest* covers: every data file,
every Markdown file's front matter and the start of its text (what any summary
or excerpt is cut from), the media files, the theme and the site's own
templates, the settings, the generator's code (the cache folder's fingerprint),
and the day with the events already past. So a page's key is the site digest,
its path and template, and the bytes of the content files it renders; a page
whose key is the one the last build recorded, and whose file is still as that
build left it, is linked from the output folder instead of being rendered.

Only with `CACHE_CONTENT` (the devserver and `make bench`'s rebuilds): the
record lives in the cache folder beside the output. Files that show only what
the site digest covers (the calendars) are taken the same way, by their path
alone (`SkaidraGenerator.reuse_file`); feeds and open data are always made
again, and the search index takes its own parts from the last build
(skaidra/search_index.py). tests/test_incremental.py checks a series of
changes of every kind against a cold build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skaidra_model import Site
from skaidra_model.identities import REGISTRY

from .markup import plain_text
from .outputs import Output

HEAD = (
    1001  # characters of a body's plain text that summaries and excerpts (at most 600) are cut from
)
VERSION = 1  # of the record's format


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _plain(value: Any) -> Any:
    """A setting as JSON data, or None for what is not plain data (functions, classes, modules)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return None


def _folder(folder: Path) -> Iterable[str]:
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        yield digest(path.relative_to(folder).as_posix(), path.read_bytes())


def site_digest(settings: dict, site: Site, html) -> str:
    """The digest of everything a page may show that is not its own items' bodies (see the module's text);
    `html` converts a body's Markdown (the build's shared, cached converter)."""
    content = Path(settings["PATH"])
    bodies = {
        item.source: item.body
        for item in (*site.posts.values(), *site.pages.values(), *site.events, *site.episodes)
    }
    parts = [
        json.dumps(
            {
                k: _plain(v)
                for k, v in sorted(settings.items())
                if k.isupper() and k != "OUTPUT_PATH"
            },
            sort_keys=True,
        ),
        site.now.date().isoformat(),
        digest(
            *(f"{e.source}:{len(e.coming(site.now))}" for e in site.events)
        ),  # what is over, occurrence by occurrence
        json.dumps(
            site.identities, sort_keys=True
        ),  # as assigned, whether or not the registry file is written yet
        repr(site.history),  # from the commits, which a build's files do not show
    ]
    for folder in [
        Path(settings["THEME"]),
        *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES") or []),
    ]:
        if folder.is_dir():
            parts.extend(_folder(folder))
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        relative = path.relative_to(content).as_posix()
        if relative == REGISTRY.as_posix():
            continue
        if relative.startswith("media/"):
            stat = path.stat()
            parts.append(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}")
        elif bodies.get(relative):
            text = path.read_text(encoding="utf-8", errors="replace")
            body = bodies[relative]
            head = " ".join(plain_text(html(body)).split())[:HEAD]
            parts.append(digest(relative, text.replace(body, ""), head))
        else:
            parts.append(digest(relative, path.read_bytes()))
    return digest(*parts)


@dataclass
class Entry:
    key: str
    outputs: list[dict]  # Output fields
    files: dict[str, list[int]] = field(
        default_factory=dict
    )  # path -> [size, mtime_ns] as the output holds it


class PageMemo:
    """The last build's pages by the name they were written under, and this build's."""

    def __init__(self, record_file: Path, output: Path, site_key: str):
        self.record_file = record_file
        self.output = output
        self.site_key = site_key  # the site digest of this build
        self.previous: dict[str, Entry] = {}
        self.current: dict[str, Entry] = {}
        try:
            stored = json.loads(record_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if stored.get("version") == VERSION and stored.get("digest") == site_key:
            self.previous = {name: Entry(**entry) for name, entry in stored["pages"].items()}

    def key(self, name: str, template: str, own_files: Iterable[Path]) -> str:
        """The key of one write: the site digest, where and how it is written, the bytes of the files it renders."""
        owned = sorted(set(own_files))
        return digest(
            self.site_key,
            name,
            template,
            *(f"{p}" for p in owned),
            *(p.read_bytes() for p in owned if p.is_file()),
        )

    def reusable(self, name: str, key: str) -> list[Output] | None:
        """The outputs of the last build's write of `name`, if its key matches and its files are as it left them."""
        entry = self.previous.get(name)
        if entry is None or entry.key != key:
            return None
        for path, (size, mtime) in entry.files.items():
            try:
                stat = os.stat(self.output / path)
            except OSError:
                return None
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return None
        return [Output(**{**fields, "sources": tuple(fields["sources"]), "alternates": tuple(map(tuple, fields["alternates"]))})
                for fields in entry.outputs]  # fmt: skip

    def remember(self, name: str, key: str, outputs: list[Output]) -> None:
        self.current[name] = Entry(
            key, [dict(vars(o)) for o in outputs]
        )  # its fields hold no dataclass

    def save(self) -> None:
        """Record this build's pages as the output folder now holds them (call after it is in place)."""
        pages = {}
        for name, entry in self.current.items():
            files = {}
            for fields in entry.outputs:
                stat = os.stat(self.output / fields["path"])
                files[fields["path"]] = [stat.st_size, stat.st_mtime_ns]
            pages[name] = {"key": entry.key, "outputs": entry.outputs, "files": files}
        self.record_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.record_file.with_suffix(".tmp")
        temporary.write_text(
            json.dumps({"version": VERSION, "digest": self.site_key, "pages": pages}),
            encoding="utf-8",
        )
        os.replace(temporary, self.record_file)
