"""`skaidra gather`: refresh the copies of what an umbrella's members published.

Each member's endpoints are read from its `source` (a URL, or a folder
relative to the content folder), `url` when none is given: over HTTP as
fetch.py allows, a bounded number at a time, and conditional requests (`ETag`,
`Last-Modified`), so that an unchanged file costs no transfer. A good file
replaces the copy; a member that cannot be read, a file that is not what
the endpoint promises or is over the size limit, is a warning naming the
member and the file, and the last good copy stays. A file a member never
published is simply absent.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from skaidra_model.problems import WARNING, Problem
from skaidra_model.site_file import SITE_FILE, read_site_file
from skaidra_model.speech import say

from .copies import FILES, SIZE_LIMIT, STATE, folder_of, problem_with, read_state
from .fetch import Fetched, fetch_url

AT_ONCE = 8  # files fetched at the same time


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(source: str, relative: str, known: dict[str, str]) -> Fetched:
    """One endpoint of one member, from a URL (fetch.py) or a folder the umbrella's site.yaml names."""
    if _is_url(source):
        return fetch_url(source.rstrip("/") + "/" + relative, known, SIZE_LIMIT)
    path = Path(source) / relative
    if not path.is_file():
        return Fetched("absent")
    with path.open("rb") as handle:
        return Fetched(
            "new", handle.read(SIZE_LIMIT + 1)
        )  # over the limit: refused as the copy is judged


def _write(path: Path, data: bytes) -> None:
    """Replace a file whole: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gather-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def gather(content: Path, shown: str, now: dt.datetime) -> tuple[list[Problem], int]:
    """Refresh every member's copies; return the warnings and how many files changed."""
    read = read_site_file(content, shown)
    if read.problems:
        return list(read.problems), 0
    members = (read.site_file.members or []) if read.site_file else []
    where = f"{shown}/{SITE_FILE}"
    jobs = []
    states = {member.id: read_state(content, member.id) for member in members}
    for i, member in enumerate(members):
        source = member.source or member.url
        if not _is_url(source):
            source = str((content / source).resolve())
        for relative in FILES:
            jobs.append((i, member, source, relative))
    with ThreadPoolExecutor(AT_ONCE) as pool:
        results = list(
            pool.map(lambda job: fetch(job[2], job[3], states[job[1].id].get(job[3], {})), jobs)
        )
    warnings: list[Problem] = []
    changed = 0
    stamp = now.astimezone(dt.UTC).isoformat(timespec="seconds")
    for (i, member, _source, relative), fetched in zip(jobs, results, strict=True):
        state = states[member.id]
        known = state.get(relative)

        def warn(
            message: str, known=known, i=i, member=member, relative=relative
        ) -> None:  # this iteration's
            kept = (
                say("its copy of {date} is used", date=known["fetched"][:10])
                if known
                else say("there is no earlier copy")
            )
            line = read.line_of(("members", i, "id"))
            warnings.append(
                Problem(
                    where,
                    line,
                    f"members[{i}]",
                    f"{member.id}: {relative}: {message}; {kept}",
                    WARNING,
                )
            )

        if fetched.outcome == "new":
            trouble = problem_with(relative, fetched.data)
            if trouble:
                warn(trouble)
                continue
            target = folder_of(content, member.id) / relative
            if not target.is_file() or target.read_bytes() != fetched.data:
                _write(target, fetched.data)
                changed += 1
            state[relative] = {"fetched": stamp, "etag": fetched.etag, "modified": fetched.modified}
        elif fetched.outcome == "unchanged" and known:
            known["fetched"] = stamp
        elif fetched.outcome == "absent":
            if known:
                warn(say("is no longer published"))
        else:
            warn(say("cannot be read ({reason})", reason=fetched.reason))
    for member in members:
        _write(
            folder_of(content, member.id) / STATE,
            (json.dumps(states[member.id], indent=2, sort_keys=True) + "\n").encode(),
        )
    return warnings, changed
