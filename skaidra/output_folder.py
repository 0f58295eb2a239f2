"""Bringing a finished build from its scratch folder into the output folder.

A rebuild with the page memo (page_memo.py) leaves the files it took from the
last build where they are: the scratch folder holds only what it made anew.
Only what changed is touched: a file whose bytes are the same as before keeps
its bytes and its modification time, so that `rsync`, an upload to object
storage or a browser's cache sees only the files that really changed. New and
changed files are renamed in one by one (each rename is atomic), files the
build no longer makes are deleted, and so are the folders they leave empty.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from skaidra_core.outputs import link_or_copy
from skaidra_model.shared_work import collect, fork, stop


@dataclass(frozen=True)
class Changes:
    """What bringing a build in did to the output folder, as paths relative to it."""

    written: tuple[str, ...]  # new or changed
    deleted: tuple[str, ...]
    kept: int  # files left as they were


@contextmanager
def listed_aside(folder: Path) -> Iterator[Callable[[], set[str]]]:
    """List the files in `folder` in a process of its own from the start of the build, which does not
    write there before `bring_in`: at 5 000 posts, 20 000 files in 10 000 folders, which took the
    build's own process 0.3 s. Yields the function that waits for the list (`bring_in`'s `before`);
    where the system cannot fork, or the process failed, the folder is listed when it is asked for."""
    if not hasattr(os, "fork") or not folder.is_dir():
        yield lambda: _files(folder)
        return
    forked = fork(_listed, [folder])
    found: list[set[str]] = []

    def before() -> set[str]:
        if not found:
            listed, failures = collect([forked])
            found.append(listed[0] if not failures else _files(folder))
        return found[0]

    try:
        yield before
    finally:
        if not found:  # the build ended before it brought anything in
            stop([forked])


def _listed(folders: list[Path]) -> set[str]:
    (folder,) = folders
    return _files(folder)


def _files(folder: Path) -> set[str]:
    root = str(folder)
    found = set()
    for parent, _dirs, names in os.walk(root):
        prefix = parent[len(root) + 1 :] + "/" if parent != root else ""
        found.update(prefix + name for name in names)
    return found


def _same(one: Path, other: Path) -> bool:
    first, second = one.stat(), other.stat()
    if (first.st_dev, first.st_ino) == (
        second.st_dev,
        second.st_ino,
    ):  # a link to the same file (a search part taken from the last build)
        return True
    if first.st_size != second.st_size:
        return False
    with one.open("rb") as a, other.open("rb") as b:
        while True:
            block = a.read(1 << 20)
            if block != b.read(1 << 20):
                return False
            if not block:
                return True


def _make_room(target: Path, output: Path) -> None:
    """Clear the way for a file at `target`: an old file where a folder now goes, an old folder where the file goes."""
    for folder in reversed(target.relative_to(output).parents[:-1]):
        if (output / folder).is_file():
            (output / folder).unlink()
    if target.is_dir():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)


def bring_in(
    scratch: Path,
    output: Path,
    kept: Collection[str] = (),
    before: Callable[[], set[str]] | None = None,
) -> Changes:
    """Make `output` hold exactly what `scratch` holds and the files `kept` (paths in `output`, which the
    build took from the last one and left there), touching only what differs; `scratch` is gone after.
    A file in `scratch` wins over the same path kept. `before` gives the files `output` holds, if they
    were listed meanwhile (`listed_aside`)."""
    scratch.chmod(0o755)
    built = _files(scratch)
    if not output.is_dir():
        scratch.rename(output)
        return Changes(tuple(sorted(built)), (), 0)
    before = before() if before is not None else _files(output)
    kept = (set(kept) & before) - built
    written = []
    for relative in sorted(built):
        source, target = scratch / relative, output / relative
        if relative in before and _same(source, target):
            continue
        _make_room(target, output)
        os.replace(source, target)
        written.append(relative)
    deleted = sorted(before - built - kept)
    for relative in deleted:
        target = output / relative
        if target.is_file() or target.is_symlink():
            target.unlink()
        folder = target.parent
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    shutil.rmtree(scratch, ignore_errors=True)
    return Changes(tuple(written), tuple(deleted), len(built) - len(written) + len(kept))


def take_kept(kept: Collection[str], output: Path, scratch: Path) -> None:
    """Link the files `kept` in `output` into `scratch`, for a check that must see the whole site there."""
    for relative in kept:
        target = scratch / relative
        if not target.exists():  # what the build made anew wins
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(output / relative, target)
