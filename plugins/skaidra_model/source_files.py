"""Reading editors' files: encoding, size, and the YAML front matter of Markdown."""

from __future__ import annotations

import functools
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .cache_files import keep, kept
from .fields import CONTROL_CHARACTER, control_character_message
from .packed_text import pack, text_key, unpack
from .speech import language, number, say
from .yaml_source import YamlDocument, YamlSyntaxError, parse_yaml

MAX_FILE_BYTES = 2_000_000

_FENCE = re.compile(r"^---[ \t]*$")
T = TypeVar("T")

# A file older than this is told changed by its size and modification time.
SETTLED_NS = 1_000_000_000

# What was made of files before (`recall`), by what made it and the file's path: (size, modification time,
# language of the messages, what else it depended on), what was made, and whether the file had settled
# when it was read (see SETTLED_NS).
# None (the default) remembers nothing; the devserver, which builds again and again, remembers, and a
# build with a content cache remembers what the builds before it read (`remember_files_in`).
_remembered: dict[str, tuple[tuple, object, bool]] | None = None
# The folder they are kept in between processes, in SHARDS files by a hash of the path, so that a build
# that read a few files anew rewrites a few of them (all in one file took 0.25 s of a rebuild at 5 000
# posts); and the shards that hold what was made anew since they were last kept there.
_kept_in: Path | None = None
_anew: set[int] = set()
SHARDS = 64
_FILE_MEMORY_VERSION = 3


def _shard(place: str) -> int:
    return zlib.crc32(place.encode("utf-8")) % SHARDS


def _shard_file(folder: Path, shard: int) -> Path:
    return folder / f"{shard:02d}.pickle"


def remember_files(remember: bool = True) -> None:
    """From now on, a file read again unchanged (same size and modification time) is not read or parsed
    again; or, with False, every file is read (the default) and nothing read is kept."""
    global _remembered, _kept_in
    _remembered = {} if remember else None
    _kept_in = None


def remember_files_in(folder: Path | None) -> None:
    """Before a build: with `folder` (in a content cache), remember what the builds before it read and
    kept there (`keep_remembered_files` keeps this build's); with None, remember nothing. A process
    that remembers files itself (a devserver, `remember_files`) goes on with what it holds."""
    global _remembered, _kept_in, _anew
    if _remembered is not None and _kept_in is None:
        return
    if folder is None:
        _remembered = _kept_in = None
        return
    if folder == _kept_in:
        return
    _remembered, _anew = {}, set()
    for shard in range(SHARDS):
        found = kept(_shard_file(folder, shard))
        version, files = found if isinstance(found, tuple) and len(found) == 2 else (None, None)
        if version == _FILE_MEMORY_VERSION and isinstance(files, dict):
            _remembered.update(files)
        else:
            _anew.add(shard)  # missing, damaged or of another version: replaced
    _kept_in = folder


def keep_remembered_files() -> None:
    """After a build with a content cache: keep what it made anew for the next build, leaving out the
    files that had not settled when they were read (their next change may keep their modification
    time)."""
    global _anew
    if _kept_in is None or _remembered is None or not _anew:
        return
    shards: dict[int, dict] = {shard: {} for shard in _anew}
    for place, known in _remembered.items():
        if known[2]:
            shard = _shard(place)
            if shard in shards:
                shards[shard][place] = known
    for shard, files in shards.items():
        keep(_shard_file(_kept_in, shard), (_FILE_MEMORY_VERSION, files))
    _anew = set()


def recall(name: str, path: Path, depends: object, work: Callable[[], T]) -> T:
    """What `work()` gives for `path`: taken from what it gave before (in this process, or in the
    builds before it, see `remember_files_in`) while the file and `depends` (what else the work looks
    at, told by a plain value) are the same. What failed is worked out again."""
    if _remembered is None:
        return work()
    try:
        stat = path.stat()
    except OSError:
        return work()  # which says what is wrong
    stamp = (stat.st_size, stat.st_mtime_ns, language(), depends)
    place = f"{name}\0{path}"
    known = _remembered.get(place)
    if known is not None and known[0] == stamp:
        return known[1]  # type: ignore[return-value]
    value = work()
    settled = time.time_ns() - stat.st_mtime_ns > SETTLED_NS
    _remembered[place] = (stamp, value, settled)
    if _kept_in is not None:
        _anew.add(_shard(place))
    return value


def remembered(read: Callable[[Path], T]) -> Callable[[Path], T]:
    """`read`, answering from what it read before while the file is unchanged (`recall`)."""

    @functools.wraps(read)
    def reading(path: Path) -> T:
        return recall(read.__name__, path, None, lambda: read(path))

    return reading


class SourceError(Exception):
    """A file cannot be read as content; names the line and pseudo-field."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a leading BOM is dropped) with Unix line ends."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(1, "file", say("cannot be read: {reason}", reason=exc.strerror)) from None
    if size > MAX_FILE_BYTES:
        raise SourceError(
            1,
            "file",
            say(
                "is {size} bytes; content files may be at most {limit} bytes (put large material under content/media)",
                size=number(size),
                limit=number(MAX_FILE_BYTES),
            ),
        )
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(
            1,
            "encoding",
            say("is UTF-16 text (it starts with a UTF-16 byte order mark); save the file as UTF-8"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            line,
            "encoding",
            say(
                "is not UTF-8 text (byte {byte}); save the file as UTF-8",
                byte=f"0x{raw[exc.start]:02x}",
            ),
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError(line, "encoding", say("contains a NUL character; is it a binary file?"))
    message = control_character_message(text)
    if message is not None:
        line = text.count("\n", 0, CONTROL_CHARACTER.search(text).start()) + 1
        raise SourceError(line, "encoding", message)
    return text.replace("\r\n", "\n").replace("\r", "\n")


@remembered
def read_yaml_file(path: Path) -> YamlDocument:
    """Read a whole YAML data file."""
    text = read_text(path)
    if not text.strip():
        raise SourceError(1, "file", say("is empty"))
    try:
        return parse_yaml(text)
    except YamlSyntaxError as exc:
        raise SourceError(exc.line, "yaml", exc.message) from None


@dataclass(frozen=True)
class MarkdownSource:
    """A Markdown file split into its front matter and its body."""

    front_matter: YamlDocument
    packed_body: bytes  # packed_text.py: a devserver remembers every file between builds
    body_line: int
    body_key: bytes  # the body's text_key, told without unpacking it

    @property
    def body(self) -> str:
        return unpack(self.packed_body)


@remembered
def read_markdown_file(path: Path) -> MarkdownSource:
    """Read a Markdown file that starts with a `---` YAML front-matter block."""
    text = read_text(path)
    if not text.strip():
        raise SourceError(
            1,
            "file",
            say("is empty; it must start with a front-matter block between two '---' lines"),
        )
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        raise SourceError(
            1,
            "front-matter",
            say(
                "missing: the first line must be '---', followed by the keys and another '---' line"
            ),
        )
    for end, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line):
            break
    else:
        raise SourceError(
            1, "front-matter", say("is not closed: add a line '---' after the last key")
        )
    yaml_text = "\n".join(lines[1:end])
    try:
        doc = parse_yaml(yaml_text, line_offset=1)
    except YamlSyntaxError as exc:
        raise SourceError(exc.line, "front-matter", exc.message) from None
    if doc.data is None:
        doc.data = {}
    elif not isinstance(doc.data, dict):
        raise SourceError(2, "front-matter", say("must be a list of 'key: value' lines"))
    body = "\n".join(lines[end + 1 :])
    return MarkdownSource(doc, pack(body), end + 2, text_key(body))
