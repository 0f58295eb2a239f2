"""Rebuild on every change and serve the last good build."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from watchfiles import watch

from .build import BuildRequest, build
from .cache import CONTENT_CACHE
from .serve import make_server
from skaidra_model.speech import say


def watched_paths(request: BuildRequest) -> list[Path]:
    """Content, theme, plugins and settings: whatever changes the site."""
    root = request.settings_file.resolve().parent
    candidates = [
        Path(request.input_dir), root / "templates", root / "theme", root / "plugins", root / "skaidra", request.settings_file,
    ]  # a site's own templates; the generator's theme and code in its repository
    return [p for p in candidates if p.exists()]


def devserver(request: BuildRequest, port: int) -> int:
    """Build, serve, and rebuild on change until interrupted; errors never stop it.

    Its builds keep the content cache beside the output folder, so that a rebuild reads only the
    changed files again and renders only the pages whose inputs changed (page_memo.py)."""
    output = Path(request.output_dir)
    request.overrides = {
        "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(output.resolve().parent / CONTENT_CACHE),
        **request.overrides,
    }  # fmt: skip
    build(request)
    output.mkdir(parents=True, exist_ok=True)
    server = make_server(output, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(say("Serving {folder} at {address}; rebuilding on change (Ctrl+C stops).", folder=f"{output}/", address=f"http://localhost:{port}/"), file=sys.stderr)
    ignored = {str(output.resolve())}
    try:
        for changes in watch(*watched_paths(request), watch_filter=lambda _c, p: not any(p.startswith(i) for i in ignored)):
            names = ", ".join(sorted({Path(p).name for _, p in changes})[:5])
            print(say("Changed: {names}; rebuilding.", names=names), file=sys.stderr)
            build(request)
    finally:
        server.shutdown()
    return 0
