"""Every address the site writes, in one table: patterns of words, and the words of each language.

A pattern names words in angle brackets and parameters in braces:
`<projects>/{slug}/`. The default language's pages live at the root, the
others under `/<lang>/`, each with its own words: `projektai/x/` and
`en/projects/x/` on a Lithuanian site, `projects/x/` on an English one.
Words come from `WORDS` (Lithuanian and English), from English for any other
language, and from `SKAIDRA["words"]`, which may change any of them.
Capabilities outside core add patterns with a module-level `ROUTES` dict.

Paths are relative to the site root; a path ending in `/` is written as
`index.html` inside that folder. Pelican's own `*_URL`, `*_SAVE_AS` and
pagination settings are derived from this table (`pelican_settings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pelican.paginator import PaginationRule

WORDS: dict[str, dict[str, str]] = {
    "lt": {
        "news": "naujienos", "tags": "zymos", "archive": "archyvas", "page": "puslapis",
        "projects": "projektai", "organisations": "organizacijos", "funders": "finansuotojai",
        "funding": "finansavimas", "events": "renginiai", "past": "praeje", "venues": "vietos",
        "podcast": "podkastas", "search": "paieska", "network": "tinklas", "members": "nariai",
        # project filters and their status values
        "status": "busena", "year": "metai", "funder": "finansuotojas", "organisation": "organizacija", "member": "narys",
        "planned": "planuojami", "active": "vykdomi", "completed": "baigti", "cancelled": "atsaukti",
    },
    "en": {
        "news": "news", "tags": "tags", "archive": "archive", "page": "page",
        "projects": "projects", "organisations": "organisations", "funders": "funders",
        "funding": "funding", "events": "events", "past": "past", "venues": "venues",
        "podcast": "podcast", "search": "search", "network": "network", "members": "members",
        "status": "status", "year": "year", "funder": "funder", "organisation": "organisation", "member": "member",
        "planned": "planned", "active": "active", "completed": "completed", "cancelled": "cancelled",
    },
}  # fmt: skip

PATTERNS: dict[str, str] = {
    "home": "",
    "page": "{slug}/",
    "news": "<news>/",
    "article": "<news>/{slug}/",
    "tags": "<news>/<tags>/",
    "tag": "<news>/<tags>/{slug}/",
    "archives": "<news>/<archive>/",
    "projects": "<projects>/",
    "project": "<projects>/{slug}/",
    "projects_by": "<projects>/{facet}/{key}/",
    "organisation": "<organisations>/{slug}/",
    "funder": "<funders>/{slug}/",
    "funding": "<funding>/",
    "events": "<events>/",
    "events_past": "<events>/<past>/",
    "events_month": "<events>/{year}/{month:02d}/",
    "event": "<events>/{slug}/",
    "venue": "<events>/<venues>/{slug}/",
    "podcast": "<podcast>/",
    "episode": "<podcast>/{slug}/",
    "search": "<search>/",
    "network": "<network>/",
    "network_member": "<network>/<members>/{slug}/",
    "network_projects": "<network>/<projects>/",
    "network_projects_by": "<network>/<projects>/{facet}/{key}/",
    "network_funding": "<network>/<funding>/",
    "network_news": "<network>/<news>/",
}

# Files that are the same for every language: the contract's stable endpoints
# and the calendars beside project and event pages (in the default language's words).
FILES: dict[str, str] = {
    "calendar": "calendar.ics",
    "language_calendar": "calendar.{lang}.ics",  # the other languages' words; calendar.ics is the default's
    "project_calendar": "<projects>/{slug}/calendar.ics",
    "event_calendar": "<events>/{slug}/{slug}.ics",
    "podcast_feed": "feeds/podcast.xml",
    "news_feed": "feeds/all.atom.xml",
    "language_feed": "feeds/{lang}.atom.xml",
    "projects_json": "data/projects.json",
    "grants_csv": "data/grants.csv",
    "grants_xlsx": "data/grants.xlsx",
    "giving_json": "data/360giving.json",
    "iati_xml": "data/iati-activities.xml",
    "network_calendar": "<network>/calendar.ics",
}

FACETS = ("status", "year", "funder", "organisation")
STATUSES = ("planned", "active", "completed", "cancelled")
# Folders of the site's own files, which no page may take as its slug.
OWN_FOLDERS = ("media", "theme", "feeds", "data", "drafts", "pagefind")

_WORD = re.compile(r"<(\w+)>")


def save_as(path: str) -> str:
    """The output file for a path: folders get an `index.html`."""
    return path + "index.html" if path == "" or path.endswith("/") else path


class RouteTable:
    """The addresses of one site: its languages, their words, every pattern."""

    def __init__(
        self,
        languages: Iterable[str],
        words: Iterable[Mapping[str, Mapping[str, str]]] = (),
        patterns: Mapping[str, str] | None = None,
    ):
        """`words` are layers over `WORDS` (a capability's, then the site's settings)."""
        self.languages = tuple(languages)
        self.default = self.languages[0]
        layers = [WORDS, *words]
        self.words = {}
        for lang in self.languages:
            merged: dict[str, str] = {}
            for key in ("en", lang):  # English words wherever a language has none of its own
                for layer in layers:
                    merged.update(layer.get(key, {}))
            self.words[lang] = merged
        self.patterns = {**PATTERNS, **(patterns or {})}

    def _fill(self, pattern: str, lang: str) -> str:
        return _WORD.sub(lambda m: self.words[lang][m.group(1)], pattern)

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"

    def route(self, name: str, lang: str, **params: object) -> str:
        """The path of a page in a language, e.g. `projektai/nvok06101/`."""
        if "facet" in params:
            params["facet"] = self.words[lang][str(params["facet"])]
        return self.prefix(lang) + self._fill(self.patterns[name], lang).format(**params)

    def versions(self, name: str, **params: object) -> dict[str, str]:
        """The path of a page in every language."""
        return {lang: self.route(name, lang, **dict(params)) for lang in self.languages}

    def facet_key(self, facet: str, value: str, lang: str) -> str:
        """The address segment of a filter value: statuses are words of the language."""
        return self.words[lang][value] if facet == "status" else value

    def file(self, name: str, **params: object) -> str:
        """The path of a language-independent file such as a feed."""
        return self._fill(FILES[name], self.default).format(**params)

    def page_word(self, lang: str) -> str:
        return self.words[lang]["page"]

    def pagination(self, lang: str) -> list[PaginationRule]:
        """Pelican's pagination patterns with the language's word for "page"."""
        word = self.page_word(lang)
        return [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(
                2,
                f"{{base_name}}/{word}/{{number}}/",
                f"{{base_name}}/{word}/{{number}}/index.html",
            ),
        ]

    def pelican_settings(self) -> dict[str, object]:
        """Pelican's address settings for the default language's news, tags and pages."""
        lang = self.default

        def both(key: str, name: str, **params: str) -> dict[str, str]:
            path = self.route(name, lang, **params)
            return {f"{key}_URL": path, f"{key}_SAVE_AS": save_as(path)}

        other = next((x for x in self.languages if x != lang), lang)
        return {
            **both("ARTICLE", "article", slug="{slug}"),
            **both("PAGE", "page", slug="{slug}"),
            # Items in other languages get their `url` and `save_as` from the reader;
            # these patterns are Pelican's fallback only.
            "ARTICLE_LANG_URL": "{lang}/" + self._fill(self.patterns["article"], other),
            "ARTICLE_LANG_SAVE_AS": "{lang}/"
            + save_as(self._fill(self.patterns["article"], other)),
            "PAGE_LANG_URL": "{lang}/{slug}/",
            "PAGE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
            "INDEX_SAVE_AS": save_as(self.route("news", lang)),
            **both("TAG", "tag", slug="{slug}"),
            **both("TAGS", "tags"),
            **both("ARCHIVES", "archives"),
            "PAGINATION_PATTERNS": self.pagination(lang),
        }

    def reserved_slugs(self) -> dict[str, tuple[str, ...]]:
        """Slugs each kind of content must not take, because the site's own pages use them."""
        top = set(OWN_FOLDERS) | {lang for lang in self.languages if lang != self.default}
        for lang in self.languages:
            for pattern in self.patterns.values():
                first = self._fill(pattern, lang).split("/")[0]
                if first and "{" not in first:
                    top.add(first)
        facets = {self.words[lang][facet] for lang in self.languages for facet in FACETS}
        beside_events = {
            self.words[lang][word] for lang in self.languages for word in ("past", "venues")
        }
        return {
            "page": tuple(sorted(top)),
            "project": tuple(sorted(facets)),
            "event": tuple(sorted(beside_events)),
        }
