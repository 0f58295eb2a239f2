"""Links to the site's parts, declared by the capability that writes each part.

A capability adds its menu and footer entries in its generator's
`generate_context`, before any page is rendered; the theme shows only the
entries declared, so no page links to a part that was left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .routes import RouteTable


@dataclass(frozen=True)
class Link:
    """A menu or footer entry: a routed page, or files that are the same in every language."""

    key: str  # the section it marks as current
    label: str  # an interface string, translated by the theme
    order: int  # position among the entries
    route: str | None = None  # a route name from routes.py
    files: tuple[tuple[str, str], ...] = ()  # (name shown, path); a path may hold {lang}

    def path(self, routes: RouteTable, lang: str) -> str:
        """The entry's page in a language, or its first file."""
        return routes.route(self.route, lang) if self.route else self.files[0][1].format(lang=lang)

    def files_in(self, lang: str) -> list[tuple[str, str]]:
        return [(name, path.format(lang=lang)) for name, path in self.files]
