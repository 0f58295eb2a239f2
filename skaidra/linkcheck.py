"""Every internal link, asset and anchor of a built site leads somewhere."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html
from skaidra_model.speech import say

LINK_ATTRIBUTES = {
    "a": "href", "link": "href", "img": "src", "script": "src", "audio": "src",
    "source": "src", "iframe": "src", "form": "action",
}  # fmt: skip


def _target(site: Path, path: str) -> Path | None:
    """The file a site path is served from, or None."""
    candidate = site / path.lstrip("/")
    if path.endswith("/") or path == "":
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def check_links(site: Path, site_url: str) -> list[str]:
    """Problems with links inside `site`, one line each; none when all is well."""
    site_url = site_url.rstrip("/")
    base_path = urlsplit(site_url).path.rstrip("/")
    host = urlsplit(site_url).netloc
    pages = sorted(site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    problems_in_pages: list[str] = []
    links: list[tuple[Path, str]] = []
    for page in pages:
        data = page.read_bytes()
        if not data.strip():
            problems_in_pages.append(say("{page}: the page is empty", page=page.relative_to(site)))
            continue
        tree = lxml_html.fromstring(data)
        ids[page] = {element.get("id") for element in tree.iter() if isinstance(element.tag, str) and element.get("id")}
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in tree.iter(tag):
                value = element.get(attribute)
                if value:
                    links.append((page, value))
    problems = problems_in_pages
    for page, value in links:
        parts = urlsplit(value)
        if parts.scheme in ("http", "https", "webcal") and parts.netloc != host:
            continue
        if parts.scheme not in ("", "http", "https", "webcal"):
            continue  # mailto:, tel:
        if parts.scheme == "" and not parts.path and parts.fragment:
            target: Path | None = page
        else:
            path = unquote(parts.path)
            if not path.startswith("/"):
                folder = "/" + page.parent.relative_to(site).as_posix()
                path = posixpath.normpath(posixpath.join(folder, path)) + ("/" if path.endswith("/") else "")
            if base_path and path.startswith(base_path):
                path = path[len(base_path):]
            target = _target(site, path)
        where = page.relative_to(site)
        if target is None:
            problems.append(say("{page}: broken link to {link} (nothing there)", page=where, link=value))
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, set()):
            problems.append(say("{page}: link to {link}: no element with id {id!r} there", page=where, link=value, id=parts.fragment))
    return sorted(set(problems))
