"""Every internal link, asset and anchor of a built site leads somewhere."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html
from skaidra_model.speech import say

LINK_ATTRIBUTES = {
    "a": "href", "link": "href", "img": "src", "script": "src", "audio": "src",
    "source": "src", "iframe": "src", "form": "action",
}  # fmt: skip
SOURCE_SUFFIXES = (".md", ".yaml", ".yml")  # where editors write links


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


@dataclass(frozen=True, order=True)
class LinkProblem:
    """A link of a built page that leads nowhere: the page, the link as written, and the message."""

    page: str
    link: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


def check_links(site: Path, site_url: str) -> list[str]:
    """Problems with links inside `site`, one line each; none when all is well."""
    return sorted(str(problem) for problem in link_problems(site, site_url))


def written_at(content: Path, links: set[str]) -> dict[str, tuple[Path, int]]:
    """The content file and line where an editor first wrote each of `links`, for those an editor did
    write (a template's link is no one's); each file is read once."""
    found: dict[str, tuple[Path, int]] = {}
    for path in sorted(content.rglob("*")):
        if found.keys() == links:
            break
        if path.suffix not in SOURCE_SUFFIXES or any(
            part.startswith(".") for part in path.relative_to(content).parts
        ):
            continue
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1
        ):
            for link in links - found.keys():
                if link in line:
                    found[link] = (path, number)
    return found


def link_problems(site: Path, site_url: str) -> list[LinkProblem]:
    """Problems with links inside `site`; none when all is well."""
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
            problems_in_pages.append(
                LinkProblem(str(page.relative_to(site)), "", say("the page is empty"))
            )
            continue
        tree = lxml_html.fromstring(data)
        ids[page] = {
            element.get("id")
            for element in tree.iter()
            if isinstance(element.tag, str) and element.get("id")
        }
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
                path = posixpath.normpath(posixpath.join(folder, path)) + (
                    "/" if path.endswith("/") else ""
                )
            if base_path and path.startswith(base_path):
                path = path[len(base_path) :]
            target = _target(site, path)
        where = str(page.relative_to(site))
        if target is None:
            problems.append(
                LinkProblem(where, value, say("broken link to {link} (nothing there)", link=value))
            )
        elif (
            parts.fragment
            and target.suffix == ".html"
            and parts.fragment not in ids.get(target, set())
        ):
            problems.append(
                LinkProblem(
                    where,
                    value,
                    say(
                        "link to {link}: no element with id {id!r} there",
                        link=value,
                        id=parts.fragment,
                    ),
                )
            )
    return sorted(set(problems))
