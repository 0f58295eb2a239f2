"""Where the web editor lives: in the built site, and beside the site while `skaidra edit` runs."""

from pathlib import Path

ADMIN = "admin"  # the editor's folder in the built site: /admin/
STATIC = Path(__file__).parent / "static"  # our own scripts, copied into admin/
LOCAL_PORT = 8081  # decap-server's port unless `skaidra edit --backend-port` says another
LOCAL_ONLY_KEY = "SKAIDRA_EDIT_LOCAL"  # a build for `skaidra edit`: the local git backend's port, `editor` or not


def local_backend(port: int) -> str:
    """The address of the local git backend (decap-server) on this computer."""
    return f"http://localhost:{port}"
