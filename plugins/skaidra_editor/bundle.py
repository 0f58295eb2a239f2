"""The web editor's programs, as `npm/package-lock.json` pins them.

A build copies Decap CMS's browser bundle (and the YAML library the editor's
list files need) into `/admin/`: each comes from the npm registry once, is
checked against the lock file's integrity hash, and is kept in the user's
cache, so that a build never loads anything from elsewhere and a second one
needs no network. Node is not needed for this; `skaidra edit` needs it for
the local git backend (`npm ci` of the same lock file).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from skaidra_model.speech import say

NPM = Path(__file__).parent / "npm"
LOCK = NPM / "package-lock.json"
REGISTRY = "https://registry.npmjs.org"  # SKAIDRA_NPM_REGISTRY names a mirror
TIMEOUT = 60  # seconds for one download


@dataclass(frozen=True)
class Part:
    """Files a build copies from one npm package: those under `folder` whose names `wanted` accepts."""

    package: str
    folder: str  # inside the package
    target: str  # under admin/

    def wanted(self, name: str) -> bool:
        if (
            self.package == "decap-cms"
        ):  # the bundle, its chunks and WebAssembly; not the other build or maps
            return name == "decap-cms.js" or name.endswith(
                (".decap-cms.js", ".wasm", "decap-cms.js.LICENSE.txt")
            )
        return not name.endswith(".map")


PARTS = (Part("decap-cms", "dist", "decap"), Part("yaml", "browser/dist", "yaml"))


class BundleMissing(RuntimeError):
    """The editor's files are not here and could not be fetched."""


@dataclass(frozen=True)
class Pinned:
    name: str
    version: str
    integrity: str  # "sha512-<base64>"

    @property
    def url(self) -> str:
        registry = os.environ.get("SKAIDRA_NPM_REGISTRY", REGISTRY).rstrip("/")
        return f"{registry}/{self.name}/-/{self.name.rsplit('/', 1)[-1]}-{self.version}.tgz"


def pinned(name: str) -> Pinned:
    """A package's version and hash, from the lock file."""
    packages = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]
    entry = packages[f"node_modules/{name}"]
    return Pinned(name, entry["version"], entry["integrity"])


def cache_root() -> Path:
    """Where downloaded programs are kept: SKAIDRA_CACHE, else the user's cache folder."""
    if os.environ.get("SKAIDRA_CACHE"):
        return Path(os.environ["SKAIDRA_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "skaidra"


def _verified(data: bytes, integrity: str) -> bool:
    algorithm, _, expected = integrity.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def _download(package: Pinned) -> bytes:
    try:
        with urllib.request.urlopen(package.url, timeout=TIMEOUT) as response:
            data = response.read()
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise BundleMissing(
            say(
                "the web editor needs {package} {version}, which is not on this computer yet and could not be downloaded "
                "from {url} ({reason}); connect to the internet and build again (it is kept afterwards), or remove 'editor'",
                package=package.name,
                version=package.version,
                url=package.url,
                reason=reason,
            )
        ) from None
    if not _verified(data, package.integrity):
        raise BundleMissing(
            say(
                "{url} did not give the file package-lock.json pins (its hash differs); nothing of it was used",
                url=package.url,
            )
        )
    return data


def unpacked(part: Part) -> Path:
    """The folder holding `part`'s files, downloading and checking them the first time."""
    package = pinned(part.package)
    folder = (
        cache_root()
        / "npm"
        / f"{package.name}-{package.version}-{package.integrity[7:19].replace('/', '_')}"
    )
    if folder.is_dir():
        return folder
    data = _download(package)
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=folder.parent))
    prefix = f"package/{part.folder}/"
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            relative = member.name[len(prefix) :] if member.name.startswith(prefix) else None
            if not member.isfile() or not relative or not part.wanted(relative.rsplit("/", 1)[-1]):
                continue
            target = scratch / relative
            if not target.resolve().is_relative_to(scratch.resolve()):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            extracted = archive.extractfile(member)
            assert extracted is not None
            target.write_bytes(extracted.read())
    try:
        scratch.rename(folder)
    except OSError:  # another build unpacked it meanwhile
        shutil.rmtree(scratch, ignore_errors=True)
    return folder


def editor_files() -> list[tuple[str, Path]]:
    """(path under admin/, file) for every file of the editor's programs."""
    files = []
    for part in PARTS:
        folder = unpacked(part)
        files.extend(
            (f"{part.target}/{path.relative_to(folder).as_posix()}", path)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        )
    return files
