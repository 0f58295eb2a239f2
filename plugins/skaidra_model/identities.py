"""Published identities (event UIDs, episode guids) that survive renamed files.

An identity is derived once, from the file name, unless the file gives one
(`uid`, `guid`). Builds record it in `content/.skaidra/identities.json`
with a fingerprint of the item. When a file is renamed, the new file takes
the identity of a recorded file that no longer exists if at least two of
title, date and body still match, so a rename (even with an edited title or
date) never changes what subscribers already have. Commit the registry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

REGISTRY = Path(".skaidra") / "identities.json"
KINDS = ("events", "episodes")


@dataclass(frozen=True)
class Candidate:
    """An item that needs an identity."""

    source: str
    explicit: str | None
    derived: str
    title: str
    when: str
    body: str

    @property
    def fingerprint(self) -> dict[str, str]:
        digest = hashlib.sha256(self.body.strip().encode("utf-8")).hexdigest()[:16]
        return {"title": self.title, "when": self.when, "body": digest}


class RegistryError(ValueError):
    """The registry file is not what builds write."""


def read_registry(content: Path) -> dict[str, dict[str, dict[str, str]]]:
    """The recorded identities, per kind, by source path (empty if none yet)."""
    path = content / REGISTRY
    if not path.exists():
        return {kind: {} for kind in KINDS}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        registry = {kind: dict(data.get(kind, {})) for kind in KINDS}
        for entries in registry.values():
            for entry in entries.values():
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    raise ValueError("an entry has no 'id'")
    except (ValueError, AttributeError) as exc:
        raise RegistryError(f"is not a registry written by Skaidra ({exc}); restore it from version control") from None
    return registry


def assign(candidates: list[Candidate], recorded: dict[str, dict[str, str]]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
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
    updated = dict(orphans)
    for candidate in candidates:
        updated[candidate.source] = {"id": ids[candidate.source], **candidate.fingerprint}
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
