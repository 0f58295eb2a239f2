"""The web editor at `/admin/` (contract, section 11), only when `site.yaml` has `editor`.

After every generator has written, the build adds `admin/`: its page, its
`config.yml` made from the content schemas (decap_config.py), the editor's
programs as package-lock.json pins them (bundle.py), and its own
Content-Security-Policy. A build that is not a publish lets the editor use
the local git backend `skaidra edit` starts (Decap's `local_backend`, which
it uses only on localhost).

Reads: `SKAIDRA["editor"]`, `SKAIDRA["languages"]`, `SITENAME`, the build's production flag, and
`SKAIDRA_EDIT_LOCAL` (set by `skaidra edit`: the editor against the local backend, `editor` or not).
"""

from __future__ import annotations

import logging
from html import escape

import yaml
from pelican import signals
from skaidra_core import build_context
from skaidra_core.outputs import Output, link_or_copy
from skaidra_core.plugins import declared
from skaidra_core.settings import PRODUCTION_KEY, core_settings
from skaidra_core.site_settings import origin_of
from skaidra_model import Problem
from skaidra_model.site_file import SITE_FILE
from skaidra_model.speech import say

from .bundle import BundleMissing, editor_files
from .decap_config import api_origins, decap_config
from .paths import ADMIN, LOCAL_ONLY_KEY, LOCAL_PORT, STATIC, local_backend

log = logging.getLogger(__name__)

PAGE = """<!doctype html>
<html lang="{lang}" data-missing-alt="{missing_alt}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<link rel="icon" href="data:,">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="manual-init.js"></script>
<script src="decap/decap-cms.js"></script>
<script type="module" src="skaidra-editor.js"></script>
</body>
</html>
"""


def admin_policy(editor: dict | None, local: int | None) -> str:
    """The editor's own Content-Security-Policy: the site, the host it commits to, and (locally) the git backend.

    Decap checks its config with ajv, which compiles the checks to functions ('unsafe-eval'), styles itself with
    inline styles, and keeps pictures it uploads or reads through the host's API as blobs (it fetches them back
    from there when it saves)."""
    hosts = " ".join([*api_origins(editor), *([local_backend(local)] if local else [])])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {hosts}",
            "media-src 'self' blob:",
            f"connect-src 'self' blob: {hosts}",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def local_port(settings: dict) -> int | None:
    """The local git backend's port the editor may use: none in a publish."""
    return None if settings.get(PRODUCTION_KEY) else (settings.get(LOCAL_ONLY_KEY) or LOCAL_PORT)


def write_admin(pelican) -> None:
    """After every generator has written: `admin/`, when the site has an editor."""
    settings = pelican.settings
    core = core_settings(settings)
    editor = core["editor"]
    local_only = settings.get(LOCAL_ONLY_KEY)
    if not editor and not local_only:
        return
    build = build_context.of(settings)
    local = local_port(settings)
    try:
        files = editor_files()
    except BundleMissing as exc:
        where = origin_of(settings, "SKAIDRA", "editor") or (SITE_FILE, 1, "editor")
        log.error("%s", Problem(where[0], where[1], where[2], str(exc)))
        return
    kinds = tuple(kind for found in declared(settings, "CONTENT_KINDS") for kind in found)
    venues = tuple((venue.id, venue.name) for venue in build.site.venues.values())
    config = decap_config(tuple(core["languages"]), editor, local, kinds, venues)
    title = say("{site} – web editor", site=settings["SITENAME"])
    missing_alt = say(
        "{field}: say what the picture shows, for people who cannot see it", field="{field}"
    )
    page = PAGE.format(
        lang=core["languages"][0],
        policy=escape(admin_policy(editor, local)),
        title=escape(title),
        missing_alt=escape(missing_alt),
    )
    build.record.write(Output(f"{ADMIN}/index.html", listed=False), page.encode("utf-8"))
    build.record.write(
        Output(f"{ADMIN}/config.yml"),
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8"),
    )
    for name in ("manual-init.js", "skaidra-editor.js"):
        build.record.write(Output(f"{ADMIN}/{name}"), (STATIC / name).read_bytes())
    for path, source in files:
        output = Output(f"{ADMIN}/{path}")
        build.record.add(output)
        target = build.record.root / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)


def register() -> None:
    signals.finalized.connect(write_admin)
