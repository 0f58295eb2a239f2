"""Pages that need not be rendered again: a page whose inputs did not change is taken from the last build.

A page's inputs are of three kinds, and its record holds each:

- what every page shows (`shared_by_all`): the settings, the day, the theme's files other than
  templates (its style, scripts and translations), `site.yaml`, the menus and the history read
  from the commits;
- what its generator hands it (`fingerprint`): the values themselves, with each post or page by
  its front matter and the start of its text (what any summary or excerpt is cut from), and the
  bytes of the content files it renders whole (its own item's);
- what it read while it rendered (page_reads.py): the templates Jinja loaded for it, each field
  of an item it read through a view, the lists it walked, the shared names it resolved, the
  pictures it showed.

The first two make its key; the third is a list of facts with what each was worth. A page whose
key is the one the last build recorded, whose facts are all worth what they were, and whose
file is still as that build left it, is linked from the output folder instead of being rendered.

Only with `CACHE_CONTENT` (the devserver and `make bench`'s rebuilds): the record lives in the
cache folder beside the output (`record_file`). A calendar is taken the same way when none of the
facts it is made from changed (`SkaidraGenerator.reuse_file`: the events in it, as read), and the
open data when the model's collections did not (`reuse_files`; made otherwise in a process of its own
while the pages are written, `make_aside`); feeds are always made again, the partials rendered once
per build (a project's card) are taken the same way (kept_partials.py), and the search index takes
its own parts from the last build (skaidra/search_index.py).
tests/test_incremental.py checks a series of changes of every kind
against a cold build.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import time
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from stat import S_ISREG
from types import FunctionType
from typing import Any

from jinja2 import TemplateNotFound
from pelican.contents import Content
from pelican.paginator import Page as PaginatedPage
from pelican.urlwrappers import URLWrapper
from pydantic import BaseModel
from pydantic_core import PydanticSerializationError, to_json
from skaidra_model import Site
from skaidra_model.packed_text import unpack
from skaidra_model.source_files import SETTLED_NS

from .cached_html import may_link
from .kept_partials import KeptPartials
from .markup import plain_text
from .outputs import Output
from .views import View

HEAD = (
    1001  # characters of a body's plain text that summaries and excerpts (at most 600) are cut from
)
VERSION = 8  # of the record's format
NEVER = "never"  # a fact no build can match: the page is rendered every time
SLACK = 1024  # places of facts no page read that the table keeps before it is made anew
LONG = 64  # a list at least this long is fingerprinted once per build (_sequence)
PAGINATION = ("_paginator", "_page", "_previous_page", "_next_page")
PLAIN = (str, int, float, bool, Decimal, dt.date, dt.time, dt.timedelta, type(None))
# PLAIN by exact type, not subclass (a Markup is a str, told apart)
_EXACTLY_PLAIN = frozenset((*PLAIN, dt.datetime))


def digest(*parts: bytes | str) -> str:
    """A digest of `parts` in order: their repr is unambiguous where they end (a lone bytes, a file's,
    is taken as it is)."""
    if len(parts) == 1 and isinstance(parts[0], bytes):
        return hashlib.blake2b(parts[0], digest_size=16).hexdigest()
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def _joined(parts: list[str]) -> str:
    """A digest of a fingerprint's parts: each is a repr, a digest, or a name with the reprs of what it
    names, so none holds a NUL, and joined by one they are told apart where they end (three times
    quicker than `digest`, which takes the repr of them all again)."""
    text = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def _told(value: Any) -> bytes:
    """The text a fact's value is told by: JSON, by pydantic-core's serialiser (a model's repr is made
    field by field in Python, several times slower), by the fields each object has, not those its
    field was declared with; or its repr where that cannot serialise it."""
    try:
        return b"j" + to_json(value, bytes_mode="base64", serialize_as_any=True)
    except PydanticSerializationError:
        return b"r" + repr(value).encode("utf-8")


def _digest_each(collection: Iterable | Mapping) -> str:
    """A digest of a collection's elements (a mapping's items), each as `_told`, never all of them in
    one text (the site's events with their texts make a large one); neither JSON nor a repr holds a
    NUL."""
    h = hashlib.blake2b(digest_size=16)
    for element in collection.items() if isinstance(collection, Mapping) else collection:
        h.update(_told(element))
        h.update(b"\0")
    return h.hexdigest()


class Stamped:
    """What was worked out from a content file's bytes, taken from the last build while the file's size and
    modification time are what they were; a file changed within the last second is worked out again next
    time too (its time may not tell a change made in the same instant)."""

    def __init__(
        self, previous: Mapping[str, list] | None = None, seen: Mapping[str, list] | None = None
    ):
        self.previous = previous or {}  # name -> [size, mtime_ns, worth], the last build's
        self.current: dict[str, list] = {}
        # path -> [size, mtime_ns] when first looked at this build (None: not a file); `seen`, those
        # another part of the build looked at already
        self._found: dict[str, list | None] = dict(seen or {})

    def _stamp(self, path: Path | str) -> list | None:
        path = os.fspath(path)
        if path not in self._found:
            try:
                found = os.stat(path)
            except OSError:
                found = None
            regular = found is not None and S_ISREG(found.st_mode)
            self._found[path] = [found.st_size, found.st_mtime_ns] if regular else None
        return self._found[path]

    def size(self, path: Path | str) -> int:
        """The size of the file at `path` when this build first looked at it (0 if it is not a file)."""
        stamp = self._stamp(path)
        return stamp[0] if stamp is not None else 0

    def of(self, name: str, path: Path | str, work: Callable[[], str | None]) -> str | None:
        """`work()`'s answer for `path` (None if it is not a file), remembered under `name`, from the last
        build if the file is still as it was (when this build first looked at it: a post's file is asked
        of for its head and for its bytes)."""
        stamp = self._stamp(path)
        if stamp is None:
            return None
        known = self.previous.get(name)
        worth = known[2] if known is not None and known[:2] == stamp else work()
        if time.time_ns() - stamp[1] > SETTLED_NS:
            self.current[name] = [*stamp, worth]
        return worth


def _plain(value: Any) -> Any:
    """A setting as JSON data, or None for what is not plain data (functions, classes, modules)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return None


def _folder(folder: Path, leave_out: str | None = None) -> Iterable[str]:
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        relative = path.relative_to(folder)
        if leave_out is None or relative.parts[0] != leave_out:
            yield digest(relative.as_posix(), path.read_bytes())


class Facts:
    """What each fact a page may read is worth in this build, each worked out once, when first asked."""

    def __init__(self, settings: dict, site: Site, html: Callable[[str], str], shared_by_all):
        self.settings = settings
        self.site = site
        self.content = Path(settings["PATH"])
        self.content_prefix = os.path.join(self.content, "")  # the folder, ending in a separator
        self._html = html
        self._shared_by_all = shared_by_all  # () -> the strings every page's key holds
        self._bodies = {  # packed
            item.source: item.packed_body
            for item in (*site.posts.values(), *site.pages.values(), *site.events, *site.episodes)
        }
        self._known: dict[str, str | None] = {}
        self.stamped = Stamped()  # the page memo hands it the last build's
        self._items: dict[str, list] | None = None  # events and episodes by source
        # id -> (object, digest, length of a list): see _object_digest, _sequence
        self.objects: dict[int, tuple[Any, str, int | None]] = {}
        self.context: Mapping[str, Any] = {}  # Pelican's shared context, once a page is written
        self.env = None  # a template environment of the build, to find templates by name
        self.names: dict[
            str, Callable[[], str | None]
        ] = {}  # shared names worked out their own way
        self.pure: set[str] = set()  # shared names that show only what every page's key holds

    def of(self, fact: str) -> str | None:
        if fact not in self._known:
            self._known[fact] = self._work_out(fact)
        return self._known[fact]

    def _work_out(self, fact: str) -> str | None:
        kind, _, name = fact.partition(":")
        if kind == "template":
            return self._template(name)
        if kind == "item":
            return self._item(name)
        if kind == "file":  # an event or an episode as read: with its identity, its venue's place
            return digest(_told(self._by_source().get(name)))
        if kind == "head":
            return self._head(name)
        if kind == "media":
            path = self.content / "media" / name
            return f"{path.stat().st_size}:{path.stat().st_mtime_ns}" if path.is_file() else None
        if kind == "list":
            return digest(repr(self._list(name)))
        if kind == "model":  # a whole collection, as read, an element at a time
            value = self._model(name)
            return None if value is _ABSENT else _digest_each(value)
        if kind == "actuals":
            project = self.site.projects.get(name)
            return None if project is None else digest(_told(_actuals(self.site, project)))
        if kind == "name":
            return self._name(name)
        if fact == "shared":
            return digest(*self._shared_by_all())
        if fact == "routes":
            return self._routes()
        return None  # NEVER, and any fact this build does not know

    def _by_source(self) -> dict[str, list]:
        if self._items is None:
            self._items = {}
            for item in (*self.site.events, *self.site.episodes):
                self._items.setdefault(item.source, []).append(item)
        return self._items

    def _template(self, name: str) -> str | None:
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
        except TemplateNotFound:
            return None
        return digest(filename or "", source)

    def _item(self, name: str) -> str | None:
        item_key, _, attribute = name.partition("#")
        collection, _, key = item_key.partition(":")
        items = {
            "project": self.site.projects,
            "funder": self.site.funders,
            "organisation": self.site.organisations,
        }[collection]
        item = items.get(key)
        if item is None:
            return None
        if attribute == "__source__":
            return self.site.project_sources.get(key)
        attribute, _, each = attribute.partition("/")  # `funding/funder`: the funder of each grant
        value = getattr(item, attribute, None)
        if each:
            value = [getattr(element, each, None) for element in value or ()]
        return digest(_told(item if callable(value) else value))

    def _model(self, name: str) -> Any:
        site = self.site
        if name == "actuals":  # the figures reported in other content, by project
            return [_actuals(site, project) for project in site.projects.values()]
        if name in ("projects", "funders", "organisations", "events"):
            return getattr(site, name)
        return _ABSENT

    def _list(self, name: str) -> Any:
        site = self.site
        if name in ("projects", "funders", "organisations"):
            return tuple(getattr(site, name))
        if name == "episodes":
            return tuple(e.source for e in site.episodes)
        if name == "versions":  # the translations of events and episodes
            return sorted(
                (type(i).__name__, i.slug, i.lang, i.source) for i in (*site.events, *site.episodes)
            )
        return None

    def _head(self, source: str) -> str | None:
        """A Markdown file's front matter and the start of its text: what listings show of it."""
        path = self.content / source
        return self.stamped.of(f"head:{source}", path, lambda: self._head_of(source, path))

    def _head_of(self, source: str, path: Path) -> str:
        body = unpack(self._bodies[source]) if source in self._bodies else ""
        if not body:
            return digest(source, path.read_bytes())
        text = path.read_text(encoding="utf-8", errors="replace")
        start = " ".join(plain_text(self._html(body)).split())[:HEAD]
        return digest(source, text.replace(body, ""), start)

    def _routes(self) -> str:
        """Where every content file's page is: what links written as `{filename}…` resolve to."""
        by_source = self.context.get("content_by_source", {})
        url_of = self.context.get("url_of_source")
        sources = sorted({*by_source, *self._bodies, *self.site.project_sources.values()})
        return digest(repr([(s, url_of(s) if url_of else None) for s in sources]))

    def _name(self, name: str) -> str | None:
        if name in self.names:
            return self.names[name]()
        value = self.context.get(name, _ABSENT)
        if value is _ABSENT and self.env is not None:
            value = self.env.globals.get(name, _ABSENT)
        if value is _ABSENT:
            return digest("absent")
        return fingerprint(value, self)

    def own(self, names: Iterable[str], own: Iterable[str]) -> set[str]:
        """The facts of the shared names a page resolved (`name:…`), leaving out its own and those
        every page's key holds."""
        mine = set(own)
        known = self.env.globals if self.env is not None else {}
        return {
            f"name:{name}"
            for name in names
            if (name in self.context or name in known)
            and name not in mine
            and not name.isupper()
            and name not in self.pure
            and not name.endswith(PAGINATION)
        }


_ABSENT = object()


def _actuals(site: Site, project) -> list:
    return [site.indicators(project, a) for a in range(len(project.activities))]


def fingerprint(value: Any, facts: Facts) -> str | None:
    """A digest of a value a page is handed: None if it holds something whose worth cannot be told
    (a function, an object without a faithful text), so that the page is always rendered."""
    parts: list[str] = []
    try:
        _fingerprint(value, facts, parts, 0)
    except _Unknowable:
        return None
    return _joined(parts)


class _Unknowable(Exception):
    pass


def _fingerprint(value: Any, facts: Facts, parts: list[str], depth: int) -> None:
    if depth > 24:
        raise _Unknowable
    kind = type(value)  # the commonest kinds first, by exact type, as the branches below take them
    if kind in _EXACTLY_PLAIN:
        parts.append(repr(value))
    elif kind is dict:
        _mapping(value, facts, parts, depth)
    elif kind is list or kind is tuple:
        _sequence(value, facts, parts, depth)
    elif isinstance(value, PLAIN):
        parts.append(repr(value))
    elif isinstance(
        value, View
    ):  # which item: what the page reads of it, the view notes (views.py)
        parts.append(f"view:{type(value).__name__}:{value._fact!r}")
    elif isinstance(value, (Content, BaseModel)) or is_dataclass(value):
        parts.append(_object_digest(value, facts, depth))
    elif isinstance(value, URLWrapper):
        parts.append(f"{type(value).__name__}:{value.name!r}:{value.slug!r}")
    elif isinstance(value, PaginatedPage):
        parts.append(f"page:{value.number}:{value.paginator.num_pages}")
        _fingerprint(value.object_list, facts, parts, depth + 1)
    elif isinstance(value, (dict, Mapping)):
        _mapping(value, facts, parts, depth)
    elif isinstance(value, (list, tuple)):
        _sequence(value, facts, parts, depth)
    elif isinstance(value, (set, frozenset)):
        parts.append(f"({len(value)}")
        parts.extend(sorted(fingerprint(element, facts) or "?" for element in value))
    elif isinstance(value, FunctionType):
        if value.__closure__ is not None or "<locals>" in value.__qualname__:
            raise _Unknowable
        parts.append(
            f"{value.__module__}.{value.__qualname__}"
        )  # code: the cache is named after it
    else:
        text = repr(value)  # a zone, a path, an address: values whose text says all of them
        if " at 0x" in text:
            raise _Unknowable
        parts.append(text)


def _mapping(value: Mapping, facts: Facts, parts: list[str], depth: int) -> None:
    """A dict or mapping, key by key; plain keys and values told here, not by a call each (most of a
    page's values are: a project page's structured data alone is a hundred)."""
    parts.append(f"{{{len(value)}")
    for key, element in value.items():
        if type(key) in _EXACTLY_PLAIN:
            parts.append(repr(key))
        else:
            _fingerprint(key, facts, parts, depth + 1)
        if type(element) in _EXACTLY_PLAIN:
            parts.append(repr(element))
        else:
            _fingerprint(element, facts, parts, depth + 1)


def _sequence(value: list | tuple, facts: Facts, parts: list[str], depth: int) -> None:
    """A list or tuple, element by element; a long one (all the posts, a tag's) once per build, as many
    pages are handed the same one (a build changes no list once its pages are written)."""
    if len(value) < LONG:
        parts.append(f"[{len(value)}")
        for element in value:
            if type(element) in _EXACTLY_PLAIN:
                parts.append(repr(element))
            else:
                _fingerprint(element, facts, parts, depth + 1)
        return
    known = facts.objects.get(id(value))
    if known is None or known[0] is not value or known[2] != len(value):
        elements: list[str] = []
        for element in value:
            _fingerprint(element, facts, elements, depth + 1)
        known = (value, _joined(elements), len(value))
        facts.objects[id(value)] = known  # the object kept, so that its id is not reused
    parts.append(f"[{len(value)}:{known[1]}")


def _object_digest(value: Any, facts: Facts, depth: int) -> str:
    """The digest of a post or page (by its front matter and the start of its text), of a pydantic
    model whole, or of a dataclass field by field; each worked out once per build, as many pages are
    handed the same ones."""
    known = facts.objects.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    if isinstance(value, Content):
        source = value.relative_source_path
        parts = [f"content:{source!r}:{facts.of('head:' + source)}"]
        parts.extend(
            f"{t.relative_source_path!r}:{facts.of('head:' + t.relative_source_path)}"
            for t in value.translations
        )
        if may_link(value):
            parts.append(f"routes:{facts.of('routes')}")
        found = _joined(parts)
    elif isinstance(value, BaseModel):  # data the model validated: told whole (`_told`)
        told = _told(value)
        if told.startswith(b"r") and b" at 0x" in told:  # not serialisable, nor told by its repr
            raise _Unknowable
        found = digest(type(value).__qualname__, told)
    else:
        parts = [type(value).__qualname__]
        for name in _field_names(type(value)):
            parts.append(name)
            field_value = getattr(value, name)
            if type(field_value) in _EXACTLY_PLAIN:
                parts.append(repr(field_value))
            else:
                _fingerprint(field_value, facts, parts, depth + 1)
        found = _joined(parts)
    facts.objects[id(value)] = (value, found, None)  # the object kept, so that its id is not reused
    return found


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields a dataclass object is told by: those shown in its repr."""
    return tuple(f.name for f in fields(kind) if f.repr)


@dataclass
class Entry:
    key: str
    outputs: list[Output]  # the build's record holds them too
    reads: array | None = None  # the places of the facts it read in this build's table; None: NEVER
    files: dict[str, list[int]] = field(
        default_factory=dict
    )  # path -> [size, mtime_ns] as the output holds it
    stored: str | None = None  # the last build's line of a write taken from it, kept word for word


class PageMemo:
    """The last build's pages by the name they were written under, and this build's.

    Every fact has one worth in a build, whichever page read it, so the record holds a table of the
    facts the build's pages read, with their worth, and each page the places of its facts in it. A
    fact keeps its place from build to build, so that the line of a page taken from the last build
    is written again as it was; once most places are of facts no page read, the table is made anew."""

    def __init__(self, record_file: Path, output: Path, facts: Facts):
        self.record_file = record_file
        self.output = output
        self._output_prefix = os.path.join(output, "")  # the folder, ending in a separator
        self.facts = facts
        # name -> its entry as JSON, parsed when its page is written
        self.previous: dict[str, str] = {}
        self.current: dict[str, Entry] = {}
        self.rendered: list[str] = []  # the pages this build rendered, by output path
        self._table: list[tuple[str, str | None]] = []  # the last build's facts and their worth
        # places in that table whose fact is worth it still, and those whose fact is not
        self._same: set[int] = set()
        self._changed: set[int] = set()
        self._places: dict[str, int] = {}  # this build's facts -> their place in its table
        self._used: set[int] = set()  # the places of the facts this build's pages read
        self._parsed: tuple[str | None, dict | None] = (None, None)  # see _previous
        # the output files of the writes taken from the last build, with their [size, mtime_ns], as
        # `reusable` found them (the search index need not look at them again)
        self.seen: dict[str, list] = {}
        self.partials = KeptPartials(record_file.with_suffix(".partials.pickle"), facts.of)
        try:
            with record_file.open(encoding="utf-8") as lines:
                head = json.loads(next(lines))
                if head.get("version") != VERSION:
                    return
                previous = {}
                for line in lines:
                    name, _, stored = line.partition("\t")
                    previous[json.loads(name)] = stored
        except (OSError, ValueError, StopIteration, AttributeError):
            return
        self._table = [(fact, worth) for fact, worth in head["facts"]]
        self._places = {fact: place for place, (fact, _) in enumerate(self._table)}
        self.previous = previous
        facts.stamped = Stamped(head.get("stamps"))

    def key(self, name: str, template: str, own_files: Iterable[str], handed: Any = None) -> str:
        """The key of one write: what every page shows, where and how it is written, the bytes of the
        files it renders, the values it is handed (NEVER if they cannot be told)."""
        handed_digest = fingerprint(handed, self.facts)
        if handed_digest is None:
            return NEVER
        owned = sorted(set(own_files))
        return digest(
            self.facts.of("shared"),
            name,
            template,
            handed_digest,
            *(f"{p}:{self._bytes_of(p)}" for p in owned),
        )

    def _bytes_of(self, path: str) -> str | None:
        """A digest of a content file's bytes (None if it is not there)."""
        folder = self.facts.content_prefix
        relative = path[len(folder) :] if path.startswith(folder) else os.path.relpath(path, folder)
        name = f"bytes:{relative}"
        return self.facts.stamped.of(name, path, lambda: digest(Path(path).read_bytes()))

    def _all_still(self, places: list[int]) -> bool:
        """Whether the facts at `places` in the last build's table are all worth what they were; each
        fact worked out once, and the places known told apart a set at a time."""
        if not self._changed.isdisjoint(places):
            return False
        if self._same.issuperset(places):
            return True
        for place in set(places) - self._same:
            fact, worth = self._table[place]
            if worth is not None and self.facts.of(fact) == worth:
                self._same.add(place)
            else:
                self._changed.add(place)
                return False
        return True

    def _previous(self, name: str) -> dict | None:
        """The last build's entry of `name`, parsed; the last one parsed is kept, as a page taken asks
        for it twice (`reusable`, then `keep`)."""
        if self._parsed[0] != name:
            stored = self.previous.get(name)
            self._parsed = (name, None if stored is None else json.loads(stored))
        return self._parsed[1]

    def reusable(self, name: str, key: str) -> list[Output] | None:
        """The outputs of the last build's write of `name`, if its key matches, what it read is worth
        what it was, and its files are as it left them."""
        entry = self._previous(name)
        if entry is None or key == NEVER or entry["key"] != key:
            return None
        if not self._all_still(entry["reads"]):
            return None
        for path, (size, mtime) in entry["files"].items():
            try:
                stat = os.stat(self._output_prefix + path)
            except OSError:
                return None
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return None
        self.seen.update(entry["files"])
        return [Output(**{**fields, "sources": tuple(fields["sources"]), "alternates": tuple(map(tuple, fields["alternates"]))})
                for fields in entry["outputs"]]  # fmt: skip

    def keep(self, name: str, key: str, outputs: list[Output]) -> None:
        """Remember a write `reusable` took from the last build: its entry as that build recorded it."""
        places = array("I", self._previous(name)["reads"])
        self._used.update(places)
        self.current[name] = Entry(key, list(outputs), places, stored=self.previous[name])

    def _placed(self, facts: Iterable[str]) -> array | None:
        """The places of `facts` in this build's table, each once; None if one is NEVER."""
        facts = set(facts)
        if NEVER in facts:
            return None
        places = array("I", (self._places.setdefault(fact, len(self._places)) for fact in facts))
        self._used.update(places)
        return places

    def page_facts(self, found: set[str], own: Iterable[str]) -> set[str]:
        """What a page (or a partial) read that its key does not hold: the shared names it resolved that
        are not its own variables (`own`) nor what every page's key holds, and every other fact it read."""
        names = [fact[5:] for fact in found if fact.startswith("name:")]
        return self.facts.own(names, own) | {fact for fact in found if not fact.startswith("name:")}

    def partial_key(self, template: str, variables: dict) -> str | None:
        """The name a partial rendered with `variables` is kept under (None if they cannot be told)."""
        told = fingerprint(variables, self.facts)
        return None if told is None else digest(template, told)

    def remember(
        self,
        name: str,
        key: str,
        outputs: list[Output],
        reads: Iterable[str],
        rendered: bool = False,
    ) -> None:
        if rendered:
            self.rendered.extend(output.path for output in outputs)
        self.current[name] = Entry(key, list(outputs), self._placed(reads))

    def add_reads(self, name: str, reads: Iterable[str]) -> None:
        """What a page rendered after it was remembered read (writer.py's deferred pages)."""
        entry = self.current.get(name)
        if entry is not None and entry.reads is not None:
            more = self._placed(reads)
            entry.reads = None if more is None else array("I", sorted({*entry.reads, *more}))
            entry.stored = None

    def save(self) -> None:
        """Record this build's pages as the output folder now holds them (call after it is in place).

        The record is a line of what the build as a whole read and rendered, then a line per page:
        its name in JSON, a tab, its entry in JSON; written and read a line at a time."""
        if len(self._places) > 2 * len(self._used) + SLACK:
            self._compact()
        table = [
            [fact, self.facts.of(fact) if place in self._used else self._table[place][1]]
            for fact, place in self._places.items()
        ]  # a fact no page read this build keeps its last worth, which no entry asks for
        self.record_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.record_file.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            head = {
                "version": VERSION,
                "facts": table,
                "rendered": sorted(self.rendered),
                "stamps": self.facts.stamped.current,
            }
            out.write(json.dumps(head) + "\n")
            for name, entry in self.current.items():
                if entry.key == NEVER or entry.reads is None:
                    continue
                if entry.stored is not None:
                    out.write(f"{json.dumps(name)}\t{entry.stored}")
                    continue
                files = {}
                for output in entry.outputs:
                    stat = os.stat(self.output / output.path)
                    files[output.path] = [stat.st_size, stat.st_mtime_ns]
                stored = {
                    "key": entry.key,
                    "outputs": [vars(output) for output in entry.outputs],
                    "reads": sorted(entry.reads),
                    "files": files,
                }
                out.write(f"{json.dumps(name)}\t{json.dumps(stored)}\n")
        os.replace(temporary, self.record_file)
        self.partials.save()
        # what the last build left is read again from the record by the next one: a devserver, which
        # keeps this build between its builds, need not keep it
        self.previous, self._table, self._same, self._changed = {}, [], set(), set()
        self._places, self._used, self.seen = {}, set(), {}
        self.facts.stamped = Stamped()

    def _compact(self) -> None:
        """Make the table anew with only the facts this build's pages read."""
        facts = list(self._places)  # by place
        order = sorted(self._used)
        renumbered = {old: new for new, old in enumerate(order)}
        self._places = {facts[old]: new for new, old in enumerate(order)}
        self._used = set(range(len(order)))
        for entry in self.current.values():
            if entry.reads is not None:
                entry.reads = array("I", sorted(renumbered[place] for place in entry.reads))
                entry.stored = None


def shared_by_all(settings: dict, site: Site, build) -> Callable[[], list[str]]:
    """What every page's key holds (see the module's text), worked out when the first page is written
    (the menus are declared by then)."""

    def parts() -> list[str]:
        content = Path(settings["PATH"])
        found = [
            json.dumps(
                {
                    k: _plain(v)
                    for k, v in sorted(settings.items())
                    if k.isupper() and k not in ("OUTPUT_PATH", "SKAIDRA_BUILD")
                },
                sort_keys=True,
            ),
            site.now.date().isoformat(),
            repr(site.history),  # from the commits, which a build's files do not show
            repr(build.menu),
            repr(build.footer),
        ]
        for name in ("site.yaml", "site.yml"):
            if (content / name).is_file():
                found.append(digest(name, (content / name).read_bytes()))
        found.extend(_folder(Path(settings["THEME"]), leave_out="templates"))
        return found

    return parts


def record_file(cache: Path, output: Path) -> Path:
    """Where the page record of builds brought into `output` lives, under a cache folder."""
    return cache / f"pages-{digest(str(output.resolve()))}.jsonl"


def rendered_pages(cache: Path, output: Path) -> list[str]:
    """The pages (and calendars) the last cached build into `output` made (the others it took from the
    build before), as its record says; `cache` is the cache folder or any folder above it."""
    name = record_file(Path(), output).name
    (record,) = cache.rglob(name)
    with record.open(encoding="utf-8") as lines:
        return json.loads(next(lines))["rendered"]
