"""A local preview server for the output folder, with the site's MIME types."""

from __future__ import annotations

import functools
import io
import re
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from skaidra_model.media_types import MEDIA_TYPES, content_type
from skaidra_model.speech import say

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Handler(SimpleHTTPRequestHandler):
    """Serve files, folders by their index.html, and 404.html for what is missing.

    Single byte ranges are honoured, as on real hosts, so players can seek.
    """

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        **{s: content_type(s) for s in MEDIA_TYPES},
    }

    def send_head(self):
        match = _RANGE.match(self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if match is None or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        start = int(first) if first else max(size - int(last or 0), 0)
        end = min(int(last), size - 1) if first and last else size - 1
        if start >= size or start > end:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        with path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(end - start + 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(data)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        sys.stderr.write("serve: " + (format % args) + "\n")


def make_server(
    output: Path, port: int, host: str = "127.0.0.1", handler: type[Handler] = Handler
) -> ThreadingHTTPServer:
    """A server for `output` on `host:port` (not yet started)."""
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(output)))


def serve(output: Path, port: int) -> int:
    """Serve `output` until interrupted."""
    if not output.is_dir():
        print(
            say("{folder} does not exist yet; run 'make html' first.", folder=f"{output}/"),
            file=sys.stderr,
        )
        return 1
    server = make_server(output, port)
    print(
        say(
            "Serving {folder} at {address} (Ctrl+C stops).",
            folder=f"{output}/",
            address=f"http://localhost:{port}/",
        ),
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
