"""`skaidra edit`: the web editor on this computer, saving into the site folder's git repository.

Two processes, started and stopped together: Decap CMS's local git backend
(decap-server in git mode: every save is a commit) on the loopback
interface, and the devserver, which serves the editor at /admin/ and
rebuilds the site as the commits change it. decap-server is installed once,
with Node's npm, from the lock file the build's editor bundle comes from.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from skaidra_editor.bundle import LOCK, NPM, cache_root
from skaidra_editor.paths import ADMIN, LOCAL_ONLY_KEY, LOCAL_PORT, STATIC
from skaidra_model.speech import say

from .build import BuildRequest
from .devserver import devserver


class EditError(RuntimeError):
    """What keeps the editor from starting, said to the person who ran the command."""


def repository_of(folder: Path) -> Path:
    """The top of the git repository `folder` is in."""
    if shutil.which("git") is None:
        raise EditError(
            say(
                "git is not installed; the editor saves every change as a git commit. Install git first."
            )
        )
    found = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise EditError(say(
            "{folder} is not in a git repository; the editor saves every change as a commit. "
            "Run 'git init' and commit the site first (the guide shows how).", folder=f"{folder}/",
        ))  # fmt: skip
    return Path(found.stdout.strip())


def local_backend() -> Path:
    """decap-server's entry point, installed by `npm ci` from the editor's lock file on first use."""
    pinned = hashlib.sha256(LOCK.read_bytes()).hexdigest()[:12]
    folder = cache_root() / "npm" / f"decap-server-{pinned}"
    entry = folder / "node_modules" / "decap-server" / "dist" / "index.js"
    if entry.is_file():
        return entry
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise EditError(
            say(
                "'skaidra edit' needs Node.js 18 or newer (node and npm) for the editor's local git backend; install it first."
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    with (folder.parent / f"{folder.name}.lock").open("w") as lock:
        fcntl.flock(
            lock, fcntl.LOCK_EX
        )  # another `skaidra edit` may be installing it at this moment
        if not entry.is_file():
            for name in ("package.json", "package-lock.json"):
                shutil.copyfile(NPM / name, folder / name)
            print(say("Installing the editor's local git backend (once)…"), file=sys.stderr)
            subprocess.run(
                [npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=folder,
                check=False,
            )
    if not entry.is_file():
        raise EditError(
            say(
                "npm could not install the editor's local git backend (see above); check the internet connection."
            )
        )
    return entry


def output_is_ignored(repository: Path, output: Path) -> None:
    """The editor's commits take in every change of the work tree: the built site must be left out of them."""
    probe = output.resolve() / "index.html"
    ignored = subprocess.run(
        ["git", "-C", str(repository), "check-ignore", "-q", str(probe)],
        capture_output=True,
        check=False,
    )
    if ignored.returncode != 0:
        raise EditError(say(
            "{folder} is not ignored by git, and the editor commits every change of the folder; "
            "add it to .gitignore first (a site made by 'skaidra init' has it there).", folder=f"{output}/",
        ))  # fmt: skip


def start_backend(repository: Path, port: int, backend_port: int) -> subprocess.Popen:
    """decap-server in git mode on the loopback interface, answering only the editor served on `port`."""
    origins = " ".join(f"http://{host}:{port}" for host in ("localhost", "127.0.0.1"))
    env = {
        **os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repository), "PORT": str(backend_port),
        "LOG_LEVEL": "warn", "SKAIDRA_EDITOR_ORIGINS": origins,
    }  # fmt: skip
    node = shutil.which("node") or "node"
    return subprocess.Popen(
        [node, "--require", str(STATIC / "local-backend-guard.js"), str(local_backend())], env=env
    )


def _interrupted(_signal, _frame) -> None:
    raise KeyboardInterrupt


def edit(request: BuildRequest, port: int, backend_port: int = LOCAL_PORT) -> int:
    """Run the editor until Ctrl+C (or SIGTERM); both processes stop together."""
    # Ctrl+C stops it even where it was started with SIGINT ignored (as a background job is), and so does SIGTERM.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        repository = repository_of(Path(request.input_dir).resolve())
        output_is_ignored(repository, Path(request.output_dir))
        backend = start_backend(repository, port, backend_port)
    except EditError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        say(
            "The editor is at {address}; it saves into {repository} as commits.",
            address=f"http://localhost:{port}/{ADMIN}/",
            repository=f"{repository}/",
        ),
        file=sys.stderr,
    )
    request.overrides = {**request.overrides, LOCAL_ONLY_KEY: backend_port}
    try:
        return devserver(request, port)
    finally:
        backend.terminate()
        try:
            backend.wait(timeout=10)
        except subprocess.TimeoutExpired:
            backend.kill()
