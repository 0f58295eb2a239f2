"""Where the web editor lives: in the built site, and beside the site while `skaidra edit` runs."""

from pathlib import Path

ADMIN = "admin"  # the editor's folder in the built site: /admin/
STATIC = Path(__file__).parent / "static"  # our own scripts, copied into admin/
LOCAL_PORT = 8081  # decap-server's port, which Decap's `local_backend` expects
LOCAL_BACKEND = f"http://localhost:{LOCAL_PORT}"
