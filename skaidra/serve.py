"""A local preview server for the output folder, with the site's MIME types."""

from __future__ import annotations

import functools
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIME_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/opus",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
}


class Handler(SimpleHTTPRequestHandler):
    """Serve files, folders by their index.html, and 404.html for what is missing."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

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

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        sys.stderr.write("serve: " + (format % args) + "\n")


def make_server(output: Path, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server for `output` on `host:port` (not yet started)."""
    handler = functools.partial(Handler, directory=str(output))
    return ThreadingHTTPServer((host, port), handler)


def serve(output: Path, port: int) -> int:
    """Serve `output` until interrupted."""
    if not output.is_dir():
        print(f"{output}/ does not exist yet; run 'make html' first.", file=sys.stderr)
        return 1
    server = make_server(output, port)
    print(f"Serving {output}/ at http://localhost:{port}/ (Ctrl+C stops).", file=sys.stderr)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
