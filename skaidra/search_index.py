"""The site search index: Pagefind over the finished pages, in parts.

Only the pages whose text is searched (marked `data-pagefind-body` by their
template) are handed to Pagefind. They are shared out among parts of at most
`pages_per_part` pages and about BYTES_PER_PART bytes each (a large section's
pages in parts of their own), by a stable hash of their paths; each part is its
own Pagefind bundle in `pagefind/<section>-<n>/`, indexed by its own Pagefind
process, so that the memory the index takes is bounded by a part, not by the
site. `pagefind/parts.json` lists the bundles with a digest of their pages; the
search page loads the first and merges the others (Pagefind's `mergeIndex`). A
part whose pages are byte for byte those the last build indexed is taken from
that build's output instead of being indexed again.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import shutil
import subprocess
import tempfile
import time
import zlib
from collections.abc import Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from pagefind_bin import get_executable
from skaidra_core.outputs import Output, link_or_copy
from skaidra_core.page_memo import Stamped, digest
from skaidra_model.cache_files import keep, kept
from skaidra_model.speech import number, say

FOLDER = "pagefind"
BODY = b"data-pagefind-body"  # the mark of a page whose text is searched
PARTS_FILE = "parts.json"
MARKED = "+"  # before the digest of a page that marks its body (_worth)
SHARED_PARTS = "pages"  # the parts of the small sections (a section of this name among them)
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # before the JSON in a Pagefind fragment, gzipped

# Pagefind indexes about a hundred pages a second here; a site that takes ten
# minutes is stuck, not large.
TIMEOUT_SECONDS = 600
# Pagefind's time and memory grow with the bytes of a part's pages, not their number: 250 posts are
# some 3.4 MB, 250 projects' pages twice that (0.6 s to index here). A part holds about this many
# bytes at most, so that a part of large pages is as quick to index again as one of posts.
BYTES_PER_PART = 4 * 1024 * 1024


def section_of(page: str, languages: Collection[str]) -> str:
    """The first folder of a page's address, after its language's (`en/projects/x/` is in `projects`)."""
    folders = page.split("/")[:-1]
    if folders and folders[0] in languages:
        folders = folders[1:]
    return folders[0] if folders else ""


def share_out(
    pages: list[str],
    pages_per_part: int,
    languages: Collection[str] = (),
    sizes: Mapping[str, int] | None = None,
) -> dict[str, list[str]]:
    """The pages of each part, by the part's bundle name. A section of at least half a part (posts,
    projects, events) has parts of its own, the smaller ones (funders, organisations, single pages)
    share theirs: a change to a figure that few pages show re-indexes few pages. Within each, as many
    parts as its pages' number and their `sizes` in bytes ask (BYTES_PER_PART), each page always in
    the same one for that count."""
    sections: dict[str, list[str]] = {}
    for page in sorted(pages):
        sections.setdefault(section_of(page, languages), []).append(page)
    groups: dict[str, list[str]] = {}
    for section, members in sections.items():
        own = section not in ("", SHARED_PARTS) and len(members) >= pages_per_part / 2
        groups.setdefault(section if own else SHARED_PARTS, []).extend(members)
    parts = {}
    for section, members in sorted(groups.items()):
        size = sum(sizes.get(page, 0) for page in members) if sizes else 0
        count = max(1, math.ceil(len(members) / pages_per_part), math.ceil(size / BYTES_PER_PART))
        shares: list[list[str]] = [[] for _ in range(count)]
        for page in sorted(members):
            shares[int(digest(page)[:8], 16) % count].append(page)
        for number_, share in enumerate(shares):
            if share:
                parts[f"{section}-{number_}/"] = share
    return parts


@dataclass
class Reuse:
    """What a build over its last output hands the index, so that it reads and writes little."""

    kept: set[str] = field(default_factory=set)  # paths in the last output the build took from it
    parts_kept: bool = False  # unchanged parts stay there too, their files added to `kept`
    stamps: Path | None = None  # where the digests of its pages are kept between builds
    seen: dict[str, list] = field(default_factory=dict)  # [size, mtime_ns] of kept files, as found


def build_search_index(
    site: Path,
    previous: Path | None = None,
    pages_per_part: int = 250,
    processes: int = 1,
    timeout: float = TIMEOUT_SECONDS,
    languages: Collection[str] = (),
    reuse: Reuse | None = None,
) -> list[str]:
    """Index the pages of `site`, and those `reuse.kept` in `previous` (the last output), into
    `site/pagefind/`, reusing the parts of `previous` whose pages did not change (linked into `site`, or
    with `reuse.parts_kept` left in `previous`), indexing up to `processes` parts at a time; return
    problems (none when it worked)."""
    deadline = time.monotonic() + timeout
    try:
        _build(site, previous, reuse or Reuse(), pages_per_part, processes, deadline, languages)
    except subprocess.TimeoutExpired:
        return [
            say(
                "error: the search index was not built within {seconds} s; set SKAIDRA['search'] = False for a site this large",
                seconds=number(timeout),
            )
        ]
    except subprocess.CalledProcessError as exc:  # Pagefind's own failures, in its words
        return [
            say(
                "error: the search index could not be built: {reason}",
                reason=(exc.stderr or exc.stdout or "").strip(),
            )
        ]
    return []


def indexed_pages(
    site: Path, kept: dict[str, Path | str], stamped: Stamped | None = None
) -> dict[str, tuple[str, Path | str, int]]:
    """The pages Pagefind would index, with a digest of each, where it is (in `site`, or one of those
    `kept` in the last build's folder, whose digests `stamped` may know from the build before) and its
    size. Once a page marks its body, Pagefind indexes no page that marks none (lists, filters, month
    views), so those are not handed to it at all."""
    found = {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")}
    stamped = stamped if stamped is not None else Stamped()
    pages, marked = {}, {}
    for page, path in {**kept, **found}.items():
        if FOLDER in page.split("/")[:1]:
            continue
        if page not in found:
            worth = stamped.of(page, path, lambda path=path: _worth(Path(path).read_bytes()))
            size = stamped.size(path)
        else:
            data = Path(path).read_bytes()
            worth, size = _worth(data), len(data)
        pages[page] = (worth[1:], path, size)
        if worth[0] == MARKED:
            marked[page] = pages[page]
    return marked or pages


def _worth(data: bytes) -> str:
    """A page's digest, after MARKED if it marks its body."""
    return (MARKED if BODY in data else "-") + digest(data)


def _build(
    site: Path,
    previous: Path | None,
    reuse: Reuse,
    pages_per_part: int,
    processes: int,
    deadline: float,
    languages: Collection[str],
) -> None:
    kept = reuse.kept if previous else ()
    seen = {f"{previous}/{page}": stamp for page, stamp in reuse.seen.items()} if previous else {}
    stamped = Stamped(_stamps(reuse.stamps), seen) if reuse.stamps else None
    pages = indexed_pages(
        site, {page: f"{previous}/{page}" for page in kept if page.endswith(".html")}, stamped
    )
    if stamped is not None:
        keep(reuse.stamps, stamped.current)
    known = _previous_parts(previous)
    listed = []
    engine = version("pagefind_bin")
    sizes = {page: size for page, (_digest, _path, size) in pages.items()}
    to_index = []
    for bundle, members in share_out(list(pages), pages_per_part, languages, sizes).items():
        pages_digest = digest(engine, *(f"{page}\0{pages[page][0]}" for page in members))
        target = site / FOLDER / bundle
        if (
            previous is not None
            and known.get(bundle) == pages_digest
            and (previous / FOLDER / bundle).is_dir()
        ):
            if reuse.parts_kept:
                reuse.kept.update(_files_of(previous, f"{FOLDER}/{bundle}"))
            else:
                _link_tree(previous / FOLDER / bundle, target)
        else:
            found = {page: pages[page][1] for page in members}
            # the pages taken unchanged from the last build are read where it left them
            taken = {
                page for page in members if os.fspath(pages[page][1]) != os.fspath(site / page)
            }
            last = previous / FOLDER / bundle if previous is not None else None
            to_index.append((sum(sizes[page] for page in members), bundle, found, taken, last))
        listed.append({"bundle": bundle, "digest": pages_digest})
    # the largest parts first, so that the last to start is a small one: the cores are not left to
    # one long part at the end (three changed parts on two cores: the longest alone, the others after
    # each other beside it)
    to_index.sort(key=lambda part: (-part[0], part[1]))
    with ThreadPoolExecutor(max_workers=max(processes, 1)) as pool:  # a Pagefind process a part
        running = [
            pool.submit(_index, site, found, site / FOLDER / bundle, deadline, (last, taken))
            for _size, bundle, found, taken, last in to_index
        ]
        for job in running:
            job.result()
    for part in listed:  # the search page merges only the parts in its language
        entry = f"{FOLDER}/{part['bundle']}pagefind-entry.json"
        part["languages"] = _languages(
            site / entry if (site / entry).exists() or previous is None else previous / entry
        )
    (site / FOLDER).mkdir(parents=True, exist_ok=True)
    (site / FOLDER / PARTS_FILE).write_text(
        json.dumps({"parts": listed}, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def _index(
    site: Path,
    pages: dict[str, Path | str],
    target: Path,
    deadline: float,
    last: tuple[Path | None, Collection[str]] = (None, ()),
) -> None:
    """Run Pagefind over `pages` (each page where it is) alone: a folder of links to them, laid out as in
    the site, is what it reads. Its binary is run itself: `python -m pagefind` would start a Python
    first, 50 ms a part. `last`: the part's folder in the last build, and the pages taken from that
    build unchanged, whose fragments are taken from it (`_take_fragments`)."""
    mirror = Path(tempfile.mkdtemp(prefix=f".{site.name}.search-", dir=site.parent))
    try:
        for page, path in pages.items():
            (mirror / page).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(path, mirror / page)
        if last[0] is not None and last[1]:
            _take_fragments(last[0], target, {"/" + Output(page).url for page in last[1]})
        subprocess.run(
            [str(get_executable()), "--site", str(mirror), "--output-path", str(target), "--silent"],
            capture_output=True, text=True, check=True, timeout=max(deadline - time.monotonic(), 0.001),
        )  # fmt: skip
    finally:
        shutil.rmtree(mirror, ignore_errors=True)
    _stable_entry(target / "pagefind-entry.json")


def _take_fragments(last: Path, target: Path, urls: set[str]) -> None:
    """Link into `target` the fragments of the part's last index that are those of pages at `urls`
    (taken unchanged from the last build: their fragments are the same, and named by what they hold).
    Pagefind writes no file it finds there already, and the part's own time falls by a quarter, most
    of it the system's, writing. Only from an index of the same Pagefind version; a fragment that
    cannot be read is left to Pagefind."""
    try:
        entry = json.loads((last / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry.get("version") != version("pagefind_bin"):
            return
        fragments = list((last / "fragment").iterdir())
    except (OSError, ValueError, AttributeError):
        return
    (target / "fragment").mkdir(parents=True, exist_ok=True)
    for fragment in fragments:
        try:
            data = gzip.decompress(fragment.read_bytes())
            url = (
                json.loads(data[len(FRAGMENT_SIGNATURE) :])["url"]
                if data.startswith(FRAGMENT_SIGNATURE)
                else None
            )
        except (OSError, ValueError, KeyError, TypeError, EOFError, zlib.error):
            continue
        if url in urls:
            link_or_copy(fragment, target / "fragment" / fragment.name)


def _previous_parts(previous: Path | None) -> dict[str, str]:
    """The bundles the last build listed, with the digests of their pages."""
    try:
        listed = json.loads((previous / FOLDER / PARTS_FILE).read_text(encoding="utf-8"))["parts"]  # type: ignore[operator]
        return {part["bundle"]: part["digest"] for part in listed}
    except (OSError, TypeError, ValueError, KeyError):
        return {}


def _languages(entry: Path) -> list[str] | None:
    """The languages a part's pages are in, as Pagefind's entry lists them (None if it cannot say)."""
    try:
        return sorted(json.loads(entry.read_text(encoding="utf-8"))["languages"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _files_of(root: Path, folder: str) -> list[str]:
    """The files under `root / folder`, as paths relative to `root` (a part holds a file for each of
    its pages: listed by name, not by a Path and a stat each)."""
    found = []
    for at, _folders, names in os.walk(root / folder):
        relative = Path(at).relative_to(root).as_posix()
        found.extend(f"{relative}/{name}" for name in names)
    return found


def _stamps(file: Path) -> dict | None:
    """The digests of the last output's pages as the build before kept them (none if it cannot tell)."""
    stamps = kept(file)
    return stamps if isinstance(stamps, dict) else None


def _link_tree(source: Path, target: Path) -> None:
    for folder, _dirs, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            link_or_copy(Path(folder) / name, target / relative / name)


def _stable_entry(entry: Path) -> None:
    """Pagefind lists its languages in any order; sort them, so builds are reproducible."""
    if entry.exists():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(
            json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
