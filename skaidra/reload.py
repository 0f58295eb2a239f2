"""The devserver's browser reload: each page it serves asks every half second whether the preview changed.

The page loads a small script from the devserver itself (allowed by the site's own policy, which lets
scripts and requests come from the site); the script reloads the page when the preview's version,
counted up after each change to the output folder, is not the one it first saw. Nothing of this is
ever written to the output folder.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from skaidra_editor.paths import ADMIN

from .serve import Handler

SCRIPT_PATH = "/.skaidra/reload.js"
VERSION_PATH = "/.skaidra/version"
SCRIPT = """\
(function () {
  "use strict";
  var seen = null;
  function check() {
    fetch("@VERSION_PATH@", {cache: "no-store"}).then(function (answer) { return answer.text(); }).then(function (version) {
      if (seen !== null && version !== seen) { location.reload(); return; }
      seen = version;
      setTimeout(check, 500);
    }, function () { setTimeout(check, 2000); });
  }
  check();
})();
""".replace("@VERSION_PATH@", VERSION_PATH)
TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()


class Version:
    """A counter of the preview's changes, safe to read from the server's threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = 0

    def bump(self) -> None:
        with self._lock:
            self._value += 1

    @property
    def value(self) -> int:
        with self._lock:
            return self._value


class ReloadingHandler(Handler):
    """Serve like `Handler`, with the reload script in every page and the version it asks for."""

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == VERSION_PATH:
            return self._answer(
                str(self.server.version.value).encode(), "text/plain; charset=utf-8"
            )
        if path == SCRIPT_PATH:
            return self._answer(SCRIPT.encode(), "text/javascript; charset=utf-8")
        file = Path(self.translate_path(self.path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        in_editor = path.startswith(
            f"/{ADMIN}/"
        )  # an editor reloaded mid-edit would lose what was typed
        if (
            file.suffix == ".html"
            and file.is_file()
            and "Range" not in self.headers
            and not in_editor
        ):
            return self._answer(with_script(file.read_bytes()), "text/html; charset=utf-8")
        return super().send_head()

    def _answer(self, body: bytes, content_type: str) -> io.BytesIO:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def with_script(page: bytes) -> bytes:
    """The page with the reload script at the end of its body."""
    at = page.rfind(b"</body>")
    return page + TAG if at < 0 else page[:at] + TAG + page[at:]
