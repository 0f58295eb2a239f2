"""Files a build keeps in its content cache for the next one: written whole or not at all, and read as
nothing when they are missing or damaged (a cache is never the only copy of anything)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

DAMAGED = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError)


def keep(path: Path, value: Any) -> None:
    """Keep `value` in `path`, pickled as it is written (never whole in memory), replacing the file
    only once it is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as out:
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def kept(path: Path, default: Any = None) -> Any:
    """What `keep` kept in `path`, or `default` where it cannot be read."""
    try:
        with path.open("rb") as found:
            return pickle.load(found)
    except DAMAGED:
        return default
