"""Published identities (event UIDs, episode guids) that survive renamed files.

An identity is derived once, from the file name, unless the file gives one
(`uid`, `guid`). Builds record it in `content/.skaidra/identities.json`
with a fingerprint of the item. When a file is renamed, the new file takes
the identity of a recorded file that no longer exists if at least two of
title, date and body still match, so a rename (even with an edited title or
date) never changes what subscribers already have. For an event it also
records a digest of its schedule (times, series, place, status) and the
calendar SEQUENCE, raised each time a build finds that schedule changed, so
that calendar apps replace what they hold. Commit the registry.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .messages import message_of
from .problems import dotted
from .speech import say

REGISTRY = Path(".skaidra") / "identities.json"
# The Podcasting 2.0 namespace's UUID for podcast:guid, also the base of episode guids.
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
KINDS = ("events", "episodes")
# The domain of identities made before the site has an address (RFC 6761: it never resolves). They are
# not recorded, so the first build that knows the address makes and records the lasting ones.
PROVISIONAL_DOMAIN = "unpublished.invalid"


@dataclass(frozen=True)
class Candidate:
    """An item that needs an identity."""

    source: str
    explicit: str | None
    derived: str
    title: str
    when: str
    body: str
    schedule: str = ""  # an event's times, series, place and status, as text (see `assign`)

    @property
    def fingerprint(self) -> dict[str, str]:
        digest = hashlib.sha256(self.body.strip().encode("utf-8")).hexdigest()[:16]
        return {"title": self.title, "when": self.when, "body": digest}


class RegistryError(ValueError):
    """The registry file is not what builds write; `line` and `field` say where."""

    def __init__(self, message: str, line: int = 1, field: str = "file"):
        super().__init__(message)
        self.line = line
        self.field = field


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    id: Annotated[str, Field(min_length=1)]
    title: str = ""
    when: str = ""
    body: str = ""
    schedule: str = ""
    sequence: Annotated[int, Field(ge=0)] = 0


class _Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    events: dict[str, _Entry] = {}
    episodes: dict[str, _Entry] = {}


def read_registry(content: Path) -> dict[str, dict[str, dict[str, str]]]:
    """The recorded identities, per kind, by source path (empty if none yet)."""
    path = content / REGISTRY
    if not path.exists():
        return {kind: {} for kind in KINDS}
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegistryError(
            say(
                "is not a registry written by Skaidra ({reason}); restore it from version control",
                reason=exc,
            )
        ) from None
    try:
        registry = _Registry.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        raise RegistryError(
            say(
                "is not a registry written by Skaidra ({reason}); restore it from version control",
                reason=message_of(error, _Registry, loc),
            ),
            _line_of_keys(text, loc),
            dotted(loc),
        ) from None
    dumped = registry.model_dump()
    return {kind: dumped[kind] for kind in KINDS}


def _line_of_keys(text: str, loc: tuple) -> int:
    """The line of the last key of `loc` found, searching each after the one before."""
    position = 0
    for part in loc:
        if isinstance(part, str):
            found = text.find(json.dumps(part, ensure_ascii=False), position)
            if found >= 0:
                position = found
    return text.count("\n", 0, position) + 1


def assign(
    candidates: list[Candidate], recorded: dict[str, dict[str, str]]
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Give each candidate its identity; return them by source, and the updated record."""
    present = {c.source for c in candidates}
    orphans = {source: entry for source, entry in recorded.items() if source not in present}
    ids: dict[str, str] = {}
    for candidate in sorted(candidates, key=lambda c: c.source):
        if candidate.explicit:
            ids[candidate.source] = candidate.explicit
        elif candidate.source in recorded:
            ids[candidate.source] = recorded[candidate.source]["id"]
        else:
            match = _best_orphan(candidate, orphans)
            if match is not None:
                ids[candidate.source] = orphans.pop(match)["id"]
            else:
                ids[candidate.source] = candidate.derived
    by_id = {entry["id"]: entry for entry in recorded.values()}
    updated = dict(orphans)
    for candidate in candidates:
        entry = {"id": ids[candidate.source], **candidate.fingerprint}
        if candidate.schedule:
            schedule = hashlib.sha256(candidate.schedule.encode("utf-8")).hexdigest()[:16]
            before = by_id.get(entry["id"], {})
            raised = bool(before.get("schedule")) and before["schedule"] != schedule
            entry.update(schedule=schedule, sequence=before.get("sequence", 0) + raised)
        updated[candidate.source] = entry
    return ids, dict(sorted(updated.items()))


def _best_orphan(candidate: Candidate, orphans: dict[str, dict[str, str]]) -> str | None:
    """The recorded file that this one most likely was: two of three traits must match."""
    fingerprint = candidate.fingerprint
    scored = sorted(
        (-sum(entry.get(key) == value for key, value in fingerprint.items()), source)
        for source, entry in orphans.items()
    )
    return scored[0][1] if scored and -scored[0][0] >= 2 else None


def write_registry(content: Path, registry: dict[str, dict[str, dict[str, str]]]) -> bool:
    """Save the registry if it changed; return whether it did."""
    path = content / REGISTRY
    text = json.dumps(registry, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
