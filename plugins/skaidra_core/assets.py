"""Fingerprinted theme assets: `main.css` is published as `main.<hash>.css`.

The name changes whenever the content does, so hosts may let browsers keep
theme files for a year and still never serve a stale style or script.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def fingerprints(static: Path) -> dict[str, str]:
    """Each file under the theme's static folder, by relative path, with its published name."""
    names = {}
    for path in sorted(static.rglob("*")):
        if path.is_file():
            relative = path.relative_to(static).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            stem, dot, suffix = relative.rpartition(".")
            names[relative] = f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"
    return names


def rename_published(output: Path, static_dir: str, names: dict[str, str]) -> None:
    """Give the copies Pelican made of the theme's files their fingerprinted names."""
    for relative, published in names.items():
        source = output / static_dir / relative
        if source.exists():
            os.replace(source, output / static_dir / published)
