"""The history of every project's figures, read from the git repository the content folder is in.

For each project file, every commit that touched it (following renames) is read in order, and each
change to an amount, a period date, a target or an actual between one version and the next becomes
a `Change` with the commit's date and message; never its author. The first version is where the
history starts. Without git, outside a repository, or in a shallow clone (whose history is cut),
there is no history (None), and the build says so. The same commits give the same history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from .numbers import as_decimal

_RECORD, _FIELD = "\x1e", "\x1f"  # what git writes for %x1e and %x1f


@dataclass(frozen=True)
class Change:
    """One figure changed by one commit."""

    day: dt.date  # the commit's date
    message: str  # the commit's subject line
    field: str  # the figure's place in the project file: funding[0].amount, period.end...
    kind: str  # amount, start, end, target or actual
    subject: str  # the funder of an amount, the name of an indicator; "" for the period
    unit: str  # the currency of an amount; "" otherwise
    old: Decimal | dt.date | None
    new: Decimal | dt.date | None


@dataclass(frozen=True)
class History:
    """Each project's changes, newest first, and when its file last changed."""

    changes: Mapping[str, tuple[Change, ...]]  # by project id
    modified: Mapping[
        str, str
    ]  # by project id: the last commit's date and time (ISO 8601, with its offset)


def read_history(content: Path, sources: Mapping[str, str]) -> History | None:
    """The history of the projects read from `sources` (id -> file under `content`), or None without one."""
    shallow = _git(content, "rev-parse", "--is-shallow-repository")
    if (
        shallow is None
        or shallow.strip() != "false"
        or _git(content, "rev-parse", "--verify", "-q", "HEAD") is None
    ):
        return None
    root = Path((_git(content, "rev-parse", "--show-toplevel") or "").strip())
    changes: dict[str, tuple[Change, ...]] = {}
    modified: dict[str, str] = {}
    logs = {pid: _commits(content, relative) for pid, relative in sorted(sources.items())}
    texts = iter(
        _show(
            root,
            [
                f"{commit}:{path}"
                for commits in logs.values()
                for commit, _when, _message, path in commits
            ],
        )
    )
    for pid, commits in logs.items():
        if not commits:
            continue
        modified[pid] = commits[-1][1]
        found: list[Change] = []
        before: dict[str, tuple] | None = None
        for _commit, when, message, _path in commits:
            figures = _figures(next(texts))
            if (
                figures is None
            ):  # that version did not parse: compare the next with the last that did
                continue
            if before is not None:
                day = dt.datetime.fromisoformat(when).date()
                for field in sorted(before.keys() | figures.keys(), key=_order):
                    old, new = before.get(field), figures.get(field)
                    if (old and old[3]) != (new and new[3]):
                        kind, subject, unit = (new or old)[:3]
                        found.append(
                            Change(
                                day,
                                message,
                                field,
                                kind,
                                subject,
                                unit,
                                old and old[3],
                                new and new[3],
                            )
                        )
            before = figures
        changes[pid] = tuple(reversed(found))
    return History(changes, modified)


# Paths as they are (git quotes and escapes non-ASCII ones by default: "\305\276alias.yaml").
GIT = ("git", "-c", "core.quotepath=false")


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            [*GIT, "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:  # no git at all
        return None
    return done.stdout if done.returncode == 0 else None


def _show(root: Path, specs: list[str]) -> list[str | None]:
    """The text of each `commit:path`, all read by one git process (None where there is none)."""
    if not specs:
        return []
    try:
        done = subprocess.run([*GIT, "-C", str(root), "cat-file", "--batch"], input="\n".join(specs).encode() + b"\n",
                              capture_output=True, check=False)  # fmt: skip
    except OSError:
        return [None] * len(specs)
    out, at, texts = done.stdout, 0, []
    for _spec in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) == 3:  # "<object> <type> <size>", then the object
            size = int(header[2])
            texts.append(
                out[end + 1 : end + 1 + size].decode("utf-8", errors="replace")
                if header[1] == b"blob"
                else None
            )
            at = end + 1 + size + 1
        else:  # "<spec> missing"
            texts.append(None)
            at = end + 1
    return texts


def _commits(content: Path, relative: str) -> list[tuple[str, str, str, str]]:
    """(commit, committer date, subject, path from the repository's root) of each commit that touched a file, oldest first."""
    log = (
        _git(
            content,
            "log",
            "--follow",
            "--format=%x1e%H%x1f%cI%x1f%s",
            "--name-only",
            "--",
            relative,
        )
        or ""
    )
    commits = []
    for record in log.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        commit, when, message = header.split(_FIELD, 2)
        path = next((name for name in names.split("\n") if name.strip()), None)
        if path:
            commits.append((commit, when, message, path))
    return list(reversed(commits))


def _figures(text: str | None) -> dict[str, tuple] | None:
    """The figures of one version of a project file: field -> (kind, subject, unit, value)."""
    try:
        data = yaml.safe_load(text) if text is not None else None
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    figures: dict[str, tuple] = {}
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    for key in ("start", "end"):
        if isinstance(period.get(key), dt.date):
            figures[f"period.{key}"] = (key, "", "", period[key])
    for i, grant in enumerate(data.get("funding") if isinstance(data.get("funding"), list) else []):
        if isinstance(grant, dict):
            figures[f"funding[{i}].amount"] = (
                "amount",
                str(grant.get("funder", "")),
                str(grant.get("currency", "EUR")),
                as_decimal(grant.get("amount")),
            )
    for a, activity in enumerate(
        data.get("activities") if isinstance(data.get("activities"), list) else []
    ):
        indicators = activity.get("indicators") if isinstance(activity, dict) else None
        for i, indicator in enumerate(indicators if isinstance(indicators, list) else []):
            if isinstance(indicator, dict):
                for key in ("target", "actual"):
                    if key in indicator:
                        figures[f"activities[{a}].indicators[{i}].{key}"] = (
                            key,
                            str(indicator.get("name", "")),
                            "",
                            as_decimal(indicator[key]),
                        )
    return figures


def _order(field: str) -> tuple:
    """Period first, then grants, then indicators, each in the file's order."""
    return (not field.startswith("period"), not field.startswith("funding"), field)
