"""Rebuild on every change and serve the last good build; pages reload in the browser when it changes."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from skaidra_model.source_files import remember_files
from skaidra_model.speech import number, say, say_count
from watchfiles import watch

from .build import BuildRequest, build
from .cache import CONTENT_CACHE
from .memory import give_back_large_blocks
from .quick_pages import KeptBuild, quick_pages
from .reload import ReloadingHandler, Version
from .serve import make_server


def watched_paths(request: BuildRequest) -> list[Path]:
    """Content, theme, plugins and settings: whatever changes the site."""
    root = request.settings_file.resolve().parent
    candidates = [
        Path(request.input_dir),
        root / "templates",
        root / "theme",
        root / "plugins",
        root / "skaidra",
        request.settings_file,
    ]  # a site's own templates; the generator's theme and code in its repository
    return [p for p in candidates if p.exists()]


class Preview:
    """The devserver's builds: each keeps the site in memory for the quick pages of the next change."""

    def __init__(self, request: BuildRequest) -> None:
        output = Path(request.output_dir)
        request.overrides = {
            "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(output.resolve().parent / CONTENT_CACHE),
            **request.overrides,
        }  # fmt: skip
        self.request = request
        self.kept: KeptBuild | None = None
        self.version = Version()
        remember_files()  # a rebuild reads and parses again only the content files that changed
        give_back_large_blocks()

    def _keep(self, kept: KeptBuild) -> None:
        self.kept = kept

    def build(self) -> int:
        code = build(self.request, keep=self._keep, sets_aside=False)  # see collector.py
        if code == 0:
            self.version.bump()
        return code

    def quick(self, paths: set[Path]) -> list[str]:
        """Write the quick pages of the changed files from the site the last build kept; return their paths."""
        kept, self.kept = (
            self.kept,
            None,
        )  # the next build holds the site; this one's is freed as it starts
        if kept is None:
            return []
        started = time.monotonic()
        written = quick_pages(kept, paths)
        if written:
            self.version.bump()
            print(
                say_count(
                    "{n} page rewritten in {seconds} s; building the rest.",
                    "{n} pages rewritten in {seconds} s; building the rest.",
                    len(written),
                    seconds=number(time.monotonic() - started, places=2),
                ),
                file=sys.stderr,
            )
        return written

    def changed(self, paths: set[Path]) -> int:
        """Write the quick pages of the changed files, then build the whole site again."""
        self.quick(paths)
        return self.build()


def devserver(request: BuildRequest, port: int) -> int:
    """Build, serve, and rebuild on change until interrupted; errors never stop it.

    Its builds keep the content cache beside the output folder, so that a rebuild renders only the
    pages whose inputs changed (page_memo.py); the content files as read, so that it reads and parses
    again only the changed ones; and the site, so that a saved post's page is rewritten before the
    rest (quick_pages.py)."""
    preview = Preview(request)
    preview.build()
    output = Path(request.output_dir)
    output.mkdir(parents=True, exist_ok=True)
    server = make_server(output, port, handler=ReloadingHandler)
    server.version = preview.version
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        say(
            "Serving {folder} at {address}; rebuilding on change (Ctrl+C stops).",
            folder=f"{output}/",
            address=f"http://localhost:{port}/",
        ),
        file=sys.stderr,
    )
    ignored = {str(output.resolve())}
    try:
        for changes in watch(
            *watched_paths(request),
            watch_filter=lambda _c, p: not any(p.startswith(i) for i in ignored),
        ):
            names = ", ".join(sorted({Path(p).name for _, p in changes})[:5])
            print(say("Changed: {names}; rebuilding.", names=names), file=sys.stderr)
            preview.changed({Path(p) for _, p in changes})
    finally:
        server.shutdown()
    return 0
