"""Where the running generator was installed from, as a requirement a new site can pin.

pip records how it installed a distribution from anywhere but an index in the
distribution's `direct_url.json` (PEP 610): a git URL with its commit, an archive's URL,
or a local folder. A site made by `skaidra init` must install exactly this generator again
on another machine (a CI runner), so its `requirements.txt` names the same source, and
says so when that source is a path only this computer has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import __version__

DISTRIBUTION = "skaidra"


@dataclass(frozen=True)
class Source:
    """A pip requirement line for this generator, and whether another machine can resolve it."""

    requirement: str
    local_path: str = ""  # the folder or file on this computer it names, when it names one

    @property
    def portable(self) -> bool:
        return not self.local_path


def source_of(direct_url: dict | None, version: str = __version__) -> Source:
    """The requirement that installs again what `direct_url` (a parsed direct_url.json) describes;
    `None` means the index, by version."""
    if not direct_url or not isinstance(direct_url.get("url"), str):
        return Source(f"{DISTRIBUTION}=={version}")
    url = direct_url["url"]
    local = unquote(urlsplit(url).path) if url.startswith("file:") else ""
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") and vcs.get("commit_id"):
        return Source(f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}", local)
    archive = direct_url.get("archive_info")
    hashes = archive.get("hashes") if isinstance(archive, dict) else None
    if isinstance(hashes, dict) and "sha256" in hashes and not local:
        return Source(f"{DISTRIBUTION} @ {url}#sha256={hashes['sha256']}")
    return Source(f"{DISTRIBUTION} @ {url}", local)


def running_source() -> Source:
    """The source of the generator that is running now.

    Not installed at all (run from a clone of its repository, as its own Makefile does), it is
    that folder."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        folder = Path(__file__).resolve().parent.parent
        return Source(f"{DISTRIBUTION} @ {folder.as_uri()}", str(folder))
    recorded = distribution.read_text("direct_url.json")
    try:
        direct_url = json.loads(recorded) if recorded else None
    except json.JSONDecodeError:
        direct_url = None
    return source_of(direct_url if isinstance(direct_url, dict) else None)
